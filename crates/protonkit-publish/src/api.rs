//! The Proton calls publishing needs, the same for environment and service templates.

use aws_sdk_proton::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_proton::types::{
    CompatibleEnvironmentTemplateInput, Provisioning, S3ObjectSource,
    ServiceTemplateSupportedComponentSourceType, Tag, TemplateVersionSourceInput,
    TemplateVersionStatus,
};
use aws_sdk_proton::Client;

use crate::{PublishError, TemplateKind};

/// A template version as publishing sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionInfo {
    /// The major version.
    pub major: u32,
    /// The minor version.
    pub minor: u32,
    /// `REGISTRATION_IN_PROGRESS`, `REGISTRATION_FAILED`, `DRAFT` or `PUBLISHED`.
    pub status: String,
    /// Why registration failed.
    pub status_message: Option<String>,
    /// The version's ARN.
    pub arn: String,
    /// The schema Proton registered (absent until registration ends).
    pub schema: Option<String>,
}

impl VersionInfo {
    /// `major.minor`.
    #[must_use]
    pub fn number(&self) -> String {
        format!("{}.{}", self.major, self.minor)
    }
}

/// An SDK error as one line: the operation, the error code and its message (the SDK's own
/// `Display` redacts messages the API model marks sensitive).
pub(crate) fn api_error<
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug,
>(
    operation: &'static str,
    error: &SdkError<E, R>,
) -> PublishError {
    let message = match (error.code(), error.message()) {
        (Some(code), Some(message)) => format!("{code}: {message}"),
        (Some(code), None) => code.to_owned(),
        _ => match error {
            SdkError::DispatchFailure(_) => "the endpoint could not be reached".to_owned(),
            SdkError::TimeoutError(_) => "the request timed out".to_owned(),
            SdkError::ResponseError(_) => "the response could not be read".to_owned(),
            _ => aws_sdk_proton::error::DisplayErrorContext(error).to_string(),
        },
    };
    PublishError::Api { operation, message }
}

fn is_not_found<E: ProvideErrorMetadata, R>(error: &SdkError<E, R>) -> bool {
    error.code() == Some("ResourceNotFoundException")
}

fn parse_part(text: &str) -> u32 {
    text.parse().unwrap_or(0)
}

macro_rules! version_info {
    ($v:expr) => {{
        let v = $v;
        VersionInfo {
            major: parse_part(v.major_version()),
            minor: parse_part(v.minor_version()),
            status: v.status().as_str().to_owned(),
            status_message: v.status_message().map(str::to_owned),
            arn: v.arn().to_owned(),
            schema: None,
        }
    }};
}

/// Whether the template exists.
pub(crate) async fn template_exists(
    client: &Client,
    kind: TemplateKind,
    name: &str,
) -> Result<bool, PublishError> {
    macro_rules! exists {
        ($method:ident, $operation:literal) => {
            match client.$method().name(name).send().await {
                Ok(_) => Ok(true),
                Err(e) if is_not_found(&e) => Ok(false),
                Err(e) => Err(api_error($operation, &e)),
            }
        };
    }
    match kind {
        TemplateKind::Environment => exists!(get_environment_template, "GetEnvironmentTemplate"),
        TemplateKind::Service => exists!(get_service_template, "GetServiceTemplate"),
    }
}

/// What a new template is created with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct NewTemplate {
    pub display_name: Option<String>,
    pub description: Option<String>,
    pub customer_managed: bool,
}

pub(crate) async fn create_template(
    client: &Client,
    kind: TemplateKind,
    name: &str,
    t: &NewTemplate,
) -> Result<(), PublishError> {
    macro_rules! create {
        ($method:ident, $provisioning:ident, $operation:literal) => {
            client
                .$method()
                .name(name)
                .set_display_name(t.display_name.clone())
                .set_description(t.description.clone())
                .$provisioning(t.customer_managed.then_some(Provisioning::CustomerManaged))
                .send()
                .await
                .map(|_| ())
                .map_err(|e| api_error($operation, &e))
        };
    }
    match kind {
        TemplateKind::Environment => {
            create!(
                create_environment_template,
                set_provisioning,
                "CreateEnvironmentTemplate"
            )
        }
        TemplateKind::Service => create!(
            create_service_template,
            set_pipeline_provisioning,
            "CreateServiceTemplate"
        ),
    }
}

/// Every version of the template: the majors, then the minors of each major.
pub(crate) async fn all_versions(
    client: &Client,
    kind: TemplateKind,
    name: &str,
) -> Result<Vec<VersionInfo>, PublishError> {
    let majors = list_versions(client, kind, name, None).await?;
    let mut out = Vec::new();
    for major in majors
        .iter()
        .map(|v| v.major)
        .collect::<std::collections::BTreeSet<_>>()
    {
        out.extend(list_versions(client, kind, name, Some(major)).await?);
    }
    out.sort_by_key(|v| (v.major, v.minor));
    Ok(out)
}

async fn list_versions(
    client: &Client,
    kind: TemplateKind,
    name: &str,
    major: Option<u32>,
) -> Result<Vec<VersionInfo>, PublishError> {
    macro_rules! page {
        ($method:ident, $operation:literal, $token:expr) => {{
            let r = client
                .$method()
                .template_name(name)
                .set_major_version(major.map(|m| m.to_string()))
                .set_next_token($token)
                .send()
                .await
                .map_err(|e| api_error($operation, &e))?;
            let page: Vec<VersionInfo> = r
                .template_versions()
                .iter()
                .map(|v| version_info!(v))
                .collect();
            (page, r.next_token().map(str::to_owned))
        }};
    }
    let mut out = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let (page, next) = match kind {
            TemplateKind::Environment => page!(
                list_environment_template_versions,
                "ListEnvironmentTemplateVersions",
                token.clone()
            ),
            TemplateKind::Service => page!(
                list_service_template_versions,
                "ListServiceTemplateVersions",
                token.clone()
            ),
        };
        out.extend(page);
        match next {
            Some(t) if !t.is_empty() => token = Some(t),
            _ => return Ok(out),
        }
    }
}

/// One version, with its schema.
pub(crate) async fn get_version(
    client: &Client,
    kind: TemplateKind,
    name: &str,
    major: u32,
    minor: u32,
) -> Result<VersionInfo, PublishError> {
    macro_rules! get {
        ($method:ident, $field:ident, $operation:literal) => {{
            let r = client
                .$method()
                .template_name(name)
                .major_version(major.to_string())
                .minor_version(minor.to_string())
                .send()
                .await
                .map_err(|e| api_error($operation, &e))?;
            let v = r.$field().ok_or_else(|| missing($operation))?;
            Ok(VersionInfo {
                schema: v.schema().map(str::to_owned),
                ..version_info!(v)
            })
        }};
    }
    match kind {
        TemplateKind::Environment => get!(
            get_environment_template_version,
            environment_template_version,
            "GetEnvironmentTemplateVersion"
        ),
        TemplateKind::Service => get!(
            get_service_template_version,
            service_template_version,
            "GetServiceTemplateVersion"
        ),
    }
}

fn missing(operation: &'static str) -> PublishError {
    PublishError::Api {
        operation,
        message: "the response holds no template version".into(),
    }
}

/// The tags of a resource.
pub(crate) async fn tags(
    client: &Client,
    arn: &str,
) -> Result<Vec<(String, String)>, PublishError> {
    let r = client
        .list_tags_for_resource()
        .resource_arn(arn)
        .send()
        .await
        .map_err(|e| api_error("ListTagsForResource", &e))?;
    Ok(r.tags()
        .iter()
        .map(|t| (t.key().to_owned(), t.value().to_owned()))
        .collect())
}

/// What a new version is created with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NewVersion {
    pub client_token: String,
    pub major: Option<u32>,
    pub bucket: String,
    pub key: String,
    pub description: Option<String>,
    pub tags: Vec<(String, String)>,
    pub compatible_environments: Vec<(String, u32)>,
    pub directly_defined_components: bool,
}

pub(crate) async fn create_version(
    client: &Client,
    kind: TemplateKind,
    name: &str,
    v: &NewVersion,
) -> Result<VersionInfo, PublishError> {
    let source = TemplateVersionSourceInput::S3(
        S3ObjectSource::builder()
            .bucket(&v.bucket)
            .key(&v.key)
            .build()
            .map_err(|e| PublishError::Refused(e.to_string()))?,
    );
    let tags: Vec<Tag> = v
        .tags
        .iter()
        .filter_map(|(k, val)| Tag::builder().key(k).value(val).build().ok())
        .collect();
    match kind {
        TemplateKind::Environment => {
            let r = client
                .create_environment_template_version()
                .client_token(&v.client_token)
                .template_name(name)
                .set_major_version(v.major.map(|m| m.to_string()))
                .source(source)
                .set_description(v.description.clone())
                .set_tags(Some(tags))
                .send()
                .await
                .map_err(|e| api_error("CreateEnvironmentTemplateVersion", &e))?;
            let out = r
                .environment_template_version()
                .ok_or_else(|| missing("CreateEnvironmentTemplateVersion"))?;
            Ok(version_info!(out))
        }
        TemplateKind::Service => {
            let compatible: Vec<CompatibleEnvironmentTemplateInput> = v
                .compatible_environments
                .iter()
                .filter_map(|(n, m)| {
                    CompatibleEnvironmentTemplateInput::builder()
                        .template_name(n)
                        .major_version(m.to_string())
                        .build()
                        .ok()
                })
                .collect();
            let r =
                client
                    .create_service_template_version()
                    .client_token(&v.client_token)
                    .template_name(name)
                    .set_major_version(v.major.map(|m| m.to_string()))
                    .source(source)
                    .set_description(v.description.clone())
                    .set_tags(Some(tags))
                    .set_compatible_environment_templates(Some(compatible))
                    .set_supported_component_sources(v.directly_defined_components.then(|| {
                        vec![ServiceTemplateSupportedComponentSourceType::DirectlyDefined]
                    }))
                    .send()
                    .await
                    .map_err(|e| api_error("CreateServiceTemplateVersion", &e))?;
            let out = r
                .service_template_version()
                .ok_or_else(|| missing("CreateServiceTemplateVersion"))?;
            Ok(version_info!(out))
        }
    }
}

/// Moves a `DRAFT` version to `PUBLISHED`.
pub(crate) async fn publish_version(
    client: &Client,
    kind: TemplateKind,
    name: &str,
    major: u32,
    minor: u32,
) -> Result<(), PublishError> {
    macro_rules! update {
        ($method:ident, $operation:literal) => {
            client
                .$method()
                .template_name(name)
                .major_version(major.to_string())
                .minor_version(minor.to_string())
                .status(TemplateVersionStatus::Published)
                .send()
                .await
                .map(|_| ())
                .map_err(|e| api_error($operation, &e))
        };
    }
    match kind {
        TemplateKind::Environment => update!(
            update_environment_template_version,
            "UpdateEnvironmentTemplateVersion"
        ),
        TemplateKind::Service => update!(
            update_service_template_version,
            "UpdateServiceTemplateVersion"
        ),
    }
}
