declare_rule! {
    /// ## What it does
    /// Reports a rendered CloudFormation template without resources: no `Resources`
    /// section, or an empty one (for example when every resource sits in an `{% if %}`
    /// that is false).
    ///
    /// ## Why is this bad?
    /// CloudFormation needs at least one resource and rejects the template.
    ///
    /// ## Example
    /// ```yaml
    /// Resources:
    /// {% if environment.inputs.enabled %}
    ///   Queue:
    ///     Type: AWS::SQS::Queue
    /// {% endif %}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// Conditions:
    ///   Enabled: !Equals ['{{ environment.inputs.enabled }}', 'True']
    /// Resources:
    ///   Queue:
    ///     Type: AWS::SQS::Queue
    ///     Condition: Enabled
    /// ```
    ("P304", "missing-resources", Error, "a rendered CloudFormation template without resources")
}

pub(crate) fn check(bundle: &super::prelude::Bundle, out: &mut Vec<super::prelude::Diagnostic>) {
    out.extend(crate::render::lint_findings(bundle, RULE.code));
}
