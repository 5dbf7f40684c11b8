use super::prelude::*;
use crate::model::schema::{MODELLED_KEYWORDS, UNEVIDENCED_KEYWORDS};
use crate::suggest::did_you_mean;

declare_rule! {
    /// ## What it does
    /// Reports keywords in a Schema Object (an input type, a property, `items`) that
    /// protonkit does not check: OpenAPI 3.0 keywords that no Proton documentation or sample
    /// uses (`oneOf`, `$ref`, `additionalProperties` ...), and keywords OpenAPI does not
    /// define at all, usually typos. `x-` extensions are allowed.
    ///
    /// ## Why is this bad?
    /// Proton does not publish which keywords it supports. A misspelt keyword (`maxLenght`)
    /// is silently ignored, so the constraint it was meant to add does not exist. protonkit
    /// checks spec values only against the keywords it models, so this finding also marks
    /// the constraints that `spec validate` does not enforce.
    ///
    /// ## Example
    /// ```yaml
    /// name:
    ///   type: string
    ///   maxLenght: 20
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// name:
    ///   type: string
    ///   maxLength: 20
    /// ```
    ("P104", "unknown-schema-keyword", Warning, "a Schema Object keyword that Proton is not known to support")
}

pub(super) fn check(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    let Some(schema) = bundle.schema() else {
        return;
    };
    for (path, obj) in schema.objects() {
        for keyword in &obj.other_keywords {
            let word = keyword.value.as_str();
            if word.starts_with("x-") {
                continue;
            }
            let d = if UNEVIDENCED_KEYWORDS.contains(&word) {
                Diagnostic::new(
                    rule(),
                    keyword.span,
                    format!("`{word}` in `{path}` is OpenAPI 3.0, but no Proton documentation or sample shows it supported, and protonkit does not check spec values against it"),
                )
                .label("support unknown")
                .help("check that Proton accepts it, or express the input with `type`, `enum`, `pattern` and the length and range keywords")
            } else {
                let suggestion = did_you_mean(
                    word,
                    MODELLED_KEYWORDS.iter().chain(UNEVIDENCED_KEYWORDS).copied(),
                );
                let hint = crate::suggest::suffix(suggestion);
                Diagnostic::new(
                    rule(),
                    keyword.span,
                    format!("unknown keyword `{word}` in `{path}`{hint}"),
                )
                .label("not an OpenAPI keyword")
                .help(match suggestion {
                    Some(s) => format!("rename it to `{s}`"),
                    None => "remove it, or prefix it with `x-` if it is an extension".to_owned(),
                })
            };
            out.push(d);
        }
    }
}
