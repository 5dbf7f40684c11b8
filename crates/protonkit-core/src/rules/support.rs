//! Helpers shared by the rules: which files a manifest names.

pub(crate) use crate::bundle::manifest_path;
use crate::bundle::Bundle;

/// Whether a manifest `file` is Terraform's "every `.tf` file" wildcard (`*`, or the
/// preview-era `*.tf`).
pub(crate) fn is_wildcard(file: &str) -> bool {
    file == "*" || file == "*.tf"
}

/// The bundle-relative path of `file` in the manifest folder `dir`.
pub(crate) fn path_in(dir: &str, file: &str) -> String {
    crate::source::normalize_path(&format!("{dir}/{file}"))
}

/// The files a manifest entry names that exist: one file, or for a wildcard every `.tf`
/// file directly in the folder.
pub(crate) fn named_files(
    bundle: &Bundle,
    dir: &str,
    entry: &crate::model::manifest::TemplateEntry,
) -> Vec<crate::source::FileId> {
    let files = bundle.files();
    let Some(file) = &entry.file else {
        return Vec::new();
    };
    if is_wildcard(&file.value) {
        files
            .files_under(dir)
            .filter(|(_, p)| {
                let name = p.strip_prefix(dir).unwrap_or(p).trim_start_matches('/');
                !name.contains('/') && name.ends_with(".tf")
            })
            .map(|(id, _)| id)
            .collect()
    } else {
        files
            .lookup(&path_in(dir, &file.value))
            .into_iter()
            .collect()
    }
}

/// Every file that a CloudFormation or Terraform manifest entry names.
pub(crate) fn template_files(bundle: &Bundle) -> Vec<crate::source::FileId> {
    manifests(bundle)
        .flat_map(|(m, model)| {
            model
                .templates
                .iter()
                .filter(|e| !e.is_codebuild())
                .flat_map(|e| named_files(bundle, &m.dir, e))
        })
        .collect()
}

/// The manifests that parsed, with their folder and model.
pub(crate) fn manifests(
    bundle: &Bundle,
) -> impl Iterator<
    Item = (
        &crate::bundle::ManifestFile,
        &crate::model::manifest::Manifest,
    ),
> {
    bundle
        .manifests()
        .iter()
        .filter_map(|m| m.yaml.model.as_ref().map(|model| (m, model)))
}
