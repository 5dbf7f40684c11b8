//! The pre-commit hooks end to end, with the real `pre-commit` (installed from PyPI into
//! `target/precommit-venv` the first time): a temporary git repository whose
//! `.pre-commit-config.yaml` points at this repository's committed HEAD and uses the
//! `protonkit-lint` and `protonkit-diff` hooks, which pre-commit builds with cargo. A
//! commit that adds a broken bundle is rejected with the finding printed; the fixed bundle
//! is committed (the diff hook passes on the first commit). Then a breaking change inside
//! `v1` is rejected, and the same change as a new `v2` is accepted.
//!
//! The hook is built from HEAD, so uncommitted changes to protonkit are not what runs here.

use std::fs;
use std::path::PathBuf;
use std::process::{Command, Output};
use std::time::Instant;

mod common;
use common::copy_dir;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn target() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| repo().join("target"), PathBuf::from)
}

fn run(cmd: &mut Command) -> Output {
    cmd.output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"))
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// `pre-commit` from PyPI, in a virtual environment under `target/`.
fn pre_commit() -> PathBuf {
    let venv = target().join("precommit-venv");
    let bin = venv.join("bin").join("pre-commit");
    if !bin.is_file() {
        let made = run(Command::new("python3").args(["-m", "venv"]).arg(&venv));
        assert!(
            made.status.success(),
            "python3 -m venv failed: {}",
            text(&made)
        );
        let installed = run(Command::new(venv.join("bin").join("pip")).args([
            "install",
            "--quiet",
            "pre-commit",
        ]));
        assert!(
            installed.status.success(),
            "pip install pre-commit failed: {}",
            text(&installed)
        );
    }
    bin
}

#[test]
fn the_hook_rejects_a_broken_bundle_and_accepts_the_fixed_one() {
    let pre_commit = pre_commit();
    let head = run(Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(repo()));
    assert!(head.status.success(), "{}", text(&head));
    let head = String::from_utf8(head.stdout).unwrap().trim().to_owned();

    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    // pre-commit's cache (the built hook) and cargo's build directory persist under target/,
    // so later runs only rebuild what changed.
    let env = [
        ("PRE_COMMIT_HOME", target().join("precommit-home")),
        ("CARGO_TARGET_DIR", target().join("precommit-build")),
    ];
    let git = |args: &[&str]| {
        let out = run(Command::new("git")
            .args(args)
            .current_dir(dir)
            .envs(env.iter().map(|(k, v)| (k, v)))
            .env("GIT_AUTHOR_NAME", "Test")
            .env("GIT_AUTHOR_EMAIL", "test@example.com")
            .env("GIT_COMMITTER_NAME", "Test")
            .env("GIT_COMMITTER_EMAIL", "test@example.com"));
        out
    };
    assert!(git(&["init", "--quiet", "--initial-branch=main"])
        .status
        .success());
    fs::write(
        dir.join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: {head}\n    hooks:\n      - id: protonkit-lint\n      - id: protonkit-diff\n",
            repo().display()
        ),
    )
    .unwrap();
    let installed = run(Command::new(&pre_commit)
        .arg("install")
        .current_dir(dir)
        .envs(env.iter().map(|(k, v)| (k, v))));
    assert!(installed.status.success(), "{}", text(&installed));

    // A bundle whose schema names an input type it does not define (P102).
    let bundle = dir.join("templates/network-env/v1");
    copy_dir(
        &repo().join("fixtures/rules/P102-missing-input-type/bad"),
        &bundle,
    );
    fs::write(dir.join("README.md"), "templates\n").unwrap();
    assert!(git(&["add", "."]).status.success());
    let started = Instant::now();
    let rejected = git(&["commit", "--quiet", "-m", "add the network template"]);
    let output = text(&rejected);
    println!(
        "rejected commit ({:.1?}, including building the hook):\n{output}",
        started.elapsed()
    );
    assert!(
        !rejected.status.success(),
        "the broken bundle was committed:\n{output}"
    );
    assert!(output.contains("protonkit lint"), "{output}");
    assert!(output.contains("error[P102]"), "{output}");
    assert!(
        output.contains("templates/network-env/v1/schema/schema.yaml:5:27"),
        "{output}"
    );
    assert!(
        !git(&["rev-parse", "--verify", "--quiet", "HEAD"])
            .status
            .success(),
        "nothing is committed"
    );

    // The fixed schema is accepted.
    fs::copy(
        repo().join("fixtures/rules/P102-missing-input-type/good/schema/schema.yaml"),
        bundle.join("schema/schema.yaml"),
    )
    .unwrap();
    assert!(git(&["add", "."]).status.success());
    let accepted = git(&["commit", "--quiet", "-m", "add the network template"]);
    let output = text(&accepted);
    println!("accepted commit:\n{output}");
    assert!(
        accepted.status.success(),
        "the fixed bundle was rejected:\n{output}"
    );
    assert!(
        output.contains("protonkit lint") && output.contains("Passed"),
        "{output}"
    );
    let log = git(&["log", "--oneline"]);
    assert_eq!(String::from_utf8_lossy(&log.stdout).lines().count(), 1);

    // Dropping an enum value inside v1 breaks specs that chose it: rejected.
    let schema = bundle.join("schema/schema.yaml");
    let compatible = fs::read_to_string(&schema).unwrap();
    let breaking = compatible.replace("enum: [dev, test, prod]", "enum: [dev, prod]");
    assert_ne!(compatible, breaking);
    fs::write(&schema, &breaking).unwrap();
    assert!(git(&["add", "."]).status.success());
    let rejected = git(&["commit", "--quiet", "-m", "drop the test stage"]);
    let output = text(&rejected);
    println!("rejected breaking commit:\n{output}");
    assert!(
        !rejected.status.success(),
        "the breaking change was committed:\n{output}"
    );
    assert!(output.contains("protonkit diff"), "{output}");
    assert!(output.contains("error[P600]"), "{output}");
    assert!(output.contains("input-enum-value-removed"), "{output}");
    assert!(
        output.contains("create `network-env/v2/` for this change"),
        "{output}"
    );

    // The same change as a new major version is accepted.
    fs::write(&schema, &compatible).unwrap();
    copy_dir(&bundle, &dir.join("templates/network-env/v2"));
    fs::write(
        dir.join("templates/network-env/v2/schema/schema.yaml"),
        &breaking,
    )
    .unwrap();
    assert!(git(&["add", "."]).status.success());
    let accepted = git(&[
        "commit",
        "--quiet",
        "-m",
        "network-env v2 drops the test stage",
    ]);
    let output = text(&accepted);
    println!("accepted major version:\n{output}");
    assert!(accepted.status.success(), "v2 was rejected:\n{output}");
    let log = git(&["log", "--oneline"]);
    assert_eq!(String::from_utf8_lossy(&log.stdout).lines().count(), 2);
}
