declare_rule! {
    /// ## What it does
    /// Reports a property listed in `required` that has no `default` and is not given in the
    /// spec. The finding points at the mapping that lacks it and names it.
    ///
    /// ## Why is this bad?
    /// Proton rejects the spec; the value cannot come from anywhere else.
    ///
    /// ## Example
    /// ```yaml
    /// spec:
    ///   port: 8080        # `image` is required
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec:
    ///   port: 8080
    ///   image: public.ecr.aws/nginx/nginx:stable
    /// ```
    ("P228", "missing-required-input", Error, "a required input without a default that the spec leaves out")
}
