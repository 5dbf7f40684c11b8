use super::prelude::*;
use crate::yaml::{YamlIssue, YamlIssueKind};

declare_rule! {
    /// ## What it does
    /// Reports a key that appears twice in the same mapping of a manifest or schema.
    ///
    /// ## Why is this bad?
    /// YAML readers keep only one of the two values (PyYAML keeps the later one), so the
    /// other is silently lost; whether Proton's reader rejects the file or picks one is not
    /// documented.
    ///
    /// ## Example
    /// ```yaml
    /// properties:
    ///   port:
    ///     type: number
    ///   port:
    ///     type: string
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// properties:
    ///   port:
    ///     type: number
    /// ```
    ("P002", "duplicate-key", Warning, "a key repeated in one mapping")
}

pub(super) fn check(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    for (_, doc) in bundle.yaml_documents() {
        out.extend(doc.issues.iter().filter_map(from_issue));
    }
}

/// The finding for a duplicate key (any YAML file: bundle or spec).
pub(crate) fn from_issue(issue: &YamlIssue) -> Option<Diagnostic> {
    if issue.kind != YamlIssueKind::DuplicateKey {
        return None;
    }
    let mut d = Diagnostic::new(rule(), issue.span, issue.message.clone())
        .label("repeated here")
        .help("remove one of the two entries; only the later value is kept");
    if let Some(first) = issue.first {
        d = d.secondary(first, "first defined here");
    }
    Some(d)
}
