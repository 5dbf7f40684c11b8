declare_rule! {
    /// ## What it does
    /// Reports a rendered CloudFormation template that is not YAML (or JSON), or not a
    /// mapping of sections: typically a value Jinja wrote that needs quotes, or a loop that
    /// writes lines at the wrong indentation.
    ///
    /// ## Why is this bad?
    /// CloudFormation rejects the template when Proton deploys it.
    ///
    /// ## Example
    /// ```yaml
    /// Description: {{ environment.inputs.description }}   # renders `Description: a: b`
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// Description: '{{ environment.inputs.description }}'
    /// ```
    ("P302", "rendered-template-not-yaml", Error, "a rendered CloudFormation template that is not YAML")
}

pub(crate) fn check(bundle: &super::prelude::Bundle, out: &mut Vec<super::prelude::Diagnostic>) {
    out.extend(crate::render::lint_findings(bundle, RULE.code));
}
