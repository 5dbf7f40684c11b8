//! What the cursor is on in a spec being typed: completions of keys and values, and hover
//! text. Works on the lines of the text rather than on a parse tree, because the text is
//! usually invalid YAML in the middle of a word.

use protonkit_core::model::schema::SchemaObject;
use protonkit_core::spec::{input_type, InputKind, INSTANCE_KEYS};
use protonkit_core::{Bundle, BundleKind};

use crate::types::{Completion, CompletionResult, HoverResult};

/// A line of the text: its byte range, indentation and content after the indentation.
struct Line<'t> {
    start: usize,
    indent: usize,
    content: &'t str,
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for raw in text.split_inclusive('\n') {
        let body = raw.trim_end_matches(['\n', '\r']);
        let content = body.trim_start_matches(' ');
        out.push(Line {
            start,
            indent: body.len() - content.len(),
            content,
        });
        start += raw.len();
    }
    if text.is_empty() || text.ends_with('\n') {
        out.push(Line {
            start,
            indent: 0,
            content: "",
        });
    }
    out
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// `key` when `content` is `key:` or `key: value` (after an optional `- `).
fn key_of(content: &str) -> Option<&str> {
    let content = content.strip_prefix("- ").unwrap_or(content);
    let (key, _) = content.split_once(':')?;
    (!key.is_empty() && key.bytes().all(is_word)).then_some(key)
}

/// Whether `content` (`key:` with nothing but a comment after it) opens a nested block.
fn opens_block(content: &str) -> bool {
    content
        .split_once(':')
        .is_some_and(|(_, rest)| rest.trim().is_empty() || rest.trim_start().starts_with('#'))
}

/// The keys and list items above a line whose content starts at `indent`: `["instances",
/// "[]", "spec"]` for an instance's input.
fn ancestors(all: &[Line<'_>], at: usize, mut indent: usize) -> Vec<String> {
    let mut path = Vec::new();
    for line in all[..at].iter().rev() {
        if line.content.is_empty() || line.content.starts_with('#') {
            continue;
        }
        if let Some(item) = line
            .content
            .strip_prefix("- ")
            .or((line.content == "-").then_some(""))
        {
            // Inside this list item when the cursor is at or right of its content; deeper
            // than its content, inside the key that opens it (`- spec:`).
            if indent > line.indent + 2 {
                if let Some(key) = key_of(item).filter(|_| opens_block(item)) {
                    path.push(key.to_owned());
                }
            }
            if indent >= line.indent + 2 {
                path.push("[]".to_owned());
                indent = line.indent;
            }
            if indent == 0 {
                break;
            }
            continue;
        }
        if line.indent < indent {
            if let Some(key) = key_of(line.content) {
                path.push(key.to_owned());
                indent = line.indent;
            }
        }
        if indent == 0 {
            break;
        }
    }
    path.reverse();
    path
}

/// The indentation and content of a line's mapping entry: a list item's entry starts
/// after its `- `.
fn entry<'t>(line: &Line<'t>) -> (usize, &'t str) {
    match line.content.strip_prefix("- ") {
        Some(rest) => (line.indent + 2, rest),
        None => (line.indent, line.content),
    }
}

/// The keys already written in the mapping a line belongs to (below it only, when the line
/// starts a list item).
fn siblings(all: &[Line<'_>], at: usize, indent: usize, starts_item: bool) -> Vec<String> {
    let blank = |l: &Line<'_>| l.content.is_empty() || l.content.starts_with('#');
    let mut out = Vec::new();
    let mut collect = |content: &str| {
        if let Some(k) = key_of(content) {
            out.push(k.to_owned());
        }
    };
    let above = if starts_item { &all[..0] } else { &all[..at] };
    for l in above.iter().rev() {
        if blank(l) {
            continue;
        }
        let (ind, content) = entry(l);
        if ind < indent {
            break;
        }
        if ind == indent {
            collect(content);
            if l.content.starts_with("- ") {
                break;
            }
        }
    }
    for l in &all[at + 1..] {
        if blank(l) {
            continue;
        }
        let (ind, content) = entry(l);
        if ind < indent || (ind == indent && l.content.starts_with("- ")) {
            break;
        }
        if ind == indent {
            collect(content);
        }
    }
    out
}

/// The schema object the path names, starting from the input type of its section.
fn schema_at<'b>(bundle: &'b Bundle, path: &[String]) -> Option<&'b SchemaObject> {
    let (kind, rest) = match (bundle.kind(), path) {
        (BundleKind::Environment, [first, rest @ ..]) if first == "spec" => {
            (InputKind::Environment, rest)
        }
        (BundleKind::Service { .. }, [first, item, spec, rest @ ..])
            if first == "instances" && item == "[]" && spec == "spec" =>
        {
            (InputKind::ServiceInstance, rest)
        }
        (BundleKind::Service { .. }, [first, rest @ ..]) if first == "pipeline" => {
            (InputKind::Pipeline, rest)
        }
        _ => return None,
    };
    let (_, mut object) = input_type(bundle, kind)?;
    for segment in rest {
        object = if segment == "[]" {
            object.items.as_deref()?
        } else {
            object.property(segment)?
        };
    }
    Some(object)
}

fn type_label(object: &SchemaObject) -> Option<String> {
    object.ty.as_ref().map(|t| {
        match (
            &t.value[..],
            object.items.as_deref().and_then(|i| i.ty.as_ref()),
        ) {
            ("array", Some(items)) => format!("array of {}", items.value),
            (other, _) => other.to_owned(),
        }
    })
}

fn documentation(object: &SchemaObject) -> Option<String> {
    let parts: Vec<&str> = [&object.title, &object.description]
        .into_iter()
        .flatten()
        .map(|s| s.value.as_str())
        .collect();
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

fn key_item(label: &str, detail: Option<String>, documentation: Option<String>) -> Completion {
    Completion {
        label: label.to_owned(),
        kind: "key",
        detail,
        documentation,
        insert_text: format!("{label}: "),
    }
}

fn value_item(label: String, detail: Option<String>) -> Completion {
    Completion {
        insert_text: label.clone(),
        label,
        kind: "value",
        detail,
        documentation: None,
    }
}

/// Byte offset of a UTF-16 offset (clamped to the text).
pub fn byte_offset(text: &str, utf16: usize) -> usize {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        if units >= utf16 {
            return i;
        }
        units += c.len_utf16();
    }
    text.len()
}

fn utf16_offset(text: &str, byte: usize) -> usize {
    text[..byte].encode_utf16().count()
}

/// Completions at byte offset `at` of a spec for `bundle`.
pub fn completions(bundle: &Bundle, text: &str, at: usize) -> CompletionResult {
    let all = lines(text);
    let index = all.iter().rposition(|l| l.start <= at).unwrap_or(0);
    let line = &all[index];
    let before = &text[line.start..at];
    let trimmed = before.trim_start_matches(' ');
    let lead = before.len() - trimmed.len();
    let item_dash = trimmed.starts_with("- ");
    let typed = trimmed.strip_prefix("- ").unwrap_or(trimmed);
    let key_indent = lead + if item_dash { 2 } else { 0 };
    let word_start = at - before.bytes().rev().take_while(|b| is_word(*b)).count();
    let word_end = at + text[at..].bytes().take_while(|b| is_word(*b)).count();
    let mut items = Vec::new();

    if typed.bytes().all(is_word) {
        // A key: what the mapping at this indentation may hold and does not yet.
        let mut path = ancestors(&all, index, key_indent);
        if item_dash {
            path.push("[]".to_owned());
        }
        let present = siblings(&all, index, key_indent, item_dash);
        let fresh = |k: &str| !present.iter().any(|p| p == k);
        match (bundle.kind(), path.as_slice()) {
            (kind, []) => {
                let mut keys = vec!["proton"];
                match kind {
                    BundleKind::Environment => keys.push("spec"),
                    BundleKind::Service { pipeline } => {
                        keys.push("instances");
                        if pipeline {
                            keys.push("pipeline");
                        }
                    }
                    _ => {}
                }
                items.extend(
                    keys.into_iter()
                        .filter(|k| fresh(k))
                        .map(|k| key_item(k, None, None)),
                );
            }
            (BundleKind::Service { .. }, [first, item]) if first == "instances" && item == "[]" => {
                items.extend(
                    INSTANCE_KEYS
                        .iter()
                        .filter(|k| fresh(k))
                        .map(|k| key_item(k, None, None)),
                );
            }
            _ => {
                if let Some(object) = schema_at(bundle, &path) {
                    for (name, property) in &object.properties {
                        if fresh(&name.value) {
                            let mut item = key_item(
                                &name.value,
                                type_label(property),
                                documentation(property),
                            );
                            item.kind = "input";
                            if object.required.iter().any(|r| r.value == name.value) {
                                item.detail = Some(
                                    format!("{} (required)", item.detail.unwrap_or_default())
                                        .trim()
                                        .to_owned(),
                                );
                            }
                            items.push(item);
                        }
                    }
                }
            }
        }
    } else if let Some(key) = key_of(typed) {
        // A value: enum values, booleans, the kinds of spec.
        let after_colon = typed.split_once(':').map_or("", |(_, v)| v);
        if after_colon.starts_with(' ') || after_colon.is_empty() {
            let path = ancestors(&all, index, key_indent);
            if path.is_empty() && key == "proton" {
                let mut kinds = vec!["EnvironmentSpec", "ServiceSpec"];
                if matches!(bundle.kind(), BundleKind::Service { .. }) {
                    kinds.reverse();
                }
                items.extend(kinds.into_iter().map(|k| value_item(k.to_owned(), None)));
            } else if let Some(object) = schema_at(bundle, &[path, vec![key.to_owned()]].concat()) {
                if let Some((_, values)) = &object.enum_values {
                    items.extend(
                        values
                            .iter()
                            .filter_map(|v| v.scalar_text())
                            .map(|v| value_item(v, type_label(object))),
                    );
                } else if object.ty.as_ref().is_some_and(|t| t.value == "boolean") {
                    items.extend(
                        ["true", "false"].map(|v| value_item(v.to_owned(), Some("boolean".into()))),
                    );
                }
                if let Some(default) = object.default.as_ref().and_then(|d| d.scalar_text()) {
                    if !items.iter().any(|i| i.label == default) {
                        items.push(value_item(default, Some("default".into())));
                    }
                }
            }
        }
    }
    CompletionResult {
        from: utf16_offset(text, word_start),
        to: utf16_offset(text, word_end),
        items,
    }
}

/// Hover text for the key on the line at byte offset `at`, when it names an input.
pub fn hover(bundle: &Bundle, text: &str, at: usize) -> Option<HoverResult> {
    let all = lines(text);
    let index = all.iter().rposition(|l| l.start <= at)?;
    let line = &all[index];
    let dash = line.content.starts_with("- ");
    let key = key_of(line.content)?;
    let key_start = line.start + line.indent + if dash { 2 } else { 0 };
    let mut path = ancestors(&all, index, line.indent + if dash { 2 } else { 0 });
    if dash {
        path.push("[]".to_owned());
    }
    path.push(key.to_owned());
    let object = schema_at(bundle, &path)?;
    let mut contents = format!("**{key}**");
    if let Some(ty) = type_label(object) {
        contents.push_str(&format!(" ({ty})"));
    }
    if let Some(doc) = documentation(object) {
        contents.push_str("\n\n");
        contents.push_str(&doc);
    }
    if let Some(default) = object.default.as_ref().and_then(|d| d.scalar_text()) {
        contents.push_str(&format!("\n\nDefault: `{default}`"));
    }
    Some(HoverResult {
        from: utf16_offset(text, key_start),
        to: utf16_offset(text, key_start + key.len()),
        contents,
    })
}
