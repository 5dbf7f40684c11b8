//! Compatibility: whether a revision of a template can be a minor version of its base, or
//! needs a new major version.
//!
//! Two stages. [`schema_diff`] compares the two schema models (input type, property,
//! attribute) and says what differs, with spans on both sides; the checks in `checks`
//! then turn each difference into [`Change`]s with a stable [`ChangeId`] and a [`Level`].
//! Template outputs are compared as well ([`outputs`]): an environment output that a
//! service template reads cannot go away in a minor version.
//!
//! The level of each change id is documented on [`ChangeId`]: Proton never published its
//! rule set (it checks the schema only, "best effort"), so every classification here is
//! explicit, and the [`Policy::Proton`] policy marks where protonkit is stricter than
//! Proton is documented to be.

mod checks;
mod ids;
pub mod outputs;
mod report;
pub mod schema_diff;

pub use ids::ChangeId;
pub use outputs::OutputReaders;
pub use report::{change_diagnostics, new_bundle_diagnostic, Gate, Side};

use crate::bundle::Bundle;
#[cfg(test)]
use crate::bundle::SyncLayout;
use crate::source::Span;

/// How much a change matters to the version number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Level {
    /// No effect on what specs may hold (descriptions, titles).
    Patch,
    /// Compatible: every spec that was valid stays valid and needs nothing new.
    Minor,
    /// Breaking: a valid spec may become invalid, or must supply new information.
    Major,
}

impl Level {
    /// `patch`, `minor` or `major`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Patch => "patch",
            Level::Minor => "minor",
            Level::Major => "major",
        }
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which rules decide the levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Policy {
    /// Any change that can make a valid spec invalid, or that demands new information, is
    /// major.
    #[default]
    Contract,
    /// Proton's own, more permissive registration check as far as it is documented: only
    /// changes that demand new information (or that Proton is documented to refuse) are
    /// major. The contract-breaking changes it lets through are reported as warnings.
    Proton,
}

impl Policy {
    /// `contract` or `proton`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Policy::Contract => "contract",
            Policy::Proton => "proton",
        }
    }
}

/// Options for [`compare`].
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct CompatOptions {
    /// The policy.
    pub policy: Policy,
    /// Levels that replace the policy's for some change ids.
    pub levels: Vec<(ChangeId, Level)>,
}

impl CompatOptions {
    /// The level of `id` under these options.
    #[must_use]
    pub fn level(&self, id: ChangeId) -> Level {
        self.levels
            .iter()
            .find(|(i, _)| *i == id)
            .map_or_else(|| id.level(self.policy), |(_, l)| *l)
    }

    /// Whether a change of `id` is breaking by contract but lets through at its level here
    /// because of the `proton` policy (not because the user configured its level).
    #[must_use]
    pub fn lets_through(&self, id: ChangeId) -> bool {
        self.policy == Policy::Proton
            && !self.levels.iter().any(|(i, _)| *i == id)
            && id.level(Policy::Contract) == Level::Major
            && id.level(Policy::Proton) < Level::Major
    }
}

/// One difference between a base and a revision, classified.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Change {
    /// What kind of change.
    pub id: ChangeId,
    /// Its level under the options used.
    pub level: Level,
    /// Lowercase, identifiers in backticks, no closing period.
    pub message: String,
    /// Where the base shows it (in the base bundle's files); `None` for an addition.
    pub base_span: Option<Span>,
    /// Where the revision shows it (in the revision bundle's files); `None` for a removal.
    pub revision_span: Option<Span>,
}

/// The changes from a base to a revision.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Comparison {
    /// The changes, in schema order, then outputs.
    pub changes: Vec<Change>,
}

impl Comparison {
    /// The highest level found; `None` when nothing changed.
    #[must_use]
    pub fn verdict(&self) -> Option<Level> {
        self.changes.iter().map(|c| c.level).max()
    }
}

/// `none` or the level's name, as reports write a verdict.
#[must_use]
pub fn verdict_name(verdict: Option<Level>) -> &'static str {
    verdict.map_or("none", Level::as_str)
}

/// Compares `revision` with `base`: their schemas, and the outputs their templates declare.
/// `readers` says which outputs other templates read (see [`OutputReaders`]); pass
/// [`OutputReaders::default`] when no other template is known.
#[must_use]
pub fn compare(
    base: &Bundle,
    revision: &Bundle,
    readers: &OutputReaders,
    options: &CompatOptions,
) -> Comparison {
    let mut changes = Vec::new();
    if let (Some(b), Some(r)) = (base.schema(), revision.schema()) {
        for delta in schema_diff::diff(b, r) {
            checks::classify(&delta, options, &mut changes);
        }
    }
    outputs::compare(base, revision, readers, options, &mut changes);
    Comparison { changes }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileSet;

    fn env(properties: &str, required: &str) -> Bundle {
        let mut files = FileSet::new();
        files.insert_text(
            "schema/schema.yaml",
            format!("schema:\n  format:\n    openapi: \"3.0.0\"\n  environment_input_type: E\n  types:\n    E:\n      type: object\n      properties:\n{properties}      required: [{required}]\n"),
        );
        Bundle::new(files)
    }

    const SIZE: &str = "        size:\n          type: string\n          enum: [s, m, l]\n";

    #[test]
    fn ids_are_unique_kebab_case_and_documented() {
        for (i, id) in ChangeId::ALL.iter().enumerate() {
            let s = id.as_str();
            assert!(
                s.split('-')
                    .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase())),
                "{s}"
            );
            assert_eq!(ChangeId::find(s), Some(*id));
            assert!(!id.explain().is_empty());
            assert!(
                id.level(Policy::Proton) <= id.level(Policy::Contract),
                "{s}: proton is never stricter"
            );
            assert!(ChangeId::ALL[i + 1..].iter().all(|o| o.as_str() != s));
        }
    }

    #[test]
    fn policies_and_overrides_set_levels_and_the_verdict() {
        let base = env(SIZE, "size");
        let revision = env(&SIZE.replace(", l]", "]"), "size");
        let readers = OutputReaders::default();
        let contract = compare(&base, &revision, &readers, &CompatOptions::default());
        assert_eq!(contract.changes[0].id, ChangeId::InputEnumValueRemoved);
        assert_eq!(contract.verdict(), Some(Level::Major));

        let proton = CompatOptions {
            policy: Policy::Proton,
            ..CompatOptions::default()
        };
        assert_eq!(
            compare(&base, &revision, &readers, &proton).verdict(),
            Some(Level::Minor)
        );
        assert!(proton.lets_through(ChangeId::InputEnumValueRemoved));
        assert!(!proton.lets_through(ChangeId::InputRemoved));

        let relaxed = CompatOptions {
            levels: vec![(ChangeId::InputEnumValueRemoved, Level::Patch)],
            ..proton
        };
        assert_eq!(
            compare(&base, &revision, &readers, &relaxed).verdict(),
            Some(Level::Patch)
        );
        assert!(
            !relaxed.lets_through(ChangeId::InputEnumValueRemoved),
            "configured, not let through"
        );
        assert_eq!(compare(&base, &base, &readers, &relaxed).verdict(), None);
    }

    #[test]
    fn nested_properties_and_items_are_compared() {
        let nested = |max: &str| {
            format!("        net:\n          type: object\n          properties:\n            zones:\n              type: array\n              items:\n                type: string\n                maxLength: {max}\n")
        };
        let c = compare(
            &env(&nested("9"), ""),
            &env(&nested("5"), ""),
            &OutputReaders::default(),
            &CompatOptions::default(),
        );
        assert_eq!(c.changes.len(), 1);
        assert_eq!(c.changes[0].id, ChangeId::InputMaxLengthDecreased);
        assert!(
            c.changes[0].message.contains("`net.zones[]`"),
            "{}",
            c.changes[0].message
        );
    }

    #[test]
    fn a_new_major_version_is_not_gated() {
        let layout = |major| SyncLayout {
            template_name: "net".into(),
            major,
        };
        assert!(Gate::from_layouts(Some(&layout(1)), Some(&layout(1))).gates());
        assert!(!Gate::from_layouts(Some(&layout(1)), Some(&layout(2))).gates());
        assert!(Gate::from_layouts(Some(&layout(2)), Some(&layout(1))).gates());
        assert!(Gate::from_layouts(None, Some(&layout(2))).gates());
    }
}
