//! YAML documents as trees with byte spans on every key and value.
//!
//! The tree is built from `saphyr-parser` events rather than with saphyr's own loader, so
//! that every hostile or broken input ends in a [`YamlIssue`] instead of a stop or a crash:
//! a duplicate key is reported and parsing goes on (the later value wins, as in PyYAML);
//! aliases are expanded against a node budget (alias bombs); nesting is capped (the tree is
//! built with an explicit stack, never by recursion). Scalars are resolved with the YAML 1.2
//! core schema. Tags are kept, so CloudFormation short forms (`!Ref`, `!GetAtt`, `!Sub` ...)
//! survive as tagged nodes.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span as RawSpan};

use crate::source::{FileId, Span};

/// The deepest nesting of sequences and mappings accepted.
pub const MAX_DEPTH: usize = 512;
/// Nodes a document may hold once aliases are expanded, beyond twice its own event count.
pub const ALIAS_NODE_BUDGET: usize = 100_000;

/// A YAML value with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Where the value is written (for a mapping or sequence, from its first to its last item).
    pub span: Span,
    /// A local tag such as `Ref` for `!Ref`, or a core tag such as `!!str` as written.
    pub tag: Option<String>,
    /// Whether a scalar was written quoted or as a block scalar (and so is always a string).
    pub quoted: bool,
}

/// The value of a [`Node`].
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`, `~` or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An integer that fits in 64 bits.
    Int(i64),
    /// A floating-point number (or an integer too large for 64 bits).
    Float(f64),
    /// A string.
    Str(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in source order; keys are unique (a duplicate replaces the earlier entry).
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// The string, when the node is a string scalar.
    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The entries, when the node is a mapping.
    #[must_use]
    pub fn as_map(&self) -> Option<&[(Node, Node)]> {
        match &self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    /// The number, when the node is an integer or a float.
    #[must_use]
    pub fn as_f64(&self) -> Option<f64> {
        match self.value {
            #[allow(clippy::cast_precision_loss)]
            Value::Int(i) => Some(i as f64),
            Value::Float(f) => Some(f),
            _ => None,
        }
    }

    /// The value of `key` when the node is a mapping with a string key `key`.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, v)| v)
    }

    /// The key node and value of `key` when the node is a mapping with that key.
    #[must_use]
    pub fn entry(&self, key: &str) -> Option<(&Node, &Node)> {
        self.as_map()?
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(k, v)| (k, v))
    }

    /// What kind of value this is, for messages: "a string", "a mapping" ...
    #[must_use]
    pub fn kind_name(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a sequence",
            Value::Map(_) => "a mapping",
        }
    }

    /// The scalar written back as text (`None` for mappings and sequences).
    #[must_use]
    pub fn scalar_text(&self) -> Option<String> {
        Some(match &self.value {
            Value::Null => "null".to_owned(),
            Value::Bool(b) => b.to_string(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => f.to_string(),
            Value::Str(s) => s.clone(),
            Value::Seq(_) | Value::Map(_) => return None,
        })
    }
}

/// A problem found while reading a YAML file.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlIssue {
    /// What went wrong.
    pub kind: YamlIssueKind,
    /// A lowercase message.
    pub message: String,
    /// Where.
    pub span: Span,
    /// For a duplicate key: the first occurrence.
    pub first: Option<Span>,
}

/// The kinds of [`YamlIssue`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum YamlIssueKind {
    /// The text is not valid YAML; parsing stopped here.
    Syntax,
    /// A mapping repeats a key.
    DuplicateKey,
    /// Alias expansion would exceed [`ALIAS_NODE_BUDGET`].
    AliasBudget,
    /// Nesting deeper than [`MAX_DEPTH`].
    TooDeep,
    /// More than one document in a file that must hold one.
    MultipleDocuments,
}

/// A parsed YAML file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct YamlDocument {
    /// The first document's root, or `None` for an empty file or one that failed to parse.
    pub root: Option<Node>,
    /// Everything that went wrong, in source order.
    pub issues: Vec<YamlIssue>,
}

/// Maps the parser's character indices to byte offsets.
struct Offsets<'a> {
    text: &'a str,
    /// Byte offset of every `CHECKPOINT`-th character; empty for ASCII text, where the two
    /// are equal. Sparse, so that hostile multi-megabyte files cost little memory.
    checkpoints: Vec<u32>,
}

const CHECKPOINT: usize = 64;

impl<'a> Offsets<'a> {
    fn new(text: &'a str) -> Self {
        let checkpoints = if text.is_ascii() {
            Vec::new()
        } else {
            text.char_indices()
                .step_by(CHECKPOINT)
                .map(|(i, _)| u32::try_from(i).unwrap_or(u32::MAX))
                .collect()
        };
        Offsets { text, checkpoints }
    }

    fn byte(&self, char_index: usize) -> usize {
        if self.checkpoints.is_empty() {
            return char_index.min(self.text.len());
        }
        let Some(&base) = self.checkpoints.get(char_index / CHECKPOINT) else {
            return self.text.len();
        };
        let base = base as usize;
        self.text[base..]
            .char_indices()
            .nth(char_index % CHECKPOINT)
            .map_or(self.text.len(), |(i, _)| base + i)
    }
}

enum Frame {
    Seq {
        start: usize,
        anchor: usize,
        tag: Option<String>,
        items: Vec<Node>,
        size: usize,
    },
    Map {
        start: usize,
        anchor: usize,
        tag: Option<String>,
        entries: Vec<(Node, Node)>,
        key: Option<Node>,
        index: HashMap<String, usize>,
        size: usize,
    },
}

struct Builder<'a> {
    file: FileId,
    offsets: Offsets<'a>,
    stack: Vec<Frame>,
    anchors: HashMap<usize, (Node, usize)>,
    nodes: usize,
    budget: usize,
    issues: Vec<YamlIssue>,
    root: Option<Node>,
}

/// Parses `text` (the contents of `file`) into a [`YamlDocument`]. Never panics.
#[must_use]
pub fn parse(file: FileId, text: &str) -> YamlDocument {
    let mut builder = Builder {
        file,
        offsets: Offsets::new(text),
        stack: Vec::new(),
        anchors: HashMap::new(),
        nodes: 0,
        // Two nodes per input byte is more than any document without aliases can produce.
        budget: text
            .len()
            .saturating_mul(2)
            .saturating_add(ALIAS_NODE_BUDGET),
        issues: Vec::new(),
        root: None,
    };
    builder.run(text);
    YamlDocument {
        root: builder.root,
        issues: builder.issues,
    }
}

impl Builder<'_> {
    fn span(&self, raw: &RawSpan) -> Span {
        let start = self.offsets.byte(raw.start.index());
        let end = self.offsets.byte(raw.end.index());
        Span::new(self.file, start..end.max(start))
    }

    fn point_span(&self, char_index: usize) -> Span {
        let start = self.offsets.byte(char_index);
        let text = self.offsets.text;
        let end = text[start..]
            .chars()
            .next()
            .map_or(start, |c| start + c.len_utf8());
        Span::new(self.file, start..end)
    }

    fn issue(&mut self, kind: YamlIssueKind, message: String, span: Span) {
        self.issues.push(YamlIssue {
            kind,
            message,
            span,
            first: None,
        });
    }

    fn run(&mut self, text: &str) {
        let mut documents = 0;
        for next in Parser::new_from_str(text) {
            let (event, raw) = match next {
                Ok(ok) => ok,
                Err(err) => {
                    self.syntax_error(&err);
                    return;
                }
            };
            let keep_going = match event {
                Event::DocumentStart(_) => {
                    documents += 1;
                    if documents > 1 {
                        let span = self.span(&raw);
                        self.issue(
                            YamlIssueKind::MultipleDocuments,
                            "the file holds more than one YAML document".into(),
                            span,
                        );
                        false
                    } else {
                        true
                    }
                }
                Event::Scalar(value, style, anchor, tag) => {
                    let span = self.span(&raw);
                    let tag = tag.map(|t| format_tag(&t.handle, &t.suffix));
                    let quoted = style != ScalarStyle::Plain;
                    let value = resolve_scalar(&value, quoted, tag.as_deref());
                    let node = Node {
                        value,
                        span,
                        tag,
                        quoted,
                    };
                    self.complete(node, anchor, 1)
                }
                Event::SequenceStart(anchor, ref tag) | Event::MappingStart(anchor, ref tag) => {
                    let is_seq = matches!(event, Event::SequenceStart(..));
                    let start = self.span(&raw).start as usize;
                    if self.stack.len() >= MAX_DEPTH {
                        let span = self.point_span(raw.start.index());
                        self.issue(
                            YamlIssueKind::TooDeep,
                            format!("nesting is deeper than {MAX_DEPTH} levels"),
                            span,
                        );
                        return;
                    }
                    let tag = tag.as_ref().map(|t| format_tag(&t.handle, &t.suffix));
                    self.stack.push(if is_seq {
                        Frame::Seq {
                            start,
                            anchor,
                            tag,
                            items: Vec::new(),
                            size: 0,
                        }
                    } else {
                        Frame::Map {
                            start,
                            anchor,
                            tag,
                            entries: Vec::new(),
                            key: None,
                            index: HashMap::new(),
                            size: 0,
                        }
                    });
                    true
                }
                Event::SequenceEnd | Event::MappingEnd => self.close(&raw),
                Event::Alias(id) => self.alias(id, &raw),
                Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => true,
            };
            if !keep_going {
                return;
            }
        }
    }

    fn syntax_error(&mut self, err: &ScanError) {
        let span = self.point_span(err.marker().index());
        // The scanner has its own nesting limit for flow collections.
        if err.info().contains("recursion limit") {
            self.issue(
                YamlIssueKind::TooDeep,
                "nesting is too deep for the YAML parser".into(),
                span,
            );
        } else {
            self.issue(YamlIssueKind::Syntax, err.info().to_owned(), span);
        }
        self.root = None;
    }

    fn close(&mut self, raw: &RawSpan) -> bool {
        let Some(frame) = self.stack.pop() else {
            return true;
        };
        let fallback_end = self.span(raw).start as usize;
        let (start, anchor, tag, value, children) = match frame {
            Frame::Seq {
                start,
                anchor,
                tag,
                items,
                size,
            } => (start, anchor, tag, Value::Seq(items), size),
            Frame::Map {
                start,
                anchor,
                tag,
                entries,
                size,
                ..
            } => (start, anchor, tag, Value::Map(entries), size),
        };
        let end = match &value {
            Value::Seq(items) => items.last().map(|n| n.span.end as usize),
            Value::Map(entries) => entries.last().map(|(_, v)| v.span.end as usize),
            _ => None,
        }
        .unwrap_or(fallback_end)
        .max(start);
        let size = 1 + children;
        let node = Node {
            value,
            span: Span::new(self.file, start..end),
            tag,
            quoted: false,
        };
        self.complete(node, anchor, size)
    }

    fn alias(&mut self, id: usize, raw: &RawSpan) -> bool {
        let span = self.span(raw);
        let Some((anchored, size)) = self.anchors.get(&id) else {
            self.issue(
                YamlIssueKind::Syntax,
                "alias refers to an unknown anchor".into(),
                span,
            );
            return false;
        };
        let size = *size;
        if self.nodes.saturating_add(size) > self.budget {
            self.issue(
                YamlIssueKind::AliasBudget,
                format!(
                    "expanding aliases would create more than {} nodes (an alias bomb?)",
                    self.budget
                ),
                span,
            );
            self.root = None;
            return false;
        }
        let mut node = anchored.clone();
        node.span = span;
        // The alias's own span replaces the anchor's; the copy's children keep theirs.
        self.complete(node, 0, size)
    }

    /// Attaches a finished node to its parent (or makes it the root).
    fn complete(&mut self, node: Node, anchor: usize, size: usize) -> bool {
        self.nodes = self.nodes.saturating_add(size);
        if anchor != 0 {
            self.anchors.insert(anchor, (node.clone(), size));
        }
        match self.stack.last_mut() {
            None => {
                self.root = Some(node);
            }
            Some(Frame::Seq {
                items, size: total, ..
            }) => {
                *total += size;
                items.push(node);
            }
            Some(Frame::Map {
                entries,
                key,
                index,
                size: total,
                ..
            }) => match key.take() {
                None => {
                    *total += size;
                    *key = Some(node);
                }
                Some(k) => {
                    *total += size;
                    let name = k.scalar_text();
                    let dup = name.as_ref().and_then(|n| index.get(n).copied());
                    if let Some(i) = dup {
                        let first = entries[i].0.span;
                        let message =
                            format!("duplicate key `{}`", name.as_deref().unwrap_or_default());
                        let span = k.span;
                        entries[i] = (k, node);
                        self.issues.push(YamlIssue {
                            kind: YamlIssueKind::DuplicateKey,
                            message,
                            span,
                            first: Some(first),
                        });
                    } else {
                        if let Some(n) = name {
                            index.insert(n, entries.len());
                        }
                        entries.push((k, node));
                    }
                }
            },
        }
        true
    }
}

fn format_tag(handle: &str, suffix: &str) -> String {
    match handle {
        "!" => suffix.to_owned(),
        "!!" | "tag:yaml.org,2002:" => format!("!!{suffix}"),
        _ => format!("{handle}{suffix}"),
    }
}

/// Resolves a scalar with the YAML 1.2 core schema. Quoted scalars and scalars with a
/// non-core tag (`!Ref Foo`) are strings.
fn resolve_scalar(text: &str, quoted: bool, tag: Option<&str>) -> Value {
    match tag {
        Some("!!str") => return Value::Str(text.to_owned()),
        Some(t) if !t.starts_with("!!") => return Value::Str(text.to_owned()),
        _ => {}
    }
    if quoted {
        return Value::Str(text.to_owned());
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Value::Float(f64::INFINITY)
        }
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        _ => {}
    }
    if let Some(v) = resolve_int(text) {
        return v;
    }
    if is_core_float(text) {
        if let Ok(f) = text.parse::<f64>() {
            return Value::Float(f);
        }
    }
    Value::Str(text.to_owned())
}

fn resolve_int(text: &str) -> Option<Value> {
    let radix = |digits: &str, radix: u32| {
        (!digits.is_empty())
            .then(|| i64::from_str_radix(digits, radix).ok().map(Value::Int))
            .flatten()
    };
    if let Some(hex) = text.strip_prefix("0x") {
        return radix(hex, 16);
    }
    if let Some(oct) = text.strip_prefix("0o") {
        return radix(oct, 8);
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(match text.parse::<i64>() {
        Ok(i) => Value::Int(i),
        Err(_) => Value::Float(text.parse().ok()?),
    })
}

/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
fn is_core_float(text: &str) -> bool {
    let s = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let digits = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match frac {
        None => !int.is_empty() && digits(int),
        Some(f) => digits(int) && digits(f) && !(int.is_empty() && f.is_empty()),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileSet;

    fn doc(text: &str) -> (FileSet, YamlDocument) {
        let mut set = FileSet::new();
        let id = set.insert_text("t.yaml", text);
        let d = parse(id, text);
        (set, d)
    }

    #[test]
    fn spans_cover_keys_and_values() {
        let (set, d) = doc("spec:\n  subnet_count: three\n  name: \"é x\"\n");
        let root = d.root.unwrap();
        let (k, v) = root.get("spec").unwrap().entry("subnet_count").unwrap();
        assert_eq!(set.slice(k.span), "subnet_count");
        assert_eq!(set.slice(v.span), "three");
        let pos = set.start(v.span);
        assert_eq!((pos.line, pos.column), (2, 17));
        let name = root.get("spec").unwrap().get("name").unwrap();
        assert_eq!(name.as_str(), Some("é x"));
        assert!(set.slice(name.span).contains("é x"));
    }

    #[test]
    fn offsets_map_characters_to_bytes_past_checkpoints() {
        let text: String = format!("# {}\nx: ü", "é".repeat(200));
        let offsets = Offsets::new(&text);
        for (chars, (bytes, _)) in text.char_indices().enumerate() {
            assert_eq!(offsets.byte(chars), bytes);
        }
        assert_eq!(offsets.byte(text.chars().count()), text.len());
        let (set, d) = doc(&text);
        let root = d.root.unwrap();
        let (k, v) = root.as_map().unwrap()[0].clone();
        assert_eq!(set.slice(k.span), "x");
        assert_eq!(set.slice(v.span), "ü");
    }

    #[test]
    fn scalars_follow_the_core_schema() {
        let (_, d) = doc(
            "a: 1\nb: 1.5\nc: true\nd: yes\ne: ~\nf: '1'\ng: 0x1F\nh: 3.0.0\ni: 1e3\nj: .5\nk: 99999999999999999999\n",
        );
        let r = d.root.unwrap();
        let v = |k: &str| r.get(k).unwrap().value.clone();
        assert_eq!(v("a"), Value::Int(1));
        assert_eq!(v("b"), Value::Float(1.5));
        assert_eq!(v("c"), Value::Bool(true));
        assert_eq!(v("d"), Value::Str("yes".into()));
        assert_eq!(v("e"), Value::Null);
        assert_eq!(v("f"), Value::Str("1".into()));
        assert_eq!(v("g"), Value::Int(31));
        assert_eq!(v("h"), Value::Str("3.0.0".into()));
        assert_eq!(v("i"), Value::Float(1000.0));
        assert_eq!(v("j"), Value::Float(0.5));
        assert!(matches!(v("k"), Value::Float(_)));
    }

    #[test]
    fn cloudformation_tags_are_kept() {
        let (_, d) = doc("Value: !Ref VPC\nArn: !GetAtt [Role, Arn]\nS: !Sub '${A}'\n");
        let r = d.root.unwrap();
        let v = r.get("Value").unwrap();
        assert_eq!((v.tag.as_deref(), v.as_str()), (Some("Ref"), Some("VPC")));
        assert_eq!(r.get("Arn").unwrap().tag.as_deref(), Some("GetAtt"));
        assert_eq!(r.get("S").unwrap().as_str(), Some("${A}"));
        assert!(d.issues.is_empty());
    }

    #[test]
    fn duplicate_keys_are_reported_and_the_later_value_wins() {
        let (set, d) = doc("a: 1\nb: 2\na: 3\n");
        assert_eq!(d.issues.len(), 1);
        let issue = &d.issues[0];
        assert_eq!(issue.kind, YamlIssueKind::DuplicateKey);
        assert_eq!(set.start(issue.span).line, 3);
        assert_eq!(set.start(issue.first.unwrap()).line, 1);
        assert_eq!(d.root.unwrap().get("a").unwrap().value, Value::Int(3));
    }

    #[test]
    fn syntax_errors_have_positions() {
        let (set, d) = doc("a: [1, 2\nb: 3\n");
        assert_eq!(d.issues[0].kind, YamlIssueKind::Syntax);
        assert!(set.start(d.issues[0].span).line >= 1);
        assert!(d.root.is_none());
    }

    #[test]
    fn alias_bombs_stop_at_the_budget() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let (_, d) = doc(&text);
        assert!(d
            .issues
            .iter()
            .any(|i| i.kind == YamlIssueKind::AliasBudget));
        assert!(d.root.is_none());
    }

    #[test]
    fn small_aliases_expand() {
        let (_, d) = doc("base: &b {x: 1}\nother: *b\n");
        assert!(d.issues.is_empty());
        assert_eq!(
            d.root
                .unwrap()
                .get("other")
                .unwrap()
                .get("x")
                .unwrap()
                .value,
            Value::Int(1)
        );
    }

    #[test]
    fn deep_nesting_is_capped() {
        let text = "[".repeat(10_000) + &"]".repeat(10_000);
        let (_, d) = doc(&text);
        assert!(d.issues.iter().any(|i| i.kind == YamlIssueKind::TooDeep));
        let block: String = (0..10_000)
            .map(|i| format!("{}k:\n", " ".repeat(i)))
            .collect();
        let (_, d) = doc(&block);
        assert!(d.issues.iter().any(|i| i.kind == YamlIssueKind::TooDeep));
    }

    #[test]
    fn empty_and_multi_document_files() {
        assert!(doc("").1.root.is_none());
        assert!(doc("# only a comment\n").1.issues.is_empty());
        let (_, d) = doc("a: 1\n---\nb: 2\n");
        assert_eq!(d.issues[0].kind, YamlIssueKind::MultipleDocuments);
    }
}
