//! `--format junit`: JUnit XML for CI test reports. Each bundle or spec is a test suite;
//! each finding a failed test case; a target without findings one passed test case.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::Report;

pub fn write(out: &mut dyn Write, report: &Report<'_>) -> io::Result<()> {
    let counts = super::Counts::of(report.results);
    let tests: usize = report
        .results
        .iter()
        .map(|r| r.diagnostics.len().max(1))
        .sum();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        xml,
        "<testsuites name=\"protonkit\" tests=\"{tests}\" failures=\"{}\">",
        counts.total()
    );
    for r in report.results {
        let target = r.target();
        let records = r.records();
        let _ = writeln!(
            xml,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\">",
            escape(&target),
            records.len().max(1),
            records.len()
        );
        if records.is_empty() {
            let _ = writeln!(
                xml,
                "    <testcase name=\"no problems\" classname=\"{}\"/>",
                escape(&target)
            );
        }
        for rec in &records {
            let place = format!("{}:{}:{}", rec.at.file, rec.at.line, rec.at.column);
            let mut body = format!("{place}: {}", rec.message);
            if let Some(help) = &rec.help {
                let _ = write!(body, "\nhelp: {help}");
            }
            let _ = write!(body, "\nsee {}", rec.url);
            let _ = writeln!(
                xml,
                "    <testcase name=\"{} {} at {}\" classname=\"{}\" file=\"{}\" line=\"{}\">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>",
                rec.code,
                rec.name,
                escape(&place),
                escape(&target),
                escape(&rec.at.file),
                rec.at.line,
                rec.severity,
                escape(&rec.message),
                escape(&body)
            );
        }
        xml.push_str("  </testsuite>\n");
    }
    xml.push_str("</testsuites>\n");
    out.write_all(xml.as_bytes())
}

/// Escapes text for an XML attribute or element, dropping characters XML 1.0 forbids.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(
            super::escape("a<b & \"c\"\u{1}"),
            "a&lt;b &amp; &quot;c&quot;"
        );
    }
}
