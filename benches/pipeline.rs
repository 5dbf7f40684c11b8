//! The in-process half of `scripts/compare-python.py`: for each case (a bundle folder and a
//! spec), the time of what the Python pipeline does per bundle, done by protonkit: parse
//! the bundle from bytes in memory, validate the spec against its schema, render every
//! template. Prints one JSON line per case.
//!
//! `cargo bench --bench pipeline -- CASES.json`, where the file holds
//! `[{"bundle": DIR, "spec": FILE}, ...]`. Without a file, the example bundles' specs.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use protonkit::json::{json, Value};
use protonkit::render::RenderOptions;
use protonkit::{Bundle, Spec};

/// How long each case is measured for, after one warm-up run.
const MEASURE: Duration = Duration::from_millis(300);

fn main() {
    let file = std::env::args().skip(1).find(|a| !a.starts_with("--"));
    let cases: Vec<Value> = match file {
        Some(path) => {
            let text = std::fs::read_to_string(&path).expect("cases file");
            protonkit::json::from_str(&text).expect("cases JSON")
        }
        None => examples(),
    };
    for case in cases {
        let (Some(bundle_dir), Some(spec_path)) = (case["bundle"].as_str(), case["spec"].as_str())
        else {
            eprintln!("skipped a case without `bundle` and `spec`: {case}");
            continue;
        };
        println!("{}", measure(bundle_dir, spec_path));
    }
}

fn examples() -> Vec<Value> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/bundles");
    ["network-env", "cluster-env", "web-svc", "queue-svc"]
        .iter()
        .filter_map(|name| {
            let spec = std::fs::read_dir(root.join(name).join("spec"))
                .ok()?
                .next()?
                .ok()?;
            Some(json!({
                "bundle": root.join(name).join("v1"),
                "spec": spec.path(),
            }))
        })
        .collect()
}

fn measure(bundle_dir: &str, spec_path: &str) -> Value {
    let files: Vec<(String, Vec<u8>)> = match Bundle::from_dir(bundle_dir) {
        Ok(b) => b
            .files()
            .iter()
            .map(|(_, f)| (f.path().to_owned(), f.contents().as_bytes().to_vec()))
            .collect(),
        Err(e) => return json!({"bundle": bundle_dir, "spec": spec_path, "error": e.to_string()}),
    };
    let spec_bytes = std::fs::read(spec_path).unwrap_or_default();
    let mut options = RenderOptions::default();
    options.placeholder_outputs = true;
    let once = || {
        let bundle = Bundle::from_files(files.iter().cloned());
        let spec = Spec::from_bytes(spec_path, spec_bytes.clone());
        let findings = bundle.validate_spec(&spec);
        let rendering = bundle.render(&spec, &options);
        (findings.len(), rendering.outputs.len())
    };
    let (findings, rendered) = once();
    let started = Instant::now();
    let mut iterations = 0u64;
    while started.elapsed() < MEASURE {
        black_box(once());
        iterations += 1;
    }
    let nanos = started.elapsed().as_nanos() / u128::from(iterations);
    json!({
        "bundle": bundle_dir,
        "spec": spec_path,
        "ns_per_iter": u64::try_from(nanos).unwrap_or(u64::MAX),
        "iterations": iterations,
        "spec_findings": findings,
        "rendered_files": rendered,
    })
}
