//! The publish flow: package in S3, template, version, registration, publication.

use std::time::{Duration, Instant};

use protonkit_core::compat::{self, CompatOptions, Level, OutputReaders};
use protonkit_core::{Bundle, BundleKind, FileSet};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::api::{self, NewTemplate, NewVersion, VersionInfo};
use crate::{Clients, MajorChoice, Polling, PublishError, TemplateKind};

/// The tag that records which bundle a version was created from.
pub const BUNDLE_TAG: &str = "protonkit:bundle-sha256";

/// What to publish, where, and how.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct PublishRequest {
    /// The template's name.
    pub template: String,
    /// Environment or service.
    pub kind: TemplateKind,
    /// The S3 bucket the bundle is uploaded to.
    pub bucket: String,
    /// Put before the content-addressed key (`templates/` gives
    /// `templates/<template>/<sha256>.tar.gz`).
    pub key_prefix: String,
    /// Which major version.
    pub major: MajorChoice,
    /// Move the new version from `DRAFT` to `PUBLISHED` (waits for registration).
    pub publish: bool,
    /// Wait for registration to end.
    pub wait: bool,
    /// For a template created by this publish.
    pub display_name: Option<String>,
    /// For a template created by this publish, and the version's description.
    pub description: Option<String>,
    /// Create the template as customer-managed (`provisioning` / `pipelineProvisioning`
    /// `CUSTOMER_MANAGED`).
    pub customer_managed: bool,
    /// How compatibility is judged for `MajorChoice::Auto` and `Exactly`.
    pub compat: CompatOptions,
    /// Send no request that changes anything: report the ones that would be sent.
    pub dry_run: bool,
    /// How to wait for registration.
    pub polling: Polling,
}

impl PublishRequest {
    /// A request with the defaults: automatic major version, no waiting, no publication.
    #[must_use]
    pub fn new(template: impl Into<String>, kind: TemplateKind, bucket: impl Into<String>) -> Self {
        PublishRequest {
            template: template.into(),
            kind,
            bucket: bucket.into(),
            key_prefix: String::new(),
            major: MajorChoice::Auto,
            publish: false,
            wait: false,
            display_name: None,
            description: None,
            customer_managed: false,
            compat: CompatOptions::default(),
            dry_run: false,
            polling: Polling::default(),
        }
    }
}

/// What publishing reports as it goes.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Event {
    /// A step, as a sentence.
    Progress(String),
    /// A request a dry run did not send.
    WouldSend {
        /// The operation.
        operation: &'static str,
        /// Its parameters, as the API names them.
        request: Value,
    },
}

/// What publishing did.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Outcome {
    /// `major.minor`, or `None` for a dry run that would create a version.
    pub version: Option<String>,
    /// Whether a new version was created (false: the bundle was published before).
    pub created: bool,
    /// The version's status when publishing ended.
    pub status: Option<String>,
    /// The S3 object holding the bundle.
    pub bucket: String,
    /// Its key.
    pub key: String,
    /// The bundle's SHA-256.
    pub sha256: String,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A bundle of just the schema, for comparing with a registered version's schema.
fn schema_bundle(schema: &str) -> Bundle {
    let mut files = FileSet::new();
    files.insert_text(protonkit_core::bundle::SCHEMA_PATH, schema);
    Bundle::new(files)
}

/// Publishes `bundle`, packaged as `archive`, as `request` says. See the crate docs.
///
/// # Errors
/// When the API refuses a request, registration fails, `MajorChoice::Exactly` names a major
/// the change breaks, or waiting times out.
pub async fn publish(
    clients: &Clients,
    bundle: &Bundle,
    archive: &[u8],
    request: &PublishRequest,
    progress: &mut (dyn FnMut(Event) + Send),
) -> Result<Outcome, PublishError> {
    check_kind(bundle, request.kind)?;
    let proton = &clients.proton;
    let name = request.template.as_str();
    let sha = hex(&Sha256::digest(archive));
    let key = format!("{}{name}/{sha}.tar.gz", request.key_prefix);
    let mut outcome = Outcome {
        version: None,
        created: false,
        status: None,
        bucket: request.bucket.clone(),
        key: key.clone(),
        sha256: sha.clone(),
    };

    let exists = api::template_exists(proton, request.kind, name).await?;
    let versions = if exists {
        api::all_versions(proton, request.kind, name).await?
    } else {
        let new = NewTemplate {
            display_name: request.display_name.clone(),
            description: request.description.clone(),
            customer_managed: request.customer_managed,
        };
        if request.dry_run {
            progress(Event::WouldSend {
                operation: operation(
                    request.kind,
                    "CreateEnvironmentTemplate",
                    "CreateServiceTemplate",
                ),
                request: template_request(request),
            });
        } else {
            api::create_template(proton, request.kind, name, &new).await?;
            progress(Event::Progress(format!("created the template `{name}`")));
        }
        Vec::new()
    };

    // The same bundle published before: report that version, create nothing.
    for v in versions
        .iter()
        .rev()
        .filter(|v| v.status != "REGISTRATION_FAILED")
    {
        let tags = api::tags(proton, &v.arn).await?;
        if tags.iter().any(|(k, val)| k == BUNDLE_TAG && *val == sha) {
            progress(Event::Progress(format!(
                "this bundle is version {} already ({}); nothing created",
                v.number(),
                v.status
            )));
            let v = finish(clients, request, v.clone(), progress).await?;
            outcome.version = Some(v.number());
            outcome.status = Some(v.status);
            return Ok(outcome);
        }
    }

    let major = choose_major(clients, bundle, &versions, request, progress).await?;
    upload(clients, request, &key, archive, progress).await?;

    let new = NewVersion {
        client_token: client_token(&sha, request, major, versions.len()),
        major,
        bucket: request.bucket.clone(),
        key,
        description: request.description.clone(),
        tags: vec![(BUNDLE_TAG.to_owned(), sha)],
        compatible_environments: bundle.compatible_environments(),
        directly_defined_components: bundle.directly_defined_components(),
    };
    if request.dry_run {
        progress(Event::WouldSend {
            operation: operation(
                request.kind,
                "CreateEnvironmentTemplateVersion",
                "CreateServiceTemplateVersion",
            ),
            request: version_request(request, &new),
        });
        return Ok(outcome);
    }
    let created = api::create_version(proton, request.kind, name, &new).await?;
    progress(Event::Progress(format!(
        "created version {} of `{name}` ({})",
        created.number(),
        created.status
    )));
    outcome.created = true;
    let v = finish(clients, request, created, progress).await?;
    outcome.version = Some(v.number());
    outcome.status = Some(v.status);
    Ok(outcome)
}

fn check_kind(bundle: &Bundle, kind: TemplateKind) -> Result<(), PublishError> {
    let matches = matches!(
        (bundle.kind(), kind),
        (BundleKind::Environment, TemplateKind::Environment)
            | (BundleKind::Service { .. }, TemplateKind::Service)
    );
    if !matches {
        return Err(PublishError::Refused(format!(
            "the bundle is {} template, not {} template",
            article(bundle.kind().as_str()),
            article(&kind.api_name().to_ascii_lowercase())
        )));
    }
    if kind == TemplateKind::Service && bundle.compatible_environments().is_empty() {
        return Err(PublishError::Refused(
            "a service template version needs the environment templates it is compatible with: list them under `compatible_environments` in `.template-registration.yaml`".into(),
        ));
    }
    Ok(())
}

fn article(word: &str) -> String {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        format!("an {word}")
    } else {
        format!("a {word}")
    }
}

/// The major version to create a minor of (`None`: a new major).
async fn choose_major(
    clients: &Clients,
    bundle: &Bundle,
    versions: &[VersionInfo],
    request: &PublishRequest,
    progress: &mut (dyn FnMut(Event) + Send),
) -> Result<Option<u32>, PublishError> {
    let usable = |major: u32| {
        versions
            .iter()
            .filter(|v| {
                v.major == major
                    && v.status != "REGISTRATION_FAILED"
                    && v.status != "REGISTRATION_IN_PROGRESS"
            })
            .max_by_key(|v| v.minor)
    };
    let target = match request.major {
        MajorChoice::New => return Ok(None),
        MajorChoice::Exactly(m) => Some(m),
        MajorChoice::Auto => versions
            .iter()
            .map(|v| v.major)
            .filter(|m| usable(*m).is_some())
            .max(),
    };
    let Some(major) = target else {
        progress(Event::Progress(
            "no registered version yet: creating a new major version".into(),
        ));
        return Ok(None);
    };
    let Some(latest) = usable(major) else {
        return Err(PublishError::Refused(format!(
            "`{}` has no registered version in major version {major}; use `--major new` or `--major auto`",
            request.template
        )));
    };
    let registered = api::get_version(
        &clients.proton,
        request.kind,
        &request.template,
        latest.major,
        latest.minor,
    )
    .await?;
    let base = schema_bundle(registered.schema.as_deref().unwrap_or_default());
    let schema = bundle
        .files()
        .lookup(protonkit_core::bundle::SCHEMA_PATH)
        .and_then(|id| bundle.files().get(id).text())
        .unwrap_or_default();
    let comparison = compat::compare(
        &base,
        &schema_bundle(schema),
        &OutputReaders::default(),
        &request.compat,
    );
    let verdict = comparison.verdict();
    progress(Event::Progress(format!(
        "compared with version {}: {} ({} change{})",
        latest.number(),
        compat::verdict_name(verdict),
        comparison.changes.len(),
        if comparison.changes.len() == 1 {
            ""
        } else {
            "s"
        }
    )));
    if verdict < Some(Level::Major) {
        return Ok(Some(major));
    }
    match request.major {
        MajorChoice::Exactly(_) => Err(PublishError::Breaking {
            major,
            against: latest.number(),
            changes: comparison
                .changes
                .into_iter()
                .filter(|c| c.level == Level::Major)
                .collect(),
        }),
        _ => Ok(None),
    }
}

/// Uploads the archive unless the content-addressed object is there already.
async fn upload(
    clients: &Clients,
    request: &PublishRequest,
    key: &str,
    archive: &[u8],
    progress: &mut (dyn FnMut(Event) + Send),
) -> Result<(), PublishError> {
    let s3_error = |operation: &'static str, e: &dyn std::fmt::Display| PublishError::Api {
        operation,
        message: e.to_string(),
    };
    let present = clients
        .s3
        .head_object()
        .bucket(&request.bucket)
        .key(key)
        .send()
        .await;
    match present {
        Ok(_) => {
            progress(Event::Progress(format!(
                "s3://{}/{key} is uploaded already",
                request.bucket
            )));
            return Ok(());
        }
        Err(e)
            if e.as_service_error()
                .is_some_and(aws_sdk_s3::operation::head_object::HeadObjectError::is_not_found) => {
        }
        Err(e) => {
            return Err(s3_error(
                "HeadObject",
                &aws_sdk_s3::error::DisplayErrorContext(&e),
            ))
        }
    }
    if request.dry_run {
        progress(Event::WouldSend {
            operation: "PutObject",
            request: json!({"Bucket": request.bucket, "Key": key, "ContentLength": archive.len(), "ContentType": "application/gzip"}),
        });
        return Ok(());
    }
    clients
        .s3
        .put_object()
        .bucket(&request.bucket)
        .key(key)
        .content_type("application/gzip")
        .body(archive.to_vec().into())
        .send()
        .await
        .map_err(|e| s3_error("PutObject", &aws_sdk_s3::error::DisplayErrorContext(&e)))?;
    progress(Event::Progress(format!(
        "uploaded {} bytes to s3://{}/{key}",
        archive.len(),
        request.bucket
    )));
    Ok(())
}

/// A token for `CreateTemplateVersion` that the SDK's retries of this request repeat: the
/// bundle's content, the template, the major version asked for, and how many versions
/// the template had (so that publishing the bundle again after its registration failed
/// is a new request, not a repeat of the failed one).
fn client_token(
    sha: &str,
    request: &PublishRequest,
    major: Option<u32>,
    existing: usize,
) -> String {
    let seed = format!(
        "{sha}\n{}\n{}\n{}\n{existing}",
        request.template,
        request.kind.api_name(),
        major.map_or_else(|| "new".to_owned(), |m| m.to_string())
    );
    hex(&Sha256::digest(seed.as_bytes()))
}

/// Waits for registration and publishes, as the request asks.
async fn finish(
    clients: &Clients,
    request: &PublishRequest,
    mut version: VersionInfo,
    progress: &mut (dyn FnMut(Event) + Send),
) -> Result<VersionInfo, PublishError> {
    if !(request.wait || request.publish) {
        return Ok(version);
    }
    if version.status == "REGISTRATION_IN_PROGRESS" {
        version = wait(clients, request, &version, progress).await?;
    }
    if version.status == "REGISTRATION_FAILED" {
        return Err(PublishError::RegistrationFailed {
            version: version.number(),
            message: version
                .status_message
                .unwrap_or_else(|| "Proton gave no reason".into()),
        });
    }
    if request.publish && version.status == "DRAFT" {
        if request.dry_run {
            progress(Event::WouldSend {
                operation: operation(
                    request.kind,
                    "UpdateEnvironmentTemplateVersion",
                    "UpdateServiceTemplateVersion",
                ),
                request: json!({"templateName": request.template, "majorVersion": version.major.to_string(), "minorVersion": version.minor.to_string(), "status": "PUBLISHED"}),
            });
        } else {
            api::publish_version(
                &clients.proton,
                request.kind,
                &request.template,
                version.major,
                version.minor,
            )
            .await?;
            progress(Event::Progress(format!(
                "published version {}",
                version.number()
            )));
            version.status = "PUBLISHED".into();
        }
    }
    Ok(version)
}

async fn wait(
    clients: &Clients,
    request: &PublishRequest,
    version: &VersionInfo,
    progress: &mut (dyn FnMut(Event) + Send),
) -> Result<VersionInfo, PublishError> {
    let started = Instant::now();
    let mut delay = request.polling.min_delay;
    loop {
        tokio::time::sleep(delay).await;
        let now = api::get_version(
            &clients.proton,
            request.kind,
            &request.template,
            version.major,
            version.minor,
        )
        .await?;
        if now.status != "REGISTRATION_IN_PROGRESS" {
            progress(Event::Progress(format!(
                "version {} registered: {} after {:.1} s",
                now.number(),
                now.status,
                started.elapsed().as_secs_f64()
            )));
            return Ok(now);
        }
        if started.elapsed() >= request.polling.timeout {
            return Err(PublishError::Timeout {
                version: now.number(),
            });
        }
        progress(Event::Progress(format!(
            "waiting for version {} to register ({:.0} s)",
            now.number(),
            started.elapsed().as_secs_f64()
        )));
        delay = (delay * 2)
            .min(request.polling.max_delay)
            .max(Duration::from_millis(1));
    }
}

/// An operation's name for environment or service templates.
fn operation(kind: TemplateKind, environment: &'static str, service: &'static str) -> &'static str {
    match kind {
        TemplateKind::Environment => environment,
        TemplateKind::Service => service,
    }
}

fn template_request(request: &PublishRequest) -> Value {
    let mut out = json!({"name": request.template});
    if let Some(d) = &request.display_name {
        out["displayName"] = json!(d);
    }
    if let Some(d) = &request.description {
        out["description"] = json!(d);
    }
    if request.customer_managed {
        let field = match request.kind {
            TemplateKind::Environment => "provisioning",
            TemplateKind::Service => "pipelineProvisioning",
        };
        out[field] = json!("CUSTOMER_MANAGED");
    }
    out
}

fn version_request(request: &PublishRequest, v: &NewVersion) -> Value {
    let mut out = json!({
        "clientToken": v.client_token,
        "templateName": request.template,
        "source": {"s3": {"bucket": v.bucket, "key": v.key}},
        "tags": v.tags.iter().map(|(k, val)| json!({"key": k, "value": val})).collect::<Vec<_>>(),
    });
    if let Some(m) = v.major {
        out["majorVersion"] = json!(m.to_string());
    }
    if let Some(d) = &v.description {
        out["description"] = json!(d);
    }
    if request.kind == TemplateKind::Service {
        out["compatibleEnvironmentTemplates"] = v
            .compatible_environments
            .iter()
            .map(|(n, m)| json!({"templateName": n, "majorVersion": m.to_string()}))
            .collect();
        if v.directly_defined_components {
            out["supportedComponentSources"] = json!(["DIRECTLY_DEFINED"]);
        }
    }
    out
}
