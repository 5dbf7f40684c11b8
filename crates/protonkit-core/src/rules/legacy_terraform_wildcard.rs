use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Reports `file: "*.tf"`, the wildcard of the Terraform preview (November 2021).
    ///
    /// ## Why is this bad?
    /// Since Terraform support became generally available (March 2022) the documented
    /// wildcard is `"*"`; whether Proton still accepts `"*.tf"` is not documented.
    ///
    /// ## Example
    /// ```yaml
    /// infrastructure:
    ///   templates:
    ///     - file: "*.tf"
    ///       rendering_engine: hcl
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
    ("P024", "legacy-terraform-wildcard", Warning, "the preview-era Terraform wildcard `\"*.tf\"`")
}

pub(super) fn check(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    for (_, model) in super::manifests(bundle) {
        for entry in &model.templates {
            if let Some(file) = entry.file.as_ref().filter(|f| f.value == "*.tf") {
                out.push(
                    Diagnostic::new(rule(), file.span, "`*.tf` is the Terraform preview's wildcard; the current one is `*`")
                        .label("preview-era wildcard")
                        .help("write `file: \"*\"`"),
                );
            }
        }
    }
}
