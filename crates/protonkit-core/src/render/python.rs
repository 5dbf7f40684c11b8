//! Python's spelling of values, so that rendered output is byte-identical to Jinja2's:
//! `{{ true }}` prints `True`, a list prints `['a', 'b']`, and `tojson` writes what
//! Python's `json.dumps(value, sort_keys=True)` writes, made safe for HTML as Jinja2 does.

use std::fmt::Write;

use minijinja::value::{Value, ValueKind};

/// `str(value)`.
pub(crate) fn str_of(value: &Value) -> String {
    match value.kind() {
        ValueKind::String => value.as_str().unwrap_or_default().to_owned(),
        _ => repr(value),
    }
}

/// `repr(value)`.
pub(crate) fn repr(value: &Value) -> String {
    let mut out = String::new();
    write_repr(&mut out, value);
    out
}

fn write_repr(out: &mut String, value: &Value) {
    match value.kind() {
        ValueKind::Undefined | ValueKind::None => out.push_str("None"),
        ValueKind::Bool => out.push_str(if value.is_true() { "True" } else { "False" }),
        ValueKind::Number => out.push_str(&number(value)),
        ValueKind::String => string_repr(out, value.as_str().unwrap_or_default()),
        ValueKind::Seq | ValueKind::Iterable => {
            out.push('[');
            for (i, item) in value.try_iter().into_iter().flatten().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_repr(out, &item);
            }
            out.push(']');
        }
        ValueKind::Map => {
            out.push('{');
            for (i, key) in value.try_iter().into_iter().flatten().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_repr(out, &key);
                out.push_str(": ");
                write_repr(out, &value.get_item(&key).unwrap_or_default());
            }
            out.push('}');
        }
        _ => out.push_str(&value.to_string()),
    }
}

/// Python's `repr` of a string: single quotes unless the text holds a single quote and no
/// double quote.
fn string_repr(out: &mut String, s: &str) {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push(quote);
}

/// A number as Python prints it: integers as they are, floats in `repr` form (`1.0`,
/// `1e+16`, `1.5e-05`).
fn number(value: &Value) -> String {
    if let Some(i) = value.as_i64() {
        if !is_float(value) {
            return i.to_string();
        }
    }
    match f64::try_from(value.clone()) {
        Ok(f) if is_float(value) => float_repr(f),
        Ok(_) | Err(_) => value.to_string(),
    }
}

fn is_float(value: &Value) -> bool {
    // minijinja prints floats with a dot or an exponent, integers without.
    let text = value.to_string();
    text.contains(['.', 'e', 'E']) || text.contains("inf") || text.contains("NaN")
}

/// `repr(float)`: the shortest digits that read back, fixed notation for exponents from
/// -4 to 15, scientific otherwise.
pub(crate) fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sci = format!("{f:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if (-4..16).contains(&exp) {
        let fixed = format!("{f}");
        if fixed.contains('.') {
            fixed
        } else {
            format!("{fixed}.0")
        }
    } else {
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{mantissa}e{sign}{:02}", exp.abs())
    }
}

/// Jinja2's `tojson`: `json.dumps(value, sort_keys=True)` (ASCII only; `indent` as in
/// Python), then `<`, `>`, `&` and `'` as `\u` escapes.
pub(crate) fn to_json(value: &Value, indent: Option<usize>) -> String {
    let mut out = String::new();
    write_json(&mut out, value, indent, 0);
    out.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\'', "\\u0027")
}

fn write_json(out: &mut String, value: &Value, indent: Option<usize>, depth: usize) {
    let newline = |out: &mut String, depth: usize| {
        if let Some(n) = indent {
            out.push('\n');
            out.push_str(&" ".repeat(n * depth));
        }
    };
    let separator = if indent.is_some() { "," } else { ", " };
    match value.kind() {
        ValueKind::Undefined | ValueKind::None => out.push_str("null"),
        ValueKind::Bool => out.push_str(if value.is_true() { "true" } else { "false" }),
        ValueKind::Number => {
            let n = number(value);
            out.push_str(match n.as_str() {
                "inf" => "Infinity",
                "-inf" => "-Infinity",
                "nan" => "NaN",
                other => other,
            });
        }
        ValueKind::String => json_string(out, value.as_str().unwrap_or_default()),
        ValueKind::Seq | ValueKind::Iterable => {
            let items: Vec<Value> = value.try_iter().into_iter().flatten().collect();
            if items.is_empty() {
                out.push_str("[]");
                return;
            }
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(separator);
                }
                newline(out, depth + 1);
                write_json(out, item, indent, depth + 1);
            }
            newline(out, depth);
            out.push(']');
        }
        ValueKind::Map => {
            let mut keys: Vec<Value> = value.try_iter().into_iter().flatten().collect();
            if keys.is_empty() {
                out.push_str("{}");
                return;
            }
            keys.sort_by_key(str_of);
            out.push('{');
            for (i, key) in keys.iter().enumerate() {
                if i > 0 {
                    out.push_str(separator);
                }
                newline(out, depth + 1);
                json_string(out, &str_of(key));
                out.push_str(": ");
                write_json(
                    out,
                    &value.get_item(key).unwrap_or_default(),
                    indent,
                    depth + 1,
                );
            }
            newline(out, depth);
            out.push('}');
        }
        _ => json_string(out, &value.to_string()),
    }
}

fn json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (c as u32) > 0x7e => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_print_as_python_prints_them() {
        assert_eq!(str_of(&Value::from(true)), "True");
        assert_eq!(str_of(&Value::from(())), "None");
        assert_eq!(str_of(&Value::from(1.0)), "1.0");
        assert_eq!(str_of(&Value::from(3)), "3");
        assert_eq!(
            str_of(&Value::from(vec![Value::from("a"), Value::from("it's")])),
            "['a', \"it's\"]"
        );
        assert_eq!(float_repr(1e16), "1e+16");
        assert_eq!(float_repr(1.5e-5), "1.5e-05");
        assert_eq!(float_repr(0.0001), "0.0001");
        assert_eq!(float_repr(123.25), "123.25");
    }

    #[test]
    fn tojson_sorts_keys_and_escapes_like_jinja2() {
        let v = Value::from(minijinja::value::Serde(
            serde_json::json!({"b": [1, 2.5], "a": "<é'>"}),
        ));
        assert_eq!(
            to_json(&v, None),
            r#"{"a": "\u003c\u00e9\u0027\u003e", "b": [1, 2.5]}"#
        );
        assert_eq!(
            to_json(&v, Some(2)),
            "{\n  \"a\": \"\\u003c\\u00e9\\u0027\\u003e\",\n  \"b\": [\n    1,\n    2.5\n  ]\n}"
        );
    }
}
