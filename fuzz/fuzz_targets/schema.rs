//! Schema compilation: any schema file lints, and specs validate against what it compiles to.
#![no_main]

use libfuzzer_sys::fuzz_target;
use protonkit::{Bundle, Spec};

const MANIFEST: &str = "infrastructure:\n  templates:\n    - file: cloudformation.yaml\n      rendering_engine: jinja\n      template_language: cloudformation\n";
const TEMPLATE: &str = "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n";

fuzz_target!(|schema: &[u8]| {
    let bundle = Bundle::from_files([
        ("schema/schema.yaml", schema.to_vec()),
        ("infrastructure/manifest.yaml", MANIFEST.as_bytes().to_vec()),
        (
            "infrastructure/cloudformation.yaml",
            TEMPLATE.as_bytes().to_vec(),
        ),
    ]);
    let _ = bundle.lint();
    let validator = bundle.spec_validator();
    for spec in [
        "proton: EnvironmentSpec\nspec:\n  name: a\n  size: 3\n  list: [1, x]\n",
        "proton: ServiceSpec\ninstances:\n  - name: a\n    environment: e\n    spec:\n      port: 80\npipeline:\n  x: y\n",
    ] {
        let _ = validator.validate(&Spec::parse("spec.yaml", spec));
    }
});
