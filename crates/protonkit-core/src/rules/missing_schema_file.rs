use super::prelude::*;
use crate::bundle::SCHEMA_PATH;

declare_rule! {
    /// ## What it does
    /// Reports an environment or service bundle without `schema/schema.yaml`.
    ///
    /// ## Why is this bad?
    /// Every environment and service template bundle needs a schema, even one for a
    /// customer-managed environment; Proton rejects a bundle without it.
    ///
    /// ## Example
    /// ```text
    /// infrastructure/manifest.yaml
    /// infrastructure/cloudformation.yaml
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// schema/schema.yaml
    /// infrastructure/manifest.yaml
    /// infrastructure/cloudformation.yaml
    /// ```
    ("P010", "missing-schema-file", Error, "an environment or service bundle without `schema/schema.yaml`")
}

pub(super) fn check(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    let files = bundle.files();
    if bundle.kind() == BundleKind::Component || files.lookup(SCHEMA_PATH).is_some() {
        return;
    }
    let near = files
        .files_under("schema")
        .map(|(_, p)| p)
        .find(|p| p.ends_with(".yaml") || p.ends_with(".yml"))
        .or_else(|| {
            ["schema.yaml", "schema.yml"]
                .into_iter()
                .find(|p| files.lookup(p).is_some())
        });
    let what = match bundle.kind() {
        BundleKind::Unknown => "the bundle".to_owned(),
        kind => format!("the {} bundle", kind.as_str()),
    };
    let mut d = Diagnostic::new(
        rule(),
        Location::Path(SCHEMA_PATH.into()),
        format!("{what} has no `{SCHEMA_PATH}`"),
    );
    if let Some(wrapper) = wrapping_folder(bundle) {
        out.push(
            d.help(format!(
                "the bundle folders sit inside `{wrapper}/`; pack them at the root of the archive"
            )),
        );
        return;
    }
    d = match near {
        Some(p) => d
            .secondary(Location::Path(p.to_owned()), "a schema in the wrong place?")
            .help(format!("move `{p}` to `{SCHEMA_PATH}`")),
        None => d.help(format!(
            "add `{SCHEMA_PATH}` with `schema.format.openapi: \"3.0.0\"` and the input types"
        )),
    };
    out.push(d);
}

/// The single folder that wraps a whole bundle, as in an archive made with
/// `tar czf bundle.tar.gz my-bundle/` instead of from inside the bundle folder.
fn wrapping_folder(bundle: &Bundle) -> Option<String> {
    let files = bundle.files();
    let mut tops = files.iter().map(|(_, f)| f.path().split('/').next().unwrap_or_default());
    let first = tops.next()?;
    if !tops.all(|t| t == first) {
        return None;
    }
    files
        .lookup(&format!("{first}/{SCHEMA_PATH}"))
        .map(|_| first.to_owned())
}
