use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Reports a Terraform wildcard (`"*"`) in a folder that holds no `.tf` file.
    ///
    /// ## Why is this bad?
    /// `"*"` takes every file of the manifest's folder whose name ends in `.tf`; with none,
    /// Proton has nothing to render.
    ///
    /// ## Example
    /// ```text
    /// infrastructure/manifest.yaml   # file: "*"
    /// infrastructure/main.tf.txt
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// infrastructure/manifest.yaml
    /// infrastructure/main.tf
    /// ```
    ("P025", "wildcard-matches-nothing", Error, "a Terraform wildcard in a folder without `.tf` files")
}

pub(super) fn check(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    for (m, model) in super::manifests(bundle) {
        for entry in &model.templates {
            let Some(file) = &entry.file else { continue };
            if !super::is_wildcard(&file.value) || !entry.is_terraform() {
                continue;
            }
            if super::named_files(bundle, &m.dir, entry).is_empty() {
                let folder = if m.dir.is_empty() { ".".to_owned() } else { m.dir.clone() };
                out.push(
                    Diagnostic::new(
                        rule(),
                        file.span,
                        format!("`{}` matches no `.tf` file in `{folder}/`", file.value),
                    )
                    .label("matches nothing")
                    .help("add the Terraform files to the manifest's folder (not to a subfolder)"),
                );
            }
        }
    }
}
