//! Inline suppressions: comments that silence findings where they are written.
//!
//! - `# protonkit: ignore[P101, undefined-input-reference]` in a YAML file (or
//!   `{# protonkit: ignore[...] #}` in a Jinja template) silences those rules on its own line
//!   when it ends a line of content, and on the next line when it stands on a line of its own.
//! - `# protonkit: ignore-file[P015]` (or `{# protonkit: ignore-file[...] #}`) silences them in
//!   the whole file.
//!
//! Entries are rule codes, names or code prefixes (`P2`). A suppression that silences nothing
//! is reported (`unused-suppression`), so that suppressions do not outlive their reason, and
//! an entry that names no rule is reported too (`invalid-suppression`).

use crate::diagnostic::{Diagnostic, Location};
use crate::rules::{self, Rule};
use crate::source::{FileId, FileSet, Span};

const MARKER: &str = "protonkit:";

/// One suppression comment.
#[derive(Debug)]
struct Suppression {
    file: FileId,
    /// The 0-based line the comment silences (`None` for the whole file).
    line: Option<usize>,
    /// The entries, each with the rules it names and where it is written.
    entries: Vec<Entry>,
    /// The whole comment.
    span: Span,
    /// What it silences, for messages: "on this line", "on the next line", "in this file".
    scope: &'static str,
}

#[derive(Debug)]
struct Entry {
    text: String,
    rules: Vec<Rule>,
    span: Span,
    used: bool,
}

/// Removes the findings that suppressions silence and adds findings for unused and
/// invalid suppressions; `runs` says which rules ran, so that a suppression of a rule that
/// did not run is not called unused.
pub(crate) fn apply(
    files: &FileSet,
    diagnostics: Vec<Diagnostic>,
    runs: impl Fn(Rule) -> bool,
) -> Vec<Diagnostic> {
    let mut suppressions = Vec::new();
    for (id, file) in files.iter() {
        if let Some(text) = file.text() {
            if text.contains(MARKER) {
                scan(id, file, text, &mut suppressions);
            }
        }
    }
    if suppressions.is_empty() {
        return diagnostics;
    }
    let mut kept = Vec::with_capacity(diagnostics.len());
    for d in diagnostics {
        if !silence(&d, files, &mut suppressions) {
            kept.push(d);
        }
    }
    for s in &suppressions {
        for e in &s.entries {
            if e.rules.is_empty() {
                if runs(rules::invalid_suppression::rule()) {
                    kept.push(
                        Diagnostic::new(
                            rules::invalid_suppression::rule(),
                            e.span,
                            format!("`{}` in a suppression names no rule", e.text),
                        )
                        .label("no such rule")
                        .help("write a rule code (`P101`), a name (`invalid-schema-header`) or a code prefix (`P1`)"),
                    );
                }
            } else if !e.used
                && e.rules.iter().copied().any(&runs)
                && runs(rules::unused_suppression::rule())
            {
                let whole = s.entries.len() == 1;
                kept.push(
                    Diagnostic::new(
                        rules::unused_suppression::rule(),
                        if whole { s.span } else { e.span },
                        format!(
                            "the suppression of `{}` silences nothing {}",
                            e.text, s.scope
                        ),
                    )
                    .label("unused")
                    .help(if whole {
                        "remove the comment"
                    } else {
                        "remove this entry from the comment"
                    }),
                );
            }
        }
    }
    kept
}

fn silence(d: &Diagnostic, files: &FileSet, suppressions: &mut [Suppression]) -> bool {
    let (file, line) = match &d.primary.location {
        Location::Span(span) => (
            span.file,
            Some(files.get(span.file).line_index(span.start as usize)),
        ),
        Location::Path(path) => match files.lookup(path) {
            Some(id) => (id, None),
            None => return false,
        },
    };
    let mut silenced = false;
    for s in suppressions.iter_mut().filter(|s| s.file == file) {
        let applies = s.line.is_none() || s.line == line;
        if !applies {
            continue;
        }
        for e in &mut s.entries {
            if e.rules.contains(&d.rule) {
                e.used = true;
                silenced = true;
            }
        }
    }
    silenced
}

fn scan(id: FileId, file: &crate::source::SourceFile, text: &str, out: &mut Vec<Suppression>) {
    let mut start = 0;
    while let Some(found) = text[start..].find(MARKER) {
        let at = start + found;
        start = at + MARKER.len();
        let line_index = file.line_index(at);
        let Some(line_range) = file.line_range(line_index) else {
            continue;
        };
        let before = &text[line_range.start..at];
        let opener = before.trim_end();
        let (comment_start, jinja) = if let Some(rest) = opener.strip_suffix("{#") {
            (rest.len(), true)
        } else if let Some(rest) = opener.strip_suffix('#') {
            (rest.len(), false)
        } else {
            continue;
        };
        let rest = &text[start..line_range.end];
        let trimmed = rest.trim_start();
        let (file_level, after_word) = if let Some(r) = trimmed.strip_prefix("ignore-file") {
            (true, r)
        } else if let Some(r) = trimmed.strip_prefix("ignore") {
            (false, r)
        } else {
            continue;
        };
        let Some(list) = after_word.strip_prefix('[') else {
            continue;
        };
        let Some(close) = list.find(']') else {
            continue;
        };
        // `list` ends where the line does.
        let list_start = line_range.end - list.len();
        let mut end = list_start + close + 1;
        if jinja {
            if let Some(j) = text[end..line_range.end].find("#}") {
                end += j + 2;
            }
        }
        let mut entries = Vec::new();
        let mut offset = list_start;
        for part in list[..close].split(',') {
            let text_part = part.trim();
            let lead = part.len() - part.trim_start().len();
            if !text_part.is_empty() {
                let s = offset + lead;
                entries.push(Entry {
                    text: text_part.to_owned(),
                    rules: rules::select(text_part).unwrap_or_default(),
                    span: Span::new(id, s..s + text_part.len()),
                    used: false,
                });
            }
            offset += part.len() + 1;
        }
        let own_line = before[..comment_start].trim().is_empty();
        let (line, scope) = if file_level {
            (None, "in this file")
        } else if own_line {
            (Some(line_index + 1), "on the next line")
        } else {
            (Some(line_index), "on this line")
        };
        out.push(Suppression {
            file: id,
            line,
            entries,
            span: Span::new(id, line_range.start + comment_start..end),
            scope,
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::LintOptions;
    use crate::source::FileSet;
    use crate::{Bundle, Diagnostic};

    fn bundle() -> Bundle {
        let mut files = FileSet::new();
        files.insert_text(
            "schema/schema.yaml",
            "schema:\n  format:\n    openapi: \"3.0.0\"\n  environment_input_type: E\n  types:\n    E:\n      type: object\n      properties:\n        size:\n          type: string\n",
        );
        files.insert_text(
            "infrastructure/manifest.yaml",
            "infrastructure:\n  templates:\n    - file: t.yaml\n      rendering_engine: jinja\n      template_language: cloudformation\n",
        );
        files.insert_text("infrastructure/t.yaml", "Resources: {}\n");
        Bundle::new(files)
    }

    fn spec_findings(text: &str, options: &LintOptions) -> Vec<Diagnostic> {
        let b = bundle();
        let spec = crate::spec::Spec::from_text("dev.yaml", text);
        options.finish(spec.files(), crate::spec::SpecChecker::new(&b).check(&spec))
    }

    fn codes(found: &[Diagnostic]) -> Vec<&'static str> {
        found.iter().map(|d| d.rule.code()).collect()
    }

    #[test]
    fn spec_comments_silence_their_line_the_next_line_or_the_file() {
        let all = LintOptions::default();
        let base = "proton: EnvironmentSpec\nspec:\n";
        assert_eq!(
            codes(&spec_findings(&format!("{base}  sise: 1\n"), &all)),
            ["P227"]
        );
        assert!(spec_findings(
            &format!("{base}  sise: 1  # protonkit: ignore[unknown-input]\n"),
            &all
        )
        .is_empty());
        assert!(spec_findings(
            &format!("{base}  # protonkit: ignore[P2]\n  sise: 1\n"),
            &all
        )
        .is_empty());
        assert!(spec_findings(
            &format!("# protonkit: ignore-file[P227]\n{base}  sise: 1\n"),
            &all
        )
        .is_empty());
        // A comment two lines above does not reach.
        let far = spec_findings(
            &format!("{base}  # protonkit: ignore[P227]\n  size: a\n  sise: 1\n"),
            &all,
        );
        assert_eq!(codes(&far), ["P005", "P227"]);
    }

    #[test]
    fn suppressions_of_rules_that_did_not_run_are_not_called_unused() {
        let text =
            "proton: EnvironmentSpec\nspec:\n  size: a  # protonkit: ignore[unknown-input]\n";
        assert_eq!(
            codes(&spec_findings(text, &LintOptions::default())),
            ["P005"]
        );
        let mut options = LintOptions::default();
        options
            .ignore
            .push(crate::rules::Rule::find("P227").unwrap());
        assert!(spec_findings(text, &options).is_empty());
    }

    #[test]
    fn severity_overrides_apply_after_suppressions() {
        let mut options = LintOptions::default();
        options.severities.push((
            crate::rules::Rule::find("P227").unwrap(),
            crate::Severity::Error,
        ));
        let found = spec_findings("proton: EnvironmentSpec\nspec:\n  sise: 1\n", &options);
        assert_eq!(found[0].severity, crate::Severity::Error);
    }
}
