declare_rule! {
    /// ## What it does
    /// Reports a spec file longer than 51,200 characters, the limit of the `spec` parameter of
    /// Proton's API.
    ///
    /// ## Why is this bad?
    /// Proton rejects the whole request; nothing in the spec is applied.
    ///
    /// ## Example
    /// ```yaml
    /// proton: ServiceSpec
    /// instances:
    ///   # ... 60,000 characters of instances and inputs
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// proton: ServiceSpec
    /// instances:
    ///   # ... inputs moved into defaults in schema.yaml, under 51,200 characters
    /// ```
    ("P210", "spec-too-long", Error, "a spec longer than Proton's limit of 51,200 characters")
}
