//! Writing findings: human text through codespan-reporting, or JSON records.

use std::io::Write;

use codespan_reporting::term;
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use protonkit_core::report::ReportFiles;
use protonkit_core::{Diagnostic, FileSet, Severity};

/// A checked bundle or spec and its findings.
pub struct Checked {
    /// The bundle folder as the user would write it (empty for a spec, whose file set holds
    /// the path as given).
    pub display: String,
    /// The bundle's files.
    pub files: FileSet,
    /// The findings.
    pub diagnostics: Vec<Diagnostic>,
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
}

/// Writes each finding with its source excerpt, then a summary line that starts with
/// `subject` ("2 bundles linted").
pub fn human(results: &[Checked], color: ColorChoice, subject: &str) -> std::io::Result<()> {
    let stream = StandardStream::stdout(color);
    let mut out = stream.lock();
    let config = term::Config::default();
    for r in results {
        let files = ReportFiles::new(&r.files, &r.display);
        for d in &r.diagnostics {
            term::emit_to_write_style(&mut out, &config, &files, &files.to_codespan(d))
                .map_err(std::io::Error::other)?;
        }
    }
    let c = Counts::of(results);
    if c.errors + c.warnings + c.infos == 0 {
        writeln!(out, "{subject}: no problems found")
    } else {
        writeln!(
            out,
            "{subject}: {} error{}, {} warning{}, {} info",
            c.errors,
            plural(c.errors),
            c.warnings,
            plural(c.warnings),
            c.infos
        )
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

pub fn json(results: &[Checked]) -> std::io::Result<()> {
    let records: Vec<_> = results
        .iter()
        .flat_map(|r| {
            let files = ReportFiles::new(&r.files, &r.display);
            r.diagnostics
                .iter()
                .map(|d| files.to_record(d))
                .collect::<Vec<_>>()
        })
        .collect();
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &records).map_err(std::io::Error::other)?;
    writeln!(out)
}
