//! Every output format, on the same mix of findings (a bundle with errors, a spec with
//! errors, a clean bundle with a clean spec): snapshots, and validation of the JSON output
//! against `schemas/report.schema.json` and of the SARIF output against the official SARIF
//! 2.1.0 schema (taken from the `serde-sarif` crate, which ships it).

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

const TARGETS: &[&str] = &[
    "fixtures/rules/P102-missing-input-type/bad",
    "fixtures/rules/P221-input-not-in-enum/bad",
    "fixtures/rules/P020-unknown-manifest-key/bad",
    "fixtures/bundles/network-env",
];

fn lint(format: &str) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_protonkit"))
        .arg("lint")
        .args(TARGETS)
        .args(["--format", format])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{format}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn text(format: &str) -> String {
    String::from_utf8(lint(format).stdout).unwrap()
}

#[test]
fn human() {
    insta::assert_snapshot!(text("human"));
}

#[test]
fn concise() {
    let out = text("concise");
    for line in out.lines() {
        // file:line:col: severity[code] message
        let mut parts = line.splitn(4, ':');
        let (file, line_no, col) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        assert!(file.starts_with("fixtures/"), "{line}");
        assert!(
            line_no.parse::<u32>().is_ok() && col.parse::<u32>().is_ok(),
            "{line}"
        );
    }
    insta::assert_snapshot!(out);
}

#[test]
fn github() {
    let out = text("github");
    assert!(out
        .lines()
        .all(|l| l.starts_with("::error file=") || l.starts_with("::warning file=")));
    insta::assert_snapshot!(out);
}

#[test]
fn junit() {
    insta::assert_snapshot!(text("junit"));
}

fn validator_for(schema: &Value, formats: bool) -> jsonschema::Validator {
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .should_validate_formats(formats)
        .build(schema)
        .unwrap()
}

#[test]
fn json_matches_its_published_schema() {
    let out: Value = serde_json::from_slice(&lint("json").stdout).unwrap();
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string("schemas/report.schema.json").unwrap())
            .unwrap();
    let errors: Vec<String> = validator_for(&schema, true)
        .iter_errors(&out)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let records = out.as_array().unwrap();
    assert!(records.len() >= 3);
    assert!(records
        .iter()
        .all(|r| r["url"].as_str().unwrap().contains("docs/rules.md#p")));
    insta::assert_snapshot!(serde_json::to_string_pretty(&out).unwrap());
}

/// The official SARIF 2.1.0 schema, from the source of the `serde-sarif` crate that cargo
/// downloaded for this test (a dev-dependency).
fn sarif_schema() -> Value {
    let metadata = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        metadata.status.success(),
        "{}",
        String::from_utf8_lossy(&metadata.stderr)
    );
    let metadata: Value = serde_json::from_slice(&metadata.stdout).unwrap();
    let manifest = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "serde-sarif")
        .and_then(|p| p["manifest_path"].as_str())
        .expect("serde-sarif is a dev-dependency");
    let path = PathBuf::from(manifest)
        .with_file_name("src")
        .join("schema.json");
    let text = std::fs::read_to_string(&path).unwrap();
    // Its two language-tag patterns have a bare `]`, a literal in ECMA-262 that the regex
    // format check of the draft-07 meta-schema rejects; escape it, same meaning.
    let bare = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert_eq!(text.matches(bare).count(), 2);
    let text = text.replace(bare, r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$""#);
    let schema: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        schema["title"],
        "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    );
    schema
}

#[test]
fn sarif_validates_against_the_sarif_2_1_0_schema() {
    let out: Value = serde_json::from_slice(&lint("sarif").stdout).unwrap();
    let validator = validator_for(&sarif_schema(), true);
    let errors: Vec<String> = validator
        .iter_errors(&out)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The schema does catch mistakes: a level SARIF does not define is rejected.
    let mut broken = out.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&broken));
    // It also reads back into typed SARIF, and every result names a described rule.
    let typed: serde_sarif::sarif::Sarif = serde_json::from_value(out.clone()).unwrap();
    let run = &typed.runs[0];
    let rules = run.tool.driver.rules.as_ref().unwrap();
    assert_eq!(rules.len(), protonkit::rules::all().count());
    for result in run.results.as_ref().unwrap() {
        let index = usize::try_from(result.rule_index.unwrap()).unwrap();
        assert_eq!(rules[index].id, result.rule_id.clone().unwrap());
        assert!(rules[index]
            .help_uri
            .as_ref()
            .unwrap()
            .ends_with(&format!("-{}", rules[index].name.clone().unwrap())));
    }
    // The rule descriptors are long; snapshot the results.
    insta::assert_snapshot!(serde_json::to_string_pretty(&out["runs"][0]["results"]).unwrap());
}
