use super::prelude::*;
use crate::bundle::INFRA_DIRS;

declare_rule! {
    /// ## What it does
    /// Reports infrastructure folders that do not belong to the bundle's kind: a service
    /// bundle with the preview-era `infrastructure/` or `pipeline/` folders, an environment
    /// bundle with `instance_infrastructure/` or `pipeline_infrastructure/`, and a
    /// `manifest.yaml` in a folder Proton never reads (such as `template/`, or the bundle's
    /// root folder of an environment or service bundle).
    ///
    /// ## Why is this bad?
    /// Folder names are fixed. Environment bundles use `infrastructure/`; service bundles use
    /// `instance_infrastructure/` and, with a pipeline, `pipeline_infrastructure/`. Proton has
    /// rejected the preview-era service layout since June 2021.
    ///
    /// ## Example
    /// ```text
    /// schema/schema.yaml            # declares service_input_type
    /// infrastructure/manifest.yaml
    /// pipeline/manifest.yaml
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// schema/schema.yaml
    /// instance_infrastructure/manifest.yaml
    /// pipeline_infrastructure/manifest.yaml
    /// ```
    ("P012", "wrong-infrastructure-folder", Error, "an infrastructure folder that does not fit the bundle's kind")
}

pub(super) fn check(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    misplaced_folders(bundle, out);
    stray_manifests(bundle, out);
}

fn misplaced_folders(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    let files = bundle.files();
    let renames: &[(&str, &str)] = match bundle.kind() {
        BundleKind::Service { .. } => &[
            ("infrastructure", "instance_infrastructure"),
            ("pipeline", "pipeline_infrastructure"),
        ],
        BundleKind::Environment => &[
            ("instance_infrastructure", "infrastructure"),
            ("pipeline_infrastructure", ""),
            ("pipeline", ""),
        ],
        BundleKind::Component | BundleKind::Unknown => &[],
    };
    for &(found, want) in renames {
        if !files.has_dir(found) {
            continue;
        }
        let kind = bundle.kind().as_str();
        let (message, help) = if want.is_empty() {
            (
                format!("an environment bundle has no pipeline, but `{found}/` exists"),
                format!(
                    "remove `{found}/`, or declare `service_input_type` if this is a service template"
                ),
            )
        } else if files.has_dir(want) {
            (
                format!("`{found}/` does not belong in {kind} bundles, and this one already has `{want}/`"),
                format!("merge `{found}/` into `{want}/` and remove it"),
            )
        } else {
            let era = if kind == "service" {
                " (the preview-era layout)"
            } else {
                ""
            };
            (
                format!("{kind} bundles keep this infrastructure in `{want}/`, not `{found}/`{era}"),
                format!("rename `{found}/` to `{want}/`"),
            )
        };
        let mut d = Diagnostic::new(rule(), Location::Path(format!("{found}/")), message).help(help);
        if let Some(s) = bundle.schema() {
            if let Some((key, v)) = s.input_type_refs().next() {
                d = d.secondary(v.span, format!("`{key}` declares the template kind"));
            }
        }
        out.push(d);
    }
}

/// A manifest outside the infrastructure folders of an environment or service bundle.
fn stray_manifests(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    let want = match bundle.kind() {
        BundleKind::Environment => "infrastructure",
        BundleKind::Service { .. } => "instance_infrastructure",
        BundleKind::Component | BundleKind::Unknown => return,
    };
    let files = bundle.files();
    for (_, file) in files.iter() {
        let path = file.path();
        let Some(dir) = path.strip_suffix("manifest.yaml") else {
            continue;
        };
        let dir = dir.trim_end_matches('/');
        if dir.contains('/') || INFRA_DIRS.contains(&dir) || dir == "schema" {
            continue;
        }
        let (message, help) = if dir.is_empty() {
            (
                format!("Proton reads no `manifest.yaml` from the root folder of {} bundles", bundle.kind().as_str()),
                format!("move it into `{want}/`"),
            )
        } else if files.has_dir(want) {
            (
                format!("`{path}` is in a folder Proton does not read"),
                format!("move what it describes into `{want}/`, or remove `{dir}/`"),
            )
        } else {
            (
                format!("`{path}` is in a folder Proton does not read"),
                format!("rename `{dir}/` to `{want}/`"),
            )
        };
        out.push(Diagnostic::new(rule(), Location::Path(path.to_owned()), message).help(help));
    }
}
