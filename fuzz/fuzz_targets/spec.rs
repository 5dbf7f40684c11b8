//! Spec validation: any spec text against a service schema with nested objects, arrays,
//! enums, patterns and bounds.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use protonkit::{Bundle, Spec};

const SCHEMA: &str = r#"schema:
  format:
    openapi: "3.0.0"
  service_input_type: Svc
  pipeline_input_type: Pipe
  types:
    Svc:
      type: object
      properties:
        name: {type: string, pattern: "^[a-z][a-z0-9-]*$", minLength: 1, maxLength: 20}
        port: {type: number, minimum: 1, maximum: 65535, default: 80}
        size: {type: string, enum: [small, large]}
        tags: {type: array, items: {type: string}, maxItems: 3, uniqueItems: true}
        net:
          type: object
          properties:
            cidr: {type: string, format: ipv4}
          required: [cidr]
      required: [name]
    Pipe:
      type: object
      properties:
        image: {type: string, nullable: true}
"#;

fn bundle() -> &'static Bundle {
    static BUNDLE: OnceLock<Bundle> = OnceLock::new();
    BUNDLE.get_or_init(|| {
        Bundle::from_files([
            ("schema/schema.yaml", SCHEMA),
            ("instance_infrastructure/manifest.yaml", "infrastructure:\n  templates:\n    - file: cloudformation.yaml\n      rendering_engine: jinja\n      template_language: cloudformation\n"),
            ("instance_infrastructure/cloudformation.yaml", "Resources: {}\n"),
        ])
    })
}

fuzz_target!(|spec: &[u8]| {
    let spec = Spec::from_bytes("spec.yaml", spec.to_vec());
    let _ = bundle().validate_spec(&spec);
    let _ = bundle().effective_inputs(&spec);
});
