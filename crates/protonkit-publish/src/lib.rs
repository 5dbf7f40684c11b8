//! Publishing AWS Proton template bundles through the Proton API, idempotently.
//!
//! [`publish`] takes a linted bundle and its packaged `.tar.gz` (see `protonkit package`):
//! it uploads the archive to S3 under a content-addressed key, creates the template if it
//! does not exist, works out the version (a new minor when the change is compatible with
//! the latest version of the major, a new major otherwise, or what the caller asks for),
//! creates the version with a client token derived from the bundle's content, waits for
//! registration and, if asked, publishes it. Publishing the same bundle again creates
//! nothing: the version it became is found by its `protonkit:bundle-sha256` tag.
//! [`sync`] manages template sync configs.
//!
//! [`Connection`] points the clients at AWS (the standard credential chain, a profile, a
//! region) or at any Proton-compatible endpoint (`proton_endpoint`, `s3_endpoint`).

// Every aws-sdk-proton operation carries `#[deprecated]`: AWS ended Proton's service.
#![allow(deprecated)]

mod api;
mod flow;
pub mod sync;

use std::time::Duration;

pub use api::VersionInfo;
pub use flow::{publish, Event, Outcome, PublishRequest};

/// Which kind of template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TemplateKind {
    /// An environment template.
    Environment,
    /// A service template.
    Service,
}

impl TemplateKind {
    /// `ENVIRONMENT` or `SERVICE`, as the template sync API names it.
    #[must_use]
    pub fn api_name(self) -> &'static str {
        match self {
            TemplateKind::Environment => "ENVIRONMENT",
            TemplateKind::Service => "SERVICE",
        }
    }
}

/// Which major version a publish goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum MajorChoice {
    /// From the compatibility verdict against the latest version of the newest major: a
    /// new minor when compatible, a new major when breaking (or when there is none yet).
    #[default]
    Auto,
    /// Always a new major version.
    New,
    /// A new minor of this major; refused when the change breaks it.
    Exactly(u32),
}

/// Where the clients connect, and as whom.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Connection {
    /// The region (else the profile's or the environment's).
    pub region: Option<String>,
    /// A named profile of the shared config and credentials files.
    pub profile: Option<String>,
    /// A Proton-compatible endpoint to use instead of AWS's.
    pub proton_endpoint: Option<String>,
    /// An S3-compatible endpoint to use instead of AWS's (path-style addressing).
    pub s3_endpoint: Option<String>,
}

/// The Proton and S3 clients.
#[derive(Debug, Clone)]
pub struct Clients {
    pub(crate) proton: aws_sdk_proton::Client,
    pub(crate) s3: aws_sdk_s3::Client,
}

impl Clients {
    /// Clients from the standard configuration chain (environment, profile, instance
    /// metadata), adjusted by `connection`. Credentials stay inside the SDK: nothing here
    /// prints or logs them.
    pub async fn connect(connection: &Connection) -> Clients {
        let mut loader = aws_config::defaults(aws_config::BehaviorVersion::latest());
        if let Some(profile) = &connection.profile {
            loader = loader.profile_name(profile);
        }
        if let Some(region) = &connection.region {
            loader = loader.region(aws_config::Region::new(region.clone()));
        }
        let shared = loader.load().await;
        let mut proton = aws_sdk_proton::config::Builder::from(&shared);
        if let Some(url) = &connection.proton_endpoint {
            proton = proton.endpoint_url(url);
        }
        let mut s3 = aws_sdk_s3::config::Builder::from(&shared);
        if let Some(url) = &connection.s3_endpoint {
            s3 = s3.endpoint_url(url).force_path_style(true);
        }
        Clients {
            proton: aws_sdk_proton::Client::from_conf(proton.build()),
            s3: aws_sdk_s3::Client::from_conf(s3.build()),
        }
    }

    /// The Proton client.
    #[must_use]
    pub fn proton_client(&self) -> &aws_sdk_proton::Client {
        &self.proton
    }

    /// Clients built by the caller.
    #[must_use]
    pub fn from_clients(proton: aws_sdk_proton::Client, s3: aws_sdk_s3::Client) -> Clients {
        Clients { proton, s3 }
    }
}

/// How long to wait for registration, and how often to ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Polling {
    /// The first delay; each next one doubles, up to `max_delay`.
    pub min_delay: Duration,
    /// The longest delay between two polls.
    pub max_delay: Duration,
    /// When to give up.
    pub timeout: Duration,
}

impl Default for Polling {
    /// The SDK waiter's delays (2 s, up to 30 s between polls here), for 10 minutes.
    fn default() -> Self {
        Polling {
            min_delay: Duration::from_secs(2),
            max_delay: Duration::from_secs(30),
            timeout: Duration::from_secs(600),
        }
    }
}

/// Why publishing stopped.
#[derive(Debug)]
#[non_exhaustive]
pub enum PublishError {
    /// The API refused a request, or could not be reached.
    Api {
        /// The operation (`CreateEnvironmentTemplateVersion`).
        operation: &'static str,
        /// The error code and message.
        message: String,
    },
    /// Proton could not register the version.
    RegistrationFailed {
        /// `major.minor`.
        version: String,
        /// Proton's `statusMessage`.
        message: String,
    },
    /// `--major N` was asked for, and the change breaks major N.
    Breaking {
        /// The major version asked for.
        major: u32,
        /// The version compared with.
        against: String,
        /// The major changes.
        changes: Vec<protonkit_core::compat::Change>,
    },
    /// Registration did not end in time.
    Timeout {
        /// `major.minor`.
        version: String,
    },
    /// Something the request or the bundle does not allow.
    Refused(String),
}

impl std::fmt::Display for PublishError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PublishError::Api { operation, message } => write!(f, "{operation} failed: {message}"),
            PublishError::RegistrationFailed { version, message } => {
                write!(f, "Proton could not register version {version}: {message}")
            }
            PublishError::Breaking { major, against, changes } => write!(
                f,
                "the bundle breaks major version {major} (compared with {against}): {}; publish it as a new major version (`--major new`)",
                changes.iter().map(|c| c.message.as_str()).collect::<Vec<_>>().join("; ")
            ),
            PublishError::Timeout { version } => {
                write!(f, "version {version} was still registering when the wait timed out")
            }
            PublishError::Refused(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for PublishError {}
