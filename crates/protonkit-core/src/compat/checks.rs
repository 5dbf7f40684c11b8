//! The second stage of a comparison: one check per family of schema difference, each
//! emitting [`Change`]s. The level of every id, and why, is on [`ChangeId`].

use super::schema_diff::{attribute_span, Attribute, Delta, InputRole, PropertySide, TypeSide};
use super::{Change, ChangeId, CompatOptions};
use crate::model::schema::SchemaObject;
use crate::source::Span;
use crate::spec::node_to_json;

/// Classifies one schema difference.
pub(super) fn classify(delta: &Delta<'_>, options: &CompatOptions, out: &mut Vec<Change>) {
    let mut emit = |id: ChangeId, message: String, base: Option<Span>, revision: Option<Span>| {
        out.push(Change {
            id,
            level: options.level(id),
            message,
            base_span: base,
            revision_span: revision,
        });
    };
    match delta {
        Delta::InputType {
            role,
            base,
            revision,
        } => input_type(*role, *base, *revision, &mut emit),
        Delta::Property {
            role,
            path,
            base,
            revision,
            attributes,
        } => {
            let name = format!("{} input `{path}`", role.noun());
            match (base, revision) {
                (None, Some(r)) => added(&name, r, &mut emit),
                (Some(b), None) => emit(
                    ChangeId::InputRemoved,
                    format!("{name} was removed"),
                    Some(b.key),
                    None,
                ),
                (Some(b), Some(r)) => {
                    for attribute in attributes {
                        let spans = (
                            Some(attribute_span(b, *attribute)),
                            Some(attribute_span(r, *attribute)),
                        );
                        if let Some((id, message)) = changed(&name, *attribute, b, r) {
                            emit(id, message, spans.0, spans.1);
                        }
                    }
                }
                (None, None) => {}
            }
        }
    }
}

type Emit<'e> = dyn FnMut(ChangeId, String, Option<Span>, Option<Span>) + 'e;

fn input_type(
    role: InputRole,
    base: Option<TypeSide<'_>>,
    revision: Option<TypeSide<'_>>,
    emit: &mut Emit<'_>,
) {
    let key = role.key();
    let span = |s: Option<TypeSide<'_>>| s.map(|s| s.reference.span);
    let (id, message) = match (base, revision, role) {
        (None, Some(r), InputRole::Pipeline) => (
            ChangeId::PipelineInputTypeAdded,
            format!(
                "`{key}: {}` was added: the service gains a pipeline",
                r.reference.value
            ),
        ),
        (Some(b), None, InputRole::Pipeline) => (
            ChangeId::PipelineInputTypeRemoved,
            format!(
                "`{key}: {}` was removed: the service loses its pipeline",
                b.reference.value
            ),
        ),
        (None, Some(r), _) => (
            ChangeId::InputTypeAdded,
            format!("`{key}: {}` was added", r.reference.value),
        ),
        (Some(b), None, _) => (
            ChangeId::InputTypeRemoved,
            format!(
                "`{key}: {}` was removed: specs can no longer set {} inputs",
                b.reference.value,
                role.noun()
            ),
        ),
        (Some(b), Some(r), _) => (
            ChangeId::InputTypeRenamed,
            format!(
                "`{key}` now names `{}` instead of `{}`",
                r.reference.value, b.reference.value
            ),
        ),
        (None, None, _) => return,
    };
    emit(id, message, span(base), span(revision));
}

fn added(name: &str, r: &PropertySide<'_>, emit: &mut Emit<'_>) {
    let (id, message) = match (r.required.is_some(), r.has_default()) {
        (false, _) => (
            ChangeId::InputAddedOptional,
            format!("optional {name} was added"),
        ),
        (true, true) => (
            ChangeId::InputAddedRequiredWithDefault,
            format!("required {name} was added, with a default"),
        ),
        (true, false) => (
            ChangeId::InputAddedRequiredWithoutDefault,
            format!("required {name} was added without a default: every spec must now set it"),
        ),
    };
    emit(id, message, None, Some(r.key));
}

/// The change one differing attribute makes.
fn changed(
    name: &str,
    attribute: Attribute,
    b: &PropertySide<'_>,
    r: &PropertySide<'_>,
) -> Option<(ChangeId, String)> {
    let (bo, ro) = (b.object, r.object);
    Some(match attribute {
        Attribute::Required => required(name, r),
        Attribute::Type => {
            let (from, to) = (
                bo.type_name().unwrap_or("any"),
                ro.type_name().unwrap_or("any"),
            );
            let id = if from == "integer" && to == "number" {
                ChangeId::InputTypeWidened
            } else {
                ChangeId::InputTypeChanged
            };
            (
                id,
                format!("the type of {name} changed from `{from}` to `{to}`"),
            )
        }
        Attribute::Nullable => {
            if ro.nullable.as_ref().is_some_and(|n| n.value) {
                (
                    ChangeId::InputNullableAdded,
                    format!("{name} became nullable"),
                )
            } else {
                (
                    ChangeId::InputNullableRemoved,
                    format!("{name} is no longer nullable: `null` becomes invalid"),
                )
            }
        }
        Attribute::Enum => enumeration(name, bo, ro),
        Attribute::Pattern => match (&bo.pattern, &ro.pattern) {
            (None, Some(p)) => (
                ChangeId::InputPatternAdded,
                format!("{name} must now match `{}`", p.value),
            ),
            (Some(p), None) => (
                ChangeId::InputPatternRemoved,
                format!("{name} no longer has to match `{}`", p.value),
            ),
            (Some(from), Some(to)) => (
                ChangeId::InputPatternChanged,
                format!(
                    "the pattern of {name} changed from `{}` to `{}`",
                    from.value, to.value
                ),
            ),
            (None, None) => return None,
        },
        Attribute::Format => match (&bo.format, &ro.format) {
            (None, Some(f)) => (
                ChangeId::InputFormatAdded,
                format!("{name} must now have format `{}`", f.value),
            ),
            (Some(f), None) => (
                ChangeId::InputFormatRemoved,
                format!("{name} no longer has format `{}`", f.value),
            ),
            (Some(from), Some(to)) => (
                ChangeId::InputFormatChanged,
                format!(
                    "the format of {name} changed from `{}` to `{}`",
                    from.value, to.value
                ),
            ),
            (None, None) => return None,
        },
        Attribute::MinLength | Attribute::MaxLength | Attribute::MinItems | Attribute::MaxItems => {
            use ChangeId::{
                InputMaxItemsDecreased, InputMaxItemsIncreased, InputMaxLengthDecreased,
                InputMaxLengthIncreased, InputMinItemsDecreased, InputMinItemsIncreased,
                InputMinLengthDecreased, InputMinLengthIncreased,
            };
            let (keyword, from, to, ids) = match attribute {
                Attribute::MinLength => (
                    "minLength",
                    &bo.min_length,
                    &ro.min_length,
                    [InputMinLengthIncreased, InputMinLengthDecreased],
                ),
                Attribute::MaxLength => (
                    "maxLength",
                    &bo.max_length,
                    &ro.max_length,
                    [InputMaxLengthDecreased, InputMaxLengthIncreased],
                ),
                Attribute::MinItems => (
                    "minItems",
                    &bo.min_items,
                    &ro.min_items,
                    [InputMinItemsIncreased, InputMinItemsDecreased],
                ),
                _ => (
                    "maxItems",
                    &bo.max_items,
                    &ro.max_items,
                    [InputMaxItemsDecreased, InputMaxItemsIncreased],
                ),
            };
            count_change(name, keyword, value(from), value(to), ids)
        }
        Attribute::Minimum | Attribute::Maximum => {
            let lower = attribute == Attribute::Minimum;
            let bound = |o: &SchemaObject| {
                if lower {
                    Bound::new(value(&o.minimum), value(&o.exclusive_minimum))
                } else {
                    Bound::new(value(&o.maximum), value(&o.exclusive_maximum))
                }
            };
            let (from, to) = (bound(bo), bound(ro));
            let (narrower, [narrowed, widened], op, which) = if lower {
                let ids = [
                    ChangeId::InputMinimumIncreased,
                    ChangeId::InputMinimumDecreased,
                ];
                (from.lower_rank() < to.lower_rank(), ids, ">", "lower")
            } else {
                let ids = [
                    ChangeId::InputMaximumDecreased,
                    ChangeId::InputMaximumIncreased,
                ];
                (from.upper_rank() > to.upper_rank(), ids, "<", "upper")
            };
            (
                if narrower { narrowed } else { widened },
                format!(
                    "the {which} bound of {name} changed from {} to {}",
                    from.describe(op),
                    to.describe(op)
                ),
            )
        }
        Attribute::UniqueItems => {
            if value(&ro.unique_items).unwrap_or(false) {
                (
                    ChangeId::InputUniqueItemsAdded,
                    format!("the items of {name} must now be unique"),
                )
            } else {
                (
                    ChangeId::InputUniqueItemsRemoved,
                    format!("the items of {name} no longer have to be unique"),
                )
            }
        }
        Attribute::Default => default(name, b, r),
        Attribute::Title => (
            ChangeId::InputTitleChanged,
            format!("the title of {name} changed"),
        ),
        Attribute::Description => (
            ChangeId::InputDescriptionChanged,
            format!("the description of {name} changed"),
        ),
        Attribute::Example => (
            ChangeId::InputExampleChanged,
            format!("the example of {name} changed"),
        ),
    })
}

fn value<T: Copy>(s: &Option<crate::model::Spanned<T>>) -> Option<T> {
    s.as_ref().map(|s| s.value)
}

fn required(name: &str, r: &PropertySide<'_>) -> (ChangeId, String) {
    if r.required.is_none() {
        return (
            ChangeId::InputBecameOptional,
            format!("{name} became optional"),
        );
    }
    if r.has_default() {
        (
            ChangeId::InputBecameRequiredWithDefault,
            format!("{name} became required; its default fills it in for specs that leave it out"),
        )
    } else {
        (
            ChangeId::InputBecameRequired,
            format!(
                "{name} became required and has no default: specs that leave it out become invalid"
            ),
        )
    }
}

fn default(name: &str, b: &PropertySide<'_>, r: &PropertySide<'_>) -> (ChangeId, String) {
    let show = |n: &crate::yaml::Node| shown(&node_to_json(n));
    match (&b.object.default, &r.object.default) {
        (None, Some(to)) => (
            ChangeId::InputDefaultAdded,
            format!("{name} gained the default `{}`", show(to)),
        ),
        (Some(from), None) if r.required.is_some() => (
            ChangeId::InputDefaultRemovedFromRequired,
            format!(
                "required {name} lost its default `{}`: specs that relied on it must now set it",
                show(from)
            ),
        ),
        (Some(from), None) => (
            ChangeId::InputDefaultRemoved,
            format!("{name} lost its default `{}`", show(from)),
        ),
        (Some(from), Some(to)) => (
            ChangeId::InputDefaultChanged,
            format!(
                "the default of {name} changed from `{}` to `{}`",
                show(from),
                show(to)
            ),
        ),
        (None, None) => (
            ChangeId::InputDefaultChanged,
            format!("the default of {name} changed"),
        ),
    }
}

fn enumeration(name: &str, bo: &SchemaObject, ro: &SchemaObject) -> (ChangeId, String) {
    let values = |o: &SchemaObject| {
        o.enum_values
            .as_ref()
            .map(|(_, v)| v.iter().map(node_to_json).collect::<Vec<_>>())
    };
    let list = |v: &[serde_json::Value]| {
        v.iter()
            .map(|v| format!("`{}`", shown(v)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (values(bo), values(ro)) {
        (None, Some(to)) => (
            ChangeId::InputEnumAdded,
            format!("{name} must now be one of {}", list(&to)),
        ),
        (Some(_), None) => (
            ChangeId::InputEnumRemoved,
            format!("{name} is no longer limited to a list of values"),
        ),
        (Some(from), Some(to)) => {
            let removed: Vec<_> = from.iter().filter(|v| !to.contains(v)).cloned().collect();
            let added: Vec<_> = to.iter().filter(|v| !from.contains(v)).cloned().collect();
            if removed.is_empty() {
                (
                    ChangeId::InputEnumValueAdded,
                    format!("{name} now also accepts {}", list(&added)),
                )
            } else {
                (
                    ChangeId::InputEnumValueRemoved,
                    format!("{name} no longer accepts {}", list(&removed)),
                )
            }
        }
        (None, None) => (
            ChangeId::InputEnumRemoved,
            format!("the enum of {name} changed"),
        ),
    }
}

/// A value as a message shows it: strings as written, anything else as JSON.
fn shown(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A `minLength`/`maxLength`/`minItems`/`maxItems` change: a larger lower count or a
/// smaller upper count narrows. `ids` are the narrowing and the widening change.
fn count_change(
    name: &str,
    keyword: &str,
    from: Option<u64>,
    to: Option<u64>,
    [narrowed, widened]: [ChangeId; 2],
) -> (ChangeId, String) {
    let narrower = if keyword.starts_with("min") {
        to.unwrap_or(0) > from.unwrap_or(0)
    } else {
        to.unwrap_or(u64::MAX) < from.unwrap_or(u64::MAX)
    };
    let id = if narrower { narrowed } else { widened };
    (id, count_message(name, keyword, from, to))
}

fn count_message(name: &str, keyword: &str, from: Option<u64>, to: Option<u64>) -> String {
    match (from, to) {
        (None, Some(to)) => format!("`{keyword}: {to}` was set on {name}"),
        (Some(from), None) => format!("`{keyword}: {from}` was removed from {name}"),
        (Some(from), Some(to)) => format!("`{keyword}` of {name} changed from {from} to {to}"),
        (None, None) => format!("`{keyword}` of {name} changed"),
    }
}

/// A numeric bound with OpenAPI 3.0's boolean exclusivity.
#[derive(Clone, Copy)]
struct Bound {
    value: Option<f64>,
    exclusive: bool,
}

impl Bound {
    fn new(value: Option<f64>, exclusive: Option<bool>) -> Self {
        Bound {
            value,
            exclusive: exclusive.unwrap_or(false),
        }
    }

    /// Orders lower bounds from loosest to tightest: none, then by value, inclusive before
    /// exclusive.
    fn lower_rank(self) -> (bool, f64, bool) {
        match self.value {
            None => (false, 0.0, false),
            Some(v) => (true, v, self.exclusive),
        }
    }

    /// Orders upper bounds from tightest to loosest: by value, exclusive before inclusive,
    /// then none.
    fn upper_rank(self) -> (bool, f64, bool) {
        match self.value {
            None => (true, 0.0, true),
            Some(v) => (false, v, !self.exclusive),
        }
    }

    fn describe(self, op: &str) -> String {
        match self.value {
            None => "none".to_owned(),
            Some(v) if self.exclusive => format!("`{op} {v}`"),
            Some(v) => format!("`{op}= {v}`"),
        }
    }
}
