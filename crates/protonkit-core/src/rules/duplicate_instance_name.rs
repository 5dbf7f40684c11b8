declare_rule! {
    /// ## What it does
    /// Reports a service instance whose `name` repeats an earlier instance's name in the same
    /// spec.
    ///
    /// ## Why is this bad?
    /// Instance names are unique within a service; the second instance cannot be created (or
    /// silently replaces the first in tools that key instances by name).
    ///
    /// ## Example
    /// ```yaml
    /// instances:
    ///   - name: web
    ///     environment: dev
    ///   - name: web
    ///     environment: prod
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// instances:
    ///   - name: web-dev
    ///     environment: dev
    ///   - name: web-prod
    ///     environment: prod
    /// ```
    ("P204", "duplicate-instance-name", Error, "two service instances with the same name")
}
