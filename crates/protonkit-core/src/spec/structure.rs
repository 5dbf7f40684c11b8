//! Problems with the shape of a spec and with the names in it.

use super::inputs::CURRENT_VALUE;
use super::model::{Problem, Section, INSTANCE_KEYS, SPEC_KEYS};
use crate::diagnostic::Diagnostic;
use crate::rules;
use crate::source::Span;
use crate::suggest::did_you_mean;

pub(super) fn structure_problems(problems: &[Problem], out: &mut Vec<Diagnostic>) {
    for problem in problems {
        out.push(match problem {
            Problem::WrongType {
                span,
                what,
                expected,
                found,
            } => Diagnostic::new(
                rules::invalid_spec_structure::rule(),
                *span,
                format!("{what} must be {expected}, but is {found}"),
            )
            .help(format!("write {what} as {expected}")),
            Problem::Missing { span, what, key } => Diagnostic::new(
                rules::invalid_spec_structure::rule(),
                *span,
                format!("{what} has no `{key}`"),
            )
            .help(format!("add `{key}:` to the instance")),
            Problem::UnknownKey {
                span,
                key,
                known,
                within,
            } => {
                let suggestion = did_you_mean(key, known.iter().copied());
                let valid = if *known == SPEC_KEYS {
                    "`proton`, `spec`, `pipeline` and `instances`"
                } else if *known == INSTANCE_KEYS {
                    "`name`, `environment` and `spec`"
                } else {
                    ""
                };
                Diagnostic::new(
                    rules::unknown_spec_key::rule(),
                    *span,
                    format!(
                        "unknown key `{key}` in {within}{}",
                        suggestion
                            .map(|s| format!("; did you mean `{s}`?"))
                            .unwrap_or_default()
                    ),
                )
                .label("not a spec key")
                .help(match suggestion {
                    Some(s) => format!("rename it to `{s}`"),
                    None => format!("remove it; {within} takes {valid}"),
                })
            }
        });
    }
}

pub(super) fn misplaced(
    section: Option<&Section>,
    key: &str,
    belongs: &str,
    out: &mut Vec<Diagnostic>,
) {
    if let Some(section) = section {
        out.push(misplaced_key(section.key, key, belongs));
    }
}

pub(super) fn misplaced_key(at: Span, key: &str, belongs: &str) -> Diagnostic {
    Diagnostic::new(
        rules::unknown_spec_key::rule(),
        at,
        format!("`{key}` belongs to {belongs}"),
    )
    .label("not used by this kind of spec")
    .help(format!("remove `{key}`, or check the `proton:` kind"))
}

/// The finding for a resource name that Proton does not accept; `what` names it in the
/// message and in the help.
pub(super) fn name_problem(
    rule: crate::rules::Rule,
    name: &crate::model::Spanned<String>,
    (what, what_help): (&str, &str),
    pattern: Option<&regress::Regex>,
) -> Option<Diagnostic> {
    let problem = resource_name_problem(&name.value, pattern)?;
    Some(
        Diagnostic::new(
            rule,
            name.span,
            format!("{what} `{}` {problem}", name.value),
        )
        .help(name_help(&name.value, what_help)),
    )
}

/// What is wrong with a resource name, if anything.
fn resource_name_problem(name: &str, pattern: Option<&regress::Regex>) -> Option<String> {
    let chars = name.chars().count();
    if chars == 0 {
        return Some("is empty".to_owned());
    }
    if chars > 100 {
        return Some(format!(
            "is {chars} characters long; Proton allows at most 100"
        ));
    }
    if pattern.is_some_and(|p| p.find(name).is_none()) {
        return Some(
            "is not valid: Proton names start with a letter or digit and contain only letters, digits, `_` and `-`"
                .to_owned(),
        );
    }
    None
}

fn name_help(value: &str, what: &str) -> String {
    if value == CURRENT_VALUE {
        format!("`{CURRENT_VALUE}` only stands for input values; write {what}")
    } else if value.starts_with("arn:") {
        format!("write {what}, not its ARN")
    } else {
        format!("write {what} with letters, digits, `_` and `-` only, at most 100 characters")
    }
}
