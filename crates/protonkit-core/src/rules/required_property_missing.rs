use super::prelude::*;
use crate::suggest::hint;

declare_rule! {
    /// ## What it does
    /// Reports a `required` entry that names no property of its object.
    ///
    /// ## Why is this bad?
    /// A spec would have to supply an input the schema does not declare; usually the
    /// property was renamed or misspelt and the real input is not required at all.
    ///
    /// ## Example
    /// ```yaml
    /// type: object
    /// properties:
    ///   image:
    ///     type: string
    /// required:
    ///   - imgae
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// type: object
    /// properties:
    ///   image:
    ///     type: string
    /// required:
    ///   - image
    /// ```
    ("P106", "required-property-missing", Error, "`required` naming a property that does not exist")
}

pub(super) fn check(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    let Some(schema) = bundle.schema() else {
        return;
    };
    for (path, obj) in schema.objects() {
        let names: Vec<&str> = obj.properties.iter().map(|(n, _)| n.value.as_str()).collect();
        for req in &obj.required {
            if names.contains(&req.value.as_str()) {
                continue;
            }
            let mut d = Diagnostic::new(
                rule(),
                req.span,
                format!(
                    "`required` names `{}`, which is not a property of `{path}`{}",
                    req.value,
                    hint(&req.value, names.iter().copied())
                ),
            )
            .label("no such property")
            .help("name an existing property, or declare it under `properties`");
            if let Some(props) = obj.properties_key {
                d = d.secondary(props, "properties are declared here");
            }
            out.push(d);
        }
    }
}
