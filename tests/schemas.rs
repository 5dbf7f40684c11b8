//! The JSON Schemas in `schemas/` (for editors) accept every well-formed fixture file and
//! reject the malformed ones that JSON Schema can describe.

use std::fs;
use std::path::{Path, PathBuf};

use jsonschema::Validator;
use protonkit_core::source::FileSet;
use protonkit_core::spec::node_to_json;
use serde_json::Value;

const SCHEMAS: &[&str] = &[
    "manifest",
    "schema",
    "spec",
    "template-registration",
    "proton-ops",
];

fn validator(name: &str) -> Validator {
    let path = format!("schemas/{name}.schema.json");
    let schema: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    assert!(
        jsonschema::draft7::meta::is_valid(&schema),
        "{path} is not a valid draft-07 schema"
    );
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Which schema describes a file, by its name and folder.
fn schema_for(path: &Path) -> Option<&'static str> {
    let name = path.file_name()?.to_str()?;
    let parent = path.parent()?.file_name()?.to_str()?;
    match name {
        "manifest.yaml" => Some("manifest"),
        "schema.yaml" if parent == "schema" => Some("schema"),
        ".template-registration.yaml" => Some("template-registration"),
        "proton-ops.yaml" => Some("proton-ops"),
        _ if matches!(parent, "spec" | "specs") && name.ends_with(".yaml") => Some("spec"),
        _ => None,
    }
}

fn yaml_as_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap();
    let mut files = FileSet::new();
    let id = files.insert_text("f.yaml", text.as_str());
    let doc = protonkit_core::yaml::parse(id, &text);
    assert!(
        doc.issues.is_empty(),
        "{}: {:?}",
        path.display(),
        doc.issues
    );
    doc.root.as_ref().map(node_to_json).unwrap_or_default()
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn errors(validator: &Validator, value: &Value) -> Vec<String> {
    validator
        .iter_errors(value)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn every_well_formed_fixture_file_validates() {
    let validators: Vec<(&str, Validator)> = SCHEMAS.iter().map(|n| (*n, validator(n))).collect();
    let mut files = Vec::new();
    files_under(Path::new("fixtures/bundles"), &mut files);
    files_under(Path::new("fixtures/sync"), &mut files);
    for entry in fs::read_dir("fixtures/rules").unwrap() {
        files_under(&entry.unwrap().path().join("good"), &mut files);
    }
    let mut counts = std::collections::BTreeMap::new();
    for path in files {
        let Some(name) = schema_for(&path) else {
            continue;
        };
        // A silenced finding is deliberate (the suppression fixtures); the schema cannot know.
        if fs::read_to_string(&path).is_ok_and(|t| t.contains("protonkit: ignore")) {
            continue;
        }
        let (_, v) = validators.iter().find(|(n, _)| *n == name).unwrap();
        let problems = errors(v, &yaml_as_json(&path));
        assert!(
            problems.is_empty(),
            "{} against {name}: {problems:#?}",
            path.display()
        );
        *counts.entry(name).or_insert(0) += 1;
    }
    for name in SCHEMAS {
        assert!(
            counts.get(name).copied().unwrap_or(0) > 0,
            "no fixture checked against {name}: {counts:?}"
        );
    }
}

#[test]
fn malformed_fixture_files_are_rejected() {
    let cases = [
        ("manifest", "fixtures/rules/P029-invalid-manifest-structure/bad/infrastructure/manifest.yaml"),
        ("manifest", "fixtures/rules/P022-invalid-rendering-engine/bad/instance_infrastructure/manifest.yaml"),
        ("manifest", "fixtures/rules/P027-missing-codebuild-setting/bad/infrastructure/manifest.yaml"),
        ("schema", "fixtures/rules/P101-invalid-schema-header/bad/schema/schema.yaml"),
        ("schema", "fixtures/rules/P111-unknown-schema-section/bad/schema/schema.yaml"),
        ("spec", "fixtures/rules/P201-invalid-spec-structure/bad/spec/shop.yaml"),
        ("spec", "fixtures/rules/P203-invalid-instance-name/bad/spec/shop.yaml"),
        ("spec", "fixtures/rules/P202-unknown-spec-key/bad/spec/shop.yaml"),
    ];
    for (name, path) in cases {
        let path = Path::new(path);
        assert!(path.is_file(), "{} is missing", path.display());
        assert!(
            !validator(name).is_valid(&yaml_as_json(path)),
            "{} passes {name}.schema.json",
            path.display()
        );
    }
    let registration = validator("template-registration");
    let typo = serde_json::json!({ "compatible_environment": ["network-env:1"] });
    assert!(!registration.is_valid(&typo));
    let ops = validator("proton-ops");
    let no_branch =
        serde_json::json!({ "sync": { "services": { "web": { "dev": { "spec": "s.yaml" } } } } });
    assert!(!ops.is_valid(&no_branch));
}
