use super::prelude::*;
use crate::source::Span;
use crate::yaml::Value;

declare_rule! {
    /// ## What it does
    /// Reports a schema without the required header `schema:` / `format:` /
    /// `openapi: "3.0.0"`, or with another `openapi` value.
    ///
    /// ## Why is this bad?
    /// The three header lines are required, and `"3.0.0"` is the only value Proton
    /// documents. Written unquoted as `3.0`, the value is a number, not the string.
    ///
    /// ## Example
    /// ```yaml
    /// schema:
    ///   format:
    ///     openapi: 3.0
    ///   environment_input_type: EnvInput
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// schema:
    ///   format:
    ///     openapi: "3.0.0"
    ///   environment_input_type: EnvInput
    /// ```
    ("P101", "invalid-schema-header", Error, "a schema without `schema.format.openapi: \"3.0.0\"`")
}

pub(super) fn check(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    let (Some(file), Some(schema)) = (bundle.schema_file(), bundle.schema()) else {
        return;
    };
    let help = "start the schema with `schema:`, `format:` and `openapi: \"3.0.0\"`";
    let Some(schema_key) = schema.schema_key else {
        out.push(
            Diagnostic::new(rule(), Span::new(file.file, 0..0), "the schema has no top-level `schema` key")
                .help(help),
        );
        return;
    };
    let Some(format_key) = schema.format_key else {
        out.push(
            Diagnostic::new(rule(), schema_key, "the schema has no `format.openapi` header")
                .label("no `format` under this key")
                .help("add `format:` with `openapi: \"3.0.0\"` under `schema:`"),
        );
        return;
    };
    match &schema.openapi {
        None => out.push(
            Diagnostic::new(rule(), format_key, "`format` has no `openapi` version")
                .label("no `openapi` here")
                .help("add `openapi: \"3.0.0\"` under `format:`"),
        ),
        Some((_, value)) if value.as_str() == Some("3.0.0") => {}
        Some((_, value)) => {
            let found = match &value.value {
                Value::Str(s) => format!("\"{s}\""),
                _ => format!(
                    "`{}` ({})",
                    bundle.files().slice(value.span).trim(),
                    value.kind_name()
                ),
            };
            out.push(
                Diagnostic::new(
                    rule(),
                    value.span,
                    format!("`openapi` must be the string \"3.0.0\", found {found}"),
                )
                .label("unsupported version")
                .help("write `openapi: \"3.0.0\"` (quoted)"),
            );
        }
    }
}
