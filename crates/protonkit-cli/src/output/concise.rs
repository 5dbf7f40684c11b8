//! `--format concise`: one line per finding, `file:line:col: severity[code] message`, the
//! form editors and `grep` understand.

use std::io::{self, Write};

use super::Report;

pub fn write(out: &mut dyn Write, report: &Report<'_>) -> io::Result<()> {
    for r in report.results {
        for rec in r.records() {
            writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                rec.at.file, rec.at.line, rec.at.column, rec.severity, rec.code, rec.message
            )?;
        }
    }
    Ok(())
}
