//! The `protonkit` binary: exit codes, output formats, bundle selection, hostile input.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

mod common;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `protonkit` in the repository root. A run that does not end within a minute counts
/// as a hang and fails the test (this guards against endless loops; it is not a speed check).
fn run(args: &[&str]) -> Output {
    run_in(&repo(), args)
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_protonkit"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("protonkit {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().unwrap()
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("protonkit was killed by a signal")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn json(out: &Output) -> Vec<Value> {
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

use common::write;

const MANIFEST: &[u8] = b"infrastructure:\n  templates:\n    - file: cloudformation.yaml\n      rendering_engine: jinja\n      template_language: cloudformation\n";
const TEMPLATE: &[u8] = b"Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n";
/// The example network template, which reads every input of the example network schema.
const NETWORK_TEMPLATE: &[u8] =
    include_bytes!("../fixtures/bundles/network-env/v1/infrastructure/cloudformation.yaml");

/// An environment bundle whose schema is `schema`.
fn bundle_with_schema(schema: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("schema/schema.yaml", schema),
            ("infrastructure/manifest.yaml", MANIFEST),
            ("infrastructure/cloudformation.yaml", NETWORK_TEMPLATE),
        ],
    );
    dir
}

#[test]
fn clean_bundles_exit_zero() {
    let out = run(&["lint", "fixtures/bundles"]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert_eq!(
        stdout(&out),
        "5 bundles and 4 specs linted: no problems found\n"
    );
}

#[test]
fn errors_exit_one_and_warnings_only_with_fail_on() {
    let error = run(&["lint", "fixtures/rules/P102-missing-input-type/bad"]);
    assert_eq!(code(&error), 1);
    let warning = "fixtures/rules/P020-unknown-manifest-key/bad";
    assert_eq!(code(&run(&["lint", warning])), 0);
    assert_eq!(code(&run(&["lint", warning, "--fail-on", "warning"])), 1);
    assert_eq!(
        code(&run(&[
            "lint",
            warning,
            "--ignore",
            "P020",
            "--fail-on",
            "info"
        ])),
        0
    );
}

#[test]
fn usage_and_io_errors_exit_two() {
    let missing = run(&["lint", "no/such/folder"]);
    assert_eq!(code(&missing), 2);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read `no/such/folder`"));
    let unknown = run(&["lint", "fixtures/bundles", "--select", "P999"]);
    assert_eq!(code(&unknown), 2);
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("unknown rule `P999`"));
    assert_eq!(code(&run(&["lint", "--format", "xml"])), 2);
    assert_eq!(code(&run(&["rules", "no-such-rule"])), 2);
}

#[test]
fn human_output_shows_the_source_and_the_help() {
    let out = run(&["lint", "fixtures/rules/P102-missing-input-type/bad"]);
    insta::assert_snapshot!(stdout(&out));
}

#[test]
fn json_records_have_positions_labels_and_help() {
    let out = run(&[
        "lint",
        "fixtures/rules/P102-missing-input-type/bad",
        "--format",
        "json",
    ]);
    assert_eq!(code(&out), 1);
    let records = json(&out);
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert_eq!(r["code"], "P102");
    assert_eq!(r["name"], "missing-input-type");
    assert_eq!(r["severity"], "error");
    assert_eq!(
        r["file"],
        "fixtures/rules/P102-missing-input-type/bad/schema/schema.yaml"
    );
    // `  environment_input_type: NetworkInputs` is line 5 of the fixture.
    assert_eq!(
        (r["line"].as_u64(), r["column"].as_u64()),
        (Some(5), Some(27))
    );
    assert_eq!(
        (r["end_line"].as_u64(), r["end_column"].as_u64()),
        (Some(5), Some(40))
    );
    assert!(r["message"].as_str().unwrap().contains("`NetworkInputs`"));
    assert!(r["help"]
        .as_str()
        .unwrap()
        .starts_with("define `NetworkInputs`"));
    let labels = r["labels"].as_array().unwrap();
    assert_eq!(labels.len(), 2);
    assert_eq!(labels[0]["primary"], true);
    assert_eq!(labels[1]["line"], 6);
}

#[test]
fn json_columns_count_characters() {
    let dir = bundle_with_schema(
        "schema:\n  format:\n    openapi: \"3.0.0\"\n  environment_input_type: É\n  types:\n    E:\n      type: object\n      properties:\n        ü: {type: string, defualt: x}\n".as_bytes(),
    );
    let out = run_in(dir.path(), &["lint", ".", "--format", "json"]);
    let records = json(&out);
    let typo = records.iter().find(|r| r["code"] == "P104").unwrap();
    // `        ü: {type: string, defualt: x}`: the key starts at character 27 (byte 28,
    // since `ü` takes two bytes).
    assert_eq!(
        (typo["line"].as_u64(), typo["column"].as_u64()),
        (Some(9), Some(27))
    );
    assert_eq!(typo["file"], "schema/schema.yaml");
}

#[test]
fn a_bundle_named_by_several_files_is_linted_once() {
    let bad = "fixtures/rules/P102-missing-input-type/bad";
    let out = run(&[
        "lint",
        &format!("{bad}/schema/schema.yaml"),
        &format!("{bad}/infrastructure/manifest.yaml"),
        &format!("{bad}/infrastructure/cloudformation.yaml"),
        bad,
        "--format",
        "json",
    ]);
    assert_eq!(json(&out).len(), 1);
    let human = run(&["lint", &format!("{bad}/schema/schema.yaml")]);
    assert!(stdout(&human).ends_with("1 bundle linted: 1 error, 0 warnings, 0 info\n"));
}

#[test]
fn a_file_outside_any_bundle_selects_nothing() {
    let out = run(&["lint", "Cargo.toml"]);
    assert_eq!(code(&out), 0);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no bundle found"));
}

#[test]
fn template_sync_names_come_from_the_folders() {
    let dir = tempfile::tempdir().unwrap();
    let env = fs::read(repo().join("fixtures/bundles/network-env/v1/schema/schema.yaml")).unwrap();
    for name in ["good-name", "bad name"] {
        write(
            &dir.path().join(name).join("v3"),
            &[
                ("schema/schema.yaml", &env),
                ("infrastructure/manifest.yaml", MANIFEST),
                ("infrastructure/cloudformation.yaml", NETWORK_TEMPLATE),
            ],
        );
    }
    let out = run_in(dir.path(), &["lint", ".", "--format", "json"]);
    let records = json(&out);
    assert_eq!(records.len(), 1, "{records:#?}");
    assert_eq!(records[0]["code"], "P502");
    assert_eq!(records[0]["file"], "bad name/v3");
}

/// Each hostile schema ends in a diagnostic of the expected rule and exit status 1. The time
/// each run took is printed, not asserted (`cargo test --release -p protonkit-cli --test cli
/// hostile -- --nocapture`).
#[test]
fn hostile_yaml_ends_in_a_diagnostic() {
    let deep_flow = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let deep_block: String = (0..10_000)
        .map(|i| format!("{}k:\n", " ".repeat(i)))
        .collect();
    let mut bomb = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        bomb.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "malformed",
            b"schema:\n  format: {openapi: \"3.0.0\"\n  types: [\n".to_vec(),
            "P001",
        ),
        (
            "non-utf8",
            vec![0xff, 0xfe, b's', 0, b'c', 0, 0xc3, 0x28],
            "P003",
        ),
        ("empty", Vec::new(), "P004"),
        ("deep flow", deep_flow.into_bytes(), "P001"),
        ("deep block", deep_block.into_bytes(), "P001"),
        ("alias bomb", bomb.into_bytes(), "P001"),
    ];
    for (name, schema, expected) in cases {
        let dir = bundle_with_schema(&schema);
        let started = Instant::now();
        let out = run_in(dir.path(), &["lint", ".", "--format", "json"]);
        eprintln!(
            "{name} ({} bytes): {} ms",
            schema.len(),
            started.elapsed().as_millis()
        );
        assert_eq!(
            code(&out),
            1,
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let codes: Vec<_> = json(&out).iter().map(|r| r["code"].clone()).collect();
        assert!(codes.contains(&Value::from(expected)), "{name}: {codes:?}");
    }
}

#[cfg(unix)]
#[test]
fn links_out_of_the_bundle_are_reported_not_followed() {
    let dir = bundle_with_schema(
        &fs::read(repo().join("fixtures/bundles/network-env/v1/schema/schema.yaml")).unwrap(),
    );
    let secret = tempfile::NamedTempFile::new().unwrap();
    fs::write(secret.path(), "not part of the bundle").unwrap();
    std::os::unix::fs::symlink(secret.path(), dir.path().join("infrastructure/secret.yaml"))
        .unwrap();
    std::os::unix::fs::symlink(
        "cloudformation.yaml",
        dir.path().join("infrastructure/inner-link.yaml"),
    )
    .unwrap();
    let out = run_in(dir.path(), &["lint", ".", "--format", "json"]);
    let records = json(&out);
    let codes: Vec<_> = records
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    // The outside link is refused; the inner link is read (and, being unnamed, reported).
    assert_eq!(codes, ["P015", "P016"], "{records:#?}");
    assert_eq!(records[1]["file"], "infrastructure/secret.yaml");
}

#[test]
fn rules_lists_every_rule_and_explains_one() {
    let list = stdout(&run(&["rules"]));
    assert!(list
        .lines()
        .any(|l| l.starts_with("P020  unknown-manifest-key")));
    assert_eq!(list.lines().count(), protonkit::rules::all().count());
    let one = run(&["rules", "unknown-manifest-key"]);
    assert_eq!(code(&one), 0);
    let text = stdout(&one);
    assert!(text.starts_with("# P020 unknown-manifest-key\n"));
    assert!(text.contains("## Why is this bad?"));
    assert!(text.trim_end().ends_with("Online: https://github.com/protonkit/protonkit/blob/main/docs/rules.md#p020-unknown-manifest-key"));
    assert_eq!(stdout(&run(&["rules", "p020"])), text);
}

#[test]
fn discovery_finds_components_and_skips_other_manifests() {
    // A component (manifest at the root), an environment, and a folder that is neither.
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("component/manifest.yaml", MANIFEST),
            ("component/cloudformation.yaml", TEMPLATE),
            ("docs/manifest.yaml", b"name: not a proton manifest\n"),
        ],
    );
    let found = protonkit_fs::find_bundles(&[dir.path().to_path_buf()]).unwrap();
    let names: Vec<_> = found
        .iter()
        .map(|f| f.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["component"]);
}

fn packed(files: &[(&str, &[u8])]) -> Vec<u8> {
    let bundle = protonkit::Bundle::from_files(files.iter().map(|(p, d)| (*p, d.to_vec())));
    bundle.package().unwrap()
}

#[test]
fn archives_are_linted_as_bundles() {
    let dir = tempfile::tempdir().unwrap();
    let schema =
        fs::read(repo().join("fixtures/bundles/network-env/v1/schema/schema.yaml")).unwrap();
    let legacy = b"infrastructure:\n  templates:\n    - file: cloudformation.yaml\n      engine: jinja\n      template_language: cloudformation\n";
    fs::write(
        dir.path().join("env.tar.gz"),
        packed(&[
            ("schema/schema.yaml", &schema),
            ("infrastructure/manifest.yaml", legacy),
            ("infrastructure/cloudformation.yaml", NETWORK_TEMPLATE),
        ]),
    )
    .unwrap();
    let out = run_in(dir.path(), &["lint", "env.tar.gz", "--format", "json"]);
    assert_eq!(code(&out), 1);
    let records = json(&out);
    assert_eq!(records.len(), 1, "{records:#?}");
    assert_eq!(records[0]["code"], "P021");
    assert_eq!(
        records[0]["file"],
        "env.tar.gz/infrastructure/manifest.yaml"
    );
    assert_eq!(records[0]["line"], 4);

    // A bundle packed with its folder around it.
    fs::write(
        dir.path().join("wrapped.tgz"),
        packed(&[
            ("env/schema/schema.yaml", &schema),
            ("env/infrastructure/manifest.yaml", MANIFEST),
            ("env/infrastructure/cloudformation.yaml", NETWORK_TEMPLATE),
        ]),
    )
    .unwrap();
    let out = run_in(dir.path(), &["lint", "wrapped.tgz", "--format", "json"]);
    let records = json(&out);
    assert_eq!(records[0]["code"], "P010");
    assert!(records[0]["help"]
        .as_str()
        .unwrap()
        .contains("inside `env/`"));
}

#[test]
fn unsafe_zip_entries_are_refused_and_garbage_is_an_error() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let schema =
        fs::read(repo().join("fixtures/bundles/network-env/v1/schema/schema.yaml")).unwrap();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (path, data) in [
        ("schema/schema.yaml", schema.as_slice()),
        ("infrastructure/manifest.yaml", MANIFEST),
        ("infrastructure/cloudformation.yaml", NETWORK_TEMPLATE),
        ("../../escape.sh", b"rm -rf /".as_slice()),
    ] {
        zip.start_file(path, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(data).unwrap();
    }
    fs::write(dir.path().join("b.zip"), zip.finish().unwrap().into_inner()).unwrap();
    let out = run_in(dir.path(), &["lint", "b.zip", "--format", "json"]);
    let records = json(&out);
    assert_eq!(records.len(), 1, "{records:#?}");
    assert_eq!(records[0]["code"], "P016");
    assert!(records[0]["message"].as_str().unwrap().contains("`..`"));
    assert!(!dir.path().parent().unwrap().join("escape.sh").exists());

    fs::write(dir.path().join("junk.zip"), b"this is not a zip").unwrap();
    let junk = run_in(dir.path(), &["lint", "junk.zip"]);
    assert_eq!(code(&junk), 2);
    assert!(String::from_utf8_lossy(&junk.stderr).contains("not a .tar.gz or .zip archive"));
}

const SHOP: &str = "fixtures/rules/P221-input-not-in-enum/bad";

#[test]
fn spec_validate_reports_positions_and_exits_like_lint() {
    let bad = format!("{SHOP}/spec/shop.yaml");
    let out = run(&[
        "spec", "validate", "--bundle", SHOP, &bad, "--format", "json",
    ]);
    assert_eq!(code(&out), 1);
    let records = json(&out);
    assert_eq!(records.len(), 1, "{records:#?}");
    assert_eq!(records[0]["code"], "P221");
    assert_eq!(records[0]["file"], bad);
    assert_eq!(
        (records[0]["line"].as_u64(), records[0]["column"].as_u64()),
        (Some(9), Some(13))
    );
    let good = "fixtures/rules/P221-input-not-in-enum/good/spec/shop.yaml";
    let out = run(&["spec", "validate", "--bundle", SHOP, good]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert_eq!(stdout(&out), "1 spec validated: no problems found\n");
    // Warnings fail only with --fail-on warning; --ignore drops a spec rule too.
    let warn = "fixtures/rules/P229-ambiguous-boolean/bad/spec/shop.yaml";
    assert_eq!(code(&run(&["spec", "validate", "--bundle", SHOP, warn])), 0);
    assert_eq!(
        code(&run(&[
            "spec",
            "validate",
            "--bundle",
            SHOP,
            warn,
            "--fail-on",
            "warning"
        ])),
        1
    );
    let ignored = run(&[
        "spec",
        "validate",
        "--bundle",
        SHOP,
        warn,
        "--fail-on",
        "warning",
        "--ignore",
        "ambiguous-boolean",
    ]);
    assert_eq!(code(&ignored), 0, "{}", stdout(&ignored));
    // A missing spec file or bundle is an I/O error.
    assert_eq!(
        code(&run(&[
            "spec",
            "validate",
            "--bundle",
            SHOP,
            "no/such.yaml"
        ])),
        2
    );
    assert_eq!(
        code(&run(&[
            "spec",
            "validate",
            "--bundle",
            "no/such/bundle",
            good
        ])),
        2
    );
    assert_eq!(code(&run(&["spec", "validate", "--bundle", SHOP])), 2);
}

#[test]
fn lint_validates_specs_beside_bundles_and_given_with_spec() {
    let out = run(&["lint", SHOP, "--format", "json"]);
    assert_eq!(code(&out), 1);
    assert!(json(&out).iter().any(|r| r["code"] == "P221"));
    // An explicitly named spec of the wrong kind is reported; beside the bundle it is skipped.
    let given = "fixtures/rules/P200-wrong-spec-kind/bad.given-spec.yaml";
    let out = run(&[
        "lint",
        "fixtures/rules/P200-wrong-spec-kind/good",
        "--spec",
        given,
        "--format",
        "json",
    ]);
    assert_eq!(code(&out), 1);
    let records = json(&out);
    assert_eq!(records.len(), 1, "{records:#?}");
    assert_eq!(records[0]["file"], given);
    // --spec needs exactly one bundle.
    let out = run(&["lint", "fixtures/bundles", "--spec", given]);
    assert_eq!(code(&out), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("exactly one bundle"));
}

#[test]
fn spec_init_writes_a_skeleton_that_validates() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("spec.yaml");
    let path_arg = path.to_str().unwrap();
    let bundle = "fixtures/bundles/web-svc/v1";
    let out = run(&[
        "spec",
        "init",
        "--bundle",
        bundle,
        "--instance",
        "shop-dev",
        "--environment",
        "dev",
        "-o",
        path_arg,
    ]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let text = fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("- name: shop-dev\n    environment: dev\n"),
        "{text}"
    );
    assert!(text.contains("# Container image\n      image: "), "{text}");
    assert!(text.contains("port: 8080\n"), "{text}");
    let out = run(&[
        "spec",
        "validate",
        "--bundle",
        bundle,
        path_arg,
        "--fail-on",
        "info",
    ]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    // An existing file is not overwritten without --force.
    let again = run(&["spec", "init", "--bundle", bundle, "-o", path_arg]);
    assert_eq!(code(&again), 2);
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    // The editor modeline.
    let out = run(&[
        "spec",
        "init",
        "--bundle",
        bundle,
        "--schema-url",
        "./spec.schema.json",
    ]);
    assert!(stdout(&out).starts_with("# yaml-language-server: $schema=./spec.schema.json\n"));
    // A component takes no spec.
    let component = run(&[
        "spec",
        "init",
        "--bundle",
        "fixtures/bundles/bucket-component",
    ]);
    assert_eq!(code(&component), 2);
    assert!(String::from_utf8_lossy(&component.stderr).contains("take no spec"));
}

#[test]
fn spec_schema_prints_a_draft7_schema_of_the_bundle() {
    let out = run(&[
        "spec",
        "schema",
        "--bundle",
        "fixtures/bundles/network-env/v1",
    ]);
    assert_eq!(code(&out), 0);
    let schema: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(schema["properties"]["proton"]["const"], "EnvironmentSpec");
    let vpc = &schema["properties"]["spec"]["properties"]["vpc_cidr"]["anyOf"][0];
    assert_eq!(vpc["default"], "10.42.0.0/16");
    assert_eq!(vpc["title"], "VPC CIDR block");
}

#[test]
fn configuration_sets_format_severity_and_per_path_ignores() {
    // protonkit.toml says: concise output, fail on warnings, P020 is an error, P021 is
    // ignored under legacy/.
    let out = run(&["lint", "fixtures/config/project"]);
    assert_eq!(code(&out), 1);
    insta::assert_snapshot!(stdout(&out));
    // Flags win over the file, and --config names another file.
    let out = run(&["lint", "fixtures/config/project", "--format", "json"]);
    let records = json(&out);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["severity"], "error");
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.toml");
    fs::write(&empty, "").unwrap();
    let out = run(&[
        "lint",
        "fixtures/config/project",
        "--config",
        empty.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let codes: Vec<_> = json(&out)
        .iter()
        .map(|r| r["code"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        codes,
        ["P021", "P020"],
        "defaults: P021 under legacy/ is reported, P020 is a warning"
    );
    assert_eq!(code(&out), 1, "P021 is an error by default");
}

#[test]
fn an_unknown_config_key_is_an_error_with_its_position() {
    let out = run(&["lint", "fixtures/config/unknown-key"]);
    assert_eq!(code(&out), 2);
    assert!(out.stdout.is_empty());
    insta::assert_snapshot!(String::from_utf8(out.stderr).unwrap());
}

#[test]
fn select_and_ignore_take_code_prefixes() {
    let bad = "fixtures/rules/P102-missing-input-type/bad";
    assert_eq!(code(&run(&["lint", bad, "--ignore", "P1"])), 0);
    assert_eq!(code(&run(&["lint", bad, "--select", "P10"])), 1);
    assert_eq!(code(&run(&["lint", bad, "--select", "P0,P5"])), 0);
}

#[test]
fn a_spec_file_selects_the_template_sync_bundles_beside_its_folder() {
    let out = run(&[
        "lint",
        "fixtures/bundles/web-svc/spec/storefront.yaml",
        "--format",
        "concise",
    ]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    let human = run(&["lint", "fixtures/bundles/web-svc/spec/storefront.yaml"]);
    assert_eq!(
        stdout(&human),
        "1 bundle and 1 spec linted: no problems found\n"
    );
}

#[test]
fn spec_validate_reads_a_spec_from_standard_input() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_protonkit"))
        .args([
            "spec", "validate", "--bundle", SHOP, "-", "--format", "concise",
        ])
        .current_dir(repo())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let spec = fs::read(format!("{SHOP}/spec/shop.yaml")).unwrap();
    child.stdin.take().unwrap().write_all(&spec).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(code(&out), 1);
    assert!(
        stdout(&out).starts_with("<stdin>:9:13: error[P221]"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn per_path_ignores_hold_when_run_from_the_configuration_folder() {
    // The usual case: protonkit.toml at the top of the repository, run from there.
    let out = run_in(
        &repo().join("fixtures/config/project"),
        &["lint", ".", "--format", "json"],
    );
    let codes: Vec<_> = json(&out)
        .iter()
        .map(|r| r["code"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(codes, ["P020"], "P021 under legacy/ is ignored");
}

/// P400 compares a service template with the environment templates of its own repository
/// only: the same bundles split across two repositories side by side are not compared.
#[test]
fn environment_outputs_are_checked_within_one_repository() {
    let bad = repo().join("fixtures/rules/P400-unknown-environment-output/bad");
    let copy = common::copy_dir;
    let dir = tempfile::tempdir().unwrap();
    let one = dir.path().join("one-repo");
    copy(
        &bad.join("network-env"),
        &one.join("environment-templates/network-env"),
    );
    copy(&bad.join("web-svc"), &one.join("service-templates/web-svc"));
    let out = run(&[
        "lint",
        one.to_str().unwrap(),
        "--select",
        "P400",
        "--format",
        "concise",
    ]);
    assert_eq!(code(&out), 1, "{}", stdout(&out));
    assert!(stdout(&out).contains("error[P400]"));

    let two = dir.path().join("two-repos");
    copy(
        &bad.join("network-env"),
        &two.join("repo-a/environment-templates/network-env"),
    );
    copy(
        &bad.join("web-svc"),
        &two.join("repo-b/service-templates/web-svc"),
    );
    let out = run(&[
        "lint",
        two.to_str().unwrap(),
        "--select",
        "P400",
        "--format",
        "concise",
    ]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
}
