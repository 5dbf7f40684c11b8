//! What JavaScript hands over as a bundle: an object of path -> text, or the bytes of a
//! `.zip`/`.tar.gz`.

use std::collections::BTreeMap;

use js_sys::Uint8Array;
use protonkit_core::archive::{self, Limits};
use protonkit_core::{Bundle, FileSet};
use wasm_bindgen::{JsCast, JsValue};

/// Reads `files` into a bundle.
pub fn bundle(files: &JsValue) -> Result<Bundle, String> {
    if let Some(bytes) = files.dyn_ref::<Uint8Array>() {
        return from_archive(&bytes.to_vec());
    }
    let map: BTreeMap<String, String> = serde_wasm_bindgen::from_value(files.clone())
        .map_err(|e| {
            format!("`files` must be an object of path -> text, or a Uint8Array of a .zip or .tar.gz ({e})")
        })?;
    Ok(from_map(map))
}

/// A bundle from path -> text. A leading folder shared by every path (what a directory
/// picker gives: `my-template/v1/schema/schema.yaml`) is kept: paths are taken as they come.
pub fn from_map(map: BTreeMap<String, String>) -> Bundle {
    let mut set = FileSet::new();
    for (path, text) in map {
        set.insert_text(path, text);
    }
    Bundle::new(set)
}

/// A bundle from archive bytes; unsafe entries are refused and reported by lint.
pub fn from_archive(bytes: &[u8]) -> Result<Bundle, String> {
    let unpacked =
        archive::unpack(bytes, Limits::default()).map_err(|e| format!("the archive is {e}"))?;
    Ok(Bundle::new(unpacked.files).with_refusals(unpacked.refused))
}
