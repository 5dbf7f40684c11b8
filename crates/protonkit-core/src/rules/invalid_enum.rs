use super::constraints::{same, show};
use super::prelude::*;
use crate::model::schema::{has_type, TYPES};

declare_rule! {
    /// ## What it does
    /// Reports an `enum` that is empty, repeats a value, or holds a value of another type
    /// than the property's `type`.
    ///
    /// ## Why is this bad?
    /// An empty enum admits no value; a repeated value is a copy-and-paste slip that often
    /// hides a missing one; a value of the wrong type can never be chosen.
    ///
    /// ## Example
    /// ```yaml
    /// task_size:
    ///   type: string
    ///   enum: [small, medium, medium]
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// task_size:
    ///   type: string
    ///   enum: [small, medium, large]
    /// ```
    ("P109", "invalid-enum", Error, "an empty `enum`, a repeated value, or a value of the wrong type")
}

pub(super) fn check(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    let Some(schema) = bundle.schema() else {
        return;
    };
    for (path, obj) in schema.objects() {
        let Some((key, values)) = &obj.enum_values else { continue };
        if values.is_empty() {
            out.push(
                Diagnostic::new(rule(), *key, format!("the `enum` of `{path}` is empty, so no value is valid"))
                    .label("empty enum")
                    .help("list the allowed values, or remove `enum`"),
            );
            continue;
        }
        for (i, value) in values.iter().enumerate() {
            if let Some(first) = values[..i].iter().find(|v| same(v, value)) {
                out.push(
                    Diagnostic::new(rule(), value.span, format!("the `enum` of `{path}` repeats {}", show(value)))
                        .label("repeated value")
                        .secondary(first.span, "first listed here")
                        .help("remove the repeated value, or replace it with the one that was meant"),
                );
            }
            if let Some(ty) = obj.ty.as_ref().filter(|t| TYPES.contains(&t.value.as_str())) {
                if !has_type(value, &ty.value) {
                    out.push(
                        Diagnostic::new(
                            rule(),
                            value.span,
                            format!("the `enum` value {} of `{path}` is {}, but the type is `{}`", show(value), value.kind_name(), ty.value),
                        )
                        .label("wrong type")
                        .secondary(ty.span, "type declared here")
                        .help(format!("write the value as {}", ty.value)),
                    );
                }
            }
        }
    }
}
