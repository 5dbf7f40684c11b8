//! What the bindings return, as plain serde types in camelCase: never the core's own types,
//! so that the JavaScript API stays put when the core changes.

use protonkit_core::compat::Change;
use protonkit_core::{Diagnostic, FileSet, Location, Severity, Span};
use serde::Serialize;

/// A place in a file: 1-based line, 1-based column in UTF-16 code units (what editors
/// count), and the 0-based UTF-16 offset from the start of the file.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub offset: usize,
}

/// A range of a file.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Range {
    pub file: String,
    pub start: Position,
    pub end: Position,
}

impl Range {
    pub fn of(files: &FileSet, span: Span) -> Range {
        let at = |p: protonkit_core::Position| Position {
            line: p.line,
            column: p.utf16_column,
            offset: p.utf16_offset,
        };
        Range {
            file: files.get(span.file).path().to_owned(),
            start: at(files.start(span)),
            end: at(files.end(span)),
        }
    }
}

/// A place a finding points at: a range, or a path with no text (a missing file).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Label {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range: Option<Range>,
    pub path: String,
    pub message: String,
}

impl Label {
    fn of(files: &FileSet, location: &Location, message: &str) -> Label {
        let (range, path) = match location {
            Location::Span(span) => (
                Some(Range::of(files, *span)),
                files.get(span.file).path().to_owned(),
            ),
            Location::Path(path) => (None, path.clone()),
            _ => (None, String::new()),
        };
        Label {
            range,
            path,
            message: message.to_owned(),
        }
    }
}

/// One finding.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub code: &'static str,
    pub rule: &'static str,
    pub severity: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    pub primary: Label,
    pub secondary: Vec<Label>,
    pub url: String,
}

impl Finding {
    pub fn of(files: &FileSet, d: &Diagnostic) -> Finding {
        Finding {
            code: d.rule.code(),
            rule: d.rule.name(),
            severity: severity(d.severity),
            message: d.message.clone(),
            help: d.help.clone(),
            primary: Label::of(files, &d.primary.location, &d.primary.message),
            secondary: d
                .secondary
                .iter()
                .map(|l| Label::of(files, &l.location, &l.message))
                .collect(),
            url: d.rule.docs_url(),
        }
    }

    pub fn all(files: &FileSet, diagnostics: &[Diagnostic]) -> Vec<Finding> {
        diagnostics.iter().map(|d| Finding::of(files, d)).collect()
    }
}

fn severity(s: Severity) -> &'static str {
    s.as_str()
}

/// The findings of linting a bundle.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LintResult {
    pub kind: &'static str,
    pub diagnostics: Vec<Finding>,
}

/// The findings of validating a spec (they point into the spec, file `spec.yaml`).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ValidateResult {
    pub diagnostics: Vec<Finding>,
}

/// A rendered or generated file.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OutputFile {
    pub path: String,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
}

/// The result of rendering.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RenderResult {
    pub files: Vec<OutputFile>,
    pub diagnostics: Vec<Finding>,
}

/// One classified change.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeRecord {
    pub id: &'static str,
    pub level: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base: Option<Range>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revision: Option<Range>,
}

impl ChangeRecord {
    pub fn of(base: &FileSet, revision: &FileSet, c: &Change) -> ChangeRecord {
        ChangeRecord {
            id: c.id.as_str(),
            level: c.level.as_str(),
            message: c.message.clone(),
            base: c.base_span.map(|s| Range::of(base, s)),
            revision: c.revision_span.map(|s| Range::of(revision, s)),
        }
    }
}

/// The result of comparing two bundles.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DiffResult {
    /// `none`, `patch`, `minor` or `major`.
    pub verdict: &'static str,
    pub changes: Vec<ChangeRecord>,
}

/// A starting spec.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SkeletonResult {
    pub text: String,
}

/// The JSON Schema of the bundle's specs.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SchemaResult {
    pub schema: serde_json::Value,
}

/// One completion.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Completion {
    pub label: String,
    /// `input`, `key` or `value`.
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub documentation: Option<String>,
    pub insert_text: String,
}

/// Completions at a cursor: the items, and the UTF-16 range of the word they replace.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CompletionResult {
    pub from: usize,
    pub to: usize,
    pub items: Vec<Completion>,
}

/// Hover text at a cursor.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HoverResult {
    pub from: usize,
    pub to: usize,
    /// Markdown: the input's name and type, title and description.
    pub contents: String,
}

/// What every function returns when it cannot do its work.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorResult {
    pub error: String,
}
