//! The CloudFormation and Terraform templates a bundle's manifests name, each read and
//! scanned once for every check that looks at them.

use super::references::{scan, scan_terraform, Scan};
use crate::bundle::Bundle;
use crate::rules::support::{manifests, named_files};
use crate::source::FileId;

/// A template the manifests name.
pub(crate) struct Template<'b> {
    /// The file.
    pub(crate) file: FileId,
    /// Its manifest's folder.
    pub(crate) dir: &'b str,
    /// Its text.
    pub(crate) text: &'b str,
    /// Whether Jinja renders it (CloudFormation), rather than HCL (Terraform).
    pub(crate) jinja: bool,
    /// What it reads.
    pub(crate) scan: Scan,
}

/// Every CloudFormation and Terraform template the manifests name (CodeBuild entries name
/// none), in manifest order.
pub(crate) fn templates(bundle: &Bundle) -> Vec<Template<'_>> {
    let mut out = Vec::new();
    for (m, model) in manifests(bundle) {
        for entry in model.templates.iter().filter(|e| !e.is_codebuild()) {
            let jinja = entry.is_cloudformation();
            if !jinja && !entry.is_terraform() {
                continue;
            }
            for file in named_files(bundle, &m.dir, entry) {
                let Some(text) = bundle.files().get(file).text() else {
                    continue;
                };
                out.push(Template {
                    file,
                    dir: &m.dir,
                    text,
                    jinja,
                    scan: if jinja {
                        scan(text)
                    } else {
                        scan_terraform(text)
                    },
                });
            }
        }
    }
    out
}
