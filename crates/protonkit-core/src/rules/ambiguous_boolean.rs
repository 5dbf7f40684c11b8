declare_rule! {
    /// ## What it does
    /// Reports the YAML 1.1 boolean words (`yes`, `no`, `on`, `off`, `y`, `n` in any case)
    /// written unquoted as the value of a `boolean` input.
    ///
    /// ## Why is this bad?
    /// YAML 1.2 reads them as strings and YAML 1.1 as booleans, so whether the value is valid,
    /// and whether a template's `{% if %}` sees it as true, depends on the parser. `no` read as
    /// the string "no" is even truthy in Jinja. protonkit reads them as booleans, as YAML 1.1
    /// does.
    ///
    /// ## Example
    /// ```yaml
    /// spec:
    ///   public: yes
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec:
    ///   public: true
    /// ```
    ("P229", "ambiguous-boolean", Warning, "`yes`, `no`, `on` or `off` written for a boolean input")
}
