declare_rule! {
    /// ## What it does
    /// Reports a suppression comment, or one entry of it, that silences no finding:
    /// `# protonkit: ignore[...]` on a line (or above it) without such a finding, or
    /// `# protonkit: ignore-file[...]` in a file without one.
    ///
    /// ## Why is this bad?
    /// Suppressions outlive the problem they were written for. An unused one hides the next
    /// real finding of that rule on that line, and misleads readers about what is wrong.
    ///
    /// ## Example
    /// ```yaml
    /// # protonkit: ignore[unknown-manifest-key]
    /// infrastructure:
    ///   templates:
    ///     - file: cloudformation.yaml
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// infrastructure:
    ///   templates:
    ///     - file: cloudformation.yaml
    /// ```
    ("P005", "unused-suppression", Warning, "a suppression comment that silences nothing")
}
