//! `protonkit.toml`: project configuration, found by walking up from the checked path.
//!
//! ```toml
//! format = "github"                 # default output format
//! fail-on = "warning"               # default --fail-on
//! select = ["P0", "P1", "P2"]       # codes, names or code prefixes
//! ignore = ["unreferenced-template-file"]
//!
//! [severity]                        # per-rule severity: error, warning, info or off
//! P227 = "error"
//!
//! [per-path-ignores]                # globs, relative to the folder of protonkit.toml
//! "legacy/**" = ["P021", "legacy-terraform-wildcard"]
//!
//! [compat]                          # for `protonkit diff`
//! policy = "contract"               # or "proton"
//! fail-on = "major"                 # or "minor", "patch"
//! levels = { input-default-changed = "minor" }
//! ```
//!
//! Unknown keys and rule names that name no rule are errors with a position.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobMatcher};
use protonkit_core::compat::{ChangeId, Level, Policy};
use protonkit_core::suggest::hint;
use protonkit_core::{rules, LintOptions, Rule, Severity};
use serde::Deserialize;
use toml::Spanned;

use crate::output::Format;

/// The file name looked for.
pub const FILE_NAME: &str = "protonkit.toml";

/// `--fail-on` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

impl FailOn {
    pub fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

/// Every key of the file, top level and in tables, for suggestions.
const KEYS: &[&str] = &[
    "format",
    "fail-on",
    "select",
    "ignore",
    "severity",
    "per-path-ignores",
    "compat",
    "policy",
    "levels",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    format: Option<Format>,
    fail_on: Option<FailOn>,
    select: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    per_path_ignores: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
    compat: Option<RawCompat>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCompat {
    policy: Option<Policy>,
    #[serde(rename = "fail-on")]
    fail_on: Option<Level>,
    #[serde(default)]
    levels: BTreeMap<Spanned<String>, Level>,
}

/// A loaded configuration.
#[derive(Debug, Default)]
pub struct Config {
    pub format: Option<Format>,
    pub fail_on: Option<FailOn>,
    pub select: Option<Vec<Rule>>,
    pub ignore: Vec<Rule>,
    pub severities: Vec<(Rule, Severity)>,
    /// Globs (relative to the configuration's folder) and the rules ignored there.
    pub per_path_ignores: Vec<(GlobMatcher, Vec<Rule>)>,
    pub policy: Option<Policy>,
    /// The lowest change level that fails `protonkit diff`.
    pub diff_fail_on: Option<Level>,
    /// Per-change-id levels for `protonkit diff`.
    pub levels: Vec<(ChangeId, Level)>,
    /// The current folder and the configuration's folder, both canonical: what
    /// `per_path_ignores` globs are relative to.
    roots: Option<(PathBuf, PathBuf)>,
}

impl Config {
    /// The configuration for `start`: `explicit` if given, else the nearest
    /// `protonkit.toml` in `start`'s folder or above, else defaults.
    pub fn load(explicit: Option<&Path>, start: &Path) -> Result<Config, String> {
        let path = match explicit {
            Some(p) => Some(p.to_path_buf()),
            None => find(start).map(|found| relative_to_cwd(&found)),
        };
        let Some(path) = path else {
            return Ok(Config::default());
        };
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        let mut config = parse(&path, &text)?;
        // Resolved once here, so that matching a finding's path is pure path arithmetic.
        let canonical = std::fs::canonicalize(&path)
            .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        config.roots = std::env::current_dir()
            .ok()
            .and_then(|cwd| std::fs::canonicalize(cwd).ok())
            .zip(canonical.parent().map(Path::to_path_buf));
        Ok(config)
    }

    /// The lint options from the configuration, with the command line's `--select`
    /// (replacing the configured selection) and `--ignore` (added to it).
    pub fn options(&self, select: Vec<Rule>, ignore: Vec<Rule>) -> LintOptions {
        let mut all_ignored = self.ignore.clone();
        all_ignored.extend(ignore);
        let mut options = LintOptions::default();
        options.only = if select.is_empty() {
            self.select.clone()
        } else {
            Some(select)
        };
        options.ignore = all_ignored;
        options.severities.clone_from(&self.severities);
        options
    }

    /// Whether `rule` is ignored for the file at `path` (as findings name it, relative to
    /// the current folder or absolute).
    pub fn ignored_at(&self, rule: Rule, path: &str) -> bool {
        let Some((cwd, base)) = self
            .roots
            .as_ref()
            .filter(|_| !self.per_path_ignores.is_empty())
        else {
            return false;
        };
        let absolute = normalize(&cwd.join(path));
        let Ok(relative) = absolute.strip_prefix(base) else {
            return false;
        };
        self.per_path_ignores
            .iter()
            .any(|(glob, rules)| rules.contains(&rule) && glob.is_match(relative))
    }
}

fn find(start: &Path) -> Option<PathBuf> {
    let start = std::fs::canonicalize(start).ok()?;
    let mut dir = if start.is_dir() {
        start.as_path()
    } else {
        start.parent()?
    };
    loop {
        let candidate = dir.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = dir.parent()?;
    }
}

/// `path` relative to the current folder when it is below it, for messages.
fn relative_to_cwd(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| std::fs::canonicalize(cwd).ok())
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}

/// Removes `.` and resolves `..` without touching the filesystem.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn parse(path: &Path, text: &str) -> Result<Config, String> {
    let at = |span: std::ops::Range<usize>| {
        let before = &text[..span.start.min(text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        format!("{}:{line}:{column}", path.display())
    };
    let raw: Raw = toml::from_str(text).map_err(|e| {
        let place = e.span().map_or_else(|| path.display().to_string(), &at);
        let message = e.message().trim_end();
        let hint = message
            .strip_prefix("unknown field `")
            .and_then(|rest| rest.split('`').next())
            .map(|key| hint(key, KEYS.iter().copied()))
            .unwrap_or_default();
        format!("invalid configuration at {place}: {message}{hint}")
    })?;
    let rules_of = |s: &Spanned<String>| -> Result<Vec<Rule>, String> {
        rules::select(s.get_ref()).ok_or_else(|| {
            format!(
                "{}: `{}` names no rule (write a code such as `P101`, a name, or a code prefix such as `P1`)",
                at(s.span()),
                s.get_ref()
            )
        })
    };
    let many = |list: &[Spanned<String>]| -> Result<Vec<Rule>, String> {
        let mut out = Vec::new();
        for s in list {
            out.extend(rules_of(s)?);
        }
        Ok(out)
    };
    let mut config = Config {
        format: raw.format,
        fail_on: raw.fail_on,
        select: raw.select.as_deref().map(many).transpose()?,
        ignore: many(&raw.ignore)?,
        ..Config::default()
    };
    for (rule, severity) in &raw.severity {
        let level = match severity.get_ref().as_str() {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            "off" => None,
            other => {
                return Err(format!(
                    "{}: unknown severity `{other}`; write `error`, `warning`, `info` or `off`",
                    at(severity.span())
                ))
            }
        };
        for r in rules_of(rule)? {
            match level {
                Some(level) => config.severities.push((r, level)),
                None => config.ignore.push(r),
            }
        }
    }
    for (glob, list) in &raw.per_path_ignores {
        let matcher = GlobBuilder::new(glob.get_ref())
            .literal_separator(true)
            .build()
            .map_err(|e| format!("{}: invalid glob: {e}", at(glob.span())))?
            .compile_matcher();
        config.per_path_ignores.push((matcher, many(list)?));
    }
    if let Some(compat) = raw.compat {
        config.policy = compat.policy;
        config.diff_fail_on = compat.fail_on;
        for (id, level) in compat.levels {
            let name = id.get_ref();
            let Some(change) = ChangeId::find(name) else {
                let ids = ChangeId::ALL.iter().map(|c| c.as_str());
                return Err(format!(
                    "{}: `{name}` is not a change id{}; `protonkit diff --explain ID` and docs/changes.md list them",
                    at(id.span()),
                    protonkit_core::suggest::suffix(protonkit_core::suggest::did_you_mean(name, ids))
                ));
            };
            config.levels.push((change, level));
        }
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Result<Config, String> {
        parse(Path::new("protonkit.toml"), text)
    }

    #[test]
    fn reads_every_section() {
        let c = parsed(
            "format = \"sarif\"\nfail-on = \"warning\"\nselect = [\"P0\", \"unknown-input\"]\nignore = [\"P015\"]\n[severity]\nP227 = \"error\"\nP020 = \"off\"\n[per-path-ignores]\n\"legacy/**\" = [\"P021\"]\n[compat]\npolicy = \"proton\"\nlevels = { input-default-changed = \"minor\" }\n",
        )
        .unwrap();
        assert_eq!(c.format, Some(Format::Sarif));
        assert_eq!(c.fail_on, Some(FailOn::Warning));
        assert!(c.select.as_ref().unwrap().len() > 10);
        assert_eq!(c.ignore.len(), 2, "P015 and P020 (off)");
        assert_eq!(c.severities.len(), 1);
        assert!(c.per_path_ignores[0]
            .0
            .is_match("legacy/env/v1/manifest.yaml"));
        assert_eq!(c.policy, Some(Policy::Proton));
        assert_eq!(c.levels, [(ChangeId::InputDefaultChanged, Level::Minor)]);
    }

    #[test]
    fn errors_have_positions() {
        let e = parsed("select = []\nselekt = [\"P1\"]\n").err().unwrap();
        assert!(
            e.starts_with("invalid configuration at protonkit.toml:2:1:"),
            "{e}"
        );
        let e = parsed("ignore = [\"P015\", \"no-such-rule\"]\n")
            .err()
            .unwrap();
        assert!(
            e.starts_with("protonkit.toml:1:19: `no-such-rule` names no rule"),
            "{e}"
        );
        let e = parsed("[compat]\nlevels = { input-remuved = \"minor\" }\n")
            .err()
            .unwrap();
        assert!(
            e.starts_with("protonkit.toml:2:12: `input-remuved` is not a change id; did you mean `input-removed`?"),
            "{e}"
        );
        let e = parsed("[severity]\nP015 = \"loud\"\n").err().unwrap();
        assert!(
            e.starts_with("protonkit.toml:2:8: unknown severity `loud`"),
            "{e}"
        );
    }
}
