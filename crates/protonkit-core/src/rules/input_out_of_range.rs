declare_rule! {
    /// ## What it does
    /// Checks number inputs against `minimum` and `maximum`, with OpenAPI 3.0's boolean
    /// `exclusiveMinimum`/`exclusiveMaximum` making the bound exclusive.
    ///
    /// ## Why is this bad?
    /// Proton rejects the value.
    ///
    /// ## Example
    /// ```yaml
    /// spec:
    ///   port: 70000
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec:
    ///   port: 8080
    /// ```
    ("P224", "input-out-of-range", Error, "a number input outside `minimum`/`maximum`")
}
