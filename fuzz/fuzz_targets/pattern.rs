//! Schema `pattern`s: a pattern and a value (split at the first NUL byte), the value checked
//! in a spec against the pattern in a schema. protonkit must find a `pattern` mismatch
//! exactly when regress (ECMA-262, by backtracking) finds no match. Both are kept to
//! printable ASCII so that they pass through YAML unchanged, and short so that regress
//! stays quick; patterns with lookaround or backreferences, which protonkit itself leaves to
//! regress, are skipped.
#![no_main]

use libfuzzer_sys::fuzz_target;
use protonkit::{Bundle, Spec};

const MANIFEST: &str = "infrastructure:\n  templates:\n    - file: cloudformation.yaml\n      rendering_engine: jinja\n      template_language: cloudformation\n";

fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fuzz_target!(|data: &[u8]| {
    let Some(split) = data.iter().position(|&b| b == 0) else {
        return;
    };
    let (Ok(pattern), Ok(value)) = (
        std::str::from_utf8(&data[..split]),
        std::str::from_utf8(&data[split + 1..]),
    ) else {
        return;
    };
    let printable = |s: &str| s.bytes().all(|b| (b' '..=b'~').contains(&b));
    let backtracking_only = ["(?=", "(?!", "(?<=", "(?<!", "\\k"]
        .iter()
        .any(|s| pattern.contains(s))
        || pattern
            .as_bytes()
            .windows(2)
            .any(|w| w[0] == b'\\' && w[1].is_ascii_digit());
    // `${Proton::CURRENT_VAL}` keeps the input's value, so it is not checked.
    let kept = value == "${Proton::CURRENT_VAL}";
    if !printable(pattern) || !printable(value) || value.len() > 16 || backtracking_only || kept {
        return;
    }
    let Ok(exact) = regress::Regex::new(pattern) else {
        return;
    };
    let schema = format!(
        "schema:\n  format:\n    openapi: \"3.0.0\"\n  environment_input_type: Env\n  types:\n    Env:\n      type: object\n      properties:\n        value:\n          type: string\n          pattern: {}\n",
        quoted(pattern)
    );
    let bundle = Bundle::from_files([
        ("schema/schema.yaml", schema.as_str()),
        ("infrastructure/manifest.yaml", MANIFEST),
        ("infrastructure/cloudformation.yaml", "Resources: {}\n"),
    ]);
    let spec = Spec::parse(
        "spec.yaml",
        &format!(
            "proton: EnvironmentSpec\nspec:\n  value: {}\n",
            quoted(value)
        ),
    );
    let mismatch = bundle
        .validate_spec(&spec)
        .iter()
        .any(|d| d.rule.code() == "P222");
    assert_eq!(
        mismatch,
        exact.find(value).is_none(),
        "{pattern:?} against {value:?}"
    );
});
