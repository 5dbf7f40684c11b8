//! OpenAPI 3.0 Schema Objects (what `schema.yaml` holds) translated to JSON Schema draft 7.
//!
//! The differences that matter: `nullable: true` adds `"null"` to the type; OpenAPI's
//! boolean `exclusiveMinimum`/`exclusiveMaximum` modify `minimum`/`maximum` instead of being
//! bounds; `example` is an annotation (`examples`). A property that is `required` but has a
//! `default` may be left out of a spec (Proton fills it in), so it is not required here.
//! Objects with declared properties do not accept others, so that misspelt inputs are
//! reported. Keywords outside the model (`oneOf`, `$ref` ...) are not translated; the schema
//! lint `unknown-schema-keyword` reports each of them.

use serde_json::{json, Map, Value as Json};

use super::inputs::node_to_json;
use crate::model::schema::{SchemaObject, TYPES};

/// The draft this module writes.
pub const DRAFT: &str = "http://json-schema.org/draft-07/schema#";

/// The JSON Schema of one Schema Object. Patterns that are not valid ECMA-262 are left out
/// (the schema lint `invalid-pattern` reports them).
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
    if let Some(pattern) = obj
        .pattern
        .as_ref()
        .filter(|p| regress::Regex::new(&p.value).is_ok())
    {
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
