//! Hostile input: every case ends in a diagnostic or a clear error with exit status 1 or 2,
//! in bounded time and memory. Each run is capped (a virtual-memory limit of 4 GiB and a
//! wall-clock deadline of 60 s, after which the process is killed and the test fails); the
//! time and the peak resident memory each case took are printed, not asserted
//! (`cargo test --release --test hostile -- --nocapture`).

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const DEADLINE: Duration = Duration::from_secs(60);
const MEMORY_CAP_KB: u64 = 4 * 1024 * 1024;

const SCHEMA: &str = "schema:\n  format:\n    openapi: \"3.0.0\"\n  environment_input_type: Env\n  types:\n    Env:\n      type: object\n      properties:\n        name:\n          type: string\n";
const MANIFEST: &str = "infrastructure:\n  templates:\n    - file: cloudformation.yaml\n      rendering_engine: jinja\n      template_language: cloudformation\n";
const TEMPLATE: &str = "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: '{{ environment.inputs.name }}'\n";

struct Run {
    status: i32,
    stdout: String,
    stderr: String,
}

/// Runs protonkit under the memory cap and the deadline; prints time and peak memory.
fn protonkit(name: &str, dir: &Path, args: &[&str]) -> Run {
    let peak = dir.join(".peak-kb");
    // `ulimit -v` caps the address space; GNU time reports the peak resident set.
    let script = format!(
        "ulimit -v {MEMORY_CAP_KB}; exec /usr/bin/time -q -f %M -o '{}' \"$0\" \"$@\"",
        peak.display()
    );
    let started = Instant::now();
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_protonkit"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sh and /usr/bin/time (Debian package `time`)");
    let out = loop {
        if child.try_wait().unwrap().is_some() {
            break child.wait_with_output().unwrap();
        }
        if started.elapsed() > DEADLINE {
            child.kill().unwrap();
            panic!("{name}: still running after {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let kb = fs::read_to_string(&peak).unwrap_or_default();
    eprintln!(
        "{name}: exit {:?} in {} ms, peak {} MB",
        out.status.code(),
        started.elapsed().as_millis(),
        kb.trim().parse::<u64>().map_or(0, |k| k / 1024)
    );
    Run {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

mod common;
use common::write;

fn bundle(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("schema/schema.yaml", SCHEMA.as_bytes()),
            ("infrastructure/manifest.yaml", MANIFEST.as_bytes()),
            ("infrastructure/cloudformation.yaml", TEMPLATE.as_bytes()),
        ],
    );
    write(dir.path(), files);
    dir
}

/// `protonkit lint . --format json`: exit 1 and a finding of `code`.
fn lint_finds(name: &str, dir: &Path, code: &str) {
    let run = protonkit(name, dir, &["lint", ".", "--format", "json"]);
    assert_eq!(run.status, 1, "{name}: {}{}", run.stdout, run.stderr);
    let records: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    assert!(
        records.iter().any(|r| r["code"] == code),
        "{name}: no {code} in {records:#?}"
    );
}

/// Bytes deflate cannot shrink.
fn noise(len: usize) -> Vec<u8> {
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            b'a' + (state % 26) as u8
        })
        .collect()
}

#[test]
fn deep_nesting_and_alias_bombs_are_yaml_errors() {
    let flow = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let block = "- ".repeat(100_000) + "x\n";
    let mut bomb = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..12 {
        bomb.push_str(&format!(
            "a{i}: &a{i} [{}]\n",
            vec![format!("*a{}", i - 1); 9].join(", ")
        ));
    }
    for (name, schema) in [
        ("100,000-deep flow", flow),
        ("100,000-deep block", block),
        ("alias bomb", bomb),
    ] {
        let dir = bundle(&[("schema/schema.yaml", schema.as_bytes())]);
        lint_finds(name, dir.path(), "P001");
    }
}

#[test]
fn non_utf8_and_utf16_files_are_reported() {
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(SCHEMA.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let dir = bundle(&[("schema/schema.yaml", &utf16)]);
    lint_finds("UTF-16 schema", dir.path(), "P003");
    let dir = bundle(&[(
        "infrastructure/manifest.yaml",
        b"infrastructure:\n  \xc3\x28: x\n",
    )]);
    lint_finds("invalid UTF-8 manifest", dir.path(), "P003");
}

#[test]
fn a_50_mb_template_is_read_and_refused_by_the_quota() {
    let mut big = TEMPLATE.as_bytes().to_vec();
    for line in noise(50 * 1024 * 1024).chunks(100) {
        big.extend_from_slice(b"# ");
        big.extend_from_slice(line);
        big.push(b'\n');
    }
    let dir = bundle(&[("infrastructure/cloudformation.yaml", &big)]);
    lint_finds("50 MB template", dir.path(), "P501");
}

fn tar_gz(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut builder = tar::Builder::new(flate2::write::GzEncoder::new(
        Vec::new(),
        flate2::Compression::best(),
    ));
    for (path, data) in entries {
        let mut header = tar::Header::new_gnu();
        header.set_size(data.len() as u64);
        header.set_mode(0o644);
        header.set_entry_type(tar::EntryType::Regular);
        // Written raw: the tar crate refuses `..` and absolute paths in `set_path`.
        let name = &mut header.as_gnu_mut().unwrap().name;
        name[..path.len()].copy_from_slice(path.as_bytes());
        header.set_cksum();
        builder.append(&header, *data).unwrap();
    }
    builder.into_inner().unwrap().finish().unwrap()
}

fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (path, data) in entries {
        writer.start_file(*path, options).unwrap();
        writer.write_all(data).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

#[test]
fn archive_bombs_and_escaping_entries_are_refused() {
    let zeros = vec![0u8; 200 * 1024 * 1024];
    let base: Vec<(&str, &[u8])> = vec![
        ("schema/schema.yaml", SCHEMA.as_bytes()),
        ("infrastructure/manifest.yaml", MANIFEST.as_bytes()),
        ("infrastructure/cloudformation.yaml", TEMPLATE.as_bytes()),
    ];
    let with = |extra: (&'static str, &'static [u8])| {
        let mut all = base.clone();
        all.push(extra);
        all
    };
    let zeros: &'static [u8] = zeros.leak();
    let many: Vec<(String, Vec<u8>)> = (0..12_000)
        .map(|i| (format!("infrastructure/f{i}.txt"), Vec::new()))
        .collect();
    let mut many_entries = base.clone();
    many_entries.extend(many.iter().map(|(p, d)| (p.as_str(), d.as_slice())));
    // (name, file, archive, the entry the refusal must name)
    let cases: Vec<(&str, &str, Vec<u8>, &str)> = vec![
        (
            "tar.gz bomb (200 MiB of zeros)",
            "bomb.tar.gz",
            tar_gz(&with(("infrastructure/zeros.bin", zeros))),
            "zeros.bin",
        ),
        (
            "zip bomb (200 MiB of zeros)",
            "bomb.zip",
            zip(&with(("infrastructure/zeros.bin", zeros))),
            "zeros.bin",
        ),
        (
            "tar.gz with 12,000 entries",
            "many.tar.gz",
            tar_gz(&many_entries),
            "",
        ),
        (
            "tar.gz entry with ../",
            "dotdot.tar.gz",
            tar_gz(&with(("../../etc/evil.yaml", b"x"))),
            "../../etc/evil.yaml",
        ),
        (
            "tar.gz absolute entry",
            "absolute.tar.gz",
            tar_gz(&with(("/etc/evil.yaml", b"x"))),
            "/etc/evil.yaml",
        ),
        (
            "zip entry with ../",
            "dotdot.zip",
            zip(&with(("../evil.yaml", b"x"))),
            "../evil.yaml",
        ),
        (
            "zip absolute entry",
            "absolute.zip",
            zip(&with(("/evil.yaml", b"x"))),
            "/evil.yaml",
        ),
    ];
    for (name, file, bytes, entry) in cases {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(file), &bytes).unwrap();
        let run = protonkit(name, dir.path(), &["lint", file, "--format", "json"]);
        assert_eq!(run.status, 1, "{name}: {}{}", run.stdout, run.stderr);
        let records: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
        assert!(
            records
                .iter()
                .any(|r| r["code"] == "P016" && r.to_string().contains(entry)),
            "{name}: no P016 naming `{entry}` in {records:#?}"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("garbage.tar.gz"),
        [0x1f, 0x8b, 8, 0, 1, 2, 3],
    )
    .unwrap();
    let run = protonkit("truncated gzip", dir.path(), &["lint", "garbage.tar.gz"]);
    assert_eq!(run.status, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("garbage.tar.gz"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_bundle_are_not_followed() {
    let secret = tempfile::tempdir().unwrap();
    fs::write(secret.path().join("secret.yaml"), "password: hunter2\n").unwrap();
    let dir = bundle(&[]);
    std::os::unix::fs::symlink(
        secret.path().join("secret.yaml"),
        dir.path().join("infrastructure/secret.yaml"),
    )
    .unwrap();
    std::os::unix::fs::symlink(secret.path(), dir.path().join("infrastructure/outside")).unwrap();
    let run = protonkit(
        "symlinks out",
        dir.path(),
        &["lint", ".", "--format", "json"],
    );
    assert_eq!(run.status, 1);
    assert!(!run.stdout.contains("hunter2"));
    let records: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        records.iter().filter(|r| r["code"] == "P016").count(),
        2,
        "{records:#?}"
    );
}

#[test]
fn endless_loops_and_deep_recursion_in_templates_stop_with_a_render_error() {
    let spec = "proton: EnvironmentSpec\nspec:\n  name: orders\n";
    for (name, template) in [
        ("endless loop", "{% for i in range(1000000000) %}{% for j in range(1000000000) %}x{% endfor %}{% endfor %}\n"),
        ("deep recursion", "{% macro down(n) %}{{ down(n + 1) }}{% endmacro %}{{ down(0) }}\n"),
        ("huge output", "{{ 'x' * 1000000000 }}\n"),
    ] {
        let dir = bundle(&[("infrastructure/cloudformation.yaml", template.as_bytes()), ("spec.yaml", spec.as_bytes())]);
        let run = protonkit(name, dir.path(), &["render", ".", "--spec", "spec.yaml", "--format", "json"]);
        assert_eq!(run.status, 1, "{name}: {}{}", run.stdout, run.stderr);
        assert!(run.stdout.contains("\"P301\""), "{name}: {}", run.stdout);
    }
}

#[test]
fn a_pattern_that_backtracks_catastrophically_is_matched_in_linear_time() {
    let schema = "schema:\n  format:\n    openapi: \"3.0.0\"\n  environment_input_type: Env\n  types:\n    Env:\n      type: object\n      properties:\n        name:\n          type: string\n          pattern: '^(a+)+$'\n";
    let spec = format!(
        "proton: EnvironmentSpec\nspec:\n  name: {}b\n",
        "a".repeat(5_000)
    );
    let dir = bundle(&[
        ("schema/schema.yaml", schema.as_bytes()),
        ("spec.yaml", spec.as_bytes()),
    ]);
    let run = protonkit(
        "catastrophic pattern",
        dir.path(),
        &[
            "spec",
            "validate",
            "--bundle",
            ".",
            "spec.yaml",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.status, 1, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("pattern"), "{}", run.stdout);
}
