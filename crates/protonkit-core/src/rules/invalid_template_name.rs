use super::prelude::*;

const MAX: usize = 100;

declare_rule! {
    /// ## What it does
    /// Reports a template-sync folder (`<template-name>/v<major>/`) whose template name Proton
    /// cannot use: it must match `^[0-9A-Za-z]+[0-9A-Za-z_\-]*$` and be at most 100
    /// characters.
    ///
    /// ## Why is this bad?
    /// Template sync maps the folder name to the template name; a name Proton rejects is
    /// never synced.
    ///
    /// ## Example
    /// ```text
    /// templates/my.env/v1/schema/schema.yaml
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// templates/my-env/v1/schema/schema.yaml
    /// ```
    ("P502", "invalid-template-name", Error, "a template-sync folder name that is not a valid template name")
}

pub(super) fn check(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    let Some(sync) = bundle.sync_layout() else {
        return;
    };
    let name = &sync.template_name;
    let problem = if name.chars().count() > MAX {
        Some(format!("is longer than {MAX} characters"))
    } else if !is_resource_name(name) {
        Some("must start with a letter or digit and contain only letters, digits, `-` and `_`".to_owned())
    } else {
        None
    };
    if let Some(problem) = problem {
        out.push(
            Diagnostic::new(
                rule(),
                Location::Path(String::new()),
                format!("the template name `{name}` (from the folder `{name}/v{}/`) {problem}", sync.major),
            )
            .help("rename the template folder to a valid template name"),
        );
    }
}

/// `^[0-9A-Za-z]+[0-9A-Za-z_\-]*$`
pub(crate) fn is_resource_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}
