declare_rule! {
    /// ## What it does
    /// Reports an optional input without a `default` that a template reads without a
    /// guard: no `| default(...)`, no `is defined` test on it or in an enclosing
    /// `{% if %}`.
    ///
    /// ## Why is this bad?
    /// Proton renders with strict undefined handling: a spec that leaves the input out
    /// makes rendering fail, although the spec is valid.
    ///
    /// ## Example
    /// ```yaml
    /// Owner: '{{ environment.inputs.team }}'    # `team` is optional, no default
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// Owner: '{{ environment.inputs.team | default("platform") }}'
    /// ```
    ("P317", "unguarded-optional-input", Warning, "an optional input without default read without a guard")
}

pub(crate) fn check(bundle: &super::prelude::Bundle, out: &mut Vec<super::prelude::Diagnostic>) {
    out.extend(crate::render::lint_findings(bundle, RULE.code));
}
