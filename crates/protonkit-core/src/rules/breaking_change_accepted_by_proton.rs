declare_rule! {
    /// ## What it does
    /// Under the `proton` compatibility policy (`[compat] policy = "proton"` in
    /// protonkit.toml), reports a change that the `contract` policy calls breaking but that
    /// Proton's own registration check is documented to accept in a minor version: narrowed
    /// constraints (a removed enum value, a new pattern, a lower maximum) and removed
    /// outputs that other templates read.
    ///
    /// ## Why is this bad?
    /// Registration succeeds, but specs that were valid may be rejected at their next
    /// update, and services reading a removed output fail to render.
    ///
    /// ## Example
    /// ```yaml
    /// size:
    ///   type: string
    ///   enum: [small, medium]     # was [small, medium, large]
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// size:
    ///   type: string
    ///   enum: [small, medium, large]   # or make the change in a new major version
    /// ```
    ("P603", "breaking-change-accepted-by-proton", Warning, "a breaking template change that Proton's own check lets through")
}
