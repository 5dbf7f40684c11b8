//! Publishing through the real AWS SDK against the local Proton endpoint and S3 server.
#![allow(deprecated)] // every aws-sdk-proton operation is deprecated

use std::path::Path;
use std::time::Duration;

use aws_sdk_proton::config::{BehaviorVersion, Credentials, Region};
use protonkit_core::archive::pack_tar_gz;
use protonkit_core::Bundle;
use protonkit_publish::sync::{self, SyncConfig};
use protonkit_publish::{
    publish, Clients, Event, MajorChoice, Polling, PublishError, PublishRequest, TemplateKind,
};
use protonkit_testkit::{Clock, Fault, ProtonServer, S3Server, ACCESS_KEY, SECRET_KEY};

const BUCKET: &str = "bundles";

struct Setup {
    _dir: tempfile::TempDir,
    s3: S3Server,
    proton: ProtonServer,
    clock: Clock,
    clients: Clients,
}

async fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let s3 = S3Server::start(dir.path(), &[BUCKET]).await;
    let clock = Clock::at(1_700_000_000);
    let proton = ProtonServer::start(dir.path(), clock.clone()).await;
    let creds = Credentials::new(ACCESS_KEY, SECRET_KEY, None, None, "test");
    let retry = aws_sdk_proton::config::retry::RetryConfig::standard()
        .with_initial_backoff(Duration::from_millis(5))
        .with_max_backoff(Duration::from_millis(20));
    let proton_client = aws_sdk_proton::Client::from_conf(
        aws_sdk_proton::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("us-east-1"))
            .credentials_provider(creds.clone())
            .retry_config(retry.clone())
            .endpoint_url(proton.url())
            .build(),
    );
    let s3_client = aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::Config::builder()
            .behavior_version(aws_sdk_s3::config::BehaviorVersion::latest())
            .region(aws_sdk_s3::config::Region::new("us-east-1"))
            .credentials_provider(aws_sdk_s3::config::Credentials::new(
                ACCESS_KEY, SECRET_KEY, None, None, "test",
            ))
            .endpoint_url(s3.url())
            .force_path_style(true)
            .build(),
    );
    Setup {
        _dir: dir,
        s3,
        proton,
        clock,
        clients: Clients::from_clients(proton_client, s3_client),
    }
}

fn fixture(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

/// The example environment bundle, its schema edited by `edit`.
fn environment(edit: impl Fn(String) -> String) -> (Bundle, Vec<u8>) {
    let loaded = protonkit_fs::load_bundle(&fixture("fixtures/bundles/network-env/v1")).unwrap();
    let mut files = protonkit_core::FileSet::new();
    for (_, f) in loaded.files().iter() {
        let text = f.text().unwrap().to_owned();
        let text = if f.path() == "schema/schema.yaml" {
            edit(text)
        } else {
            text
        };
        files.insert_text(f.path(), text);
    }
    let archive = pack_tar_gz(&files).unwrap();
    (Bundle::new(files), archive)
}

const OPTIONAL_INPUT: &str =
    "        team:\n          type: string\n          description: Who owns it\n";
const REQUIRED_INPUT: &str = "        owner:\n          type: string\n";

/// Adds a property (and optionally requires it) to the example schema's input type.
fn with_property(schema: String, property: &str, required: Option<&str>) -> String {
    let mut out = schema.replacen(
        "      properties:\n",
        &format!("      properties:\n{property}"),
        1,
    );
    if let Some(name) = required {
        out = if out.contains("      required:\n") {
            out.replacen(
                "      required:\n",
                &format!("      required:\n        - {name}\n"),
                1,
            )
        } else {
            format!("{out}      required:\n        - {name}\n")
        };
    }
    out
}

fn request() -> PublishRequest {
    let mut r = PublishRequest::new("network", TemplateKind::Environment, BUCKET);
    r.key_prefix = "templates/".into();
    r.wait = true;
    r.polling = Polling::default();
    r.polling.min_delay = Duration::from_millis(5);
    r.polling.max_delay = Duration::from_millis(20);
    r.polling.timeout = Duration::from_secs(10);
    r
}

async fn run(
    s: &Setup,
    bundle: &Bundle,
    archive: &[u8],
    r: &PublishRequest,
) -> (Result<protonkit_publish::Outcome, PublishError>, Vec<Event>) {
    let mut events = Vec::new();
    let out = publish(&s.clients, bundle, archive, r, &mut |e| events.push(e)).await;
    (out, events)
}

#[tokio::test]
async fn versions_follow_the_compatibility_verdict_and_repeats_create_nothing() {
    let s = setup().await;
    let (v1, a1) = environment(|t| t);
    let mut r = request();
    r.publish = true;
    let (first, _) = run(&s, &v1, &a1, &r).await;
    let first = first.unwrap();
    assert_eq!(
        (first.version.as_deref(), first.created),
        (Some("1.0"), true)
    );
    assert_eq!(first.status.as_deref(), Some("PUBLISHED"));
    assert!(
        s.s3.root().join(BUCKET).join(&first.key).is_file(),
        "{}",
        first.key
    );
    assert!(first.key.starts_with("templates/network/") && first.key.ends_with(".tar.gz"));

    // The same bundle again: the existing version, nothing new.
    let creates = s.proton.requests("CreateEnvironmentTemplateVersion");
    let (again, events) = run(&s, &v1, &a1, &r).await;
    let again = again.unwrap();
    assert_eq!(
        (again.version.as_deref(), again.created),
        (Some("1.0"), false)
    );
    assert_eq!(
        s.proton.requests("CreateEnvironmentTemplateVersion"),
        creates
    );
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::Progress(p) if p.contains("already"))),
        "{events:?}"
    );

    // A compatible change: a new minor version.
    let (v11, a11) = environment(|t| with_property(t, OPTIONAL_INPUT, None));
    let (minor, _) = run(&s, &v11, &a11, &r).await;
    assert_eq!(minor.unwrap().version.as_deref(), Some("1.1"));

    // A breaking change: refused for major 1, a new major otherwise.
    let (v2, a2) = environment(|t| {
        with_property(
            with_property(t, OPTIONAL_INPUT, None),
            REQUIRED_INPUT,
            Some("owner"),
        )
    });
    let mut pinned = r.clone();
    pinned.major = MajorChoice::Exactly(1);
    match run(&s, &v2, &a2, &pinned).await.0 {
        Err(PublishError::Breaking {
            major,
            against,
            changes,
        }) => {
            assert_eq!((major, against.as_str()), (1, "1.1"));
            assert!(
                changes
                    .iter()
                    .any(|c| c.id.as_str() == "input-added-required-without-default"),
                "{changes:?}"
            );
        }
        other => panic!("expected Breaking, got {other:?}"),
    }
    let (major, _) = run(&s, &v2, &a2, &r).await;
    assert_eq!(major.unwrap().version.as_deref(), Some("2.0"));
    let versions: Vec<(u32, u32)> = s
        .proton
        .versions("network")
        .into_iter()
        .map(|(a, b, _)| (a, b))
        .collect();
    assert_eq!(versions, [(1, 0), (1, 1), (2, 0)]);
}

#[tokio::test]
async fn a_retry_after_a_dropped_response_creates_exactly_one_version() {
    let s = setup().await;
    let (bundle, archive) = environment(|t| t);
    s.proton
        .inject("CreateEnvironmentTemplateVersion", Fault::DropAfterApply);
    s.proton.inject("GetEnvironmentTemplate", Fault::Throttle);
    s.proton.inject("ListTagsForResource", Fault::ServerError);
    let (out, _) = run(&s, &bundle, &archive, &request()).await;
    let out = out.unwrap();
    assert_eq!(out.version.as_deref(), Some("1.0"));
    assert!(
        s.proton.requests("CreateEnvironmentTemplateVersion") >= 2,
        "the create was retried"
    );
    assert_eq!(s.proton.versions("network").len(), 1);
    // Both attempts carried the same client token.
    let tokens: Vec<_> = s
        .proton
        .request_bodies("CreateEnvironmentTemplateVersion")
        .iter()
        .map(|b| b["clientToken"].clone())
        .collect();
    assert!(tokens.windows(2).all(|w| w[0] == w[1]), "{tokens:?}");
}

#[tokio::test]
async fn a_failed_registration_surfaces_protons_message() {
    let s = setup().await;
    let (bundle, archive) = environment(|t| t);
    s.proton
        .fail_next_registration("schema.yaml: `Input` is not a valid OpenAPI type");
    match run(&s, &bundle, &archive, &request()).await.0 {
        Err(PublishError::RegistrationFailed { version, message }) => {
            assert_eq!(version, "1.0");
            assert!(message.contains("not a valid OpenAPI type"), "{message}");
        }
        other => panic!("expected RegistrationFailed, got {other:?}"),
    }
    // A failed version is not the base of the next publish: it becomes a new major.
    let (again, _) = run(&s, &bundle, &archive, &request()).await;
    assert_eq!(again.unwrap().version.as_deref(), Some("2.0"));
}

#[tokio::test]
async fn the_endpoint_enforces_client_tokens_and_expires_them() {
    let s = setup().await;
    let (bundle, archive) = environment(|t| t);
    run(&s, &bundle, &archive, &request()).await.0.unwrap();
    let key = format!(
        "templates/network/{}.tar.gz",
        run(&s, &bundle, &archive, &request())
            .await
            .0
            .unwrap()
            .sha256
    );
    let create = |token: &str, description: &str| {
        s.clients_proton()
            .create_environment_template_version()
            .client_token(token)
            .template_name("network")
            .major_version("1")
            .description(description)
            .source(aws_sdk_proton::types::TemplateVersionSourceInput::S3(
                aws_sdk_proton::types::S3ObjectSource::builder()
                    .bucket(BUCKET)
                    .key(&key)
                    .build()
                    .unwrap(),
            ))
            .send()
    };
    let first = create("token-1", "one").await.unwrap();
    let repeat = create("token-1", "one").await.unwrap();
    assert_eq!(
        first
            .environment_template_version()
            .unwrap()
            .minor_version(),
        repeat
            .environment_template_version()
            .unwrap()
            .minor_version()
    );
    let mismatch = create("token-1", "two").await.unwrap_err();
    use aws_sdk_proton::error::ProvideErrorMetadata;
    assert_eq!(mismatch.code(), Some("ValidationException"));
    assert!(mismatch
        .message()
        .unwrap()
        .contains("IdempotentParameterMismatch"));
    s.clock.advance(8 * 60 * 60 + 1);
    let after = create("token-1", "one").await.unwrap();
    assert_ne!(
        first
            .environment_template_version()
            .unwrap()
            .minor_version(),
        after
            .environment_template_version()
            .unwrap()
            .minor_version()
    );
    // Names and versions are validated as the API model says.
    let bad = s
        .clients_proton()
        .get_environment_template_version()
        .template_name("network")
        .major_version("01")
        .minor_version("0")
        .send()
        .await
        .unwrap_err();
    assert_eq!(bad.code(), Some("ValidationException"));
}

impl Setup {
    fn clients_proton(&self) -> aws_sdk_proton::Client {
        self.clients.proton_client().clone()
    }
}

#[tokio::test]
async fn a_dry_run_sends_no_change() {
    let s = setup().await;
    let (bundle, archive) = environment(|t| t);
    let mut r = request();
    r.dry_run = true;
    r.publish = true;
    let (out, events) = run(&s, &bundle, &archive, &r).await;
    let out = out.unwrap();
    assert_eq!((out.version, out.created), (None, false));
    let would: Vec<&str> = events
        .iter()
        .filter_map(|e| match e {
            Event::WouldSend { operation, .. } => Some(*operation),
            _ => None,
        })
        .collect();
    assert_eq!(
        would,
        [
            "CreateEnvironmentTemplate",
            "PutObject",
            "CreateEnvironmentTemplateVersion"
        ]
    );
    assert_eq!(s.proton.requests("CreateEnvironmentTemplate"), 0);
    assert_eq!(s.proton.requests("CreateEnvironmentTemplateVersion"), 0);
    assert!(!s.s3.root().join(BUCKET).join(&out.key).exists());
}

#[tokio::test]
async fn service_versions_carry_their_registration() {
    let s = setup().await;
    let loaded = protonkit_fs::load_bundle(&fixture("fixtures/bundles/web-svc/v1")).unwrap();
    let archive = pack_tar_gz(loaded.files()).unwrap();
    let mut r = request();
    r.template = "web".into();
    r.kind = TemplateKind::Service;
    r.display_name = Some("Web service".into());
    let (out, _) = run(&s, &loaded, &archive, &r).await;
    assert_eq!(out.unwrap().version.as_deref(), Some("1.0"));
    let body = &s.proton.request_bodies("CreateServiceTemplateVersion")[0];
    assert_eq!(
        body["compatibleEnvironmentTemplates"],
        serde_json::json!([{"templateName": "network-env", "majorVersion": "1"}])
    );
    assert_eq!(
        body["supportedComponentSources"],
        serde_json::json!(["DIRECTLY_DEFINED"])
    );
    assert_eq!(
        s.proton.request_bodies("CreateServiceTemplate")[0]["displayName"],
        "Web service"
    );

    // An environment bundle is not a service template.
    let (env, env_archive) = environment(|t| t);
    let refused = run(&s, &env, &env_archive, &r).await.0.unwrap_err();
    assert!(
        refused.to_string().contains("not a service template"),
        "{refused}"
    );
}

#[tokio::test]
async fn sync_configs_round_trip() {
    let s = setup().await;
    let (bundle, archive) = environment(|t| t);
    run(&s, &bundle, &archive, &request()).await.0.unwrap();
    let mut config = SyncConfig::new(
        "network",
        TemplateKind::Environment,
        "GITHUB",
        "acme/templates",
        "main",
    );
    config.subdirectory = Some("templates".into());
    assert_eq!(sync::create(&s.clients, &config).await.unwrap(), config);
    assert_eq!(
        sync::create(&s.clients, &config).await.unwrap(),
        config,
        "create is idempotent"
    );
    assert_eq!(
        sync::get(&s.clients, "network", TemplateKind::Environment)
            .await
            .unwrap(),
        config
    );
    let mut moved = config.clone();
    moved.branch = "release".into();
    assert_eq!(
        sync::update(&s.clients, &moved).await.unwrap().branch,
        "release"
    );
    let status = sync::status(&s.clients, "network", TemplateKind::Environment, 1)
        .await
        .unwrap();
    assert_eq!(status["desiredState"]["directory"], "templates/network/v1");
    assert_eq!(
        sync::delete(&s.clients, "network", TemplateKind::Environment)
            .await
            .unwrap(),
        Some(moved)
    );
    assert_eq!(
        sync::delete(&s.clients, "network", TemplateKind::Environment)
            .await
            .unwrap(),
        None
    );
    let missing = sync::get(&s.clients, "network", TemplateKind::Environment)
        .await
        .unwrap_err();
    assert!(
        missing.to_string().contains("ResourceNotFoundException"),
        "{missing}"
    );
}

#[test]
fn the_local_layout_is_checked_before_sync_is_configured() {
    let repo = fixture("fixtures/bundles");
    let env = SyncConfig::new(
        "network-env",
        TemplateKind::Environment,
        "GITHUB",
        "acme/templates",
        "main",
    );
    assert_eq!(sync::check_layout(&repo, &env).unwrap(), [1]);
    let wrong_kind = SyncConfig::new(
        "network-env",
        TemplateKind::Service,
        "GITHUB",
        "acme/templates",
        "main",
    );
    let message = sync::check_layout(&repo, &wrong_kind).unwrap_err();
    assert!(
        message.contains("holds an environment template"),
        "{message}"
    );
    let missing = SyncConfig::new(
        "nothing-here",
        TemplateKind::Environment,
        "GITHUB",
        "acme/templates",
        "main",
    );
    assert!(sync::check_layout(&repo, &missing)
        .unwrap_err()
        .contains("is not a folder"));
}
