declare_rule! {
    /// ## What it does
    /// Checks string inputs against the `format` of their property when it is one protonkit
    /// knows (`date`, `date-time`, `email`, `hostname`, `ipv4`, `ipv6`, `uri`, `uuid` ...). The
    /// OpenAPI formats that only annotate a type (`int32`, `password` ...) are not checked.
    ///
    /// ## Why is this bad?
    /// A value in the wrong format is almost certainly a mistake. Whether Proton itself checks
    /// formats is not documented, so this is a warning.
    ///
    /// ## Example
    /// ```yaml
    /// spec:
    ///   owner_email: platform-team
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec:
    ///   owner_email: platform-team@example.com
    /// ```
    ("P226", "input-format-mismatch", Warning, "a string input that does not have the property's `format`")
}
