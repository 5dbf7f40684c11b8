//! Problems with the shape of a spec and with the names in it.

use super::inputs::CURRENT_VALUE;
use super::model::{Problem, Section};
use crate::diagnostic::Diagnostic;
use crate::rules;
use crate::source::Span;
use crate::suggest::{did_you_mean, list};

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
                Diagnostic::new(
                    rules::unknown_spec_key::rule(),
                    *span,
                    format!(
                        "unknown key `{key}` in {within}{}",
                        crate::suggest::suffix(suggestion)
                    ),
                )
                .label("not a spec key")
                .help(match suggestion {
                    Some(s) => format!("rename it to `{s}`"),
                    None => format!("remove it; {within} takes {}", list(known)),
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
) -> Option<Diagnostic> {
    let problem = resource_name_problem(&name.value)?;
    Some(
        Diagnostic::new(
            rule,
            name.span,
            format!("{what} `{}` {problem}", name.value),
        )
        .help(name_help(&name.value, what_help)),
    )
}

/// What is wrong with a resource name, if anything. Checks what
/// [`super::RESOURCE_NAME_PATTERN`] says without compiling it for every spec.
fn resource_name_problem(name: &str) -> Option<String> {
    let chars = name.chars().count();
    if chars == 0 {
        return Some("is empty".to_owned());
    }
    if chars > 100 {
        return Some(format!(
            "is {chars} characters long; Proton allows at most 100"
        ));
    }
    let mut bytes = name.bytes();
    let first_ok = bytes.next().is_some_and(|b| b.is_ascii_alphanumeric());
    if !first_ok || !bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') {
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

#[cfg(test)]
mod tests {
    #[test]
    fn resource_names_are_checked_as_the_pattern_says() {
        let pattern = regress::Regex::new(super::super::RESOURCE_NAME_PATTERN).unwrap();
        for name in [
            "web", "web-1", "1web", "a_b-c", "-web", "_web", "web.prod", "wéb", "web prod", "Web9",
        ] {
            assert_eq!(
                super::resource_name_problem(name).is_none(),
                pattern.find(name).is_some(),
                "{name}"
            );
        }
    }
}
