declare_rule! {
    /// ## What it does
    /// Checks string inputs against the `pattern` of their property (an ECMA-262 regular
    /// expression, matched anywhere in the value as OpenAPI specifies).
    ///
    /// ## Why is this bad?
    /// Proton rejects a value that does not match the pattern.
    ///
    /// ## Example
    /// ```yaml
    /// spec:
    ///   vpc_cidr: 10.0.0.0
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec:
    ///   vpc_cidr: 10.0.0.0/16
    /// ```
    ("P222", "input-pattern-mismatch", Error, "an input value that does not match the property's `pattern`")
}
