use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Reports a `pattern` that is not a valid ECMA-262 regular expression, the dialect
    /// OpenAPI 3.0 prescribes.
    ///
    /// ## Why is this bad?
    /// An invalid pattern cannot validate anything: registration fails, or every value is
    /// rejected.
    ///
    /// ## Example
    /// ```yaml
    /// vpc_cidr:
    ///   type: string
    ///   pattern: '([0-9]{1,3}\.){3}[0-9]{1,3}($|/(16|24)'
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// vpc_cidr:
    ///   type: string
    ///   pattern: '([0-9]{1,3}\.){3}[0-9]{1,3}($|/(16|24))'
    /// ```
    ("P107", "invalid-pattern", Error, "a `pattern` that is not a valid regular expression")
}

pub(super) fn check(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    let Some(schema) = bundle.schema() else {
        return;
    };
    for (path, obj) in schema.objects() {
        let Some(pattern) = &obj.pattern else { continue };
        if let Err(err) = regress::Regex::new(&pattern.value) {
            out.push(
                Diagnostic::new(
                    rule(),
                    pattern.span,
                    format!("the pattern of `{path}` is not a valid regular expression: {err}"),
                )
                .label("invalid pattern")
                .help("fix the expression; patterns follow ECMA-262 (JavaScript) syntax"),
            );
        }
    }
}
