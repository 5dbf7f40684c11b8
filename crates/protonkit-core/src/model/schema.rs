//! `schema/schema.yaml`: the input types of a template, as OpenAPI 3.0 Schema Objects.

use super::shape::{join, Spanned, Walker};
use super::ShapeIssue;
use crate::source::Span;
use crate::yaml::{Node, Value};

/// Keys under `schema:`.
pub const SCHEMA_KEYS: &[&str] = &[
    "format",
    "environment_input_type",
    "service_input_type",
    "pipeline_input_type",
    "types",
];

/// Schema Object keywords protonkit models and checks.
pub const MODELLED_KEYWORDS: &[&str] = &[
    "type",
    "title",
    "description",
    "default",
    "enum",
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "items",
    "minItems",
    "maxItems",
    "uniqueItems",
    "required",
    "properties",
    "nullable",
    "format",
    "example",
];

/// Schema Object keywords that OpenAPI 3.0 defines but no Proton source shows in use.
pub const UNEVIDENCED_KEYWORDS: &[&str] = &[
    "multipleOf",
    "maxProperties",
    "minProperties",
    "allOf",
    "oneOf",
    "anyOf",
    "not",
    "additionalProperties",
    "discriminator",
    "readOnly",
    "writeOnly",
    "xml",
    "externalDocs",
    "deprecated",
    "$ref",
];

/// The value types OpenAPI 3.0 allows in `type`.
pub const TYPES: &[&str] = &["string", "number", "integer", "boolean", "array", "object"];

/// A parsed `schema.yaml`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Schema {
    /// The `schema` key.
    pub schema_key: Option<Span>,
    /// The `format` key.
    pub format_key: Option<Span>,
    /// The `openapi` key and its value.
    pub openapi: Option<(Span, Node)>,
    /// `environment_input_type`.
    pub environment_input_type: Option<Spanned<String>>,
    /// `service_input_type`.
    pub service_input_type: Option<Spanned<String>>,
    /// `pipeline_input_type`.
    pub pipeline_input_type: Option<Spanned<String>>,
    /// The `types` key.
    pub types_key: Option<Span>,
    /// The entries of `types`.
    pub types: Vec<(Spanned<String>, SchemaObject)>,
    /// Keys under `schema:` that the format does not define.
    pub unknown_sections: Vec<Spanned<String>>,
    /// Structural problems.
    pub issues: Vec<ShapeIssue>,
}

impl Schema {
    /// The type named `name` under `types`.
    #[must_use]
    pub fn type_named(&self, name: &str) -> Option<&SchemaObject> {
        self.types
            .iter()
            .find(|(n, _)| n.value == name)
            .map(|(_, t)| t)
    }

    /// The input-type references present, with their key names.
    pub fn input_type_refs(&self) -> impl Iterator<Item = (&'static str, &Spanned<String>)> {
        [
            ("environment_input_type", &self.environment_input_type),
            ("service_input_type", &self.service_input_type),
            ("pipeline_input_type", &self.pipeline_input_type),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| (k, v)))
    }

    /// Every Schema Object of the file (types, their properties and items, recursively) with
    /// the dotted path that names it.
    #[must_use]
    pub fn objects(&self) -> Vec<(String, &SchemaObject)> {
        let mut out = Vec::new();
        for (name, obj) in &self.types {
            collect(&format!("types.{}", name.value), obj, &mut out);
        }
        out
    }
}

fn collect<'a>(path: &str, obj: &'a SchemaObject, out: &mut Vec<(String, &'a SchemaObject)>) {
    out.push((path.to_owned(), obj));
    for (name, prop) in &obj.properties {
        collect(&format!("{path}.properties.{}", name.value), prop, out);
    }
    if let Some(items) = &obj.items {
        collect(&format!("{path}.items"), items, out);
    }
}

/// An OpenAPI 3.0 Schema Object: an input type, a property, or the items of an array.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemaObject {
    /// The object's mapping.
    pub span: Span,
    /// `type`.
    pub ty: Option<Spanned<String>>,
    /// `title`.
    pub title: Option<Spanned<String>>,
    /// `description`.
    pub description: Option<Spanned<String>>,
    /// `properties` (its key, and the properties in order).
    pub properties_key: Option<Span>,
    /// The properties.
    pub properties: Vec<(Spanned<String>, SchemaObject)>,
    /// `required`.
    pub required: Vec<Spanned<String>>,
    /// `enum` (its key, and the values).
    pub enum_values: Option<(Span, Vec<Node>)>,
    /// `default`.
    pub default: Option<Node>,
    /// `pattern`.
    pub pattern: Option<Spanned<String>>,
    /// `minimum`.
    pub minimum: Option<Spanned<f64>>,
    /// `maximum`.
    pub maximum: Option<Spanned<f64>>,
    /// `exclusiveMinimum` (a boolean in OpenAPI 3.0).
    pub exclusive_minimum: Option<Spanned<bool>>,
    /// `exclusiveMaximum` (a boolean in OpenAPI 3.0).
    pub exclusive_maximum: Option<Spanned<bool>>,
    /// `minLength`.
    pub min_length: Option<Spanned<u64>>,
    /// `maxLength`.
    pub max_length: Option<Spanned<u64>>,
    /// `minItems`.
    pub min_items: Option<Spanned<u64>>,
    /// `maxItems`.
    pub max_items: Option<Spanned<u64>>,
    /// `uniqueItems`.
    pub unique_items: Option<Spanned<bool>>,
    /// `nullable`.
    pub nullable: Option<Spanned<bool>>,
    /// `format`.
    pub format: Option<Spanned<String>>,
    /// `example`.
    pub example: Option<Node>,
    /// `items`.
    pub items: Option<Box<SchemaObject>>,
    /// Keywords protonkit does not model (valid OpenAPI without Proton evidence, or unknown).
    pub other_keywords: Vec<Spanned<String>>,
}

impl SchemaObject {
    fn empty(span: Span) -> Self {
        SchemaObject {
            span,
            ty: None,
            title: None,
            description: None,
            properties_key: None,
            properties: Vec::new(),
            required: Vec::new(),
            enum_values: None,
            default: None,
            pattern: None,
            minimum: None,
            maximum: None,
            exclusive_minimum: None,
            exclusive_maximum: None,
            min_length: None,
            max_length: None,
            min_items: None,
            max_items: None,
            unique_items: None,
            nullable: None,
            format: None,
            example: None,
            items: None,
            other_keywords: Vec::new(),
        }
    }

    /// The declared type name, if any.
    #[must_use]
    pub fn type_name(&self) -> Option<&str> {
        self.ty.as_ref().map(|t| t.value.as_str())
    }

    /// The property named `name`.
    #[must_use]
    pub fn property(&self, name: &str) -> Option<&SchemaObject> {
        self.properties
            .iter()
            .find(|(n, _)| n.value == name)
            .map(|(_, p)| p)
    }
}

/// Builds a [`Schema`] from a document root.
#[must_use]
pub fn build(root: &Node) -> Schema {
    let mut w = Walker::default();
    let mut schema = Schema::default();
    if let Some(entries) = w.map(root, "") {
        let mut body = None;
        for (k, v) in entries {
            if k.as_str() == Some("schema") {
                schema.schema_key = Some(k.span);
                body = Some(v);
            } else {
                w.unknown_key(k, "", &["schema"]);
            }
        }
        match body {
            None => w.missing_key(root.span, "", "schema"),
            Some(body) => read_body(&mut w, body, &mut schema),
        }
    }
    schema.issues = w.issues;
    schema
}

fn read_body(w: &mut Walker, body: &Node, schema: &mut Schema) {
    let Some(entries) = w.map(body, "schema") else {
        return;
    };
    for (k, v) in entries {
        let key = k.as_str().unwrap_or_default();
        let at = key.to_owned();
        match key {
            "format" => {
                schema.format_key = Some(k.span);
                if let Some(format) = w.map(v, &at) {
                    for (fk, fv) in format {
                        if fk.as_str() == Some("openapi") {
                            schema.openapi = Some((fk.span, fv.clone()));
                        } else {
                            w.unknown_key(fk, &at, &["openapi"]);
                        }
                    }
                }
            }
            "environment_input_type" => schema.environment_input_type = w.string(v, &at),
            "service_input_type" => schema.service_input_type = w.string(v, &at),
            "pipeline_input_type" => schema.pipeline_input_type = w.string(v, &at),
            "types" => {
                schema.types_key = Some(k.span);
                if let Some(types) = w.map(v, &at) {
                    for (tk, tv) in types {
                        let name = tk.scalar_text().unwrap_or_default();
                        let obj = read_object(w, tv, &join(&at, &name));
                        schema.types.push((
                            Spanned {
                                value: name,
                                span: tk.span,
                            },
                            obj,
                        ));
                    }
                }
            }
            _ => schema.unknown_sections.push(Spanned {
                value: key.to_owned(),
                span: k.span,
            }),
        }
    }
}

fn read_object(w: &mut Walker, node: &Node, path: &str) -> SchemaObject {
    let mut obj = SchemaObject::empty(node.span);
    let Some(entries) = w.map(node, path) else {
        return obj;
    };
    for (k, v) in entries {
        let key = k.scalar_text().unwrap_or_default();
        let at = join(path, &key);
        match key.as_str() {
            "type" => obj.ty = w.string(v, &at),
            "title" => obj.title = w.string(v, &at),
            "description" => obj.description = w.string(v, &at),
            "pattern" => obj.pattern = w.string(v, &at),
            "format" => obj.format = w.string(v, &at),
            "default" => obj.default = Some(v.clone()),
            "example" => obj.example = Some(v.clone()),
            "enum" => {
                if let Some(items) = w.seq(v, &at) {
                    obj.enum_values = Some((k.span, items.to_vec()));
                }
            }
            "minimum" => obj.minimum = w.number(v, &at),
            "maximum" => obj.maximum = w.number(v, &at),
            "exclusiveMinimum" => obj.exclusive_minimum = w.boolean(v, &at),
            "exclusiveMaximum" => obj.exclusive_maximum = w.boolean(v, &at),
            "minLength" => obj.min_length = w.count(v, &at),
            "maxLength" => obj.max_length = w.count(v, &at),
            "minItems" => obj.min_items = w.count(v, &at),
            "maxItems" => obj.max_items = w.count(v, &at),
            "uniqueItems" => obj.unique_items = w.boolean(v, &at),
            "nullable" => obj.nullable = w.boolean(v, &at),
            "required" => {
                if let Some(items) = w.seq(v, &at) {
                    obj.required = items
                        .iter()
                        .enumerate()
                        .filter_map(|(i, n)| w.string(n, &format!("{at}[{i}]")))
                        .collect();
                }
            }
            "properties" => {
                obj.properties_key = Some(k.span);
                if let Some(props) = w.map(v, &at) {
                    for (pk, pv) in props {
                        let name = pk.scalar_text().unwrap_or_default();
                        let prop = read_object(w, pv, &join(&at, &name));
                        obj.properties.push((
                            Spanned {
                                value: name,
                                span: pk.span,
                            },
                            prop,
                        ));
                    }
                }
            }
            "items" => obj.items = Some(Box::new(read_object(w, v, &at))),
            _ => obj.other_keywords.push(Spanned {
                value: key,
                span: k.span,
            }),
        }
    }
    obj
}

/// Whether `node` is an instance of the OpenAPI type `ty`.
#[must_use]
pub fn has_type(node: &Node, ty: &str) -> bool {
    match (ty, &node.value) {
        ("string", Value::Str(_))
        | ("boolean", Value::Bool(_))
        | ("array", Value::Seq(_))
        | ("object", Value::Map(_))
        | ("number", Value::Int(_) | Value::Float(_))
        | ("integer", Value::Int(_)) => true,
        #[allow(clippy::float_cmp)]
        ("integer", Value::Float(f)) => f.fract() == 0.0 && f.is_finite(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileSet;

    #[test]
    fn reads_types_properties_and_keywords() {
        let text = "schema:\n  format:\n    openapi: \"3.0.0\"\n  service_input_type: Svc\n  types:\n    Svc:\n      type: object\n      required: [port]\n      properties:\n        port:\n          type: number\n          default: 80\n          minimum: 1\n        tags:\n          type: array\n          items:\n            type: string\n          maxItems: 3\n        odd:\n          type: string\n          oneOf: []\n";
        let mut set = FileSet::new();
        let id = set.insert_text("schema.yaml", text);
        let s = build(&crate::yaml::parse(id, text).root.unwrap());
        assert!(s.issues.is_empty(), "{:?}", s.issues);
        let svc = s.type_named("Svc").unwrap();
        assert_eq!(svc.required[0].value, "port");
        assert_eq!(
            svc.property("port")
                .unwrap()
                .minimum
                .as_ref()
                .unwrap()
                .value,
            1.0
        );
        assert_eq!(
            svc.property("tags")
                .unwrap()
                .items
                .as_ref()
                .unwrap()
                .type_name(),
            Some("string")
        );
        assert_eq!(
            svc.property("odd").unwrap().other_keywords[0].value,
            "oneOf"
        );
        assert_eq!(s.objects().len(), 5);
    }
}
