use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Reports an input type (the type that `environment_input_type`, `service_input_type`
    /// or `pipeline_input_type` names) that is not declared `type: object` or has no
    /// `properties`.
    ///
    /// ## Why is this bad?
    /// A template's inputs are the properties of its input type, which Proton requires to be
    /// an object. Proton rejects an input type without properties; templates that need no
    /// input have to declare at least one optional property.
    ///
    /// ## Example
    /// ```yaml
    /// types:
    ///   SvcInput:
    ///     type: object
    ///     properties: {}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// types:
    ///   SvcInput:
    ///     type: object
    ///     properties:
    ///       log_level:
    ///         type: string
    ///         default: info
    /// ```
    ("P103", "input-type-not-object", Error, "an input type that is not an object with properties")
}

pub(super) fn check(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    let Some(schema) = bundle.schema() else {
        return;
    };
    let mut seen = Vec::new();
    for (key, name) in schema.input_type_refs() {
        let Some((type_key, obj)) = schema.types.iter().find(|(n, _)| n.value == name.value) else {
            continue;
        };
        if seen.contains(&name.value) {
            continue;
        }
        seen.push(name.value.clone());
        match &obj.ty {
            Some(ty) if ty.value != "object" => out.push(
                Diagnostic::new(
                    rule(),
                    ty.span,
                    format!("input type `{}` has `type: {}`, but input types must be objects", name.value, ty.value),
                )
                .label("not an object")
                .secondary(name.span, format!("named by `{key}`"))
                .help("write `type: object` and declare the inputs under `properties`"),
            ),
            None => out.push(
                Diagnostic::new(
                    rule(),
                    type_key.span,
                    format!("input type `{}` does not declare `type: object`", name.value),
                )
                .label("no `type`")
                .secondary(name.span, format!("named by `{key}`"))
                .help("add `type: object` to the input type"),
            ),
            Some(_) => {}
        }
        if obj.properties.is_empty() && obj.ty.as_ref().is_none_or(|t| t.value == "object") {
            let at = obj.properties_key.unwrap_or(type_key.span);
            out.push(
                Diagnostic::new(
                    rule(),
                    at,
                    format!("input type `{}` has no properties", name.value),
                )
                .label("no inputs")
                .help("declare at least one property; a template without inputs needs one optional input with a default"),
            );
        }
    }
}
