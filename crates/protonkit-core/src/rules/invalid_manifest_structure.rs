use super::prelude::*;
use crate::model::ShapeIssueKind;

declare_rule! {
    /// ## What it does
    /// Reports a manifest whose structure is wrong: not a mapping, no `infrastructure` or
    /// `templates`, an empty template list, or values of the wrong type.
    ///
    /// ## Why is this bad?
    /// Proton reads the manifest as `infrastructure.templates`, a list of entries; anything
    /// else is rejected.
    ///
    /// ## Example
    /// ```yaml
    /// infrastructure:
    ///   templates:
    ///     file: cloudformation.yaml
    ///     rendering_engine: jinja
    ///     template_language: cloudformation
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
    ("P029", "invalid-manifest-structure", Error, "a manifest that is not `infrastructure.templates` with entries")
}

pub(super) fn check(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    for (_, model) in super::manifests(bundle) {
        for issue in &model.issues {
            let help = match &issue.kind {
                ShapeIssueKind::UnknownKey { .. } => continue,
                ShapeIssueKind::MissingKey { key } => format!("add `{key}`"),
                ShapeIssueKind::WrongType { expected, .. } => {
                    format!("write `{}` as {expected}", issue.path)
                }
                ShapeIssueKind::Empty => "list at least one template entry".to_owned(),
            };
            let help = if issue.path.is_empty() {
                "start the manifest with `infrastructure:` and its `templates:` list".to_owned()
            } else {
                help
            };
            out.push(
                Diagnostic::new(rule(), issue.span, issue.message("the manifest")).help(help),
            );
        }
    }
}
