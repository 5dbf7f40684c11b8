//! Proton's four filters, and the Jinja2 built-ins whose minijinja versions differ from
//! Jinja2 (`tojson`, `truncate`).
//!
//! Proton documents what its filters accept and return but not their exact text. The two
//! that emit YAML block items (`proton_cfn_ecs_task_definition_formatted_env_vars`,
//! `proton_cfn_iam_policy_arns`) and the one that emits a block mapping
//! (`proton_cfn_lambda_function_formatted_env_vars`) are used on an indented line of their
//! own, so every line they write after the first is indented like the line the expression
//! stands on ([`LINE_BREAK`] marks those breaks until [`indent_breaks`] resolves them).
//! Values are written as JSON strings, which YAML reads back unchanged.

use minijinja::value::{Kwargs, Rest, Value, ValueKind, ValueOrKwargs};
use minijinja::{Error, ErrorKind};

use super::python;

/// Stands for "a new line indented like this one" in filter output; a private-use
/// character no template writes.
pub(crate) const LINE_BREAK: char = '\u{F8FF}';

/// `^[a-zA-Z0-9_-]*$`, the documented pattern of `raw=False` and `proton_cfn_sanitize`.
fn is_plain(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// An ARN: `arn:partition:service:region:account:resource`.
fn is_arn(s: &str) -> bool {
    let parts: Vec<&str> = s.splitn(6, ':').collect();
    parts.len() == 6
        && parts[0] == "arn"
        && !parts[1].is_empty()
        && !parts[2].is_empty()
        && !parts[5].is_empty()
}

/// `^arn:[a-zA-Z-]+:iam::\d{12}:policy/`.
fn is_policy_arn(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("arn:") else {
        return false;
    };
    let Some((partition, rest)) = rest.split_once(':') else {
        return false;
    };
    let Some(rest) = rest.strip_prefix("iam::") else {
        return false;
    };
    let Some((account, rest)) = rest.split_once(':') else {
        return false;
    };
    !partition.is_empty()
        && partition
            .bytes()
            .all(|b| b.is_ascii_alphabetic() || b == b'-')
        && account.len() == 12
        && account.bytes().all(|b| b.is_ascii_digit())
        && rest.starts_with("policy/")
}

fn illegal(value: &str, arn_allowed: bool) -> Error {
    let or_arn = if arn_allowed {
        " or be a valid ARN"
    } else {
        ""
    };
    Error::new(
        ErrorKind::InvalidOperation,
        format!("Illegal character(s) detected in \"{value}\". Must match regex ^[a-zA-Z0-9_-]*${or_arn}"),
    )
}

/// Jinja2's `StrictUndefined` refuses to be used as a filter's value.
fn defined(value: &Value) -> Result<(), Error> {
    if value.is_undefined() {
        Err(Error::from(ErrorKind::UndefinedError))
    } else {
        Ok(())
    }
}

/// The entries of an outputs map, as text, in order.
fn entries(outputs: &Value, filter: &str) -> Result<Vec<(String, String)>, Error> {
    defined(outputs)?;
    if outputs.kind() != ValueKind::Map {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!(
                "{filter} expects a mapping of outputs, got {}",
                outputs.kind()
            ),
        ));
    }
    Ok(outputs
        .try_iter()
        .into_iter()
        .flatten()
        .map(|k| {
            let v = outputs.get_item(&k).unwrap_or_default();
            (python::str_of(&k), python::str_of(&v))
        })
        .collect())
}

fn checked(entries: &[(String, String)], raw: bool) -> Result<(), Error> {
    match entries.iter().find(|(_, v)| !raw && !is_plain(v)) {
        Some((_, v)) => Err(illegal(v, false)),
        None => Ok(()),
    }
}

fn quoted(s: &str) -> String {
    serde_json::Value::String(s.to_owned()).to_string()
}

fn raw_flag(raw: Option<bool>, kwargs: &Kwargs) -> Result<bool, Error> {
    let named: Option<bool> = kwargs.get("raw")?;
    kwargs.assert_all_used()?;
    Ok(raw.or(named).unwrap_or(true))
}

/// `proton_cfn_ecs_task_definition_formatted_env_vars(raw=True)`: `- Name: k` / `Value: v`
/// items for a container definition's `Environment`.
pub(crate) fn ecs_env_vars(
    outputs: &Value,
    raw: Option<bool>,
    kwargs: Kwargs,
) -> Result<Value, Error> {
    formatted_env_vars(
        "proton_cfn_ecs_task_definition_formatted_env_vars",
        (outputs, raw, kwargs),
        |k, v| format!("- Name: {k}{LINE_BREAK}  Value: {v}"),
    )
}

/// `proton_cfn_lambda_function_formatted_env_vars(raw=True)`: `k: v` lines for a Lambda
/// function's `Environment.Variables`.
pub(crate) fn lambda_env_vars(
    outputs: &Value,
    raw: Option<bool>,
    kwargs: Kwargs,
) -> Result<Value, Error> {
    formatted_env_vars(
        "proton_cfn_lambda_function_formatted_env_vars",
        (outputs, raw, kwargs),
        |k, v| format!("{k}: {v}"),
    )
}

/// The two env-var filters: the outputs checked (`raw=False` validates values), each entry
/// written with quoted key and value, one per line.
fn formatted_env_vars(
    filter: &str,
    (outputs, raw, kwargs): (&Value, Option<bool>, Kwargs),
    line: impl Fn(String, String) -> String,
) -> Result<Value, Error> {
    let raw = raw_flag(raw, &kwargs)?;
    let entries = entries(outputs, filter)?;
    checked(&entries, raw)?;
    let lines: Vec<String> = entries
        .iter()
        .map(|(k, v)| line(quoted(k), quoted(v)))
        .collect();
    Ok(Value::from(lines.join(&LINE_BREAK.to_string())))
}

/// `proton_cfn_iam_policy_arns`: the values that are IAM policy ARNs, as `- arn` items.
pub(crate) fn iam_policy_arns(outputs: &Value) -> Result<Value, Error> {
    let entries = entries(outputs, "proton_cfn_iam_policy_arns")?;
    let items: Vec<String> = entries
        .iter()
        .filter(|(_, v)| is_policy_arn(v))
        .map(|(_, v)| format!("- {}", quoted(v)))
        .collect();
    Ok(Value::from(items.join(&LINE_BREAK.to_string())))
}

/// `proton_cfn_sanitize`: the value itself, when it is plain or an ARN.
pub(crate) fn sanitize(value: &Value) -> Result<Value, Error> {
    defined(value)?;
    let text = python::str_of(value);
    if is_plain(&text) || is_arn(&text) {
        Ok(Value::from(text))
    } else {
        Err(illegal(&text, true))
    }
}

/// Jinja2's `tojson(indent=None)`.
pub(crate) fn tojson(value: &Value, indent: Option<usize>, kwargs: Kwargs) -> Result<Value, Error> {
    defined(value)?;
    let named: Option<usize> = kwargs.get("indent")?;
    kwargs.assert_all_used()?;
    Ok(Value::from_safe_string(python::to_json(
        value,
        indent.or(named),
    )))
}

/// Jinja2's `truncate(length=255, killwords=False, end='...', leeway=None)` with the default
/// leeway of 5.
pub(crate) fn truncate(value: &Value, args: Rest<ValueOrKwargs>) -> Result<Value, Error> {
    defined(value)?;
    let mut positional: Vec<Value> = args.0.into_iter().map(Value::from).collect();
    let kwargs = match positional.last() {
        Some(last) if last.is_kwargs() => Kwargs::try_from(positional.pop().unwrap_or_default())?,
        _ => Kwargs::from_iter(std::iter::empty::<(&str, Value)>()),
    };
    if positional.len() > 4 {
        return Err(Error::new(
            ErrorKind::TooManyArguments,
            "truncate takes at most 4 arguments: length, killwords, end, leeway",
        ));
    }
    let arg = |i: usize, name: &str| -> Result<Option<Value>, Error> {
        match positional.get(i) {
            Some(v) => Ok(Some(v.clone())),
            None => kwargs.get::<Option<Value>>(name),
        }
    };
    let number = |v: Option<Value>, default: usize| -> Result<usize, Error> {
        v.map_or(Ok(default), usize::try_from)
    };
    let length = number(arg(0, "length")?, 255)?;
    let killwords = arg(1, "killwords")?.is_some_and(|v| v.is_true());
    let end = arg(2, "end")?.map_or_else(|| "...".to_owned(), |v| python::str_of(&v));
    let leeway = number(arg(3, "leeway")?, 5)?;
    kwargs.assert_all_used()?;
    let s = python::str_of(value);
    let chars: Vec<char> = s.chars().collect();
    let end_len = end.chars().count();
    if length < end_len {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("expected length >= {end_len}, got {length}"),
        ));
    }
    if chars.len() <= length + leeway {
        return Ok(Value::from(s));
    }
    let head: String = chars[..length - end_len].iter().collect();
    if killwords {
        return Ok(Value::from(head + &end));
    }
    let cut = head.rsplit_once(' ').map_or(head.as_str(), |(a, _)| a);
    Ok(Value::from(format!("{cut}{end}")))
}

/// Replaces each [`LINE_BREAK`] with a newline and the indentation of the line it is on.
/// Also returns anchors `(offset in the result, offset in text)` from which any later
/// offset of the result maps back to `text` by the same distance.
pub(crate) fn indent_breaks(text: &str) -> (String, Vec<(usize, usize)>) {
    let mut anchors = vec![(0, 0)];
    if !text.contains(LINE_BREAK) {
        return (text.to_owned(), anchors);
    }
    let mut out = String::with_capacity(text.len());
    let mut original = 0;
    for line in text.split_inclusive('\n') {
        let indent: String = line
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        for (i, piece) in line.split(LINE_BREAK).enumerate() {
            if i > 0 {
                out.push('\n');
                out.push_str(&indent);
                original += LINE_BREAK.len_utf8();
                anchors.push((out.len(), original));
            }
            out.push_str(piece);
            original += piece.len();
        }
    }
    (out, anchors)
}

/// Maps an offset of [`indent_breaks`]'s result back to its input.
pub(crate) fn before_breaks(anchors: &[(usize, usize)], offset: usize) -> usize {
    let (at, original) = anchors
        .iter()
        .rev()
        .find(|(at, _)| *at <= offset)
        .copied()
        .unwrap_or((0, 0));
    original + (offset - at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_plain_values_arns_and_policy_arns() {
        assert!(is_plain("abc_D-9") && !is_plain("a b"));
        assert!(is_arn("arn:aws:sns:us-east-1:123456789012:topic"));
        assert!(!is_arn("arn:aws:sns"));
        assert!(is_policy_arn("arn:aws:iam::123456789012:policy/read"));
        assert!(!is_policy_arn("arn:aws:iam::12345:policy/read"));
        assert!(!is_policy_arn("arn:aws:iam::123456789012:role/read"));
    }

    #[test]
    fn breaks_take_the_indentation_of_their_line() {
        let text = format!("a:\n    - x{LINE_BREAK}  y: 1{LINE_BREAK}- z\nb: 2\n");
        let (out, anchors) = indent_breaks(&text);
        assert_eq!(out, "a:\n    - x\n      y: 1\n    - z\nb: 2\n");
        let at = |s: &str| out.find(s).unwrap();
        assert_eq!(
            before_breaks(&anchors, at("y: 1")),
            text.find("y: 1").unwrap()
        );
        assert_eq!(
            before_breaks(&anchors, at("b: 2")),
            text.find("b: 2").unwrap()
        );
        assert_eq!(before_breaks(&anchors, 1), 1);
    }
}
