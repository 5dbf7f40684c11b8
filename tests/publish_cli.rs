//! `protonkit publish` and `protonkit sync` against the local Proton endpoint and S3
//! server, through the real AWS SDK (build with `--features publish`).
#![cfg(feature = "publish")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use protonkit_testkit::{Clock, ProtonServer, S3Server, ACCESS_KEY, SECRET_KEY};

struct Endpoints {
    runtime: tokio::runtime::Runtime,
    dir: tempfile::TempDir,
    proton: ProtonServer,
    s3: S3Server,
}

fn endpoints() -> Endpoints {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (proton, s3) = runtime.block_on(async {
        let s3 = S3Server::start(dir.path(), &["bundles"]).await;
        let proton = ProtonServer::start(dir.path(), Clock::at(1_700_000_000)).await;
        (proton, s3)
    });
    Endpoints {
        runtime,
        dir,
        proton,
        s3,
    }
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

impl Endpoints {
    /// Runs protonkit with credentials in the environment only, and no AWS config files.
    fn run(&self, args: &[&str]) -> Output {
        let _ = &self.runtime;
        let mut all: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
        all.extend([
            "--endpoint-url".into(),
            self.proton.url(),
            "--region".into(),
            "us-east-1".into(),
        ]);
        if args[0] == "publish" {
            all.extend(["--s3-endpoint-url".into(), self.s3.url()]);
        }
        Command::new(env!("CARGO_BIN_EXE_protonkit"))
            .args(&all)
            .current_dir(repo())
            .env("NO_COLOR", "1")
            .env("AWS_ACCESS_KEY_ID", ACCESS_KEY)
            .env("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
            .env("AWS_CONFIG_FILE", self.dir.path().join("no-config"))
            .env(
                "AWS_SHARED_CREDENTIALS_FILE",
                self.dir.path().join("no-credentials"),
            )
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env_remove("AWS_PROFILE")
            .output()
            .unwrap()
    }
}

fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn no_secret(out: &Output) {
    let (stdout, stderr) = text(out);
    assert!(
        !stdout.contains(SECRET_KEY) && !stderr.contains(SECRET_KEY),
        "the secret key was printed"
    );
}

const PUBLISH: &[&str] = &[
    "publish",
    "fixtures/bundles/network-env/v1",
    "--template",
    "network",
    "--bucket",
    "bundles",
    "--publish",
];

#[test]
fn publish_creates_then_recognises_a_version() {
    let e = endpoints();
    let first = e.run(PUBLISH);
    no_secret(&first);
    let (stdout, stderr) = text(&first);
    assert!(first.status.success(), "{stdout}{stderr}");
    let result: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(
        (result["version"].as_str(), result["created"].as_bool()),
        (Some("1.0"), Some(true))
    );
    assert_eq!(result["status"], "PUBLISHED");
    assert!(
        stderr.contains("created the template `network`"),
        "{stderr}"
    );
    assert!(stderr.contains("registered: DRAFT"), "{stderr}");

    let again = e.run(PUBLISH);
    let (stdout, stderr) = text(&again);
    assert!(again.status.success(), "{stderr}");
    let result: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(
        (result["version"].as_str(), result["created"].as_bool()),
        (Some("1.0"), Some(false))
    );
    assert_eq!(e.proton.requests("CreateEnvironmentTemplateVersion"), 1);
}

#[test]
fn a_dry_run_prints_the_requests_and_sends_none() {
    let e = endpoints();
    let mut args = PUBLISH.to_vec();
    args.push("--dry-run");
    let out = e.run(&args);
    no_secret(&out);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    let operations: Vec<String> = stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["operation"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(
        operations,
        [
            "CreateEnvironmentTemplate",
            "PutObject",
            "CreateEnvironmentTemplateVersion"
        ]
    );
    assert_eq!(e.proton.requests("CreateEnvironmentTemplate"), 0);
    assert_eq!(e.proton.requests("CreateEnvironmentTemplateVersion"), 0);
}

#[test]
fn a_failed_registration_exits_one_with_protons_message() {
    let e = endpoints();
    e.proton.fail_next_registration("the schema is not valid");
    let out = e.run(PUBLISH);
    no_secret(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out)
            .1
            .contains("Proton could not register version 1.0: the schema is not valid"),
        "{}",
        text(&out).1
    );
}

#[test]
fn a_bundle_with_errors_is_not_published() {
    let e = endpoints();
    let out = e.run(&[
        "publish",
        "fixtures/rules/P102-missing-input-type/bad",
        "--template",
        "broken",
        "--bucket",
        "bundles",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).1.contains("not published"), "{}", text(&out).1);
    assert_eq!(
        e.proton.requests("CreateEnvironmentTemplate") + e.proton.requests("CreateServiceTemplate"),
        0
    );
}

#[test]
fn an_unreachable_endpoint_is_an_error_without_secrets() {
    let out = Command::new(env!("CARGO_BIN_EXE_protonkit"))
        .args([
            "publish",
            "fixtures/bundles/network-env/v1",
            "--template",
            "network",
            "--bucket",
            "bundles",
            "--endpoint-url",
            "http://127.0.0.1:9",
            "--s3-endpoint-url",
            "http://127.0.0.1:9",
            "--region",
            "us-east-1",
        ])
        .current_dir(repo())
        .env("AWS_ACCESS_KEY_ID", ACCESS_KEY)
        .env("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_MAX_ATTEMPTS", "1")
        .output()
        .unwrap();
    no_secret(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).1.contains("GetEnvironmentTemplate failed"),
        "{}",
        text(&out).1
    );
}

#[test]
fn sync_commands_round_trip_and_check_the_layout() {
    let e = endpoints();
    let sync = |command: &str, extra: &[&str]| {
        let mut args = vec![
            "sync",
            command,
            "--template",
            "network-env",
            "--template-type",
            "environment",
        ];
        args.extend_from_slice(extra);
        e.run(&args)
    };
    // Template sync needs the template: publish it under the folder's name first.
    let mut publish = PUBLISH.to_vec();
    publish[3] = "network-env";
    assert!(e.run(&publish).status.success());

    let write = [
        "--repository",
        "acme/templates",
        "--branch",
        "main",
        "--subdirectory",
        "fixtures/bundles",
        "--checkout",
        ".",
    ];
    let created = sync("create", &write);
    let (stdout, stderr) = text(&created);
    assert!(created.status.success(), "{stderr}");
    assert!(stderr.contains("found v1"), "{stderr}");
    let config: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(config["repositoryName"], "acme/templates");

    let got: serde_json::Value = serde_json::from_str(&text(&sync("get", &[])).0).unwrap();
    assert_eq!(got, config);
    let mut moved = write.to_vec();
    moved[3] = "release";
    assert!(sync("update", &moved).status.success());
    let status: serde_json::Value =
        serde_json::from_str(&text(&sync("status", &["--major", "1"])).0).unwrap();
    assert_eq!(status["desiredState"]["branch"], "release");
    assert_eq!(
        status["desiredState"]["directory"],
        "fixtures/bundles/network-env/v1"
    );

    let dry = sync("delete", &["--dry-run"]);
    assert!(text(&dry).0.contains("\"DeleteTemplateSyncConfig\""));
    assert_eq!(e.proton.requests("DeleteTemplateSyncConfig"), 0);
    assert!(sync("delete", &[]).status.success());
    assert_eq!(sync("get", &[]).status.code(), Some(2));

    // A layout template sync would not accept is refused before any request.
    let before = e.proton.requests("CreateTemplateSyncConfig");
    let refused = sync(
        "create",
        &[
            "--repository",
            "acme/templates",
            "--branch",
            "main",
            "--subdirectory",
            "fixtures/compat",
            "--checkout",
            ".",
        ],
    );
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        text(&refused)
            .1
            .contains("template sync looks for `network-env/v<N>/`"),
        "{}",
        text(&refused).1
    );
    assert_eq!(e.proton.requests("CreateTemplateSyncConfig"), before);
}
