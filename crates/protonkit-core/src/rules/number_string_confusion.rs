declare_rule! {
    /// ## What it does
    /// Reports an unquoted number as the value of a `string` input (`version: 1.10`), and a
    /// quoted number as the value of a `number` or `integer` input (`port: "8080"`).
    ///
    /// ## Why is this bad?
    /// YAML reads `1.10` as the number 1.1, so the string the template receives may not be the
    /// one written; a quoted number is a string, which a number input does not accept unless the
    /// parser converts it. protonkit reads the value as the type the schema declares and warns.
    ///
    /// ## Example
    /// ```yaml
    /// spec:
    ///   image_tag: 1.10
    ///   port: "8080"
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec:
    ///   image_tag: "1.10"
    ///   port: 8080
    /// ```
    ("P230", "number-string-confusion", Warning, "a number written where a string is expected, or a quoted number for a number input")
}
