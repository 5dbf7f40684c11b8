//! Checks a YAML value against the constraints of one Schema Object (used for `default`
//! and `enum` values, which Proton's own inputs must also satisfy).

use crate::model::schema::{has_type, SchemaObject, TYPES};
use crate::source::Span;
use crate::yaml::{Node, Value};

/// One constraint a value breaks.
pub(crate) struct Violation {
    pub(crate) message: String,
    /// The keyword that the value breaks, when it has a position.
    pub(crate) constraint: Option<Span>,
}

/// Every constraint of `obj` that `value` breaks.
pub(crate) fn violations(obj: &SchemaObject, value: &Node) -> Vec<Violation> {
    let mut out = Vec::new();
    check(obj, value, "", &mut out);
    out
}

fn check(obj: &SchemaObject, value: &Node, what: &str, out: &mut Vec<Violation>) {
    let mut push = |message: String, constraint: Option<Span>| {
        out.push(Violation {
            message: format!("{what}{message}"),
            constraint,
        });
    };
    if value.value == Value::Null && obj.nullable.as_ref().is_some_and(|n| n.value) {
        return;
    }
    if let Some(ty) = obj
        .ty
        .as_ref()
        .filter(|t| TYPES.contains(&t.value.as_str()))
    {
        if !has_type(value, &ty.value) {
            push(
                format!("is {}, but the type is `{}`", value.kind_name(), ty.value),
                Some(ty.span),
            );
            return;
        }
    }
    if let Some((key, values)) = &obj.enum_values {
        if !values.is_empty() && !values.iter().any(|v| same(v, value)) {
            push("is not one of the `enum` values".into(), Some(*key));
        }
    }
    match &value.value {
        Value::Str(s) => {
            let chars = s.chars().count() as u64;
            if let Some(min) = obj.min_length.as_ref().filter(|m| chars < m.value) {
                push(
                    format!("is shorter than `minLength` ({})", min.value),
                    Some(min.span),
                );
            }
            if let Some(max) = obj.max_length.as_ref().filter(|m| chars > m.value) {
                push(
                    format!("is longer than `maxLength` ({})", max.value),
                    Some(max.span),
                );
            }
            if let Some(p) = &obj.pattern {
                if let Ok(re) = regress::Regex::new(&p.value) {
                    if re.find(s).is_none() {
                        push(
                            format!("does not match the pattern `{}`", p.value),
                            Some(p.span),
                        );
                    }
                }
            }
        }
        Value::Int(_) | Value::Float(_) => {
            let n = value.as_f64().unwrap_or_default();
            if let Some(min) = &obj.minimum {
                let exclusive = obj.exclusive_minimum.as_ref().is_some_and(|e| e.value);
                if n < min.value || (exclusive && n <= min.value) {
                    let word = if exclusive { "not above" } else { "below" };
                    push(
                        format!("is {word} `minimum` ({})", min.value),
                        Some(min.span),
                    );
                }
            }
            if let Some(max) = &obj.maximum {
                let exclusive = obj.exclusive_maximum.as_ref().is_some_and(|e| e.value);
                if n > max.value || (exclusive && n >= max.value) {
                    let word = if exclusive { "not below" } else { "above" };
                    push(
                        format!("is {word} `maximum` ({})", max.value),
                        Some(max.span),
                    );
                }
            }
        }
        Value::Seq(items) => {
            let len = items.len() as u64;
            if let Some(min) = obj.min_items.as_ref().filter(|m| len < m.value) {
                push(
                    format!("has fewer items than `minItems` ({})", min.value),
                    Some(min.span),
                );
            }
            if let Some(max) = obj.max_items.as_ref().filter(|m| len > m.value) {
                push(
                    format!("has more items than `maxItems` ({})", max.value),
                    Some(max.span),
                );
            }
            if let Some(u) = obj.unique_items.as_ref().filter(|u| u.value) {
                let repeated = items
                    .iter()
                    .enumerate()
                    .any(|(i, a)| items[i + 1..].iter().any(|b| same(a, b)));
                if repeated {
                    push(
                        "repeats an item although `uniqueItems` is true".into(),
                        Some(u.span),
                    );
                }
            }
            if let Some(item_schema) = &obj.items {
                for (i, item) in items.iter().enumerate() {
                    check(item_schema, item, &format!("item {i} "), out);
                }
            }
        }
        _ => {}
    }
}

/// Value equality as JSON Schema defines it: numbers compare by value, mappings ignore order.
pub(crate) fn same(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::Int(_) | Value::Float(_), Value::Int(_) | Value::Float(_)) => {
            a.as_f64() == b.as_f64()
        }
        (Value::Seq(x), Value::Seq(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter().all(|(k, v)| {
                    y.iter()
                        .any(|(k2, v2)| k.scalar_text() == k2.scalar_text() && same(v, v2))
                })
        }
        (x, y) => x == y,
    }
}

/// A short rendering of a scalar value for messages.
pub(crate) fn show(node: &Node) -> String {
    match &node.value {
        Value::Str(s) => format!("\"{}\"", truncate(s)),
        Value::Seq(_) => "[...]".into(),
        Value::Map(_) => "{...}".into(),
        _ => node.scalar_text().unwrap_or_default(),
    }
}

fn truncate(s: &str) -> String {
    if s.chars().count() > 40 {
        format!("{}...", s.chars().take(40).collect::<String>())
    } else {
        s.to_owned()
    }
}
