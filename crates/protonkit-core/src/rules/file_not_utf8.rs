use super::prelude::*;
use crate::source::{Contents, SourceFile};

declare_rule! {
    /// ## What it does
    /// Reports a manifest, schema or template file (a file a CloudFormation or Terraform
    /// manifest names) that is not UTF-8 text, such as a file saved as UTF-16.
    ///
    /// ## Why is this bad?
    /// Proton reads these files as UTF-8 text; a file in another encoding cannot be parsed
    /// or rendered.
    ///
    /// ## Example
    /// A `schema/schema.yaml` saved by an editor as "Unicode (UTF-16 LE)".
    ///
    /// ## Use instead
    /// Save the file as UTF-8.
    ("P003", "file-not-utf8", Error, "a manifest, schema, template or spec that is not UTF-8 text")
}

pub(super) fn check(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    let files = bundle.files();
    let mut ids: Vec<_> = bundle.schema_file().map(|s| s.file).into_iter().collect();
    ids.extend(bundle.manifests().iter().map(|m| m.yaml.file));
    ids.extend(super::template_files(bundle));
    ids.sort_unstable();
    ids.dedup();
    out.extend(ids.into_iter().filter_map(|id| for_file(files.get(id))));
}

/// The finding for a file that is not UTF-8 text (any file: bundle or spec).
pub(crate) fn for_file(file: &SourceFile) -> Option<Diagnostic> {
    let Contents::Binary(bytes) = file.contents() else {
        return None;
    };
    let utf16 = matches!(bytes.as_slice(), [0xff, 0xfe, ..] | [0xfe, 0xff, ..]);
    let what = if utf16 { "UTF-16" } else { "not UTF-8" };
    Some(
        Diagnostic::new(
            rule(),
            Location::Path(file.path().to_owned()),
            format!("`{}` is {what} text", file.path()),
        )
        .help("save the file as UTF-8"),
    )
}
