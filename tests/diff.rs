//! `protonkit diff`: exit codes, policies, configuration, output formats, and a template-sync
//! repository's git history, commit by commit.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;
use common::{copy_dir, protonkit_in as protonkit};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("protonkit was killed by a signal")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

/// `fixtures/compat/<id>/{base,revision}`, as paths relative to the repository.
fn pair(id: &str) -> [String; 2] {
    ["base", "revision"].map(|s| format!("fixtures/compat/{id}/{s}"))
}

fn diff(id: &str, extra: &[&str]) -> Output {
    let [b, r] = pair(id);
    let mut args = vec!["diff", b.as_str(), r.as_str()];
    args.extend_from_slice(extra);
    protonkit(&repo(), &args)
}

#[test]
fn exit_status_follows_the_verdict_and_fail_on() {
    assert_eq!(code(&diff("input-added-required-without-default", &[])), 1);
    assert_eq!(code(&diff("input-added-optional", &[])), 0);
    assert_eq!(
        code(&diff("input-added-optional", &["--fail-on", "minor"])),
        1
    );
    assert_eq!(
        code(&diff("input-description-changed", &["--fail-on", "minor"])),
        0
    );
    assert_eq!(
        code(&diff("input-description-changed", &["--fail-on", "patch"])),
        1
    );
    // The reverse of a removal is an addition.
    let [b, r] = pair("input-removed");
    let back = protonkit(&repo(), &["diff", &r, &b, "--format", "concise"]);
    assert_eq!(code(&back), 0);
    assert!(stdout(&back).contains("info[P601]"), "{}", stdout(&back));
}

#[test]
fn the_proton_policy_lets_narrowing_through_with_a_warning() {
    let contract = diff("input-enum-value-removed", &["--format", "concise"]);
    assert_eq!(code(&contract), 1);
    assert!(stdout(&contract).contains("error[P600]"));
    let proton = diff(
        "input-enum-value-removed",
        &["--format", "concise", "--policy", "proton"],
    );
    assert_eq!(code(&proton), 0, "{}", stdout(&proton));
    assert!(
        stdout(&proton).contains("warning[P603]"),
        "{}",
        stdout(&proton)
    );
    // What Proton is documented to refuse stays major under its policy too.
    let demanded = diff(
        "input-added-required-without-default",
        &["--policy", "proton"],
    );
    assert_eq!(code(&demanded), 1);
}

#[test]
fn configuration_sets_policy_levels_and_fail_on() {
    let dir = tempfile::tempdir().unwrap();
    let copy = |id: &str| {
        for side in ["base", "revision"] {
            copy_dir(
                &repo().join(format!("fixtures/compat/{id}/{side}")),
                &dir.path().join(side),
            );
        }
    };
    copy("input-enum-value-removed");
    let run = || protonkit(dir.path(), &["diff", "base", "revision"]);
    assert_eq!(code(&run()), 1);
    fs::write(
        dir.path().join("protonkit.toml"),
        "[compat]\nlevels = { input-enum-value-removed = \"minor\" }\n",
    )
    .unwrap();
    assert_eq!(code(&run()), 0, "{}", stdout(&run()));
    fs::write(
        dir.path().join("protonkit.toml"),
        "[compat]\nfail-on = \"minor\"\nlevels = { input-enum-value-removed = \"minor\" }\n",
    )
    .unwrap();
    assert_eq!(code(&run()), 1);
    fs::write(
        dir.path().join("protonkit.toml"),
        "[compat]\npolicy = \"proton\"\n",
    )
    .unwrap();
    assert_eq!(code(&run()), 0);
    fs::write(
        dir.path().join("protonkit.toml"),
        "[compat]\nlevels = { enum-value-removed = \"minor\" }\n",
    )
    .unwrap();
    let bad = run();
    assert_eq!(code(&bad), 2);
    assert!(
        stderr(&bad).contains(
            "`enum-value-removed` is not a change id; did you mean `input-enum-value-removed`?"
        ),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn an_inline_suppression_silences_a_change_and_its_verdict() {
    let dir = tempfile::tempdir().unwrap();
    for side in ["base", "revision"] {
        copy_dir(
            &repo().join(format!("fixtures/compat/input-pattern-added/{side}")),
            &dir.path().join(side),
        );
    }
    assert_eq!(
        code(&protonkit(dir.path(), &["diff", "base", "revision"])),
        1
    );
    let schema = dir.path().join("revision/schema/schema.yaml");
    let text = fs::read_to_string(&schema).unwrap().replace(
        "pattern: '^[a-z]+$'",
        "pattern: '^[a-z]+$' # protonkit: ignore[breaking-change] owners were always lowercase",
    );
    fs::write(&schema, text).unwrap();
    let out = protonkit(
        dir.path(),
        &["diff", "base", "revision", "--format", "json"],
    );
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["verdict"], "none");
}

#[test]
fn json_output_matches_its_schema_and_has_both_positions() {
    let out = diff("input-max-length-decreased", &["--format", "json"]);
    assert_eq!(code(&out), 1);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let schema: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(repo().join("schemas/diff.schema.json")).unwrap())
            .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&report)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}\n{report:#}");
    assert_eq!(report["verdict"], "major");
    let change = &report["changes"][0];
    assert_eq!(change["id"], "input-max-length-decreased");
    assert_eq!(change["level"], "major");
    assert_eq!(
        change["base"]["file"],
        "fixtures/compat/input-max-length-decreased/base/schema/schema.yaml"
    );
    assert_eq!(change["revision"]["line"], 15);
    assert_eq!(
        change["base"]["line"], 13,
        "the base has no maxLength: its key"
    );
    let removed = diff("input-removed", &["--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&removed.stdout).unwrap();
    assert!(report["changes"][0]["revision"].is_null());
    assert!(validator.is_valid(&report));
}

#[test]
fn human_and_concise_output() {
    let human = diff("input-default-removed-from-required", &[]);
    insta::assert_snapshot!("diff_human", stdout(&human));
    let concise = diff("input-enum-added", &["--format", "concise"]);
    insta::assert_snapshot!("diff_concise", stdout(&concise));
    let github = diff("input-enum-added", &["--format", "github"]);
    assert!(
        stdout(&github).starts_with("::error file=fixtures/compat/input-enum-added/revision/schema/schema.yaml,line=15,col=11,"),
        "{}",
        stdout(&github)
    );
}

#[test]
fn explain_prints_the_reason_and_usage_errors_exit_two() {
    let out = protonkit(&repo(), &["diff", "--explain", "input-pattern-added"]);
    assert_eq!(code(&out), 0);
    assert!(stdout(&out).contains("Level: major (policy `contract`), minor (policy `proton`)"));
    assert!(stdout(&out).contains("values that do not match it become invalid"));
    let out = protonkit(&repo(), &["diff", "--explain", "input-patern-added"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("did you mean `input-pattern-added`?"));
    assert_eq!(code(&protonkit(&repo(), &["diff", "fixtures/compat"])), 2);
    assert_eq!(code(&protonkit(&repo(), &["diff", "no/such", "dir"])), 2);
    let out = protonkit(
        &repo(),
        &["diff", "--git", "no-such-ref-anywhere", "fixtures/bundles"],
    );
    assert_eq!(code(&out), 2, "{}", stderr(&out));
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// A template-sync repository grows commit by commit; `protonkit diff --git <parent>` at
/// each commit flags exactly the one that breaks `v1` in place.
#[test]
fn git_history_flags_the_commit_that_needs_a_new_major_version() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git(root, &["init", "-q", "-b", "main"]);
    let env = |to: &str, from: &str| {
        let dest = root.join(to);
        let _ = fs::remove_dir_all(&dest);
        copy_dir(&repo().join(from), &dest);
    };
    let commit = |message: &str| {
        git(root, &["add", "-A"]);
        git(root, &["commit", "-q", "-m", message]);
    };
    // 1: the first version; 2: a compatible change; 3: a breaking change inside v1;
    // 4: v1 restored to its compatible state and the breaking change moved to v2;
    // 5: a service template beside it; 6: an output the service reads is removed.
    env(
        "templates/network-env/v1",
        "fixtures/compat/input-added-optional/base",
    );
    commit("network-env v1");
    env(
        "templates/network-env/v1",
        "fixtures/compat/input-added-optional/revision",
    );
    commit("add an optional input");
    let v1_compatible = root.join("templates/network-env/v1/schema/schema.yaml");
    let compatible = fs::read_to_string(&v1_compatible).unwrap();
    let breaking = compatible.replace(
        "      required:\n        - cidr\n",
        "      required:\n        - cidr\n        - flow_logs\n",
    );
    assert_ne!(breaking, compatible);
    fs::write(&v1_compatible, &breaking).unwrap();
    commit("require flow_logs");
    fs::write(&v1_compatible, &compatible).unwrap();
    env(
        "templates/network-env/v2",
        "fixtures/compat/input-added-optional/revision",
    );
    fs::write(
        root.join("templates/network-env/v2/schema/schema.yaml"),
        &breaking,
    )
    .unwrap();
    commit("v2 requires flow_logs");
    env(
        "templates/web-svc/v1",
        "fixtures/compat/output-removed-in-use/readers/web-svc/v1",
    );
    commit("web-svc v1");
    let cfn = root.join("templates/network-env/v1/infrastructure/cloudformation.yaml");
    let text = fs::read_to_string(&cfn).unwrap();
    fs::write(
        &cfn,
        text.replace("Outputs:\n  VpcId:\n    Value: !Ref Vpc\n", ""),
    )
    .unwrap();
    commit("drop the VpcId output");

    let log = git(root, &["log", "--format=%H %s", "--reverse"]);
    let commits: Vec<(&str, &str)> = log.lines().map(|l| l.split_once(' ').unwrap()).collect();
    let mut verdicts = Vec::new();
    for pair in commits.windows(2) {
        let ((parent, _), (this, subject)) = (pair[0], pair[1]);
        git(root, &["checkout", "-q", this]);
        let out = protonkit(root, &["diff", "--git", parent, "--format", "json"]);
        let report: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{subject}: {e}\n{}", stderr(&out)));
        verdicts.push((
            subject.to_owned(),
            code(&out),
            report["verdict"].as_str().unwrap().to_owned(),
        ));
        if subject == "drop the VpcId output" {
            let ids: Vec<&str> = report["changes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["id"].as_str().unwrap())
                .collect();
            assert!(ids.contains(&"output-removed-in-use"), "{report:#}");
        }
        if subject == "v2 requires flow_logs" {
            let gated: Vec<bool> = report["bundles"]
                .as_array()
                .unwrap()
                .iter()
                .map(|b| b["gated"].as_bool().unwrap())
                .collect();
            assert_eq!(
                gated,
                [true, false],
                "v1 is gated, the new v2 is not: {report:#}"
            );
        }
    }
    let expected = [
        ("add an optional input", 0, "minor"),
        ("require flow_logs", 1, "major"),
        ("v2 requires flow_logs", 0, "minor"),
        ("web-svc v1", 0, "none"),
        ("drop the VpcId output", 1, "major"),
    ];
    let expected: Vec<(String, i32, String)> = expected
        .iter()
        .map(|(s, c, v)| ((*s).to_owned(), *c, (*v).to_owned()))
        .collect();
    assert_eq!(verdicts, expected);

    // The human report of the breaking commit says to create v2.
    git(root, &["checkout", "-q", commits[2].0]);
    let out = protonkit(root, &["diff", "--git", commits[1].0, "templates"]);
    assert_eq!(code(&out), 1);
    assert!(
        stdout(&out).contains("create `network-env/v2/` for this change and keep `v1` compatible"),
        "{}",
        stdout(&out)
    );
}
