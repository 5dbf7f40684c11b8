use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Reports what the loader refused to read into the bundle: a symbolic link that points
    /// outside the bundle folder, archive entries with absolute paths or `..` segments,
    /// links inside archives, and entries past the entry-count or unpacked-size caps.
    ///
    /// ## Why is this bad?
    /// Proton packs the bundle folder itself; a link out of it or an entry that climbs out
    /// of the archive does not end up in the bundle Proton sees, and in an archive it is a
    /// known attack ("zip slip"). Oversized archives are likely archive bombs.
    ///
    /// ## Example
    /// ```text
    /// infrastructure/cloudformation.yaml -> ../../shared/cloudformation.yaml
    /// ```
    ///
    /// ## Use instead
    /// Copy the file into the bundle.
    ("P016", "refused-bundle-entry", Error, "a link out of the bundle or an unsafe archive entry")
}

pub(super) fn check(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    for refusal in bundle.refused() {
        out.push(
            Diagnostic::new(
                rule(),
                Location::Path(refusal.path.clone()),
                format!("`{}` was not read: {}", refusal.path, refusal.reason),
            )
            .help("keep every bundle file as a regular file inside the bundle folder"),
        );
    }
}
