//! What `protonkit lint` learns by rendering: every CloudFormation template is parsed, and
//! rendered once with inputs made up from the schema (each input's default, or a value of
//! its type that its constraints accept) and made-up outputs for every output name the
//! template reads, so that render errors and broken rendered CloudFormation show without a
//! spec. Component outputs stay `{}` as Proton documents, so reading one without
//! `default` is reported.

use std::sync::OnceLock;

use serde_json::{Map, Value as Json};

use super::bundle::render_error;
use super::context::{self, InstanceData, Metadata, Outputs};
use super::references::Scan;
use super::templates::Template;
use super::{cloudformation, Renderer};
use crate::bundle::{Bundle, BundleKind};
use crate::diagnostic::{Diagnostic, Location};
use crate::model::schema::SchemaObject;
use crate::rules::render_failed;
use crate::source::{FileId, FileSet, Span};
use crate::spec::{input_type, InputKind};

/// One renderer for every lint.
pub(crate) fn shared() -> &'static Renderer {
    static RENDERER: OnceLock<Renderer> = OnceLock::new();
    RENDERER.get_or_init(Renderer::new)
}

/// The findings of the rule with `code` among those of reading and rendering `bundle`'s
/// templates (each template read, scanned and parsed once for all of them).
pub(crate) fn lint_findings(bundle: &Bundle, code: &str) -> Vec<Diagnostic> {
    bundle
        .template_findings(|b| {
            let templates = super::templates::templates(b);
            let checked = super::crosscheck::findings(b, &templates);
            // A render failure on a line where a cross-check explains what is wrong says
            // less.
            let failed = render_failed::rule();
            let mut all: Vec<Diagnostic> = findings(b, &templates)
                .into_iter()
                .filter(|d| d.rule != failed || !checked.iter().any(|c| same_line(b, c, d)))
                .collect();
            all.extend(checked);
            all
        })
        .iter()
        .filter(|d| d.rule.code() == code)
        .cloned()
        .collect()
}

fn same_line(bundle: &Bundle, a: &Diagnostic, b: &Diagnostic) -> bool {
    match (&a.primary.location, &b.primary.location) {
        (Location::Span(x), Location::Span(y)) => {
            let files = bundle.files();
            x.file == y.file && files.start(*x).line == files.start(*y).line
        }
        _ => false,
    }
}

const MADE_UP: &str = " (rendered with inputs made up from the schema)";

fn findings(bundle: &Bundle, templates: &[Template<'_>]) -> Vec<Diagnostic> {
    let renderer = shared();
    let mut out = Vec::new();
    let contexts = contexts(bundle);
    for t in templates.iter().filter(|t| t.jinja) {
        // `{{resolve:...}}` is reported on its own (P315); it cannot render.
        if !t.scan.dynamic_references.is_empty() {
            continue;
        }
        let path = bundle.files().get(t.file).path();
        let Some(context) = contexts
            .iter()
            .find(|(dir, _)| *dir == t.dir)
            .map(|(_, c)| c)
        else {
            // Nothing to render it with: its syntax is still checked.
            if let Err(e) = renderer.check_syntax(path, t.text) {
                out.push(render_error(&e, t.file, ""));
            }
            continue;
        };
        let context = with_outputs(context, &t.scan);
        match renderer.render_traced(path, t.text, &context) {
            Err(e) if e.kind == super::RenderErrorKind::Syntax => {
                out.push(render_error(&e, t.file, ""));
            }
            Err(e) => {
                // Made-up values can fail where real ones would not (a made-up output used
                // as a key): a warning, not an error.
                let mut d = render_error(&e, t.file, "");
                d.message.push_str(MADE_UP);
                d.severity = crate::diagnostic::Severity::Warning;
                out.push(d);
            }
            Ok(rendered) => {
                let mut scratch = FileSet::new();
                let rendered_id = scratch.insert_text(path, rendered.text.clone());
                for mut d in cloudformation::check(&scratch, rendered_id, rendered_id, &rendered) {
                    d.secondary.clear();
                    d.primary.location = at_template(d.primary.location, t.file, &rendered, path);
                    d.primary.message = "the rendered template goes wrong here".into();
                    d.message.push_str(MADE_UP);
                    out.push(d);
                }
            }
        }
    }
    out
}

/// A finding in the rendered text, moved to the template text that wrote it.
fn at_template(
    location: Location,
    template: FileId,
    rendered: &super::Rendered,
    path: &str,
) -> Location {
    match location {
        Location::Span(span) => rendered.origin(span.range().start).map_or_else(
            || Location::Path(path.to_owned()),
            |r| Location::Span(Span::new(template, r)),
        ),
        other => other,
    }
}

/// The made-up context of each infrastructure folder. A folder whose input type the schema
/// does not resolve gets none: every input reference would fail, and the schema's own
/// findings say why.
fn contexts(bundle: &Bundle) -> Vec<(&'static str, Json)> {
    let meta = Metadata::default();
    let outputs = Outputs::default();
    let inputs = |kind| input_type(bundle, kind).map(|(_, t)| made_up(t));
    match bundle.kind() {
        BundleKind::Environment => inputs(InputKind::Environment)
            .map(|values| ("infrastructure", context::environment(&values, &meta)))
            .into_iter()
            .collect(),
        BundleKind::Service { .. } => {
            let Some(instance_inputs) = inputs(InputKind::ServiceInstance) else {
                return Vec::new();
            };
            let instance = InstanceData {
                name: "my-instance".into(),
                environment: meta.environment_name.clone(),
                inputs: instance_inputs,
            };
            let mut out = vec![(
                "instance_infrastructure",
                context::service_instance(&instance, &meta, &outputs),
            )];
            if let Some(values) = inputs(InputKind::Pipeline) {
                let pipeline =
                    context::pipeline(&values, std::slice::from_ref(&instance), &meta, &outputs);
                out.push(("pipeline_infrastructure", pipeline.clone()));
                out.push(("pipeline", pipeline));
            }
            out
        }
        _ => Vec::new(),
    }
}

/// Every input of an input type: its default, or a value its constraints accept.
fn made_up(ty: &SchemaObject) -> Map<String, Json> {
    let mut out = Map::new();
    for (name, prop) in &ty.properties {
        let value = prop.default.as_ref().map_or_else(
            || crate::spec::example_value(prop).0,
            crate::spec::node_to_json,
        );
        out.insert(name.value.clone(), value);
    }
    out
}

/// The context with a made-up value for every output name the template reads
/// (`...outputs.NAME`), for the environment's and every instance's outputs.
pub(crate) fn with_outputs(context: &Json, scan: &Scan) -> Json {
    let mut names = Map::new();
    for r in &scan.references {
        let at = r.path.iter().position(|p| p == "outputs");
        if let Some(name) = at.and_then(|i| r.path.get(i + 1)) {
            names.insert(name.clone(), Json::String(format!("{name}-value")));
        }
    }
    let mut context = context.clone();
    let fill = |node: Option<&mut Json>| {
        if let Some(Json::Object(map)) = node {
            for (k, v) in &names {
                map.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
    };
    fill(context.pointer_mut("/environment/outputs"));
    if let Some(Json::Array(list)) = context.get_mut("service_instances") {
        for item in list {
            fill(item.pointer_mut("/outputs"));
            fill(item.pointer_mut("/environment/outputs"));
        }
    }
    context
}
