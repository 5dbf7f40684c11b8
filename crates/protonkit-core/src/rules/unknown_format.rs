use super::prelude::*;
use crate::spec::CHECKED_FORMATS;
use crate::suggest::did_you_mean;

declare_rule! {
    /// ## What it does
    /// Reports a `format` that protonkit does not know: neither one of OpenAPI 3.0's type
    /// annotations nor one of the formats it checks spec values against (`date`,
    /// `date-time`, `time`, `email`, `hostname`, `ipv4`, `ipv6`, `uri`, `uri-reference`,
    /// `uuid`, `regex` ...), with the closest known format as a suggestion.
    ///
    /// ## Why is this bad?
    /// Unknown formats are ignored, so a misspelt `format: emial` checks nothing: any value
    /// is accepted. (OpenAPI's own formats, `int32`, `int64`, `float`,
    /// `double`, `byte`, `binary` and `password`, only annotate a type and are fine.)
    ///
    /// ## Example
    /// ```yaml
    /// owner:
    ///   type: string
    ///   format: emial
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// owner:
    ///   type: string
    ///   format: email
    /// ```
    ("P112", "unknown-format", Warning, "a `format` that protonkit does not know, so it checks nothing")
}

/// OpenAPI 3.0's formats that annotate a type without constraining it.
const OPENAPI_FORMATS: &[&str] = &["int32", "int64", "float", "double", "byte", "binary", "password"];

pub(super) fn check(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    let Some(schema) = bundle.schema() else {
        return;
    };
    let known = || OPENAPI_FORMATS.iter().chain(CHECKED_FORMATS).copied();
    for (path, obj) in schema.objects() {
        let Some(format) = &obj.format else { continue };
        if known().any(|k| k == format.value) {
            continue;
        }
        let suggestion = did_you_mean(&format.value, known());
        out.push(
            Diagnostic::new(
                rule(),
                format.span,
                format!(
                    "`{}` in `{path}` is not a format protonkit knows, so it checks nothing{}",
                    format.value,
                    crate::suggest::suffix(suggestion)
                ),
            )
            .label("unknown format")
            .help(match suggestion {
                Some(s) => format!("write `{s}`"),
                None => "use a known format such as `email`, `uri`, `date` or `ipv4`, or express the constraint with `pattern`".to_owned(),
            }),
        );
    }
}
