declare_rule! {
    /// ## What it does
    /// Checks array inputs against `minItems`, `maxItems` and `uniqueItems`.
    ///
    /// ## Why is this bad?
    /// Proton rejects the value.
    ///
    /// ## Example
    /// ```yaml
    /// spec:
    ///   subnets: []      # minItems: 1
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec:
    ///   subnets: [10.0.1.0/24]
    /// ```
    ("P225", "invalid-input-items", Error, "an array input with too few or too many items, or repeated items")
}
