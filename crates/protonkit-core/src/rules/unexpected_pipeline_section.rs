declare_rule! {
    /// ## What it does
    /// Reports a `pipeline:` section in a spec for a service template that has no pipeline
    /// (no `pipeline_input_type` in its schema and no `pipeline_infrastructure/` folder).
    ///
    /// ## Why is this bad?
    /// Proton rejects pipeline inputs for a template that does not provision a pipeline.
    ///
    /// ## Example
    /// ```yaml
    /// proton: ServiceSpec
    /// pipeline:
    ///   dockerfile: Dockerfile
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
    ("P208", "unexpected-pipeline-section", Error, "a `pipeline:` section for a service template without a pipeline")
}
