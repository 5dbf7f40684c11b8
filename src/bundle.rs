//! [`Bundle`]: a template bundle loaded into memory, and everything done with one.

use std::path::Path;

use protonkit_core as core;
use protonkit_core::archive::{self, Limits, PACKED_SIZE_LIMIT};
use protonkit_core::render::{render_bundle, RenderOptions, Renderer, Rendering};
use protonkit_core::spec::{skeleton, SkeletonOptions, SpecInputs};
use protonkit_core::{BundleKind, Diagnostic, FileSet, LintOptions, Refusal, SyncLayout};

use crate::error::{LoadError, PackageError};
use crate::spec::{Spec, SpecValidator};

/// An environment, service or component template bundle: its files, parsed once.
///
/// Load one with [`Bundle::from_dir`], [`Bundle::from_archive`] or [`Bundle::from_files`];
/// then [`lint`](Bundle::lint) it, [validate specs](Bundle::validate_spec) against it,
/// [`render`](Bundle::render) it, [compare](crate::compat::compare) it with another
/// version, or [`package`](Bundle::package) it. A `Bundle` is `Send + Sync`: lint many on
/// as many threads as you like.
///
/// ```
/// use protonkit::{Bundle, BundleKind};
///
/// let bundle = Bundle::from_files([
///     ("schema/schema.yaml", "schema:\n  format:\n    openapi: \"3.0.0\"\n  environment_input_type: Env\n  types:\n    Env:\n      type: object\n      properties:\n        size:\n          type: string\n          enum: [small, large]\n          default: small\n"),
///     ("infrastructure/manifest.yaml", "infrastructure:\n  templates:\n    - file: cloudformation.yaml\n      rendering_engine: jinja\n      template_language: cloudformation\n"),
///     ("infrastructure/cloudformation.yaml", "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: '{{ environment.inputs.size }}'\n"),
/// ]);
/// assert_eq!(bundle.kind(), BundleKind::Environment);
/// assert!(bundle.lint().is_empty());
/// ```
#[derive(Debug)]
pub struct Bundle {
    inner: core::Bundle,
}

impl Bundle {
    /// Reads a bundle folder: every file below it (symbolic links that leave the folder
    /// are refused and reported by [`lint`](Bundle::lint)). A folder named `v<N>` inside a
    /// folder `<name>` is taken as the template-sync layout `<name>/v<N>/`.
    ///
    /// # Errors
    /// When the folder cannot be read.
    pub fn from_dir(path: impl AsRef<Path>) -> Result<Bundle, LoadError> {
        let path = path.as_ref();
        protonkit_fs::load_bundle(path)
            .map(Bundle::wrap)
            .map_err(|e| LoadError::Io {
                path: path.to_path_buf(),
                message: e.to_string(),
            })
    }

    /// Reads a bundle from the bytes of a `.tar.gz` (Proton's format) or `.zip`, with the
    /// bundle's folders at the archive's root. Entries that escape the root (absolute
    /// paths, `..`), links, and entries past 10,000 or 50 MiB unpacked are refused and
    /// reported by [`lint`](Bundle::lint).
    ///
    /// # Errors
    /// When the bytes are neither format, or the archive is too damaged to list.
    pub fn from_archive(bytes: &[u8]) -> Result<Bundle, LoadError> {
        let unpacked =
            archive::unpack(bytes, Limits::default()).map_err(|e| LoadError::Archive {
                message: format!("the archive is {e}"),
            })?;
        Ok(Bundle::wrap(
            core::Bundle::new(unpacked.files).with_refusals(unpacked.refused),
        ))
    }

    /// A bundle from files in memory: bundle-relative paths (`schema/schema.yaml`) and
    /// their contents. Contents that are not UTF-8 are kept as bytes (and reported by
    /// [`lint`](Bundle::lint) where text is expected).
    pub fn from_files<P, C>(files: impl IntoIterator<Item = (P, C)>) -> Bundle
    where
        P: Into<String>,
        C: Into<Vec<u8>>,
    {
        let mut set = FileSet::new();
        for (path, contents) in files {
            set.insert(path, core::Contents::from_bytes(contents.into()));
        }
        Bundle::from_file_set(set)
    }

    /// A bundle from a [`FileSet`] filled by the caller.
    #[must_use]
    pub fn from_file_set(files: FileSet) -> Bundle {
        Bundle::wrap(core::Bundle::new(files))
    }

    fn wrap(inner: core::Bundle) -> Bundle {
        Bundle { inner }
    }

    /// Sets the bundle's template-sync position (`<template_name>/v<major>/`), which
    /// [`from_dir`](Bundle::from_dir) reads from the folder names. Rendering names the
    /// template after it, and checks across bundles find environment templates by it.
    #[must_use]
    pub fn with_sync_layout(self, template_name: impl Into<String>, major: u32) -> Bundle {
        let layout = SyncLayout::from_dirs(&template_name.into(), &format!("v{major}"));
        Bundle::wrap(self.inner.with_sync_layout(layout))
    }

    /// What the bundle defines.
    #[must_use]
    pub fn kind(&self) -> BundleKind {
        self.inner.kind()
    }

    /// The files: look up paths, and turn the [`Span`](crate::Span)s of findings into
    /// lines and columns with [`FileSet::start`] and [`FileSet::end`].
    #[must_use]
    pub fn files(&self) -> &FileSet {
        self.inner.files()
    }

    /// What the loader did not take in, and why.
    #[must_use]
    pub fn refused(&self) -> &[Refusal] {
        self.inner.refused()
    }

    /// The template-sync position, when known.
    #[must_use]
    pub fn sync_layout(&self) -> Option<&SyncLayout> {
        self.inner.sync_layout()
    }

    /// The environment templates a service template declares compatible, as
    /// `(name, major)`, from `.template-registration.yaml` (or the older
    /// `.compatible-envs`).
    #[must_use]
    pub fn compatible_environments(&self) -> Vec<(String, u32)> {
        self.inner.compatible_environments()
    }

    /// Every finding of every rule, in file and position order. Findings point into
    /// [`files`](Bundle::files).
    #[must_use]
    pub fn lint(&self) -> Vec<Diagnostic> {
        self.lint_with(&LintOptions::default())
    }

    /// The findings of the rules `options` selects, at the severities it sets.
    ///
    /// ```
    /// use protonkit::{Bundle, LintOptions, Rule, Severity};
    ///
    /// // A component with a key manifests do not define.
    /// let bundle = Bundle::from_files([
    ///     ("manifest.yaml", "infrastructure:\n  templates:\n    - file: cloudformation.yaml\n      rendering_engine: jinja\n      template_language: cloudformation\n      owner: platform\n"),
    ///     ("cloudformation.yaml", "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n"),
    /// ]);
    /// let unknown_key = Rule::find("unknown-manifest-key").unwrap();
    /// let findings = bundle.lint();
    /// assert_eq!(findings.len(), 1);
    /// assert_eq!((findings[0].rule.code(), findings[0].severity), ("P020", Severity::Warning));
    ///
    /// let mut strict = LintOptions::default();
    /// strict.severities.push((unknown_key, Severity::Error));
    /// assert_eq!(bundle.lint_with(&strict)[0].severity, Severity::Error);
    ///
    /// let mut relaxed = LintOptions::default();
    /// relaxed.ignore.push(unknown_key);
    /// assert!(bundle.lint_with(&relaxed).is_empty());
    /// ```
    #[must_use]
    pub fn lint_with(&self, options: &LintOptions) -> Vec<Diagnostic> {
        core::lint(&self.inner, options)
    }

    /// A validator for specs of this bundle, which compiles each input type once: keep it
    /// to validate many specs (or one spec on every keystroke).
    #[must_use]
    pub fn spec_validator(&self) -> SpecValidator<'_> {
        SpecValidator::new(&self.inner)
    }

    /// Every problem of `spec` for this bundle: its structure, and every input against the
    /// schema. Findings point into [`Spec::files`]. For many specs, use
    /// [`spec_validator`](Bundle::spec_validator).
    #[must_use]
    pub fn validate_spec(&self, spec: &Spec) -> Vec<Diagnostic> {
        self.spec_validator().validate(spec)
    }

    /// The inputs each part of `spec` passes to the templates, with the schema's defaults
    /// applied at every level.
    #[must_use]
    pub fn effective_inputs(&self, spec: &Spec) -> SpecInputs {
        protonkit_core::spec::spec_inputs(&self.inner, spec.inner())
    }

    /// A starting spec for this bundle listing every input (required ones and ones with a
    /// default get a value, optional ones are comments); `None` for a bundle that takes no
    /// spec.
    #[must_use]
    pub fn spec_skeleton(&self, options: &SkeletonOptions) -> Option<String> {
        skeleton(&self.inner, options)
    }

    /// Renders every template the manifests name for `spec`, as Proton does: for an
    /// environment, its infrastructure; for a service, each instance (or only
    /// `options.instance`) and the pipeline; with the `proton.*.variables.tf` /
    /// `.tfvars.json` and CodeBuild input files Proton writes. Render errors and problems
    /// of the rendered CloudFormation are in [`Rendering::diagnostics`]. Validate the spec
    /// first: inputs it lacks are simply absent.
    #[must_use]
    pub fn render(&self, spec: &Spec, options: &RenderOptions) -> Rendering {
        render_bundle(&Renderer::new(), &self.inner, spec.inner(), options)
    }

    /// The bundle as Proton takes it: a `.tar.gz` with the bundle's folders at the root,
    /// entries sorted, fixed timestamps, owners and modes, so that the same files give the
    /// same bytes on every machine.
    ///
    /// # Errors
    /// When the archive is larger than Proton's 5 MB quota, or a path cannot be packed.
    pub fn package(&self) -> Result<Vec<u8>, PackageError> {
        let bytes = archive::pack_tar_gz(self.files()).map_err(|e| PackageError::Unpackable {
            message: e.to_string(),
        })?;
        let size = bytes.len() as u64;
        if size > PACKED_SIZE_LIMIT {
            return Err(PackageError::TooLarge {
                size,
                limit: PACKED_SIZE_LIMIT,
            });
        }
        Ok(bytes)
    }

    pub(crate) fn inner(&self) -> &core::Bundle {
        &self.inner
    }
}
