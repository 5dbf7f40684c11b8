//! A local Proton endpoint and S3 server to try publishing against:
//!
//! ```text
//! cargo run -p protonkit-testkit [FOLDER]
//! ```
//!
//! Prints `PROTON_URL=...`, `S3_URL=...` and the credentials they accept, then serves until
//! stopped. The bucket `bundles` exists; objects are kept under FOLDER (default: a new
//! folder in the system's temporary folder).

use protonkit_testkit::{Clock, ProtonServer, S3Server, ACCESS_KEY, SECRET_KEY};

#[tokio::main]
async fn main() {
    let root = std::env::args_os().nth(1).map_or_else(
        || std::env::temp_dir().join(format!("protonkit-local-endpoint-{}", std::process::id())),
        std::path::PathBuf::from,
    );
    if let Err(e) = std::fs::create_dir_all(&root) {
        eprintln!("error: cannot use `{}`: {e}", root.display());
        std::process::exit(2);
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let s3 = S3Server::start(&root, &["bundles"]).await;
    let proton = ProtonServer::start(&root, Clock::at(now)).await;
    println!("PROTON_URL={}", proton.url());
    println!("S3_URL={}", s3.url());
    println!("AWS_ACCESS_KEY_ID={ACCESS_KEY}");
    println!("AWS_SECRET_ACCESS_KEY={SECRET_KEY}");
    eprintln!(
        "serving; objects under `{}`; stop with Ctrl-C",
        root.display()
    );
    std::future::pending::<()>().await;
}
