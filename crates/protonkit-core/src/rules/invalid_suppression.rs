declare_rule! {
    /// ## What it does
    /// Reports an entry of a suppression comment that names no rule: not a code (`P101`),
    /// not a name (`invalid-schema-header`), not a code prefix (`P1`).
    ///
    /// ## Why is this bad?
    /// The entry silences nothing; usually it is a misspelt rule name, so the finding it was
    /// meant to silence is still reported, or the rule was renamed.
    ///
    /// ## Example
    /// ```yaml
    /// template_langauge: cloudformation  # protonkit: ignore[unknown-key]
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// template_langauge: cloudformation  # protonkit: ignore[unknown-manifest-key]
    /// ```
    ("P006", "invalid-suppression", Warning, "a suppression entry that names no rule")
}
