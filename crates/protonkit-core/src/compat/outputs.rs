//! Template outputs: the names a template declares (CloudFormation `Outputs`, Terraform
//! `output` blocks) and the `environment.outputs.NAME` references service templates read.
//!
//! Templates are Jinja (CloudFormation) or HCL, so both are read by lines rather than
//! parsed: a CloudFormation template that is plain YAML is read from its tree, anything
//! else from the keys indented under a top-level `Outputs:`. Output names that Jinja
//! writes (`{{ ... }}: ...`) cannot be known; such a template's outputs are marked
//! generated and absent names are not reported for it.

use std::collections::BTreeMap;

use super::{Change, ChangeId, CompatOptions};
use crate::bundle::{Bundle, BundleKind};
use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Span};

/// An output a template declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// The infrastructure folder of the template (`infrastructure`).
    pub folder: String,
    /// The output's name.
    pub name: String,
    /// Where it is declared.
    pub span: Span,
}

/// The outputs a bundle's templates declare.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeclaredOutputs {
    /// The outputs with literal names, in file order.
    pub outputs: Vec<Output>,
    /// Whether some output name is written by Jinja, so that the list may be incomplete.
    pub generated: bool,
}

impl DeclaredOutputs {
    /// Whether the bundle declares `name` in `folder`.
    #[must_use]
    pub fn declares(&self, folder: &str, name: &str) -> bool {
        self.outputs
            .iter()
            .any(|o| o.folder == folder && o.name == name)
    }
}

/// A reference to an environment output in a service template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputRef {
    /// The output's name.
    pub name: String,
    /// The whole reference (`environment.outputs.VpcId`).
    pub span: Span,
}

/// The outputs of a bundle's templates.
#[must_use]
pub fn declared(bundle: &Bundle) -> DeclaredOutputs {
    let mut out = DeclaredOutputs::default();
    for t in crate::render::templates(bundle) {
        if t.jinja {
            cloudformation_outputs(t.file, t.dir, t.text, &mut out);
        } else {
            terraform_outputs(t.file, t.dir, t.text, &mut out);
        }
    }
    out
}

/// The `environment.outputs.NAME` references of a service bundle's templates (instance
/// and pipeline; in pipelines through `service_instance.environment.outputs`; in Terraform
/// through `var.environment.outputs`).
#[must_use]
pub fn environment_refs(bundle: &Bundle) -> Vec<OutputRef> {
    if !matches!(bundle.kind(), BundleKind::Service { .. }) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for t in crate::render::templates(bundle) {
        for r in &t.scan.references {
            let at = r
                .path
                .windows(2)
                .position(|w| w == ["environment", "outputs"]);
            if let Some(name) = at.and_then(|i| r.path.get(i + 2)) {
                out.push(OutputRef {
                    name: name.clone(),
                    span: Span::new(t.file, r.span()),
                });
            }
        }
    }
    out
}

/// Which environment outputs which templates read: output name to the places that read it
/// (as `file:line`), for [`super::compare`] to tell a removed output that something uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutputReaders {
    reads: BTreeMap<String, Vec<String>>,
}

impl OutputReaders {
    /// Records the references of a service bundle whose files are shown under `display`.
    pub fn add_service(&mut self, bundle: &Bundle, display: &str) {
        for r in environment_refs(bundle) {
            let files = bundle.files();
            let at = format!(
                "{}:{}",
                crate::source::join_display(display, files.get(r.span.file).path()),
                files.start(r.span).line
            );
            let list = self.reads.entry(r.name).or_default();
            if !list.contains(&at) {
                list.push(at);
            }
        }
    }

    /// Where `name` is read.
    #[must_use]
    pub fn readers(&self, name: &str) -> &[String] {
        self.reads.get(name).map_or(&[], Vec::as_slice)
    }
}

/// Output changes between two bundles.
pub(super) fn compare(
    base: &Bundle,
    revision: &Bundle,
    readers: &OutputReaders,
    options: &CompatOptions,
    out: &mut Vec<Change>,
) {
    let (b, r) = (declared(base), declared(revision));
    let environment = base.kind() == BundleKind::Environment;
    for o in &r.outputs {
        if !b.declares(&o.folder, &o.name) {
            let id = ChangeId::OutputAdded;
            out.push(Change {
                id,
                level: options.level(id),
                message: format!("output `{}` was added to `{}/`", o.name, o.folder),
                base_span: None,
                revision_span: Some(o.span),
            });
        }
    }
    for o in &b.outputs {
        if r.declares(&o.folder, &o.name) {
            continue;
        }
        let read_by = if environment {
            readers.readers(&o.name)
        } else {
            &[]
        };
        let (id, message) = if read_by.is_empty() {
            (
                ChangeId::OutputRemoved,
                format!("output `{}` was removed from `{}/`", o.name, o.folder),
            )
        } else {
            (
                ChangeId::OutputRemovedInUse,
                format!(
                    "output `{}` was removed from `{}/`, but {} reads it",
                    o.name,
                    o.folder,
                    crate::suggest::list(&read_by.iter().map(String::as_str).collect::<Vec<_>>())
                ),
            )
        };
        out.push(Change {
            id,
            level: options.level(id),
            message,
            base_span: Some(o.span),
            revision_span: None,
        });
    }
}

/// Reports the references of `service` to environment outputs that an environment
/// template it declares compatible does not declare. `environments` are the compatible
/// environment templates that could be found, by `name:major`.
#[must_use]
pub fn check_environment_refs(
    service: &Bundle,
    environments: &[(String, &DeclaredOutputs)],
) -> Vec<Diagnostic> {
    let rule = crate::rules::unknown_environment_output::rule();
    let known: Vec<&(String, &DeclaredOutputs)> =
        environments.iter().filter(|(_, o)| !o.generated).collect();
    let mut out = Vec::new();
    for r in environment_refs(service) {
        let lacking: Vec<&str> = known
            .iter()
            .filter(|(_, o)| !o.declares("infrastructure", &r.name))
            .map(|(name, _)| name.as_str())
            .collect();
        if lacking.is_empty() {
            continue;
        }
        let names: Vec<&str> = known
            .iter()
            .flat_map(|(_, o)| o.outputs.iter().map(|o| o.name.as_str()))
            .collect();
        let hint =
            crate::suggest::suffix(crate::suggest::did_you_mean(&r.name, names.iter().copied()));
        out.push(
            Diagnostic::new(
                rule,
                r.span,
                format!(
                    "environment output `{}` is not declared by compatible environment template {}{hint}",
                    r.name,
                    crate::suggest::list(&lacking)
                ),
            )
            .label("rendering fails on these environments")
            .help(format!(
                "declare `{}` in the environment template's outputs, or read an output it declares",
                r.name
            )),
        );
    }
    out
}

fn terraform_outputs(id: FileId, folder: &str, text: &str, out: &mut DeclaredOutputs) {
    for (start, line) in lines(text) {
        let trimmed = line.trim_start();
        let Some(rest) = trimmed.strip_prefix("output") else {
            continue;
        };
        let label = rest.trim_start();
        if label.len() == rest.len() {
            continue;
        }
        let offset = start + (line.len() - label.len());
        let (name, at) = if let Some(quoted) = label.strip_prefix('"') {
            let Some(end) = quoted.find('"') else {
                continue;
            };
            (&quoted[..end], offset + 1)
        } else {
            let end = label
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
                .unwrap_or(label.len());
            (&label[..end], offset)
        };
        if !name.is_empty() && label[name.len()..].contains('{') {
            push(out, id, folder, name, at);
        }
    }
}

fn cloudformation_outputs(id: FileId, folder: &str, text: &str, out: &mut DeclaredOutputs) {
    let doc = crate::yaml::parse(id, text);
    if doc.issues.is_empty() {
        if let Some(outputs) = doc
            .root
            .as_ref()
            .and_then(|r| r.get("Outputs"))
            .and_then(|o| o.as_map())
        {
            for (k, _) in outputs {
                if let Some(name) = k.scalar_text() {
                    out.outputs.push(Output {
                        folder: folder.to_owned(),
                        name,
                        span: k.span,
                    });
                }
            }
        }
        return;
    }
    let mut in_outputs = false;
    let mut indent = None;
    for (start, line) in lines(text) {
        let content = line.trim_start();
        let depth = line.len() - content.len();
        if content.is_empty() || content.starts_with('#') || content.starts_with("{%") {
            continue;
        }
        if depth == 0 {
            in_outputs = content
                .strip_prefix("Outputs:")
                .is_some_and(|rest| rest.trim().is_empty() || rest.trim().starts_with('#'));
            indent = None;
            continue;
        }
        if !in_outputs || *indent.get_or_insert(depth) != depth {
            continue;
        }
        let Some((key, _)) = content.split_once(':') else {
            continue;
        };
        let key = key.trim().trim_matches(|c| c == '"' || c == '\'');
        if key.contains("{{") {
            out.generated = true;
        } else if !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric()) {
            push(out, id, folder, key, start + depth);
        }
    }
}

fn push(out: &mut DeclaredOutputs, id: FileId, folder: &str, name: &str, at: usize) {
    out.outputs.push(Output {
        folder: folder.to_owned(),
        name: name.to_owned(),
        span: Span::new(id, at..at + name.len()),
    });
}

/// The lines of `text` with their byte offsets.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0, |offset, line| {
        let start = *offset;
        *offset += line.len();
        Some((start, line.trim_end_matches(['\n', '\r'])))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::bundle;

    const SCHEMA: &str = "schema:\n  format:\n    openapi: \"3.0.0\"\n  environment_input_type: E\n  types:\n    E:\n      type: object\n";
    const TF_MANIFEST: &str = "infrastructure:\n  templates:\n    - file: \"*\"\n      rendering_engine: hcl\n      template_language: terraform\n";
    const MANIFEST: &str = "infrastructure:\n  templates:\n    - file: \"cloudformation.yaml\"\n      rendering_engine: jinja\n      template_language: cloudformation\n";

    #[test]
    fn reads_outputs_from_jinja_cloudformation_and_terraform() {
        let cfn = "Resources:\n  {% if environment.inputs.x %}\n  A:\n    Type: AWS::SNS::Topic\n  {% endif %}\nOutputs:\n  # the VPC\n  VpcId:\n    Value: !Ref A\n  {% for n in environment.inputs.names %}\n  {{ n }}Arn:\n    Value: x\n  {% endfor %}\n  ClusterName:\n    Value: y\n";
        let b = bundle(&[
            ("schema/schema.yaml", SCHEMA),
            ("infrastructure/manifest.yaml", MANIFEST),
            ("infrastructure/cloudformation.yaml", cfn),
        ]);
        let d = declared(&b);
        let names: Vec<&str> = d.outputs.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names, ["VpcId", "ClusterName"]);
        assert!(d.generated);
        assert_eq!(b.files().slice(d.outputs[0].span), "VpcId");

        let tf = "output \"vpc_id\" {\n  value = aws_vpc.x.id\n}\n  output subnet {\n}\n# output \"nope\"\n";
        let b = bundle(&[
            ("infrastructure/manifest.yaml", TF_MANIFEST),
            ("infrastructure/main.tf", tf),
        ]);
        let d = declared(&b);
        let names: Vec<&str> = d.outputs.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names, ["vpc_id", "subnet"]);
        assert_eq!(b.files().slice(d.outputs[0].span), "vpc_id");
    }

    #[test]
    fn finds_environment_output_references() {
        let svc = "schema:\n  format:\n    openapi: \"3.0.0\"\n  service_input_type: S\n  types:\n    S:\n      type: object\n";
        let text = "a: '{{ environment.outputs.VpcId }}'\nb: '{{ service_instance.environment.outputs[\"Sub\"] }}'\nd: '{{ my_environment.outputs.Nope }}'\n";
        let manifest = format!("{MANIFEST}    - file: main.tf\n      rendering_engine: hcl\n      template_language: terraform\n");
        let b = bundle(&[
            ("schema/schema.yaml", svc),
            ("instance_infrastructure/manifest.yaml", &manifest),
            ("instance_infrastructure/cloudformation.yaml", text),
            (
                "instance_infrastructure/main.tf",
                "x = var.environment.outputs.tf_name\n",
            ),
        ]);
        let refs = environment_refs(&b);
        let names: Vec<&str> = refs.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["VpcId", "Sub", "tf_name"]);
        assert_eq!(
            b.files().slice(refs[1].span),
            "service_instance.environment.outputs[\"Sub\"]"
        );
    }
}
