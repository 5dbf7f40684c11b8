//! The structure of a spec file, read with positions.

use crate::model::Spanned;
use crate::source::Span;
use crate::yaml::{Node, Value};

/// What a spec file creates, from its `proton:` key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SpecKind {
    /// `proton: EnvironmentSpec`.
    Environment,
    /// `proton: ServiceSpec`.
    Service,
}

impl SpecKind {
    /// The value of `proton:` for this kind.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            SpecKind::Environment => "EnvironmentSpec",
            SpecKind::Service => "ServiceSpec",
        }
    }

    /// "an `EnvironmentSpec`" or "a `ServiceSpec`", for messages.
    #[must_use]
    pub fn with_article(self) -> &'static str {
        match self {
            SpecKind::Environment => "an `EnvironmentSpec`",
            SpecKind::Service => "a `ServiceSpec`",
        }
    }

    /// The kind named by a `proton:` value.
    #[must_use]
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "EnvironmentSpec" => Some(SpecKind::Environment),
            "ServiceSpec" => Some(SpecKind::Service),
            _ => None,
        }
    }
}

/// Keys at the top of a spec file.
pub const SPEC_KEYS: &[&str] = &["proton", "spec", "pipeline", "instances"];

/// Keys of a service instance.
pub const INSTANCE_KEYS: &[&str] = &["name", "environment", "spec"];

/// A section of inputs (`spec:` or `pipeline:`): its key and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The key (`spec`, `pipeline`).
    pub key: Span,
    /// The value as written (a mapping of inputs when the spec is well formed).
    pub value: Node,
}

/// One entry of `instances:`.
#[derive(Debug, Clone, PartialEq)]
pub struct Instance {
    /// The entry's mapping (or whatever was written instead).
    pub span: Span,
    /// `name`.
    pub name: Option<Spanned<String>>,
    /// `environment`.
    pub environment: Option<Spanned<String>>,
    /// `spec`.
    pub spec: Option<Section>,
}

impl Instance {
    /// The instance's name, or `#N` (1-based) when it has none, for messages.
    #[must_use]
    pub fn label(&self, index: usize) -> String {
        self.name
            .as_ref()
            .map_or_else(|| format!("#{}", index + 1), |n| n.value.clone())
    }
}

/// The parts of a spec file, as far as they could be read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SpecModel {
    /// The `proton` key and its value.
    pub proton: Option<(Span, Node)>,
    /// `spec:` (environment inputs).
    pub spec: Option<Section>,
    /// `pipeline:` (pipeline inputs).
    pub pipeline: Option<Section>,
    /// The `instances` key.
    pub instances_key: Option<Span>,
    /// The entries of `instances:` that are mappings.
    pub instances: Vec<Instance>,
    /// Structural problems, found while reading.
    pub(crate) problems: Vec<Problem>,
}

impl SpecModel {
    /// The kind the `proton:` key names.
    #[must_use]
    pub fn kind(&self) -> Option<SpecKind> {
        self.proton
            .as_ref()
            .and_then(|(_, v)| v.as_str())
            .and_then(SpecKind::parse)
    }
}

/// A structural problem found while reading a spec.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Problem {
    /// A value of the wrong type: where, which key, what it must be.
    WrongType {
        span: Span,
        what: String,
        expected: &'static str,
        found: &'static str,
    },
    /// A required key is absent from the mapping at `span`.
    Missing {
        span: Span,
        what: String,
        key: &'static str,
    },
    /// A key the format does not define.
    UnknownKey {
        span: Span,
        key: String,
        known: &'static [&'static str],
        within: String,
    },
}

/// Reads the structure of a spec from its root node.
#[must_use]
pub(crate) fn read(root: Option<&Node>) -> SpecModel {
    let mut model = SpecModel::default();
    let Some(root) = root else {
        return model;
    };
    let mut problems = Vec::new();
    if let Some(entries) = root.as_map() {
        for (k, v) in entries {
            match k.as_str() {
                Some("proton") => model.proton = Some((k.span, v.clone())),
                Some("spec") => model.spec = Some(section(k, v, "spec", &mut problems)),
                Some("pipeline") => {
                    model.pipeline = Some(section(k, v, "pipeline", &mut problems));
                }
                Some("instances") => {
                    model.instances_key = Some(k.span);
                    model.instances = instances(v, &mut problems);
                }
                _ => problems.push(Problem::UnknownKey {
                    span: k.span,
                    key: k.scalar_text().unwrap_or_default(),
                    known: SPEC_KEYS,
                    within: "a spec".to_owned(),
                }),
            }
        }
    } else {
        problems.push(Problem::WrongType {
            span: root.span,
            what: "the spec".to_owned(),
            expected: "a mapping",
            found: root.kind_name(),
        });
    }
    model.problems = problems;
    model
}

fn section(key: &Node, value: &Node, what: &str, problems: &mut Vec<Problem>) -> Section {
    if !matches!(value.value, Value::Map(_) | Value::Null) {
        problems.push(Problem::WrongType {
            span: value.span,
            what: format!("`{what}`"),
            expected: "a mapping of inputs",
            found: value.kind_name(),
        });
    }
    Section {
        key: key.span,
        value: value.clone(),
    }
}

fn instances(value: &Node, problems: &mut Vec<Problem>) -> Vec<Instance> {
    let items = match &value.value {
        Value::Seq(items) => items.as_slice(),
        Value::Null => &[],
        _ => {
            problems.push(Problem::WrongType {
                span: value.span,
                what: "`instances`".to_owned(),
                expected: "a sequence of instances",
                found: value.kind_name(),
            });
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Some(entries) = item.as_map() else {
            problems.push(Problem::WrongType {
                span: item.span,
                what: format!("instance #{}", i + 1),
                expected: "a mapping with `name`, `environment` and `spec`",
                found: item.kind_name(),
            });
            continue;
        };
        let mut instance = Instance {
            span: item.span,
            name: None,
            environment: None,
            spec: None,
        };
        for (k, v) in entries {
            match k.as_str() {
                Some("name") => {
                    instance.name = string(v, &format!("instance #{} `name`", i + 1), problems)
                }
                Some("environment") => {
                    instance.environment =
                        string(v, &format!("instance #{} `environment`", i + 1), problems);
                }
                Some("spec") => instance.spec = Some(section(k, v, "spec", problems)),
                _ => problems.push(Problem::UnknownKey {
                    span: k.span,
                    key: k.scalar_text().unwrap_or_default(),
                    known: INSTANCE_KEYS,
                    within: format!("instance #{}", i + 1),
                }),
            }
        }
        let label = instance.label(i);
        for (key, present) in [
            (
                "name",
                instance.name.is_some() || item.get("name").is_some(),
            ),
            (
                "environment",
                instance.environment.is_some() || item.get("environment").is_some(),
            ),
        ] {
            if !present {
                problems.push(Problem::Missing {
                    span: entries.first().map_or(item.span, |(k, _)| k.span),
                    what: format!("instance `{label}`"),
                    key,
                });
            }
        }
        out.push(instance);
    }
    out
}

/// A string value; names written as numbers (`name: 2024`) are read as their text, as
/// Proton receives them.
fn string(value: &Node, what: &str, problems: &mut Vec<Problem>) -> Option<Spanned<String>> {
    match &value.value {
        Value::Str(s) => Some(Spanned {
            value: s.clone(),
            span: value.span,
        }),
        Value::Int(_) | Value::Float(_) | Value::Bool(_) => Some(Spanned {
            value: value.scalar_text().unwrap_or_default(),
            span: value.span,
        }),
        _ => {
            problems.push(Problem::WrongType {
                span: value.span,
                what: what.to_owned(),
                expected: "a string",
                found: value.kind_name(),
            });
            None
        }
    }
}
