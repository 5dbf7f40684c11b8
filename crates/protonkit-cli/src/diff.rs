//! `protonkit diff`: compare template bundles and say whether the change needs a new major
//! version.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;
use protonkit_core::compat::{
    self, change_diagnostics, compare, verdict_name, Change, ChangeId, CompatOptions, Gate, Level,
    OutputReaders, Policy, Side,
};
use protonkit_core::rules::{self, Rule};
use protonkit_core::{Bundle, BundleKind, Diagnostic, FileSet, LintOptions, Position};
use protonkit_fs::{self as disk, git::Repository};
use serde::Serialize;

use crate::output::{count, Checked, Format};
use crate::ReportArgs;

/// Compare two bundles, or the bundles of a work tree with a git revision, and classify
/// every change as major (breaking), minor (compatible) or patch (no effect on specs).
///
/// Exit status: 0 when no change that must stay compatible is at or above `--fail-on`,
/// 1 when one is, 2 on a usage or I/O error.
#[derive(clap::Args)]
pub(crate) struct DiffArgs {
    /// BASE and REVISION: bundle folders, `.tar.gz` or `.zip` files. With `--git`: folders
    /// or files of the work tree whose bundles to compare [default: .].
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Compare each bundle under PATHs with the same folder at this git revision (a new
    /// `<name>/v<N+1>/` is compared with `v<N>`).
    #[arg(long, value_name = "REF")]
    git: Option<String>,
    /// Print why a change id has its levels, and exit.
    #[arg(long, value_name = "ID", conflicts_with_all = ["paths", "git"])]
    explain: Option<String>,
    /// Lowest change level that makes the exit status 1 [default: `fail-on` under
    /// `[compat]` in protonkit.toml, else major].
    #[arg(long, value_enum)]
    fail_on: Option<LevelArg>,
    /// How changes are classified [default: `policy` under `[compat]` in protonkit.toml,
    /// else contract].
    #[arg(long, value_enum)]
    policy: Option<PolicyArg>,
    #[command(flatten)]
    report: ReportArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum LevelArg {
    Major,
    Minor,
    Patch,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum PolicyArg {
    /// Any change that can make a valid spec invalid, or that demands new information, is
    /// major.
    Contract,
    /// Proton's own, more permissive check; what it lets through is a warning.
    Proton,
}

/// The compatibility options the command line and the configuration give.
pub(crate) fn compat_options(
    policy: Option<PolicyArg>,
    config: &crate::config::Config,
) -> CompatOptions {
    let mut options = CompatOptions::default();
    options.policy = match policy {
        Some(PolicyArg::Contract) => Policy::Contract,
        Some(PolicyArg::Proton) => Policy::Proton,
        None => config.policy.unwrap_or_default(),
    };
    options.levels.clone_from(&config.levels);
    options
}

/// Two sides compared, or a bundle with nothing to compare with.
struct Pair {
    base_display: Option<String>,
    base_files: FileSet,
    revision_display: String,
    revision: Bundle,
    comparison: compat::Comparison,
    gate: Gate,
}

pub(crate) fn run(args: &DiffArgs) -> Result<ExitCode, String> {
    if let Some(id) = &args.explain {
        return explain(id);
    }
    let start = args.paths.first().map_or(Path::new("."), PathBuf::as_path);
    let (config, options) = args.report.options(start)?;
    let options = diff_only(options);
    let compat_options = compat_options(args.policy, &config);
    let fail_on = match args.fail_on {
        Some(LevelArg::Major) => Level::Major,
        Some(LevelArg::Minor) => Level::Minor,
        Some(LevelArg::Patch) => Level::Patch,
        None => config.diff_fail_on.unwrap_or(Level::Major),
    };
    let (pairs, new_bundles) = match &args.git {
        Some(rev) => git_pairs(rev, &args.paths, &compat_options)?,
        None => (plain_pair(&args.paths, &compat_options)?, Vec::new()),
    };

    let mut results = Vec::new();
    let mut outcomes = Vec::new();
    for pair in &pairs {
        let base = Side {
            files: &pair.base_files,
            display: pair.base_display.as_deref().unwrap_or_default(),
        };
        let revision = Side {
            files: pair.revision.files(),
            display: &pair.revision_display,
        };
        let (files, diagnostics) = change_diagnostics(
            &pair.comparison,
            &compat_options,
            &pair.gate,
            base,
            revision,
        );
        // Findings and changes are made in the same order; keep the pairing across the
        // filtering and sorting `finish` does.
        let keyed: Vec<(Diagnostic, Option<&Change>)> = diagnostics
            .into_iter()
            .zip(
                pair.comparison
                    .changes
                    .iter()
                    .map(Some)
                    .chain(std::iter::repeat(None)),
            )
            .collect();
        let diagnostics = options.finish(&files, keyed.iter().map(|(d, _)| d.clone()).collect());
        results.push(Checked {
            display: String::new(),
            files,
            diagnostics,
        });
        outcomes.push(keyed);
    }
    for (display, bundle) in new_bundles {
        let d = compat::new_bundle_diagnostic(&display);
        let files = bundle.into_files();
        let diagnostics = options.finish(&files, vec![d]);
        results.push(Checked {
            display,
            files,
            diagnostics,
        });
    }
    args.report.filter(&config, &mut results);

    // What survived configuration, suppressions and per-path ignores decides.
    let mut kept: Vec<Vec<&Change>> = Vec::new();
    for (result, keyed) in results.iter().zip(&outcomes) {
        kept.push(
            keyed
                .iter()
                .filter(|(d, _)| {
                    result
                        .diagnostics
                        .iter()
                        .any(|k| k.message == d.message && k.primary.location == d.primary.location)
                })
                .filter_map(|(_, c)| *c)
                .collect(),
        );
    }
    let gated_verdict = pairs
        .iter()
        .zip(&kept)
        .filter(|(p, _)| p.gate.gates())
        .flat_map(|(_, k)| k.iter().map(|c| c.level))
        .max();
    let format = args.report.format(&config);
    let subject = format!(
        "{} compared (verdict: {})",
        count(pairs.len(), "bundle"),
        verdict_name(gated_verdict)
    );
    if format == Format::Json {
        write_json(&pairs, &kept, gated_verdict, &results[pairs.len()..])?;
    } else {
        args.report.write(&config, &results, &subject)?;
    }
    Ok(ExitCode::from(u8::from(
        gated_verdict.is_some_and(|v| v >= fail_on),
    )))
}

/// Runs only the compatibility rules, so that suppressions meant for lint rules are not
/// reported as unused by a diff.
fn diff_only(mut options: LintOptions) -> LintOptions {
    let diff_rules: Vec<Rule> = rules::all()
        .filter(|r| r.code().starts_with("P6"))
        .collect();
    options.only = Some(match options.only.take() {
        Some(only) => only
            .into_iter()
            .filter(|r| diff_rules.contains(r))
            .collect(),
        None => diff_rules,
    });
    options
}

fn explain(id: &str) -> Result<ExitCode, String> {
    let Some(change) = ChangeId::find(id) else {
        let ids = ChangeId::ALL.iter().map(|c| c.as_str());
        return Err(format!(
            "`{id}` is not a change id{}; docs/changes.md lists them",
            protonkit_core::suggest::suffix(protonkit_core::suggest::did_you_mean(id, ids))
        ));
    };
    println!(
        "# {change}\n\nLevel: {} (policy `contract`), {} (policy `proton`)\n\n{}",
        change.level(Policy::Contract),
        change.level(Policy::Proton),
        change.explain()
    );
    Ok(ExitCode::SUCCESS)
}

fn plain_pair(paths: &[PathBuf], options: &CompatOptions) -> Result<Vec<Pair>, String> {
    let [base, revision] = paths else {
        return Err(format!(
            "`protonkit diff` compares two bundles (BASE REVISION), or the work tree with a git revision (`--git REF [PATH]...`); {} given",
            count(paths.len(), "path")
        ));
    };
    let (base_found, base) = crate::load_one_bundle(base)?;
    let (revision_found, revision) = crate::load_one_bundle(revision)?;
    let gate = Gate::from_layouts(base.sync_layout(), revision.sync_layout());
    let comparison = compare(&base, &revision, &OutputReaders::default(), options);
    Ok(vec![Pair {
        base_display: Some(base_found.display),
        base_files: base.into_files(),
        revision_display: revision_found.display,
        revision,
        comparison,
        gate,
    }])
}

type NewBundles = Vec<(String, Bundle)>;

fn git_pairs(
    rev: &str,
    paths: &[PathBuf],
    options: &CompatOptions,
) -> Result<(Vec<Pair>, NewBundles), String> {
    let paths = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    let repo = Repository::discover(&paths[0]).map_err(|e| e.0)?;
    let commit = repo.commit(rev).map_err(|e| e.0)?;
    let found = disk::find_bundles(&paths).map_err(|e| e.0)?;
    let mut services: Option<Vec<(String, Bundle)>> = None;
    let mut pairs = Vec::new();
    let mut new = Vec::new();
    for f in found.into_iter().filter(|f| !f.archive) {
        let revision = f.load().map_err(|e| e.0)?;
        let rel = repo.relative(&f.path).map_err(|e| e.0)?;
        let mut base = repo
            .load_bundle(commit.as_deref(), &rel)
            .map_err(|e| e.0)?
            .map(|b| (format!("{rev}:{rel}"), b));
        if base.is_none() {
            base = previous_major(&repo, commit.as_deref(), rev, &rel, revision.sync_layout())?;
        }
        let Some((base_display, base)) = base else {
            new.push((f.display, revision));
            continue;
        };
        let mut readers = OutputReaders::default();
        if let (BundleKind::Environment, Some(layout)) = (base.kind(), base.sync_layout()) {
            let services = match &mut services {
                Some(s) => s,
                None => services.insert(service_bundles(&repo)?),
            };
            for (display, service) in services.iter() {
                let compatible = service.compatible_environments();
                if compatible
                    .iter()
                    .any(|(n, m)| *n == layout.template_name && *m == layout.major)
                {
                    readers.add_service(service, display);
                }
            }
        }
        let gate = Gate::from_layouts(base.sync_layout(), revision.sync_layout());
        let comparison = compare(&base, &revision, &readers, options);
        pairs.push(Pair {
            base_display: Some(base_display),
            base_files: base.into_files(),
            revision_display: f.display,
            revision,
            comparison,
            gate,
        });
    }
    Ok((pairs, new))
}

/// For a bundle new at the revision that sits in `<name>/v<N>/` with N > 1: `v<N-1>` at
/// the revision, or else in the work tree.
fn previous_major(
    repo: &Repository,
    commit: Option<&str>,
    rev: &str,
    rel: &str,
    layout: Option<&protonkit_core::SyncLayout>,
) -> Result<Option<(String, Bundle)>, String> {
    let Some(layout) = layout.filter(|l| l.major > 1) else {
        return Ok(None);
    };
    let parent = rel.rsplit_once('/').map_or("", |(p, _)| p);
    let previous = protonkit_core::source::join_display(parent, &format!("v{}", layout.major - 1));
    if let Some(b) = repo.load_bundle(commit, &previous).map_err(|e| e.0)? {
        return Ok(Some((format!("{rev}:{previous}"), b)));
    }
    let dir = repo.top().join(&previous);
    if disk::is_bundle_root(&dir) {
        let b = disk::load_bundle(&dir).map_err(|e| e.0)?;
        return Ok(Some((previous, b)));
    }
    Ok(None)
}

/// Every service bundle of the work tree, for the outputs they read.
fn service_bundles(repo: &Repository) -> Result<Vec<(String, Bundle)>, String> {
    let mut out = Vec::new();
    for f in disk::find_bundles(&[repo.top().to_path_buf()]).map_err(|e| e.0)? {
        let bundle = f.load().map_err(|e| e.0)?;
        if matches!(bundle.kind(), BundleKind::Service { .. }) {
            let display = repo.relative(&f.path).unwrap_or(f.display);
            out.push((display, bundle));
        }
    }
    Ok(out)
}

/// `--format json`: the verdict and the changes (schemas/diff.schema.json).
#[derive(Serialize)]
struct JsonReport<'a> {
    verdict: &'static str,
    changes: Vec<JsonChange<'a>>,
    bundles: Vec<JsonBundle<'a>>,
}

#[derive(Serialize)]
struct JsonChange<'a> {
    id: &'static str,
    level: &'static str,
    message: &'a str,
    base: Option<JsonPosition>,
    revision: Option<JsonPosition>,
}

#[derive(Serialize)]
struct JsonPosition {
    file: String,
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct JsonBundle<'a> {
    base: Option<&'a str>,
    revision: &'a str,
    verdict: &'static str,
    /// Whether the verdict decides the exit status (false for a new major version).
    gated: bool,
}

fn write_json(
    pairs: &[Pair],
    kept: &[Vec<&Change>],
    verdict: Option<Level>,
    new_bundles: &[Checked],
) -> Result<(), String> {
    let position = |files: &FileSet, display: &str, span: protonkit_core::Span| {
        let Position { line, column, .. } = files.start(span);
        JsonPosition {
            file: protonkit_core::source::join_display(display, files.get(span.file).path()),
            line,
            column,
        }
    };
    let mut report = JsonReport {
        verdict: verdict_name(verdict),
        changes: Vec::new(),
        bundles: Vec::new(),
    };
    for (pair, changes) in pairs.iter().zip(kept) {
        let base_display = pair.base_display.as_deref().unwrap_or_default();
        for c in changes {
            report.changes.push(JsonChange {
                id: c.id.as_str(),
                level: c.level.as_str(),
                message: &c.message,
                base: c
                    .base_span
                    .map(|s| position(&pair.base_files, base_display, s)),
                revision: c
                    .revision_span
                    .map(|s| position(pair.revision.files(), &pair.revision_display, s)),
            });
        }
        report.bundles.push(JsonBundle {
            base: pair.base_display.as_deref(),
            revision: &pair.revision_display,
            verdict: verdict_name(changes.iter().map(|c| c.level).max()),
            gated: pair.gate.gates(),
        });
    }
    for n in new_bundles.iter().filter(|n| !n.diagnostics.is_empty()) {
        report.bundles.push(JsonBundle {
            base: None,
            revision: &n.display,
            verdict: "none",
            gated: false,
        });
    }
    let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
    crate::print_quietly(&format!("{text}\n"))
}
