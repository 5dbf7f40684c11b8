//! Findings: what rule fired, how bad it is, where, and what to do about it.

use crate::rules::Rule;
use crate::source::Span;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Severity {
    /// Style or information; nothing breaks.
    Info,
    /// Works, but is likely wrong (also: anything we only infer about Proton).
    Warning,
    /// Proton would reject it, or it cannot work.
    Error,
}

impl Severity {
    /// `error`, `warning` or `info`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a label points: a span of a file, or a bundle-relative path that has no text to
/// point into (a missing file, a directory, a file that could not be read).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Location {
    /// A byte range in a file of the bundle.
    Span(Span),
    /// A bundle-relative path (may not exist; `""` is the bundle itself).
    Path(String),
}

impl From<Span> for Location {
    fn from(span: Span) -> Self {
        Location::Span(span)
    }
}

/// A place a diagnostic points at, with a short note.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Label {
    /// Where.
    pub location: Location,
    /// A short phrase, may be empty.
    pub message: String,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Diagnostic {
    /// The rule that produced it.
    pub rule: Rule,
    /// Severity after configuration.
    pub severity: Severity,
    /// Lowercase, identifiers in backticks, no closing period.
    pub message: String,
    /// The narrowest place that shows the problem.
    pub primary: Label,
    /// Related places ("first defined here").
    pub secondary: Vec<Label>,
    /// One imperative sentence saying what to do.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A finding of `rule` at `location`, with the rule's default severity.
    #[must_use]
    pub fn new(rule: Rule, location: impl Into<Location>, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity: rule.default_severity(),
            message: message.into(),
            primary: Label {
                location: location.into(),
                message: String::new(),
            },
            secondary: Vec::new(),
            help: None,
        }
    }

    /// Sets the primary label's note.
    #[must_use]
    pub fn label(mut self, message: impl Into<String>) -> Self {
        self.primary.message = message.into();
        self
    }

    /// Adds a secondary label.
    #[must_use]
    pub fn secondary(mut self, location: impl Into<Location>, message: impl Into<String>) -> Self {
        self.secondary.push(Label {
            location: location.into(),
            message: message.into(),
        });
        self
    }

    /// The span the finding points at, unless it points at a path (a missing file, the
    /// bundle itself).
    #[must_use]
    pub fn primary_span(&self) -> Option<Span> {
        match self.primary.location {
            Location::Span(span) => Some(span),
            Location::Path(_) => None,
        }
    }

    /// Sets the help sentence.
    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}
