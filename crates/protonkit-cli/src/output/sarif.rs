//! `--format sarif`: SARIF 2.1.0, the format GitHub code scanning and other viewers read.
//! Every rule is described in the tool's driver (with its documentation address), each
//! finding is a result, and secondary labels are related locations.

use std::io::{self, Write};

use protonkit_core::report::Extent;
use protonkit_core::{rules, Severity};
use serde_json::{json, Value};

use super::Report;

pub fn write(out: &mut dyn Write, report: &Report<'_>) -> io::Result<()> {
    let all: Vec<_> = rules::all().collect();
    let descriptors: Vec<Value> = all
        .iter()
        .map(|r| {
            json!({
                "id": r.code(),
                "name": r.name(),
                "shortDescription": { "text": r.summary() },
                "fullDescription": { "text": r.docs() },
                "help": { "text": r.docs(), "markdown": r.docs() },
                "helpUri": r.docs_url(),
                "defaultConfiguration": { "level": level(r.default_severity()) },
            })
        })
        .collect();
    let mut results = Vec::new();
    for r in report.results {
        for (d, rec) in r.diagnostics.iter().zip(r.records()) {
            let index = all.iter().position(|x| *x == d.rule).unwrap_or_default();
            let mut text = rec.message.clone();
            if let Some(help) = &rec.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            let related: Vec<Value> = rec
                .labels
                .iter()
                .filter(|l| !l.primary)
                .enumerate()
                .map(|(i, l)| {
                    let mut loc = location(&l.at);
                    loc["id"] = json!(i);
                    loc["message"] = json!({ "text": l.message });
                    loc
                })
                .collect();
            let mut result = json!({
                "ruleId": rec.code,
                "ruleIndex": index,
                "level": level(d.severity),
                "message": { "text": text },
                "locations": [location(&rec.at)],
            });
            if !related.is_empty() {
                result["relatedLocations"] = Value::Array(related);
            }
            results.push(result);
        }
    }
    let sarif = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "protonkit",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/protonkit/protonkit",
                    "rules": descriptors,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    serde_json::to_writer_pretty(&mut *out, &sarif).map_err(io::Error::other)?;
    writeln!(out)
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        _ => "note",
    }
}

fn location(at: &Extent) -> Value {
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(&at.file) },
            "region": {
                "startLine": at.line,
                "startColumn": at.column,
                "endLine": at.end_line,
                "endColumn": at.end_column,
            }
        }
    })
}

/// A path as a URI reference: relative paths stay relative (SARIF viewers resolve them
/// against the checkout), absolute ones become `file://` URIs; unsafe bytes are escaped.
fn uri(path: &str) -> String {
    let mut out = String::new();
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn paths_become_uri_references() {
        assert_eq!(
            super::uri("my env/v1/schema.yaml"),
            "my%20env/v1/schema.yaml"
        );
        assert_eq!(super::uri("/srv/é.yaml"), "file:///srv/%C3%A9.yaml");
    }
}
