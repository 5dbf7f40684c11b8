use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Reports an infrastructure folder without its `manifest.yaml`: `infrastructure/` of an
    /// environment, `instance_infrastructure/` of a service (which every service needs), or
    /// `pipeline_infrastructure/`. An environment bundle with no `infrastructure/` at all is
    /// accepted only as a customer-managed environment, whose inputs must all be strings.
    ///
    /// ## Why is this bad?
    /// The manifest tells Proton which files to render and how; without it the folder is
    /// ignored or the bundle is rejected.
    ///
    /// ## Example
    /// ```text
    /// schema/schema.yaml
    /// instance_infrastructure/cloudformation.yaml
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// schema/schema.yaml
    /// instance_infrastructure/manifest.yaml
    /// instance_infrastructure/cloudformation.yaml
    /// ```
    ("P011", "missing-manifest", Error, "an infrastructure folder without `manifest.yaml`")
}

pub(super) fn check(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    let files = bundle.files();
    let has_manifest = |dir: &str| files.lookup(&format!("{dir}/manifest.yaml")).is_some();
    let mut report = |dir: &str, message: String, help: String| {
        let near = files
            .files_under(dir)
            .map(|(_, p)| p)
            .find(|p| p.ends_with("/manifest.yml"));
        let help = near.map_or(help, |p| format!("rename `{p}` to `{dir}/manifest.yaml`"));
        out.push(Diagnostic::new(rule(), Location::Path(format!("{dir}/")), message).help(help));
    };
    match bundle.kind() {
        BundleKind::Environment => {
            if files.has_dir("infrastructure") {
                if !has_manifest("infrastructure") {
                    report(
                        "infrastructure",
                        "`infrastructure/` has no `manifest.yaml`".into(),
                        "add `infrastructure/manifest.yaml` naming the template file".into(),
                    );
                }
            } else if !is_service_layout(bundle) && !customer_managed_inputs(bundle) {
                report(
                    "infrastructure",
                    "the environment bundle has no `infrastructure/manifest.yaml`".into(),
                    "add `infrastructure/` with a manifest; only customer-managed environment templates omit it, and their inputs are all strings".into(),
                );
            }
        }
        BundleKind::Service { .. } => {
            // A preview-era `infrastructure/` folder is reported by `wrong-infrastructure-folder`.
            if !has_manifest("instance_infrastructure") && !has_manifest("infrastructure") {
                report(
                    "instance_infrastructure",
                    "the service bundle has no `instance_infrastructure/manifest.yaml`".into(),
                    "add `instance_infrastructure/manifest.yaml` naming the service instance template".into(),
                );
            }
            if files.has_dir("pipeline_infrastructure") && !has_manifest("pipeline_infrastructure") {
                report(
                    "pipeline_infrastructure",
                    "`pipeline_infrastructure/` has no `manifest.yaml`".into(),
                    "add `pipeline_infrastructure/manifest.yaml` naming the pipeline template".into(),
                );
            }
        }
        BundleKind::Component | BundleKind::Unknown => {}
    }
}

fn is_service_layout(bundle: &Bundle) -> bool {
    ["instance_infrastructure", "pipeline_infrastructure"]
        .iter()
        .any(|d| bundle.files().has_dir(d))
}

/// Whether the environment input type declares only string inputs, as a customer-managed
/// environment template must (or cannot be checked because the schema is broken).
fn customer_managed_inputs(bundle: &Bundle) -> bool {
    let Some(schema) = bundle.schema() else {
        return true;
    };
    let Some(input) = schema
        .environment_input_type
        .as_ref()
        .and_then(|t| schema.type_named(&t.value))
    else {
        return true;
    };
    input
        .properties
        .iter()
        .all(|(_, p)| p.type_name() == Some("string"))
}
