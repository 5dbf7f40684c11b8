//! The public API of the `protonkit` crate, as a reviewed snapshot: a change to the
//! public surface changes `tests/snapshots/public_api__public_api.snap`, and shows in review.
//!
//! Items the facade re-exports from `protonkit-core` are listed with their fields, methods
//! and trait impls, read from the core's own rustdoc JSON: they are public through the
//! facade. The JSON is built with the stable toolchain (`RUSTC_BOOTSTRAP=1` unlocks the
//! unstable `--output-format json`) into `target/public-api`.
//!
//! Update after a deliberate change: `INSTA_UPDATE=always cargo test --test public_api`,
//! then review the snapshot and note the change in CHANGELOG.md.

use std::path::Path;

fn public_items(package: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let json = rustdoc_json::Builder::default()
        .manifest_path(root.join("Cargo.toml"))
        .package(package)
        .no_default_features(true)
        .target_dir(root.join("target/public-api"))
        .env("RUSTC_BOOTSTRAP", "1")
        .silent(true)
        .build()
        .unwrap_or_else(|e| panic!("rustdoc JSON of {package}: {e}"));
    public_api::Builder::from_rustdoc_json(json)
        .omit_blanket_impls(true)
        .omit_auto_trait_impls(true)
        .build()
        .unwrap()
        .items()
        .map(ToString::to_string)
        .collect()
}

/// The path an item line is about, without the crate: what an `impl` is for, else the
/// first path of the line (an item's own path comes before its parameters and types).
fn subject(line: &str) -> &str {
    let rest = match line.rfind(" for ") {
        Some(at) if line.starts_with("impl") => &line[at + 5..],
        _ => line.split_once("protonkit_core::").map_or("", |(_, r)| r),
    };
    let rest = rest.strip_prefix("protonkit_core::").unwrap_or(rest);
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .unwrap_or(rest.len());
    rest[..end].trim_end_matches(':')
}

/// The name an item line of the core belongs to: its type (the first capitalised
/// segment), or for a free function its own name.
fn owner(line: &str) -> &str {
    let path = subject(line);
    path.split("::")
        .find(|s| s.starts_with(|c: char| c.is_ascii_uppercase()))
        .unwrap_or_else(|| path.rsplit("::").next().unwrap_or(path))
}

#[test]
fn public_api() {
    let facade = public_items("protonkit");
    // `pub use protonkit::<module::>Name` lines: the core items the facade exposes.
    let reexported: Vec<&str> = facade
        .iter()
        .filter_map(|l| l.strip_prefix("pub use protonkit::"))
        .map(|p| p.rsplit("::").next().unwrap_or(p))
        .collect();
    let core: Vec<String> = public_items("protonkit-core")
        .into_iter()
        .filter(|l| reexported.contains(&owner(l)))
        .collect();
    let mut out = String::from("# protonkit\n");
    for line in &facade {
        out.push_str(line);
        out.push('\n');
    }
    out.push_str("\n# re-exported from protonkit-core\n");
    for line in &core {
        out.push_str(line);
        out.push('\n');
    }
    insta::assert_snapshot!(out);
}
