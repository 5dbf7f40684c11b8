//! Writing findings: human text through codespan-reporting, or JSON records.

use std::io::Write;

use codespan_reporting::term;
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use protonkit::report::ReportFiles;
use protonkit::{Diagnostic, FileSet, Severity};

/// A linted bundle and its findings.
pub struct Linted {
    /// The bundle folder as the user would write it.
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
    pub fn of(results: &[Linted]) -> Self {
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

pub fn human(results: &[Linted], color: ColorChoice) -> std::io::Result<()> {
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
    let bundles = match results.len() {
        1 => "1 bundle".to_owned(),
        n => format!("{n} bundles"),
    };
    if c.errors + c.warnings + c.infos == 0 {
        writeln!(out, "{bundles} linted: no problems found")
    } else {
        writeln!(
            out,
            "{bundles} linted: {} error{}, {} warning{}, {} info",
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

pub fn json(results: &[Linted]) -> std::io::Result<()> {
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
