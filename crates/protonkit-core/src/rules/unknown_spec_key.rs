declare_rule! {
    /// ## What it does
    /// Reports keys that a spec file does not define: at the top level anything other than
    /// `proton`, `spec`, `pipeline` and `instances`, and in an instance anything other than
    /// `name`, `environment` and `spec`. Close misspellings get a suggestion.
    ///
    /// ## Why is this bad?
    /// A misspelt section is ignored, so its inputs are silently dropped: `instance:` instead
    /// of `instances:` leaves the service with no instances at all. Whether Proton rejects such
    /// keys is not documented, so this is a warning.
    ///
    /// ## Example
    /// ```yaml
    /// proton: ServiceSpec
    /// instances:
    ///   - name: web
    ///     enviroment: dev
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// proton: ServiceSpec
    /// instances:
    ///   - name: web
    ///     environment: dev
    /// ```
    ("P202", "unknown-spec-key", Warning, "a key that spec files do not define, such as a misspelt `instances`")
}
