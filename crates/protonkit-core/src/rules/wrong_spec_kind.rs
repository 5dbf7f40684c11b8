declare_rule! {
    /// ## What it does
    /// Checks the `proton:` key of a spec file: it must be present, be `EnvironmentSpec` or
    /// `ServiceSpec`, and match the template the spec is validated against (an environment
    /// template takes an `EnvironmentSpec`, a service template a `ServiceSpec`).
    ///
    /// ## Why is this bad?
    /// Proton reads the spec according to `proton:`. A service spec given to an environment
    /// template (or a spec without the key) is rejected before any input is looked at.
    ///
    /// ## Example
    /// ```yaml
    /// proton: EnvironmentSpec
    /// instances:
    ///   - name: web
    ///     environment: dev
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// proton: ServiceSpec
    /// instances:
    ///   - name: web
    ///     environment: dev
    /// ```
    ("P200", "wrong-spec-kind", Error, "a spec whose `proton:` kind is missing, unknown, or not the bundle's kind")
}
