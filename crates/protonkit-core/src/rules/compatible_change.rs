declare_rule! {
    /// ## What it does
    /// Lists, in `protonkit diff`, a compatible change (level `minor`): every spec that was
    /// valid stays valid and needs nothing new, though resources may deploy differently
    /// (a changed default).
    ///
    /// ## Why is this bad?
    /// It is not: the finding documents the change so that a reviewer sees every change
    /// the new minor version makes. Ignore the rule to list breaking changes only.
    ///
    /// ## Example
    /// ```yaml
    /// properties:
    ///   port:
    ///     type: number
    ///     default: 80
    ///   log_level:          # new, optional
    ///     type: string
    /// ```
    ///
    /// ## Use instead
    /// Nothing to change; `--ignore compatible-change` leaves such changes out of the report.
    ("P601", "compatible-change", Info, "a template change that a minor version may make")
}
