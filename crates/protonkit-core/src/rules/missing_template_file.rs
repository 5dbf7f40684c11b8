use super::prelude::*;
use crate::suggest::hint;

declare_rule! {
    /// ## What it does
    /// Reports a manifest `file` that does not exist in the manifest's folder.
    ///
    /// ## Why is this bad?
    /// Proton renders exactly the files the manifest names; a missing file fails
    /// registration. Only Terraform's `"*"` is a wildcard; patterns such as `network/*`
    /// are taken as file names.
    ///
    /// ## Example
    /// ```yaml
    /// infrastructure:
    ///   templates:
    ///     - file: cloudformation.yml   # the folder holds cloudformation.yaml
    ///       rendering_engine: jinja
    ///       template_language: cloudformation
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// infrastructure:
    ///   templates:
    ///     - file: cloudformation.yaml
    ///       rendering_engine: jinja
    ///       template_language: cloudformation
    /// ```
    ("P014", "missing-template-file", Error, "a manifest `file` that does not exist")
}

pub(super) fn check(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    let files = bundle.files();
    for (m, model) in super::manifests(bundle) {
        for entry in &model.templates {
            let Some(file) = &entry.file else { continue };
            if super::is_wildcard(&file.value) || entry.is_codebuild() {
                continue;
            }
            let path = super::path_in(&m.dir, &file.value);
            if files.lookup(&path).is_some() {
                continue;
            }
            let folder = if m.dir.is_empty() {
                "the bundle's root folder".to_owned()
            } else {
                format!("`{}/`", m.dir)
            };
            let siblings: Vec<&str> = files
                .files_under(&m.dir)
                .map(|(_, p)| p.strip_prefix(m.dir.as_str()).unwrap_or(p).trim_start_matches('/'))
                .filter(|p| *p != "manifest.yaml")
                .collect();
            let mut message = format!("`{}` does not exist in {folder}", file.value);
            if file.value.contains('*') {
                message.push_str("; `*` alone is the only wildcard, and only for Terraform");
            } else if file.value.split('/').any(|s| s == "..") {
                message.push_str("; template files must be inside the manifest's folder");
            } else {
                message.push_str(&hint(&file.value, siblings.iter().copied()));
            }
            out.push(
                Diagnostic::new(rule(), file.span, message)
                    .label("no such file")
                    .help(format!("add the file to {folder} or name an existing one")),
            );
        }
    }
}
