//! Template rendering: any template text, rendered for a fixed environment spec, ends in
//! output or render errors (bounded by the engine's fuel).
#![no_main]

use libfuzzer_sys::fuzz_target;
use protonkit::render::RenderOptions;
use protonkit::{Bundle, Spec};

const SCHEMA: &str = "schema:\n  format:\n    openapi: \"3.0.0\"\n  environment_input_type: Env\n  types:\n    Env:\n      type: object\n      properties:\n        name:\n          type: string\n        count:\n          type: number\n";
const MANIFEST: &str = "infrastructure:\n  templates:\n    - file: cloudformation.yaml\n      rendering_engine: jinja\n      template_language: cloudformation\n";

fuzz_target!(|template: &[u8]| {
    let bundle = Bundle::from_files([
        ("schema/schema.yaml", SCHEMA.as_bytes().to_vec()),
        ("infrastructure/manifest.yaml", MANIFEST.as_bytes().to_vec()),
        ("infrastructure/cloudformation.yaml", template.to_vec()),
    ]);
    let spec = Spec::parse(
        "spec.yaml",
        "proton: EnvironmentSpec\nspec:\n  name: a-b\n  count: 3\n",
    );
    let mut options = RenderOptions::default();
    options.placeholder_outputs = true;
    let _ = bundle.render(&spec, &options);
    let _ = bundle.lint();
});
