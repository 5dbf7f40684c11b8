//! Template sync configs: create, update, read, delete, status, and a local check that the
//! repository holds the layout template sync needs.

use std::path::Path;

use aws_sdk_proton::types::{RepositoryProvider, TemplateType};
use serde_json::{json, Value};

use crate::api::api_error;
use crate::{Clients, PublishError, TemplateKind};

/// A template sync config.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SyncConfig {
    /// The template's name.
    pub template: String,
    /// Environment or service.
    pub kind: TemplateKind,
    /// `GITHUB`, `GITHUB_ENTERPRISE` or `BITBUCKET`.
    pub provider: String,
    /// `owner/repository`, a repository linked to Proton.
    pub repository: String,
    /// The branch Proton watches.
    pub branch: String,
    /// Where in the repository the template folders are.
    pub subdirectory: Option<String>,
}

impl SyncConfig {
    /// A config for `template` from `repository` at `branch`.
    #[must_use]
    pub fn new(
        template: impl Into<String>,
        kind: TemplateKind,
        provider: impl Into<String>,
        repository: impl Into<String>,
        branch: impl Into<String>,
    ) -> Self {
        SyncConfig {
            template: template.into(),
            kind,
            provider: provider.into(),
            repository: repository.into(),
            branch: branch.into(),
            subdirectory: None,
        }
    }

    /// The request parameters, as the API names them (what a dry run prints).
    #[must_use]
    pub fn request(&self) -> Value {
        let mut out = json!({
            "templateName": self.template,
            "templateType": self.kind.api_name(),
            "repositoryProvider": self.provider,
            "repositoryName": self.repository,
            "branch": self.branch,
        });
        if let Some(sub) = &self.subdirectory {
            out["subdirectory"] = json!(sub);
        }
        out
    }
}

fn template_type(kind: TemplateKind) -> TemplateType {
    match kind {
        TemplateKind::Environment => TemplateType::Environment,
        TemplateKind::Service => TemplateType::Service,
    }
}

fn provider(name: &str) -> Result<RepositoryProvider, PublishError> {
    match name {
        "GITHUB" => Ok(RepositoryProvider::Github),
        "GITHUB_ENTERPRISE" => Ok(RepositoryProvider::GithubEnterprise),
        "BITBUCKET" => Ok(RepositoryProvider::Bitbucket),
        other => Err(PublishError::Refused(format!(
            "unknown repository provider `{other}`: use GITHUB, GITHUB_ENTERPRISE or BITBUCKET"
        ))),
    }
}

fn from_api(c: &aws_sdk_proton::types::TemplateSyncConfig) -> SyncConfig {
    SyncConfig {
        template: c.template_name().to_owned(),
        kind: if *c.template_type() == TemplateType::Service {
            TemplateKind::Service
        } else {
            TemplateKind::Environment
        },
        provider: c.repository_provider().as_str().to_owned(),
        repository: c.repository_name().to_owned(),
        branch: c.branch().to_owned(),
        subdirectory: c.subdirectory().map(str::to_owned),
    }
}

macro_rules! write_config {
    ($clients:expr, $config:expr, $method:ident, $operation:literal) => {{
        let config = $config;
        let r = $clients
            .proton
            .$method()
            .template_name(&config.template)
            .template_type(template_type(config.kind))
            .repository_provider(provider(&config.provider)?)
            .repository_name(&config.repository)
            .branch(&config.branch)
            .set_subdirectory(config.subdirectory.clone())
            .send()
            .await
            .map_err(|e| api_error($operation, &e))?;
        r.template_sync_config()
            .map(from_api)
            .ok_or_else(|| empty($operation))
    }};
}

/// Creates the config (idempotent: the same config again returns it).
///
/// # Errors
/// When the API refuses it.
pub async fn create(clients: &Clients, config: &SyncConfig) -> Result<SyncConfig, PublishError> {
    write_config!(
        clients,
        config,
        create_template_sync_config,
        "CreateTemplateSyncConfig"
    )
}

/// Changes everything but the template's name and type.
///
/// # Errors
/// When the API refuses it.
pub async fn update(clients: &Clients, config: &SyncConfig) -> Result<SyncConfig, PublishError> {
    write_config!(
        clients,
        config,
        update_template_sync_config,
        "UpdateTemplateSyncConfig"
    )
}

/// The config of a template.
///
/// # Errors
/// When the API refuses it (no config: `ResourceNotFoundException`).
pub async fn get(
    clients: &Clients,
    template: &str,
    kind: TemplateKind,
) -> Result<SyncConfig, PublishError> {
    let r = clients
        .proton
        .get_template_sync_config()
        .template_name(template)
        .template_type(template_type(kind))
        .send()
        .await
        .map_err(|e| api_error("GetTemplateSyncConfig", &e))?;
    r.template_sync_config()
        .map(from_api)
        .ok_or_else(|| empty("GetTemplateSyncConfig"))
}

/// Deletes the config; the deleted config, or `None` when there was none.
///
/// # Errors
/// When the API refuses it.
pub async fn delete(
    clients: &Clients,
    template: &str,
    kind: TemplateKind,
) -> Result<Option<SyncConfig>, PublishError> {
    let r = clients
        .proton
        .delete_template_sync_config()
        .template_name(template)
        .template_type(template_type(kind))
        .send()
        .await
        .map_err(|e| api_error("DeleteTemplateSyncConfig", &e))?;
    Ok(r.template_sync_config().map(from_api))
}

/// The sync status of one major version, as JSON: `latestSync`, `latestSuccessfulSync`,
/// `desiredState`.
///
/// # Errors
/// When the API refuses it.
pub async fn status(
    clients: &Clients,
    template: &str,
    kind: TemplateKind,
    major: u32,
) -> Result<Value, PublishError> {
    let r = clients
        .proton
        .get_template_sync_status()
        .template_name(template)
        .template_type(template_type(kind))
        .template_version(major.to_string())
        .send()
        .await
        .map_err(|e| api_error("GetTemplateSyncStatus", &e))?;
    let attempt = |a: Option<&aws_sdk_proton::types::ResourceSyncAttempt>| {
        a.map(|a| {
            json!({
                "status": a.status().as_str(),
                "target": a.target(),
                "startedAt": a.started_at().to_string(),
                "events": a.events().iter().map(|e| json!({"type": e.r#type(), "time": e.time().to_string(), "event": e.event()})).collect::<Vec<_>>(),
            })
        })
    };
    Ok(json!({
        "latestSync": attempt(r.latest_sync()),
        "latestSuccessfulSync": attempt(r.latest_successful_sync()),
        "desiredState": r.desired_state().map(|d| json!({
            "repositoryName": d.repository_name(), "repositoryProvider": d.repository_provider().as_str(),
            "branch": d.branch(), "sha": d.sha(), "directory": d.directory(),
        })),
    }))
}

fn empty(operation: &'static str) -> PublishError {
    PublishError::Api {
        operation,
        message: "the response holds no template sync config".into(),
    }
}

/// Checks that a local checkout of the repository holds what template sync looks for:
/// `<subdirectory>/<template>/v<N>/` folders holding bundles of the template's kind. The
/// major versions found, in order.
///
/// # Errors
/// A sentence saying what is missing, and where.
pub fn check_layout(checkout: &Path, config: &SyncConfig) -> Result<Vec<u32>, String> {
    let base = match &config.subdirectory {
        Some(sub) => checkout.join(sub),
        None => checkout.to_path_buf(),
    };
    let folder = base.join(&config.template);
    let entries = std::fs::read_dir(&folder).map_err(|_| {
        format!(
            "template sync looks for `{}/v<N>/`, and `{}` is not a folder",
            config.template,
            folder.display()
        )
    })?;
    let mut majors = Vec::new();
    let mut wrong = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(layout) = protonkit_core::SyncLayout::from_dirs(&config.template, &name) else {
            continue;
        };
        let dir = entry.path();
        let kind = bundle_kind(&dir);
        match (kind, config.kind) {
            (Some(BundleShape::Environment), TemplateKind::Environment)
            | (Some(BundleShape::Service), TemplateKind::Service) => majors.push(layout.major),
            (found, _) => wrong.push(format!(
                "`{}` {}",
                dir.display(),
                match found {
                    Some(BundleShape::Environment) => "holds an environment template",
                    Some(BundleShape::Service) => "holds a service template",
                    None => "holds no bundle (no `schema/schema.yaml`)",
                }
            )),
        }
    }
    majors.sort_unstable();
    if majors.is_empty() {
        let mut message = format!(
            "`{}` has no `v<N>/` folder holding {} template bundle, so template sync would find nothing",
            folder.display(),
            if config.kind == TemplateKind::Service { "a service" } else { "an environment" }
        );
        if !wrong.is_empty() {
            message.push_str(&format!(": {}", wrong.join("; ")));
        }
        return Err(message);
    }
    Ok(majors)
}

enum BundleShape {
    Environment,
    Service,
}

fn bundle_kind(dir: &Path) -> Option<BundleShape> {
    if !dir.join("schema/schema.yaml").is_file() {
        return None;
    }
    if dir.join("instance_infrastructure").is_dir() {
        Some(BundleShape::Service)
    } else if dir.join("infrastructure").is_dir() {
        Some(BundleShape::Environment)
    } else {
        None
    }
}
