declare_rule! {
    /// ## What it does
    /// Reports a single output of the attached component
    /// (`service_instance.components.default.outputs.NAME`) read without `| default(...)`
    /// or an `is defined` test.
    ///
    /// ## Why is this bad?
    /// Proton documents that referencing a component output that does not exist (no
    /// component attached, or no such output) makes rendering fail; whole-object references
    /// evaluate to `{}` instead.
    ///
    /// ## Example
    /// ```yaml
    /// QueueUrl: '{{ service_instance.components.default.outputs.QueueUrl }}'
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// QueueUrl: '{{ service_instance.components.default.outputs.QueueUrl | default("") }}'
    /// ```
    ("P318", "component-output-without-default", Warning, "a single component output read without default")
}

pub(crate) fn check(bundle: &super::prelude::Bundle, out: &mut Vec<super::prelude::Diagnostic>) {
    out.extend(crate::render::lint_findings(bundle, RULE.code));
}
