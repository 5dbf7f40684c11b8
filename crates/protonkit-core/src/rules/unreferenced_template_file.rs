use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Reports a file in a CloudFormation or Terraform infrastructure folder that the
    /// folder's manifest does not name (for Terraform's `"*"`: a file that does not end in
    /// `.tf` or sits in a subfolder). CodeBuild folders are not checked: their commands may
    /// use any file. Dotfiles (`.gitignore`) and documentation (`README.md`, `*.txt`) are
    /// not reported.
    ///
    /// ## Why is this bad?
    /// Proton ignores files the manifest does not name, so such a file is either left over
    /// or a template that was meant to be rendered and never is.
    ///
    /// ## Example
    /// ```text
    /// infrastructure/manifest.yaml        # names cloudformation.yaml
    /// infrastructure/cloudformation.yaml
    /// infrastructure/cloudformation-old.yaml
    /// ```
    ///
    /// ## Use instead
    /// Remove `cloudformation-old.yaml`, or name it in the manifest.
    ("P015", "unreferenced-template-file", Warning, "a file in an infrastructure folder that no manifest names")
}

pub(super) fn check(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    let files = bundle.files();
    for (m, model) in super::manifests(bundle) {
        if m.dir.is_empty() || model.templates.is_empty() {
            continue;
        }
        if model.templates.iter().any(|e| e.is_codebuild() || e.file.is_none()) {
            continue;
        }
        let named: Vec<_> = model
            .templates
            .iter()
            .flat_map(|e| super::named_files(bundle, &m.dir, e))
            .collect();
        let manifest = super::manifest_path(&m.dir);
        for (id, path) in files.files_under(&m.dir) {
            if named.contains(&id) || path == manifest || is_housekeeping(path) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    rule(),
                    Location::Path(path.to_owned()),
                    format!("`{path}` is not named by `{manifest}`, so Proton ignores it"),
                )
                .secondary(
                    Location::Path(manifest.clone()),
                    "this manifest names the folder's templates",
                )
                .help("name the file in the manifest, or remove it from the bundle"),
            );
        }
    }
}

/// Files that are expected beside templates and harmless when Proton ignores them.
fn is_housekeeping(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let upper = name.to_ascii_uppercase();
    name.starts_with('.')
        || [".md", ".txt", ".rst"].iter().any(|ext| name.ends_with(ext))
        || upper.starts_with("README")
        || upper.starts_with("LICENSE")
}
