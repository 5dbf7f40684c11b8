use super::prelude::*;

const YAML_LIMIT: usize = 50 * 1024;
const TEMPLATE_LIMIT: usize = 200 * 1024;

declare_rule! {
    /// ## What it does
    /// Reports a manifest or schema over 50 KB, and a template file (a file a CloudFormation
    /// or Terraform manifest names) over 200 KB.
    ///
    /// ## Why is this bad?
    /// These are Proton quotas that cannot be raised; registration of a bundle that breaks
    /// them fails.
    ///
    /// ## Example
    /// A 260 KB `instance_infrastructure/cloudformation.yaml`.
    ///
    /// ## Use instead
    /// Split the infrastructure into smaller stacks or templates, or move static content out
    /// of the template.
    ("P500", "file-too-large", Error, "a manifest or schema over 50 KB, or a template over 200 KB")
}

pub(super) fn check(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    let files = bundle.files();
    let mut limited: Vec<(crate::source::FileId, usize, &str)> = Vec::new();
    if let Some(s) = bundle.schema_file() {
        limited.push((s.file, YAML_LIMIT, "a schema"));
    }
    for m in bundle.manifests() {
        limited.push((m.yaml.file, YAML_LIMIT, "a manifest"));
    }
    for id in super::template_files(bundle) {
        if !limited.iter().any(|(f, _, _)| *f == id) {
            limited.push((id, TEMPLATE_LIMIT, "a template file"));
        }
    }
    for (id, limit, what) in limited {
        let file = files.get(id);
        let size = file.contents().len();
        if size > limit {
            out.push(
                Diagnostic::new(
                    rule(),
                    Location::Path(file.path().to_owned()),
                    format!(
                        "`{}` is {} KB; Proton accepts at most {} KB for {what}",
                        file.path(),
                        size.div_ceil(1024),
                        limit / 1024
                    ),
                )
                .help("split the file or move content out of it"),
            );
        }
    }
}
