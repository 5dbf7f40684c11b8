use super::prelude::*;
use crate::suggest::hint;

declare_rule! {
    /// ## What it does
    /// Reports a schema that lacks the input-type key its bundle needs
    /// (`environment_input_type` for an environment, `service_input_type` for a service), or
    /// whose `environment_input_type`, `service_input_type` or `pipeline_input_type` names no
    /// entry of `types`.
    ///
    /// ## Why is this bad?
    /// Proton finds the template's inputs through these keys; a bundle without them, or with
    /// a dangling name, fails registration.
    ///
    /// ## Example
    /// ```yaml
    /// schema:
    ///   format:
    ///     openapi: "3.0.0"
    ///   environment_input_type: EnvironmentInput
    ///   types:
    ///     EnvInput:
    ///       type: object
    ///       properties: ...
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// schema:
    ///   format:
    ///     openapi: "3.0.0"
    ///   environment_input_type: EnvInput
    ///   types:
    ///     EnvInput:
    ///       type: object
    ///       properties: ...
    /// ```
    ("P102", "missing-input-type", Error, "a missing or dangling `*_input_type`")
}

pub(super) fn check(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    let Some(schema) = bundle.schema() else {
        return;
    };
    let Some(schema_key) = schema.schema_key else {
        return;
    };
    let needed = match bundle.kind() {
        BundleKind::Environment => Some(("environment_input_type", &schema.environment_input_type)),
        BundleKind::Service { .. } => Some(("service_input_type", &schema.service_input_type)),
        BundleKind::Component | BundleKind::Unknown => None,
    };
    if let Some((key, None)) = needed {
        let kind = bundle.kind().as_str();
        out.push(
            Diagnostic::new(rule(), schema_key, format!("the schema of this {kind} bundle has no `{key}`"))
                .label(format!("no `{key}` under this key"))
                .help(format!("add `{key}` naming the input type under `types`")),
        );
    }
    let names: Vec<&str> = schema.types.iter().map(|(n, _)| n.value.as_str()).collect();
    for (key, value) in schema.input_type_refs() {
        if schema.type_named(&value.value).is_some() {
            continue;
        }
        let message = if schema.types_key.is_none() {
            format!("`{key}` names `{}`, but the schema has no `types`", value.value)
        } else {
            format!(
                "`{key}` names `{}`, which is not defined under `types`{}",
                value.value,
                hint(&value.value, names.iter().copied())
            )
        };
        let mut d = Diagnostic::new(rule(), value.span, message)
            .label("undefined type")
            .help(format!("define `{}` under `types`, or name an existing type", value.value));
        if let Some(types) = schema.types_key {
            d = d.secondary(types, "types are defined here");
        }
        out.push(d);
    }
}
