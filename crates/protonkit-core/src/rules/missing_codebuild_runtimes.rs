use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Reports CodeBuild `settings` without `runtimes`.
    ///
    /// ## Why is this bad?
    /// The documentation lists `runtimes` among the settings, and AWS's own samples keep a
    /// runtime they do not need with the comment "required by proton (for now)"; whether
    /// Proton rejects settings without it is not documented.
    ///
    /// ## Example
    /// ```yaml
    /// settings:
    ///   image: aws/codebuild/amazonlinux2-x86_64-standard:4.0
    ///   provision: [./deploy.sh]
    ///   deprovision: [./destroy.sh]
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// settings:
    ///   image: aws/codebuild/amazonlinux2-x86_64-standard:4.0
    ///   runtimes:
    ///     python: 3.11
    ///   provision: [./deploy.sh]
    ///   deprovision: [./destroy.sh]
    /// ```
    ("P028", "missing-codebuild-runtimes", Warning, "CodeBuild `settings` without `runtimes`")
}

pub(super) fn check(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    for (_, model) in super::manifests(bundle) {
        for entry in model.templates.iter().filter(|e| e.is_codebuild()) {
            if let Some(settings) = entry.settings.as_ref().filter(|s| s.runtimes.is_none()) {
                out.push(
                    Diagnostic::new(rule(), settings.key, "CodeBuild `settings` have no `runtimes`")
                        .label("no runtimes")
                        .help("add `runtimes` with the language runtime the commands need"),
                );
            }
        }
    }
}
