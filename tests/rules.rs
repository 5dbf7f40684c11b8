//! Every rule has documentation, a `bad/` fixture that fires it (snapshotted), and a `good/`
//! fixture that lints clean; the example bundles lint clean. A fixture is a bundle; spec
//! rules read the spec files in its `spec/` folder, as `protonkit lint` does. A fixture
//! holding several bundles is linted as a repository; one holding `revision/` (and
//! `base/`, and a `policy` file naming the compatibility policy) is compared, as
//! `protonkit diff` does.

use std::fs;
use std::path::{Path, PathBuf};

use protonkit_core::compat::{self, CompatOptions, Gate, OutputReaders, Policy, Side};
use protonkit_core::report::ReportFiles;
use protonkit_core::spec::SpecChecker;
use protonkit_core::{lint, lint_together, rules, Diagnostic, LintOptions, Rule, Severity};
use protonkit_fs as disk;

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

/// Checks a fixture case: compares it when it holds `revision/`, lints it as a repository
/// when it holds several bundles, else lints its bundle (see [`check_bundle`]).
fn check(case: &Path, given: Option<&Path>, only: Option<Rule>) -> (Vec<Diagnostic>, String) {
    let keep = |d: &Diagnostic| only.is_none_or(|r| d.rule == r);
    if case.join("revision").is_dir() {
        return compare_case(case, &keep);
    }
    let root = bundle_root(case);
    if disk::is_bundle_root(&root) {
        return check_bundle(&root, given, only);
    }
    let found = disk::find_bundles(&[root]).unwrap();
    let bundles: Vec<_> = found.iter().map(|f| f.load().unwrap()).collect();
    let findings = lint_together(
        &bundles.iter().collect::<Vec<_>>(),
        |_, _| true,
        &LintOptions::default(),
    );
    let (mut all, mut text) = (Vec::new(), String::new());
    for ((f, bundle), mut diags) in found.iter().zip(&bundles).zip(findings) {
        diags.retain(keep);
        text.push_str(&ReportFiles::new(bundle.files(), &f.display).render_plain(&diags));
        all.extend(diags);
    }
    (all, text)
}

/// Compares `base/` with `revision/` of a case, as `protonkit diff` does; a case without
/// `base/` is a new bundle.
fn compare_case(case: &Path, keep: &dyn Fn(&Diagnostic) -> bool) -> (Vec<Diagnostic>, String) {
    let load = |side: &str| {
        let root = bundle_root(&case.join(side));
        let display = disk::display(&root);
        (disk::load_bundle(&root).unwrap(), display)
    };
    let (revision, revision_display) = load("revision");
    let options = LintOptions::default();
    let new = !case.join("base").is_dir();
    let (files, diags) = if !new {
        let (base, base_display) = load("base");
        let policy = fs::read_to_string(case.join("policy")).unwrap_or_default();
        let mut compat_options = CompatOptions::default();
        if policy.trim() == "proton" {
            compat_options.policy = Policy::Proton;
        }
        let comparison =
            compat::compare(&base, &revision, &OutputReaders::default(), &compat_options);
        let gate = Gate::from_layouts(base.sync_layout(), revision.sync_layout());
        compat::change_diagnostics(
            &comparison,
            &compat_options,
            &gate,
            Side {
                files: base.files(),
                display: &base_display,
            },
            Side {
                files: revision.files(),
                display: &revision_display,
            },
        )
    } else {
        let d = compat::new_bundle_diagnostic(&revision_display);
        (revision.into_files(), vec![d])
    };
    let mut diags = options.finish(&files, diags);
    diags.retain(|d| keep(d));
    // A new bundle's findings are about the bundle itself, shown under its folder.
    let prefix = if new { revision_display.as_str() } else { "" };
    let text = ReportFiles::new(&files, prefix).render_plain(&diags);
    (diags, text)
}

/// Lints the bundle at `root` with every rule and validates the specs beside it, and
/// `given` as if named with `--spec`: the findings of `only` (or all), and them as text.
/// Every rule runs even for one rule's fixture, since whether a suppression is used
/// depends on the findings of the others.
fn check_bundle(
    root: &Path,
    given: Option<&Path>,
    only: Option<Rule>,
) -> (Vec<Diagnostic>, String) {
    let options = LintOptions::default();
    let keep = |d: &Diagnostic| only.is_none_or(|r| d.rule == r);
    let found = disk::Found {
        display: disk::display(root),
        path: root.to_path_buf(),
        archive: false,
    };
    let bundle = found.load().unwrap();
    let mut all = lint(&bundle, &options);
    all.retain(keep);
    let mut text = ReportFiles::new(bundle.files(), &found.display).render_plain(&all);
    let checker = SpecChecker::new(&bundle);
    let mut specs = disk::specs_for(&found, &bundle).unwrap();
    if let Some(path) = given.filter(|p| p.is_file()) {
        specs.push(disk::load_spec(path, &disk::display(path)).unwrap());
    }
    for spec in specs {
        let mut diags = options.finish(spec.files(), checker.check(&spec));
        diags.retain(keep);
        text.push_str(&ReportFiles::new(spec.files(), "").render_plain(&diags));
        all.extend(diags);
    }
    (all, text)
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
        let dir = fixture_dir(rule);
        let given = dir.join("bad.given-spec.yaml");
        let (found, text) = check(&dir.join("bad"), Some(&given), Some(rule));
        assert!(!found.is_empty(), "{rule:?}: bad/ does not fire the rule");
        assert!(found.iter().all(|d| d.rule == rule));
        insta::assert_snapshot!(format!("{}-{}", rule.code(), rule.name()), text);
    }
}

/// A good fixture has no findings; a comparison's may list changes (at `info`) as long as
/// none is of the fixture's rule or worse than `info`.
#[test]
fn good_fixtures_lint_clean() {
    for rule in rules::all() {
        let case = fixture_dir(rule).join("good");
        let (found, _) = check(&case, None, None);
        let compared = case.join("revision").is_dir();
        let bad: Vec<_> = found
            .iter()
            .filter(|d| !compared || d.rule == rule || d.severity > Severity::Info)
            .map(|d| (d.rule, &d.message))
            .collect();
        assert!(bad.is_empty(), "{rule:?}: good/ has findings: {bad:#?}");
    }
}

#[test]
fn example_bundles_and_their_specs_lint_clean_and_have_every_kind() {
    let found = disk::find_bundles(&[PathBuf::from("fixtures/bundles")]).unwrap();
    let mut kinds: Vec<&str> = Vec::new();
    let mut specs = 0;
    for b in &found {
        let (diags, text) = check_bundle(&b.path, None, None);
        assert!(diags.is_empty(), "{}: {text}", b.display);
        let bundle = b.load().unwrap();
        specs += disk::specs_for(b, &bundle).unwrap().len();
        kinds.push(bundle.kind().as_str());
    }
    assert_eq!(
        specs, 4,
        "every environment and service example has a spec beside it"
    );
    kinds.sort_unstable();
    kinds.dedup();
    assert_eq!(kinds, ["component", "environment", "service"]);
    assert_eq!(found.len(), 5);
}
