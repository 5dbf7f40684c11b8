//! Turning diagnostics into text: codespan-reporting output and the JSON records.

use codespan_reporting::diagnostic as cs;
use codespan_reporting::term;
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Label, Location, Severity};
use crate::source::{join_display, FileId, FileSet};

/// The files of one bundle as codespan-reporting sees them (it is their file database):
/// each named by a display prefix (the bundle path as the user gave it) joined with its
/// bundle-relative path.
pub struct ReportFiles<'a> {
    files: &'a FileSet,
    prefix: &'a str,
}

impl<'a> ReportFiles<'a> {
    /// Files of `set`, displayed below `prefix`.
    #[must_use]
    pub fn new(files: &'a FileSet, prefix: &'a str) -> Self {
        ReportFiles { files, prefix }
    }

    /// The display path of a location.
    #[must_use]
    pub fn display(&self, location: &Location) -> String {
        match location {
            Location::Span(s) => join_display(self.prefix, self.files.get(s.file).path()),
            Location::Path(p) => join_display(self.prefix, p),
        }
    }

    /// Converts a diagnostic for codespan-reporting.
    #[must_use]
    pub fn to_codespan(&self, d: &Diagnostic) -> cs::Diagnostic<FileId> {
        let severity = match d.severity {
            Severity::Error => cs::Severity::Error,
            Severity::Warning => cs::Severity::Warning,
            Severity::Info => cs::Severity::Note,
        };
        let mut labels = Vec::new();
        let mut notes = Vec::new();
        let mut add = |label: &Label, style: cs::LabelStyle| match &label.location {
            Location::Span(s) => labels
                .push(cs::Label::new(style, s.file, s.range()).with_message(label.message.clone())),
            Location::Path(_) => {
                let at = self.display(&label.location);
                notes.push(if label.message.is_empty() {
                    format!("at: {at}")
                } else {
                    format!("at: {at} ({})", label.message)
                });
            }
        };
        add(&d.primary, cs::LabelStyle::Primary);
        for s in &d.secondary {
            add(s, cs::LabelStyle::Secondary);
        }
        if let Some(help) = &d.help {
            notes.push(format!("help: {help}"));
        }
        cs::Diagnostic::new(severity)
            .with_code(d.rule.code())
            .with_message(d.message.clone())
            .with_labels(labels)
            .with_notes(notes)
    }

    /// Renders diagnostics as plain text (no colour), one block each.
    #[must_use]
    pub fn render_plain(&self, diagnostics: &[Diagnostic]) -> String {
        let config = term::Config::default();
        diagnostics
            .iter()
            .map(|d| {
                term::emit_into_string(&config, self, &self.to_codespan(d)).unwrap_or_else(|e| {
                    format!("{}[{}]: {} ({e})\n", d.severity, d.rule.code(), d.message)
                })
            })
            .collect()
    }

    /// The JSON record of a diagnostic (see `README.md`, "JSON output").
    #[must_use]
    pub fn to_record(&self, d: &Diagnostic) -> Record {
        Record {
            code: d.rule.code(),
            name: d.rule.name(),
            severity: d.severity.as_str(),
            message: d.message.clone(),
            at: self.extent(&d.primary.location),
            labels: std::iter::once(&d.primary)
                .chain(&d.secondary)
                .enumerate()
                .map(|(i, l)| LabelRecord {
                    at: self.extent(&l.location),
                    message: l.message.clone(),
                    primary: i == 0,
                })
                .collect(),
            help: d.help.clone(),
            url: d.rule.docs_url(),
        }
    }

    fn extent(&self, location: &Location) -> Extent {
        let (line, column, end_line, end_column) = match location {
            Location::Span(s) => {
                let start = self.files.start(*s);
                let end = self.files.end(*s);
                (start.line, start.column, end.line, end.column)
            }
            Location::Path(_) => (1, 1, 1, 1),
        };
        Extent {
            file: self.display(location),
            line,
            column,
            end_line,
            end_column,
        }
    }
}

impl<'a> codespan_reporting::files::Files<'a> for ReportFiles<'a> {
    type FileId = FileId;
    type Name = String;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<String, codespan_reporting::files::Error> {
        Ok(join_display(self.prefix, self.files.get(id).path()))
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(self.files.get(id).source())
    }

    fn line_index(
        &'a self,
        id: FileId,
        byte_index: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        Ok(self.files.get(id).line_index(byte_index))
    }

    fn line_range(
        &'a self,
        id: FileId,
        line_index: usize,
    ) -> Result<std::ops::Range<usize>, codespan_reporting::files::Error> {
        let file = self.files.get(id);
        file.line_range(line_index)
            .ok_or(codespan_reporting::files::Error::LineTooLarge {
                given: line_index,
                max: file.line_starts().len().saturating_sub(1),
            })
    }
}

/// One finding as written by `--format json`. Lines and columns are 1-based; columns count
/// characters; a finding about a whole file or folder points at line 1, column 1.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Record {
    /// Rule code, e.g. `P020`.
    pub code: &'static str,
    /// Rule name, e.g. `unknown-manifest-key`.
    pub name: &'static str,
    /// `error`, `warning` or `info`.
    pub severity: &'static str,
    /// The message.
    pub message: String,
    /// Where the primary label points.
    #[serde(flatten)]
    pub at: Extent,
    /// Every label, the primary one first.
    pub labels: Vec<LabelRecord>,
    /// What to do about it.
    pub help: Option<String>,
    /// The rule's documentation.
    pub url: String,
}

/// A label of a [`Record`].
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct LabelRecord {
    /// Where it points.
    #[serde(flatten)]
    pub at: Extent,
    /// The label's note.
    pub message: String,
    /// Whether this is the primary label.
    pub primary: bool,
}

/// A file and a range in it, as 1-based lines and character columns (end exclusive).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Extent {
    /// The file (bundle path as given, joined with the bundle-relative path).
    pub file: String,
    /// Start line.
    pub line: usize,
    /// Start column.
    pub column: usize,
    /// End line.
    pub end_line: usize,
    /// End column (exclusive).
    pub end_column: usize,
}
