use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Reports manifest keys from retired formats: `engine` (before Proton's general
    /// availability in June 2021, now `rendering_engine` plus `template_language`) and
    /// `codebuild` (in the December 2022 documentation, now `settings`).
    ///
    /// ## Why is this bad?
    /// Proton has rejected the pre-GA manifest format since GA, and the `codebuild` key was a
    /// documentation error that Proton never read.
    ///
    /// ## Example
    /// ```yaml
    /// infrastructure:
    ///   templates:
    ///     - file: cloudformation.yaml
    ///       engine: jinja
    ///       template_language: cloudformation
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// infrastructure:
    ///   templates:
    ///     - file: cloudformation.yaml
    ///       rendering_engine: jinja
    ///       template_language: cloudformation
    /// ```
    ("P021", "legacy-manifest-key", Error, "the retired `engine` or `codebuild` manifest keys")
}

pub(super) fn check(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    for (_, model) in super::manifests(bundle) {
        for entry in &model.templates {
            if let Some((key, value)) = &entry.legacy_engine {
                let help = match value.as_ref().map(|v| v.value.as_str()) {
                    Some("cloudformation") => {
                        "write `rendering_engine: jinja` and `template_language: cloudformation`"
                    }
                    _ if entry.rendering_engine.is_some() => "remove the `engine` key",
                    _ => "rename `engine` to `rendering_engine`",
                };
                out.push(
                    Diagnostic::new(
                        rule(),
                        *key,
                        "`engine` is the pre-GA name of `rendering_engine`, which Proton no longer accepts",
                    )
                    .label("retired key")
                    .help(help),
                );
            }
            if let Some(key) = entry.legacy_codebuild {
                out.push(
                    Diagnostic::new(
                        rule(),
                        key,
                        "`codebuild` is not a manifest key; CodeBuild settings go under `settings`",
                    )
                    .label("retired key")
                    .help("rename `codebuild` to `settings`"),
                );
            }
        }
    }
}
