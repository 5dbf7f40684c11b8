//! Every rule has documentation, a `bad/` fixture that fires it (snapshotted), and a `good/`
//! fixture that lints clean; the example bundles lint clean.

use std::fs;
use std::path::{Path, PathBuf};

use protonkit::report::ReportFiles;
use protonkit::{disk, lint, rules, LintOptions, Rule};

const HEADINGS: &[&str] = &[
    "## What it does",
    "## Why is this bad?",
    "## Example",
    "## Use instead",
];

fn fixture_dir(rule: Rule) -> PathBuf {
    PathBuf::from(format!("fixtures/rules/{}-{}", rule.code(), rule.name()))
}

/// The bundle inside a fixture folder: the folder itself, or the bundle below a chain of
/// single folders (`bad/my.env/v1/` for template-sync cases).
fn bundle_root(dir: &Path) -> PathBuf {
    let mut dir = dir.to_path_buf();
    loop {
        let entries: Vec<_> = fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .collect();
        match entries.as_slice() {
            [only] if only.is_dir() && !disk::is_bundle_root(&dir) => dir = only.clone(),
            _ => return dir,
        }
    }
}

fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

#[test]
fn every_rule_has_docs_fixtures_and_a_snapshot() {
    let mut problems = Vec::new();
    for rule in rules::all() {
        let docs = rule.docs();
        for heading in HEADINGS {
            if !docs.contains(heading) {
                problems.push(format!("{rule:?}: docs lack `{heading}`"));
            }
        }
        let dir = fixture_dir(rule);
        for case in ["bad", "good"] {
            if !dir.join(case).is_dir() {
                problems.push(format!("{rule:?}: no {}/{case}/", dir.display()));
            }
        }
        let snapshot = format!(
            "tests/snapshots/rules__{}-{}.snap",
            rule.code(),
            rule.name()
        );
        if !Path::new(&snapshot).is_file() {
            problems.push(format!("{rule:?}: no snapshot {snapshot}"));
        }
    }
    for entry in fs::read_dir("tests/snapshots").unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let Some(id) = name
            .strip_prefix("rules__")
            .and_then(|n| n.strip_suffix(".snap"))
        else {
            continue;
        };
        if !rules::all().any(|r| format!("{}-{}", r.code(), r.name()) == id) {
            problems.push(format!(
                "tests/snapshots/{name} belongs to no registered rule"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn bad_fixtures_fire_their_rule() {
    for rule in rules::all() {
        let root = bundle_root(&fixture_dir(rule).join("bad"));
        let bundle = disk::load_bundle(&root).unwrap();
        let found = lint(&bundle, &LintOptions::only(rule));
        assert!(!found.is_empty(), "{rule:?}: bad/ does not fire the rule");
        assert!(found.iter().all(|d| d.rule == rule));
        let prefix = display(&root);
        let text = ReportFiles::new(bundle.files(), &prefix).render_plain(&found);
        insta::assert_snapshot!(format!("{}-{}", rule.code(), rule.name()), text);
    }
}

#[test]
fn good_fixtures_lint_clean() {
    for rule in rules::all() {
        let root = bundle_root(&fixture_dir(rule).join("good"));
        let bundle = disk::load_bundle(&root).unwrap();
        let found = lint(&bundle, &LintOptions::default());
        assert!(
            found.is_empty(),
            "{rule:?}: good/ has findings: {:#?}",
            found
                .iter()
                .map(|d| (d.rule, &d.message))
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn example_bundles_lint_clean_and_have_every_kind() {
    let found = disk::find_bundles(&[PathBuf::from("fixtures/bundles")]).unwrap();
    let mut kinds: Vec<&str> = Vec::new();
    for b in &found {
        let bundle = b.load().unwrap();
        let diags = lint(&bundle, &LintOptions::default());
        assert!(diags.is_empty(), "{}: {diags:#?}", b.display);
        kinds.push(bundle.kind().as_str());
    }
    kinds.sort_unstable();
    kinds.dedup();
    assert_eq!(kinds, ["component", "environment", "service"]);
    assert_eq!(found.len(), 5);
}
