use super::constraints::{show, violations};
use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Reports a `default` that breaks its own property's constraints: its `type`, `enum`,
    /// `pattern`, length, range or item limits.
    ///
    /// ## Why is this bad?
    /// Proton fills in the default when a spec leaves the input out, so an invalid default
    /// gives every such spec an invalid value. Whether Proton checks defaults at registration
    /// is not documented, hence a warning.
    ///
    /// ## Example
    /// ```yaml
    /// task_size:
    ///   type: string
    ///   enum: [small, medium, large]
    ///   default: x-small
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// task_size:
    ///   type: string
    ///   enum: [small, medium, large]
    ///   default: small
    /// ```
    ("P105", "invalid-default", Warning, "a `default` that breaks its own type or constraints")
}

pub(super) fn check(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    let Some(schema) = bundle.schema() else {
        return;
    };
    for (path, obj) in schema.objects() {
        let Some(default) = &obj.default else { continue };
        for v in violations(obj, default) {
            let mut d = Diagnostic::new(
                rule(),
                default.span,
                format!("the default {} of `{path}` {}", show(default), v.message),
            )
            .label("invalid default")
            .help("change the default so that it satisfies the property's own constraints");
            if let Some(c) = v.constraint {
                d = d.secondary(c, "constraint");
            }
            out.push(d);
        }
    }
}
