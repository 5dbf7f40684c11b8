declare_rule! {
    /// ## What it does
    /// Reports input keys that are not properties of the input type (or of a nested object
    /// property), with the closest property name as a suggestion.
    ///
    /// ## Why is this bad?
    /// A misspelt input is ignored and its property gets its default (or nothing), so the
    /// template renders differently from what the spec says. Whether Proton rejects unknown
    /// inputs is not documented, so this is a warning.
    ///
    /// ## Example
    /// ```yaml
    /// spec:
    ///   desired_cuont: 3
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec:
    ///   desired_count: 3
    /// ```
    ("P227", "unknown-input", Warning, "an input that the schema does not define")
}
