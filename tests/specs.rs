//! Spec files across the fixtures: `spec init` output validates, and the editor JSON Schema
//! from `spec schema` accepts and rejects the same specs as `spec validate`.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use protonkit_core::spec::{
    editor_schema, node_to_json, skeleton, SkeletonOptions, Spec, SpecChecker,
};
use protonkit_core::{lint, Bundle, LintOptions, Rule, Severity};
use protonkit_fs as disk;

/// Every bundle under `fixtures/` (the examples and the rule fixtures).
fn fixture_bundles() -> Vec<disk::Found> {
    disk::find_bundles(&[PathBuf::from("fixtures")]).unwrap()
}

fn spec_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = disk::specs_beside(dir);
    out.retain(|p| fs::read_to_string(p).is_ok_and(|t| t.contains("proton:")));
    out
}

#[test]
fn spec_init_output_validates_for_every_fixture_bundle() {
    let mut checked = 0;
    for found in fixture_bundles() {
        let bundle = found.load().unwrap();
        let Some(text) = skeleton(&bundle, &SkeletonOptions::default()) else {
            continue;
        };
        // A bundle with errors of its own (the bad rule fixtures) cannot have a valid spec.
        if lint(&bundle, &LintOptions::default())
            .iter()
            .any(|d| d.severity == Severity::Error)
        {
            continue;
        }
        let spec = Spec::from_text("skeleton.yaml", &text);
        let found_problems = SpecChecker::new(&bundle).check(&spec);
        assert!(
            found_problems.is_empty(),
            "{}: the skeleton does not validate:\n{text}\n{found_problems:#?}",
            found.display
        );
        checked += 1;
    }
    println!("{checked} fixture skeletons validate");
    assert!(checked >= 40, "only {checked} skeletons checked");
}

/// Rules that JSON Schema cannot express, so the editor schema cannot agree with them.
const NOT_IN_JSON_SCHEMA: &[&str] = &[
    "duplicate-instance-name", // uniqueness of one field across array items
    "spec-too-long",           // the length of the file
    "invalid-yaml",
    "duplicate-key",
];

#[test]
fn editor_schema_accepts_and_rejects_the_same_specs_as_validation() {
    let gaps: HashSet<Rule> = NOT_IN_JSON_SCHEMA
        .iter()
        .filter_map(|n| Rule::find(n))
        .collect();
    assert_eq!(gaps.len(), NOT_IN_JSON_SCHEMA.len());
    let mut compared = 0;
    let mut rejected = 0;
    for found in fixture_bundles() {
        let bundle: Bundle = found.load().unwrap();
        if bundle.kind().spec_kind().is_none() {
            continue;
        }
        let schema = editor_schema(&bundle, "test");
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft7)
            .should_validate_formats(true)
            .build(&schema)
            .unwrap_or_else(|e| {
                panic!("{}: the editor schema does not compile: {e}", found.display)
            });
        let mut specs = spec_files(&found.path);
        let given = found.path.with_extension("given-spec.yaml");
        if given.is_file() {
            specs.push(given);
        }
        let checker = SpecChecker::new(&bundle);
        for path in specs {
            let spec = Spec::from_text(&disk::display(&path), &fs::read_to_string(&path).unwrap());
            let findings = checker.check(&spec);
            let instance = spec
                .document()
                .root
                .as_ref()
                .map(node_to_json)
                .unwrap_or_default();
            let schema_accepts = validator.is_valid(&instance);
            let expressible: Vec<_> = findings
                .iter()
                .filter(|d| !gaps.contains(&d.rule))
                .collect();
            assert_eq!(
                expressible.is_empty(),
                schema_accepts,
                "{}: validation found {:?}, the editor schema {}",
                path.display(),
                findings
                    .iter()
                    .map(|d| (d.rule, &d.message))
                    .collect::<Vec<_>>(),
                if schema_accepts {
                    "accepts it"
                } else {
                    "rejects it"
                }
            );
            compared += 1;
            rejected += usize::from(!schema_accepts);
        }
    }
    println!("{compared} fixture specs compared, {rejected} rejected by both");
    assert!(
        compared >= 45 && rejected >= 20,
        "{compared} compared, {rejected} rejected"
    );
}
