//! `protonkit`: lint AWS Proton template bundles.

mod output;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::ColorChoice;
use protonkit::disk;
use protonkit::{lint, rules, LintOptions, Rule, Severity};

use crate::output::Linted;

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
    /// List the rules, or print one rule's documentation.
    Rules {
        /// A rule code (`P020`) or name (`unknown-manifest-key`).
        rule: Option<String>,
    },
}

#[derive(clap::Args)]
struct LintArgs {
    /// Folders to search for bundles, files inside bundles, or bundle archives
    /// (`.tar.gz`, `.zip`).
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Lowest severity that makes the exit status 1.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// Run only these rules (codes or names, comma-separated or repeated).
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// Do not run these rules (codes or names, comma-separated or repeated).
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// When to colour human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Source excerpts with the findings marked.
    Human,
    /// A JSON array with one object per finding.
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

fn main() -> ExitCode {
    // A panic is a bug; report it as an internal error with exit status 2, never 101.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("internal error: {info}\nthis is a bug in protonkit; please report it with the input that caused it");
        std::process::exit(2);
    }));
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Lint(args) => run_lint(&args),
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
    names
        .iter()
        .filter(|n| !n.is_empty())
        .map(|n| Rule::find(n).ok_or_else(|| unknown_rule(n)))
        .collect()
}

fn unknown_rule(name: &str) -> String {
    format!("unknown rule `{name}`; `protonkit rules` lists them")
}

fn run_lint(args: &LintArgs) -> Result<ExitCode, String> {
    let select = parse_rules(&args.select)?;
    let options = LintOptions {
        only: (!select.is_empty()).then_some(select),
        ignore: parse_rules(&args.ignore)?,
    };
    let found = disk::find_bundles(&args.paths).map_err(|e| e.0)?;
    if found.is_empty() {
        eprintln!("warning: no bundle found in the given paths");
    }
    let mut results = Vec::with_capacity(found.len());
    for bundle in found {
        let model = bundle.load().map_err(|e| e.0)?;
        let diagnostics = lint(&model, &options);
        let files = model.into_files();
        results.push(Linted {
            display: bundle.display,
            files,
            diagnostics,
        });
    }
    let io = match args.format {
        Format::Human => output::human(&results, color_choice(args.color)),
        Format::Json => output::json(&results),
    };
    io.map_err(|e| format!("cannot write the report: {e}"))?;
    let threshold = match args.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    };
    let failed = results
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| d.severity >= threshold);
    Ok(ExitCode::from(u8::from(failed)))
}

fn color_choice(color: Color) -> ColorChoice {
    match color {
        Color::Always => ColorChoice::Always,
        Color::Never => ColorChoice::Never,
        Color::Auto => {
            if std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
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
                "# {} {}\n\nDefault severity: {}\n\n{}",
                r.code(),
                r.name(),
                r.default_severity(),
                r.docs().trim_end()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
