//! Gates a merge on the compatibility verdict: compares a template's base and revision
//! bundles and exits 1 when the revision needs a new major version.
//!
//! ```text
//! cargo run --example gate_merge -- fixtures/compat/input-became-required/base fixtures/compat/input-became-required/revision
//! ```

use std::process::ExitCode;

use protonkit::compat::{compare, CompatOptions, Level, Policy};
use protonkit::Bundle;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(base), Some(revision)) = (args.next(), args.next()) else {
        eprintln!("usage: gate_merge BASE_BUNDLE REVISION_BUNDLE [contract|proton]");
        return ExitCode::from(2);
    };
    let mut options = CompatOptions::default();
    if args.next().as_deref() == Some("proton") {
        options.policy = Policy::Proton;
    }
    let load = |dir: &str| Bundle::from_dir(dir).map_err(|e| eprintln!("{e}"));
    let (Ok(base), Ok(revision)) = (load(&base), load(&revision)) else {
        return ExitCode::from(2);
    };

    let comparison = compare(&base, &revision, &options);
    for change in &comparison.changes {
        // A change points into the revision, or (for a removal) into the base.
        let (bundle, span) = match (change.revision_span, change.base_span) {
            (Some(span), _) => (&revision, Some(span)),
            (None, span) => (&base, span),
        };
        let at = span.map_or_else(String::new, |span| {
            let pos = bundle.files().start(span);
            format!(
                "{}:{}:{}: ",
                bundle.files().get(span.file).path(),
                pos.line,
                pos.column
            )
        });
        println!("{at}{} [{}] {}", change.level, change.id, change.message);
    }
    match comparison.verdict() {
        Some(Level::Major) => {
            println!("verdict: major: publish this as a new major version");
            ExitCode::FAILURE
        }
        Some(level) => {
            println!("verdict: {level}");
            ExitCode::SUCCESS
        }
        None => {
            println!("verdict: no change");
            ExitCode::SUCCESS
        }
    }
}
