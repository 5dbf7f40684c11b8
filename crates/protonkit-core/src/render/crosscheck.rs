//! Checks of what templates read against the schema and the namespaces Proton provides,
//! without a spec and without rendering (reference section 5.2): misspelt inputs, inputs no
//! template reads, namespaces a template type does not get, preview-era names, hyphenated
//! names read as subtraction, unescaped `{{resolve:...}}`, unknown filters, optional inputs
//! and component outputs read without a guard.

use std::collections::BTreeSet;

use super::references::{Reference, Scan};
use crate::bundle::{Bundle, BundleKind};
use crate::diagnostic::Diagnostic;
use crate::model::schema::SchemaObject;
use crate::rules::support::manifests;
use crate::rules::{
    component_output_without_default, hyphenated_attribute, legacy_parameter_name,
    unavailable_namespace, unescaped_dynamic_reference, unguarded_optional_input, unknown_filter,
    unknown_input_reference, unused_input,
};
use crate::source::{FileId, Span};
use crate::spec::{input_type, InputKind};
use crate::suggest::{did_you_mean, suffix};

/// Jinja2's built-in filters, and Proton's.
pub const FILTERS: &[&str] = &[
    "abs",
    "attr",
    "batch",
    "capitalize",
    "center",
    "count",
    "d",
    "default",
    "dictsort",
    "e",
    "escape",
    "filesizeformat",
    "first",
    "float",
    "forceescape",
    "format",
    "groupby",
    "indent",
    "int",
    "items",
    "join",
    "last",
    "length",
    "list",
    "lower",
    "map",
    "max",
    "min",
    "pprint",
    "random",
    "reject",
    "rejectattr",
    "replace",
    "reverse",
    "round",
    "safe",
    "select",
    "selectattr",
    "slice",
    "sort",
    "string",
    "striptags",
    "sum",
    "title",
    "tojson",
    "trim",
    "truncate",
    "unique",
    "upper",
    "urlencode",
    "urlize",
    "wordcount",
    "wordwrap",
    "xmlattr",
    "proton_cfn_ecs_task_definition_formatted_env_vars",
    "proton_cfn_lambda_function_formatted_env_vars",
    "proton_cfn_iam_policy_arns",
    "proton_cfn_sanitize",
];

/// The template types of reference section 5.2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TemplateType {
    Environment,
    Instance,
    Pipeline,
    Component,
}

impl TemplateType {
    pub(crate) fn of(bundle: &Bundle, dir: &str) -> Option<Self> {
        match (bundle.kind(), dir) {
            (BundleKind::Environment, "infrastructure") => Some(TemplateType::Environment),
            (BundleKind::Service { .. }, "instance_infrastructure") => Some(TemplateType::Instance),
            (BundleKind::Service { .. }, "pipeline_infrastructure" | "pipeline") => {
                Some(TemplateType::Pipeline)
            }
            (BundleKind::Component, "") => Some(TemplateType::Component),
            _ => None,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            TemplateType::Environment => "an environment template",
            TemplateType::Instance => "a service instance template",
            TemplateType::Pipeline => "a pipeline template",
            TemplateType::Component => "a component template",
        }
    }

    /// The top-level names Proton gives this template type.
    fn roots(self) -> &'static [&'static str] {
        match self {
            TemplateType::Environment => &["environment"],
            TemplateType::Instance => &["environment", "service", "service_instance"],
            TemplateType::Pipeline => &["service", "pipeline", "service_instances"],
            TemplateType::Component => &["environment", "service", "service_instance", "component"],
        }
    }
}

/// Preview-era names and what replaced them.
const LEGACY: &[(&str, &str)] = &[
    ("service_name", "service.name"),
    ("service_instance_name", "service_instance.name"),
    ("source.repository", "service.repository_id"),
    ("source.branch", "service.branch_name"),
    ("source.connection_arn", "service.repository_connection_arn"),
];

/// One template with the type it is checked as.
struct Template<'t> {
    file: FileId,
    ty: TemplateType,
    scan: &'t Scan,
    jinja: bool,
}

pub(crate) fn findings(bundle: &Bundle, all: &[super::templates::Template<'_>]) -> Vec<Diagnostic> {
    let templates: Vec<Template<'_>> = all
        .iter()
        .filter_map(|t| {
            Some(Template {
                file: t.file,
                ty: TemplateType::of(bundle, t.dir)?,
                scan: &t.scan,
                jinja: t.jinja,
            })
        })
        .collect();
    let mut out = Vec::new();
    for t in &templates {
        check_template(bundle, t, &mut out);
    }
    unused_inputs(bundle, &templates, &mut out);
    out
}

fn span(file: FileId, range: std::ops::Range<usize>) -> Span {
    Span::new(file, range)
}

/// The span of path segment `i`. A reference through a loop variable has a longer path
/// than it has written segments (`service_instance` stands for `service_instances.[]`).
fn segment(r: &Reference, i: usize) -> std::ops::Range<usize> {
    let extra = r.path.len() - r.spans.len();
    r.spans[i.saturating_sub(extra).min(r.spans.len() - 1)].clone()
}

fn check_template(bundle: &Bundle, t: &Template, out: &mut Vec<Diagnostic>) {
    if t.jinja {
        for r in &t.scan.dynamic_references {
            out.push(
                Diagnostic::new(
                    unescaped_dynamic_reference::rule(),
                    span(t.file, r.clone()),
                    "this CloudFormation dynamic reference is Jinja syntax to Proton's renderer",
                )
                .label("read as a Jinja expression")
                .help("wrap it in `{% raw %}...{% endraw %}`, or write it as a string: `{{ '{{resolve:...}}' }}`"),
            );
        }
        for (name, range) in &t.scan.filters {
            if !FILTERS.contains(&name.as_str()) {
                out.push(
                    Diagnostic::new(
                        unknown_filter::rule(),
                        span(t.file, range.clone()),
                        format!(
                            "`{name}` is not a Jinja2 or Proton filter{}",
                            suffix(did_you_mean(name, FILTERS.iter().copied()))
                        ),
                    )
                    .label("unknown filter"),
                );
            }
        }
    }
    for r in &t.scan.references {
        check_reference(bundle, t, r, out);
    }
}

fn check_reference(bundle: &Bundle, t: &Template, r: &Reference, out: &mut Vec<Diagnostic>) {
    let path: Vec<&str> = r.path.iter().map(String::as_str).collect();
    let dotted = r.dotted();
    let at = span(t.file, r.span());
    if let Some(tail) = &r.hyphen_tail {
        let last = &r.path[r.path.len() - 1];
        let name = format!(
            "{last}{}",
            &bundle.files().get(t.file).text().unwrap_or_default()[tail.clone()]
        );
        let parent = &r.path[..r.path.len() - 1].join(".");
        out.push(
            Diagnostic::new(
                hyphenated_attribute::rule(),
                span(t.file, r.spans[r.spans.len() - 1].start..tail.end),
                format!(
                    "`{dotted}{}` is read as a subtraction: `{dotted}` minus `{}`",
                    &name[last.len()..],
                    &name[last.len() + 1..]
                ),
            )
            .label("a `-` in a dotted name")
            .help(format!("write `{parent}[\"{name}\"]`")),
        );
        return;
    }
    if let Some((old, new)) = legacy(&path, t.ty) {
        out.push(
            Diagnostic::new(
                legacy_parameter_name::rule(),
                at,
                format!("`{old}` is a preview-era parameter name; Proton has used `{new}` since it became generally available"),
            )
            .label("preview-era name")
            .help(format!("write `{new}`")),
        );
        return;
    }
    if !t.ty.roots().contains(&path[0]) {
        if let Some(available) = unavailable(&path, t.ty) {
            out.push(
                Diagnostic::new(
                    unavailable_namespace::rule(),
                    at,
                    format!("`{available}` is not available in {}", t.ty.describe()),
                )
                .label("not in this template's namespace"),
            );
        }
        return;
    }
    if t.ty == TemplateType::Environment
        && path.len() > 1
        && path[..2] == ["environment", "outputs"]
    {
        out.push(
            Diagnostic::new(
                unavailable_namespace::rule(),
                at,
                "environment templates get no outputs of other resources: `environment.outputs` is not available",
            )
            .label("not in this template's namespace"),
        );
        return;
    }
    if let Some((kind, rest)) = inputs_of(&path, t.ty) {
        check_input(bundle, t, r, kind, rest, out);
    }
    if path.len() == 5
        && path[..4] == ["service_instance", "components", "default", "outputs"]
        && !r.guarded
    {
        out.push(
            Diagnostic::new(
                component_output_without_default::rule(),
                at,
                format!("`{dotted}` fails to render when no component is attached, or it has no output `{}`", path[4]),
            )
            .label("read without `default`")
            .help(format!("write `{dotted} | default(...)`, or test it with `is defined`")),
        );
    }
}

/// A preview-era name and its current form.
fn legacy(path: &[&str], ty: TemplateType) -> Option<(String, String)> {
    let two = path.iter().take(2).copied().collect::<Vec<_>>().join(".");
    for (old, new) in LEGACY {
        if path[0] == *old || two == *old {
            return Some(((*old).to_owned(), (*new).to_owned()));
        }
    }
    let attribute = path.get(1).copied()?;
    let (root, known, replacement): (&str, &[&str], &str) = match (path[0], ty) {
        ("environment", TemplateType::Environment) => (
            "environment",
            &["name", "inputs", "account_id", "outputs"],
            "inputs",
        ),
        ("environment", TemplateType::Instance | TemplateType::Component) => (
            "environment",
            &["name", "outputs", "account_id", "inputs"],
            "outputs",
        ),
        ("service_instance", TemplateType::Instance | TemplateType::Component) => (
            "service_instance",
            &["name", "inputs", "components", "environment", "outputs"],
            "inputs",
        ),
        ("pipeline", TemplateType::Pipeline) => ("pipeline", &["inputs"], "inputs"),
        _ => return None,
    };
    (!known.contains(&attribute)).then(|| {
        (
            format!("{root}.{attribute}"),
            format!("{root}.{replacement}.{attribute}"),
        )
    })
}

/// The Proton namespace a reference names that this template type does not get.
fn unavailable(path: &[&str], ty: TemplateType) -> Option<String> {
    let all = [
        "environment",
        "service",
        "service_instance",
        "pipeline",
        "service_instances",
        "component",
    ];
    (all.contains(&path[0]) && !ty.roots().contains(&path[0])).then(|| path[0].to_owned())
}

/// For a preview-era input read (`environment.X`, `service_instance.X`, `pipeline.X`):
/// which input type, and the input.
fn legacy_input<'p>(path: &'p [&'p str], ty: TemplateType) -> Option<(InputKind, &'p str)> {
    let (old, new) = legacy(path, ty)?;
    let name = new.rsplit_once(".inputs.")?.1;
    let kind = match old.split('.').next()? {
        "environment" => InputKind::Environment,
        "service_instance" => InputKind::ServiceInstance,
        "pipeline" => InputKind::Pipeline,
        _ => return None,
    };
    path.iter().copied().find(|p| *p == name).map(|n| (kind, n))
}

/// For `<namespace>.inputs.<rest>`: which input type, and the rest of the path.
fn inputs_of<'p>(path: &'p [&'p str], ty: TemplateType) -> Option<(InputKind, &'p [&'p str])> {
    match (path, ty) {
        (["environment", "inputs", rest @ ..], TemplateType::Environment) => {
            Some((InputKind::Environment, rest))
        }
        (
            ["service_instance", "inputs", rest @ ..],
            TemplateType::Instance | TemplateType::Component,
        ) => Some((InputKind::ServiceInstance, rest)),
        (["pipeline", "inputs", rest @ ..], TemplateType::Pipeline) => {
            Some((InputKind::Pipeline, rest))
        }
        (["service_instances", "[]", "inputs", rest @ ..], TemplateType::Pipeline) => {
            Some((InputKind::ServiceInstance, rest))
        }
        _ => None,
    }
}

fn check_input(
    bundle: &Bundle,
    t: &Template,
    r: &Reference,
    kind: InputKind,
    rest: &[&str],
    out: &mut Vec<Diagnostic>,
) {
    let (Some((type_name, ty)), Some(name)) = (input_type(bundle, kind), rest.first()) else {
        return;
    };
    let index = r.path.len() - rest.len();
    let at = span(t.file, segment(r, index));
    let Some(prop) = ty.property(name) else {
        let names = property_names(ty);
        out.push(
            Diagnostic::new(
                unknown_input_reference::rule(),
                at,
                format!(
                    "`{}` reads input `{name}`, which input type `{type_name}` does not define{}",
                    r.dotted(),
                    suffix(did_you_mean(name, names.iter().copied()))
                ),
            )
            .label("not an input"),
        );
        return;
    };
    // One level into an object input.
    if let (Some(inner), false) = (rest.get(1), prop.properties.is_empty()) {
        if prop.property(inner).is_none() && prop.items.is_none() {
            let names = property_names(prop);
            out.push(
                Diagnostic::new(
                    unknown_input_reference::rule(),
                    span(t.file, segment(r, index + 1)),
                    format!(
                        "`{}` reads `{inner}`, which input `{name}` does not define{}",
                        r.dotted(),
                        suffix(did_you_mean(inner, names.iter().copied()))
                    ),
                )
                .label("not a property of the input"),
            );
        }
    }
    let optional = !ty.required.iter().any(|q| q.value == *name) && prop.default.is_none();
    if optional && !r.guarded && t.jinja {
        out.push(
            Diagnostic::new(
                unguarded_optional_input::rule(),
                at,
                format!("optional input `{name}` has no default; when a spec leaves it out, `{}` fails to render", r.dotted()),
            )
            .label("read without a guard")
            .help(format!("give `{name}` a default in the schema, or write `{} | default(...)` or test it with `is defined`", r.dotted())),
        );
    }
}

fn property_names(object: &SchemaObject) -> Vec<&str> {
    object
        .properties
        .iter()
        .map(|(n, _)| n.value.as_str())
        .collect()
}

/// Inputs that no template reads (a whole-object read such as `environment.inputs |
/// tojson` reads them all). CodeBuild bundles pass every input to their scripts, so they
/// are not checked.
fn unused_inputs(bundle: &Bundle, templates: &[Template], out: &mut Vec<Diagnostic>) {
    let codebuild = manifests(bundle).any(|(_, m)| m.templates.iter().any(|e| e.is_codebuild()));
    if codebuild || templates.is_empty() {
        return;
    }
    for kind in [
        InputKind::Environment,
        InputKind::ServiceInstance,
        InputKind::Pipeline,
    ] {
        let Some((type_name, ty)) = input_type(bundle, kind) else {
            continue;
        };
        let mut read = BTreeSet::new();
        let mut whole = false;
        for t in templates {
            for r in &t.scan.references {
                let path: Vec<&str> = r.path.iter().map(String::as_str).collect();
                // A preview-era read (`environment.vpc_cidr`, reported on its own) still
                // names the input.
                if let Some((k, name)) = legacy_input(&path, t.ty) {
                    if k == kind {
                        read.insert(name.to_owned());
                    }
                }
                if let Some((k, rest)) = inputs_of(&path, t.ty) {
                    if k == kind {
                        match rest.first() {
                            // `inputs.cost-center` (reported on its own) means `cost-center`.
                            Some(name) => {
                                let tail = r.hyphen_tail.clone().and_then(|tail| {
                                    bundle
                                        .files()
                                        .get(t.file)
                                        .text()?
                                        .get(tail)
                                        .map(str::to_owned)
                                });
                                read.insert(format!("{name}{}", tail.unwrap_or_default()));
                            }
                            None => whole = true,
                        }
                    }
                }
            }
        }
        if whole {
            continue;
        }
        report_unused(type_name, ty, &read, out);
    }
}

fn report_unused(
    type_name: &str,
    ty: &SchemaObject,
    read: &BTreeSet<String>,
    out: &mut Vec<Diagnostic>,
) {
    for (name, _) in &ty.properties {
        if !read.contains(&name.value) {
            out.push(
                Diagnostic::new(
                    unused_input::rule(),
                    name.span,
                    format!(
                        "input `{}` of `{type_name}` is not read by any template",
                        name.value
                    ),
                )
                .label("never read")
                .help(
                    "remove the input, or use it in a template; specs that set it change nothing",
                ),
            );
        }
    }
}
