//! What a template reads, found without rendering: the dotted references inside `{{ }}`
//! and `{% %}` (with their spans and whether a `default` or an `is defined` test guards
//! them), the filters it applies, and the loop variables that stand for an element of a
//! list. Terraform files are read for `var.<namespace>...` references.
//!
//! This is a scanner, not a parser: it sees tokens, skips string literals and `{% raw %}`
//! blocks, and is exact for the shapes Proton templates use.

use std::ops::Range;

/// One dotted reference: `environment.inputs.vpc_cidr`, `outputs["my-output"]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The segments: names, and the keys of `["..."]` subscripts.
    pub path: Vec<String>,
    /// Each segment's span.
    pub spans: Vec<Range<usize>>,
    /// A `default` filter or an `is defined` / `is undefined` test applies to it, here or
    /// in an enclosing `{% if %}`.
    pub guarded: bool,
    /// A name character-by-character after the last segment joined with `-`
    /// (`outputs.my-output`): Jinja reads a subtraction.
    pub hyphen_tail: Option<Range<usize>>,
}

impl Reference {
    /// The whole reference.
    #[must_use]
    pub fn span(&self) -> Range<usize> {
        self.spans[0].start..self.spans[self.spans.len() - 1].end
    }

    /// The path as written with dots.
    #[must_use]
    pub fn dotted(&self) -> String {
        self.path.join(".")
    }
}

/// What a template reads and applies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scan {
    /// The references, in order, with loop variables resolved (`service_instance.inputs.x`
    /// inside `{% for service_instance in service_instances %}` reads as
    /// `service_instances.[].inputs.x`).
    pub references: Vec<Reference>,
    /// The filters applied, with their name's span.
    pub filters: Vec<(String, Range<usize>)>,
    /// `{{resolve:...}}` dynamic references outside `{% raw %}`.
    pub dynamic_references: Vec<Range<usize>>,
}

/// Names Jinja provides or the template defines that are not Proton data.
const BUILTIN_NAMES: &[&str] = &[
    "loop",
    "range",
    "dict",
    "lipsum",
    "cycler",
    "joiner",
    "namespace",
    "true",
    "false",
    "none",
    "True",
    "False",
    "None",
    "and",
    "or",
    "not",
    "in",
    "is",
    "if",
    "else",
    "elif",
    "for",
    "recursive",
    "self",
    "caller",
    "varargs",
    "kwargs",
];

/// Scans a Jinja template.
#[must_use]
pub fn scan(source: &str) -> Scan {
    let mut scan = Scan::default();
    let mut locals: Vec<String> = Vec::new();
    let mut aliases: Vec<(String, Vec<String>)> = Vec::new();
    let mut guards: Vec<Vec<String>> = Vec::new();
    // Per open `{% for %}`: whether it made an alias.
    let mut loops: Vec<bool> = Vec::new();
    let mut raw = false;
    let mut at = 0;
    while let Some(found) = source[at..].find('{') {
        let start = at + found;
        let rest = &source[start..];
        let (close, is_tag) = if rest.starts_with("{{") {
            ("}}", false)
        } else if rest.starts_with("{%") {
            ("%}", true)
        } else if rest.starts_with("{#") {
            at = start + rest.find("#}").map_or(rest.len(), |e| e + 2);
            continue;
        } else {
            at = start + 1;
            continue;
        };
        let body_start = start + 2;
        let end = source[body_start..]
            .find(close)
            .map_or(source.len(), |e| body_start + e);
        let body = &source[body_start..end];
        at = (end + 2).min(source.len());
        let trimmed = body.trim_start_matches(['-', '+']).trim_start();
        let keyword = trimmed.split_whitespace().next().unwrap_or_default();
        if is_tag {
            match keyword {
                "raw" => raw = true,
                "endraw" => raw = false,
                _ => {}
            }
        }
        if raw {
            continue;
        }
        if !is_tag && trimmed.starts_with("resolve:") {
            scan.dynamic_references.push(start..at);
            continue;
        }
        let tokens = tokens(body, body_start);
        if is_tag {
            match keyword {
                "for" => {
                    // `for a, b in x` / `for a in x`: the names are locals; one name over a
                    // list stands for its element.
                    let names: Vec<&Token> = tokens
                        .iter()
                        .skip(1)
                        .take_while(|t| t.text != "in")
                        .filter(|t| t.kind == Kind::Name)
                        .collect();
                    let after: Vec<Token> = tokens
                        .iter()
                        .skip_while(|t| t.text != "in")
                        .skip(1)
                        .cloned()
                        .collect();
                    if let ([one], Some(list)) = (names.as_slice(), chains(&after).first()) {
                        let mut path = resolve(&list.path, &aliases);
                        path.push("[]".into());
                        aliases.push((one.text.clone(), path));
                        loops.push(true);
                    } else {
                        locals.extend(names.iter().map(|t| t.text.clone()));
                        loops.push(false);
                    }
                    collect(&mut scan, &after, &locals, &aliases, &guards);
                    continue;
                }
                "set" => {
                    let names: Vec<&Token> = tokens
                        .iter()
                        .skip(1)
                        .take_while(|t| t.text != "=")
                        .filter(|t| t.kind == Kind::Name)
                        .collect();
                    locals.extend(names.iter().map(|t| t.text.clone()));
                    let value: Vec<Token> = tokens
                        .iter()
                        .skip_while(|t| t.text != "=")
                        .skip(1)
                        .cloned()
                        .collect();
                    collect(&mut scan, &value, &locals, &aliases, &guards);
                    continue;
                }
                "macro" => {
                    locals.extend(
                        tokens
                            .iter()
                            .skip(1)
                            .filter(|t| t.kind == Kind::Name)
                            .map(|t| t.text.clone()),
                    );
                    continue;
                }
                "if" => {
                    guards.push(tested(&tokens));
                }
                "elif" => {
                    if let Some(g) = guards.last_mut() {
                        g.extend(tested(&tokens));
                    }
                }
                "endif" => {
                    guards.pop();
                }
                "endfor" if loops.pop() == Some(true) => {
                    aliases.pop();
                }
                _ => {}
            }
        }
        // A tag's keyword (`if`, `endif` ...) is not a reference.
        let skip = usize::from(is_tag);
        collect(
            &mut scan,
            &tokens[skip.min(tokens.len())..],
            &locals,
            &aliases,
            &guards,
        );
    }
    scan
}

/// Terraform references: `var.environment.inputs.x`, as `environment.inputs.x`, in code
/// and inside `"${...}"` interpolations alike.
#[must_use]
pub fn scan_terraform(source: &str) -> Scan {
    let mut scan = Scan::default();
    let bytes = source.as_bytes();
    let name_char = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
    let mut from = 0;
    while let Some(found) = source[from..].find("var.") {
        let start = from + found;
        from = start + 4;
        if start > 0 && (name_char(bytes[start - 1]) || bytes[start - 1] == b'.') {
            continue;
        }
        let mut path = Vec::new();
        let mut spans = Vec::new();
        let mut at = start + 4;
        loop {
            let end = source[at..]
                .bytes()
                .position(|b| !name_char(b))
                .map_or(source.len(), |n| at + n);
            if end == at {
                break;
            }
            path.push(source[at..end].to_owned());
            spans.push(at..end);
            if bytes.get(end) == Some(&b'.') {
                at = end + 1;
            } else {
                break;
            }
        }
        if !path.is_empty() {
            from = spans[spans.len() - 1].end;
            scan.references.push(Reference {
                path,
                spans,
                guarded: true,
                hyphen_tail: None,
            });
        }
    }
    scan
}

/// The references an `{% if %}` condition tests with `is defined` / `is undefined`, or
/// checks for truth.
fn tested(tokens: &[Token]) -> Vec<String> {
    chains(tokens)
        .into_iter()
        .filter(|c| c.tested)
        .map(|c| c.path.join("."))
        .collect()
}

fn resolve(path: &[String], aliases: &[(String, Vec<String>)]) -> Vec<String> {
    match aliases
        .iter()
        .rev()
        .find(|(name, _)| Some(name) == path.first())
    {
        Some((_, target)) => target
            .iter()
            .cloned()
            .chain(path[1..].iter().cloned())
            .collect(),
        None => path.to_vec(),
    }
}

fn collect(
    scan: &mut Scan,
    tokens: &[Token],
    locals: &[String],
    aliases: &[(String, Vec<String>)],
    guards: &[Vec<String>],
) {
    for (i, t) in tokens.iter().enumerate() {
        if t.text == "|" {
            if let Some(name) = tokens.get(i + 1).filter(|n| n.kind == Kind::Name) {
                scan.filters.push((name.text.clone(), name.span.clone()));
            }
        }
    }
    for chain in chains(tokens) {
        let root = &chain.path[0];
        if BUILTIN_NAMES.contains(&root.as_str()) || locals.contains(root) {
            continue;
        }
        let path = resolve(&chain.path, aliases);
        let dotted = path.join(".");
        let enclosing = guards.iter().flatten().any(|g| {
            dotted == *g
                || dotted.starts_with(&format!("{g}."))
                || g.starts_with(&format!("{dotted}."))
        });
        scan.references.push(Reference {
            spans: chain.spans,
            guarded: chain.tested || chain.defaulted || enclosing,
            hyphen_tail: chain.hyphen_tail,
            path,
        });
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Name,
    Str,
    Number,
    Punct,
}

#[derive(Debug, Clone)]
struct Token {
    kind: Kind,
    text: String,
    span: Range<usize>,
    /// Whether whitespace precedes it.
    spaced: bool,
}

fn tokens(body: &str, offset: usize) -> Vec<Token> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = body.char_indices().collect();
    let mut i = 0;
    let mut spaced = true;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            spaced = true;
            i += 1;
            continue;
        }
        let (kind, end) = if c.is_alphabetic() || c == '_' {
            let mut j = i;
            while j < chars.len() && (chars[j].1.is_alphanumeric() || chars[j].1 == '_') {
                j += 1;
            }
            (Kind::Name, j)
        } else if c.is_ascii_digit() {
            let mut j = i;
            while j < chars.len() && (chars[j].1.is_ascii_alphanumeric() || chars[j].1 == '.') {
                j += 1;
            }
            (Kind::Number, j)
        } else if c == '"' || c == '\'' {
            let mut j = i + 1;
            while j < chars.len() && chars[j].1 != c {
                if chars[j].1 == '\\' {
                    j += 1;
                }
                j += 1;
            }
            (Kind::Str, (j + 1).min(chars.len()))
        } else {
            (Kind::Punct, i + 1)
        };
        let end_byte = chars.get(end).map_or(body.len(), |(b, _)| *b);
        out.push(Token {
            kind,
            text: body[start..end_byte].to_owned(),
            span: offset + start..offset + end_byte,
            spaced,
        });
        spaced = false;
        i = end;
    }
    out
}

struct Chain {
    path: Vec<String>,
    spans: Vec<Range<usize>>,
    tested: bool,
    defaulted: bool,
    hyphen_tail: Option<Range<usize>>,
}

/// The dotted chains of a token list.
fn chains(tokens: &[Token]) -> Vec<Chain> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let after_dot = i > 0 && tokens[i - 1].text == "." && !t.spaced;
        let after_pipe_or_is = i > 0
            && (tokens[i - 1].text == "|"
                || tokens[i - 1].text == "is"
                || tokens[i - 1].text == "not" && i > 1 && tokens[i - 2].text == "is");
        if t.kind != Kind::Name || after_dot || after_pipe_or_is {
            i += 1;
            continue;
        }
        let mut path = vec![t.text.clone()];
        let mut spans = vec![t.span.clone()];
        let mut j = i + 1;
        loop {
            match (tokens.get(j), tokens.get(j + 1), tokens.get(j + 2)) {
                (Some(dot), Some(name), _)
                    if dot.text == "." && name.kind == Kind::Name && !dot.spaced =>
                {
                    path.push(name.text.clone());
                    spans.push(name.span.clone());
                    j += 2;
                }
                (Some(open), Some(key), Some(close))
                    if open.text == "["
                        && key.kind == Kind::Str
                        && close.text == "]"
                        && !open.spaced =>
                {
                    path.push(key.text[1..key.text.len() - 1].to_owned());
                    spans.push(key.span.start..close.span.end);
                    j += 3;
                }
                // `service_instances[0]` or `[loop.index0]` reads an element, as a loop
                // variable does.
                (Some(open), Some(_), _) if open.text == "[" && !open.spaced => {
                    let close = tokens[j + 1..]
                        .iter()
                        .position(|t| !matches!(t.kind, Kind::Name | Kind::Number) && t.text != ".")
                        .map(|n| j + 1 + n);
                    match close {
                        Some(c) if c > j + 1 && tokens[c].text == "]" => {
                            path.push("[]".into());
                            spans.push(open.span.start..tokens[c].span.end);
                            j = c + 1;
                        }
                        _ => break,
                    }
                }
                _ => break,
            }
        }
        // A call (`x.items()`) reads the object, not an attribute named like the method.
        if tokens.get(j).is_some_and(|t| t.text == "(" && !t.spaced) && path.len() > 1 {
            path.pop();
            spans.pop();
        }
        let hyphen_tail = match (tokens.get(j), tokens.get(j + 1)) {
            (Some(minus), Some(name))
                if minus.text == "-"
                    && !minus.spaced
                    && !name.spaced
                    && name.kind == Kind::Name
                    && path.len() > 1 =>
            {
                Some(minus.span.start..name.span.end)
            }
            _ => None,
        };
        let rest = &tokens[j.min(tokens.len())..];
        let tested = rest.first().is_some_and(|t| t.text == "is")
            && rest
                .iter()
                .skip(1)
                .take(2)
                .any(|t| t.text == "defined" || t.text == "undefined" || t.text == "none");
        let defaulted = rest.first().is_some_and(|t| t.text == "|")
            && rest
                .get(1)
                .is_some_and(|t| t.text == "default" || t.text == "d");
        out.push(Chain {
            path,
            spans,
            tested,
            defaulted,
            hyphen_tail,
        });
        i = j.max(i + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(scan: &Scan) -> Vec<(String, bool)> {
        scan.references
            .iter()
            .map(|r| (r.dotted(), r.guarded))
            .collect()
    }

    #[test]
    fn finds_references_guards_loops_and_filters() {
        let t = "a: {{ environment.inputs.cidr }}\n{% if service_instance.inputs.x is defined %}{{ service_instance.inputs.x }}{% endif %}\n{{ service_instance.components.default.outputs.Q | default('n') }}\n{% for service_instance in service_instances %}{{ service_instance.outputs[\"Arn\"] | lower }}{% endfor %}\n{% set k, v = 'a', 'b' %}{{ k ~ loop.index }} {{ 'environment.inputs.no' }}\n{% raw %}{{ raw.thing }}{% endraw %}{# environment.inputs.comment #}";
        let s = scan(t);
        assert_eq!(
            paths(&s),
            [
                ("environment.inputs.cidr".into(), false),
                ("service_instance.inputs.x".into(), true),
                ("service_instance.inputs.x".into(), true),
                ("service_instance.components.default.outputs.Q".into(), true),
                ("service_instances".into(), false),
                ("service_instances.[].outputs.Arn".into(), false),
            ]
        );
        let filters: Vec<&str> = s.filters.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(filters, ["default", "lower"]);
        assert_eq!(&t[s.references[0].span()], "environment.inputs.cidr");
    }

    #[test]
    fn sees_hyphens_dynamic_references_and_method_calls() {
        let s = scan("{{ environment.outputs.my-output }} {{resolve:ssm:/a}} {% for k, v in environment.inputs.items() %}{% endfor %} {{ a - b }} {{ service_instances[0].outputs.Runtime }}");
        assert!(s
            .references
            .iter()
            .any(|r| r.dotted() == "service_instances.[].outputs.Runtime"));
        assert!(s.references[0].hyphen_tail.is_some());
        assert_eq!(s.dynamic_references.len(), 1);
        assert!(s
            .references
            .iter()
            .any(|r| r.dotted() == "environment.inputs"));
        assert!(s
            .references
            .iter()
            .filter(|r| r.dotted() == "a")
            .all(|r| r.hyphen_tail.is_none()));
    }

    #[test]
    fn reads_terraform_variables() {
        let s = scan_terraform("cidr = var.environment.inputs.vpc_cidr\nname = \"${var.service_instance.name}\"\nlocal = local.x\n");
        let p: Vec<String> = s.references.iter().map(Reference::dotted).collect();
        assert_eq!(p, ["environment.inputs.vpc_cidr", "service_instance.name"]);
    }
}
