//! A template bundle: its files, what kind of bundle it is, and its parsed YAML files.

use crate::model::manifest::{self, Manifest};
use crate::model::schema::{self, Schema};
use crate::source::{Contents, FileId, FileSet};
use crate::yaml::{self, YamlDocument};

/// Where the schema lives in every bundle that has one.
pub const SCHEMA_PATH: &str = "schema/schema.yaml";
/// A service template's registration file in a template-sync layout.
pub const REGISTRATION_PATH: &str = ".template-registration.yaml";
/// The registration file's preview-era predecessor: one `name:major` per line.
pub const LEGACY_REGISTRATION_PATH: &str = ".compatible-envs";
/// The infrastructure folders a bundle may hold (`pipeline` is the preview-era name).
pub const INFRA_DIRS: &[&str] = &[
    "infrastructure",
    "instance_infrastructure",
    "pipeline_infrastructure",
    "pipeline",
];

/// What a bundle defines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum BundleKind {
    /// An environment template.
    Environment,
    /// A service template, with or without a pipeline.
    Service {
        /// Whether the bundle defines a pipeline.
        pipeline: bool,
    },
    /// A directly defined component: `manifest.yaml` and one IaC file, no schema.
    Component,
    /// Neither schema nor folders say what the bundle is.
    Unknown,
}

impl BundleKind {
    /// The kind of spec that creates something from this template: an `EnvironmentSpec`
    /// for an environment, a `ServiceSpec` for a service, none otherwise.
    #[must_use]
    pub fn spec_kind(self) -> Option<crate::spec::SpecKind> {
        match self {
            BundleKind::Environment => Some(crate::spec::SpecKind::Environment),
            BundleKind::Service { .. } => Some(crate::spec::SpecKind::Service),
            BundleKind::Component | BundleKind::Unknown => None,
        }
    }

    /// `environment`, `service`, `component` or `unknown`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            BundleKind::Environment => "environment",
            BundleKind::Service { .. } => "service",
            BundleKind::Component => "component",
            BundleKind::Unknown => "unknown",
        }
    }
}

/// The `<template-name>/v<major>/` position of a bundle in a template-sync repository.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SyncLayout {
    /// The template name (the folder above `v<major>`).
    pub template_name: String,
    /// The major version.
    pub major: u32,
}

impl SyncLayout {
    /// Recognises `<parent>/<dir>` as a sync layout when `dir` is `v<major>`.
    #[must_use]
    pub fn from_dirs(parent: &str, dir: &str) -> Option<Self> {
        let digits = dir.strip_prefix('v')?;
        if digits.is_empty()
            || !digits.bytes().all(|b| b.is_ascii_digit())
            || digits.starts_with('0')
        {
            return None;
        }
        Some(SyncLayout {
            template_name: parent.to_owned(),
            major: digits.parse().ok()?,
        })
    }
}

/// Something a loader did not take into the bundle, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Refusal {
    /// The path as found (bundle-relative, or as written in the archive).
    pub path: String,
    /// Why it was refused.
    pub reason: String,
}

impl Refusal {
    /// `path` was not taken in because of `reason` (a clause: "it is a symbolic link").
    #[must_use]
    pub fn new(path: impl Into<String>, reason: impl Into<String>) -> Self {
        Refusal {
            path: path.into(),
            reason: reason.into(),
        }
    }
}

/// A parsed YAML file of the bundle and the model built from it.
#[derive(Debug, Clone)]
pub struct YamlFile<M> {
    /// The file.
    pub file: FileId,
    /// The YAML tree and its issues; `None` when the file is not UTF-8.
    pub doc: Option<YamlDocument>,
    /// The model, when the file parsed to a document.
    pub model: Option<M>,
}

/// A manifest and the folder it sits in.
#[derive(Debug, Clone)]
pub struct ManifestFile {
    /// The bundle-relative folder (`""` for a component's root manifest).
    pub dir: String,
    /// The parsed manifest.
    pub yaml: YamlFile<Manifest>,
}

/// A bundle ready to be linted: files, kind, parsed schema and manifests.
#[derive(Debug)]
pub struct Bundle {
    files: FileSet,
    refused: Vec<Refusal>,
    sync: Option<SyncLayout>,
    kind: BundleKind,
    schema: Option<YamlFile<Schema>>,
    manifests: Vec<ManifestFile>,
    /// What reading and rendering the templates found, worked out once for the rules that
    /// report it.
    template_findings: std::sync::OnceLock<Vec<crate::diagnostic::Diagnostic>>,
}

impl Bundle {
    /// Parses the schema and every manifest once and works out the bundle's kind.
    #[must_use]
    pub fn new(files: FileSet) -> Self {
        let schema = files
            .lookup(SCHEMA_PATH)
            .map(|id| parse_file(&files, id, schema::build));
        let kind = detect_kind(&files, schema.as_ref().and_then(|s| s.model.as_ref()));
        // Only a component reads a manifest from its root folder; in other bundles a root
        // manifest is a stray file (reported by `wrong-infrastructure-folder`), not parsed.
        let root = (kind == BundleKind::Component).then_some("");
        let manifests = root
            .into_iter()
            .chain(INFRA_DIRS.iter().copied())
            .filter_map(|dir| {
                let id = files.lookup(&crate::source::normalize_path(&format!(
                    "{dir}/manifest.yaml"
                )))?;
                Some(ManifestFile {
                    dir: dir.to_owned(),
                    yaml: parse_file(&files, id, manifest::build),
                })
            })
            .collect();
        Bundle {
            files,
            refused: Vec::new(),
            sync: None,
            kind,
            schema,
            manifests,
            template_findings: std::sync::OnceLock::new(),
        }
    }

    /// The findings of reading and rendering the templates (see [`crate::render`]),
    /// computed on first use.
    pub(crate) fn template_findings(
        &self,
        compute: impl FnOnce(&Self) -> Vec<crate::diagnostic::Diagnostic>,
    ) -> &[crate::diagnostic::Diagnostic] {
        self.template_findings.get_or_init(|| compute(self))
    }

    /// Records what the loader refused, so that lint reports it.
    #[must_use]
    pub fn with_refusals(mut self, refused: Vec<Refusal>) -> Self {
        self.refused = refused;
        self
    }

    /// Records the bundle's template-sync position.
    #[must_use]
    pub fn with_sync_layout(mut self, sync: Option<SyncLayout>) -> Self {
        self.sync = sync;
        self
    }

    /// Gives the files back (to keep them for reporting after the models are dropped).
    #[must_use]
    pub fn into_files(self) -> FileSet {
        self.files
    }

    /// The files.
    #[must_use]
    pub fn files(&self) -> &FileSet {
        &self.files
    }

    /// What the loader refused.
    #[must_use]
    pub fn refused(&self) -> &[Refusal] {
        &self.refused
    }

    /// The template-sync position, when known.
    #[must_use]
    pub fn sync_layout(&self) -> Option<&SyncLayout> {
        self.sync.as_ref()
    }

    /// The kind.
    #[must_use]
    pub fn kind(&self) -> BundleKind {
        self.kind
    }

    /// The schema file, when present.
    #[must_use]
    pub fn schema_file(&self) -> Option<&YamlFile<Schema>> {
        self.schema.as_ref()
    }

    /// The schema model, when the file parsed.
    #[must_use]
    pub fn schema(&self) -> Option<&Schema> {
        self.schema.as_ref().and_then(|s| s.model.as_ref())
    }

    /// The manifests found, in folder order.
    #[must_use]
    pub fn manifests(&self) -> &[ManifestFile] {
        &self.manifests
    }

    /// The environment templates a service template declares compatible, as
    /// `(name, major)`: from `compatible_environments` in `.template-registration.yaml`,
    /// or the lines of the legacy `.compatible-envs`. Entries that are not `name:major`
    /// are left out (the registration file's own checks report them).
    #[must_use]
    pub fn compatible_environments(&self) -> Vec<(String, u32)> {
        let parse = |entry: &str| {
            let (name, major) = entry.trim().rsplit_once(':')?;
            Some((name.to_owned(), major.parse().ok()?))
        };
        if self.files.lookup(REGISTRATION_PATH).is_some() {
            return self
                .registration_list("compatible_environments")
                .iter()
                .filter_map(|e| parse(e))
                .collect();
        }
        self.files
            .lookup(LEGACY_REGISTRATION_PATH)
            .and_then(|id| self.files.get(id).text())
            .map(|t| t.lines().filter_map(parse).collect())
            .unwrap_or_default()
    }

    /// Whether a service template accepts directly defined components:
    /// `supported_component_sources` in `.template-registration.yaml` lists
    /// `DIRECTLY_DEFINED`.
    #[must_use]
    pub fn directly_defined_components(&self) -> bool {
        self.registration_list("supported_component_sources")
            .iter()
            .any(|s| s == "DIRECTLY_DEFINED")
    }

    /// The scalar entries of a list in `.template-registration.yaml`.
    fn registration_list(&self, key: &str) -> Vec<String> {
        let Some(id) = self.files.lookup(REGISTRATION_PATH) else {
            return Vec::new();
        };
        let Some(text) = self.files.get(id).text() else {
            return Vec::new();
        };
        let doc = yaml::parse(id, text);
        doc.root
            .as_ref()
            .and_then(|r| r.get(key))
            .and_then(|l| match &l.value {
                yaml::Value::Seq(items) => Some(items),
                _ => None,
            })
            .into_iter()
            .flatten()
            .filter_map(yaml::Node::scalar_text)
            .collect()
    }

    /// Every parsed YAML document with its file.
    pub fn yaml_documents(&self) -> impl Iterator<Item = (FileId, &YamlDocument)> {
        let schema = self
            .schema
            .iter()
            .filter_map(|s| s.doc.as_ref().map(|d| (s.file, d)));
        let manifests = self
            .manifests
            .iter()
            .filter_map(|m| m.yaml.doc.as_ref().map(|d| (m.yaml.file, d)));
        schema.chain(manifests)
    }
}

/// `dir/manifest.yaml`, or `manifest.yaml` for a component's root folder.
pub(crate) fn manifest_path(dir: &str) -> String {
    crate::source::normalize_path(&format!("{dir}/manifest.yaml"))
}

fn parse_file<M>(files: &FileSet, id: FileId, build: fn(&yaml::Node) -> M) -> YamlFile<M> {
    let doc = match files.get(id).contents() {
        Contents::Text(text) => Some(yaml::parse(id, text)),
        Contents::Binary(_) => None,
    };
    let model = doc.as_ref().and_then(|d| d.root.as_ref()).map(build);
    YamlFile {
        file: id,
        doc,
        model,
    }
}

fn detect_kind(files: &FileSet, schema: Option<&Schema>) -> BundleKind {
    let has = |dir: &str| files.has_dir(dir);
    let pipeline_dir = has("pipeline_infrastructure") || has("pipeline");
    if let Some(s) = schema {
        if s.service_input_type.is_some() || s.pipeline_input_type.is_some() {
            return BundleKind::Service {
                pipeline: pipeline_dir || s.pipeline_input_type.is_some(),
            };
        }
        if s.environment_input_type.is_some() {
            return BundleKind::Environment;
        }
    }
    if has("instance_infrastructure") || pipeline_dir {
        return BundleKind::Service {
            pipeline: pipeline_dir,
        };
    }
    if has("infrastructure") || has("schema") {
        return BundleKind::Environment;
    }
    if files.lookup("manifest.yaml").is_some() {
        return BundleKind::Component;
    }
    BundleKind::Unknown
}

/// A bundle of the given files, for tests.
#[cfg(test)]
pub(crate) fn bundle(files: &[(&str, &str)]) -> Bundle {
    let mut set = FileSet::new();
    for (p, t) in files {
        set.insert_text(*p, *t);
    }
    Bundle::new(set)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_come_from_the_schema_then_the_folders() {
        let env = "schema:\n  environment_input_type: E\n";
        let svc = "schema:\n  service_input_type: S\n  pipeline_input_type: P\n";
        assert_eq!(
            bundle(&[("schema/schema.yaml", env)]).kind(),
            BundleKind::Environment
        );
        assert_eq!(
            bundle(&[("schema/schema.yaml", svc)]).kind(),
            BundleKind::Service { pipeline: true }
        );
        assert_eq!(
            bundle(&[("instance_infrastructure/manifest.yaml", "")]).kind(),
            BundleKind::Service { pipeline: false }
        );
        assert_eq!(
            bundle(&[("manifest.yaml", ""), ("cloudformation.yaml", "")]).kind(),
            BundleKind::Component
        );
        assert_eq!(bundle(&[("README.md", "")]).kind(), BundleKind::Unknown);
    }

    #[test]
    fn sync_layout_needs_v_and_a_major() {
        assert_eq!(
            SyncLayout::from_dirs("my-env", "v12"),
            Some(SyncLayout {
                template_name: "my-env".into(),
                major: 12
            })
        );
        assert_eq!(SyncLayout::from_dirs("x", "v0"), None);
        assert_eq!(SyncLayout::from_dirs("x", "version1"), None);
        assert_eq!(SyncLayout::from_dirs("x", "v"), None);
    }
}
