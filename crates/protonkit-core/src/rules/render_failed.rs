declare_rule! {
    /// ## What it does
    /// Reports a template that fails to render: a reference to something the context does
    /// not have (Proton renders with strict undefined: a missing input, a misspelt
    /// namespace, a component output read without `default`), a filter that refuses its
    /// value (`proton_cfn_sanitize`), or a loop that does not end. `protonkit lint` renders
    /// every CloudFormation template once with inputs made up from the schema (defaults, or
    /// a value of the right type) and made-up outputs, and reports what fails as a warning
    /// (made-up values can fail where real ones would not); `protonkit render` renders with
    /// a spec's inputs and reports errors.
    ///
    /// ## Why is this bad?
    /// The deployment fails when Proton renders the template.
    ///
    /// ## Example
    /// ```yaml
    /// CidrBlock: '{{ environment.inputs.vpc_cidr_block }}'   # the input is `vpc_cidr`
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// CidrBlock: '{{ environment.inputs.vpc_cidr }}'
    /// ```
    ("P301", "render-failed", Error, "a template that fails to render")
}

pub(crate) fn check(bundle: &super::prelude::Bundle, out: &mut Vec<super::prelude::Diagnostic>) {
    out.extend(crate::render::lint_findings(bundle, RULE.code));
}
