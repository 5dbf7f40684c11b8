use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Reports the wildcard `file: "*"` where it cannot work: in a CloudFormation entry,
    /// which must name its single template file, and in a component manifest, which always
    /// names exactly one file.
    ///
    /// ## Why is this bad?
    /// Only Terraform service and environment templates may take every `.tf` file of the
    /// folder with `"*"`.
    ///
    /// ## Example
    /// ```yaml
    /// infrastructure:
    ///   templates:
    ///     - file: "*"
    ///       rendering_engine: jinja
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
    ("P023", "wildcard-requires-terraform", Error, "`file: \"*\"` outside Terraform service and environment templates")
}

pub(super) fn check(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    for (_, model) in super::manifests(bundle) {
        for entry in &model.templates {
            let Some(file) = &entry.file else { continue };
            if !super::is_wildcard(&file.value) {
                continue;
            }
            if bundle.kind() == BundleKind::Component {
                out.push(
                    Diagnostic::new(rule(), file.span, "a component manifest must name exactly one file, not a wildcard")
                        .label("wildcard")
                        .help("name the component's single template file"),
                );
            } else if entry.is_cloudformation() {
                out.push(
                    Diagnostic::new(rule(), file.span, format!("the wildcard `{}` works only with Terraform", file.value))
                        .label("wildcard in a CloudFormation entry")
                        .help("name the single CloudFormation template file"),
                );
            }
        }
    }
}
