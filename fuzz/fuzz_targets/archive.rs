//! Archive loading: any bytes are a clear error or a bundle (unsafe entries refused, sizes
//! capped) that lints.
#![no_main]

use libfuzzer_sys::fuzz_target;
use protonkit::Bundle;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(bundle) = Bundle::from_archive(bytes) {
        for (_, file) in bundle.files().iter() {
            assert!(!file.path().starts_with('/') && !file.path().split('/').any(|s| s == ".."));
        }
        let _ = bundle.lint();
    }
});
