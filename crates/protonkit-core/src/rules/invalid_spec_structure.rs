declare_rule! {
    /// ## What it does
    /// Checks the shape of a spec file: the document is a mapping, `spec:` and `pipeline:` are
    /// mappings of inputs, `instances:` is a sequence of mappings, and every instance has a
    /// `name` and an `environment` written as strings.
    ///
    /// ## Why is this bad?
    /// Proton cannot read inputs out of a section of the wrong type, and it cannot create an
    /// instance without knowing its name and the environment it is deployed to.
    ///
    /// ## Example
    /// ```yaml
    /// proton: ServiceSpec
    /// instances:
    ///   name: web
    ///   environment: dev
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// proton: ServiceSpec
    /// instances:
    ///   - name: web
    ///     environment: dev
    /// ```
    ("P201", "invalid-spec-structure", Error, "a spec section of the wrong type, or an instance without a required field")
}
