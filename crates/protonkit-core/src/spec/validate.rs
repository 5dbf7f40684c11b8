//! Input values validated against an input type, with the meaning `to_json_schema` gives the
//! Schema Object in JSON Schema draft 7: `nullable` adds `null`, boolean `exclusiveMinimum`/
//! `exclusiveMaximum` make the bounds strict, `required` omits properties with a default,
//! declared properties are the only ones allowed, formats are asserted. Only these keywords
//! exist in `schema.yaml`'s model, so a general JSON Schema validator would be dead weight
//! (it was two thirds of the WebAssembly module).

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use serde_json::{Map, Number, Value as Json};

use super::formats::conforms;
use super::inputs::node_to_json;
use super::pattern::Pattern;
use super::translate::required_inputs;
use crate::model::schema::SchemaObject;
use crate::model::Spanned;

/// A compiled input type (or one of its properties or items).
#[derive(Debug)]
pub(crate) struct InputSchema {
    ty: Option<Type>,
    nullable: bool,
    /// The allowed values and their canonical forms.
    allowed: Option<(Vec<Json>, HashSet<String>)>,
    pattern: Option<(String, Pattern)>,
    format: Option<String>,
    minimum: Option<Bound>,
    maximum: Option<Bound>,
    min_length: Option<u64>,
    max_length: Option<u64>,
    min_items: Option<u64>,
    max_items: Option<u64>,
    unique_items: bool,
    items: Option<Box<InputSchema>>,
    /// Declared properties; when there are any, no others are allowed.
    properties: HashMap<String, InputSchema>,
    required: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Type {
    String,
    Number,
    Integer,
    Boolean,
    Array,
    Object,
}

#[derive(Debug, Clone, Copy)]
struct Bound {
    limit: f64,
    exclusive: bool,
}

/// Where a violation is, from the section's mapping down.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Segment<'j> {
    Property(&'j str),
    Index(usize),
}

/// One value that breaks one keyword.
#[derive(Debug)]
pub(crate) struct Violation<'s, 'j> {
    pub(crate) path: Vec<Segment<'j>>,
    pub(crate) kind: Problem<'s, 'j>,
}

/// The keyword a value breaks, with what the message needs.
#[derive(Debug)]
pub(crate) enum Problem<'s, 'j> {
    Type,
    Enum { options: &'s [Json] },
    Pattern { pattern: &'s str },
    MinLength { limit: u64 },
    MaxLength { limit: u64 },
    Minimum { limit: f64 },
    Maximum { limit: f64 },
    ExclusiveMinimum { limit: f64 },
    ExclusiveMaximum { limit: f64 },
    MinItems { limit: u64 },
    MaxItems { limit: u64 },
    UniqueItems,
    Format { format: &'s str },
    AdditionalProperties { unexpected: Vec<&'j str> },
    Required { property: &'s str },
}

impl InputSchema {
    /// Compiles `obj`. Patterns that are not valid ECMA-262 are left out, as in
    /// `to_json_schema` (the schema lint `invalid-pattern` reports them).
    pub(crate) fn compile(obj: &SchemaObject) -> InputSchema {
        let nullable = obj.nullable.as_ref().is_some_and(|n| n.value);
        let ty = obj.type_name().and_then(|t| {
            Some(match t {
                "string" => Type::String,
                "number" => Type::Number,
                "integer" => Type::Integer,
                "boolean" => Type::Boolean,
                "array" => Type::Array,
                "object" => Type::Object,
                _ => return None,
            })
        });
        let allowed = obj.enum_values.as_ref().and_then(|(_, values)| {
            let mut values: Vec<Json> = values.iter().map(node_to_json).collect();
            if nullable && !values.contains(&Json::Null) {
                values.push(Json::Null);
            }
            let canonical = values.iter().map(canonical).collect();
            (!values.is_empty()).then_some((values, canonical))
        });
        let bound = |limit: &Option<Spanned<f64>>, exclusive: &Option<Spanned<bool>>| {
            limit.as_ref().map(|l| Bound {
                limit: l.value,
                exclusive: exclusive.as_ref().is_some_and(|e| e.value),
            })
        };
        InputSchema {
            ty,
            nullable,
            allowed,
            pattern: obj
                .pattern
                .as_ref()
                .and_then(|p| Some((p.value.clone(), Pattern::new(&p.value).ok()?))),
            format: obj.format.as_ref().map(|f| f.value.clone()),
            minimum: bound(&obj.minimum, &obj.exclusive_minimum),
            maximum: bound(&obj.maximum, &obj.exclusive_maximum),
            min_length: obj.min_length.as_ref().map(|n| n.value),
            max_length: obj.max_length.as_ref().map(|n| n.value),
            min_items: obj.min_items.as_ref().map(|n| n.value),
            max_items: obj.max_items.as_ref().map(|n| n.value),
            unique_items: obj.unique_items.as_ref().is_some_and(|u| u.value),
            items: obj
                .items
                .as_deref()
                .map(|i| Box::new(InputSchema::compile(i))),
            properties: obj
                .properties
                .iter()
                .rev() // the first of repeated names wins, as in `SchemaObject::property`
                .map(|(name, prop)| (name.value.clone(), InputSchema::compile(prop)))
                .collect(),
            required: required_inputs(obj)
                .into_iter()
                .map(str::to_owned)
                .collect(),
        }
    }

    /// Every violation in `value`, each value's before those inside it.
    pub(crate) fn validate<'s, 'j>(&'s self, value: &'j Json) -> Vec<Violation<'s, 'j>> {
        let mut out = Vec::new();
        self.walk(value, &mut Vec::new(), &mut out);
        out
    }

    pub(crate) fn is_valid(&self, value: &Json) -> bool {
        self.validate(value).is_empty()
    }

    fn walk<'s, 'j>(
        &'s self,
        value: &'j Json,
        path: &mut Vec<Segment<'j>>,
        out: &mut Vec<Violation<'s, 'j>>,
    ) {
        let mut problems = Vec::new();
        if !self.type_accepts(value) {
            problems.push(Problem::Type);
        }
        if let Some((options, canonicals)) = &self.allowed {
            if !canonicals.contains(&canonical(value)) {
                problems.push(Problem::Enum { options });
            }
        }
        match value {
            Json::String(text) => self.check_string(text, &mut problems),
            Json::Number(n) => self.check_number(n, &mut problems),
            Json::Array(items) => self.check_items(items, &mut problems),
            Json::Object(map) => self.check_object(map, &mut problems),
            Json::Null | Json::Bool(_) => {}
        }
        out.extend(problems.into_iter().map(|kind| Violation {
            path: path.clone(),
            kind,
        }));
        match value {
            Json::Array(items) => {
                if let Some(schema) = &self.items {
                    for (i, item) in items.iter().enumerate() {
                        path.push(Segment::Index(i));
                        schema.walk(item, path, out);
                        path.pop();
                    }
                }
            }
            Json::Object(map) => {
                for (name, item) in map {
                    if let Some(schema) = self.properties.get(name) {
                        path.push(Segment::Property(name));
                        schema.walk(item, path, out);
                        path.pop();
                    }
                }
            }
            _ => {}
        }
    }

    fn check_object<'s, 'j>(
        &'s self,
        map: &'j Map<String, Json>,
        problems: &mut Vec<Problem<'s, 'j>>,
    ) {
        if !self.properties.is_empty() {
            let unexpected: Vec<&str> = map
                .keys()
                .filter(|name| !self.properties.contains_key(*name))
                .map(String::as_str)
                .collect();
            if !unexpected.is_empty() {
                problems.push(Problem::AdditionalProperties { unexpected });
            }
        }
        for property in &self.required {
            if !map.contains_key(property) {
                problems.push(Problem::Required { property });
            }
        }
    }

    fn type_accepts(&self, value: &Json) -> bool {
        let Some(ty) = self.ty else {
            return true;
        };
        match value {
            Json::Null => self.nullable,
            Json::Bool(_) => ty == Type::Boolean,
            Json::Number(n) => ty == Type::Number || (ty == Type::Integer && is_integer(n)),
            Json::String(_) => ty == Type::String,
            Json::Array(_) => ty == Type::Array,
            Json::Object(_) => ty == Type::Object,
        }
    }

    fn check_string<'s>(&'s self, text: &str, problems: &mut Vec<Problem<'s, '_>>) {
        if let Some((source, pattern)) = &self.pattern {
            if !pattern.is_match(text) {
                problems.push(Problem::Pattern { pattern: source });
            }
        }
        if self.min_length.is_some() || self.max_length.is_some() {
            let chars = text.chars().count() as u64;
            if let Some(limit) = self.min_length.filter(|&l| chars < l) {
                problems.push(Problem::MinLength { limit });
            }
            if let Some(limit) = self.max_length.filter(|&l| chars > l) {
                problems.push(Problem::MaxLength { limit });
            }
        }
        if let Some(format) = &self.format {
            if conforms(format, text) == Some(false) {
                problems.push(Problem::Format { format });
            }
        }
    }

    fn check_number<'s>(&'s self, n: &Number, problems: &mut Vec<Problem<'s, '_>>) {
        let Some(x) = n.as_f64() else { return };
        if let Some(Bound { limit, exclusive }) = self.minimum {
            if exclusive && x <= limit {
                problems.push(Problem::ExclusiveMinimum { limit });
            } else if !exclusive && x < limit {
                problems.push(Problem::Minimum { limit });
            }
        }
        if let Some(Bound { limit, exclusive }) = self.maximum {
            if exclusive && x >= limit {
                problems.push(Problem::ExclusiveMaximum { limit });
            } else if !exclusive && x > limit {
                problems.push(Problem::Maximum { limit });
            }
        }
    }

    fn check_items<'s>(&'s self, items: &[Json], problems: &mut Vec<Problem<'s, '_>>) {
        let count = items.len() as u64;
        if let Some(limit) = self.min_items.filter(|&l| count < l) {
            problems.push(Problem::MinItems { limit });
        }
        if let Some(limit) = self.max_items.filter(|&l| count > l) {
            problems.push(Problem::MaxItems { limit });
        }
        if self.unique_items {
            let mut seen = HashSet::with_capacity(items.len());
            if !items.iter().all(|item| seen.insert(canonical(item))) {
                problems.push(Problem::UniqueItems);
            }
        }
    }
}

/// JSON Schema counts `1.0` as an integer.
fn is_integer(n: &Number) -> bool {
    n.is_i64() || n.is_u64() || n.as_f64().is_some_and(|f| f.fract() == 0.0)
}

/// A text that two values share exactly when JSON Schema calls them equal: numbers by
/// value (`1` and `1.0` are equal), objects whatever their key order.
fn canonical(value: &Json) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Json, out: &mut String) {
    match value {
        Json::Null => out.push('n'),
        Json::Bool(b) => out.push(if *b { 't' } else { 'f' }),
        Json::Number(n) => {
            out.push('#');
            let f = n.as_f64().unwrap_or(f64::NAN);
            #[allow(clippy::cast_possible_truncation)]
            let _ = if let Some(i) = n.as_i64() {
                write!(out, "{i}")
            } else if let Some(u) = n.as_u64() {
                write!(out, "{u}")
            } else if f.fract() == 0.0 && f.abs() < 9.2e18 {
                write!(out, "{}", f as i64)
            } else {
                write!(out, "{f:?}")
            };
        }
        Json::String(s) => {
            out.push('"');
            out.push_str(&s.replace('\\', "\\\\").replace('"', "\\\""));
            out.push('"');
        }
        Json::Array(items) => {
            out.push('[');
            for item in items {
                write_canonical(item, out);
                out.push(',');
            }
            out.push(']');
        }
        Json::Object(map) => {
            let mut entries: Vec<_> = map.iter().collect();
            entries.sort_by_key(|(k, _)| *k);
            out.push('{');
            for (k, v) in entries {
                write_canonical(&Json::String(k.clone()), out);
                out.push(':');
                write_canonical(v, out);
                out.push(',');
            }
            out.push('}');
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value as Json};

    use super::{canonical, InputSchema};
    use crate::bundle::Bundle;
    use crate::source::FileSet;
    use crate::spec::to_json_schema;

    /// One property per keyword combination `schema.yaml` can express.
    const PROPERTIES: &str = r#"
        name: {type: string}
        maybe: {type: string, nullable: true}
        count: {type: integer}
        ratio: {type: number}
        flag: {type: boolean}
        list: {type: array}
        map: {type: object}
        untyped: {}
        nullable_only: {nullable: true}
        size: {type: string, enum: [small, medium]}
        nullable_enum: {type: string, nullable: true, enum: [a]}
        numbers: {type: number, enum: [1, 2.5, -3]}
        mixed_enum: {enum: [1, "1", true, null, [1, 2], {a: 1}]}
        bounded: {type: integer, minimum: 1, maximum: 10}
        strict: {type: number, minimum: 0, exclusiveMinimum: true, maximum: 1.5, exclusiveMaximum: true}
        not_strict: {type: number, minimum: 0, exclusiveMinimum: false}
        lengths: {type: string, minLength: 2, maxLength: 4}
        cidr: {type: string, pattern: '([0-9]{1,3}\.){3}[0-9]{1,3}($|/(16|24))'}
        accounts: {type: string, pattern: '^$|^\d{12}(,\d{12})*$'}
        anchored: {type: string, pattern: '^[a-z][a-z0-9-]*$'}
        lookahead: {type: string, pattern: '^(?=.*[0-9])'}
        spaces: {type: string, pattern: '^\S+$'}
        items: {type: array, minItems: 1, maxItems: 3, uniqueItems: true, items: {type: integer, minimum: 0}}
        nested:
          type: object
          properties:
            cidr: {type: string, default: 10.0.0.0/16}
            zones: {type: integer}
            deeper: {type: object, properties: {x: {type: string}}, required: [x]}
          required: [cidr, zones]
        email: {type: string, format: email}
        date: {type: string, format: date}
        date_time: {type: string, format: date-time}
        hostname: {type: string, format: hostname}
        ipv4: {type: string, format: ipv4}
        ipv6: {type: string, format: ipv6}
        uri: {type: string, format: uri}
        uri_reference: {type: string, format: uri-reference}
        json_pointer: {type: string, format: json-pointer}
        regex: {type: string, format: regex}
        password: {type: string, format: password}
"#;

    fn values() -> Vec<Json> {
        vec![
            json!(null),
            json!(true),
            json!(false),
            json!(0),
            json!(1),
            json!(1.0),
            json!(2.5),
            json!(-3),
            json!(-3.0),
            json!(10),
            json!(11),
            json!(1.5),
            json!(0.000001),
            json!(1e300),
            json!(""),
            json!("1"),
            json!("a"),
            json!("ab"),
            json!("small"),
            json!("large"),
            json!("abcde"),
            json!("ab cd"),
            json!("äbc"),
            json!("10.0.0.0/16"),
            json!("10.0.0.0/17"),
            json!("123456789012"),
            json!("12345678901"),
            json!("abc1"),
            json!("abc"),
            json!("ops@example.com"),
            json!("ops@"),
            json!("2024-02-29"),
            json!("2023-02-29"),
            json!("2024-02-29T10:00:00Z"),
            json!("2024-02-29T10:00:00"),
            json!("example.com"),
            json!("-bad.com"),
            json!("10.0.0.1"),
            json!("::1"),
            json!("https://example.com/a?b#c"),
            json!("/relative"),
            json!("a b"),
            json!("/a~1b"),
            json!("/a~2"),
            json!("123e4567-e89b-12d3-a456-426614174000"),
            json!("^[a-z]+$"),
            json!("(unclosed"),
            json!([]),
            json!([1]),
            json!([1, 1.0]),
            json!([1, 2, 3, 4]),
            json!([0, -1]),
            json!(["1", 1]),
            json!([1, 2]),
            json!([[1, 2]]),
            json!({}),
            json!({"a": 1}),
            json!({"a": 1.0}),
            json!({"cidr": "x", "zones": 2}),
            json!({"zones": 2}),
            json!({"zones": "2"}),
            json!({"zones": 2, "other": 1}),
            json!({"zones": 2, "deeper": {}}),
            json!({"zones": 2, "deeper": {"x": 1, "y": 2}}),
        ]
    }

    #[test]
    fn agrees_with_a_json_schema_validator_on_the_translated_schema() {
        let mut files = FileSet::new();
        let indented: String = PROPERTIES.lines().map(|l| format!("    {l}\n")).collect();
        files.insert_text(
            "schema/schema.yaml",
            format!("schema:\n  format:\n    openapi: \"3.0.0\"\n  environment_input_type: Env\n  types:\n    Env:\n      type: object\n      properties:\n{indented}"),
        );
        let bundle = Bundle::new(files);
        let env = bundle.schema().unwrap().type_named("Env").unwrap();
        // `uuid` is not a draft 7 format, so the reference cannot check it; formats.rs does.
        assert_eq!(env.properties.len(), 35);
        let mut disagreements = Vec::new();
        for (name, prop) in &env.properties {
            let ours = InputSchema::compile(prop);
            let reference = jsonschema::options()
                .with_draft(jsonschema::Draft::Draft7)
                .should_validate_formats(true)
                .build(&to_json_schema(prop))
                .unwrap();
            for value in values() {
                let expected = reference.is_valid(&value);
                if ours.is_valid(&value) != expected {
                    disagreements.push(format!("{}: {value} (reference: {expected})", name.value));
                }
                // One violation per broken keyword, as the reference reports them.
                let broken = reference.iter_errors(&value).count();
                if ours.validate(&value).len() != broken {
                    disagreements.push(format!("{}: {value} breaks {broken} keywords", name.value));
                }
            }
        }
        assert!(disagreements.is_empty(), "{disagreements:#?}");
    }

    #[test]
    fn canonical_forms_follow_json_schema_equality() {
        assert_eq!(canonical(&json!(1)), canonical(&json!(1.0)));
        assert_eq!(
            canonical(&json!({"a": 1, "b": [2]})),
            canonical(&json!({"b": [2.0], "a": 1}))
        );
        assert_ne!(canonical(&json!("1")), canonical(&json!(1)));
        assert_ne!(canonical(&json!(["a,b"])), canonical(&json!(["a", "b"])));
        assert_ne!(
            canonical(&json!(["a\",\"b"])),
            canonical(&json!(["a", "b"]))
        );
        assert_ne!(canonical(&json!(1.5)), canonical(&json!(1)));
        assert_ne!(canonical(&json!(null)), canonical(&json!(false)));
    }
}
