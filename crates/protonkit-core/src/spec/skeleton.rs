//! `protonkit spec init`: a starting spec that lists the template's inputs.

use serde_json::{json, Value as Json};

use super::check::{input_type, InputKind};
use super::inputs::node_to_json;
use super::translate::{number, required_inputs};
use super::validate::InputSchema;
use crate::bundle::{Bundle, BundleKind};
use crate::model::schema::SchemaObject;

/// What to put into the generated spec.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct SkeletonOptions {
    /// The name of the service instance (service templates).
    pub instance: String,
    /// The environment the instance is deployed to (service templates).
    pub environment: String,
}

impl Default for SkeletonOptions {
    fn default() -> Self {
        SkeletonOptions {
            instance: "my-instance".to_owned(),
            environment: "my-environment".to_owned(),
        }
    }
}

/// A spec for `bundle` with every input: required ones and ones with a default get a value
/// (the default, or a value that satisfies the property's constraints, marked for
/// replacement), optional ones without a default are listed as comments. Each input's title
/// and description become a comment above it. `None` for a bundle that takes no spec (a
/// component) or whose schema names no input type.
#[must_use]
pub fn skeleton(bundle: &Bundle, options: &SkeletonOptions) -> Option<String> {
    let typed = |kind| input_type(bundle, kind).map(|(_, ty)| ty);
    let mut out = String::new();
    match bundle.kind() {
        BundleKind::Environment => {
            let ty = typed(InputKind::Environment)?;
            out.push_str("proton: EnvironmentSpec\nspec:\n");
            write_inputs(ty, 1, &mut out);
        }
        BundleKind::Service { pipeline } => {
            let ty = typed(InputKind::ServiceInstance)?;
            out.push_str("proton: ServiceSpec\n");
            if let Some(pipe) = typed(InputKind::Pipeline).filter(|_| pipeline) {
                out.push_str("pipeline:\n");
                write_inputs(pipe, 1, &mut out);
            }
            out.push_str(&format!(
                "instances:\n  - name: {}\n    environment: {}\n    spec:\n",
                quote(&options.instance),
                quote(&options.environment)
            ));
            write_inputs(ty, 3, &mut out);
        }
        BundleKind::Component | BundleKind::Unknown => return None,
    }
    Some(out)
}

fn write_inputs(ty: &SchemaObject, depth: usize, out: &mut String) {
    let indent = "  ".repeat(depth);
    let required = required_inputs(ty);
    let before = out.len();
    for (name, prop) in &ty.properties {
        for line in comment_lines(prop) {
            out.push_str(&format!("{indent}# {line}\n"));
        }
        let key = quote(&name.value);
        let default = prop.default.as_ref().map(node_to_json);
        if let Some(default) = default.as_ref().filter(|d| accepts(prop, d)) {
            out.push_str(&format!("{indent}{key}: {}\n", flow(default)));
        } else if let Some(default) = &default {
            let (value, _) = example_value(prop);
            out.push_str(&format!(
                "{indent}{key}: {}  # the schema's default {} breaks its own constraints (`protonkit lint` reports it)\n",
                flow(&value),
                flow(default)
            ));
        } else if required.contains(&name.value.as_str()) {
            let (value, found) = example_value(prop);
            let note = if found {
                "required: replace this example value"
            } else {
                "required: no example value satisfies the schema; write one"
            };
            out.push_str(&format!("{indent}{key}: {}  # {note}\n", flow(&value)));
        } else {
            let ty = prop.type_name().unwrap_or("value");
            out.push_str(&format!("{indent}# {key}: <{ty}>  (optional)\n"));
        }
    }
    if out.len() == before
        || !out[before..]
            .lines()
            .any(|l| !l.trim_start().starts_with('#'))
    {
        // A mapping with no entries must still be a mapping.
        out.push_str(&format!("{indent}{{}}\n"));
    }
}

fn comment_lines(prop: &SchemaObject) -> Vec<String> {
    let mut lines = Vec::new();
    let title = prop.title.as_ref().map(|t| t.value.trim().to_owned());
    let description = prop.description.as_ref().map(|d| d.value.trim().to_owned());
    match (title, description) {
        (Some(t), Some(d)) if !t.is_empty() && t != d => {
            lines.push(t);
            lines.extend(d.lines().map(str::to_owned));
        }
        (Some(t), _) if !t.is_empty() => lines.push(t),
        (_, Some(d)) => lines.extend(d.lines().map(str::to_owned)),
        _ => {}
    }
    lines.retain(|l| !l.trim().is_empty());
    lines
}

fn accepts(prop: &SchemaObject, value: &Json) -> bool {
    InputSchema::compile(prop).is_valid(value)
}

/// A value for `prop` that its JSON Schema accepts, and whether one was found.
pub(crate) fn example_value(prop: &SchemaObject) -> (Json, bool) {
    let validator = InputSchema::compile(prop);
    let candidates = candidates(prop);
    candidates
        .iter()
        .find(|c| validator.is_valid(c))
        .map_or_else(
            || (candidates.first().cloned().unwrap_or(Json::Null), false),
            |c| (c.clone(), true),
        )
}

fn candidates(prop: &SchemaObject) -> Vec<Json> {
    let mut out = Vec::new();
    if let Some(example) = &prop.example {
        out.push(node_to_json(example));
    }
    if let Some((_, values)) = &prop.enum_values {
        out.extend(values.iter().map(node_to_json));
    }
    match prop.type_name() {
        Some("boolean") => out.push(json!(false)),
        Some("number" | "integer") => {
            let min = prop.minimum.as_ref().map(|m| m.value);
            let max = prop.maximum.as_ref().map(|m| m.value);
            for n in [
                min,
                min.map(|m| m + 1.0),
                max,
                max.map(|m| m - 1.0),
                Some(1.0),
                Some(0.0),
            ]
            .into_iter()
            .flatten()
            {
                out.push(number(n.ceil()));
            }
        }
        Some("array") => {
            let count = prop.min_items.as_ref().map_or(0, |m| m.value).min(100);
            let item = prop
                .items
                .as_deref()
                .map_or(json!("item"), |items| example_value(items).0);
            let items: Vec<Json> = (0..count).map(|_| item.clone()).collect();
            out.push(Json::Array(items));
        }
        Some("object") => {
            let mut map = serde_json::Map::new();
            let required = required_inputs(prop);
            for (name, p) in &prop.properties {
                if let Some(d) = &p.default {
                    map.insert(name.value.clone(), node_to_json(d));
                } else if required.contains(&name.value.as_str()) {
                    map.insert(name.value.clone(), example_value(p).0);
                }
            }
            out.push(Json::Object(map));
        }
        _ => {
            let min = prop
                .min_length
                .as_ref()
                .map_or(1, |m| m.value)
                .clamp(1, 200);
            for text in [
                "REPLACE_ME",
                "replace-me",
                "example",
                "my-value",
                "a",
                "0",
                "10.0.0.0/16",
                "10.0.0.0",
                "example.com",
                "https://example.com",
                "user@example.com",
                "2024-01-01",
                "2024-01-01T00:00:00Z",
                "00000000-0000-0000-0000-000000000000",
                "arn:aws:iam::111122223333:role/example",
                "us-east-1",
            ] {
                out.push(json!(text));
            }
            #[allow(clippy::cast_possible_truncation)]
            out.push(json!("x".repeat(min as usize)));
        }
    }
    out
}

/// A value in YAML flow style: JSON is valid YAML, and quoting every string keeps YAML from
/// reading `yes` or `1.10` as something else.
fn flow(value: &Json) -> String {
    value.to_string()
}

/// A key or name as a YAML scalar: plain when safe, quoted otherwise.
fn quote(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        && !text.starts_with('-')
        && text.parse::<f64>().is_err()
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n" | "null" | "~"
        );
    if plain {
        text.to_owned()
    } else {
        Json::String(text.to_owned()).to_string()
    }
}
