//! Writing findings in the formats `--format` offers, one module per format.

mod concise;
mod github;
mod human;
mod json;
mod junit;
mod sarif;

use std::io::{self, Write};

use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use protonkit_core::report::{Record, ReportFiles};
use protonkit_core::{Diagnostic, FileSet, Severity};

/// A checked bundle or spec and its findings.
pub struct Checked {
    /// The bundle folder as the user would write it (empty for a spec, whose file set holds
    /// the path as given).
    pub display: String,
    /// The bundle's or spec's files.
    pub files: FileSet,
    /// The findings.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    /// The findings as records with resolved positions.
    pub fn records(&self) -> Vec<Record> {
        let files = ReportFiles::new(&self.files, &self.display);
        self.diagnostics
            .iter()
            .map(|d| files.to_record(d))
            .collect()
    }

    /// What was checked, for reports that group findings: the bundle folder, or the spec.
    pub fn target(&self) -> String {
        if self.display.is_empty() {
            self.files
                .iter()
                .next()
                .map_or_else(String::new, |(_, f)| f.path().to_owned())
        } else {
            self.display.clone()
        }
    }
}

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Source excerpts with the findings marked, and a summary.
    Human,
    /// One line per finding: `file:line:col: severity[code] message`.
    Concise,
    /// A JSON array with one object per finding (schemas/report.schema.json).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands, which annotate the pull request.
    Github,
    /// JUnit XML, for CI test reports.
    Junit,
}

/// What a report is about, for formats that say so.
pub struct Report<'a> {
    pub results: &'a [Checked],
    /// The summary's subject, e.g. "2 bundles linted".
    pub subject: &'a str,
    pub color: ColorChoice,
    /// Write to standard error (when standard output carries something else).
    pub to_stderr: bool,
}

/// Writes `report` to standard output (or error) in `format`.
pub fn write(format: Format, report: &Report<'_>) -> io::Result<()> {
    // Only human output sets colours; the other formats write plain bytes to the same stream.
    let stream = if report.to_stderr {
        StandardStream::stderr(report.color)
    } else {
        StandardStream::stdout(report.color)
    };
    let mut out = stream.lock();
    match format {
        Format::Human => human::write(&mut out, report),
        Format::Concise => concise::write(&mut out, report),
        Format::Json => json::write(&mut out, report),
        Format::Sarif => sarif::write(&mut out, report),
        Format::Github => github::write(&mut out, report),
        Format::Junit => junit::write(&mut out, report),
    }?;
    out.flush()
}

/// Counts per severity.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub fn of(results: &[Checked]) -> Self {
        let mut c = Counts::default();
        for d in results.iter().flat_map(|r| &r.diagnostics) {
            match d.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                _ => c.infos += 1,
            }
        }
        c
    }

    pub fn total(self) -> usize {
        self.errors + self.warnings + self.infos
    }
}

/// "1 error" / "2 errors".
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn summary(report: &Report<'_>) -> String {
    let c = Counts::of(report.results);
    if c.total() == 0 {
        format!("{}: no problems found", report.subject)
    } else {
        format!(
            "{}: {}, {}, {} info",
            report.subject,
            count(c.errors, "error"),
            count(c.warnings, "warning"),
            c.infos
        )
    }
}
