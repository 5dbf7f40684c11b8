//! OpenAPI 3.0 Schema Objects (what `schema.yaml` holds) translated to JSON Schema draft 7.
//!
//! The differences that matter: `nullable: true` adds `"null"` to the type; OpenAPI's
//! boolean `exclusiveMinimum`/`exclusiveMaximum` modify `minimum`/`maximum` instead of being
//! bounds; `example` is an annotation (`examples`). A property that is `required` but has a
//! `default` may be left out of a spec (Proton fills it in), so it is not required here.
//! Objects with declared properties do not accept others, so that misspelt inputs are
//! reported. Keywords outside the model (`oneOf`, `$ref` ...) are not translated; the schema
//! lint `unknown-schema-keyword` reports each of them.

use std::collections::HashMap;
use std::sync::Mutex;

use serde_json::{json, Map, Value as Json};

use super::inputs::node_to_json;
use crate::model::schema::{SchemaObject, TYPES};

/// The draft this module writes.
pub const DRAFT: &str = "http://json-schema.org/draft-07/schema#";

/// The JSON Schema of one Schema Object. Patterns that the validator's regex engine cannot
/// compile are left out (the schema lint `invalid-pattern` reports them).
#[must_use]
pub fn to_json_schema(obj: &SchemaObject) -> Json {
    let mut out = Map::new();
    let nullable = obj.nullable.as_ref().is_some_and(|n| n.value);
    if let Some(ty) = obj.type_name().filter(|t| TYPES.contains(t)) {
        out.insert(
            "type".into(),
            if nullable {
                json!([ty, "null"])
            } else {
                json!(ty)
            },
        );
    }
    if let Some(title) = &obj.title {
        out.insert("title".into(), json!(title.value));
    }
    if let Some(description) = &obj.description {
        out.insert("description".into(), json!(description.value));
    }
    if let Some(default) = &obj.default {
        out.insert("default".into(), node_to_json(default));
    }
    if let Some(example) = &obj.example {
        out.insert("examples".into(), json!([node_to_json(example)]));
    }
    if let Some((_, values)) = &obj.enum_values {
        let mut values: Vec<Json> = values.iter().map(node_to_json).collect();
        if nullable && !values.contains(&Json::Null) {
            values.push(Json::Null);
        }
        if !values.is_empty() {
            out.insert("enum".into(), Json::Array(values));
        }
    }
    if let Some(pattern) = obj.pattern.as_ref().filter(|p| pattern_compiles(&p.value)) {
        out.insert("pattern".into(), json!(pattern.value));
    }
    if let Some(format) = &obj.format {
        out.insert("format".into(), json!(format.value));
    }
    for (key, bound, exclusive) in [
        ("minimum", &obj.minimum, &obj.exclusive_minimum),
        ("maximum", &obj.maximum, &obj.exclusive_maximum),
    ] {
        if let Some(bound) = bound {
            let key = if exclusive.as_ref().is_some_and(|e| e.value) {
                if key == "minimum" {
                    "exclusiveMinimum"
                } else {
                    "exclusiveMaximum"
                }
            } else {
                key
            };
            out.insert(key.into(), number(bound.value));
        }
    }
    for (key, count) in [
        ("minLength", &obj.min_length),
        ("maxLength", &obj.max_length),
        ("minItems", &obj.min_items),
        ("maxItems", &obj.max_items),
    ] {
        if let Some(count) = count {
            out.insert(key.into(), json!(count.value));
        }
    }
    if let Some(unique) = &obj.unique_items {
        out.insert("uniqueItems".into(), json!(unique.value));
    }
    if let Some(items) = &obj.items {
        out.insert("items".into(), to_json_schema(items));
    }
    if !obj.properties.is_empty() {
        let properties: Map<String, Json> = obj
            .properties
            .iter()
            .map(|(name, prop)| (name.value.clone(), to_json_schema(prop)))
            .collect();
        out.insert("properties".into(), Json::Object(properties));
        out.insert("additionalProperties".into(), json!(false));
    }
    let required = required_inputs(obj);
    if !required.is_empty() {
        out.insert("required".into(), json!(required));
    }
    Json::Object(out)
}

/// Compiles a Schema Object into a validator (formats asserted, as protonkit reports them).
pub(crate) fn compile(obj: &SchemaObject) -> Result<jsonschema::Validator, String> {
    validation_options()
        .build(&to_json_schema(obj))
        .map_err(|e| e.to_string())
}

/// How spec values are validated: draft 7, formats asserted, `uuid` added.
pub(crate) fn validation_options() -> jsonschema::ValidationOptions<'static> {
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .should_validate_formats(true)
        .with_format("uuid", is_uuid)
}

/// `uuid` (RFC 4122 text form) is a draft 2019-09 format; specs written for editors use it.
fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The properties a spec must give: `required` ones without a `default`, in the order
/// `required` lists them.
#[must_use]
pub fn required_inputs(obj: &SchemaObject) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for name in &obj.required {
        let has_default = obj
            .property(&name.value)
            .is_some_and(|p| p.default.is_some());
        if !has_default && !out.contains(&name.value.as_str()) {
            out.push(&name.value);
        }
    }
    out
}

pub(crate) fn number(n: f64) -> Json {
    #[allow(clippy::cast_possible_truncation, clippy::float_cmp)]
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        return json!(n as i64);
    }
    serde_json::Number::from_f64(n).map_or(Json::Null, Json::Number)
}

/// Whether the validator's regex engine accepts `pattern`. Answers are remembered for the
/// life of the process: building a validator to find out costs far more than the lookup,
/// and the same patterns recur across the bundles of a repository.
#[must_use]
pub fn pattern_compiles(pattern: &str) -> bool {
    static KNOWN: Mutex<Option<HashMap<String, bool>>> = Mutex::new(None);
    let cached = KNOWN
        .lock()
        .ok()
        .and_then(|known| known.as_ref()?.get(pattern).copied());
    if let Some(answer) = cached {
        return answer;
    }
    let answer = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .build(&json!({ "pattern": pattern }))
        .is_ok();
    if let Ok(mut known) = KNOWN.lock() {
        let known = known.get_or_insert_with(HashMap::new);
        // A bound, so that a stream of distinct hostile patterns cannot grow it forever.
        if known.len() < 4096 {
            known.insert(pattern.to_owned(), answer);
        }
    }
    answer
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn uuid_values_are_checked() {
        let v = super::validation_options()
            .build(&json!({ "format": "uuid" }))
            .unwrap();
        assert!(v.is_valid(&json!("123e4567-e89b-12d3-a456-426614174000")));
        assert!(!v.is_valid(&json!("123e4567-e89b-12d3-a456")));
        assert!(!v.is_valid(&json!("123e4567-e89b-12d3-a456-42661417400g")));
    }
}
