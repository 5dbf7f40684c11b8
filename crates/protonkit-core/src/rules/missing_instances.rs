declare_rule! {
    /// ## What it does
    /// Reports a `ServiceSpec` with no `instances:` key or an empty `instances:` list.
    ///
    /// ## Why is this bad?
    /// Proton's guide says a service must keep at least one instance, and a spec without
    /// instances creates nothing but the pipeline. An AWS sample does create a pipeline-only
    /// service with `instances: []`, so this is a warning: make sure it is intended.
    ///
    /// ## Example
    /// ```yaml
    /// proton: ServiceSpec
    /// instances: []
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// proton: ServiceSpec
    /// instances:
    ///   - name: web
    ///     environment: dev
    /// ```
    ("P205", "missing-instances", Warning, "a service spec without any instance")
}
