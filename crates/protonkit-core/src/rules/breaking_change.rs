declare_rule! {
    /// ## What it does
    /// Reports, in `protonkit diff`, a change that needs a new major version (level
    /// `major`): a spec that was valid may become invalid, or developers must supply new
    /// information. Each finding names its change id; `protonkit diff --explain ID` gives
    /// the reason for its level. Changes in a new major version (`<name>/v<N+1>/` compared
    /// with `v<N>`) are reported at `info`, since they are what a major version is for.
    ///
    /// ## Why is this bad?
    /// Proton refuses to register an incompatible minor version (`REGISTRATION_FAILED`),
    /// also when template sync creates it; and where its best-effort check lets a change
    /// through, existing environments and services fail at their next update.
    ///
    /// ## Example
    /// ```yaml
    /// # my-svc/v1/schema/schema.yaml, changed in place
    /// required:
    ///   - port
    ///   - image        # new, no default
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// # my-svc/v2/schema/schema.yaml: a new major version (or give `image` a default)
    /// required:
    ///   - port
    ///   - image
    /// ```
    ("P600", "breaking-change", Error, "a template change that needs a new major version")
}
