//! `manifest.yaml`: which files an infrastructure folder holds and how Proton renders them.

use super::shape::{join, Spanned, Walker};
use super::ShapeIssue;
use crate::source::Span;
use crate::yaml::Node;

/// Keys of a template entry.
pub const ENTRY_KEYS: &[&str] = &[
    "file",
    "rendering_engine",
    "template_language",
    "settings",
    "input_type",
];
/// Keys of a CodeBuild `settings` mapping.
pub const SETTINGS_KEYS: &[&str] = &[
    "image",
    "runtimes",
    "provision",
    "deprovision",
    "project_properties",
    "env",
];

/// A parsed manifest.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Manifest {
    /// The entries of `infrastructure.templates`.
    pub templates: Vec<TemplateEntry>,
    /// The `templates` key, when present.
    pub templates_key: Option<Span>,
    /// Structural problems (unknown keys, wrong types, missing keys).
    pub issues: Vec<ShapeIssue>,
}

/// One entry of `infrastructure.templates`.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateEntry {
    /// The entry's mapping.
    pub span: Span,
    /// `file`.
    pub file: Option<Spanned<String>>,
    /// `rendering_engine`.
    pub rendering_engine: Option<Spanned<String>>,
    /// `template_language`.
    pub template_language: Option<Spanned<String>>,
    /// The preview-era `engine` key (its key span) and value.
    pub legacy_engine: Option<(Span, Option<Spanned<String>>)>,
    /// The `codebuild` key used in place of `settings` in December 2022 docs.
    pub legacy_codebuild: Option<Span>,
    /// `settings` (CodeBuild).
    pub settings: Option<CodeBuildSettings>,
    /// `input_type` (CodeBuild input file format).
    pub input_type: Option<Spanned<String>>,
}

impl TemplateEntry {
    /// The rendering engine, falling back to the legacy `engine` key's value.
    #[must_use]
    pub fn engine(&self) -> Option<&Spanned<String>> {
        self.rendering_engine
            .as_ref()
            .or_else(|| self.legacy_engine.as_ref().and_then(|(_, v)| v.as_ref()))
    }

    /// Whether this entry is rendered as CloudFormation with Jinja.
    #[must_use]
    pub fn is_cloudformation(&self) -> bool {
        match &self.template_language {
            Some(l) => l.value == "cloudformation",
            None => self
                .engine()
                .is_some_and(|e| e.value == "jinja" || e.value == "cloudformation"),
        }
    }

    /// Whether this entry is Terraform.
    #[must_use]
    pub fn is_terraform(&self) -> bool {
        match &self.template_language {
            Some(l) => l.value == "terraform",
            None => self.engine().is_some_and(|e| e.value == "hcl"),
        }
    }

    /// Whether this entry is provisioned by CodeBuild.
    #[must_use]
    pub fn is_codebuild(&self) -> bool {
        self.engine().is_some_and(|e| e.value == "codebuild")
            || (self.settings.is_some() && self.engine().is_none())
    }
}

/// `settings` of a CodeBuild entry.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeBuildSettings {
    /// The `settings` key.
    pub key: Span,
    /// `image`.
    pub image: Option<Spanned<String>>,
    /// `runtimes` (its key).
    pub runtimes: Option<Span>,
    /// `provision` (its key).
    pub provision: Option<Span>,
    /// `deprovision` (its key).
    pub deprovision: Option<Span>,
}

/// Builds a [`Manifest`] from a document root.
#[must_use]
pub fn build(root: &Node) -> Manifest {
    let mut w = Walker::default();
    let mut manifest = Manifest::default();
    if let Some(entries) = w.map(root, "") {
        let mut infrastructure = None;
        for (k, v) in entries {
            match k.as_str() {
                Some("infrastructure") => infrastructure = Some(v),
                _ => w.unknown_key(k, "", &["infrastructure"]),
            }
        }
        match infrastructure {
            None => w.missing_key(root.span, "", "infrastructure"),
            Some(infra) => read_infrastructure(&mut w, infra, &mut manifest),
        }
    }
    manifest.issues = w.issues;
    manifest
}

fn read_infrastructure(w: &mut Walker, infra: &Node, manifest: &mut Manifest) {
    let Some(entries) = w.map(infra, "infrastructure") else {
        return;
    };
    let mut templates = None;
    for (k, v) in entries {
        match k.as_str() {
            Some("templates") => {
                manifest.templates_key = Some(k.span);
                templates = Some(v);
            }
            _ => w.unknown_key(k, "infrastructure", &["templates"]),
        }
    }
    let Some(templates) = templates else {
        w.missing_key(infra.span, "infrastructure", "templates");
        return;
    };
    let Some(items) = w.seq(templates, "infrastructure.templates") else {
        return;
    };
    if items.is_empty() {
        w.empty(templates.span, "infrastructure.templates");
    }
    for (i, item) in items.iter().enumerate() {
        let path = format!("infrastructure.templates[{i}]");
        if let Some(entry) = read_entry(w, item, &path) {
            manifest.templates.push(entry);
        }
    }
}

fn read_entry(w: &mut Walker, item: &Node, path: &str) -> Option<TemplateEntry> {
    let entries = w.map(item, path)?;
    let mut entry = TemplateEntry {
        span: item.span,
        file: None,
        rendering_engine: None,
        template_language: None,
        legacy_engine: None,
        legacy_codebuild: None,
        settings: None,
        input_type: None,
    };
    for (k, v) in entries {
        let key = k.as_str().unwrap_or_default();
        let at = join(path, key);
        match key {
            "file" => entry.file = w.string(v, &at),
            "rendering_engine" => entry.rendering_engine = w.string(v, &at),
            "template_language" => entry.template_language = w.string(v, &at),
            "input_type" => entry.input_type = w.string(v, &at),
            "engine" => entry.legacy_engine = Some((k.span, w.string(v, &at))),
            "codebuild" => {
                entry.legacy_codebuild = Some(k.span);
                entry.settings = read_settings(w, k.span, v, &at);
            }
            "settings" => entry.settings = read_settings(w, k.span, v, &at),
            _ => w.unknown_key(k, path, ENTRY_KEYS),
        }
    }
    Some(entry)
}

fn read_settings(w: &mut Walker, key: Span, node: &Node, path: &str) -> Option<CodeBuildSettings> {
    let entries = w.map(node, path)?;
    let mut settings = CodeBuildSettings {
        key,
        image: None,
        runtimes: None,
        provision: None,
        deprovision: None,
    };
    for (k, v) in entries {
        let name = k.as_str().unwrap_or_default();
        let at = join(path, name);
        match name {
            "image" => settings.image = w.string(v, &at),
            "runtimes" => {
                w.map(v, &at);
                settings.runtimes = Some(k.span);
            }
            "provision" | "deprovision" => {
                if let Some(commands) = w.seq(v, &at) {
                    for (i, c) in commands.iter().enumerate() {
                        w.string(c, &format!("{at}[{i}]"));
                    }
                }
                if name == "provision" {
                    settings.provision = Some(k.span);
                } else {
                    settings.deprovision = Some(k.span);
                }
            }
            "project_properties" | "env" => {
                w.map(v, &at);
            }
            _ => w.unknown_key(k, path, SETTINGS_KEYS),
        }
    }
    Some(settings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ShapeIssueKind;
    use crate::source::FileSet;

    fn manifest(text: &str) -> Manifest {
        let mut set = FileSet::new();
        let id = set.insert_text("m.yaml", text);
        build(&crate::yaml::parse(id, text).root.unwrap())
    }

    #[test]
    fn reads_cloudformation_and_codebuild_entries() {
        let m = manifest(
            "infrastructure:\n  templates:\n    - file: cfn.yaml\n      rendering_engine: jinja\n      template_language: cloudformation\n",
        );
        assert!(m.issues.is_empty());
        assert!(m.templates[0].is_cloudformation());
        let m = manifest(
            "infrastructure:\n  templates:\n    - rendering_engine: codebuild\n      settings:\n        image: x\n        provision: [a]\n        deprovision: [b]\n        runtimes: {nodejs: 16}\n",
        );
        assert!(m.issues.is_empty(), "{:?}", m.issues);
        let s = m.templates[0].settings.as_ref().unwrap();
        assert!(s.image.is_some() && s.runtimes.is_some());
    }

    #[test]
    fn records_every_problem_in_one_pass() {
        let m = manifest(
            "infrastructure:\n  templates:\n    - fiel: a\n      rendering_engine: [x]\n      engine: jinja\nextra: 1\n",
        );
        let kinds: Vec<_> = m.issues.iter().map(|i| &i.kind).collect();
        assert!(kinds.iter().any(|k| matches!(k, ShapeIssueKind::UnknownKey { key, suggestion: Some("file") } if key == "fiel")));
        assert!(kinds
            .iter()
            .any(|k| matches!(k, ShapeIssueKind::WrongType { .. })));
        assert!(kinds
            .iter()
            .any(|k| matches!(k, ShapeIssueKind::UnknownKey { key, .. } if key == "extra")));
        assert!(m.templates[0].legacy_engine.is_some());
    }
}
