use super::prelude::*;
use crate::model::schema::TYPES;
use crate::model::ShapeIssueKind;
use crate::suggest::hint;

declare_rule! {
    /// ## What it does
    /// Reports a schema whose structure is wrong: values of the wrong type (`types` or
    /// `properties` that are not mappings, `required` that is not a list, a `minimum` that is
    /// not a number ...) and `type` values that OpenAPI does not define.
    ///
    /// ## Why is this bad?
    /// Proton reads the schema as OpenAPI 3.0 Schema Objects; a malformed one is rejected at
    /// registration, or describes inputs other than the author meant.
    ///
    /// ## Example
    /// ```yaml
    /// properties:
    ///   port:
    ///     type: int
    ///     minimum: "1"
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// properties:
    ///   port:
    ///     type: integer
    ///     minimum: 1
    /// ```
    ("P100", "invalid-schema-structure", Error, "a schema value of the wrong type, or an unknown `type`")
}

pub(super) fn check(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    let Some(schema) = bundle.schema() else {
        return;
    };
    for issue in &schema.issues {
        let help = match &issue.kind {
            // Unknown keys and the missing `schema` root belong to other rules.
            ShapeIssueKind::UnknownKey { .. } => continue,
            ShapeIssueKind::MissingKey { .. } if issue.path.is_empty() => continue,
            ShapeIssueKind::MissingKey { key } => format!("add `{key}`"),
            ShapeIssueKind::WrongType { expected, .. } if issue.path.is_empty() => {
                format!("start the file with `schema:`, which must be {expected}")
            }
            ShapeIssueKind::WrongType { expected, .. } => {
                format!("write `{}` as {expected}", issue.path)
            }
            ShapeIssueKind::Empty => "add at least one entry".to_owned(),
        };
        out.push(Diagnostic::new(rule(), issue.span, issue.message("the schema")).help(help));
    }
    for (path, obj) in schema.objects() {
        if let Some(ty) = obj.ty.as_ref().filter(|t| !TYPES.contains(&t.value.as_str())) {
            out.push(
                Diagnostic::new(
                    rule(),
                    ty.span,
                    format!(
                        "`{path}` has the unknown type `{}`{}",
                        ty.value,
                        hint(&ty.value, TYPES.iter().copied())
                    ),
                )
                .label("unknown type")
                .help("use one of `string`, `number`, `integer`, `boolean`, `array` or `object`"),
            );
        }
    }
}
