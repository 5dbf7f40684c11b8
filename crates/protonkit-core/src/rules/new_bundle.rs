declare_rule! {
    /// ## What it does
    /// Reports, in `protonkit diff --git REF`, a bundle that does not exist at `REF` and has
    /// no earlier major version to compare with: a new template.
    ///
    /// ## Why is this bad?
    /// It is not: the finding says that nothing was compared, so that a new template is not
    /// mistaken for an unchanged one.
    ///
    /// ## Example
    /// ```text
    /// my-new-env/v1/   # added since REF
    /// ```
    ///
    /// ## Use instead
    /// Nothing to change.
    ("P605", "new-bundle", Info, "a bundle that is new since the compared revision")
}
