//! `protonkit publish` and `protonkit sync`: the Proton API, for builds with the `publish`
//! feature.

use std::path::PathBuf;

use crate::diff::PolicyArg;
use crate::{ReportArgs, SeverityGate};

/// Where to reach Proton and S3, and as whom. Credentials come from the standard chain
/// (environment variables, the shared config and credentials files, SSO, instance
/// metadata) and are never printed.
#[derive(clap::Args)]
pub struct AwsArgs {
    /// A named profile of the shared AWS config and credentials files.
    #[arg(long)]
    profile: Option<String>,
    /// The AWS region [default: the profile's or the environment's].
    #[arg(long)]
    region: Option<String>,
    /// A Proton-compatible endpoint to call instead of AWS's.
    #[arg(long, value_name = "URL")]
    endpoint_url: Option<String>,
    /// An S3-compatible endpoint to upload to instead of AWS's (path-style addressing).
    #[arg(long, value_name = "URL")]
    s3_endpoint_url: Option<String>,
}

/// Publish a bundle as a new version of a Proton template.
///
/// Lints the bundle (errors stop it), packages it, uploads it to S3 under a
/// content-addressed key (`<prefix><template>/<sha256>.tar.gz`), creates the template if it
/// does not exist, works out the version (`--major auto`: a new minor when the change is
/// compatible with the latest version of the newest major, a new major otherwise), creates
/// it with a client token derived from the bundle, and with `--wait` or `--publish` waits
/// for registration. Publishing the same bundle again creates nothing and reports its
/// version. Exit status: 0 when done, 1 when findings, a breaking change for `--major N`
/// or a failed registration stopped it, 2 on a usage, API or I/O error.
#[derive(clap::Args)]
pub struct PublishArgs {
    /// The bundle folder (or archive).
    #[arg(value_name = "BUNDLE")]
    bundle: PathBuf,
    /// The template's name.
    #[arg(long)]
    template: String,
    /// The S3 bucket to upload the bundle to.
    #[arg(long)]
    bucket: String,
    /// A prefix for the S3 key.
    #[arg(long, default_value = "", value_name = "PREFIX")]
    key_prefix: String,
    /// `auto`, `new`, or a major version number to add a minor version to.
    #[arg(long, default_value = "auto", value_name = "auto|new|N")]
    major: String,
    /// Move the new version from DRAFT to PUBLISHED (waits for registration).
    #[arg(long)]
    publish: bool,
    /// Wait for registration to end, showing progress.
    #[arg(long)]
    wait: bool,
    /// The display name of a template this creates.
    #[arg(long)]
    display_name: Option<String>,
    /// The description of a template this creates, and of the version.
    #[arg(long)]
    description: Option<String>,
    /// Create the template as customer-managed (`CUSTOMER_MANAGED` provisioning, for
    /// environment templates; no Proton pipeline, for service templates).
    #[arg(long)]
    customer_managed: bool,
    /// How compatibility is judged for `--major auto` and `--major N`.
    #[arg(long, value_enum)]
    policy: Option<PolicyArg>,
    /// Print the requests that would change something (as JSON lines) and send none of
    /// them; reads still go out, to work out the version.
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    aws: AwsArgs,
    #[command(flatten)]
    gate: SeverityGate,
    #[command(flatten)]
    report: ReportArgs,
}

/// Manage the template sync config of a template.
#[derive(clap::Subcommand)]
pub enum SyncCommand {
    /// Create a template sync config, after checking that the local checkout holds
    /// `<subdirectory>/<template>/v<N>/` bundles of the template's kind.
    Create(SyncWriteArgs),
    /// Change a template sync config (everything but the template), after the same check.
    Update(SyncWriteArgs),
    /// Print a template sync config as JSON.
    Get(SyncTemplateArgs),
    /// Delete a template sync config.
    Delete {
        #[command(flatten)]
        template: SyncTemplateArgs,
        /// Print the request and send nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Print the sync status of one major version as JSON.
    Status {
        #[command(flatten)]
        template: SyncTemplateArgs,
        /// The major version.
        #[arg(long)]
        major: u32,
    },
}

#[derive(clap::Args)]
pub struct SyncTemplateArgs {
    /// The template's name.
    #[arg(long)]
    template: String,
    /// The template's type.
    #[arg(long, value_enum)]
    template_type: TemplateTypeArg,
    #[command(flatten)]
    aws: AwsArgs,
}

#[derive(clap::Args)]
pub struct SyncWriteArgs {
    #[command(flatten)]
    template: SyncTemplateArgs,
    /// The repository host.
    #[arg(long, value_enum, default_value_t = ProviderArg::Github)]
    provider: ProviderArg,
    /// The repository linked to Proton, `owner/name`.
    #[arg(long)]
    repository: String,
    /// The branch Proton syncs from.
    #[arg(long)]
    branch: String,
    /// The folder of the repository that holds the template folders.
    #[arg(long)]
    subdirectory: Option<String>,
    /// A local checkout of the repository, to check the layout in.
    #[arg(long, default_value = ".", value_name = "PATH")]
    checkout: PathBuf,
    /// Print the request and send nothing.
    #[arg(long)]
    dry_run: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum TemplateTypeArg {
    Environment,
    Service,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum ProviderArg {
    Github,
    GithubEnterprise,
    Bitbucket,
}

#[cfg(not(feature = "publish"))]
fn unavailable() -> Result<std::process::ExitCode, String> {
    Err("this protonkit was built without publishing; install it with `--features publish` (cargo install --path . --features publish)".into())
}

#[cfg(not(feature = "publish"))]
pub fn run(_: &PublishArgs) -> Result<std::process::ExitCode, String> {
    unavailable()
}

#[cfg(not(feature = "publish"))]
pub fn run_sync(_: &SyncCommand) -> Result<std::process::ExitCode, String> {
    unavailable()
}

#[cfg(feature = "publish")]
pub use enabled::{run, run_sync};

#[cfg(feature = "publish")]
mod enabled {
    use std::process::ExitCode;

    use protonkit_core::archive::pack_tar_gz;
    use protonkit_core::{lint, BundleKind};
    use protonkit_publish::sync::{self, SyncConfig};
    use protonkit_publish::{
        Clients, Connection, Event, MajorChoice, PublishError, PublishRequest, TemplateKind,
    };

    use super::{AwsArgs, ProviderArg, PublishArgs, SyncCommand, SyncWriteArgs, TemplateTypeArg};
    use crate::{load_one_bundle, print_quietly, Checked};

    fn runtime() -> Result<tokio::runtime::Runtime, String> {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| format!("cannot start the async runtime: {e}"))
    }

    async fn clients(aws: &AwsArgs) -> Clients {
        let mut c = Connection::default();
        c.profile.clone_from(&aws.profile);
        c.region.clone_from(&aws.region);
        c.proton_endpoint.clone_from(&aws.endpoint_url);
        c.s3_endpoint.clone_from(&aws.s3_endpoint_url);
        Clients::connect(&c).await
    }

    fn major(text: &str) -> Result<MajorChoice, String> {
        match text {
            "auto" => Ok(MajorChoice::Auto),
            "new" => Ok(MajorChoice::New),
            n => n
                .parse::<u32>()
                .ok()
                .filter(|n| *n > 0)
                .map(MajorChoice::Exactly)
                .ok_or_else(|| {
                    format!("`--major {n}`: use `auto`, `new` or a major version number")
                }),
        }
    }

    fn print_event(event: Event) {
        match event {
            Event::Progress(text) => eprintln!("  {text}"),
            Event::WouldSend { operation, request } => {
                let line =
                    serde_json::json!({"dryRun": true, "operation": operation, "request": request});
                let _ = print_quietly(&format!("{line}\n"));
            }
            _ => {}
        }
    }

    pub fn run(args: &PublishArgs) -> Result<ExitCode, String> {
        let choice = major(&args.major)?;
        let (config, options) = args.report.options(&args.bundle)?;
        let (found, model) = load_one_bundle(&args.bundle)?;
        let kind = match model.kind() {
            BundleKind::Environment => TemplateKind::Environment,
            BundleKind::Service { .. } => TemplateKind::Service,
            other => {
                return Err(format!(
                    "`{}` is {} bundle; only environment and service templates are published",
                    found.display,
                    other.as_str()
                ))
            }
        };
        let diagnostics = lint(&model, &options);
        let archive = pack_tar_gz(model.files())
            .map_err(|e| format!("`{}` cannot be packaged: {e}", found.display))?;
        let mut results = vec![Checked {
            display: found.display.clone(),
            files: model.files().clone(),
            diagnostics,
        }];
        args.report.filter(&config, &mut results);
        // The findings go to standard error: standard output is the publish result.
        args.report
            .write_to(&config, &results, "1 bundle linted", true)?;
        if args.gate.exit(&config, &results) != ExitCode::SUCCESS {
            eprintln!(
                "not published: `{}` has findings at or above the failure threshold",
                found.display
            );
            return Ok(ExitCode::FAILURE);
        }
        let mut request = PublishRequest::new(&args.template, kind, &args.bucket);
        request.key_prefix.clone_from(&args.key_prefix);
        request.major = choice;
        request.publish = args.publish;
        request.wait = args.wait;
        request.display_name.clone_from(&args.display_name);
        request.description.clone_from(&args.description);
        request.customer_managed = args.customer_managed;
        request.compat = crate::diff::compat_options(args.policy, &config);
        request.dry_run = args.dry_run;
        eprintln!(
            "publishing `{}` as {} template `{}`{}",
            found.display,
            if kind == TemplateKind::Service {
                "service"
            } else {
                "environment"
            },
            args.template,
            if args.dry_run {
                " (dry run: nothing is changed)"
            } else {
                ""
            }
        );
        let result = runtime()?.block_on(async {
            let clients = clients(&args.aws).await;
            protonkit_publish::publish(&clients, &model, &archive, &request, &mut print_event).await
        });
        match result {
            Ok(outcome) => {
                let summary = match (&outcome.version, outcome.created) {
                    (Some(v), true) => format!(
                        "created version {v} of `{}` ({})",
                        args.template,
                        outcome.status.as_deref().unwrap_or("")
                    ),
                    (Some(v), false) => format!(
                        "`{}` is version {v} of `{}` already ({})",
                        found.display,
                        args.template,
                        outcome.status.as_deref().unwrap_or("")
                    ),
                    (None, _) => "dry run: no request that changes anything was sent".to_owned(),
                };
                eprintln!(
                    "{summary}; bundle s3://{}/{} (sha256 {})",
                    outcome.bucket, outcome.key, outcome.sha256
                );
                if !args.dry_run {
                    let line = serde_json::json!({
                        "template": args.template, "version": outcome.version, "created": outcome.created,
                        "status": outcome.status, "bucket": outcome.bucket, "key": outcome.key, "sha256": outcome.sha256,
                    });
                    print_quietly(&format!("{line}\n"))?;
                }
                Ok(ExitCode::SUCCESS)
            }
            Err(e @ (PublishError::RegistrationFailed { .. } | PublishError::Breaking { .. })) => {
                eprintln!("error: {e}");
                Ok(ExitCode::FAILURE)
            }
            Err(e) => Err(e.to_string()),
        }
    }

    fn kind(arg: TemplateTypeArg) -> TemplateKind {
        match arg {
            TemplateTypeArg::Environment => TemplateKind::Environment,
            TemplateTypeArg::Service => TemplateKind::Service,
        }
    }

    fn provider(arg: ProviderArg) -> &'static str {
        match arg {
            ProviderArg::Github => "GITHUB",
            ProviderArg::GithubEnterprise => "GITHUB_ENTERPRISE",
            ProviderArg::Bitbucket => "BITBUCKET",
        }
    }

    fn config_of(args: &SyncWriteArgs) -> SyncConfig {
        let t = &args.template;
        let mut config = SyncConfig::new(
            &t.template,
            kind(t.template_type),
            provider(args.provider),
            &args.repository,
            &args.branch,
        );
        config.subdirectory.clone_from(&args.subdirectory);
        config
    }

    fn json_of(config: &SyncConfig) -> serde_json::Value {
        config.request()
    }

    pub fn run_sync(command: &SyncCommand) -> Result<ExitCode, String> {
        let rt = runtime()?;
        let print = |value: serde_json::Value| {
            print_quietly(&format!(
                "{}\n",
                serde_json::to_string_pretty(&value).unwrap_or_default()
            ))
        };
        match command {
            SyncCommand::Create(args) | SyncCommand::Update(args) => {
                let config = config_of(args);
                let majors = sync::check_layout(&args.checkout, &config)?;
                eprintln!(
                    "found {} in `{}`",
                    majors
                        .iter()
                        .map(|m| format!("v{m}"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    args.checkout.display()
                );
                let create = matches!(command, SyncCommand::Create(_));
                let operation = if create {
                    "CreateTemplateSyncConfig"
                } else {
                    "UpdateTemplateSyncConfig"
                };
                if args.dry_run {
                    print(
                        serde_json::json!({"dryRun": true, "operation": operation, "request": config.request()}),
                    )?;
                    return Ok(ExitCode::SUCCESS);
                }
                let result = rt.block_on(async {
                    let clients = clients(&args.template.aws).await;
                    if create {
                        sync::create(&clients, &config).await
                    } else {
                        sync::update(&clients, &config).await
                    }
                });
                print(json_of(&result.map_err(|e| e.to_string())?))?;
            }
            SyncCommand::Get(t) => {
                let result = rt.block_on(async {
                    sync::get(&clients(&t.aws).await, &t.template, kind(t.template_type)).await
                });
                print(json_of(&result.map_err(|e| e.to_string())?))?;
            }
            SyncCommand::Delete {
                template: t,
                dry_run,
            } => {
                if *dry_run {
                    print(
                        serde_json::json!({"dryRun": true, "operation": "DeleteTemplateSyncConfig", "request": {"templateName": t.template, "templateType": kind(t.template_type).api_name()}}),
                    )?;
                    return Ok(ExitCode::SUCCESS);
                }
                let result = rt.block_on(async {
                    sync::delete(&clients(&t.aws).await, &t.template, kind(t.template_type)).await
                });
                match result.map_err(|e| e.to_string())? {
                    Some(config) => print(json_of(&config))?,
                    None => eprintln!("`{}` had no template sync config", t.template),
                }
            }
            SyncCommand::Status { template: t, major } => {
                let result = rt.block_on(async {
                    sync::status(
                        &clients(&t.aws).await,
                        &t.template,
                        kind(t.template_type),
                        *major,
                    )
                    .await
                });
                print(result.map_err(|e| e.to_string())?)?;
            }
        }
        Ok(ExitCode::SUCCESS)
    }
}
