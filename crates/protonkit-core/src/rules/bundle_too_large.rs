use super::prelude::*;
use crate::archive::{pack_tar_gz, packed_size_bound, PACKED_SIZE_LIMIT as LIMIT};

declare_rule! {
    /// ## What it does
    /// Reports a bundle whose packed `.tar.gz` would exceed 5 MB.
    ///
    /// ## Why is this bad?
    /// Proton's bundle-size quota is 5 MB and cannot be raised; a larger bundle cannot be
    /// registered.
    ///
    /// ## Example
    /// A CodeBuild bundle that ships `node_modules/` or build output.
    ///
    /// ## Use instead
    /// Leave dependencies and build output out of the bundle and install or build them in
    /// the provisioning commands.
    ("P501", "bundle-too-large", Error, "a bundle that packs to more than 5 MB")
}

pub(super) fn check(bundle: &Bundle, out: &mut Vec<Diagnostic>) {
    // Compressing is only worth it when the cheap bound says the quota may be broken.
    if packed_size_bound(bundle.files()) <= LIMIT {
        return;
    }
    let packed = match pack_tar_gz(bundle.files()) {
        Ok(bytes) => bytes.len() as u64,
        Err(e) => {
            out.push(Diagnostic::new(rule(), Location::Path(String::new()), e.to_string()));
            return;
        }
    };
    if packed > LIMIT {
        #[allow(clippy::cast_precision_loss)]
        let mb = packed as f64 / (1024.0 * 1024.0);
        out.push(
            Diagnostic::new(
                rule(),
                Location::Path(String::new()),
                format!("the bundle packs to {mb:.1} MB; Proton accepts at most 5 MB"),
            )
            .help("remove dependencies, build output and other files the templates do not need"),
        );
    }
}
