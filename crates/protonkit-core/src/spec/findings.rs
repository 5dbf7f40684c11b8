//! Validation errors and coercions of input values, turned into findings at the value,
//! the key or the mapping concerned.

use serde_json::Value as Json;

use super::check::Compiled;
use super::inputs::{Coercion, CoercionKind};
use super::translate::number;
use super::validate::{Problem, Segment, Violation};
use crate::diagnostic::Diagnostic;
use crate::model::join;
use crate::model::schema::SchemaObject;
use crate::rules;
use crate::source::Span;
use crate::suggest::{did_you_mean, hint};
use crate::yaml::{Node, Value};

/// Where a section's inputs are, for turning validation errors into findings.
pub(super) struct Site<'a> {
    pub(super) compiled: &'a Compiled<'a>,
    pub(super) node: &'a Node,
    pub(super) section_key: Option<Span>,
    /// How to name the section in help: `` `spec` `` or `` `pipeline` ``.
    pub(super) section_name: &'a str,
    pub(super) owner: Span,
    pub(super) whose: &'a str,
}

impl Site<'_> {
    pub(super) fn diagnostics(&self, violation: &Violation<'_, '_>) -> Vec<Diagnostic> {
        let (value, key, schema, path) = self.locate(&violation.path);
        let kind = &violation.kind;
        let name = if path.is_empty() {
            format!("the inputs of {}", self.whose)
        } else {
            format!("input `{path}` of {}", self.whose)
        };
        let written = written(value);
        vec![match kind {
            Problem::Type => {
                let expected = schema
                    .and_then(SchemaObject::type_name)
                    .unwrap_or("another type");
                Diagnostic::new(
                    rules::input_type_mismatch::rule(),
                    value.span,
                    format!(
                        "{name} must be {}, but {written} is {}",
                        article(expected),
                        value.kind_name()
                    ),
                )
                .label(format!("expected {}", article(expected)))
                .help(type_help(expected))
            }
            Problem::Enum { options } => {
                let allowed: Vec<String> = options.iter().map(show).collect();
                let hint = value
                    .as_str()
                    .map(|s| hint(s, options.iter().filter_map(Json::as_str)))
                    .unwrap_or_default();
                Diagnostic::new(
                    rules::input_not_in_enum::rule(),
                    value.span,
                    format!(
                        "{name} is {written}, which is not one of {}{hint}",
                        allowed.join(", ")
                    ),
                )
                .label("not an allowed value")
                .help("use one of the values the property's `enum` lists")
            }
            Problem::Pattern { pattern } => Diagnostic::new(
                rules::input_pattern_mismatch::rule(),
                value.span,
                format!("{name} is {written}, which does not match the pattern `{pattern}`"),
            )
            .label("does not match")
            .help("change the value so that the property's `pattern` matches it"),
            Problem::MinLength { limit } | Problem::MaxLength { limit } => {
                let chars = value.as_str().map_or(0, |s| s.chars().count());
                let (bound, keyword) = if matches!(kind, Problem::MinLength { .. }) {
                    ("at least", "minLength")
                } else {
                    ("at most", "maxLength")
                };
                Diagnostic::new(
                    rules::input_length_out_of_range::rule(),
                    value.span,
                    format!("{name} is {chars} characters long; the schema allows {bound} {limit} (`{keyword}`)"),
                )
                .label(format!("{chars} characters"))
                .help(format!("write a value of {bound} {}", plural(*limit, "character")))
            }
            Problem::Minimum { limit }
            | Problem::Maximum { limit }
            | Problem::ExclusiveMinimum { limit }
            | Problem::ExclusiveMaximum { limit } => {
                let limit = number(*limit);
                let (relation, keyword) = match kind {
                    Problem::Minimum { .. } => ("at least", "minimum"),
                    Problem::Maximum { .. } => ("at most", "maximum"),
                    Problem::ExclusiveMinimum { .. } => {
                        ("more than", "minimum` with `exclusiveMinimum")
                    }
                    _ => ("less than", "maximum` with `exclusiveMaximum"),
                };
                Diagnostic::new(
                    rules::input_out_of_range::rule(),
                    value.span,
                    format!(
                        "{name} is {written}; the schema allows {relation} {limit} (`{keyword}`)"
                    ),
                )
                .label("out of range")
                .help(format!("write a number {relation} {limit}"))
            }
            Problem::MinItems { limit } | Problem::MaxItems { limit } => {
                let count = match &value.value {
                    Value::Seq(items) => items.len(),
                    _ => 0,
                };
                let (bound, keyword) = if matches!(kind, Problem::MinItems { .. }) {
                    ("at least", "minItems")
                } else {
                    ("at most", "maxItems")
                };
                Diagnostic::new(
                    rules::invalid_input_items::rule(),
                    value.span,
                    format!(
                        "{name} has {}; the schema allows {bound} {limit} (`{keyword}`)",
                        plural(count as u64, "item")
                    ),
                )
                .help(format!("give {bound} {}", plural(*limit, "item")))
            }
            Problem::UniqueItems => Diagnostic::new(
                rules::invalid_input_items::rule(),
                value.span,
                format!("{name} repeats an item, but the schema sets `uniqueItems`"),
            )
            .help("remove the repeated items"),
            Problem::Format { format } => Diagnostic::new(
                rules::input_format_mismatch::rule(),
                value.span,
                format!("{name} is {written}, which is not a valid `{format}`"),
            )
            .label(format!("not a valid `{format}`"))
            .help(format!("write a value in the `{format}` format")),
            Problem::AdditionalProperties { unexpected } => {
                let known: Vec<&str> = schema
                    .map(|s| s.properties.iter().map(|(n, _)| n.value.as_str()).collect())
                    .unwrap_or_default();
                let owner = if path.is_empty() {
                    format!("the input type `{}`", self.compiled.type_name)
                } else {
                    format!("`{path}`")
                };
                return unexpected
                    .iter()
                    .copied()
                    .filter_map(|name| {
                        let (k, _) = value
                            .as_map()?
                            .iter()
                            .find(|(k, _)| k.scalar_text().as_deref() == Some(name))?;
                        Some(unknown_input(k.span, name, &owner, self.whose, &known))
                    })
                    .collect();
            }
            Problem::Required { property } => {
                let missing = *property;
                let at = key
                    .map(|k| k.span)
                    .or(if path.is_empty() {
                        self.section_key
                    } else {
                        None
                    })
                    .unwrap_or(self.owner);
                let prop_schema = schema.and_then(|s| s.property(missing));
                let ty = prop_schema
                    .and_then(SchemaObject::type_name)
                    .unwrap_or("value");
                let section = if path.is_empty() {
                    self.section_name.to_owned()
                } else {
                    format!("`{path}`")
                };
                let subject = if path.is_empty() {
                    self.whose.to_owned()
                } else {
                    name.clone()
                };
                Diagnostic::new(
                    rules::missing_required_input::rule(),
                    at,
                    format!(
                        "{subject} lacks the required {} `{missing}`",
                        if path.is_empty() { "input" } else { "property" }
                    ),
                )
                .label(format!("`{missing}` is missing here"))
                .help(format!("add `{missing}: <{ty}>` under {section}"))
            }
        }]
    }

    /// The value at `segments`, the key that introduces it, its Schema Object and its path.
    fn locate(
        &self,
        segments: &[Segment<'_>],
    ) -> (&Node, Option<&Node>, Option<&SchemaObject>, String) {
        let mut node = self.node;
        let mut key = None;
        let mut schema = Some(self.compiled.schema);
        let mut path = String::new();
        for segment in segments {
            match segment {
                Segment::Property(name) => {
                    let Some((k, v)) = node.as_map().and_then(|m| {
                        m.iter()
                            .find(|(k, _)| k.scalar_text().as_deref() == Some(*name))
                    }) else {
                        break;
                    };
                    key = Some(k);
                    node = v;
                    schema = schema.and_then(|s| s.property(name));
                    path = join(&path, name);
                }
                Segment::Index(i) => {
                    let Some(item) = (match &node.value {
                        Value::Seq(items) => items.get(*i),
                        _ => None,
                    }) else {
                        break;
                    };
                    node = item;
                    schema = schema.and_then(|s| s.items.as_deref());
                    path = format!("{path}[{i}]");
                }
            }
        }
        (node, key, schema, path)
    }
}

pub(super) fn report_coercions(coercions: &[Coercion], whose: &str, out: &mut Vec<Diagnostic>) {
    for c in coercions {
        let input = format!("input `{}` of {whose}", c.path);
        out.push(match &c.kind {
            CoercionKind::AmbiguousBoolean { word, value } => Diagnostic::new(
                rules::ambiguous_boolean::rule(),
                c.span,
                format!("{input} is `{word}`, a string in YAML 1.2 but `{value}` in YAML 1.1; protonkit reads `{value}`"),
            )
            .label(format!("write `{value}`"))
            .help(format!("write `{value}` so that every YAML parser reads the same value")),
            CoercionKind::NumberForString { text } => Diagnostic::new(
                rules::number_string_confusion::rule(),
                c.span,
                format!("{input} is a string, but `{text}` is written as a number"),
            )
            .label("a number in YAML")
            .help(format!("quote it: \"{text}\"")),
            CoercionKind::StringForNumber { text } => Diagnostic::new(
                rules::number_string_confusion::rule(),
                c.span,
                format!("{input} is a number, but \"{text}\" is written as a string"),
            )
            .label("a string in YAML")
            .help(format!("remove the quotes: {text}")),
        });
    }
}

fn written(node: &Node) -> String {
    match &node.value {
        Value::Str(s) if s.chars().count() > 60 => {
            format!("`{}…`", s.chars().take(57).collect::<String>())
        }
        Value::Seq(_) => "the sequence".to_owned(),
        Value::Map(_) => "the mapping".to_owned(),
        _ => format!("`{}`", node.scalar_text().unwrap_or_default()),
    }
}

fn show(value: &Json) -> String {
    match value {
        Json::String(s) => format!("`{s}`"),
        other => format!("`{other}`"),
    }
}

fn article(ty: &str) -> String {
    match ty {
        "integer" | "array" | "object" => format!("an {ty}"),
        "another type" => ty.to_owned(),
        _ => format!("a {ty}"),
    }
}

fn type_help(ty: &str) -> &'static str {
    match ty {
        "string" => "write a string; quote it if YAML would read it as something else",
        "number" | "integer" => "write a number without quotes",
        "boolean" => "write `true` or `false`",
        "array" => "write a sequence (`- item` lines or `[a, b]`)",
        "object" => "write a mapping of keys and values",
        _ => "write a value of the type the schema declares",
    }
}

fn unknown_input(at: Span, name: &str, owner: &str, whose: &str, known: &[&str]) -> Diagnostic {
    let suggestion = did_you_mean(name, known.iter().copied());
    Diagnostic::new(
        rules::unknown_input::rule(),
        at,
        format!(
            "unknown input `{name}` in {whose}: {owner} has no such property{}",
            crate::suggest::suffix(suggestion)
        ),
    )
    .label("not in the schema")
    .help(match suggestion {
        Some(s) => format!("rename it to `{s}`"),
        None => "remove it, or add the property to schema.yaml".to_owned(),
    })
}

fn plural(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
