//! Checks a spec against a bundle: structure, then every input against the compiled schema.

use std::collections::HashMap;
use std::sync::OnceLock;

use jsonschema::error::ValidationErrorKind;
use jsonschema::paths::LocationSegment;
use jsonschema::Validator;
use serde_json::Value as Json;

use super::inputs::{join, Coercion, CoercionKind, Reader, CURRENT_VALUE};
use super::model::{Problem, Section, SpecKind, INSTANCE_KEYS, SPEC_KEYS};
use super::translate::{compile, required_inputs};
use super::Spec;
use crate::bundle::{Bundle, BundleKind};
use crate::diagnostic::{Diagnostic, Location};
use crate::model::schema::SchemaObject;
use crate::rules;
use crate::source::Span;
use crate::suggest::did_you_mean;
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

/// One input type of the bundle's schema, compiled once.
struct Compiled<'b> {
    type_name: &'b str,
    schema: &'b SchemaObject,
    validator: Result<Validator, String>,
}

/// Validates specs against one bundle; compiles each of the bundle's input types once, when
/// the first spec needs it (linting many bundles without specs compiles nothing).
pub struct SpecChecker<'b> {
    bundle: &'b Bundle,
    types: [OnceLock<Option<Compiled<'b>>>; 3],
}

impl std::fmt::Debug for SpecChecker<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SpecChecker")
            .field("kind", &self.bundle.kind())
            .field(
                "compiled",
                &self.types.iter().filter(|t| t.get().is_some()).count(),
            )
            .finish()
    }
}

impl<'b> SpecChecker<'b> {
    /// A checker for the input types that `bundle`'s schema names.
    #[must_use]
    pub fn new(bundle: &'b Bundle) -> Self {
        SpecChecker {
            bundle,
            types: [OnceLock::new(), OnceLock::new(), OnceLock::new()],
        }
    }

    /// The compiled input type for `kind`, if the schema names one.
    fn compiled(&self, kind: InputKind) -> Option<&Compiled<'b>> {
        let slot = match kind {
            InputKind::Environment => 0,
            InputKind::ServiceInstance => 1,
            InputKind::Pipeline => 2,
        };
        self.types[slot]
            .get_or_init(|| {
                let (type_name, schema) = input_type(self.bundle, kind)?;
                Some(Compiled {
                    type_name,
                    schema,
                    validator: compile(schema),
                })
            })
            .as_ref()
    }

    /// The bundle this checker validates against.
    #[must_use]
    pub fn bundle(&self) -> &'b Bundle {
        self.bundle
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
        let expected = self.bundle.kind().spec_kind();
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
            let hint = did_you_mean(&written, ["EnvironmentSpec", "ServiceSpec"])
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
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
                        self.bundle.kind().as_str(),
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
        let name_pattern = regress::Regex::new(RESOURCE_NAME_PATTERN).ok();
        let mut seen: HashMap<&str, Span> = HashMap::new();
        for (i, instance) in model.instances.iter().enumerate() {
            if let Some(name) = &instance.name {
                out.extend(name_problem(
                    rules::invalid_instance_name::rule(),
                    name,
                    ("instance name", "an instance name"),
                    name_pattern.as_ref(),
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
                    name_pattern.as_ref(),
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
        let has_pipeline = matches!(self.bundle.kind(), BundleKind::Service { pipeline: true });
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
        let validator = match &compiled.validator {
            Ok(v) => v,
            Err(e) => {
                out.push(Diagnostic::new(
                    rules::input_type_mismatch::rule(),
                    section.map_or(owner, |s| s.key),
                    format!("the inputs of {whose} cannot be checked: the input type `{}` does not compile ({e})", compiled.type_name),
                ));
                return;
            }
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
            compiled,
            node,
            section_key: section.map(|s| s.key),
            section_name,
            owner,
            whose,
        };
        for error in validator.iter_errors(&instance) {
            let segments: Vec<LocationSegment<'_>> = error.instance_path().iter().collect();
            if let ValidationErrorKind::Required { property } = error.kind() {
                if segments.is_empty()
                    && property
                        .as_str()
                        .is_some_and(|p| kept.iter().any(|k| k == p))
                {
                    continue;
                }
            }
            out.extend(site.diagnostics(&segments, error.kind(), &error.to_string()));
        }
    }
}

/// Where a section's inputs are, for turning validation errors into findings.
struct Site<'a> {
    compiled: &'a Compiled<'a>,
    node: &'a Node,
    section_key: Option<Span>,
    /// How to name the section in help: `` `spec` `` or `` `pipeline` ``.
    section_name: &'a str,
    owner: Span,
    whose: &'a str,
}

impl Site<'_> {
    fn diagnostics(
        &self,
        segments: &[LocationSegment<'_>],
        kind: &ValidationErrorKind,
        fallback: &str,
    ) -> Vec<Diagnostic> {
        let (value, key, schema, path) = self.locate(segments);
        let name = if path.is_empty() {
            format!("the inputs of {}", self.whose)
        } else {
            format!("input `{path}` of {}", self.whose)
        };
        let written = written(value);
        vec![match kind {
            ValidationErrorKind::Type { .. } => {
                let expected = schema
                    .and_then(SchemaObject::type_name)
                    .unwrap_or("another type");
                Diagnostic::new(
                    rules::input_type_mismatch::rule(),
                    value.span,
                    format!(
                        "{name} must be {}, but {written} is {}",
                        article(expected),
                        value.kind_name()
                    ),
                )
                .label(format!("expected {}", article(expected)))
                .help(type_help(expected))
            }
            ValidationErrorKind::Enum { options } => {
                let allowed: Vec<String> = options
                    .as_array()
                    .map(|a| a.iter().map(show).collect())
                    .unwrap_or_default();
                let hint = value
                    .as_str()
                    .and_then(|s| did_you_mean(s, allowed.iter().map(|a| a.trim_matches('`'))))
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                Diagnostic::new(
                    rules::input_not_in_enum::rule(),
                    value.span,
                    format!(
                        "{name} is {written}, which is not one of {}{hint}",
                        allowed.join(", ")
                    ),
                )
                .label("not an allowed value")
                .help("use one of the values the property's `enum` lists")
            }
            ValidationErrorKind::Pattern { pattern } => Diagnostic::new(
                rules::input_pattern_mismatch::rule(),
                value.span,
                format!("{name} is {written}, which does not match the pattern `{pattern}`"),
            )
            .label("does not match")
            .help("change the value so that the property's `pattern` matches it"),
            ValidationErrorKind::MinLength { limit } | ValidationErrorKind::MaxLength { limit } => {
                let chars = value.as_str().map_or(0, |s| s.chars().count());
                let (bound, keyword) = if matches!(kind, ValidationErrorKind::MinLength { .. }) {
                    ("at least", "minLength")
                } else {
                    ("at most", "maxLength")
                };
                Diagnostic::new(
                    rules::input_length_out_of_range::rule(),
                    value.span,
                    format!("{name} is {chars} characters long; the schema allows {bound} {limit} (`{keyword}`)"),
                )
                .label(format!("{chars} characters"))
                .help(format!("write a value of {bound} {}", plural(*limit, "character")))
            }
            ValidationErrorKind::Minimum { limit }
            | ValidationErrorKind::Maximum { limit }
            | ValidationErrorKind::ExclusiveMinimum { limit }
            | ValidationErrorKind::ExclusiveMaximum { limit } => {
                let (relation, keyword) = match kind {
                    ValidationErrorKind::Minimum { .. } => ("at least", "minimum"),
                    ValidationErrorKind::Maximum { .. } => ("at most", "maximum"),
                    ValidationErrorKind::ExclusiveMinimum { .. } => {
                        ("more than", "minimum` with `exclusiveMinimum")
                    }
                    _ => ("less than", "maximum` with `exclusiveMaximum"),
                };
                Diagnostic::new(
                    rules::input_out_of_range::rule(),
                    value.span,
                    format!(
                        "{name} is {written}; the schema allows {relation} {limit} (`{keyword}`)"
                    ),
                )
                .label("out of range")
                .help(format!("write a number {relation} {limit}"))
            }
            ValidationErrorKind::MinItems { limit } | ValidationErrorKind::MaxItems { limit } => {
                let count = match &value.value {
                    Value::Seq(items) => items.len(),
                    _ => 0,
                };
                let (bound, keyword) = if matches!(kind, ValidationErrorKind::MinItems { .. }) {
                    ("at least", "minItems")
                } else {
                    ("at most", "maxItems")
                };
                Diagnostic::new(
                    rules::invalid_input_items::rule(),
                    value.span,
                    format!("{name} has {count} item{}; the schema allows {bound} {limit} (`{keyword}`)", if count == 1 { "" } else { "s" }),
                )
                .help(format!("give {bound} {}", plural(*limit, "item")))
            }
            ValidationErrorKind::UniqueItems => Diagnostic::new(
                rules::invalid_input_items::rule(),
                value.span,
                format!("{name} repeats an item, but the schema sets `uniqueItems`"),
            )
            .help("remove the repeated items"),
            ValidationErrorKind::Format { format } => Diagnostic::new(
                rules::input_format_mismatch::rule(),
                value.span,
                format!("{name} is {written}, which is not a valid `{format}`"),
            )
            .label(format!("not a valid `{format}`"))
            .help(format!("write a value in the `{format}` format")),
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                let known: Vec<&str> = schema
                    .map(|s| s.properties.iter().map(|(n, _)| n.value.as_str()).collect())
                    .unwrap_or_default();
                let owner = if path.is_empty() {
                    format!("the input type `{}`", self.compiled.type_name)
                } else {
                    format!("`{path}`")
                };
                return unexpected
                    .iter()
                    .filter_map(|name| {
                        let (k, _) = value
                            .as_map()?
                            .iter()
                            .find(|(k, _)| k.scalar_text().as_deref() == Some(name))?;
                        Some(unknown_input(k.span, name, &owner, self.whose, &known))
                    })
                    .collect();
            }
            ValidationErrorKind::Required { property } => {
                let missing = property
                    .as_str()
                    .map_or_else(|| property.to_string(), str::to_owned);
                let at = key
                    .map(|k| k.span)
                    .or(if path.is_empty() {
                        self.section_key
                    } else {
                        None
                    })
                    .unwrap_or(self.owner);
                let prop_schema = schema.and_then(|s| s.property(&missing));
                let ty = prop_schema
                    .and_then(SchemaObject::type_name)
                    .unwrap_or("value");
                let section = if path.is_empty() {
                    self.section_name.to_owned()
                } else {
                    format!("`{path}`")
                };
                let subject = if path.is_empty() {
                    self.whose.to_owned()
                } else {
                    name.clone()
                };
                Diagnostic::new(
                    rules::missing_required_input::rule(),
                    at,
                    format!(
                        "{subject} lacks the required {} `{missing}`",
                        if path.is_empty() { "input" } else { "property" }
                    ),
                )
                .label(format!("`{missing}` is missing here"))
                .help(format!("add `{missing}: <{ty}>` under {section}"))
            }
            _ => Diagnostic::new(
                rules::input_type_mismatch::rule(),
                value.span,
                format!("{name}: {fallback}"),
            ),
        }]
    }

    /// The value at `segments`, the key that introduces it, its Schema Object and its path.
    fn locate(
        &self,
        segments: &[LocationSegment<'_>],
    ) -> (&Node, Option<&Node>, Option<&SchemaObject>, String) {
        let mut node = self.node;
        let mut key = None;
        let mut schema = Some(self.compiled.schema);
        let mut path = String::new();
        for segment in segments {
            match segment {
                LocationSegment::Property(name) => {
                    let Some((k, v)) = node.as_map().and_then(|m| {
                        m.iter()
                            .find(|(k, _)| k.scalar_text().as_deref() == Some(name.as_ref()))
                    }) else {
                        break;
                    };
                    key = Some(k);
                    node = v;
                    schema = schema.and_then(|s| s.property(name));
                    path = join(&path, name);
                }
                LocationSegment::Index(i) => {
                    let Some(item) = (match &node.value {
                        Value::Seq(items) => items.get(*i),
                        _ => None,
                    }) else {
                        break;
                    };
                    node = item;
                    schema = schema.and_then(|s| s.items.as_deref());
                    path = format!("{path}[{i}]");
                }
            }
        }
        (node, key, schema, path)
    }
}

fn structure_problems(problems: &[Problem], out: &mut Vec<Diagnostic>) {
    for problem in problems {
        out.push(match problem {
            Problem::WrongType {
                span,
                what,
                expected,
                found,
            } => Diagnostic::new(
                rules::invalid_spec_structure::rule(),
                *span,
                format!("{what} must be {expected}, but is {found}"),
            )
            .help(format!("write {what} as {expected}")),
            Problem::Missing { span, what, key } => Diagnostic::new(
                rules::invalid_spec_structure::rule(),
                *span,
                format!("{what} has no `{key}`"),
            )
            .help(format!("add `{key}:` to the instance")),
            Problem::UnknownKey {
                span,
                key,
                known,
                within,
            } => {
                let suggestion = did_you_mean(key, known.iter().copied());
                let valid = if *known == SPEC_KEYS {
                    "`proton`, `spec`, `pipeline` and `instances`"
                } else if *known == INSTANCE_KEYS {
                    "`name`, `environment` and `spec`"
                } else {
                    ""
                };
                Diagnostic::new(
                    rules::unknown_spec_key::rule(),
                    *span,
                    format!(
                        "unknown key `{key}` in {within}{}",
                        suggestion
                            .map(|s| format!("; did you mean `{s}`?"))
                            .unwrap_or_default()
                    ),
                )
                .label("not a spec key")
                .help(match suggestion {
                    Some(s) => format!("rename it to `{s}`"),
                    None => format!("remove it; {within} takes {valid}"),
                })
            }
        });
    }
}

fn misplaced(section: Option<&Section>, key: &str, belongs: &str, out: &mut Vec<Diagnostic>) {
    if let Some(section) = section {
        out.push(misplaced_key(section.key, key, belongs));
    }
}

fn misplaced_key(at: Span, key: &str, belongs: &str) -> Diagnostic {
    Diagnostic::new(
        rules::unknown_spec_key::rule(),
        at,
        format!("`{key}` belongs to {belongs}"),
    )
    .label("not used by this kind of spec")
    .help(format!("remove `{key}`, or check the `proton:` kind"))
}

fn report_coercions(coercions: &[Coercion], whose: &str, out: &mut Vec<Diagnostic>) {
    for c in coercions {
        let input = format!("input `{}` of {whose}", c.path);
        out.push(match &c.kind {
            CoercionKind::AmbiguousBoolean { word, value } => Diagnostic::new(
                rules::ambiguous_boolean::rule(),
                c.span,
                format!("{input} is `{word}`, a string in YAML 1.2 but `{value}` in YAML 1.1; protonkit reads `{value}`"),
            )
            .label(format!("write `{value}`"))
            .help(format!("write `{value}` so that every YAML parser reads the same value")),
            CoercionKind::NumberForString { text } => Diagnostic::new(
                rules::number_string_confusion::rule(),
                c.span,
                format!("{input} is a string, but `{text}` is written as a number"),
            )
            .label("a number in YAML")
            .help(format!("quote it: \"{text}\"")),
            CoercionKind::StringForNumber { text } => Diagnostic::new(
                rules::number_string_confusion::rule(),
                c.span,
                format!("{input} is a number, but \"{text}\" is written as a string"),
            )
            .label("a string in YAML")
            .help(format!("remove the quotes: {text}")),
        });
    }
}

fn input_type(bundle: &Bundle, kind: InputKind) -> Option<(&str, &SchemaObject)> {
    let schema = bundle.schema()?;
    let name = match kind {
        InputKind::Environment => &schema.environment_input_type,
        InputKind::ServiceInstance => &schema.service_input_type,
        InputKind::Pipeline => &schema.pipeline_input_type,
    };
    let name = name.as_ref()?;
    Some((name.value.as_str(), schema.type_named(&name.value)?))
}

/// The finding for a resource name that Proton does not accept; `what` names it in the
/// message and in the help.
fn name_problem(
    rule: crate::rules::Rule,
    name: &crate::model::Spanned<String>,
    (what, what_help): (&str, &str),
    pattern: Option<&regress::Regex>,
) -> Option<Diagnostic> {
    let problem = resource_name_problem(&name.value, pattern)?;
    Some(
        Diagnostic::new(
            rule,
            name.span,
            format!("{what} `{}` {problem}", name.value),
        )
        .help(name_help(&name.value, what_help)),
    )
}

/// What is wrong with a resource name, if anything.
fn resource_name_problem(name: &str, pattern: Option<&regress::Regex>) -> Option<String> {
    let chars = name.chars().count();
    if chars == 0 {
        return Some("is empty".to_owned());
    }
    if chars > 100 {
        return Some(format!(
            "is {chars} characters long; Proton allows at most 100"
        ));
    }
    if pattern.is_some_and(|p| p.find(name).is_none()) {
        return Some(
            "is not valid: Proton names start with a letter or digit and contain only letters, digits, `_` and `-`"
                .to_owned(),
        );
    }
    None
}

fn name_help(value: &str, what: &str) -> String {
    if value == CURRENT_VALUE {
        format!("`{CURRENT_VALUE}` only stands for input values; write {what}")
    } else if value.starts_with("arn:") {
        format!("write {what}, not its ARN")
    } else {
        format!("write {what} with letters, digits, `_` and `-` only, at most 100 characters")
    }
}

fn written(node: &Node) -> String {
    match &node.value {
        Value::Str(s) if s.chars().count() > 60 => {
            format!("`{}…`", s.chars().take(57).collect::<String>())
        }
        Value::Seq(_) => "the sequence".to_owned(),
        Value::Map(_) => "the mapping".to_owned(),
        _ => format!("`{}`", node.scalar_text().unwrap_or_default()),
    }
}

fn show(value: &Json) -> String {
    match value {
        Json::String(s) => format!("`{s}`"),
        other => format!("`{other}`"),
    }
}

fn article(ty: &str) -> String {
    match ty {
        "integer" | "array" | "object" => format!("an {ty}"),
        "another type" => ty.to_owned(),
        _ => format!("a {ty}"),
    }
}

fn type_help(ty: &str) -> &'static str {
    match ty {
        "string" => "write a string; quote it if YAML would read it as something else",
        "number" | "integer" => "write a number without quotes",
        "boolean" => "write `true` or `false`",
        "array" => "write a sequence (`- item` lines or `[a, b]`)",
        "object" => "write a mapping of keys and values",
        _ => "write a value of the type the schema declares",
    }
}

fn unknown_input(at: Span, name: &str, owner: &str, whose: &str, known: &[&str]) -> Diagnostic {
    let suggestion = did_you_mean(name, known.iter().copied());
    Diagnostic::new(
        rules::unknown_input::rule(),
        at,
        format!(
            "unknown input `{name}` in {whose}: {owner} has no such property{}",
            suggestion
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default()
        ),
    )
    .label("not in the schema")
    .help(match suggestion {
        Some(s) => format!("rename it to `{s}`"),
        None => "remove it, or add the property to schema.yaml".to_owned(),
    })
}

fn plural(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
        [] => String::new(),
    }
}
