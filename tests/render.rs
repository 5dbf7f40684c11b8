//! `protonkit render`, and the differential test against Python Jinja2: every render
//! fixture (`fixtures/render/<case>/`) and every example bundle with its specs is rendered
//! by protonkit and by Jinja2 (`StrictUndefined`, installed from PyPI into
//! `target/jinja2-venv` on the first run) and must be byte-identical. The test fails, never
//! skips, when Python or PyPI is unavailable.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;
use common::{copy_dir, protonkit_in};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn target() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| repo().join("target"), PathBuf::from)
}

fn protonkit(args: &[&str]) -> Output {
    protonkit_in(&repo(), args)
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("protonkit was killed by a signal")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

fn case(name: &str) -> [String; 3] {
    ["bundle", "spec.yaml", "outputs.yaml"].map(|f| format!("fixtures/render/{name}/{f}"))
}

#[test]
fn one_rendered_file_is_printed_and_findings_go_to_stderr() {
    let out = protonkit(&[
        "render",
        "fixtures/bundles/network-env/v1",
        "--spec",
        "fixtures/bundles/network-env/spec/dev.yaml",
    ]);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    let rendered = text(&out.stdout);
    assert!(
        rendered.starts_with("AWSTemplateFormatVersion"),
        "{rendered}"
    );
    assert!(rendered.contains("Description: Network for the dev environment"));
    assert!(text(&out.stderr).contains("1 file rendered: no problems found"));
}

#[test]
fn every_instance_and_the_pipeline_are_written_under_out() {
    let dir = tempfile::tempdir().unwrap();
    let [bundle, spec, outputs] = case("svc-proton-filters");
    let out_dir = dir.path().to_str().unwrap();
    let out = protonkit(&[
        "render",
        &bundle,
        "--spec",
        &spec,
        "--outputs",
        &outputs,
        "--out",
        out_dir,
        "--write-contexts",
    ]);
    assert_eq!(code(&out), 0, "{}{}", text(&out.stdout), text(&out.stderr));
    for path in [
        "instances/worker-dev/instance_infrastructure/cloudformation.yaml",
        "instances/worker-prod/instance_infrastructure/cloudformation.yaml",
        "pipeline/pipeline_infrastructure/cloudformation.yaml",
        "pipeline/pipeline_infrastructure/cloudformation.yaml.context.json",
        "protonkit-render.json",
    ] {
        assert!(dir.path().join(path).is_file(), "{path} missing");
    }
    let prod = fs::read_to_string(
        dir.path()
            .join("instances/worker-prod/instance_infrastructure/cloudformation.yaml"),
    )
    .unwrap();
    assert!(
        prod.contains("arn:aws:iam::210987654321:role/exec"),
        "named environment outputs"
    );
    assert!(
        prod.contains("Memory: \"2048\""),
        "the instance's own input"
    );
    assert!(
        prod.contains("        - \"arn:aws:iam::123456789012:policy/read-jobs\""),
        "{prod}"
    );
    let pipeline: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(
            dir.path()
                .join("pipeline/pipeline_infrastructure/cloudformation.yaml.context.json"),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(pipeline["service_instances"].as_array().unwrap().len(), 2);
    assert_eq!(
        pipeline["pipeline"]["inputs"]["build_command"],
        "make image"
    );
    assert_eq!(pipeline["service_instances"][1]["inputs"]["memory"], 2048);
    assert_eq!(
        pipeline["service_instances"][0]["inputs"]["memory"], 512,
        "defaults applied"
    );
}

#[test]
fn one_instance_can_be_picked_and_a_wrong_name_is_a_usage_error() {
    let [bundle, spec, outputs] = case("svc-proton-filters");
    let out = protonkit(&[
        "render",
        &bundle,
        "--spec",
        &spec,
        "--outputs",
        &outputs,
        "--instance",
        "worker-dev",
    ]);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Worker worker-dev of spec in dev"));
    let out = protonkit(&[
        "render",
        &bundle,
        "--spec",
        &spec,
        "--instance",
        "worker-dv",
    ]);
    assert_eq!(code(&out), 1);
    assert!(
        text(&out.stdout).contains("no instance named `worker-dv`; did you mean `worker-dev`?"),
        "{}",
        text(&out.stdout)
    );
    let many = protonkit(&["render", &bundle, "--spec", &spec, "--outputs", &outputs]);
    assert_eq!(code(&many), 2);
    assert!(
        text(&many.stderr).contains("3 files rendered"),
        "{}",
        text(&many.stderr)
    );
}

#[test]
fn render_errors_point_at_the_template() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("bundle");
    copy_dir(
        &repo().join("fixtures/rules/P301-render-failed/bad"),
        &bundle,
    );
    fs::write(
        dir.path().join("spec.yaml"),
        "proton: EnvironmentSpec\nspec:\n  cidr: 10.1.0.0/16\n",
    )
    .unwrap();
    let args = [
        "render",
        "bundle",
        "--spec",
        "spec.yaml",
        "--format",
        "concise",
    ];
    let out = protonkit_in(dir.path(), &args);
    assert_eq!(code(&out), 1);
    assert_eq!(
        text(&out.stdout),
        "bundle/infrastructure/cloudformation.yaml:8:48: error[P301] Illegal character(s) detected in \"10.1.0.0/16\". Must match regex ^[a-zA-Z0-9_-]*$ or be a valid ARN\n"
    );
    // An endless loop ends with a finding, not a hang.
    fs::write(
        bundle.join("infrastructure/cloudformation.yaml"),
        "Resources:\n{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}\n",
    )
    .unwrap();
    let out = protonkit_in(dir.path(), &args);
    assert_eq!(code(&out), 1);
    assert!(
        text(&out.stdout).contains("error[P301] rendering stopped after"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn a_component_renders_for_each_instance_of_the_service_spec() {
    let dir = tempfile::tempdir().unwrap();
    let out = protonkit(&[
        "render",
        "fixtures/bundles/bucket-component",
        "--spec",
        "fixtures/bundles/web-svc/spec/storefront.yaml",
        "--service-name",
        "shop",
        "--component-name",
        "assets",
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}{}", text(&out.stdout), text(&out.stderr));
    let dev = fs::read_to_string(
        dir.path()
            .join("instances/storefront-dev/cloudformation.yaml"),
    )
    .unwrap();
    assert!(
        dev.contains("BucketName: \"shop-storefront-dev-assets\""),
        "{dev}"
    );
    assert!(dir
        .path()
        .join("instances/storefront-prod/cloudformation.yaml")
        .is_file());
}

#[test]
fn an_invalid_spec_is_reported_and_nothing_is_rendered() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("spec.yaml"),
        "proton: ServiceSpec\ninstances: []\n",
    )
    .unwrap();
    let spec = dir.path().join("spec.yaml");
    let out = protonkit(&[
        "render",
        "fixtures/bundles/network-env/v1",
        "--spec",
        spec.to_str().unwrap(),
        "--format",
        "concise",
    ]);
    assert_eq!(code(&out), 1);
    assert!(
        text(&out.stdout).contains("error[P200]"),
        "{}",
        text(&out.stdout)
    );
    assert!(text(&out.stderr).contains("nothing rendered"));
}

#[test]
fn terraform_and_codebuild_bundles_get_their_input_files() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().to_str().unwrap();
    let out = protonkit(&[
        "render",
        "fixtures/bundles/queue-svc/v1",
        "--spec",
        "fixtures/bundles/queue-svc/spec/orders.yaml",
        "--out",
        out_dir,
        "--account-id",
        "111122223333",
    ]);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    let folder = dir.path().join("instances/orders/instance_infrastructure");
    let variables =
        fs::read_to_string(folder.join("proton.service_instance.variables.tf")).unwrap();
    assert!(variables.contains("variable \"service_instance\""));
    let values: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(folder.join("proton.auto.tfvars.json")).unwrap())
            .unwrap();
    assert_eq!(values["environment"]["account_id"], "111122223333");
    assert_eq!(values["service_instance"]["inputs"]["fifo"], true);
    assert_eq!(
        values["proton_tags"]["proton:template"],
        "arn:aws:proton:us-east-1:111122223333:service-template/queue-svc"
    );
    assert!(
        folder.join("main.tf").is_file(),
        "the Terraform files come along"
    );

    let out = protonkit(&[
        "render",
        "fixtures/bundles/cluster-env/v1",
        "--spec",
        "fixtures/bundles/cluster-env/spec/apps.yaml",
        "--out",
        out_dir,
    ]);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    let inputs: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(dir.path().join("infrastructure/proton-inputs.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(inputs["environment"]["name"], "apps");
    assert_eq!(inputs["environment"]["inputs"]["node_count"], 6);
    let properties: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(dir.path().join("infrastructure/project_properties.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(properties["Description"], "Deploys the apps-prod cluster");
    assert!(dir.path().join("infrastructure/deploy.py").is_file());
}

#[test]
fn a_bad_outputs_file_is_an_error_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let outputs = dir.path().join("outputs.yaml");
    fs::write(&outputs, "environment:\n  VpcId: vpc-1\nenvironmnt: {}\n").unwrap();
    let out = protonkit(&[
        "render",
        "fixtures/bundles/network-env/v1",
        "--spec",
        "fixtures/bundles/network-env/spec/dev.yaml",
        "--outputs",
        outputs.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 2);
    assert!(
        text(&out.stderr).contains("outputs.yaml:3:1: unknown key `environmnt` in the outputs file; did you mean `environment`?"),
        "{}",
        text(&out.stderr)
    );
}

/// Python with Jinja2 from PyPI, in a virtual environment under `target/`.
fn jinja2_python() -> PathBuf {
    let venv = target().join("jinja2-venv");
    let python = venv.join("bin").join("python");
    let has_jinja = |python: &Path| {
        Command::new(python)
            .args(["-c", "import jinja2"])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !has_jinja(&python) {
        let made = Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .output()
            .unwrap();
        assert!(
            made.status.success(),
            "python3 -m venv failed: {}",
            text(&made.stderr)
        );
        let pip = Command::new(venv.join("bin").join("pip"))
            .args(["install", "--quiet", "jinja2"])
            .output()
            .unwrap();
        assert!(
            pip.status.success(),
            "pip install jinja2 failed: {}",
            text(&pip.stderr)
        );
    }
    python
}

#[test]
fn rendering_is_byte_identical_to_python_jinja2() {
    let python = jinja2_python();
    let mut cases: Vec<String> = fs::read_dir(repo().join("fixtures/render"))
        .unwrap()
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    assert!(cases.len() >= 3);
    let out = Command::new(python)
        .arg(repo().join("scripts/jinja2-differential.py"))
        .arg("--protonkit")
        .arg(env!("CARGO_BIN_EXE_protonkit"))
        .arg("--examples")
        .arg(repo().join("fixtures/bundles"))
        .args(&cases)
        .current_dir(repo())
        .output()
        .unwrap();
    let report = text(&out.stdout);
    println!("{report}{}", text(&out.stderr));
    assert!(out.status.success(), "{report}");
    let summary = report.lines().last().unwrap_or_default();
    let identical: usize = summary
        .split(": ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(identical >= 11, "{summary}");
    assert!(summary.contains(" 0 different, 0 runs failed"), "{summary}");
}
