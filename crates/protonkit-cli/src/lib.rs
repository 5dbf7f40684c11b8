//! The `protonkit` command line: argument parsing, output formats and exit codes. The
//! binary itself is the root package's `protonkit` (so that `cargo install --path .` and
//! pre-commit's `language: rust` install it); it calls [`main`].

mod config;
mod diff;
mod output;
mod package;
mod parallel;
mod publish;
mod render;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::ColorChoice;
use protonkit_core::spec::{editor_schema, skeleton, SkeletonOptions, Spec, SpecChecker};
use protonkit_core::{rules, Bundle, BundleKind, LintOptions, Rule, Together};
use protonkit_fs as disk;

use crate::config::{Config, FailOn};
use crate::output::{count, Checked, Format};

/// Lint, render and version AWS Proton template bundles.
#[derive(Parser)]
#[command(name = "protonkit", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint the bundles under the given folders, or the bundles the given files belong to.
    ///
    /// Every bundle is linted once, however many of its files are named, so a pre-commit
    /// hook can pass the staged files. Exit status: 0 when nothing at or above `--fail-on`
    /// was found, 1 when something was, 2 on a usage or I/O error.
    Lint(LintArgs),
    /// Compare two bundles, or a work tree with a git revision: is the change major, minor
    /// or patch?
    Diff(diff::DiffArgs),
    /// Render a bundle's templates for a spec, as Proton would.
    Render(Box<render::RenderArgs>),
    Package(package::PackageArgs),
    Publish(Box<publish::PublishArgs>),
    /// Create, change, read or delete a template's sync config, or read its sync status.
    #[command(subcommand)]
    Sync(publish::SyncCommand),
    /// Validate, start and describe spec files.
    #[command(subcommand)]
    Spec(SpecCommand),
    /// List the rules, or print one rule's documentation.
    Rules {
        /// A rule code (`P020`) or name (`unknown-manifest-key`).
        rule: Option<String>,
    },
}

#[derive(Subcommand)]
enum SpecCommand {
    /// Validate spec files against a bundle's schema.
    ///
    /// Exit status as for `lint`: 0 when nothing at or above `--fail-on` was found, 1 when
    /// something was, 2 on a usage or I/O error.
    Validate {
        /// The template bundle (folder or `.tar.gz`/`.zip`) the specs are written for.
        #[arg(long, value_name = "BUNDLE")]
        bundle: PathBuf,
        /// Spec files (`-` reads one from standard input).
        #[arg(required = true, value_name = "SPEC")]
        specs: Vec<PathBuf>,
        #[command(flatten)]
        gate: SeverityGate,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Write a starting spec with every input of the bundle's schema.
    ///
    /// Required inputs and inputs with a default get a value; optional inputs without a
    /// default are listed as comments; titles and descriptions become comments.
    Init {
        /// The template bundle (folder or `.tar.gz`/`.zip`).
        #[arg(long, value_name = "BUNDLE")]
        bundle: PathBuf,
        /// The service instance's name (service templates).
        #[arg(long, default_value = "my-instance")]
        instance: String,
        /// The environment the instance is deployed to (service templates).
        #[arg(long, default_value = "my-environment")]
        environment: String,
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Overwrite `--output` if it exists.
        #[arg(long)]
        force: bool,
        /// Start the spec with a `# yaml-language-server: $schema=URL` line, so that editors
        /// check it against the schema `protonkit spec schema` wrote to URL.
        #[arg(long, value_name = "URL")]
        schema_url: Option<String>,
    },
    /// Print a JSON Schema for the bundle's spec files, for editors.
    ///
    /// Save it and point yaml-language-server at it with a first line such as
    /// `# yaml-language-server: $schema=./spec.schema.json`.
    Schema {
        /// The template bundle (folder or `.tar.gz`/`.zip`).
        #[arg(long, value_name = "BUNDLE")]
        bundle: PathBuf,
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

#[derive(clap::Args)]
struct LintArgs {
    /// Folders to search for bundles, files inside bundles, or bundle archives
    /// (`.tar.gz`, `.zip`).
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Also validate this spec file against the bundle (repeatable; needs exactly one
    /// bundle). Specs in a `spec/` or `specs/` folder beside a bundle are always validated.
    #[arg(long = "spec", value_name = "SPEC")]
    specs: Vec<PathBuf>,
    /// Threads to read and lint bundles with [default: one per core].
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<std::num::NonZeroUsize>,
    #[command(flatten)]
    gate: SeverityGate,
    #[command(flatten)]
    report: ReportArgs,
}

#[derive(clap::Args)]
struct ReportArgs {
    /// Output format [default: `format` in protonkit.toml, else human].
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Run only these rules: codes, names or code prefixes such as `P2`, comma-separated or
    /// repeated (replaces `select` in protonkit.toml).
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// Do not run these rules: codes, names or code prefixes (added to `ignore` in
    /// protonkit.toml).
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// The configuration file [default: the nearest protonkit.toml in the checked path's
    /// folder or above].
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// When to colour human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

#[derive(clap::Args)]
struct SeverityGate {
    /// Lowest severity that makes the exit status 1 [default: `fail-on` in protonkit.toml,
    /// else error].
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
}

impl SeverityGate {
    /// 1 when a finding is at or above the threshold, else 0.
    fn exit(&self, config: &Config, results: &[Checked]) -> ExitCode {
        let threshold = self
            .fail_on
            .or(config.fail_on)
            .unwrap_or(FailOn::Error)
            .severity();
        let failed = results
            .iter()
            .flat_map(|r| &r.diagnostics)
            .any(|d| d.severity >= threshold);
        ExitCode::from(u8::from(failed))
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

/// Runs the command line with the process arguments and returns the exit status.
#[must_use]
pub fn main() -> ExitCode {
    // A panic is a bug; report it as an internal error with exit status 2, never 101.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("internal error: {info}\nthis is a bug in protonkit; please report it with the input that caused it");
        std::process::exit(2);
    }));
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Lint(args) => run_lint(&args),
        Command::Spec(command) => run_spec(command),
        Command::Diff(args) => diff::run(&args),
        Command::Render(args) => render::run(&args),
        Command::Package(args) => package::run(&args),
        Command::Publish(args) => publish::run(&args),
        Command::Sync(command) => publish::run_sync(&command),
        Command::Rules { rule } => run_rules(rule.as_deref()),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn parse_rules(names: &[String]) -> Result<Vec<Rule>, String> {
    let mut out = Vec::new();
    for name in names.iter().filter(|n| !n.is_empty()) {
        out.extend(rules::select(name).ok_or_else(|| unknown_rule(name))?);
    }
    Ok(out)
}

fn unknown_rule(name: &str) -> String {
    format!("unknown rule `{name}`; `protonkit rules` lists them")
}

impl ReportArgs {
    /// The configuration for a check of `start`, and the lint options it and the command
    /// line give.
    fn options(&self, start: &Path) -> Result<(Config, LintOptions), String> {
        let config = Config::load(self.config.as_deref(), start)?;
        let options = config.options(parse_rules(&self.select)?, parse_rules(&self.ignore)?);
        Ok((config, options))
    }

    /// Applies per-path ignores and writes the report.
    fn finish(
        &self,
        config: &Config,
        results: &mut [Checked],
        subject: &str,
    ) -> Result<(), String> {
        self.filter(config, results);
        self.write(config, results, subject)
    }

    /// Drops the findings that per-path ignores silence.
    fn filter(&self, config: &Config, results: &mut [Checked]) {
        for r in results.iter_mut() {
            let files = protonkit_core::report::ReportFiles::new(&r.files, &r.display);
            r.diagnostics
                .retain(|d| !config.ignored_at(d.rule, &files.display(&d.primary.location)));
        }
    }

    /// The output format: the command line's, else the configuration's, else human.
    fn format(&self, config: &Config) -> Format {
        self.format.or(config.format).unwrap_or(Format::Human)
    }

    /// Writes the report in the chosen format.
    fn write(&self, config: &Config, results: &[Checked], subject: &str) -> Result<(), String> {
        self.write_to(config, results, subject, false)
    }

    /// Writes the report in the chosen format, to standard error if `to_stderr`.
    fn write_to(
        &self,
        config: &Config,
        results: &[Checked],
        subject: &str,
        to_stderr: bool,
    ) -> Result<(), String> {
        let report = output::Report {
            results,
            subject,
            color: color_choice(self.color, to_stderr),
            to_stderr,
        };
        quietly(output::write(self.format(config), &report))
    }
}

/// A reader that stops early (`| head`) is not an error worth reporting.
fn quietly(result: std::io::Result<()>) -> Result<(), String> {
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| format!("cannot write the report: {e}")),
    }
}

/// Prints `text` to standard output; a closed pipe ends it quietly.
fn print_quietly(text: &str) -> Result<(), String> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    quietly(out.write_all(text.as_bytes()).and_then(|()| out.flush()))
}

fn run_lint(args: &LintArgs) -> Result<ExitCode, String> {
    let start = args.paths.first().map_or(Path::new("."), PathBuf::as_path);
    let (config, options) = args.report.options(start)?;
    let found = disk::find_bundles(&args.paths).map_err(|e| e.0)?;
    if found.is_empty() {
        eprintln!("warning: no bundle found in the given paths");
    }
    if !args.specs.is_empty() && found.len() != 1 {
        return Err(format!(
            "`--spec` needs exactly one bundle to validate against, but the paths hold {}",
            found.len()
        ));
    }
    let jobs = parallel::jobs(args.jobs);
    let loaded = parallel::map(found.len(), jobs, |i| {
        let bundle = &found[i];
        let folder = (!bundle.archive)
            .then(|| std::fs::canonicalize(&bundle.path).ok())
            .flatten();
        bundle.load().map(|model| (model, folder))
    })
    .into_iter()
    .collect::<Result<Vec<_>, _>>()
    .map_err(|e| e.0)?;
    let (models, folders): (Vec<Bundle>, Vec<Option<PathBuf>>) = loaded.into_iter().unzip();
    // Linted together, so that service templates are checked against the environment
    // templates they name as compatible.
    let model_refs: Vec<&Bundle> = models.iter().collect();
    let together = Together::new(
        &model_refs,
        |i, j| match (&folders[i], &folders[j]) {
            (Some(a), Some(b)) => disk::same_repository(a, b),
            _ => false,
        },
        &options,
    );
    let checked = parallel::map(found.len(), jobs, |i| {
        let diagnostics = together.lint(i);
        let checker = SpecChecker::new(model_refs[i]);
        let mut specs = Vec::new();
        for spec in disk::specs_for(&found[i], model_refs[i])? {
            specs.push(check_spec(&checker, spec, &options));
        }
        for path in &args.specs {
            let spec = disk::load_spec(path, &disk::display(path))?;
            specs.push(check_spec(&checker, spec, &options));
        }
        Ok((diagnostics, specs))
    })
    .into_iter()
    .collect::<Result<Vec<_>, disk::PathError>>()
    .map_err(|e| e.0)?;
    drop(together);
    let mut results = Vec::with_capacity(found.len());
    let mut specs = 0;
    for ((bundle, model), (diagnostics, spec_results)) in found.into_iter().zip(models).zip(checked)
    {
        specs += spec_results.len();
        results.push(Checked {
            display: bundle.display,
            files: model.into_files(),
            diagnostics,
        });
        results.extend(spec_results);
    }
    let bundles = results.len() - specs;
    let mut subject = count(bundles, "bundle");
    if specs > 0 {
        subject.push_str(&format!(" and {}", count(specs, "spec")));
    }
    args.report
        .finish(&config, &mut results, &format!("{subject} linted"))?;
    Ok(args.gate.exit(&config, &results))
}

fn run_spec(command: SpecCommand) -> Result<ExitCode, String> {
    match command {
        SpecCommand::Validate {
            bundle,
            specs,
            gate,
            report,
        } => {
            let (config, options) = report.options(&bundle)?;
            let (_, model) = load_one_bundle(&bundle)?;
            let checker = SpecChecker::new(&model);
            let mut results = Vec::with_capacity(specs.len());
            for path in &specs {
                let spec = if path.as_os_str() == "-" {
                    read_stdin_spec()?
                } else {
                    disk::load_spec(path, &disk::display(path)).map_err(|e| e.0)?
                };
                results.push(check_spec(&checker, spec, &options));
            }
            report.finish(
                &config,
                &mut results,
                &format!("{} validated", count(specs.len(), "spec")),
            )?;
            Ok(gate.exit(&config, &results))
        }
        SpecCommand::Init {
            bundle,
            instance,
            environment,
            output,
            force,
            schema_url,
        } => {
            let (found, model) = load_one_bundle(&bundle)?;
            let mut options = SkeletonOptions::default();
            options.instance = instance;
            options.environment = environment;
            let body = skeleton(&model, &options).ok_or_else(|| no_spec(&found, &model))?;
            let modeline = schema_url
                .map(|url| format!("# yaml-language-server: $schema={url}\n"))
                .unwrap_or_default();
            let text = format!(
                "{modeline}# A spec for the template bundle `{}`, written by `protonkit spec init`.\n# Check it with: protonkit spec validate --bundle {} <this file>\n{body}",
                found.display, found.display
            );
            write_output(output.as_deref(), &text, force)
        }
        SpecCommand::Schema { bundle, output } => {
            let (found, model) = load_one_bundle(&bundle)?;
            if matches!(model.kind(), BundleKind::Component | BundleKind::Unknown) {
                return Err(no_spec(&found, &model));
            }
            let title = format!("AWS Proton spec for {}", found.display);
            let schema = editor_schema(&model, &title);
            let text = serde_json::to_string_pretty(&schema).map_err(|e| e.to_string())? + "\n";
            write_output(output.as_deref(), &text, true)
        }
    }
}

/// A spec piped in (`spec validate --bundle B -`), named `<stdin>` in findings.
fn read_stdin_spec() -> Result<Spec, String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    Ok(Spec::parse(
        "<stdin>",
        protonkit_core::Contents::from_bytes(bytes),
    ))
}

fn no_spec(found: &disk::Found, model: &Bundle) -> String {
    match model.kind() {
        BundleKind::Component => format!(
            "`{}` is a directly defined component; components take no spec of their own",
            found.display
        ),
        _ => format!(
            "`{}` has no input type to write a spec for (`protonkit lint {}` says why)",
            found.display, found.display
        ),
    }
}

fn write_output(
    path: Option<&std::path::Path>,
    text: &str,
    force: bool,
) -> Result<ExitCode, String> {
    match path {
        None => {
            print!("{text}");
        }
        Some(path) => {
            if path.exists() && !force {
                return Err(format!(
                    "`{}` exists; pass `--force` to overwrite it",
                    path.display()
                ));
            }
            std::fs::write(path, text)
                .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
            eprintln!("wrote {}", path.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The one bundle a `--bundle` argument names.
fn load_one_bundle(path: &std::path::Path) -> Result<(disk::Found, Bundle), String> {
    let mut found = disk::find_bundles(&[path.to_path_buf()]).map_err(|e| e.0)?;
    match found.len() {
        1 => {
            let one = found.remove(0);
            let model = one.load().map_err(|e| e.0)?;
            Ok((one, model))
        }
        0 => Err(format!("no bundle found at `{}`", path.display())),
        n => Err(format!(
            "`{}` holds {n} bundles; name the one the specs are for",
            path.display()
        )),
    }
}

fn check_spec(checker: &SpecChecker<&Bundle>, spec: Spec, options: &LintOptions) -> Checked {
    let diagnostics = options.finish(spec.files(), checker.check(&spec));
    Checked {
        display: String::new(),
        files: spec.into_files(),
        diagnostics,
    }
}

fn color_choice(color: Color, stderr: bool) -> ColorChoice {
    match color {
        Color::Always => ColorChoice::Always,
        Color::Never => ColorChoice::Never,
        Color::Auto => {
            let terminal = if stderr {
                std::io::stderr().is_terminal()
            } else {
                std::io::stdout().is_terminal()
            };
            if terminal && std::env::var_os("NO_COLOR").is_none() {
                ColorChoice::Auto
            } else {
                ColorChoice::Never
            }
        }
    }
}

fn run_rules(rule: Option<&str>) -> Result<ExitCode, String> {
    match rule {
        None => {
            let mut out = String::new();
            for r in rules::all() {
                out.push_str(&format!(
                    "{}  {:<30} {:<8} {}\n",
                    r.code(),
                    r.name(),
                    r.default_severity().as_str(),
                    r.summary()
                ));
            }
            print!("{out}");
        }
        Some(name) => {
            let r = Rule::find(name).ok_or_else(|| unknown_rule(name))?;
            println!(
                "# {} {}\n\nDefault severity: {}\n\n{}\n\nOnline: {}",
                r.code(),
                r.name(),
                r.default_severity(),
                r.docs().trim_end(),
                r.docs_url()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
