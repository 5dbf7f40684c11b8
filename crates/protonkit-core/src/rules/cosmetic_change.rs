declare_rule! {
    /// ## What it does
    /// Lists, in `protonkit diff`, a change with no effect on what specs may hold (level
    /// `patch`): descriptions, titles, examples, a renamed input type.
    ///
    /// ## Why is this bad?
    /// It is not: the finding documents the change. Ignore the rule to leave such changes
    /// out of the report.
    ///
    /// ## Example
    /// ```yaml
    /// port:
    ///   type: number
    ///   description: The port the container listens on   # reworded
    /// ```
    ///
    /// ## Use instead
    /// Nothing to change; `--ignore cosmetic-change` leaves such changes out of the report.
    ("P602", "cosmetic-change", Info, "a template change that does not affect specs")
}
