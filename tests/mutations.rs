//! Corrupted manifests, schemas and specs never panic the parser, the models, the rules,
//! spec validation or the renderers. A deterministic stand-in until the cargo-fuzz targets
//! land: thousands of mutations of the example bundles' YAML files and specs.

use std::path::PathBuf;

use protonkit_core::report::ReportFiles;
use protonkit_core::spec::{
    editor_schema, effective_inputs, skeleton, SkeletonOptions, Spec, SpecChecker,
};
use protonkit_core::{lint, Bundle, Contents, FileSet, LintOptions};
use protonkit_fs as disk;

/// xorshift64*: small, deterministic, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n.max(1) as u64).unwrap()
    }
}

const FRAGMENTS: &[&str] = &[
    ":",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "&a ",
    "*a",
    "!Ref ",
    "!!str ",
    "\t",
    "\n",
    "  ",
    "'",
    "\"",
    "#",
    "---\n",
    "? ",
    "|\n",
    ">-\n",
    "é",
    "😀",
    "\u{feff}",
    "~",
    "0x",
    "1e9",
    ",",
    "%YAML 1.2\n",
    "<<: *a\n",
    "\\",
];

fn mutate(rng: &mut Rng, text: &str) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(5) {
            0 => {
                let frag = FRAGMENTS[rng.below(FRAGMENTS.len())];
                bytes.splice(at..at, frag.bytes());
            }
            1 => {
                let end = (at + rng.below(40)).min(bytes.len());
                bytes.drain(at..end);
            }
            2 => bytes.truncate(at),
            3 => {
                let end = (at + rng.below(60)).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                let to = rng.below(bytes.len() + 1);
                bytes.splice(to..to, copy);
            }
            _ => {
                if at < bytes.len() {
                    bytes[at] = u8::try_from(rng.below(256)).unwrap();
                }
            }
        }
    }
    bytes
}

fn rounds() -> usize {
    // `PROTONKIT_MUTATIONS=200000` runs a longer search locally.
    std::env::var("PROTONKIT_MUTATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(4000)
}

#[test]
fn mutated_specs_and_schemas_never_panic_validation() {
    let mut cases = Vec::new();
    for found in disk::find_bundles(&[PathBuf::from("fixtures/bundles")]).unwrap() {
        let bundle = found.load().unwrap();
        for spec in disk::specs_for(&found, &bundle).unwrap() {
            cases.push((
                bundle
                    .files()
                    .iter()
                    .map(|(_, f)| (f.path().to_owned(), f.contents().clone()))
                    .collect::<Vec<_>>(),
                spec.text().to_owned(),
            ));
        }
    }
    assert_eq!(cases.len(), 4);
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut findings = 0usize;
    let rounds = rounds();
    for round in 0..rounds {
        let (files, spec_text) = &cases[round % cases.len()];
        // Mostly the spec; every fourth round the schema too.
        let mut set = FileSet::new();
        for (path, contents) in files {
            let contents = match contents {
                Contents::Text(t) if round % 4 == 0 && path.ends_with("schema.yaml") => {
                    Contents::from_bytes(mutate(&mut rng, t))
                }
                other => other.clone(),
            };
            set.insert(path.as_str(), contents);
        }
        let bundle = Bundle::new(set);
        let spec = Spec::parse(
            "spec.yaml",
            Contents::from_bytes(mutate(&mut rng, spec_text)),
        );
        let diagnostics = SpecChecker::new(&bundle).check(&spec);
        let report = ReportFiles::new(spec.files(), "");
        let _ = report.render_plain(&diagnostics);
        for d in &diagnostics {
            let _ = report.to_record(d);
        }
        let _ = skeleton(&bundle, &SkeletonOptions::default());
        let _ = editor_schema(&bundle, "t");
        if let Some(schema) = bundle.schema() {
            for (_, ty) in &schema.types {
                let _ = effective_inputs(Some(ty), spec.document().root.as_ref(), spec.text());
            }
        }
        findings += diagnostics.len();
    }
    assert!(
        findings > rounds / 4,
        "only {findings} findings from {rounds} mutations"
    );
}

#[test]
fn mutated_yaml_never_panics() {
    let found = disk::find_bundles(&[PathBuf::from("fixtures/bundles")]).unwrap();
    let originals: Vec<FileSet> = found
        .iter()
        .map(|f| f.load().unwrap().into_files())
        .collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut findings = 0usize;
    let rounds = rounds();
    for round in 0..rounds {
        let original = &originals[round % originals.len()];
        let yaml: Vec<_> = original
            .iter()
            .filter(|(_, f)| f.path().ends_with(".yaml"))
            .map(|(_, f)| f.path().to_owned())
            .collect();
        let victim = &yaml[rng.below(yaml.len())];
        let mut files = FileSet::new();
        for (_, f) in original.iter() {
            let contents = if f.path() == victim {
                Contents::from_bytes(mutate(&mut rng, f.text().unwrap()))
            } else {
                f.contents().clone()
            };
            files.insert(f.path(), contents);
        }
        let bundle = Bundle::new(files);
        let diagnostics = lint(&bundle, &LintOptions::default());
        let report = ReportFiles::new(bundle.files(), "b");
        let _ = report.render_plain(&diagnostics);
        for d in &diagnostics {
            let _ = report.to_record(d);
        }
        findings += diagnostics.len();
    }
    // The mutations must actually break things, or this test checks nothing.
    assert!(
        findings > rounds / 4,
        "only {findings} findings from {rounds} mutations"
    );
}

/// Jinja-shaped damage for templates.
const JINJA_FRAGMENTS: &[&str] = &[
    "{{",
    "}}",
    "{%",
    "%}",
    "{#",
    "#}",
    "{% if x %}",
    "{% endif %}",
    "{% for i in range(99999) %}",
    "{% endfor %}",
    "{% raw %}",
    "{% endraw %}",
    "| tojson",
    "| truncate(3, true, '...', 0)",
    "| proton_cfn_sanitize",
    ".",
    "[",
    "]",
    "(",
    ")",
    "~",
    "-",
    "'",
    "\"",
    "\n",
    "  ",
    "environment.inputs.",
    "service_instances[0].",
    "{% set a, b = 1 %}",
    "{% macro m() %}",
    "{{resolve:ssm:x}}",
    "é",
    "\u{feff}",
];

fn mutate_template(rng: &mut Rng, text: &str) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    for _ in 0..=rng.below(3) {
        let at = rng.below(bytes.len() + 1);
        if rng.below(3) == 0 {
            let end = (at + rng.below(30)).min(bytes.len());
            bytes.drain(at..end);
        } else {
            let frag = JINJA_FRAGMENTS[rng.below(JINJA_FRAGMENTS.len())];
            bytes.splice(at..at, frag.bytes());
        }
    }
    bytes
}

/// Damaged templates never panic linting, rendering with a spec, or comparing with the
/// undamaged bundle.
#[test]
fn mutated_templates_never_panic_rendering_or_diff() {
    use protonkit_core::compat::{compare, CompatOptions, OutputReaders};
    use protonkit_core::render::{render_bundle, RenderOptions, Renderer};
    let cases = ["env-jinja-features", "svc-proton-filters"];
    let loaded: Vec<(Bundle, Spec)> = cases
        .iter()
        .map(|c| {
            let dir = PathBuf::from(format!("fixtures/render/{c}"));
            let bundle = disk::load_bundle(&dir.join("bundle")).unwrap();
            let spec = disk::load_spec(&dir.join("spec.yaml"), "spec.yaml").unwrap();
            (bundle, spec)
        })
        .collect();
    let renderer = Renderer::new();
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let (mut failures, rounds) = (0usize, rounds() / 4);
    for round in 0..rounds {
        let (base, spec) = &loaded[round % loaded.len()];
        let mut files = FileSet::new();
        for (_, f) in base.files().iter() {
            let contents = if f.path().ends_with("cloudformation.yaml") {
                Contents::from_bytes(mutate_template(&mut rng, f.text().unwrap()))
            } else {
                f.contents().clone()
            };
            files.insert(f.path(), contents);
        }
        let bundle = Bundle::new(files);
        let _ = lint(&bundle, &LintOptions::default());
        let rendering = render_bundle(&renderer, &bundle, spec, &RenderOptions::default());
        failures += rendering.failures.len();
        let _ = compare(
            base,
            &bundle,
            &OutputReaders::default(),
            &CompatOptions::default(),
        );
    }
    assert!(
        failures > rounds / 10,
        "only {failures} render failures from {rounds} mutations"
    );
}
