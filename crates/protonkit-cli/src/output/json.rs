//! `--format json`: an array of records, described by `schemas/report.schema.json`.

use std::io::{self, Write};

use super::Report;

pub fn write(out: &mut dyn Write, report: &Report<'_>) -> io::Result<()> {
    let records: Vec<_> = report
        .results
        .iter()
        .flat_map(super::Checked::records)
        .collect();
    serde_json::to_writer_pretty(&mut *out, &records).map_err(io::Error::other)?;
    writeln!(out)
}
