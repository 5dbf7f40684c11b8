//! Spec files: what developers write to create environments and services from a template.
//!
//! [`Spec::parse`] reads a spec with positions; [`SpecChecker`] compiles a bundle's input
//! types once (translated from OpenAPI 3.0 to JSON Schema) and reports every problem of a
//! spec at the key or value concerned; [`effective_inputs`] applies the schema's defaults;
//! [`skeleton`] writes a starting spec and [`editor_schema`] a JSON Schema for editors.

mod check;
mod editor;
mod inputs;
mod model;
mod skeleton;
mod translate;

pub use check::{InputKind, SpecChecker, MAX_INSTANCES, MAX_SPEC_CHARS, RESOURCE_NAME_PATTERN};
pub use editor::editor_schema;
pub use inputs::{effective_inputs, node_to_json, CURRENT_VALUE};
pub use model::{Instance, Section, SpecKind, SpecModel, INSTANCE_KEYS, SPEC_KEYS};
pub use skeleton::{skeleton, SkeletonOptions};
pub use translate::{pattern_compiles, required_inputs, to_json_schema};

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
        let model = model::read(document.root.clone());
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
