//! Input values: YAML nodes read as JSON the way the schema types them, and defaults.

use std::collections::HashMap;

use serde_json::{Map, Number, Value as Json};

use super::check::{input_type, InputKind};
use super::Spec;
use crate::bundle::{Bundle, BundleKind};
use crate::model::join;
use crate::model::schema::SchemaObject;
use crate::source::Span;
use crate::yaml::{Node, Value};

/// The value Proton keeps an input at during an update: `"${Proton::CURRENT_VAL}"`.
pub const CURRENT_VALUE: &str = "${Proton::CURRENT_VAL}";

/// A YAML value as JSON, as written (numbers stay numbers, strings stay strings).
#[must_use]
pub fn node_to_json(node: &Node) -> Json {
    match &node.value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Int(i) => Json::Number((*i).into()),
        Value::Float(f) => Number::from_f64(*f).map_or_else(
            || Json::String(node.scalar_text().unwrap_or_default()),
            Json::Number,
        ),
        Value::Str(s) => Json::String(s.clone()),
        Value::Seq(items) => Json::Array(items.iter().map(node_to_json).collect()),
        Value::Map(entries) => Json::Object(
            entries
                .iter()
                .map(|(k, v)| (k.scalar_text().unwrap_or_default(), node_to_json(v)))
                .collect(),
        ),
    }
}

/// A value read as another type than YAML gives it, because the schema asks for that type.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Coercion {
    /// The value.
    pub(crate) span: Span,
    /// The input's dotted path (`network.cidr`, `subnets[1]`).
    pub(crate) path: String,
    pub(crate) kind: CoercionKind,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum CoercionKind {
    /// `yes`, `no`, `on`, `off` ... for a boolean input: read as this boolean.
    AmbiguousBoolean { word: String, value: bool },
    /// An unquoted number for a string input: read as its text.
    NumberForString { text: String },
    /// A quoted number for a number input: read as the number.
    StringForNumber { text: String },
}

/// The YAML 1.1 boolean words that YAML 1.2 reads as strings.
fn yaml11_boolean(word: &str) -> Option<bool> {
    match word.to_ascii_lowercase().as_str() {
        "yes" | "y" | "on" => Some(true),
        "no" | "n" | "off" => Some(false),
        _ => None,
    }
}

/// Reads input values the way their schema types them.
pub(crate) struct Reader<'a> {
    /// The spec's text, for numbers written in a way JSON would change (`1.10`).
    pub(crate) source: &'a str,
    pub(crate) coercions: Vec<Coercion>,
}

impl Reader<'_> {
    /// `node` as JSON, guided by `schema` (the Schema Object at this position, if known).
    pub(crate) fn read(&mut self, node: &Node, schema: Option<&SchemaObject>, path: &str) -> Json {
        let ty = schema.and_then(SchemaObject::type_name);
        match (&node.value, ty) {
            (Value::Str(s), Some("boolean")) if !node.quoted => {
                if let Some(value) = yaml11_boolean(s) {
                    self.coerce(
                        node,
                        path,
                        CoercionKind::AmbiguousBoolean {
                            word: s.clone(),
                            value,
                        },
                    );
                    return Json::Bool(value);
                }
            }
            (Value::Str(s), Some("number" | "integer")) => {
                if let Some(n) = parse_number(s.trim()) {
                    self.coerce(
                        node,
                        path,
                        CoercionKind::StringForNumber { text: s.clone() },
                    );
                    return Json::Number(n);
                }
            }
            (Value::Int(_) | Value::Float(_), Some("string")) if node.tag.is_none() => {
                let text = self
                    .source
                    .get(node.span.range())
                    .unwrap_or_default()
                    .trim()
                    .to_owned();
                let text = if text.is_empty() {
                    node.scalar_text().unwrap_or_default()
                } else {
                    text
                };
                self.coerce(
                    node,
                    path,
                    CoercionKind::NumberForString { text: text.clone() },
                );
                return Json::String(text);
            }
            (Value::Seq(items), _) => {
                let items_schema = schema.and_then(|s| s.items.as_deref());
                return Json::Array(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, item)| self.read(item, items_schema, &format!("{path}[{i}]")))
                        .collect(),
                );
            }
            (Value::Map(entries), _) => {
                let mut out = Map::new();
                // Input types can declare hundreds of properties: look them up by hash.
                let properties: HashMap<&str, &SchemaObject> = schema
                    .map(|s| {
                        s.properties
                            .iter()
                            .rev() // the first of repeated names wins, as in `property`
                            .map(|(n, p)| (n.value.as_str(), p))
                            .collect()
                    })
                    .unwrap_or_default();
                for (k, v) in entries {
                    let name = k.scalar_text().unwrap_or_default();
                    let prop = properties.get(name.as_str()).copied();
                    let value = self.read(v, prop, &join(path, &name));
                    out.insert(name, value);
                }
                return Json::Object(out);
            }
            _ => {}
        }
        node_to_json(node)
    }

    fn coerce(&mut self, node: &Node, path: &str, kind: CoercionKind) {
        self.coercions.push(Coercion {
            span: node.span,
            path: path.to_owned(),
            kind,
        });
    }
}

fn parse_number(text: &str) -> Option<Number> {
    if let Ok(i) = text.parse::<i64>() {
        return Some(i.into());
    }
    let looks_numeric = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'));
    looks_numeric
        .then(|| text.parse::<f64>().ok())
        .flatten()
        .and_then(Number::from_f64)
}

/// The inputs a template receives for one section of a spec: the values given (read as the
/// schema types them) with every missing property that has a `default` filled in, at every
/// level of nested objects and arrays of objects. `"${Proton::CURRENT_VAL}"` is kept as
/// written: only Proton knows the current value.
#[must_use]
pub fn effective_inputs(
    schema: Option<&SchemaObject>,
    given: Option<&Node>,
    source: &str,
) -> Map<String, Json> {
    let mut reader = Reader {
        source,
        coercions: Vec::new(),
    };
    let mut value = match given {
        Some(node) if node.as_map().is_some() => reader.read(node, schema, ""),
        _ => Json::Object(Map::new()),
    };
    if let Some(schema) = schema {
        apply_defaults(schema, &mut value);
    }
    match value {
        Json::Object(map) => map,
        _ => Map::new(),
    }
}

/// The inputs each part of a spec passes to its templates, with the schema's defaults
/// applied (see [`effective_inputs`]).
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct SpecInputs {
    /// The `spec:` of an environment spec.
    pub environment: Option<Map<String, Json>>,
    /// The `spec:` of each named service instance, in spec order.
    pub instances: Vec<(String, Map<String, Json>)>,
    /// The `pipeline:` of a service spec, when the template has a pipeline.
    pub pipeline: Option<Map<String, Json>>,
}

/// The effective inputs of every part of `spec` for `bundle`'s input types. Parts the
/// bundle does not take (a pipeline without a pipeline template) are left out.
#[must_use]
pub fn spec_inputs(bundle: &Bundle, spec: &Spec) -> SpecInputs {
    let model = spec.model();
    let read = |kind, node: Option<&Node>| {
        effective_inputs(input_type(bundle, kind).map(|(_, t)| t), node, spec.text())
    };
    let mut out = SpecInputs::default();
    match bundle.kind() {
        BundleKind::Environment => {
            out.environment = Some(read(
                InputKind::Environment,
                model.spec.as_ref().map(|s| &s.value),
            ));
        }
        BundleKind::Service { .. } | BundleKind::Component => {
            out.instances = model
                .instances
                .iter()
                .filter_map(|i| {
                    let name = i.name.as_ref()?.value.clone();
                    let node = i.spec.as_ref().map(|s| &s.value);
                    Some((name, read(InputKind::ServiceInstance, node)))
                })
                .collect();
            if matches!(bundle.kind(), BundleKind::Service { pipeline: true }) {
                out.pipeline = Some(read(
                    InputKind::Pipeline,
                    model.pipeline.as_ref().map(|s| &s.value),
                ));
            }
        }
        BundleKind::Unknown => {}
    }
    out
}

fn apply_defaults(schema: &SchemaObject, value: &mut Json) {
    match value {
        Json::Object(map) => {
            for (name, prop) in &schema.properties {
                match map.get_mut(&name.value) {
                    Some(given) => apply_defaults(prop, given),
                    None => {
                        if let Some(default) = &prop.default {
                            let mut filled = node_to_json(default);
                            apply_defaults(prop, &mut filled);
                            map.insert(name.value.clone(), filled);
                        }
                    }
                }
            }
        }
        Json::Array(items) => {
            if let Some(item_schema) = &schema.items {
                for item in items {
                    apply_defaults(item_schema, item);
                }
            }
        }
        _ => {}
    }
}
