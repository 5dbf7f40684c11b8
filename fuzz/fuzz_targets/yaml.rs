//! The YAML layer: any text parses to a tree and issues, with spans inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use protonkit_core::{FileSet, Span};

fuzz_target!(|text: &str| {
    let mut files = FileSet::new();
    let id = files.insert_text("fuzz.yaml", text);
    let doc = protonkit_core::yaml::parse(id, text);
    for issue in &doc.issues {
        let span: Span = issue.span;
        assert!(span.range().end <= text.len());
        let _ = files.start(span);
    }
});
