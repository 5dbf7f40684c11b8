use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Reports a CodeBuild manifest entry (`rendering_engine: codebuild`) without `settings`,
    /// or whose `settings` lack `image`, `provision` or `deprovision`.
    ///
    /// ## Why is this bad?
    /// Proton runs the `provision` commands in a CodeBuild project built from `image` to
    /// create or update the infrastructure, and `deprovision` to delete it; without them it
    /// cannot provision or clean up.
    ///
    /// ## Example
    /// ```yaml
    /// infrastructure:
    ///   templates:
    ///     - rendering_engine: codebuild
    ///       settings:
    ///         image: aws/codebuild/amazonlinux2-x86_64-standard:4.0
    ///         runtimes:
    ///           nodejs: 16
    ///         provision:
    ///           - npm ci && npx cdk deploy
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// infrastructure:
    ///   templates:
    ///     - rendering_engine: codebuild
    ///       settings:
    ///         image: aws/codebuild/amazonlinux2-x86_64-standard:4.0
    ///         runtimes:
    ///           nodejs: 16
    ///         provision:
    ///           - npm ci && npx cdk deploy
    ///         deprovision:
    ///           - npm ci && npx cdk destroy --force
    /// ```
    ("P027", "missing-codebuild-setting", Error, "CodeBuild `settings` without `image`, `provision` or `deprovision`")
}

pub(super) fn check(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    for (_, model) in super::manifests(bundle) {
        for entry in model.templates.iter().filter(|e| e.is_codebuild()) {
            let Some(settings) = &entry.settings else {
                let at = entry.engine().map_or(entry.span, |e| e.span);
                out.push(
                    Diagnostic::new(rule(), at, "the CodeBuild entry has no `settings`")
                        .label("CodeBuild without settings")
                        .help("add `settings` with `image`, `runtimes`, `provision` and `deprovision`"),
                );
                continue;
            };
            let missing: Vec<&str> = [
                ("image", settings.image.is_some()),
                ("provision", settings.provision.is_some()),
                ("deprovision", settings.deprovision.is_some()),
            ]
            .into_iter()
            .filter(|(_, present)| !present)
            .map(|(k, _)| k)
            .collect();
            if missing.is_empty() {
                continue;
            }
            let list = missing.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
            out.push(
                Diagnostic::new(rule(), settings.key, format!("CodeBuild `settings` lack {list}"))
                    .label("incomplete settings")
                    .help(format!("add {list} to `settings`")),
            );
        }
    }
}
