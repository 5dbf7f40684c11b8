//! `--format human`: source excerpts through codespan-reporting, then a summary line.

use std::io::{self, Write};

use codespan_reporting::term;
use codespan_reporting::term::termcolor::StandardStream;
use protonkit_core::report::ReportFiles;

use super::Report;

pub fn write(report: &Report<'_>) -> io::Result<()> {
    let stream = StandardStream::stdout(report.color);
    let mut out = stream.lock();
    let config = term::Config::default();
    for r in report.results {
        let files = ReportFiles::new(&r.files, &r.display);
        for d in &r.diagnostics {
            term::emit_to_write_style(&mut out, &config, &files, &files.to_codespan(d))
                .map_err(io::Error::other)?;
        }
    }
    writeln!(out, "{}", super::summary(report))
}
