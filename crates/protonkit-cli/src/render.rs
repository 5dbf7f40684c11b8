//! `protonkit render`: a bundle's templates rendered for a spec, as Proton would render them.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use protonkit_core::render::{render_bundle, Metadata, RenderOptions, Renderer};
use protonkit_core::spec::SpecChecker;
use protonkit_core::Severity;
use protonkit_fs as disk;

use crate::output::{count, Checked};
use crate::{ReportArgs, SeverityGate};

/// Render every template the bundle's manifests name, for every instance of the spec and
/// the pipeline (or one instance), with the inputs Proton would pass; write Terraform's and
/// CodeBuild's input files too.
///
/// The spec is validated first; rendering stops on its errors. Render errors point at the
/// `{{ ... }}` or `{% ... %}` that failed; rendered CloudFormation is checked (YAML,
/// sections, resources, types, null values). Without `--out`, a single rendered file is
/// printed and findings go to standard error. Exit status as for `lint`.
#[derive(clap::Args)]
pub(crate) struct RenderArgs {
    /// The template bundle (folder, `.tar.gz` or `.zip`).
    #[arg(value_name = "BUNDLE")]
    bundle: PathBuf,
    /// The spec to render (an `EnvironmentSpec` for an environment template, a
    /// `ServiceSpec` for a service template or a component).
    #[arg(long, value_name = "SPEC")]
    spec: PathBuf,
    /// Render only this service instance (not the pipeline).
    #[arg(long, value_name = "NAME", conflicts_with = "all")]
    instance: Option<String>,
    /// Render every instance and the pipeline (the default).
    #[arg(long)]
    all: bool,
    /// Outputs of other resources: YAML with `environment:`, `service:` and `component:`
    /// mappings of output names to values (the template-checker's `sample-outputs.yaml`
    /// shape), and `environments:` / `service_instances:` by name.
    #[arg(long, value_name = "FILE")]
    outputs: Option<PathBuf>,
    /// Give every output a template reads that `--outputs` does not a placeholder value
    /// (`<Name>-value`); component outputs stay empty, as when no component is attached.
    #[arg(long)]
    placeholder_outputs: bool,
    /// Write the rendered files under this folder (`infrastructure/...`,
    /// `instances/<name>/...`, `pipeline/...`).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Also write the data each template was rendered with, as `<file>.context.json`, and
    /// `protonkit-render.json`, which lists each template, its output and its context file
    /// (for rendering the same with another engine).
    #[arg(long, requires = "out")]
    write_contexts: bool,
    #[command(flatten)]
    metadata: MetadataArgs,
    #[command(flatten)]
    gate: SeverityGate,
    #[command(flatten)]
    report: ReportArgs,
}

/// What Proton knows that specs do not say; placeholders by default.
#[derive(clap::Args)]
struct MetadataArgs {
    /// `environment.name` for an environment template [default: the spec file's name].
    #[arg(long, value_name = "NAME")]
    environment_name: Option<String>,
    /// `service.name` [default: the spec file's name].
    #[arg(long, value_name = "NAME")]
    service_name: Option<String>,
    /// `environment.account_id`.
    #[arg(long, value_name = "ID", default_value = "123456789012")]
    account_id: String,
    /// `service.repository_id`.
    #[arg(
        long,
        value_name = "OWNER/REPO",
        default_value = "my-org/my-repository"
    )]
    repository_id: String,
    /// `service.branch_name`.
    #[arg(long, value_name = "BRANCH", default_value = "main")]
    branch: String,
    /// `service.repository_connection_arn` [default: a placeholder ARN].
    #[arg(long, value_name = "ARN")]
    repository_connection_arn: Option<String>,
    /// The attached component's name.
    #[arg(long, value_name = "NAME", default_value = "my-component")]
    component_name: String,
    /// The template's name, for Terraform's `proton_tags` [default: `<name>` of a
    /// `<name>/v<N>/` folder].
    #[arg(long, value_name = "NAME")]
    template_name: Option<String>,
}

impl MetadataArgs {
    fn metadata(&self, spec: &Path) -> Metadata {
        let stem = spec
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .filter(|s| !s.is_empty() && s != "-");
        let mut meta = Metadata::default();
        if let Some(name) = self.environment_name.clone().or_else(|| stem.clone()) {
            meta.environment_name = name;
        }
        if let Some(name) = self.service_name.clone().or(stem) {
            meta.service_name = name;
        }
        meta.account_id.clone_from(&self.account_id);
        meta.repository_id.clone_from(&self.repository_id);
        meta.branch_name.clone_from(&self.branch);
        if let Some(arn) = &self.repository_connection_arn {
            meta.repository_connection_arn.clone_from(arn);
        }
        meta.component_name.clone_from(&self.component_name);
        meta
    }
}

pub(crate) fn run(args: &RenderArgs) -> Result<ExitCode, String> {
    let (config, options) = args.report.options(&args.bundle)?;
    let (found, bundle) = crate::load_one_bundle(&args.bundle)?;
    let spec = disk::load_spec(&args.spec, &disk::display(&args.spec)).map_err(|e| e.0)?;
    let outputs = match &args.outputs {
        None => Default::default(),
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
            protonkit_core::render::context::parse_outputs(&text)
                .map_err(|e| format!("{}:{e}", disk::display(path)))?
        }
    };

    // Rendering an invalid spec gives misleading output: report its errors instead. A
    // component has no schema: the spec is the service's, validated against its template.
    let spec_findings = if bundle.kind() == protonkit_core::BundleKind::Component {
        Vec::new()
    } else {
        options.finish(spec.files(), SpecChecker::new(&bundle).check(&spec))
    };
    if spec_findings.iter().any(|d| d.severity == Severity::Error) {
        let mut results = vec![Checked {
            display: String::new(),
            files: spec.into_files(),
            diagnostics: spec_findings,
        }];
        args.report
            .finish(&config, &mut results, "spec validated")?;
        eprintln!("error: the spec is not valid for this bundle; nothing rendered");
        return Ok(ExitCode::from(1));
    }

    // Printed output has no file; findings in it are shown under `(rendered)`.
    let out_display = args
        .out
        .as_deref()
        .map_or_else(|| "(rendered)".to_owned(), disk::display);
    let mut render_options = RenderOptions::default();
    render_options.metadata = args.metadata.metadata(&args.spec);
    render_options.outputs = outputs;
    render_options.instance.clone_from(&args.instance);
    render_options.placeholder_outputs = args.placeholder_outputs;
    render_options
        .template_name
        .clone_from(&args.metadata.template_name);
    render_options.bundle_display.clone_from(&found.display);
    render_options.out_display = out_display;
    let rendering = render_bundle(&Renderer::new(), &bundle, &spec, &render_options);
    let diagnostics = options.finish(&rendering.files, rendering.diagnostics.clone());
    let printed = match &args.out {
        Some(dir) => {
            write_outputs(dir, &rendering, args.write_contexts)?;
            false
        }
        None => print_single(&rendering)?,
    };
    let mut results = vec![Checked {
        display: String::new(),
        files: rendering.files,
        diagnostics,
    }];
    if !spec_findings.is_empty() {
        results.insert(
            0,
            Checked {
                display: String::new(),
                files: spec.into_files(),
                diagnostics: spec_findings,
            },
        );
    }
    args.report.filter(&config, &mut results);
    let subject = format!("{} rendered", count(rendering.outputs.len(), "file"));
    args.report.write_to(&config, &results, &subject, printed)?;
    Ok(args.gate.exit(&config, &results))
}

/// Without `--out`: prints the one rendered file; more than one is a usage error.
fn print_single(rendering: &protonkit_core::render::Rendering) -> Result<bool, String> {
    match rendering.outputs.as_slice() {
        [] => Ok(false),
        [one] => {
            let text = rendering.files.get(one.file).text().unwrap_or_default();
            crate::print_quietly(text)?;
            Ok(true)
        }
        many => {
            let names: Vec<&str> = many.iter().map(|o| o.path.as_str()).collect();
            Err(format!(
                "{} rendered ({}); write them with `--out DIR`, or pick one instance with `--instance NAME`",
                count(many.len(), "file"),
                names.join(", ")
            ))
        }
    }
}

fn write_outputs(
    dir: &Path,
    rendering: &protonkit_core::render::Rendering,
    contexts: bool,
) -> Result<(), String> {
    let write = |path: &Path, bytes: &[u8]| -> Result<(), String> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create `{}`: {e}", parent.display()))?;
        }
        std::fs::write(path, bytes).map_err(|e| format!("cannot write `{}`: {e}", path.display()))
    };
    let mut index = Vec::new();
    let mut context_file = |path: &str,
                            template: protonkit_core::FileId,
                            context: &serde_json::Value,
                            rendered: bool|
     -> Result<(), String> {
        let name = format!("{path}.context.json");
        let text = serde_json::to_string_pretty(context).map_err(|e| e.to_string())? + "\n";
        write(&dir.join(&name), text.as_bytes())?;
        index.push(serde_json::json!({
            "template": rendering.files.get(template).path(),
            "output": rendered.then_some(path),
            "context": name,
        }));
        Ok(())
    };
    for output in &rendering.outputs {
        let path = dir.join(&output.path);
        write(
            &path,
            rendering.files.get(output.file).contents().as_bytes(),
        )?;
        if let (true, Some(context), Some(template)) = (contexts, &output.context, output.template)
        {
            context_file(&output.path, template, context, true)?;
        }
    }
    if contexts {
        for failure in &rendering.failures {
            context_file(&failure.path, failure.template, &failure.context, false)?;
        }
        let text = serde_json::to_string_pretty(&index).map_err(|e| e.to_string())? + "\n";
        write(&dir.join("protonkit-render.json"), text.as_bytes())?;
    }
    eprintln!(
        "wrote {} to {}",
        count(rendering.outputs.len(), "file"),
        disk::display(dir)
    );
    Ok(())
}
