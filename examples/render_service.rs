//! Renders a service template for every instance of a spec and its pipeline, and prints
//! each rendered file under its output path.
//!
//! ```text
//! cargo run --example render_service -- fixtures/bundles/web-svc/v1 fixtures/bundles/web-svc/spec/storefront.yaml
//! ```

use std::process::ExitCode;

use protonkit::render::RenderOptions;
use protonkit::{format_diagnostics, Bundle, Spec};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let bundle_dir = args
        .next()
        .unwrap_or_else(|| "fixtures/bundles/web-svc/v1".into());
    let spec_path = args
        .next()
        .unwrap_or_else(|| "fixtures/bundles/web-svc/spec/storefront.yaml".into());

    let bundle = match Bundle::from_dir(&bundle_dir) {
        Ok(bundle) => bundle,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let text = match std::fs::read_to_string(&spec_path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("cannot read `{spec_path}`: {e}");
            return ExitCode::from(2);
        }
    };
    let spec = Spec::parse(&spec_path, &text);

    // Render only specs that are valid: inputs a spec lacks are simply absent.
    let problems = bundle.validate_spec(&spec);
    if !problems.is_empty() {
        eprint!("{}", format_diagnostics(spec.files(), &problems));
        return ExitCode::FAILURE;
    }

    let mut options = RenderOptions::default();
    options.metadata.service_name = "storefront".into();
    // Templates that read environment outputs get `<Name>-value` placeholders.
    options.placeholder_outputs = true;
    let rendering = bundle.render(&spec, &options);
    for file in &rendering.outputs {
        let text = rendering.files.get(file.file).text().unwrap_or_default();
        println!("--- {}\n{text}", file.path);
    }
    if rendering.diagnostics.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprint!(
            "{}",
            format_diagnostics(&rendering.files, &rendering.diagnostics)
        );
        ExitCode::FAILURE
    }
}
