declare_rule! {
    /// ## What it does
    /// Reports a `ServiceSpec` without a `pipeline:` section when the template's pipeline
    /// input type has required inputs without defaults.
    ///
    /// ## Why is this bad?
    /// Proton cannot provision the pipeline without those inputs and rejects the service.
    ///
    /// ## Example
    /// ```yaml
    /// proton: ServiceSpec
    /// instances:
    ///   - name: web
    ///     environment: dev
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// proton: ServiceSpec
    /// pipeline:
    ///   repository_name: my-app
    /// instances:
    ///   - name: web
    ///     environment: dev
    /// ```
    ("P209", "missing-pipeline-section", Error, "no `pipeline:` section although the pipeline has required inputs")
}
