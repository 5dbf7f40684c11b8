//! `protonkit package`: reproducible archives, their SHA-256, and the lint gate.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use sha2::{Digest, Sha256};

mod common;

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn package(dir: &Path, bundle: &Path, out: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["package", bundle.to_str().unwrap(), "-o", out];
    args.extend_from_slice(extra);
    common::protonkit_in(dir, &args)
}

/// Gives every file below `dir` the modification time `when`.
fn touch_all(dir: &Path, when: SystemTime) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            touch_all(&path, when);
        } else {
            fs::File::options()
                .write(true)
                .open(&path)
                .unwrap()
                .set_modified(when)
                .unwrap();
        }
    }
}

#[test]
fn the_same_bundle_packs_to_the_same_bytes_whatever_the_file_times() {
    let out = tempfile::tempdir().unwrap();
    let bundle = fixture("fixtures/bundles/web-svc/v1");
    let first = package(out.path(), &bundle, "a.tar.gz", &[]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let second = package(out.path(), &bundle, "b.tar.gz", &[]);
    assert!(second.status.success());

    let copy = tempfile::tempdir().unwrap();
    common::copy_dir(&bundle, copy.path());
    touch_all(
        copy.path(),
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_234_567_890),
    );
    let third = package(out.path(), copy.path(), "c.tar.gz", &[]);
    assert!(third.status.success());

    let a = fs::read(out.path().join("a.tar.gz")).unwrap();
    assert_eq!(a, fs::read(out.path().join("b.tar.gz")).unwrap());
    assert_eq!(a, fs::read(out.path().join("c.tar.gz")).unwrap());

    // The SHA-256 is printed as `sha256sum` prints it.
    let digest: String = Sha256::digest(&a)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        String::from_utf8_lossy(&first.stdout)
            .lines()
            .last()
            .unwrap(),
        format!("{digest}  a.tar.gz")
    );
}

#[test]
fn entries_are_the_bundle_folders_sorted_with_fixed_metadata() {
    let out = tempfile::tempdir().unwrap();
    let run = package(
        out.path(),
        &fixture("fixtures/bundles/web-svc/v1"),
        "web.tar.gz",
        &[],
    );
    assert!(run.status.success());
    let bytes = fs::read(out.path().join("web.tar.gz")).unwrap();
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(&bytes[..]));
    let mut paths = Vec::new();
    for entry in archive.entries().unwrap() {
        let entry = entry.unwrap();
        let header = entry.header();
        assert_eq!(header.mtime().unwrap(), 0);
        assert_eq!((header.uid().unwrap(), header.gid().unwrap()), (0, 0));
        assert_eq!(header.mode().unwrap(), 0o644);
        paths.push(entry.path().unwrap().to_string_lossy().into_owned());
    }
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert!(
        paths.contains(&"schema/schema.yaml".to_owned()),
        "{paths:?}"
    );
    assert!(
        paths.contains(&"instance_infrastructure/manifest.yaml".to_owned()),
        "{paths:?}"
    );
    assert!(
        paths
            .iter()
            .all(|p| !p.starts_with('/') && !p.starts_with("v1")),
        "{paths:?}"
    );
}

#[test]
fn a_bundle_with_errors_or_over_the_quota_is_not_packaged() {
    let out = tempfile::tempdir().unwrap();
    let run = package(
        out.path(),
        &fixture("fixtures/rules/P102-missing-input-type/bad"),
        "bad.tar.gz",
        &[],
    );
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stdout).contains("P102"));
    assert!(String::from_utf8_lossy(&run.stderr).contains("not packaged"));
    assert!(!out.path().join("bad.tar.gz").exists());

    // Warnings pass by default and stop the package with `--fail-on warning`.
    let warned = fixture("fixtures/rules/P020-unknown-manifest-key/bad");
    assert_eq!(
        package(out.path(), &warned, "w.tar.gz", &[]).status.code(),
        Some(0)
    );
    assert_eq!(
        package(out.path(), &warned, "w2.tar.gz", &["--fail-on", "warning"])
            .status
            .code(),
        Some(1)
    );
    assert!(!out.path().join("w2.tar.gz").exists());

    let big = package(
        out.path(),
        &fixture("fixtures/rules/P501-bundle-too-large/bad"),
        "big.tar.gz",
        &[],
    );
    assert_eq!(big.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&big.stdout).contains("P501"));
}

#[test]
fn an_existing_output_is_kept_unless_forced() {
    let out = tempfile::tempdir().unwrap();
    fs::write(out.path().join("web.tar.gz"), "keep me").unwrap();
    let bundle = fixture("fixtures/bundles/web-svc/v1");
    let run = package(out.path(), &bundle, "web.tar.gz", &[]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("--force"));
    assert_eq!(
        fs::read_to_string(out.path().join("web.tar.gz")).unwrap(),
        "keep me"
    );
    assert!(package(out.path(), &bundle, "web.tar.gz", &["--force"])
        .status
        .success());
    assert_ne!(fs::read(out.path().join("web.tar.gz")).unwrap(), b"keep me");
}
