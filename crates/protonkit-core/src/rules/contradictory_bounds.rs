use super::prelude::*;
use crate::model::Spanned;

declare_rule! {
    /// ## What it does
    /// Reports bounds that no value can satisfy: `minimum` above `maximum` (or equal to it
    /// with an exclusive bound), `minLength` above `maxLength`, `minItems` above `maxItems`.
    ///
    /// ## Why is this bad?
    /// Every value is rejected, so no spec can set the input; usually the two bounds were
    /// swapped.
    ///
    /// ## Example
    /// ```yaml
    /// desired_count:
    ///   type: number
    ///   minimum: 10
    ///   maximum: 1
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// desired_count:
    ///   type: number
    ///   minimum: 1
    ///   maximum: 10
    /// ```
    ("P108", "contradictory-bounds", Error, "lower and upper bounds that no value satisfies")
}

pub(super) fn check(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    let Some(schema) = bundle.schema() else {
        return;
    };
    for (path, obj) in schema.objects() {
        if let (Some(min), Some(max)) = (&obj.minimum, &obj.maximum) {
            let exclusive = obj.exclusive_minimum.as_ref().is_some_and(|e| e.value)
                || obj.exclusive_maximum.as_ref().is_some_and(|e| e.value);
            #[allow(clippy::float_cmp)]
            let empty = min.value > max.value || (exclusive && min.value == max.value);
            if empty {
                out.push(report(&path, ("minimum", min.span, min.value), ("maximum", max.span, max.value)));
            }
        }
        let pairs: [Bounds; 2] = [
            ("minLength", &obj.min_length, "maxLength", &obj.max_length),
            ("minItems", &obj.min_items, "maxItems", &obj.max_items),
        ];
        for (lo_name, lo, hi_name, hi) in pairs {
            if let (Some(lo), Some(hi)) = (lo, hi) {
                if lo.value > hi.value {
                    #[allow(clippy::cast_precision_loss)]
                    out.push(report(
                        &path,
                        (lo_name, lo.span, lo.value as f64),
                        (hi_name, hi.span, hi.value as f64),
                    ));
                }
            }
        }
    }
}

/// Names and values of a lower and an upper count bound.
type Bounds<'a> = (
    &'static str,
    &'a Option<Spanned<u64>>,
    &'static str,
    &'a Option<Spanned<u64>>,
);

fn report(
    path: &str,
    (lo_name, lo_span, lo): (&str, crate::source::Span, f64),
    (hi_name, hi_span, hi): (&str, crate::source::Span, f64),
) -> Diagnostic {
    Diagnostic::new(
        rule(),
        lo_span,
        if lo > hi {
            format!("`{lo_name}` ({lo}) is greater than `{hi_name}` ({hi}) in `{path}`, so no value is valid")
        } else {
            format!("`{lo_name}` equals `{hi_name}` ({hi}) with an exclusive bound in `{path}`, so no value is valid")
        },
    )
    .label("lower bound")
    .secondary(hi_span, "upper bound")
    .help(format!("make `{lo_name}` less than `{hi_name}`; were the two swapped?"))
}
