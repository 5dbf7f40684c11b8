//! `--format github`: GitHub Actions workflow commands; each finding becomes an annotation
//! on the file and lines it concerns.

use std::io::{self, Write};

use protonkit_core::report::Record;

use super::Report;

pub fn write(out: &mut dyn Write, report: &Report<'_>) -> io::Result<()> {
    for r in report.results {
        for rec in r.records() {
            writeln!(out, "{}", command(&rec))?;
        }
    }
    Ok(())
}

fn command(rec: &Record) -> String {
    let level = match rec.severity {
        "error" => "error",
        "warning" => "warning",
        _ => "notice",
    };
    let mut message = rec.message.clone();
    if let Some(help) = &rec.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    format!(
        "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        property(&rec.at.file),
        rec.at.line,
        rec.at.column,
        rec.at.end_line,
        rec.at.end_column,
        property(&format!("{} {}", rec.code, rec.name)),
        data(&message)
    )
}

/// Escapes a command's message, as the Actions runner unescapes it.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command property value, which also ends at `,` and `:`.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_the_runner_unescapes() {
        assert_eq!(data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(property("a,b: c"), "a%2Cb%3A c");
    }
}
