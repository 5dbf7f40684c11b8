use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Reports a CloudFormation manifest that lists more than one template entry.
    ///
    /// ## Why is this bad?
    /// A CloudFormation infrastructure folder renders exactly one template (one stack), and
    /// Proton takes one file per CloudFormation manifest.
    ///
    /// ## Example
    /// ```yaml
    /// infrastructure:
    ///   templates:
    ///     - file: network.yaml
    ///       rendering_engine: jinja
    ///       template_language: cloudformation
    ///     - file: cluster.yaml
    ///       rendering_engine: jinja
    ///       template_language: cloudformation
    /// ```
    ///
    /// ## Use instead
    /// Merge the two templates into one file and list only that file.
    ("P026", "multiple-cloudformation-files", Error, "a CloudFormation manifest with more than one template")
}

pub(super) fn check(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    for (_, model) in super::manifests(bundle) {
        if model.templates.len() < 2 || !model.templates.iter().any(|e| e.is_cloudformation()) {
            continue;
        }
        let first = &model.templates[0];
        for extra in &model.templates[1..] {
            let at = extra.file.as_ref().map_or(extra.span, |f| f.span);
            out.push(
                Diagnostic::new(
                    rule(),
                    at,
                    format!(
                        "a CloudFormation manifest names exactly one template, but this one lists {}",
                        model.templates.len()
                    ),
                )
                .label("extra template")
                .secondary(first.file.as_ref().map_or(first.span, |f| f.span), "first template")
                .help("merge the templates into one file and list only that file"),
            );
        }
    }
}
