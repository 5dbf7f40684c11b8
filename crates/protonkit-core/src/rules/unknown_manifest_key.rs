use super::prelude::*;
use crate::model::ShapeIssueKind;

declare_rule! {
    /// ## What it does
    /// Reports keys a manifest does not define, with the closest known key when there is one.
    /// Known keys: `infrastructure`, `templates`, and per entry `file`, `rendering_engine`,
    /// `template_language`, `settings`, `input_type`; in CodeBuild `settings`: `image`,
    /// `runtimes`, `provision`, `deprovision`, `project_properties`, `env`.
    ///
    /// ## Why is this bad?
    /// An unknown key is usually a typo for a key that is then missing, or an invented key
    /// Proton ignores, so the manifest does not do what its author thinks.
    ///
    /// ## Example
    /// ```yaml
    /// infrastructure:
    ///   templates:
    ///     - file: cloudformation.yaml
    ///       rendering_engine: jinja
    ///       template_langauge: cloudformation
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
    ("P020", "unknown-manifest-key", Warning, "a key that manifests do not define")
}

pub(super) fn check(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    for (_, model) in super::manifests(bundle) {
        for issue in &model.issues {
            if let ShapeIssueKind::UnknownKey { suggestion, .. } = &issue.kind {
                let help = match suggestion {
                    Some(s) => format!("rename the key to `{s}`"),
                    None => "remove the key; Proton does not read it".to_owned(),
                };
                out.push(
                    Diagnostic::new(rule(), issue.span, issue.message("the manifest"))
                        .label("unknown key")
                        .help(help),
                );
            }
        }
    }
}
