//! Publishes a bundle as a new version of a Proton template, against AWS or any
//! Proton-compatible endpoint (build with `--features publish`).
//!
//! ```text
//! cargo run --features publish --example publish -- BUNDLE TEMPLATE BUCKET [PROTON_URL S3_URL]
//! ```
//!
//! Credentials come from the standard chain (environment, profile, SSO, instance metadata).
//! `cargo run -p protonkit-testkit` starts a local endpoint to try it against.

use std::process::ExitCode;

use protonkit::publish::{Clients, Connection, Event, PublishRequest, TemplateKind};
use protonkit::{Bundle, BundleKind};

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [bundle_dir, template, bucket, rest @ ..] = args.as_slice() else {
        eprintln!("usage: publish BUNDLE TEMPLATE BUCKET [PROTON_URL S3_URL]");
        return ExitCode::from(2);
    };
    let bundle = match Bundle::from_dir(bundle_dir) {
        Ok(bundle) => bundle,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let kind = match bundle.kind() {
        BundleKind::Service { .. } => TemplateKind::Service,
        _ => TemplateKind::Environment,
    };

    let mut connection = Connection::default();
    if let [proton_url, s3_url, ..] = rest {
        connection.proton_endpoint = Some(proton_url.clone());
        connection.s3_endpoint = Some(s3_url.clone());
    }
    let clients = Clients::connect(&connection).await;

    let mut request = PublishRequest::new(template, kind, bucket);
    request.wait = true;
    let outcome = protonkit::publish::publish(&clients, &bundle, &request, &mut |event| {
        if let Event::Progress(step) = event {
            eprintln!("  {step}");
        }
    })
    .await;
    match outcome {
        Ok(o) => {
            println!(
                "{template} {} ({}), bundle s3://{}/{}",
                o.version.unwrap_or_default(),
                if o.created { "created" } else { "existing" },
                o.bucket,
                o.key
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
