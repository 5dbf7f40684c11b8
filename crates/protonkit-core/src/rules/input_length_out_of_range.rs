declare_rule! {
    /// ## What it does
    /// Checks the length of string inputs, in characters, against `minLength` and
    /// `maxLength`.
    ///
    /// ## Why is this bad?
    /// Proton rejects the value; names that feed resource names are usually limited for a
    /// reason (a resource-name limit downstream).
    ///
    /// ## Example
    /// ```yaml
    /// spec:
    ///   service_name: a-name-that-is-much-longer-than-allowed
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec:
    ///   service_name: orders
    /// ```
    ("P223", "input-length-out-of-range", Error, "a string input shorter than `minLength` or longer than `maxLength`")
}
