declare_rule! {
    /// ## What it does
    /// Checks input values against the `enum` of their property and suggests the closest
    /// allowed value.
    ///
    /// ## Why is this bad?
    /// Proton rejects a value outside the `enum`; templates usually branch on these values, so
    /// any other value could not render as intended.
    ///
    /// ## Example
    /// ```yaml
    /// spec:
    ///   task_size: meduim
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec:
    ///   task_size: medium
    /// ```
    ("P221", "input-not-in-enum", Error, "an input value that is not one of the property's `enum` values")
}
