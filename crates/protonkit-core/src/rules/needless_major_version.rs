declare_rule! {
    /// ## What it does
    /// Reports, in `protonkit diff`, a new major version folder (`<name>/v<N+1>/`) whose
    /// changes from `v<N>` are all compatible.
    ///
    /// ## Why is this bad?
    /// Resources never move to a new major version by themselves: every environment or
    /// service must be updated to it explicitly, while a minor version of `v<N>` reaches
    /// them as a recommended update. A major version without breaking changes costs every
    /// team a migration for nothing.
    ///
    /// ## Example
    /// ```text
    /// my-env/v1/schema/schema.yaml
    /// my-env/v2/schema/schema.yaml   # only adds an optional input
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// my-env/v1/schema/schema.yaml   # the optional input added here, a new minor version
    /// ```
    ("P604", "needless-major-version", Info, "a new major version that makes no breaking change")
}
