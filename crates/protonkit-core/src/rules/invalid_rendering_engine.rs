use super::prelude::*;
use crate::suggest::hint;

const ENGINES: &[&str] = &["jinja", "hcl", "codebuild"];
const LANGUAGES: &[&str] = &["cloudformation", "terraform"];

declare_rule! {
    /// ## What it does
    /// Reports a manifest entry whose `rendering_engine` is missing or unknown, or whose
    /// `template_language` does not fit it. The valid pairs are `jinja` with
    /// `cloudformation`, and `hcl` with `terraform`; `codebuild` takes `settings` instead.
    ///
    /// ## Why is this bad?
    /// Proton picks the provisioning method from these two keys; any other combination is
    /// rejected.
    ///
    /// ## Example
    /// ```yaml
    /// infrastructure:
    ///   templates:
    ///     - file: "*"
    ///       rendering_engine: jinja
    ///       template_language: terraform
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// infrastructure:
    ///   templates:
    ///     - file: "*"
    ///       rendering_engine: hcl
    ///       template_language: terraform
    /// ```
    ("P022", "invalid-rendering-engine", Error, "a missing, unknown or mismatched `rendering_engine`/`template_language`")
}

pub(super) fn check(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    for (_, model) in super::manifests(bundle) {
        for entry in &model.templates {
            if let Some(lang) = &entry.template_language {
                if !LANGUAGES.contains(&lang.value.as_str()) {
                    out.push(
                        Diagnostic::new(
                            rule(),
                            lang.span,
                            format!(
                                "unknown template language `{}`{}",
                                lang.value,
                                hint(&lang.value, LANGUAGES.iter().copied())
                            ),
                        )
                        .label("unknown")
                        .help("write `cloudformation` (with `jinja`) or `terraform` (with `hcl`)"),
                    );
                    continue;
                }
            }
            let Some(engine) = entry.engine() else {
                if entry.settings.is_none() {
                    let at = entry.file.as_ref().map_or(entry.span, |f| f.span);
                    out.push(
                        Diagnostic::new(rule(), at, "the template entry has no `rendering_engine`")
                            .label("entry without a rendering engine")
                            .help("add `rendering_engine: jinja`, `hcl` or `codebuild`"),
                    );
                }
                continue;
            };
            let want = match engine.value.as_str() {
                "jinja" => "cloudformation",
                "hcl" => "terraform",
                "codebuild" => continue,
                other => {
                    out.push(
                        Diagnostic::new(
                            rule(),
                            engine.span,
                            format!(
                                "unknown rendering engine `{other}`{}",
                                hint(other, ENGINES.iter().copied())
                            ),
                        )
                        .label("unknown")
                        .help("write `jinja` (CloudFormation), `hcl` (Terraform) or `codebuild`"),
                    );
                    continue;
                }
            };
            match &entry.template_language {
                None => out.push(
                    Diagnostic::new(
                        rule(),
                        engine.span,
                        format!("`rendering_engine: {}` needs `template_language: {want}`", engine.value),
                    )
                    .label("no template language")
                    .help(format!("add `template_language: {want}` to the entry")),
                ),
                Some(lang) if lang.value != want => out.push(
                    Diagnostic::new(
                        rule(),
                        lang.span,
                        format!(
                            "`template_language: {}` does not go with `rendering_engine: {}`",
                            lang.value, engine.value
                        ),
                    )
                    .label("mismatched")
                    .secondary(engine.span, "rendering engine")
                    .help(format!(
                        "use `rendering_engine: {}` for {}, or `template_language: {want}`",
                        if lang.value == "terraform" { "hcl" } else { "jinja" },
                        lang.value
                    )),
                ),
                Some(_) => {}
            }
        }
    }
}
