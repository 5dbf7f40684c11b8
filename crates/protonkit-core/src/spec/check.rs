//! Checks a spec against a bundle: structure, then every input against the compiled schema.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::Value as Json;

use super::findings::{report_coercions, Site};
use super::inputs::{Reader, CURRENT_VALUE};
use super::model::{Section, SpecKind};
use super::structure::{misplaced, misplaced_key, name_problem, structure_problems};
use super::translate::required_inputs;
use super::validate::{InputSchema, Problem};
use super::Spec;
use crate::bundle::{Bundle, BundleKind};
use crate::diagnostic::{Diagnostic, Location};
use crate::model::schema::SchemaObject;
use crate::rules;
use crate::source::Span;
use crate::suggest::{hint, list};
use crate::yaml::{Node, Value};

/// Proton's limit on the length of a spec, in characters.
pub const MAX_SPEC_CHARS: usize = 51_200;
/// Proton's default quota of service instances per service.
pub const MAX_INSTANCES: usize = 20;
/// Proton's resource-name pattern, used for instance and environment names.
pub const RESOURCE_NAME_PATTERN: &str = "^[0-9A-Za-z]+[0-9A-Za-z_\\-]*$";

/// Which section of a spec an input type is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum InputKind {
    /// `EnvironmentSpec` `spec:` — `environment_input_type`.
    Environment,
    /// An instance's `spec:` — `service_input_type`.
    ServiceInstance,
    /// `pipeline:` — `pipeline_input_type`.
    Pipeline,
}

/// One input type of the bundle's schema, with its compiled validator.
pub(super) struct Compiled<'b> {
    pub(super) type_name: &'b str,
    pub(super) schema: &'b SchemaObject,
    pub(super) validator: &'b InputSchema,
}

/// Validates specs against one bundle; compiles each of the bundle's input types once, when
/// the first spec needs it (linting many bundles without specs compiles nothing).
///
/// `B` is how the checker holds the bundle: borrowed (`SpecChecker::new(&bundle)`) or
/// owned (`SpecChecker::new(bundle)`, for a checker kept between calls, as an editor
/// validating on every keystroke does).
pub struct SpecChecker<B: Borrow<Bundle>> {
    bundle: B,
    types: [OnceLock<InputSchema>; 3],
}

impl<B: Borrow<Bundle>> std::fmt::Debug for SpecChecker<B> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SpecChecker")
            .field("kind", &self.bundle().kind())
            .field(
                "compiled",
                &self.types.iter().filter(|t| t.get().is_some()).count(),
            )
            .finish()
    }
}

impl<B: Borrow<Bundle>> SpecChecker<B> {
    /// A checker for the input types that `bundle`'s schema names.
    #[must_use]
    pub fn new(bundle: B) -> Self {
        SpecChecker {
            bundle,
            types: [OnceLock::new(), OnceLock::new(), OnceLock::new()],
        }
    }

    /// The bundle specs are checked against.
    pub fn bundle(&self) -> &Bundle {
        self.bundle.borrow()
    }

    /// The compiled input type for `kind`, if the schema names one.
    fn compiled(&self, kind: InputKind) -> Option<Compiled<'_>> {
        let slot = match kind {
            InputKind::Environment => 0,
            InputKind::ServiceInstance => 1,
            InputKind::Pipeline => 2,
        };
        let (type_name, schema) = input_type(self.bundle(), kind)?;
        let validator = self.types[slot].get_or_init(|| InputSchema::compile(schema));
        Some(Compiled {
            type_name,
            schema,
            validator,
        })
    }

    /// Every problem of `spec`, in source order.
    #[must_use]
    pub fn check(&self, spec: &Spec) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        self.check_into(spec, &mut out);
        out.sort_by_key(|d| match &d.primary.location {
            Location::Span(s) => (s.start, d.rule.code()),
            Location::Path(_) => (0, d.rule.code()),
        });
        out
    }

    fn check_into(&self, spec: &Spec, out: &mut Vec<Diagnostic>) {
        let file = spec.files().get(spec.file());
        if let Some(d) = rules::file_not_utf8::for_file(file) {
            out.push(d);
            return;
        }
        let doc = spec.document();
        for issue in &doc.issues {
            out.extend(rules::invalid_yaml::from_issue(issue));
            out.extend(rules::duplicate_key::from_issue(issue));
        }
        let Some(root) = &doc.root else {
            if doc.issues.is_empty() {
                out.push(
                    Diagnostic::new(
                        rules::empty_file::rule(),
                        Span::new(spec.file(), 0..0),
                        format!("`{}` is empty", file.path()),
                    )
                    .help("start the spec with `proton: EnvironmentSpec` or `proton: ServiceSpec`"),
                );
            }
            return;
        };
        let text = spec.text();
        if let Some((offset, _)) = text.char_indices().nth(MAX_SPEC_CHARS) {
            let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
            out.push(
                Diagnostic::new(
                    rules::spec_too_long::rule(),
                    Span::new(spec.file(), offset..line_end),
                    format!(
                        "the spec is {} characters long; Proton accepts at most {MAX_SPEC_CHARS}",
                        text.chars().count()
                    ),
                )
                .label("the limit is reached here")
                .help(
                    "shorten the spec: move values that rarely change into defaults in schema.yaml",
                ),
            );
        }
        let model = spec.model();
        structure_problems(&model.problems, out);
        let Some(kind) = self.check_kind(spec, root, out) else {
            return;
        };
        match kind {
            SpecKind::Environment => {
                misplaced(model.pipeline.as_ref(), "pipeline", "a ServiceSpec", out);
                if let Some(key) = model.instances_key {
                    out.push(misplaced_key(key, "instances", "a ServiceSpec"));
                }
                let section = model.spec.as_ref();
                let owner = model.proton.as_ref().map_or(root.span, |(k, _)| *k);
                self.check_inputs(
                    spec,
                    InputKind::Environment,
                    section,
                    owner,
                    "the environment",
                    out,
                );
            }
            SpecKind::Service => {
                misplaced(
                    model.spec.as_ref(),
                    "spec",
                    "an EnvironmentSpec; service inputs go under each instance's `spec`",
                    out,
                );
                self.check_instances(spec, root, out);
                self.check_pipeline(spec, root, out);
            }
        }
    }

    /// Reports a missing, unknown or mismatched `proton:`; returns the kind to check as.
    fn check_kind(&self, spec: &Spec, root: &Node, out: &mut Vec<Diagnostic>) -> Option<SpecKind> {
        let model = spec.model();
        let expected = self.bundle().kind().spec_kind();
        let rule = rules::wrong_spec_kind::rule();
        let Some((key, value)) = &model.proton else {
            if root.as_map().is_some() {
                let suggested = expected.unwrap_or(SpecKind::Service).as_str();
                out.push(
                    Diagnostic::new(
                        rule,
                        root.span.start_point(),
                        "the spec has no `proton:` key",
                    )
                    .help(format!("add `proton: {suggested}` as the first line")),
                );
            }
            return None;
        };
        let Some(found) = model.kind() else {
            let written = value
                .scalar_text()
                .unwrap_or_else(|| value.kind_name().to_owned());
            let hint = hint(&written, ["EnvironmentSpec", "ServiceSpec"]);
            out.push(
                Diagnostic::new(
                    rule,
                    value.span,
                    format!("unknown spec kind `{written}`{hint}"),
                )
                .secondary(*key, "the spec kind")
                .help("write `EnvironmentSpec` or `ServiceSpec`"),
            );
            return None;
        };
        if let Some(expected) = expected.filter(|e| *e != found) {
            out.push(
                Diagnostic::new(
                    rule,
                    value.span,
                    format!(
                        "{} cannot be used with this {} template, which takes {}",
                        found.with_article(),
                        self.bundle().kind().as_str(),
                        expected.with_article()
                    ),
                )
                .label(format!("expected `{}`", expected.as_str()))
                .help("validate the spec against the template it is written for"),
            );
            return None;
        }
        Some(found)
    }

    fn check_instances(&self, spec: &Spec, root: &Node, out: &mut Vec<Diagnostic>) {
        let model = spec.model();
        let anchor = model.instances_key.unwrap_or(root.span.start_point());
        let written = root.get("instances").map_or(0, |v| match &v.value {
            Value::Seq(items) => items.len(),
            _ => 1,
        });
        if written == 0 {
            let message = if model.instances_key.is_some() {
                "`instances` is empty; a service needs at least one instance"
            } else {
                "the spec has no `instances`; a service needs at least one instance"
            };
            out.push(
                Diagnostic::new(rules::missing_instances::rule(), anchor, message)
                    .help("add an instance with `name`, `environment` and `spec`"),
            );
        } else if written > MAX_INSTANCES {
            out.push(
                Diagnostic::new(
                    rules::too_many_instances::rule(),
                    anchor,
                    format!("{written} instances; Proton's default quota is {MAX_INSTANCES} per service"),
                )
                .help("split the instances over several services, or make sure the account's quota was raised"),
            );
        }
        let mut seen: HashMap<&str, Span> = HashMap::new();
        for (i, instance) in model.instances.iter().enumerate() {
            if let Some(name) = &instance.name {
                out.extend(name_problem(
                    rules::invalid_instance_name::rule(),
                    name,
                    ("instance name", "an instance name"),
                ));
                if let Some(first) = seen.get(name.value.as_str()) {
                    out.push(
                        Diagnostic::new(
                            rules::duplicate_instance_name::rule(),
                            name.span,
                            format!("a second instance is named `{}`", name.value),
                        )
                        .label("repeated here")
                        .secondary(*first, "first used here")
                        .help("give every instance of the service its own name"),
                    );
                } else {
                    seen.insert(&name.value, name.span);
                }
            }
            if let Some(env) = &instance.environment {
                out.extend(name_problem(
                    rules::invalid_environment_name::rule(),
                    env,
                    ("environment name", "the environment's name"),
                ));
            }
            let label = instance.label(i);
            self.check_inputs(
                spec,
                InputKind::ServiceInstance,
                instance.spec.as_ref(),
                instance.name.as_ref().map_or(instance.span, |n| n.span),
                &format!("instance `{label}`"),
                out,
            );
        }
    }

    fn check_pipeline(&self, spec: &Spec, root: &Node, out: &mut Vec<Diagnostic>) {
        let model = spec.model();
        let has_pipeline = matches!(self.bundle().kind(), BundleKind::Service { pipeline: true });
        match &model.pipeline {
            Some(section) if !has_pipeline => out.push(
                Diagnostic::new(
                    rules::unexpected_pipeline_section::rule(),
                    section.key,
                    "`pipeline` is given, but this service template has no pipeline",
                )
                .help("remove the `pipeline` section"),
            ),
            Some(section) => {
                self.check_inputs(
                    spec,
                    InputKind::Pipeline,
                    Some(section),
                    section.key,
                    "the pipeline",
                    out,
                );
            }
            None => {
                let Some(compiled) = self.compiled(InputKind::Pipeline) else {
                    return;
                };
                let required = required_inputs(compiled.schema);
                if !required.is_empty() && has_pipeline {
                    let at = model.proton.as_ref().map_or(root.span, |(k, _)| *k);
                    out.push(
                        Diagnostic::new(
                            rules::missing_pipeline_section::rule(),
                            at,
                            format!(
                                "the spec has no `pipeline` section, but the pipeline requires {}",
                                list(&required)
                            ),
                        )
                        .help(format!(
                            "add a `pipeline:` section with {}",
                            list(&required)
                        )),
                    );
                }
            }
        }
    }

    /// Validates one section of inputs. `owner` is where a missing section is reported.
    fn check_inputs(
        &self,
        spec: &Spec,
        kind: InputKind,
        section: Option<&Section>,
        owner: Span,
        whose: &str,
        out: &mut Vec<Diagnostic>,
    ) {
        let Some(compiled) = self.compiled(kind) else {
            return;
        };
        let empty = Node {
            value: Value::Map(Vec::new()),
            span: owner,
            tag: None,
            quoted: false,
        };
        let node = match section {
            Some(s) if s.value.as_map().is_some() => &s.value,
            Some(s) if s.value.value == Value::Null => &empty,
            Some(_) => return, // wrong type, reported as a structure problem
            None => &empty,
        };
        let mut reader = Reader {
            source: spec.text(),
            coercions: Vec::new(),
        };
        let mut instance = reader.read(node, Some(compiled.schema), "");
        // `${Proton::CURRENT_VAL}` keeps whatever the input holds; only its name is checked.
        let mut kept = Vec::new();
        if let (Json::Object(map), Some(entries)) = (&mut instance, node.as_map()) {
            for (k, v) in entries {
                if v.as_str() == Some(CURRENT_VALUE) {
                    let name = k.scalar_text().unwrap_or_default();
                    if compiled.schema.property(&name).is_some() {
                        map.remove(&name);
                        kept.push(name);
                    }
                }
            }
        }
        report_coercions(&reader.coercions, whose, out);
        let section_name = if kind == InputKind::Pipeline {
            "`pipeline`"
        } else {
            "`spec`"
        };
        let site = Site {
            compiled: &compiled,
            node,
            section_key: section.map(|s| s.key),
            section_name,
            owner,
            whose,
        };
        for violation in compiled.validator.validate(&instance) {
            if let Problem::Required { property } = violation.kind {
                if violation.path.is_empty() && kept.iter().any(|k| k == property) {
                    continue;
                }
            }
            out.extend(site.diagnostics(&violation));
        }
    }
}

/// The input type `bundle`'s schema names for `kind`: its name and its Schema Object.
#[must_use]
pub fn input_type(bundle: &Bundle, kind: InputKind) -> Option<(&str, &SchemaObject)> {
    let schema = bundle.schema()?;
    let name = match kind {
        InputKind::Environment => &schema.environment_input_type,
        InputKind::ServiceInstance => &schema.service_input_type,
        InputKind::Pipeline => &schema.pipeline_input_type,
    };
    let name = name.as_ref()?;
    Some((name.value.as_str(), schema.type_named(&name.value)?))
}
