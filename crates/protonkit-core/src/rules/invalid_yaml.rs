use super::prelude::*;
use crate::yaml::{YamlIssue, YamlIssueKind};

declare_rule! {
    /// ## What it does
    /// Reports a manifest or schema that is not valid YAML: a syntax error, more than one
    /// document, nesting deeper than the parser allows, or aliases that expand into an
    /// enormous document (an "alias bomb").
    ///
    /// ## Why is this bad?
    /// Proton parses `manifest.yaml` and `schema.yaml` as single YAML documents and rejects
    /// the bundle when it cannot. Nothing else in the file can be checked either.
    ///
    /// ## Example
    /// ```yaml
    /// schema:
    ///   format:
    ///     openapi: "3.0.0"
    ///   environment_input_type: [EnvInput
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// schema:
    ///   format:
    ///     openapi: "3.0.0"
    ///   environment_input_type: EnvInput
    /// ```
    ("P001", "invalid-yaml", Error, "a manifest, schema or spec that is not valid YAML")
}

pub(super) fn check(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    for (_, doc) in bundle.yaml_documents() {
        out.extend(doc.issues.iter().filter_map(from_issue));
    }
}

/// The finding for a YAML problem other than a duplicate key (any YAML file: bundle or spec).
pub(crate) fn from_issue(issue: &YamlIssue) -> Option<Diagnostic> {
    let (message, label, help) = match issue.kind {
        YamlIssueKind::DuplicateKey => return None,
        YamlIssueKind::Syntax => (
            format!("invalid YAML: {}", issue.message),
            "parsing stopped here",
            "fix the YAML syntax at this position",
        ),
        YamlIssueKind::MultipleDocuments => (
            issue.message.clone(),
            "second document starts here",
            "keep a single document in the file and remove the `---` separator",
        ),
        YamlIssueKind::TooDeep => (
            issue.message.clone(),
            "too deep",
            "flatten the document; no Proton file needs this much nesting",
        ),
        YamlIssueKind::AliasBudget => (
            issue.message.clone(),
            "expansion stopped here",
            "write the values out instead of nesting aliases of aliases",
        ),
    };
    Some(
        Diagnostic::new(rule(), issue.span, message)
            .label(label)
            .help(help),
    )
}
