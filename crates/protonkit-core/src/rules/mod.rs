//! The lint rules: one file per rule, one table listing them all.
//!
//! Codes: `P0xx` bundle layout, YAML and manifests; `P1xx` schema; `P2xx` specs; `P3xx`
//! templates and rendering; `P4xx` cross-file; `P5xx` sync files, packaging and quotas.
//! Codes are never reused.

use crate::bundle::Bundle;
use crate::diagnostic::{Diagnostic, Severity};

/// Where the rule documentation is published.
pub const DOCS_URL: &str = "https://github.com/protonkit/protonkit/blob/main/docs/rules.md";

/// Static facts about a rule.
#[derive(Debug)]
pub struct RuleInfo {
    code: &'static str,
    name: &'static str,
    default_severity: Severity,
    summary: &'static str,
    docs: &'static str,
}

/// A lint rule: a stable code (`P020`) and a kebab-case name (`unknown-manifest-key`).
#[derive(Clone, Copy)]
pub struct Rule(&'static RuleInfo);

impl Rule {
    /// The stable code, e.g. `P020`.
    #[must_use]
    pub fn code(self) -> &'static str {
        self.0.code
    }

    /// The kebab-case name, e.g. `unknown-manifest-key`.
    #[must_use]
    pub fn name(self) -> &'static str {
        self.0.name
    }

    /// The severity the rule reports with unless configured otherwise.
    #[must_use]
    pub fn default_severity(self) -> Severity {
        self.0.default_severity
    }

    /// One line saying what the rule finds.
    #[must_use]
    pub fn summary(self) -> &'static str {
        self.0.summary
    }

    /// The rule's documentation (Markdown, with the headings "What it does", "Why is this
    /// bad?", "Example" and "Use instead").
    #[must_use]
    pub fn docs(self) -> String {
        self.0
            .docs
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The stable address of the rule's documentation (`docs/rules.md` in the repository,
    /// one heading per rule).
    #[must_use]
    pub fn docs_url(self) -> String {
        format!(
            "{DOCS_URL}#{}-{}",
            self.0.code.to_ascii_lowercase(),
            self.0.name
        )
    }

    /// Finds a rule by code (`P020`, any case) or name (`unknown-manifest-key`).
    #[must_use]
    pub fn find(code_or_name: &str) -> Option<Rule> {
        all().find(|r| r.code().eq_ignore_ascii_case(code_or_name) || r.name() == code_or_name)
    }
}

impl PartialEq for Rule {
    fn eq(&self, other: &Self) -> bool {
        self.0.code == other.0.code
    }
}

impl Eq for Rule {}

impl std::hash::Hash for Rule {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.code.hash(state);
    }
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.0.code, self.0.name)
    }
}

/// The rules a selector names: a code (`P020`, any case), a name (`unknown-manifest-key`),
/// or a code prefix (`P0`, `P02`). `None` when it names none.
#[must_use]
pub fn select(selector: &str) -> Option<Vec<Rule>> {
    if let Some(rule) = Rule::find(selector) {
        return Some(vec![rule]);
    }
    let upper = selector.to_ascii_uppercase();
    let is_prefix = upper.len() >= 2
        && upper.starts_with('P')
        && upper[1..].bytes().all(|b| b.is_ascii_digit());
    let found: Vec<Rule> = all()
        .filter(|r| is_prefix && r.code().starts_with(&upper))
        .collect();
    (!found.is_empty()).then_some(found)
}

/// Every registered rule, in code order.
pub fn all() -> impl Iterator<Item = Rule> {
    let mut rules: Vec<Rule> = BUNDLE_RULES
        .iter()
        .map(|(info, _)| Rule(info))
        .chain(REPORTED_RULES.iter().map(|info| Rule(info)))
        .collect();
    rules.sort_unstable_by_key(|r| r.code());
    rules.into_iter()
}

type Check = fn(&Bundle, &mut Vec<Diagnostic>);

/// The rules that look at a bundle, with their checks. The other rules have no check of
/// their own: spec validation ([`crate::spec`]) and suppression handling report them.
pub(crate) fn checks() -> impl Iterator<Item = (Rule, Check)> {
    BUNDLE_RULES
        .iter()
        .map(|(info, check)| (Rule(info), *check))
}

/// Declares a rule's static facts; the `///` lines before it become its documentation.
macro_rules! declare_rule {
    ($(#[doc = $doc:literal])* ($code:literal, $name:literal, $severity:ident, $summary:literal)) => {
        pub(crate) static RULE: $crate::rules::RuleInfo = $crate::rules::RuleInfo::new(
            $code,
            $name,
            $crate::diagnostic::Severity::$severity,
            $summary,
            concat!($($doc, "\n"),*),
        );

        #[allow(dead_code)]
        pub(crate) fn rule() -> $crate::rules::Rule {
            $crate::rules::Rule::of(&RULE)
        }
    };
}

impl RuleInfo {
    pub(crate) const fn new(
        code: &'static str,
        name: &'static str,
        default_severity: Severity,
        summary: &'static str,
        docs: &'static str,
    ) -> Self {
        RuleInfo {
            code,
            name,
            default_severity,
            summary,
            docs,
        }
    }
}

impl Rule {
    pub(crate) fn of(info: &'static RuleInfo) -> Rule {
        Rule(info)
    }
}

macro_rules! registry {
    (bundle: [$($module:ident),* $(,)?], reported: [$($other:ident),* $(,)?] $(,)?) => {
        $(pub(crate) mod $module;)*
        $(pub(crate) mod $other;)*
        static BUNDLE_RULES: &[(&RuleInfo, Check)] = &[$((&$module::RULE, $module::check)),*];
        static REPORTED_RULES: &[&RuleInfo] = &[$(&$other::RULE),*];
    };
}

mod constraints;
pub(crate) mod support;

use support::{is_wildcard, manifest_path, manifests, named_files, path_in, template_files};

mod prelude {
    pub(super) use crate::bundle::{Bundle, BundleKind};
    pub(super) use crate::diagnostic::{Diagnostic, Location};
}

registry! {
    bundle: [
    invalid_yaml,
    duplicate_key,
    file_not_utf8,
    empty_file,
    missing_schema_file,
    missing_manifest,
    wrong_infrastructure_folder,
    pipeline_mismatch,
    missing_template_file,
    unreferenced_template_file,
    refused_bundle_entry,
    unknown_manifest_key,
    legacy_manifest_key,
    invalid_rendering_engine,
    wildcard_requires_terraform,
    legacy_terraform_wildcard,
    wildcard_matches_nothing,
    multiple_cloudformation_files,
    missing_codebuild_setting,
    missing_codebuild_runtimes,
    invalid_manifest_structure,
    invalid_schema_structure,
    invalid_schema_header,
    missing_input_type,
    input_type_not_object,
    unknown_schema_keyword,
    invalid_default,
    required_property_missing,
    invalid_pattern,
    contradictory_bounds,
    invalid_enum,
    property_name_too_long,
    unknown_schema_section,
    unknown_format,
    jinja_syntax_error,
    render_failed,
    rendered_template_not_yaml,
    unknown_template_section,
    missing_resources,
    resource_without_type,
    null_in_template,
    unknown_input_reference,
    unused_input,
    unavailable_namespace,
    legacy_parameter_name,
    hyphenated_attribute,
    unescaped_dynamic_reference,
    unknown_filter,
    unguarded_optional_input,
    component_output_without_default,
    file_too_large,
    bundle_too_large,
    invalid_template_name,
    ],
    reported: [
        unused_suppression,
        invalid_suppression,
        wrong_spec_kind,
        invalid_spec_structure,
        unknown_spec_key,
        invalid_instance_name,
        duplicate_instance_name,
        missing_instances,
        too_many_instances,
        invalid_environment_name,
        unexpected_pipeline_section,
        missing_pipeline_section,
        spec_too_long,
        input_type_mismatch,
        input_not_in_enum,
        input_pattern_mismatch,
        input_length_out_of_range,
        input_out_of_range,
        invalid_input_items,
        input_format_mismatch,
        unknown_input,
        missing_required_input,
        ambiguous_boolean,
        number_string_confusion,
        unknown_environment_output,
        breaking_change,
        compatible_change,
        cosmetic_change,
        breaking_change_accepted_by_proton,
        needless_major_version,
        new_bundle,
    ],
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let rules: Vec<Rule> = all().collect();
        for (i, r) in rules.iter().enumerate() {
            assert!(r.code().len() == 4 && r.code().starts_with('P'), "{r:?}");
            assert!(r.code()[1..].bytes().all(|b| b.is_ascii_digit()), "{r:?}");
            assert!(
                r.name()
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{r:?}"
            );
            assert!(!r.name().starts_with("no-") && !r.name().starts_with("disallow"));
            for other in &rules[i + 1..] {
                assert_ne!(r.code(), other.code());
                assert_ne!(r.name(), other.name());
            }
            assert_eq!(Rule::find(r.code()), Some(*r));
            assert_eq!(Rule::find(r.name()), Some(*r));
        }
        for list in [
            BUNDLE_RULES.iter().map(|(i, _)| i.code).collect::<Vec<_>>(),
            REPORTED_RULES.iter().map(|i| i.code).collect(),
        ] {
            let mut sorted = list.clone();
            sorted.sort_unstable();
            assert_eq!(list, sorted, "each registry list is in code order");
        }
        assert_eq!(select("P22").unwrap().len(), 10);
        assert_eq!(select("p005").unwrap()[0].name(), "unused-suppression");
        assert!(select("P").is_none() && select("Pxyz").is_none() && select("nope").is_none());
    }
}
