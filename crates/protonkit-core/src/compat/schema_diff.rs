//! The first stage of a comparison: what differs between two schema models, input type by
//! input type, property by property, attribute by attribute, with spans on both sides.
//! Nothing here judges a difference; `super::checks` does.

use crate::model::schema::{Schema, SchemaObject};
use crate::model::{join, Spanned};
use crate::source::Span;
use crate::spec::node_to_json;

/// The three input types a schema can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputRole {
    /// `environment_input_type`.
    Environment,
    /// `service_input_type`.
    Service,
    /// `pipeline_input_type`.
    Pipeline,
}

impl InputRole {
    /// The schema key that names the type.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            InputRole::Environment => "environment_input_type",
            InputRole::Service => "service_input_type",
            InputRole::Pipeline => "pipeline_input_type",
        }
    }

    /// `environment`, `service` or `pipeline`, as messages name the inputs.
    #[must_use]
    pub fn noun(self) -> &'static str {
        match self {
            InputRole::Environment => "environment",
            InputRole::Service => "service",
            InputRole::Pipeline => "pipeline",
        }
    }

    fn reference(self, schema: &Schema) -> Option<&Spanned<String>> {
        match self {
            InputRole::Environment => schema.environment_input_type.as_ref(),
            InputRole::Service => schema.service_input_type.as_ref(),
            InputRole::Pipeline => schema.pipeline_input_type.as_ref(),
        }
    }
}

/// One side of an input type: the `*_input_type` reference and the type it names.
#[derive(Debug, Clone, Copy)]
pub struct TypeSide<'a> {
    /// The `*_input_type` value.
    pub reference: &'a Spanned<String>,
    /// The type under `types`, when it exists.
    pub object: Option<&'a SchemaObject>,
}

/// One side of a property.
#[derive(Debug, Clone, Copy)]
pub struct PropertySide<'a> {
    /// The property's key (for array items, the `items` object).
    pub key: Span,
    /// The property's Schema Object.
    pub object: &'a SchemaObject,
    /// The entry that makes it required, when one does.
    pub required: Option<Span>,
}

impl PropertySide<'_> {
    /// Whether a spec may leave the property out: not required, or required with a default
    /// that Proton fills in.
    #[must_use]
    pub fn has_default(&self) -> bool {
        self.object.default.is_some()
    }
}

/// An attribute of a Schema Object that differs between the sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
#[allow(missing_docs)]
pub enum Attribute {
    Required,
    Type,
    Nullable,
    Enum,
    Pattern,
    Format,
    MinLength,
    MaxLength,
    Minimum,
    Maximum,
    MinItems,
    MaxItems,
    UniqueItems,
    Default,
    Title,
    Description,
    Example,
}

/// A difference between the schemas.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Delta<'a> {
    /// An input type is named on one side only, or names different types.
    InputType {
        /// Which input type.
        role: InputRole,
        /// The base side.
        base: Option<TypeSide<'a>>,
        /// The revision side.
        revision: Option<TypeSide<'a>>,
    },
    /// A property is on one side only, or its attributes differ.
    Property {
        /// The input type it belongs to.
        role: InputRole,
        /// Its dotted path from the input type (`port`, `network.cidr`, `subnets[]`).
        path: String,
        /// The base side, `None` when added.
        base: Option<PropertySide<'a>>,
        /// The revision side, `None` when removed.
        revision: Option<PropertySide<'a>>,
        /// The attributes that differ, when on both sides.
        attributes: Vec<Attribute>,
    },
}

/// What differs between `base` and `revision`, in the revision's order (removals where the
/// base had them).
#[must_use]
pub fn diff<'a>(base: &'a Schema, revision: &'a Schema) -> Vec<Delta<'a>> {
    let mut out = Vec::new();
    for role in [
        InputRole::Environment,
        InputRole::Service,
        InputRole::Pipeline,
    ] {
        let side = |schema: &'a Schema| {
            role.reference(schema).map(|reference| TypeSide {
                reference,
                object: schema.type_named(&reference.value),
            })
        };
        let (b, r) = (side(base), side(revision));
        if b.is_none() && r.is_none() {
            continue;
        }
        let renamed =
            matches!((b, r), (Some(b), Some(r)) if b.reference.value != r.reference.value);
        if b.is_none() || r.is_none() || renamed {
            out.push(Delta::InputType {
                role,
                base: b,
                revision: r,
            });
        }
        // A removed input type is one change, not one per input; an added pipeline type
        // is breaking as a whole. An added environment or service type is compared with an
        // empty one, so that its required inputs show.
        let compare_properties = match (b, r) {
            (Some(_), Some(_)) => true,
            (None, Some(_)) => role != InputRole::Pipeline,
            _ => false,
        };
        if compare_properties {
            let props = |s: Option<TypeSide<'a>>| -> Properties<'a> {
                s.and_then(|s| s.object)
                    .map_or((&[], &[]), |o| (&o.properties, &o.required))
            };
            properties(role, "", props(b), props(r), &mut out);
        }
    }
    out
}

type Properties<'a> = (&'a [(Spanned<String>, SchemaObject)], &'a [Spanned<String>]);

fn properties<'a>(
    role: InputRole,
    parent: &str,
    (base, base_required): Properties<'a>,
    (revision, revision_required): Properties<'a>,
    out: &mut Vec<Delta<'a>>,
) {
    let side = |props: &'a [(Spanned<String>, SchemaObject)],
                required: &'a [Spanned<String>],
                name: &str| {
        props
            .iter()
            .find(|(k, _)| k.value == name)
            .map(|(k, object)| PropertySide {
                key: k.span,
                object,
                required: required.iter().find(|r| r.value == name).map(|r| r.span),
            })
    };
    for (key, _) in revision {
        let path = join(parent, &key.value);
        let b = side(base, base_required, &key.value);
        let r = side(revision, revision_required, &key.value);
        property(role, path, b, r, out);
    }
    for (key, _) in base {
        if !revision.iter().any(|(k, _)| k.value == key.value) {
            out.push(Delta::Property {
                role,
                path: join(parent, &key.value),
                base: side(base, base_required, &key.value),
                revision: None,
                attributes: Vec::new(),
            });
        }
    }
}

fn property<'a>(
    role: InputRole,
    path: String,
    base: Option<PropertySide<'a>>,
    revision: Option<PropertySide<'a>>,
    out: &mut Vec<Delta<'a>>,
) {
    let (Some(b), Some(r)) = (base, revision) else {
        out.push(Delta::Property {
            role,
            path,
            base,
            revision,
            attributes: Vec::new(),
        });
        return;
    };
    let mut attributes = attributes(b.object, r.object);
    if b.required.is_some() != r.required.is_some() {
        attributes.insert(0, Attribute::Required);
    }
    let retyped = attributes.contains(&Attribute::Type);
    if !attributes.is_empty() {
        out.push(Delta::Property {
            role,
            path: path.clone(),
            base,
            revision,
            attributes,
        });
    }
    // Below a changed type every nested difference is a consequence of it.
    if retyped {
        return;
    }
    properties(
        role,
        &path,
        (&b.object.properties, &b.object.required),
        (&r.object.properties, &r.object.required),
        out,
    );
    if let (Some(bi), Some(ri)) = (&b.object.items, &r.object.items) {
        let item = |object: &'a SchemaObject| PropertySide {
            key: object.span,
            object,
            required: None,
        };
        property(
            role,
            format!("{path}[]"),
            Some(item(bi)),
            Some(item(ri)),
            out,
        );
    }
}

/// The attributes of two Schema Objects that differ (not their properties or items).
fn attributes(b: &SchemaObject, r: &SchemaObject) -> Vec<Attribute> {
    let value = |s: &Option<Spanned<String>>| s.as_ref().map(|s| s.value.clone());
    let node = |n: &Option<crate::yaml::Node>| n.as_ref().map(node_to_json);
    let enums = |o: &SchemaObject| {
        o.enum_values
            .as_ref()
            .map(|(_, v)| v.iter().map(node_to_json).collect::<Vec<_>>())
    };
    let bound = |v: &Option<Spanned<f64>>, x: &Option<Spanned<bool>>| {
        (
            v.as_ref().map(|v| v.value),
            x.as_ref().is_some_and(|x| x.value),
        )
    };
    let count = |c: &Option<Spanned<u64>>| c.as_ref().map(|c| c.value);
    let flag = |f: &Option<Spanned<bool>>| f.as_ref().is_some_and(|f| f.value);
    let checks = [
        (Attribute::Type, value(&b.ty) != value(&r.ty)),
        (Attribute::Nullable, flag(&b.nullable) != flag(&r.nullable)),
        (Attribute::Enum, enums(b) != enums(r)),
        (Attribute::Pattern, value(&b.pattern) != value(&r.pattern)),
        (Attribute::Format, value(&b.format) != value(&r.format)),
        (
            Attribute::MinLength,
            count(&b.min_length) != count(&r.min_length),
        ),
        (
            Attribute::MaxLength,
            count(&b.max_length) != count(&r.max_length),
        ),
        (
            Attribute::Minimum,
            bound(&b.minimum, &b.exclusive_minimum) != bound(&r.minimum, &r.exclusive_minimum),
        ),
        (
            Attribute::Maximum,
            bound(&b.maximum, &b.exclusive_maximum) != bound(&r.maximum, &r.exclusive_maximum),
        ),
        (
            Attribute::MinItems,
            count(&b.min_items) != count(&r.min_items),
        ),
        (
            Attribute::MaxItems,
            count(&b.max_items) != count(&r.max_items),
        ),
        (
            Attribute::UniqueItems,
            flag(&b.unique_items) != flag(&r.unique_items),
        ),
        (Attribute::Default, node(&b.default) != node(&r.default)),
        (Attribute::Title, value(&b.title) != value(&r.title)),
        (
            Attribute::Description,
            value(&b.description) != value(&r.description),
        ),
        (Attribute::Example, node(&b.example) != node(&r.example)),
    ];
    checks
        .into_iter()
        .filter_map(|(a, differs)| differs.then_some(a))
        .collect()
}

/// Where a Schema Object writes `attribute`: the value, or the property's key when the
/// object does not write it.
#[must_use]
pub fn attribute_span(side: &PropertySide<'_>, attribute: Attribute) -> Span {
    let o = side.object;
    let spanned = |s: &Option<Spanned<String>>| s.as_ref().map(|s| s.span);
    let number = |s: &Option<Spanned<f64>>| s.as_ref().map(|s| s.span);
    let count = |s: &Option<Spanned<u64>>| s.as_ref().map(|s| s.span);
    let flag = |s: &Option<Spanned<bool>>| s.as_ref().map(|s| s.span);
    let found = match attribute {
        Attribute::Required => side.required,
        Attribute::Type => spanned(&o.ty),
        Attribute::Nullable => flag(&o.nullable),
        Attribute::Enum => o.enum_values.as_ref().map(|(k, _)| *k),
        Attribute::Pattern => spanned(&o.pattern),
        Attribute::Format => spanned(&o.format),
        Attribute::MinLength => count(&o.min_length),
        Attribute::MaxLength => count(&o.max_length),
        Attribute::Minimum => number(&o.minimum).or_else(|| flag(&o.exclusive_minimum)),
        Attribute::Maximum => number(&o.maximum).or_else(|| flag(&o.exclusive_maximum)),
        Attribute::MinItems => count(&o.min_items),
        Attribute::MaxItems => count(&o.max_items),
        Attribute::UniqueItems => flag(&o.unique_items),
        Attribute::Default => o.default.as_ref().map(|n| n.span),
        Attribute::Title => spanned(&o.title),
        Attribute::Description => spanned(&o.description),
        Attribute::Example => o.example.as_ref().map(|n| n.span),
    };
    found.unwrap_or(side.key)
}
