declare_rule! {
    /// ## What it does
    /// Checks every input value against the `type` of its property in `schema.yaml`
    /// (`string`, `number`, `integer`, `boolean`, `array`, `object`; `nullable: true` allows
    /// `null`).
    ///
    /// ## Why is this bad?
    /// Proton validates the spec against the schema and rejects a value of another type.
    ///
    /// ## Example
    /// ```yaml
    /// spec:
    ///   desired_count: three
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec:
    ///   desired_count: 3
    /// ```
    ("P220", "input-type-mismatch", Error, "an input value of the wrong type")
}
