//! Criterion benchmarks of the library's main operations, each with its throughput in
//! bytes of input: lint one bundle (CloudFormation, Terraform, CodeBuild), validate a
//! spec, render a service, compare two schemas, load a `.tar.gz`.
//!
//! `cargo bench --bench core` (add `-- lint` to run one group).

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use protonkit::compat::{compare, CompatOptions};
use protonkit::render::RenderOptions;
use protonkit::{Bundle, Spec};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A bundle's files as bytes, read once, so that iterations measure parsing and checks.
fn files_of(dir: &str) -> Vec<(String, Vec<u8>)> {
    let bundle = Bundle::from_dir(root().join(dir)).expect("example bundle");
    bundle
        .files()
        .iter()
        .map(|(_, f)| (f.path().to_owned(), f.contents().as_bytes().to_vec()))
        .collect()
}

fn size(files: &[(String, Vec<u8>)]) -> u64 {
    files.iter().map(|(_, b)| b.len() as u64).sum()
}

fn spec_text(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).expect("example spec")
}

fn lint(c: &mut Criterion) {
    let mut group = c.benchmark_group("lint");
    for (name, dir) in [
        ("cloudformation", "fixtures/bundles/network-env/v1"),
        ("terraform", "fixtures/bundles/queue-svc/v1"),
        ("codebuild", "fixtures/bundles/cluster-env/v1"),
    ] {
        let files = files_of(dir);
        group.throughput(Throughput::Bytes(size(&files)));
        group.bench_function(name, |b| {
            b.iter(|| Bundle::from_files(black_box(files.clone())).lint());
        });
    }
    group.finish();
}

fn spec(c: &mut Criterion) {
    let bundle = Bundle::from_dir(root().join("fixtures/bundles/web-svc/v1")).unwrap();
    let text = spec_text("fixtures/bundles/web-svc/spec/storefront.yaml");
    let validator = bundle.spec_validator();
    let mut group = c.benchmark_group("spec");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("validate", |b| {
        b.iter(|| validator.validate(&Spec::parse("storefront.yaml", black_box(&text))));
    });
    let (bundle, text) = wide_bundle(200);
    let validator = bundle.spec_validator();
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("validate-200-inputs", |b| {
        b.iter(|| validator.validate(&Spec::parse("wide.yaml", black_box(&text))));
    });
    group.finish();
}

/// A bundle whose environment takes `count` inputs (patterns, bounds, enums, booleans) and
/// a spec giving each: the case the npm package's and the editor's benchmarks time.
fn wide_bundle(count: usize) -> (Bundle, String) {
    let mut properties = String::new();
    let mut spec = String::from("proton: EnvironmentSpec\nspec:\n");
    for i in 0..count {
        let (property, value) = match i % 4 {
            0 => (format!("name_{i}:\n          type: string\n          pattern: \"^[a-z][a-z0-9-]*$\"\n          maxLength: 40"), format!("name_{i}: value-{i}")),
            1 => (format!("count_{i}:\n          type: number\n          minimum: 1\n          maximum: 100"), format!("count_{i}: {}", i % 100 + 1)),
            2 => (format!("size_{i}:\n          type: string\n          enum: [small, medium, large]"), format!("size_{i}: medium")),
            _ => (format!("flag_{i}:\n          type: boolean\n          default: false"), format!("flag_{i}: true")),
        };
        properties.push_str(&format!("        {property}\n"));
        spec.push_str(&format!("  {value}\n"));
    }
    let schema = format!("schema:\n  format:\n    openapi: \"3.0.0\"\n  environment_input_type: Env\n  types:\n    Env:\n      type: object\n      properties:\n{properties}");
    let bundle = Bundle::from_files([
        ("schema/schema.yaml".to_owned(), schema.into_bytes()),
        ("infrastructure/manifest.yaml".to_owned(), b"infrastructure:\n  templates:\n    - file: cloudformation.yaml\n      rendering_engine: jinja\n      template_language: cloudformation\n".to_vec()),
        ("infrastructure/cloudformation.yaml".to_owned(), b"Resources: {}\n".to_vec()),
    ]);
    (bundle, spec)
}

fn render(c: &mut Criterion) {
    let bundle = Bundle::from_dir(root().join("fixtures/bundles/web-svc/v1")).unwrap();
    let spec = Spec::parse(
        "storefront.yaml",
        &spec_text("fixtures/bundles/web-svc/spec/storefront.yaml"),
    );
    let templates: u64 = bundle
        .files()
        .iter()
        .filter(|(_, f)| f.path().ends_with("cloudformation.yaml"))
        .map(|(_, f)| f.contents().len() as u64)
        .sum();
    let options = RenderOptions::default();
    let mut group = c.benchmark_group("render");
    group.throughput(Throughput::Bytes(templates));
    group.bench_function("service", |b| {
        b.iter(|| bundle.render(black_box(&spec), &options));
    });
    group.finish();
}

fn diff(c: &mut Criterion) {
    let base = Bundle::from_dir(root().join("fixtures/bundles/web-svc/v1")).unwrap();
    let schema = base.files().lookup("schema/schema.yaml").unwrap();
    let text = base.files().get(schema).text().unwrap();
    // A revision with one more optional input and a narrower constraint.
    let revised = text.replacen(
        "properties:\n",
        "properties:\n        team:\n          type: string\n",
        1,
    );
    let revision = Bundle::from_files([("schema/schema.yaml", revised)]);
    let base = Bundle::from_files([("schema/schema.yaml", text.to_owned())]);
    let options = CompatOptions::default();
    let mut group = c.benchmark_group("diff");
    group.throughput(Throughput::Bytes(2 * text.len() as u64));
    group.bench_function("schemas", |b| {
        b.iter(|| compare(black_box(&base), black_box(&revision), &options));
    });
    group.finish();
}

fn archive(c: &mut Criterion) {
    let bundle = Bundle::from_dir(root().join("fixtures/bundles/web-svc/v1")).unwrap();
    let packed = bundle.package().unwrap();
    let mut group = c.benchmark_group("archive");
    group.throughput(Throughput::Bytes(packed.len() as u64));
    group.bench_function("load-tar-gz", |b| {
        b.iter(|| Bundle::from_archive(black_box(&packed)).unwrap());
    });
    group.finish();
}

criterion_group!(benches, lint, spec, render, diff, archive);
criterion_main!(benches);
