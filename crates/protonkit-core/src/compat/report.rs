//! Changes as findings: every change becomes a diagnostic of the compatibility rules, with
//! its positions on both sides, in one file set that holds both bundles' files.

use super::{verdict_name, Change, ChangeId, Comparison, CompatOptions, Level};
use crate::bundle::SyncLayout;
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::rules::{
    breaking_change, breaking_change_accepted_by_proton, compatible_change, cosmetic_change,
    needless_major_version, new_bundle,
};
use crate::source::{join_display, FileId, FileSet, Span};

/// What the comparison decides, from where the two bundles sit in a template-sync layout.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Gate {
    /// The revision must be a minor version of the base: a major change is an error.
    SameMajor {
        /// The revision's `<name>/v<N>/` position, when it has one.
        sync: Option<SyncLayout>,
    },
    /// The revision is a later major version of the same template (`<name>/v<N+1>/`
    /// beside `v<N>`): major changes are allowed, and a new major without any is needless.
    NewMajor {
        /// The base's position.
        base: SyncLayout,
        /// The revision's position.
        revision: SyncLayout,
    },
}

impl Gate {
    /// The gate for bundles at these template-sync positions.
    #[must_use]
    pub fn from_layouts(base: Option<&SyncLayout>, revision: Option<&SyncLayout>) -> Gate {
        match (base, revision) {
            (Some(b), Some(r)) if b.template_name == r.template_name && r.major > b.major => {
                Gate::NewMajor {
                    base: b.clone(),
                    revision: r.clone(),
                }
            }
            _ => Gate::SameMajor {
                sync: revision.cloned(),
            },
        }
    }

    /// Whether a comparison's verdict decides the exit status (a new major version's
    /// changes do not).
    #[must_use]
    pub fn gates(&self) -> bool {
        matches!(self, Gate::SameMajor { .. })
    }
}

/// One side of a comparison: its files and the prefix they are shown under.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    /// The bundle's files.
    pub files: &'a FileSet,
    /// How the bundle is shown (`templates/my-env/v1`, `HEAD:templates/my-env/v1`).
    pub display: &'a str,
}

/// The findings for a comparison, in a file set holding both sides' files under their
/// display prefixes (so the findings' positions read as `base/...` and `revision/...`).
#[must_use]
pub fn change_diagnostics(
    comparison: &Comparison,
    options: &CompatOptions,
    gate: &Gate,
    base: Side<'_>,
    revision: Side<'_>,
) -> (FileSet, Vec<Diagnostic>) {
    let mut files = FileSet::new();
    let revision_ids = copy_into(&mut files, revision);
    let base_ids = copy_into(&mut files, base);
    let remap = |ids: &[FileId], span: Span| Span {
        file: ids[span.file.index()],
        ..span
    };
    let mut out = Vec::new();
    for change in &comparison.changes {
        let before = change.base_span.map(|s| remap(&base_ids, s));
        let after = change.revision_span.map(|s| remap(&revision_ids, s));
        out.push(diagnostic(change, options, gate, before, after));
    }
    if let Gate::NewMajor {
        base: b,
        revision: r,
    } = gate
    {
        if comparison.verdict() < Some(Level::Major) {
            out.push(
                Diagnostic::new(
                    needless_major_version::rule(),
                    Location::Path(revision.display.to_owned()),
                    format!(
                        "`{}/v{}` makes no breaking change to `v{}` (verdict: {})",
                        r.template_name,
                        r.major,
                        b.major,
                        verdict_name(comparison.verdict())
                    ),
                )
                .help(format!(
                    "these changes can be a minor version of `v{}`; keep `v{}` only if you want a major version anyway",
                    b.major, r.major
                )),
            );
        }
    }
    (files, out)
}

/// The finding for a bundle that has nothing to be compared with (new since the revision
/// compared against, with no earlier major version).
#[must_use]
pub fn new_bundle_diagnostic(display: &str) -> Diagnostic {
    Diagnostic::new(
        new_bundle::rule(),
        Location::Path(String::new()),
        format!("`{display}` is new: there is nothing to compare it with"),
    )
}

fn copy_into(files: &mut FileSet, side: Side<'_>) -> Vec<FileId> {
    side.files
        .iter()
        .map(|(_, f)| {
            files.insert_display(join_display(side.display, f.path()), f.contents().clone())
        })
        .collect()
}

fn diagnostic(
    change: &Change,
    options: &CompatOptions,
    gate: &Gate,
    before: Option<Span>,
    after: Option<Span>,
) -> Diagnostic {
    let id = change.id;
    let (rule, severity) = match change.level {
        Level::Major if gate.gates() => (breaking_change::rule(), Severity::Error),
        Level::Major => (breaking_change::rule(), Severity::Info),
        _ if options.lets_through(id) => (
            breaking_change_accepted_by_proton::rule(),
            Severity::Warning,
        ),
        Level::Minor => (compatible_change::rule(), Severity::Info),
        Level::Patch => (cosmetic_change::rule(), Severity::Info),
    };
    // A removal shows where the base had it; anything else where the revision has it.
    let (primary, primary_note, secondary) = match (after, before) {
        (Some(a), b) => (
            Location::Span(a),
            "in the revision",
            b.map(|b| (b, "in the base")),
        ),
        (None, Some(b)) => (
            Location::Span(b),
            "in the base; gone from the revision",
            None,
        ),
        (None, None) => (Location::Path(String::new()), "", None),
    };
    let mut d = Diagnostic::new(
        rule,
        primary,
        format!("{} [{id}, {}]", change.message, change.level),
    )
    .label(primary_note);
    d.severity = severity;
    if let Some((span, note)) = secondary {
        d = d.secondary(span, note);
    }
    if let Some(help) = help(id, change.level, options, gate) {
        d = d.help(help);
    }
    d
}

fn help(id: ChangeId, level: Level, options: &CompatOptions, gate: &Gate) -> Option<String> {
    let explain = format!("`protonkit diff --explain {id}` says why");
    match (level, gate) {
        (Level::Major, Gate::SameMajor { sync: Some(s) }) => Some(format!(
            "create `{}/v{}/` for this change and keep `v{}` compatible; {explain}",
            s.template_name,
            s.major + 1,
            s.major
        )),
        (Level::Major, Gate::SameMajor { sync: None }) => Some(format!(
            "register this revision as a new major version, or keep the change compatible; {explain}"
        )),
        _ if options.lets_through(id) => Some(format!(
            "the `proton` policy lets this through, since Proton's registration check is only documented to refuse changes that demand new information; specs that were valid may still become invalid; {explain}"
        )),
        _ => None,
    }
}
