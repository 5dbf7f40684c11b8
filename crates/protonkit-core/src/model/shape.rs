//! Shared helpers for walking YAML mappings into typed models.

use crate::source::Span;
use crate::suggest::did_you_mean;
use crate::yaml::{Node, Value};

/// A value with the span it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where the value is written.
    pub span: Span,
}

/// A structural problem found while building a model.
#[derive(Debug, Clone, PartialEq)]
pub struct ShapeIssue {
    /// Where (the key for an unknown key, the value for a wrong type, the mapping for a
    /// missing key).
    pub span: Span,
    /// Dotted path of the enclosing element, e.g. `infrastructure.templates[0]`.
    pub path: String,
    /// What is wrong.
    pub kind: ShapeIssueKind,
}

/// The kinds of [`ShapeIssue`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ShapeIssueKind {
    /// A key the format does not define.
    UnknownKey {
        /// The key as written.
        key: String,
        /// A known key that is close to it.
        suggestion: Option<&'static str>,
    },
    /// A value of the wrong type.
    WrongType {
        /// What the format wants ("a mapping").
        expected: &'static str,
        /// What was found ("a string").
        found: &'static str,
    },
    /// A required key is absent.
    MissingKey {
        /// The key.
        key: &'static str,
    },
    /// A sequence or mapping that must not be empty is empty.
    Empty,
}

impl ShapeIssue {
    /// A lowercase message for the issue.
    #[must_use]
    pub fn message(&self, file_kind: &str) -> String {
        let at = if self.path.is_empty() {
            String::new()
        } else {
            format!(" in `{}`", self.path)
        };
        match &self.kind {
            ShapeIssueKind::UnknownKey { key, suggestion } => {
                let hint = crate::suggest::suffix(*suggestion);
                format!("unknown key `{key}`{at} of {file_kind}{hint}")
            }
            ShapeIssueKind::WrongType { expected, found } => {
                let what = if self.path.is_empty() {
                    format!("the {file_kind}")
                } else {
                    format!("`{}`", self.path)
                };
                format!("{what} must be {expected}, found {found}")
            }
            ShapeIssueKind::MissingKey { key } => {
                format!("missing key `{key}`{at} of {file_kind}")
            }
            ShapeIssueKind::Empty => format!("`{}` of {file_kind} must not be empty", self.path),
        }
    }
}

/// Collects shape issues while a model is built.
#[derive(Debug, Default)]
pub(crate) struct Walker {
    pub(crate) issues: Vec<ShapeIssue>,
}

impl Walker {
    /// The entries of `node` when it is a mapping; records a wrong-type issue otherwise.
    pub(crate) fn map<'n>(&mut self, node: &'n Node, path: &str) -> Option<&'n [(Node, Node)]> {
        match &node.value {
            Value::Map(m) => Some(m),
            _ => {
                self.wrong_type(node, path, "a mapping");
                None
            }
        }
    }

    /// The items of `node` when it is a sequence; records a wrong-type issue otherwise.
    pub(crate) fn seq<'n>(&mut self, node: &'n Node, path: &str) -> Option<&'n [Node]> {
        match &node.value {
            Value::Seq(s) => Some(s),
            _ => {
                self.wrong_type(node, path, "a sequence");
                None
            }
        }
    }

    /// The string of `node`; records a wrong-type issue when it is not a string.
    pub(crate) fn string(&mut self, node: &Node, path: &str) -> Option<Spanned<String>> {
        match &node.value {
            Value::Str(s) => Some(Spanned {
                value: s.clone(),
                span: node.span,
            }),
            _ => {
                self.wrong_type(node, path, "a string");
                None
            }
        }
    }

    /// A non-negative integer; records a wrong-type issue otherwise.
    pub(crate) fn count(&mut self, node: &Node, path: &str) -> Option<Spanned<u64>> {
        match node.value {
            Value::Int(i) if i >= 0 => Some(Spanned {
                value: i.unsigned_abs(),
                span: node.span,
            }),
            _ => {
                self.wrong_type(node, path, "a non-negative integer");
                None
            }
        }
    }

    /// A number; records a wrong-type issue otherwise.
    pub(crate) fn number(&mut self, node: &Node, path: &str) -> Option<Spanned<f64>> {
        match node.as_f64() {
            Some(value) => Some(Spanned {
                value,
                span: node.span,
            }),
            None => {
                self.wrong_type(node, path, "a number");
                None
            }
        }
    }

    /// A boolean; records a wrong-type issue otherwise.
    pub(crate) fn boolean(&mut self, node: &Node, path: &str) -> Option<Spanned<bool>> {
        match node.value {
            Value::Bool(value) => Some(Spanned {
                value,
                span: node.span,
            }),
            _ => {
                self.wrong_type(node, path, "a boolean");
                None
            }
        }
    }

    pub(crate) fn wrong_type(&mut self, node: &Node, path: &str, expected: &'static str) {
        self.issues.push(ShapeIssue {
            span: node.span,
            path: path.to_owned(),
            kind: ShapeIssueKind::WrongType {
                expected,
                found: node.kind_name(),
            },
        });
    }

    pub(crate) fn unknown_key(&mut self, key: &Node, path: &str, known: &[&'static str]) {
        let text = key.scalar_text().unwrap_or_default();
        self.issues.push(ShapeIssue {
            span: key.span,
            path: path.to_owned(),
            kind: ShapeIssueKind::UnknownKey {
                suggestion: did_you_mean(&text, known.iter().copied()),
                key: text,
            },
        });
    }

    pub(crate) fn missing_key(&mut self, span: Span, path: &str, key: &'static str) {
        self.issues.push(ShapeIssue {
            span,
            path: path.to_owned(),
            kind: ShapeIssueKind::MissingKey { key },
        });
    }

    pub(crate) fn empty(&mut self, span: Span, path: &str) {
        self.issues.push(ShapeIssue {
            span,
            path: path.to_owned(),
            kind: ShapeIssueKind::Empty,
        });
    }
}

/// Joins a dotted path.
pub(crate) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}
