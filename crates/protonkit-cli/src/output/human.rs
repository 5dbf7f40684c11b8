//! `--format human`: source excerpts through codespan-reporting, then a summary line.

use std::io;

use codespan_reporting::term;
use codespan_reporting::term::termcolor::WriteColor;
use protonkit_core::report::ReportFiles;

use super::Report;

pub fn write(out: &mut dyn WriteColor, report: &Report<'_>) -> io::Result<()> {
    let config = term::Config::default();
    for r in report.results {
        let files = ReportFiles::new(&r.files, &r.display);
        for d in &r.diagnostics {
            term::emit_to_write_style(out, &config, &files, &files.to_codespan(d)).map_err(
                |e| match e {
                    codespan_reporting::files::Error::Io(io) => io,
                    other => io::Error::other(other),
                },
            )?;
        }
    }
    writeln!(out, "{}", super::summary(report))
}
