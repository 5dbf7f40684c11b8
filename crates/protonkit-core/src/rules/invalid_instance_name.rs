declare_rule! {
    /// ## What it does
    /// Checks each instance `name` against Proton's resource-name rule: 1 to 100 characters,
    /// starting with a letter or digit, then letters, digits, `_` and `-`.
    ///
    /// ## Why is this bad?
    /// Proton rejects `CreateServiceInstance` with a name outside this pattern, after the
    /// service itself may already have been created.
    ///
    /// ## Example
    /// ```yaml
    /// instances:
    ///   - name: web.dev
    ///     environment: dev
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// instances:
    ///   - name: web-dev
    ///     environment: dev
    /// ```
    ("P203", "invalid-instance-name", Error, "a service instance name that Proton does not accept")
}
