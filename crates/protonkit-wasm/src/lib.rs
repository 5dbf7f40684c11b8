//! protonkit for JavaScript: lint bundles, validate and complete specs, render and diff,
//! in the browser or in Node.js, with nothing sent anywhere.
//!
//! Every function takes `files`, a plain object of bundle-relative path -> text, or a
//! `Uint8Array` holding a `.zip`/`.tar.gz`, and returns a plain object. Failures come
//! back as `{ error: string }`, never as exceptions. Positions are 1-based lines and
//! UTF-16 columns, with 0-based UTF-16 offsets (what editors count).

mod cursor;
mod files;
mod types;

use protonkit_core::compat::{self, CompatOptions, OutputReaders, Policy};
use protonkit_core::render::{render_bundle, RenderOptions, Renderer};
use protonkit_core::spec::{editor_schema, skeleton, SkeletonOptions, Spec, SpecChecker};
use protonkit_core::{lint, BundleKind, Contents, LintOptions};
use serde::Deserialize;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use types::{
    ChangeRecord, DiffResult, ErrorResult, Finding, LintResult, OutputFile, RenderResult,
    SchemaResult, SkeletonResult, ValidateResult,
};

/// How spec findings name the spec.
const SPEC_PATH: &str = "spec.yaml";

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

fn to_js<T: Serialize>(value: &T) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value
        .serialize(&serializer)
        .unwrap_or_else(|e| JsValue::from_str(&format!("protonkit: cannot return a value: {e}")))
}

fn outcome<T: Serialize>(result: Result<T, String>) -> JsValue {
    match result {
        Ok(value) => to_js(&value),
        Err(error) => to_js(&ErrorResult { error }),
    }
}

fn options<T: for<'de> Deserialize<'de> + Default>(value: &JsValue) -> Result<T, String> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    serde_wasm_bindgen::from_value(value.clone()).map_err(|e| format!("invalid options: {e}"))
}

/// A bundle parsed once, with its input types compiled on first use: what an editor keeps
/// while the user types. Get one from `openBundle`; free it with `free()` when done.
#[wasm_bindgen(js_name = Bundle)]
pub struct BundleHandle {
    checker: SpecChecker<protonkit_core::Bundle>,
    renderer: Renderer,
}

fn open(files: &JsValue) -> Result<BundleHandle, String> {
    files::bundle(files).map(|bundle| BundleHandle {
        checker: SpecChecker::new(bundle),
        renderer: Renderer::new(),
    })
}

/// Parses a bundle once, for many calls.
#[wasm_bindgen(js_name = openBundle, unchecked_return_type = "Bundle | ErrorResult")]
pub fn open_bundle(#[wasm_bindgen(unchecked_param_type = "Files")] files: JsValue) -> JsValue {
    match open(&files) {
        Ok(handle) => JsValue::from(handle),
        Err(error) => to_js(&ErrorResult { error }),
    }
}

fn spec_of(text: &str) -> Spec {
    Spec::parse(SPEC_PATH, Contents::Text(text.to_owned()))
}

#[wasm_bindgen(js_class = Bundle)]
impl BundleHandle {
    fn bundle(&self) -> &protonkit_core::Bundle {
        self.checker.bundle()
    }

    /// `environment`, `service`, `component` or `unknown`.
    #[wasm_bindgen(getter)]
    pub fn kind(&self) -> String {
        self.bundle().kind().as_str().to_owned()
    }

    /// Every finding of every rule.
    #[wasm_bindgen(unchecked_return_type = "LintResult")]
    pub fn lint(&self) -> JsValue {
        let bundle = self.bundle();
        to_js(&LintResult {
            kind: bundle.kind().as_str(),
            diagnostics: Finding::all(bundle.files(), &lint(bundle, &LintOptions::default())),
        })
    }

    /// The problems of a spec; findings point into it (`spec.yaml`).
    #[wasm_bindgen(js_name = validateSpec, unchecked_return_type = "ValidateResult")]
    pub fn validate_spec(&self, spec_text: &str) -> JsValue {
        let spec = spec_of(spec_text);
        let findings = LintOptions::default().finish(spec.files(), self.checker.check(&spec));
        to_js(&ValidateResult {
            diagnostics: Finding::all(spec.files(), &findings),
        })
    }

    /// Renders the templates for a spec, as Proton does.
    #[wasm_bindgen(unchecked_return_type = "RenderResult | ErrorResult")]
    pub fn render(
        &self,
        spec_text: &str,
        #[wasm_bindgen(unchecked_param_type = "RenderOptions | undefined")] options_value: JsValue,
    ) -> JsValue {
        outcome(options::<RenderArgs>(&options_value).map(|args| {
            let spec = spec_of(spec_text);
            let mut render_options = RenderOptions::default();
            render_options.instance = args.instance;
            render_options.placeholder_outputs = args.placeholder_outputs.unwrap_or(true);
            if let Some(name) = args.environment_name {
                render_options.metadata.environment_name = name;
            }
            if let Some(name) = args.service_name {
                render_options.metadata.service_name = name;
            }
            if let Some(outputs) = args.outputs {
                render_options.outputs.environment = outputs;
            }
            let rendering = render_bundle(&self.renderer, self.bundle(), &spec, &render_options);
            let files = &rendering.files;
            RenderResult {
                files: rendering
                    .outputs
                    .iter()
                    .map(|o| OutputFile {
                        path: o.path.clone(),
                        text: files.get(o.file).text().unwrap_or_default().to_owned(),
                        template: o.template.map(|t| files.get(t).path().to_owned()),
                    })
                    .collect(),
                diagnostics: Finding::all(files, &rendering.diagnostics),
            }
        }))
    }

    /// A starting spec listing every input.
    #[wasm_bindgen(js_name = specSkeleton, unchecked_return_type = "SkeletonResult | ErrorResult")]
    pub fn spec_skeleton(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SkeletonOptions | undefined")]
        options_value: JsValue,
    ) -> JsValue {
        outcome(options::<SkeletonArgs>(&options_value).and_then(|args| {
            let mut skeleton_options = SkeletonOptions::default();
            if let Some(instance) = args.instance {
                skeleton_options.instance = instance;
            }
            if let Some(environment) = args.environment {
                skeleton_options.environment = environment;
            }
            skeleton(self.bundle(), &skeleton_options)
                .map(|text| SkeletonResult { text })
                .ok_or_else(|| no_spec(self.bundle().kind()))
        }))
    }

    /// The JSON Schema of the bundle's spec files.
    #[wasm_bindgen(js_name = specJsonSchema, unchecked_return_type = "SchemaResult | ErrorResult")]
    pub fn spec_json_schema(&self) -> JsValue {
        let bundle = self.bundle();
        outcome(if bundle.kind().spec_kind().is_none() {
            Err(no_spec(bundle.kind()))
        } else {
            Ok(SchemaResult {
                schema: editor_schema(bundle, "spec"),
            })
        })
    }

    /// Completions at a UTF-16 offset of a spec.
    #[wasm_bindgen(unchecked_return_type = "CompletionResult")]
    pub fn completions(&self, spec_text: &str, offset: usize) -> JsValue {
        to_js(&cursor::completions(
            self.bundle(),
            spec_text,
            cursor::byte_offset(spec_text, offset),
        ))
    }

    /// Hover text for the input named on the line at a UTF-16 offset; `null` for none.
    #[wasm_bindgen(unchecked_return_type = "HoverResult | null")]
    pub fn hover(&self, spec_text: &str, offset: usize) -> JsValue {
        cursor::hover(
            self.bundle(),
            spec_text,
            cursor::byte_offset(spec_text, offset),
        )
        .map_or(JsValue::NULL, |h| to_js(&h))
    }
}

/// Lints a bundle: every finding of every rule.
#[wasm_bindgen(js_name = lintBundle, unchecked_return_type = "LintResult | ErrorResult")]
pub fn lint_bundle(#[wasm_bindgen(unchecked_param_type = "Files")] files: JsValue) -> JsValue {
    with_bundle(&files, BundleHandle::lint)
}

fn with_bundle(files: &JsValue, f: impl FnOnce(&BundleHandle) -> JsValue) -> JsValue {
    match open(files) {
        Ok(handle) => f(&handle),
        Err(error) => to_js(&ErrorResult { error }),
    }
}

/// Validates a spec against the bundle's schema. Findings point into the spec
/// (`spec.yaml`). For many specs of one bundle, `openBundle` once.
#[wasm_bindgen(js_name = validateSpec, unchecked_return_type = "ValidateResult | ErrorResult")]
pub fn validate_spec(
    #[wasm_bindgen(unchecked_param_type = "Files")] files: JsValue,
    spec_text: &str,
) -> JsValue {
    with_bundle(&files, |b| b.validate_spec(spec_text))
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct RenderArgs {
    instance: Option<String>,
    placeholder_outputs: Option<bool>,
    environment_name: Option<String>,
    service_name: Option<String>,
    outputs: Option<serde_json::Map<String, serde_json::Value>>,
}

/// Renders the bundle's templates for a spec, as Proton does (Terraform and CodeBuild
/// bundles get the input files Proton writes).
#[wasm_bindgen(unchecked_return_type = "RenderResult | ErrorResult")]
pub fn render(
    #[wasm_bindgen(unchecked_param_type = "Files")] files: JsValue,
    spec_text: &str,
    #[wasm_bindgen(unchecked_param_type = "RenderOptions | undefined")] options_value: JsValue,
) -> JsValue {
    with_bundle(&files, |b| b.render(spec_text, options_value))
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct DiffArgs {
    policy: Option<String>,
}

/// Compares a revision of a template with its base: whether it is a minor or a major
/// version, and each change with its id, level and positions.
#[wasm_bindgen(unchecked_return_type = "DiffResult | ErrorResult")]
pub fn diff(
    #[wasm_bindgen(unchecked_param_type = "Files")] base_files: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Files")] revision_files: JsValue,
    #[wasm_bindgen(unchecked_param_type = "DiffOptions | undefined")] options_value: JsValue,
) -> JsValue {
    outcome((|| {
        let args: DiffArgs = options(&options_value)?;
        let mut compat_options = CompatOptions::default();
        compat_options.policy = match args.policy.as_deref() {
            None | Some("contract") => Policy::Contract,
            Some("proton") => Policy::Proton,
            Some(other) => {
                return Err(format!(
                    "unknown policy `{other}`: use `contract` or `proton`"
                ))
            }
        };
        let base = files::bundle(&base_files)?;
        let revision = files::bundle(&revision_files)?;
        let comparison =
            compat::compare(&base, &revision, &OutputReaders::default(), &compat_options);
        Ok(DiffResult {
            verdict: compat::verdict_name(comparison.verdict()),
            changes: comparison
                .changes
                .iter()
                .map(|c| ChangeRecord::of(base.files(), revision.files(), c))
                .collect(),
        })
    })())
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct SkeletonArgs {
    instance: Option<String>,
    environment: Option<String>,
}

/// A starting spec listing every input of the bundle.
#[wasm_bindgen(js_name = specSkeleton, unchecked_return_type = "SkeletonResult | ErrorResult")]
pub fn spec_skeleton(
    #[wasm_bindgen(unchecked_param_type = "Files")] files: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SkeletonOptions | undefined")] options_value: JsValue,
) -> JsValue {
    with_bundle(&files, |b| b.spec_skeleton(options_value))
}

fn no_spec(kind: BundleKind) -> String {
    format!(
        "a {} bundle takes no spec (or its schema names no input type)",
        kind.as_str()
    )
}

/// The JSON Schema of the bundle's spec files, for forms and editors.
#[wasm_bindgen(js_name = specJsonSchema, unchecked_return_type = "SchemaResult | ErrorResult")]
pub fn spec_json_schema(#[wasm_bindgen(unchecked_param_type = "Files")] files: JsValue) -> JsValue {
    with_bundle(&files, BundleHandle::spec_json_schema)
}

/// Completions at a UTF-16 offset of a spec: keys the mapping may still hold (input names
/// with their types and descriptions), and values (enum values, booleans, defaults, the
/// kinds of spec).
#[wasm_bindgen(unchecked_return_type = "CompletionResult | ErrorResult")]
pub fn completions(
    #[wasm_bindgen(unchecked_param_type = "Files")] files: JsValue,
    spec_text: &str,
    offset: usize,
) -> JsValue {
    with_bundle(&files, |b| b.completions(spec_text, offset))
}

/// Hover text for the input named on the line at a UTF-16 offset of a spec; `null` when
/// the line names none.
#[wasm_bindgen(unchecked_return_type = "HoverResult | null | ErrorResult")]
pub fn hover(
    #[wasm_bindgen(unchecked_param_type = "Files")] files: JsValue,
    spec_text: &str,
    offset: usize,
) -> JsValue {
    with_bundle(&files, |b| b.hover(spec_text, offset))
}

/// The version of protonkit.
#[wasm_bindgen]
#[must_use]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
