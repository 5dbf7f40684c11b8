declare_rule! {
    /// ## What it does
    /// Reports a `null` value in a rendered CloudFormation template: a key with nothing
    /// after it, often because an `{% if %}` left its block empty.
    ///
    /// ## Why is this bad?
    /// CloudFormation rejects the template: "'null' values are not allowed in templates".
    ///
    /// ## Example
    /// ```yaml
    /// Tags:
    /// {% if environment.inputs.team %}
    ///   - Key: team
    ///     Value: '{{ environment.inputs.team }}'
    /// {% endif %}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// {% if environment.inputs.team %}
    /// Tags:
    ///   - Key: team
    ///     Value: '{{ environment.inputs.team }}'
    /// {% endif %}
    /// ```
    ("P306", "null-in-template", Error, "a null value in a rendered CloudFormation template")
}

pub(crate) fn check(bundle: &super::prelude::Bundle, out: &mut Vec<super::prelude::Diagnostic>) {
    out.extend(crate::render::lint_findings(bundle, RULE.code));
}
