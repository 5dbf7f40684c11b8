//! Lints every bundle below a folder and prints the findings, as `protonkit lint` does
//! without colour. Exits 1 when any finding is an error.
//!
//! ```text
//! cargo run --example lint_folder -- fixtures/bundles
//! ```

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use protonkit::{format_diagnostics, Bundle, Severity};

fn main() -> ExitCode {
    let root = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("fixtures/bundles"), PathBuf::from);
    let mut errors = 0;
    for dir in bundle_folders(&root) {
        let bundle = match Bundle::from_dir(&dir) {
            Ok(bundle) => bundle,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        };
        let findings = bundle.lint();
        errors += findings
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        println!("{}: {} finding(s)", dir.display(), findings.len());
        print!("{}", format_diagnostics(bundle.files(), &findings));
    }
    if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Folders holding a `manifest.yaml` or a `schema/` folder, at most three levels down
/// (`<template>/v<N>/` and component folders).
fn bundle_folders(root: &Path) -> Vec<PathBuf> {
    let is_bundle = |dir: &Path| {
        dir.join("schema").is_dir()
            || dir.join("manifest.yaml").is_file()
            || dir.join("infrastructure/manifest.yaml").is_file()
    };
    let mut found = Vec::new();
    let mut queue = vec![(root.to_path_buf(), 0)];
    while let Some((dir, depth)) = queue.pop() {
        if is_bundle(&dir) {
            found.push(dir);
            continue;
        }
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            if depth < 3 && entry.file_type().is_ok_and(|t| t.is_dir()) {
                queue.push((entry.path(), depth + 1));
            }
        }
    }
    found.sort();
    found
}
