//! Runs the rules over a bundle, and the options every report goes through.

use std::sync::OnceLock;

use crate::bundle::{Bundle, BundleKind};
use crate::compat::outputs::{self, DeclaredOutputs};
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::rules::unknown_environment_output;
use crate::rules::{checks, Rule};
use crate::source::FileSet;

/// Which rules run, at which severity.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct LintOptions {
    /// Run only these rules (`None`: all).
    pub only: Option<Vec<Rule>>,
    /// Never run these rules.
    pub ignore: Vec<Rule>,
    /// Report these rules at another severity than their default.
    pub severities: Vec<(Rule, Severity)>,
}

impl LintOptions {
    /// Options that run exactly one rule.
    #[must_use]
    pub fn only(rule: Rule) -> Self {
        LintOptions {
            only: Some(vec![rule]),
            ..LintOptions::default()
        }
    }

    /// Whether `rule` runs (or, for findings made outside [`lint`], is reported).
    #[must_use]
    pub fn runs(&self, rule: Rule) -> bool {
        self.only.as_ref().is_none_or(|o| o.contains(&rule)) && !self.ignore.contains(&rule)
    }

    /// What every report goes through after its checks: findings of rules that do not run
    /// are dropped, inline suppressions in `files` silence findings (and unused ones are
    /// reported), severities are overridden, and the findings are put in file and position
    /// order. [`lint`] does this itself; call it for findings made elsewhere (spec checks).
    #[must_use]
    pub fn finish(&self, files: &FileSet, mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        diagnostics.retain(|d| self.runs(d.rule));
        let mut out = crate::suppress::apply(files, diagnostics, |r| self.runs(r));
        for d in &mut out {
            if let Some((_, severity)) = self.severities.iter().find(|(r, _)| *r == d.rule) {
                d.severity = *severity;
            }
        }
        out.sort_by_cached_key(|d| {
            let (path, start) = match &d.primary.location {
                Location::Span(s) => (files.get(s.file).path().to_owned(), s.start),
                Location::Path(p) => (p.clone(), 0),
            };
            (path, start, d.rule.code())
        });
        out
    }
}

/// Lints a bundle and returns its findings in file and position order.
#[must_use]
pub fn lint(bundle: &Bundle, options: &LintOptions) -> Vec<Diagnostic> {
    options.finish(bundle.files(), run_checks(bundle, options))
}

/// Lints bundles together: each as [`lint`] does, plus the checks that need several
/// bundles (a service template's `environment.outputs` references against the environment
/// templates it declares compatible, found by their `<name>/v<N>/` positions among the
/// bundles that `same_repository(i, j)` says share the repository of bundle `i`). The
/// findings of each bundle, in the order given. [`Together`] does the same one bundle at
/// a time, for callers that lint on several threads.
#[must_use]
pub fn lint_together(
    bundles: &[&Bundle],
    same_repository: impl Fn(usize, usize) -> bool,
    options: &LintOptions,
) -> Vec<Vec<Diagnostic>> {
    let together = Together::new(bundles, same_repository, options);
    (0..bundles.len()).map(|at| together.lint(at)).collect()
}

/// Bundles linted together (see [`lint_together`]), one at a time: [`Together::lint`] may
/// be called from many threads, and each environment template's outputs are still read
/// at most once.
pub struct Together<'a, F> {
    bundles: &'a [&'a Bundle],
    same_repository: F,
    options: &'a LintOptions,
    /// Environment templates by `name:major`, their outputs read on first use.
    environments: Vec<(String, usize, OnceLock<DeclaredOutputs>)>,
}

impl<'a, F: Fn(usize, usize) -> bool> Together<'a, F> {
    /// Bundles to lint together; `same_repository(i, j)` says whether bundle `j` is in the
    /// repository of bundle `i`.
    pub fn new(bundles: &'a [&'a Bundle], same_repository: F, options: &'a LintOptions) -> Self {
        let environments = bundles
            .iter()
            .enumerate()
            .filter(|(_, b)| b.kind() == BundleKind::Environment)
            .filter_map(|(i, b)| {
                b.sync_layout().map(|s| {
                    (
                        format!("{}:{}", s.template_name, s.major),
                        i,
                        OnceLock::new(),
                    )
                })
            })
            .collect();
        Together {
            bundles,
            same_repository,
            options,
            environments,
        }
    }

    /// The findings of bundle `at`, in file and position order.
    #[must_use]
    pub fn lint(&self, at: usize) -> Vec<Diagnostic> {
        let bundle = self.bundles[at];
        let mut found = run_checks(bundle, self.options);
        let cross = unknown_environment_output::rule();
        if self.options.runs(cross) && matches!(bundle.kind(), BundleKind::Service { .. }) {
            let compatible: Vec<(String, &DeclaredOutputs)> = bundle
                .compatible_environments()
                .into_iter()
                .filter_map(|(name, major)| {
                    let key = format!("{name}:{major}");
                    let (_, env, outputs) = self
                        .environments
                        .iter()
                        .find(|(k, i, _)| *k == key && (self.same_repository)(at, *i))?;
                    let outputs = outputs.get_or_init(|| outputs::declared(self.bundles[*env]));
                    Some((key, outputs))
                })
                .collect();
            if !compatible.is_empty() {
                found.extend(outputs::check_environment_refs(bundle, &compatible));
            }
        }
        self.options.finish(bundle.files(), found)
    }
}

fn run_checks(bundle: &Bundle, options: &LintOptions) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (rule, check) in checks() {
        if options.runs(rule) {
            check(bundle, &mut out);
        }
    }
    out
}
