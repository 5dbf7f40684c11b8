use super::prelude::*;
use crate::model::schema::SCHEMA_KEYS;
use crate::model::ShapeIssueKind;
use crate::suggest::did_you_mean;

declare_rule! {
    /// ## What it does
    /// Reports keys the schema file format does not define: keys beside the top-level
    /// `schema`, keys under `schema` other than `format`, `environment_input_type`,
    /// `service_input_type`, `pipeline_input_type` and `types`, and keys under `format` other
    /// than `openapi`.
    ///
    /// ## Why is this bad?
    /// Such keys are typos or invented sections; Proton does not read them, so whatever they
    /// were meant to declare does not exist.
    ///
    /// ## Example
    /// ```yaml
    /// schema:
    ///   format:
    ///     openapi: "3.0.0"
    ///   service_input_type: SvcInput
    ///   pipeline:
    ///     dockerfile: Dockerfile
    ///   types: ...
    /// ```
    ///
    /// ## Use instead
    /// Declare pipeline inputs as a type named by `pipeline_input_type`.
    ("P111", "unknown-schema-section", Warning, "a key the schema file format does not define")
}

pub(super) fn check(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    let Some(schema) = bundle.schema() else {
        return;
    };
    for section in &schema.unknown_sections {
        let suggestion = did_you_mean(&section.value, SCHEMA_KEYS.iter().copied());
        let hint = crate::suggest::suffix(suggestion);
        out.push(
            Diagnostic::new(
                rule(),
                section.span,
                format!("unknown key `{}` under `schema`{hint}", section.value),
            )
            .label("unknown key")
            .help(match suggestion {
                Some(s) => format!("rename it to `{s}`"),
                None => "remove it; declare inputs as properties of the input types under `types`".to_owned(),
            }),
        );
    }
    for issue in &schema.issues {
        if let ShapeIssueKind::UnknownKey { suggestion, .. } = &issue.kind {
            out.push(
                Diagnostic::new(rule(), issue.span, issue.message("the schema file"))
                    .label("unknown key")
                    .help(match suggestion {
                        Some(s) => format!("rename it to `{s}`"),
                        None => "remove it; Proton does not read it".to_owned(),
                    }),
            );
        }
    }
}
