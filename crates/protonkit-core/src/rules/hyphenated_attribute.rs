declare_rule! {
    /// ## What it does
    /// Reports a dotted name with a hyphen, such as `environment.outputs.my-output`: Jinja
    /// reads it as `environment.outputs.my` minus `output`.
    ///
    /// ## Why is this bad?
    /// The template reads the wrong name, and rendering fails or writes a number.
    ///
    /// ## Example
    /// ```yaml
    /// VpcId: '{{ environment.outputs.vpc-id }}'
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// VpcId: '{{ environment.outputs["vpc-id"] }}'
    /// ```
    ("P314", "hyphenated-attribute", Error, "a dotted name with a hyphen, which Jinja reads as a subtraction")
}

pub(crate) fn check(bundle: &super::prelude::Bundle, out: &mut Vec<super::prelude::Diagnostic>) {
    out.extend(crate::render::lint_findings(bundle, RULE.code));
}
