use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Reports a service bundle whose pipeline parts disagree: `pipeline_infrastructure/`
    /// without `pipeline_input_type` in the schema, or `pipeline_input_type` without
    /// `pipeline_infrastructure/`.
    ///
    /// ## Why is this bad?
    /// A service template has a pipeline (both parts present) or has none (both absent).
    /// Proton refuses a mismatch at registration, with messages such as
    /// `Missing property [pipelineInputType]`.
    ///
    /// ## Example
    /// ```yaml
    /// # schema/schema.yaml, with pipeline_infrastructure/ present
    /// schema:
    ///   format:
    ///     openapi: "3.0.0"
    ///   service_input_type: SvcInput
    ///   types: ...
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// schema:
    ///   format:
    ///     openapi: "3.0.0"
    ///   service_input_type: SvcInput
    ///   pipeline_input_type: PipelineInput
    ///   types: ...
    /// ```
    ("P013", "pipeline-mismatch", Error, "pipeline folder and `pipeline_input_type` that disagree")
}

pub(super) fn check(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    if !matches!(bundle.kind(), BundleKind::Service { .. }) {
        return;
    }
    let Some(schema) = bundle.schema() else {
        return;
    };
    let files = bundle.files();
    let folder = ["pipeline_infrastructure", "pipeline"]
        .into_iter()
        .find(|d| files.has_dir(d));
    match (folder, &schema.pipeline_input_type) {
        (Some(dir), None) => {
            let mut d = Diagnostic::new(
                rule(),
                Location::Path(format!("{dir}/")),
                format!("`{dir}/` exists but the schema declares no `pipeline_input_type`"),
            )
            .help("declare `pipeline_input_type` and its type under `types`, or remove the pipeline folder for a template without a pipeline");
            if let Some(svc) = &schema.service_input_type {
                d = d.secondary(svc.span, "the schema declares only this input type");
            }
            out.push(d);
        }
        (None, Some(pipeline)) => out.push(
            Diagnostic::new(
                rule(),
                pipeline.span,
                "the schema declares `pipeline_input_type` but the bundle has no `pipeline_infrastructure/`",
            )
            .label("pipeline input type without a pipeline")
            .help("add `pipeline_infrastructure/` with a manifest and template, or remove `pipeline_input_type` for a template without a pipeline"),
        ),
        _ => {}
    }
}
