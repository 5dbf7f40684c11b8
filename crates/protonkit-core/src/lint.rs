//! Runs the rules over a bundle.

use crate::bundle::Bundle;
use crate::diagnostic::{Diagnostic, Location};
use crate::rules::{checks, Rule};

/// Which rules run.
#[derive(Debug, Clone, Default)]
pub struct LintOptions {
    /// Run only these rules (`None`: all).
    pub only: Option<Vec<Rule>>,
    /// Never run these rules.
    pub ignore: Vec<Rule>,
}

impl LintOptions {
    /// Options that run exactly one rule.
    #[must_use]
    pub fn only(rule: Rule) -> Self {
        LintOptions {
            only: Some(vec![rule]),
            ignore: Vec::new(),
        }
    }

    /// Whether `rule` runs (or, for findings made outside [`lint`], is reported).
    #[must_use]
    pub fn runs(&self, rule: Rule) -> bool {
        self.only.as_ref().is_none_or(|o| o.contains(&rule)) && !self.ignore.contains(&rule)
    }
}

/// Lints a bundle and returns its findings in file and position order.
#[must_use]
pub fn lint(bundle: &Bundle, options: &LintOptions) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (rule, check) in checks() {
        if options.runs(rule) {
            check(bundle, &mut out);
        }
    }
    let files = bundle.files();
    out.sort_by_cached_key(|d| {
        let (path, start) = match &d.primary.location {
            Location::Span(s) => (files.get(s.file).path().to_owned(), s.start),
            Location::Path(p) => (p.clone(), 0),
        };
        (path, start, d.rule.code())
    });
    out
}
