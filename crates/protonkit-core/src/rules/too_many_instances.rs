declare_rule! {
    /// ## What it does
    /// Reports a `ServiceSpec` with more than 20 instances.
    ///
    /// ## Why is this bad?
    /// Proton's default quota is 20 service instances per service. The quota can be raised,
    /// so this is a warning: check that your account's limit allows the number.
    ///
    /// ## Example
    /// ```yaml
    /// instances:
    ///   - name: web-01
    ///     environment: dev
    ///   # ... 20 more instances
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// instances:
    ///   - name: web-01
    ///     environment: dev
    ///   # ... at most 20 instances in total, or a raised quota
    /// ```
    ("P206", "too-many-instances", Warning, "more service instances than Proton's default quota of 20")
}
