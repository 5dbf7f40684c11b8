//! Spec files: what developers write to create environments and services from a template.
//!
//! [`Spec::parse`] reads a spec with positions; [`SpecChecker`] compiles a bundle's input
//! types once (translated from OpenAPI 3.0 to JSON Schema) and reports every problem of a
//! spec at the key or value concerned; [`effective_inputs`] applies the schema's defaults;
//! [`skeleton`] writes a starting spec and [`editor_schema`] a JSON Schema for editors.

mod check;
mod editor;
mod findings;
mod formats;
mod inputs;
mod model;
mod pattern;
mod skeleton;
mod structure;
mod translate;
mod validate;

pub use check::{
    input_type, InputKind, SpecChecker, MAX_INSTANCES, MAX_SPEC_CHARS, RESOURCE_NAME_PATTERN,
};
pub use editor::editor_schema;
pub(crate) use formats::CHECKED_FORMATS;
pub use inputs::{effective_inputs, node_to_json, spec_inputs, SpecInputs, CURRENT_VALUE};
pub use model::{Instance, Section, SpecKind, SpecModel, INSTANCE_KEYS, SPEC_KEYS};
pub(crate) use skeleton::example_value;
pub use skeleton::{skeleton, SkeletonOptions};
pub use translate::{required_inputs, to_json_schema};

use crate::source::{Contents, FileId, FileSet};
use crate::yaml::{self, YamlDocument};

/// A parsed spec file. It keeps its own [`FileSet`] (one file), which findings point into.
#[derive(Debug)]
pub struct Spec {
    files: FileSet,
    file: FileId,
    document: YamlDocument,
    model: SpecModel,
}

impl Spec {
    /// Parses a spec from its contents; `path` is how findings name the file.
    #[must_use]
    pub fn parse(path: &str, contents: Contents) -> Self {
        let mut files = FileSet::new();
        let file = files.insert(path, contents);
        let document = match files.get(file).text() {
            Some(text) => yaml::parse(file, text),
            None => YamlDocument {
                root: None,
                issues: Vec::new(),
            },
        };
        let model = model::read(document.root.as_ref());
        Spec {
            files,
            file,
            document,
            model,
        }
    }

    /// Parses a spec from text.
    #[must_use]
    pub fn from_text(path: &str, text: &str) -> Self {
        Self::parse(path, Contents::Text(text.to_owned()))
    }

    /// The file set holding the spec (for reporting).
    #[must_use]
    pub fn files(&self) -> &FileSet {
        &self.files
    }

    /// Takes the file set, for reporting after the spec is no longer needed.
    #[must_use]
    pub fn into_files(self) -> FileSet {
        self.files
    }

    /// The spec's file.
    #[must_use]
    pub fn file(&self) -> FileId {
        self.file
    }

    /// The spec's text (`""` when it is not UTF-8).
    #[must_use]
    pub fn text(&self) -> &str {
        self.files.get(self.file).source()
    }

    /// The parsed YAML.
    #[must_use]
    pub fn document(&self) -> &YamlDocument {
        &self.document
    }

    /// The spec's structure.
    #[must_use]
    pub fn model(&self) -> &SpecModel {
        &self.model
    }

    /// The kind the `proton:` key names.
    #[must_use]
    pub fn kind(&self) -> Option<SpecKind> {
        self.model.kind()
    }

    /// Whether the file looks like a spec at all: a mapping with a `proton:` key. Used to
    /// pick spec files out of a folder that also holds other YAML (sample outputs ...).
    #[must_use]
    pub fn looks_like_spec(&self) -> bool {
        self.model.proton.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::Bundle;
    use serde_json::json;

    const SCHEMA: &str = r#"schema:
  format:
    openapi: "3.0.0"
  environment_input_type: Env
  types:
    Env:
      type: object
      properties:
        ratio:
          type: number
          minimum: 0
          exclusiveMinimum: true
          maximum: 1
        note:
          type: string
          nullable: true
          enum: [a, b]
        network:
          type: object
          default: {}
          properties:
            cidr:
              type: string
              default: 10.0.0.0/16
            zones:
              type: integer
              default: 2
        subnets:
          type: array
          items:
            type: object
            properties:
              size:
                type: integer
                default: 24
        name:
          type: string
          default: lab
      required: [name, ratio]
"#;

    fn bundle() -> Bundle {
        let mut files = FileSet::new();
        files.insert_text("schema/schema.yaml", SCHEMA);
        files.insert_text(
            "infrastructure/manifest.yaml",
            "infrastructure:\n  templates:\n    - file: t.yaml\n      rendering_engine: jinja\n      template_language: cloudformation\n",
        );
        files.insert_text("infrastructure/t.yaml", "Resources: {}\n");
        Bundle::new(files)
    }

    fn env_type(bundle: &Bundle) -> &crate::model::schema::SchemaObject {
        bundle.schema().unwrap().type_named("Env").unwrap()
    }

    #[test]
    fn translates_openapi_specifics() {
        let b = bundle();
        let schema = to_json_schema(env_type(&b));
        let props = &schema["properties"];
        assert_eq!(props["ratio"]["exclusiveMinimum"], json!(0));
        assert!(props["ratio"].get("minimum").is_none());
        assert_eq!(props["ratio"]["maximum"], json!(1));
        assert_eq!(props["note"]["type"], json!(["string", "null"]));
        assert_eq!(props["note"]["enum"], json!(["a", "b", null]));
        // `name` has a default, so a spec may leave it out.
        assert_eq!(schema["required"], json!(["ratio"]));
        assert_eq!(schema["additionalProperties"], json!(false));
    }

    fn codes(text: &str) -> Vec<&'static str> {
        let b = bundle();
        SpecChecker::new(&b)
            .check(&Spec::from_text("spec.yaml", text))
            .iter()
            .map(|d| d.rule.code())
            .collect()
    }

    #[test]
    fn exclusive_bounds_nulls_and_the_current_value_placeholder() {
        assert_eq!(
            codes("proton: EnvironmentSpec\nspec:\n  ratio: 0\n"),
            ["P224"]
        );
        assert!(codes("proton: EnvironmentSpec\nspec:\n  ratio: 0.5\n  note: null\n").is_empty());
        assert_eq!(
            codes("proton: EnvironmentSpec\nspec:\n  ratio: 0.5\n  note: c\n"),
            ["P221"]
        );
        // The placeholder stands for any value of a known input, required ones included.
        assert!(
            codes("proton: EnvironmentSpec\nspec:\n  ratio: \"${Proton::CURRENT_VAL}\"\n")
                .is_empty()
        );
        assert_eq!(
            codes(
                "proton: EnvironmentSpec\nspec:\n  ratio: 1\n  rate: \"${Proton::CURRENT_VAL}\"\n"
            ),
            ["P227"]
        );
        assert_eq!(codes("proton: EnvironmentSpec\n"), ["P228"]);
    }

    #[test]
    fn yaml_problems_in_a_spec_use_the_yaml_rules() {
        assert_eq!(codes("proton: EnvironmentSpec\nspec: [\n"), ["P001"]);
        assert_eq!(
            codes("proton: EnvironmentSpec\nspec:\n  ratio: 1\n  ratio: 1\n"),
            ["P002"]
        );
        assert_eq!(codes(""), ["P004"]);
        let b = bundle();
        let binary = Spec::parse(
            "spec.yaml",
            crate::source::Contents::from_bytes(vec![0xff, 0xfe, 0]),
        );
        let found = SpecChecker::new(&b).check(&binary);
        assert_eq!(
            found.iter().map(|d| d.rule.code()).collect::<Vec<_>>(),
            ["P003"]
        );
    }

    /// The environment inputs of a spec whose `spec:` section is `section`.
    fn environment_inputs(section: &str) -> serde_json::Value {
        let b = bundle();
        let spec = Spec::from_text(
            "spec.yaml",
            &format!("proton: EnvironmentSpec\nspec:\n{section}"),
        );
        let given = spec.model().spec.as_ref().map(|s| &s.value);
        serde_json::Value::Object(effective_inputs(Some(env_type(&b)), given, spec.text()))
    }

    #[test]
    fn effective_inputs_fill_defaults_at_every_level() {
        let inputs = environment_inputs("  ratio: 0.5\n  subnets:\n    - {}\n    - size: 20\n");
        assert_eq!(
            inputs,
            json!({
                "ratio": 0.5,
                "name": "lab",
                "network": { "cidr": "10.0.0.0/16", "zones": 2 },
                "subnets": [{ "size": 24 }, { "size": 20 }],
            })
        );
    }

    #[test]
    fn effective_inputs_read_values_as_the_schema_types_them() {
        let inputs = environment_inputs("  ratio: \"0.25\"\n  name: 1.10\n");
        assert_eq!(inputs["ratio"], json!(0.25));
        assert_eq!(inputs["name"], json!("1.10"));
    }
}
