//! The `protonkit` library as users call it: loaders, lint, specs, rendering, comparison
//! and packaging, through the public API only.

use std::fs;
use std::path::{Path, PathBuf};

use protonkit::compat::{compare, compare_with_readers, CompatOptions, Level};
use protonkit::render::RenderOptions;
use protonkit::{lint_repository, Bundle, BundleKind, LintOptions, LoadError, Spec};

mod common;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/bundles")
        .join(name)
}

const ENV_SCHEMA: &str = "schema:\n  format:\n    openapi: \"3.0.0\"\n  environment_input_type: Env\n  types:\n    Env:\n      type: object\n      properties:\n        cidr:\n          type: string\n          default: 10.0.0.0/16\n";
const ENV_MANIFEST: &str = "infrastructure:\n  templates:\n    - file: cloudformation.yaml\n      rendering_engine: jinja\n      template_language: cloudformation\n";

fn environment(outputs: &str) -> Bundle {
    Bundle::from_files([
        ("schema/schema.yaml", ENV_SCHEMA.to_owned()),
        ("infrastructure/manifest.yaml", ENV_MANIFEST.to_owned()),
        (
            "infrastructure/cloudformation.yaml",
            format!("Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: '{{{{ environment.inputs.cidr }}}}'\nOutputs:\n{outputs}"),
        ),
    ])
    .with_sync_layout("network", 1)
}

fn service_reading(output: &str) -> Bundle {
    let schema = "schema:\n  format:\n    openapi: \"3.0.0\"\n  service_input_type: Svc\n  types:\n    Svc:\n      type: object\n      properties:\n        port:\n          type: number\n          default: 80\n";
    let manifest = "infrastructure:\n  templates:\n    - file: cloudformation.yaml\n      rendering_engine: jinja\n      template_language: cloudformation\n";
    Bundle::from_files([
        ("schema/schema.yaml", schema.to_owned()),
        ("instance_infrastructure/manifest.yaml", manifest.to_owned()),
        (
            "instance_infrastructure/cloudformation.yaml",
            format!("Resources:\n  Group:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: 'port {{{{ service_instance.inputs.port }}}}'\n      VpcId: '{{{{ environment.outputs.{output} }}}}'\n"),
        ),
        (".template-registration.yaml", "compatible_environments:\n  - network:1\n".to_owned()),
    ])
    .with_sync_layout("web", 1)
}

#[test]
fn bundles_are_send_and_sync() {
    fn shared<T: Send + Sync>() {}
    shared::<Bundle>();
    shared::<Spec>();
    shared::<protonkit::SpecValidator<'static>>();
    shared::<protonkit::Diagnostic>();
    shared::<protonkit::render::Rendering>();
    shared::<protonkit::compat::Comparison>();
}

#[test]
fn every_example_bundle_loads_from_its_folder_and_lints_clean_in_parallel() {
    let dirs = [
        fixture("network-env/v1"),
        fixture("cluster-env/v1"),
        fixture("web-svc/v1"),
        fixture("queue-svc/v1"),
        fixture("bucket-component"),
    ];
    let findings: Vec<usize> = std::thread::scope(|scope| {
        let handles: Vec<_> = dirs
            .iter()
            .map(|dir| scope.spawn(move || Bundle::from_dir(dir).unwrap().lint().len()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(findings, [0, 0, 0, 0, 0]);
    let web = Bundle::from_dir(fixture("web-svc/v1")).unwrap();
    assert_eq!(web.kind(), BundleKind::Service { pipeline: true });
    assert_eq!(web.sync_layout().unwrap().template_name, "web-svc");
    assert_eq!(
        web.compatible_environments(),
        [("network-env".to_owned(), 1)]
    );
}

#[test]
fn a_missing_folder_and_garbage_bytes_are_errors_naming_what_failed() {
    let missing = Bundle::from_dir("/no/such/bundle").unwrap_err();
    assert!(matches!(&missing, LoadError::Io { path, .. } if path == Path::new("/no/such/bundle")));
    assert!(missing.to_string().contains("/no/such/bundle"), "{missing}");
    let garbage = Bundle::from_archive(b"not an archive").unwrap_err();
    assert!(matches!(garbage, LoadError::Archive { .. }));
    assert!(garbage.to_string().contains(".tar.gz"), "{garbage}");
}

#[test]
fn a_package_is_byte_identical_across_copies_and_loads_back_as_the_same_files() {
    let original = Bundle::from_dir(fixture("web-svc/v1")).unwrap();
    let copy_dir = tempfile::tempdir().unwrap();
    common::copy_dir(&fixture("web-svc/v1"), copy_dir.path());
    let copy = Bundle::from_dir(copy_dir.path()).unwrap();
    let packed = original.package().unwrap();
    assert_eq!(packed, copy.package().unwrap());
    let back = Bundle::from_archive(&packed).unwrap();
    let files = |b: &Bundle| -> Vec<(String, Vec<u8>)> {
        b.files()
            .iter()
            .map(|(_, f)| (f.path().to_owned(), f.contents().as_bytes().to_vec()))
            .collect()
    };
    assert_eq!(files(&back), files(&original));
    assert!(back.lint().is_empty());
}

#[test]
fn a_bundle_over_the_quota_is_refused_with_its_size() {
    // Incompressible bytes: a simple generator is enough to defeat deflate.
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let noise: Vec<u8> = (0..6 * 1024 * 1024)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()[0]
        })
        .collect();
    let bundle = Bundle::from_files([("infrastructure/blob.bin", noise)]);
    match bundle.package() {
        Err(protonkit::PackageError::TooLarge { size, limit }) => {
            assert!(size > limit && limit == 5 * 1024 * 1024);
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
}

#[test]
fn spec_findings_give_lines_and_columns_three_ways() {
    let bundle = Bundle::from_dir(fixture("web-svc/v1")).unwrap();
    let text = fs::read_to_string(fixture("web-svc/spec/storefront.yaml")).unwrap();
    let broken = text.replace("size: large", "size: «huge»");
    let spec = Spec::parse("storefront.yaml", &broken);
    let findings = bundle.validate_spec(&spec);
    assert_eq!(findings.len(), 1, "{findings:?}");
    let span = findings[0].primary_span().unwrap();
    let at = spec.files().start(span);
    let line = broken.lines().position(|l| l.contains("«huge»")).unwrap() + 1;
    let column = broken
        .lines()
        .nth(line - 1)
        .unwrap()
        .find("«huge»")
        .unwrap()
        + 1;
    assert_eq!((at.line, at.column, at.byte_column), (line, column, column));
    assert_eq!(at.utf16_column, column);
    assert_eq!(at.byte_offset, broken.find("«huge»").unwrap());
    let text = protonkit::format_diagnostics(spec.files(), &findings);
    assert!(
        text.contains(&format!("storefront.yaml:{line}:{column}")),
        "{text}"
    );

    // One validator for many specs.
    let validator = bundle.spec_validator();
    assert!(validator
        .validate(&Spec::parse("ok.yaml", &text_of_valid()))
        .is_empty());
}

fn text_of_valid() -> String {
    fs::read_to_string(fixture("web-svc/spec/storefront.yaml")).unwrap()
}

#[test]
fn effective_inputs_and_rendering_cover_every_instance_and_the_pipeline() {
    let bundle = Bundle::from_dir(fixture("web-svc/v1")).unwrap();
    let spec = Spec::parse("storefront.yaml", &text_of_valid());
    assert_eq!(spec.instance_names(), ["storefront-dev", "storefront-prod"]);
    let inputs = bundle.effective_inputs(&spec);
    assert_eq!(inputs.instances.len(), 2);
    // The dev instance does not give `port`: the schema's default fills it in.
    let (name, dev) = &inputs.instances[0];
    assert_eq!(name, "storefront-dev");
    assert!(dev.contains_key("port"), "{dev:?}");
    assert!(inputs.pipeline.is_some());

    let rendering = bundle.render(&spec, &RenderOptions::default());
    assert!(
        rendering.diagnostics.is_empty(),
        "{:?}",
        rendering.diagnostics
    );
    let paths: Vec<&str> = rendering.outputs.iter().map(|o| o.path.as_str()).collect();
    assert!(
        paths
            .iter()
            .any(|p| p.starts_with("instances/storefront-dev/")),
        "{paths:?}"
    );
    assert!(
        paths
            .iter()
            .any(|p| p.starts_with("instances/storefront-prod/")),
        "{paths:?}"
    );
    assert!(
        paths.iter().any(|p| p.starts_with("pipeline/")),
        "{paths:?}"
    );

    let mut one = RenderOptions::default();
    one.instance = Some("storefront-prod".into());
    let only = bundle.render(&spec, &one);
    assert!(only
        .outputs
        .iter()
        .all(|o| o.path.starts_with("instances/storefront-prod/")));
}

#[test]
fn bundles_of_one_repository_are_checked_together() {
    let env = environment("  VpcId:\n    Value: !Ref Vpc\n");
    let reads_known = service_reading("VpcId");
    let reads_unknown = service_reading("SubnetIds");
    let findings = lint_repository(&[env, reads_known, reads_unknown], &LintOptions::default());
    assert!(
        findings[0].is_empty() && findings[1].is_empty(),
        "{findings:?}"
    );
    assert_eq!(findings[2].len(), 1, "{:?}", findings[2]);
    assert_eq!(findings[2][0].rule.name(), "unknown-environment-output");
}

#[test]
fn comparison_levels_follow_the_options_and_the_readers() {
    let base = environment("  VpcId:\n    Value: !Ref Vpc\n");
    let revision = environment("  Other:\n    Value: !Ref Vpc\n");
    let alone = compare(&base, &revision, &CompatOptions::default());
    let ids: Vec<&str> = alone.changes.iter().map(|c| c.id.as_str()).collect();
    assert!(ids.contains(&"output-removed"), "{ids:?}");
    assert_eq!(alone.verdict(), Some(Level::Minor));

    let reader = service_reading("VpcId");
    let read = compare_with_readers(&base, &revision, &[&reader], &CompatOptions::default());
    assert_eq!(read.verdict(), Some(Level::Major));
    let removed = read
        .changes
        .iter()
        .find(|c| c.id.as_str() == "output-removed-in-use")
        .unwrap();
    let at = base.files().start(removed.base_span.unwrap());
    assert_eq!(at.line, 7);

    let mut lenient = CompatOptions::default();
    lenient.levels.push((removed.id, Level::Minor));
    let overridden = compare_with_readers(&base, &revision, &[&reader], &lenient);
    assert_eq!(overridden.verdict(), Some(Level::Minor));
}
