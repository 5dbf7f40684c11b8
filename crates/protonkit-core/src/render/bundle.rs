//! Rendering a whole bundle for a spec: every template the manifests name, for every
//! instance and the pipeline, with the input files Terraform and CodeBuild receive.

use serde_json::{Map, Value as Json};

use super::context::{self, InstanceData, Metadata, Outputs};
use super::provisioning::{self, Resource};
use super::{cloudformation, RenderError, Renderer};
use crate::bundle::{Bundle, BundleKind};
use crate::diagnostic::{Diagnostic, Location};
use crate::rules::render_failed;
use crate::rules::support::{manifests, named_files};
use crate::source::{join_display, FileId, FileSet, Span};
use crate::spec::{effective_inputs, InputKind, Spec, SpecKind};
use crate::yaml::{Node, Value};

/// What to render and how to name it.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct RenderOptions {
    /// What Proton knows that specs do not say.
    pub metadata: Metadata,
    /// Outputs of other resources.
    pub outputs: Outputs,
    /// Render only this service instance (and not the pipeline).
    pub instance: Option<String>,
    /// Give every output a template reads that `outputs` lacks a placeholder value
    /// (`<Name>-value`), so that templates render without real outputs.
    pub placeholder_outputs: bool,
    /// The template's name, for `proton_tags` (the `<name>` of `<name>/v<N>/` if unset).
    pub template_name: Option<String>,
    /// How the bundle's files are shown in findings (the bundle folder as given).
    pub bundle_display: String,
    /// How rendered files are shown in findings (the output folder).
    pub out_display: String,
}

/// A file the rendering produced.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct RenderedFile {
    /// Where it goes, relative to the output folder
    /// (`instances/web/instance_infrastructure/cloudformation.yaml`).
    pub path: String,
    /// Its text, in [`Rendering::files`].
    pub file: FileId,
    /// The template it was rendered from, in [`Rendering::files`] (none for generated
    /// input files).
    pub template: Option<FileId>,
    /// The data the template was rendered with.
    pub context: Option<Json>,
}

/// A template that did not render (its error is among the diagnostics).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct RenderFailure {
    /// Where its output would have gone.
    pub path: String,
    /// The template, in [`Rendering::files`].
    pub template: FileId,
    /// The data it was rendered with.
    pub context: Json,
}

/// The result of rendering a bundle.
#[derive(Debug)]
#[non_exhaustive]
pub struct Rendering {
    /// The bundle's files (under the bundle's display path) and the rendered files (under
    /// the output folder's), so that findings can point at both.
    pub files: FileSet,
    /// The rendered and generated files, in order.
    pub outputs: Vec<RenderedFile>,
    /// The templates that did not render.
    pub failures: Vec<RenderFailure>,
    /// Render errors and problems found in the rendered files.
    pub diagnostics: Vec<Diagnostic>,
}

/// One resource to render: its type, context, the folder its templates are in and the
/// prefix of its output paths.
struct Unit {
    resource: Resource,
    context: Json,
    dirs: &'static [&'static str],
    prefix: String,
    name: String,
}

/// Renders every template of `bundle` for `spec`. The spec should be valid (see
/// [`crate::spec::SpecChecker`]); inputs it lacks are simply absent.
#[must_use]
pub fn render_bundle(
    renderer: &Renderer,
    bundle: &Bundle,
    spec: &Spec,
    options: &RenderOptions,
) -> Rendering {
    let mut files = FileSet::new();
    let ids: Vec<FileId> = bundle
        .files()
        .iter()
        .map(|(_, f)| {
            files.insert_display(
                join_display(&options.bundle_display, f.path()),
                f.contents().clone(),
            )
        })
        .collect();
    let mut rendering = Rendering {
        files,
        outputs: Vec::new(),
        failures: Vec::new(),
        diagnostics: Vec::new(),
    };
    let units = match units(bundle, spec, options) {
        Ok(units) => units,
        Err(message) => {
            rendering.diagnostics.push(Diagnostic::new(
                render_failed::rule(),
                Location::Path(options.bundle_display.clone()),
                message,
            ));
            return rendering;
        }
    };
    let template_name = options
        .template_name
        .clone()
        .or_else(|| bundle.sync_layout().map(|s| s.template_name.clone()))
        .unwrap_or_else(|| "my-template".into());
    let mut r = Run {
        renderer,
        bundle,
        ids: &ids,
        options,
        rendering: &mut rendering,
    };
    for unit in &units {
        r.unit(unit, &template_name);
    }
    rendering
}

fn units(bundle: &Bundle, spec: &Spec, options: &RenderOptions) -> Result<Vec<Unit>, String> {
    let model = spec.model();
    let inputs = |kind: InputKind, node: Option<&Node>| {
        effective_inputs(
            crate::spec::input_type(bundle, kind).map(|(_, t)| t),
            node,
            spec.text(),
        )
    };
    let meta = &options.metadata;
    let want = |expected: SpecKind| match spec.kind() {
        Some(k) if k == expected => Ok(()),
        _ => Err(format!(
            "`{}` renders from {}, and this spec is not one",
            bundle.kind().as_str(),
            expected.with_article()
        )),
    };
    match bundle.kind() {
        BundleKind::Environment => {
            want(SpecKind::Environment)?;
            let values = inputs(InputKind::Environment, model.spec.as_ref().map(|s| &s.value));
            Ok(vec![Unit {
                resource: Resource::Environment,
                context: context::environment(&values, meta),
                dirs: &["infrastructure"],
                prefix: String::new(),
                name: meta.environment_name.clone(),
            }])
        }
        BundleKind::Service { pipeline } => {
            want(SpecKind::Service)?;
            let instances = instances(bundle, spec, options)?;
            let mut out: Vec<Unit> = instances
                .iter()
                .map(|i| Unit {
                    resource: Resource::ServiceInstance,
                    context: context::service_instance(i, meta, &options.outputs),
                    dirs: &["instance_infrastructure"],
                    prefix: format!("instances/{}/", i.name),
                    name: meta.service_name.clone(),
                })
                .collect();
            if pipeline && options.instance.is_none() {
                let values = inputs(InputKind::Pipeline, model.pipeline.as_ref().map(|s| &s.value));
                out.push(Unit {
                    resource: Resource::Pipeline,
                    context: context::pipeline(&values, &instances, meta, &options.outputs),
                    dirs: &["pipeline_infrastructure", "pipeline"],
                    prefix: "pipeline/".into(),
                    name: meta.service_name.clone(),
                });
            }
            Ok(out)
        }
        BundleKind::Component => {
            want(SpecKind::Service)?;
            Ok(instances(bundle, spec, options)?
                .iter()
                .map(|i| Unit {
                    resource: Resource::Component,
                    context: context::component(i, meta, &options.outputs),
                    dirs: &[""],
                    prefix: format!("instances/{}/", i.name),
                    name: meta.component_name.clone(),
                })
                .collect())
        }
        _ => Err("the bundle is neither an environment, a service nor a component template (`protonkit lint` says why)".into()),
    }
}

fn instances(
    bundle: &Bundle,
    spec: &Spec,
    options: &RenderOptions,
) -> Result<Vec<InstanceData>, String> {
    let service_type = crate::spec::input_type(bundle, InputKind::ServiceInstance).map(|(_, t)| t);
    let all: Vec<InstanceData> = spec
        .model()
        .instances
        .iter()
        .filter_map(|i| {
            Some(InstanceData {
                name: i.name.as_ref()?.value.clone(),
                environment: i.environment.as_ref().map_or_else(
                    || options.metadata.environment_name.clone(),
                    |e| e.value.clone(),
                ),
                inputs: effective_inputs(
                    service_type,
                    i.spec.as_ref().map(|s| &s.value),
                    spec.text(),
                ),
            })
        })
        .collect();
    match &options.instance {
        None => Ok(all),
        Some(name) => {
            let names: Vec<&str> = all.iter().map(|i| i.name.as_str()).collect();
            match all.iter().find(|i| i.name == *name) {
                Some(i) => Ok(vec![i.clone()]),
                None => Err(format!(
                    "the spec has no instance named `{name}`{}; it has {}",
                    crate::suggest::suffix(crate::suggest::did_you_mean(
                        name,
                        names.iter().copied()
                    )),
                    crate::suggest::list(&names)
                )),
            }
        }
    }
}

struct Run<'a> {
    renderer: &'a Renderer,
    bundle: &'a Bundle,
    ids: &'a [FileId],
    options: &'a RenderOptions,
    rendering: &'a mut Rendering,
}

impl Run<'_> {
    fn unit(&mut self, unit: &Unit, template_name: &str) {
        let bundle = self.bundle;
        for (m, model) in manifests(bundle) {
            if !unit.dirs.contains(&m.dir.as_str()) {
                continue;
            }
            let out_dir = format!(
                "{}{}",
                unit.prefix,
                if m.dir.is_empty() {
                    String::new()
                } else {
                    format!("{}/", m.dir)
                }
            );
            for entry in &model.templates {
                if entry.is_codebuild() {
                    // CodeBuild runs in a checkout of the folder: its scripts come along.
                    for (id, path) in bundle.files().files_under(&m.dir) {
                        let rel = path
                            .strip_prefix(&m.dir)
                            .unwrap_or(path)
                            .trim_start_matches('/');
                        if rel != "manifest.yaml" {
                            let contents = bundle.files().get(id).contents().clone();
                            self.output(&format!("{out_dir}{rel}"), contents, Some(id), None);
                        }
                    }
                    self.generated(
                        &format!("{out_dir}proton-inputs.json"),
                        provisioning::codebuild_inputs(unit.resource, &unit.context),
                    );
                    if let Some(properties) = project_properties(m, entry) {
                        self.project_properties(unit, properties, &out_dir);
                    }
                } else if entry.is_terraform() {
                    for id in named_files(bundle, &m.dir, entry) {
                        let file = bundle.files().get(id);
                        let rel = file
                            .path()
                            .strip_prefix(&m.dir)
                            .unwrap_or(file.path())
                            .trim_start_matches('/');
                        self.output(
                            &format!("{out_dir}{rel}"),
                            file.contents().clone(),
                            Some(id),
                            None,
                        );
                    }
                    let tags = provisioning::proton_tags(
                        unit.resource,
                        &self.options.metadata.account_id,
                        template_name,
                        &unit.name,
                    );
                    self.generated(
                        &format!("{out_dir}proton.{}.variables.tf", unit.resource.as_str()),
                        provisioning::terraform_variables(unit.resource),
                    );
                    self.generated(
                        &format!("{out_dir}proton.auto.tfvars.json"),
                        provisioning::terraform_values(unit.resource, &unit.context, &tags),
                    );
                } else if entry.is_cloudformation() {
                    for id in named_files(bundle, &m.dir, entry) {
                        self.template(unit, id, &out_dir, &m.dir);
                    }
                }
            }
        }
    }

    fn template(&mut self, unit: &Unit, id: FileId, out_dir: &str, dir: &str) {
        let file = self.bundle.files().get(id);
        let Some(source) = file.text() else {
            return;
        };
        let rel = file
            .path()
            .strip_prefix(dir)
            .unwrap_or(file.path())
            .trim_start_matches('/');
        let context = if self.options.placeholder_outputs {
            super::lint::with_outputs(&unit.context, &super::references::scan(source))
        } else {
            unit.context.clone()
        };
        match self.renderer.render_traced(file.path(), source, &context) {
            Ok(rendered) => {
                let out = self.output(
                    &format!("{out_dir}{rel}"),
                    crate::source::Contents::from_bytes(rendered.text.clone().into_bytes()),
                    Some(id),
                    Some(context.clone()),
                );
                let template = self.ids[id.index()];
                let findings =
                    cloudformation::check(&self.rendering.files, out, template, &rendered);
                self.rendering.diagnostics.extend(findings);
            }
            Err(e) => {
                let d = render_error(&e, self.ids[id.index()], &unit.prefix);
                self.rendering.diagnostics.push(d);
                self.rendering.failures.push(RenderFailure {
                    path: format!("{out_dir}{rel}"),
                    template: self.ids[id.index()],
                    context,
                });
            }
        }
    }

    /// `settings.project_properties` with every string rendered, as JSON.
    fn project_properties(&mut self, unit: &Unit, properties: &Node, out_dir: &str) {
        let mut failed = false;
        let value = self.render_node(unit, properties, &mut failed);
        if !failed {
            self.generated(
                &format!("{out_dir}project_properties.json"),
                serde_json::to_string_pretty(&value).unwrap_or_default() + "\n",
            );
        }
    }

    fn render_node(&mut self, unit: &Unit, node: &Node, failed: &mut bool) -> Json {
        match &node.value {
            Value::Str(s) => match self.renderer.render("project_properties", s, &unit.context) {
                Ok(text) => Json::String(text),
                Err(e) => {
                    *failed = true;
                    let span = Span {
                        file: self.ids[node.span.file.index()],
                        ..node.span
                    };
                    self.rendering.diagnostics.push(
                        Diagnostic::new(
                            render_failed::rule(),
                            span,
                            format!("{}{}", e.message, for_unit(&unit.prefix)),
                        )
                        .label("in this value"),
                    );
                    Json::Null
                }
            },
            Value::Seq(items) => Json::Array(
                items
                    .iter()
                    .map(|i| self.render_node(unit, i, failed))
                    .collect(),
            ),
            Value::Map(entries) => Json::Object(
                entries
                    .iter()
                    .map(|(k, v)| {
                        (
                            k.scalar_text().unwrap_or_default(),
                            self.render_node(unit, v, failed),
                        )
                    })
                    .collect::<Map<_, _>>(),
            ),
            _ => crate::spec::node_to_json(node),
        }
    }

    fn generated(&mut self, path: &str, text: String) {
        self.output(
            path,
            crate::source::Contents::from_bytes(text.into_bytes()),
            None,
            None,
        );
    }

    fn output(
        &mut self,
        path: &str,
        contents: crate::source::Contents,
        template: Option<FileId>,
        context: Option<Json>,
    ) -> FileId {
        let file = self
            .rendering
            .files
            .insert_display(join_display(&self.options.out_display, path), contents);
        self.rendering.outputs.push(RenderedFile {
            path: path.to_owned(),
            file,
            template: template.map(|t| self.ids[t.index()]),
            context,
        });
        file
    }
}

fn project_properties<'m>(
    m: &'m crate::bundle::ManifestFile,
    entry: &crate::model::manifest::TemplateEntry,
) -> Option<&'m Node> {
    let root = m.yaml.doc.as_ref()?.root.as_ref()?;
    let templates = root.get("infrastructure")?.get("templates")?;
    let Value::Seq(items) = &templates.value else {
        return None;
    };
    let item = items.iter().find(|i| i.span == entry.span)?;
    item.get("settings")
        .or_else(|| item.get("codebuild"))?
        .get("project_properties")
}

fn for_unit(prefix: &str) -> String {
    match prefix.trim_end_matches('/') {
        "" => String::new(),
        "pipeline" => " (rendering the pipeline)".into(),
        p => format!(
            " (rendering instance `{}`)",
            p.trim_start_matches("instances/")
        ),
    }
}

/// A render error as a finding at the expression or tag that failed.
pub(crate) fn render_error(e: &RenderError, file: FileId, prefix: &str) -> Diagnostic {
    let span = Span::new(file, e.range.clone().unwrap_or(0..0));
    let label = match e.kind {
        super::RenderErrorKind::Syntax => "here",
        super::RenderErrorKind::Undefined => "not defined",
        super::RenderErrorKind::OutOfFuel => "still running here",
        _ => "failed here",
    };
    let rule = if e.kind == super::RenderErrorKind::Syntax {
        crate::rules::jinja_syntax_error::rule()
    } else {
        render_failed::rule()
    };
    Diagnostic::new(rule, span, format!("{}{}", e.message, for_unit(prefix))).label(label)
}
