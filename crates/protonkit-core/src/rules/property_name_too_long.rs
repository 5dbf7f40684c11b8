use super::prelude::*;

const MAX: usize = 100;

declare_rule! {
    /// ## What it does
    /// Reports a property name longer than 100 characters.
    ///
    /// ## Why is this bad?
    /// Proton limits parameter names to 100 characters.
    ///
    /// ## Example
    /// A property named with 101 or more characters.
    ///
    /// ## Use instead
    /// A shorter name; put the explanation in `title` and `description`.
    ("P110", "property-name-too-long", Error, "a property name over 100 characters")
}

pub(super) fn check(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    let Some(schema) = bundle.schema() else {
        return;
    };
    for (path, obj) in schema.objects() {
        for (name, _) in &obj.properties {
            let len = name.value.chars().count();
            if len > MAX {
                out.push(
                    Diagnostic::new(
                        rule(),
                        name.span,
                        format!("a property name of `{path}` is {len} characters long; Proton allows at most {MAX}"),
                    )
                    .label("too long")
                    .help("shorten the name and describe the input in `title` or `description`"),
                );
            }
        }
    }
}
