declare_rule! {
    /// ## What it does
    /// Reports a CloudFormation template that Jinja cannot parse: an unclosed `{% if %}`
    /// or `{% for %}`, an unknown tag, a stray `{{`, or a tag that Proton's Jinja2 does not
    /// have without extensions (`{% break %}`, `{% continue %}`, `{% do %}`).
    ///
    /// ## Why is this bad?
    /// Proton renders the template only when an environment or service is deployed, so the
    /// error shows up there, long after the template was registered.
    ///
    /// ## Example
    /// ```yaml
    /// {% if environment.inputs.public %}
    ///   PublicSubnet:
    ///     Type: AWS::EC2::Subnet
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// {% if environment.inputs.public %}
    ///   PublicSubnet:
    ///     Type: AWS::EC2::Subnet
    /// {% endif %}
    /// ```
    ("P300", "jinja-syntax-error", Error, "a CloudFormation template that Jinja cannot parse")
}

pub(crate) fn check(bundle: &super::prelude::Bundle, out: &mut Vec<super::prelude::Diagnostic>) {
    out.extend(crate::render::lint_findings(bundle, RULE.code));
}
