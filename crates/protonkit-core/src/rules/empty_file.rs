use super::prelude::*;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports a manifest or schema that holds no YAML document: an empty file, or one with
    /// only comments.
    ///
    /// ## Why is this bad?
    /// Proton needs the manifest to know what to render and the schema to know the inputs;
    /// an empty file is rejected.
    ///
    /// ## Example
    /// An empty `infrastructure/manifest.yaml`.
    ///
    /// ## Use instead
    /// ```yaml
    /// infrastructure:
    ///   templates:
    ///     - file: cloudformation.yaml
    ///       rendering_engine: jinja
    ///       template_language: cloudformation
    /// ```
    ("P004", "empty-file", Error, "a manifest, schema or spec with no content")
}

pub(super) fn check(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    for (id, doc) in bundle.yaml_documents() {
        if doc.root.is_none() && doc.issues.is_empty() {
            let path = bundle.files().get(id).path();
            let help = if path.ends_with("schema.yaml") {
                "declare the header and the input types under `schema:`"
            } else {
                "list the templates under `infrastructure.templates`"
            };
            out.push(
                Diagnostic::new(rule(), Span::new(id, 0..0), format!("`{path}` is empty"))
                    .help(help),
            );
        }
    }
}
