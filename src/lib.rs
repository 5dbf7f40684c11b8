//! Lint, validate, render and version AWS Proton template bundles.
//!
//! # Bundles, specs and what protonkit does with them
//!
//! A Proton *template bundle* is a folder (or the `.tar.gz` of one) that defines an
//! environment, a service or a component:
//!
//! - `schema/schema.yaml`: the inputs a spec may give, as OpenAPI 3.0 types;
//! - `infrastructure/` (environment), `instance_infrastructure/` and
//!   `pipeline_infrastructure/` (service): a `manifest.yaml` naming the templates
//!   (CloudFormation with Jinja, Terraform, or CodeBuild commands) and the templates;
//! - in a template-sync repository, the bundle sits at `<template-name>/v<major>/`.
//!
//! A *spec* (`proton: EnvironmentSpec` or `proton: ServiceSpec`) gives the inputs for one
//! environment or for a service's instances and pipeline.
//!
//! The main flows, each a few lines:
//!
//! | to                                   | call                                                   |
//! |--------------------------------------|--------------------------------------------------------|
//! | load a bundle                        | [`Bundle::from_dir`], [`Bundle::from_archive`], [`Bundle::from_files`] |
//! | lint it                              | [`Bundle::lint`], [`Bundle::lint_with`] ([`LintOptions`]), [`lint_repository`] |
//! | validate a spec                      | [`Spec::parse`], then [`Bundle::validate_spec`] or a [`SpecValidator`] |
//! | see the inputs templates receive     | [`Bundle::effective_inputs`]                           |
//! | render as Proton does                | [`Bundle::render`] ([`render::RenderOptions`])         |
//! | decide minor or major                | [`compat::compare`] ([`compat::CompatOptions`])        |
//! | package for Proton                   | [`Bundle::package`]                                    |
//! | print findings                       | [`format_diagnostics`], or [`FileSet::start`] for positions |
//!
//! ```
//! use protonkit::{Bundle, Severity, Spec};
//!
//! let bundle = Bundle::from_files([
//!     ("schema/schema.yaml", "schema:\n  format:\n    openapi: \"3.0.0\"\n  environment_input_type: Env\n  types:\n    Env:\n      type: object\n      properties:\n        name:\n          type: string\n          minLength: 3\n      required: [name]\n"),
//!     ("infrastructure/manifest.yaml", "infrastructure:\n  templates:\n    - file: cloudformation.yaml\n      rendering_engine: jinja\n      template_language: cloudformation\n"),
//!     ("infrastructure/cloudformation.yaml", "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: '{{ environment.inputs.name }}'\n"),
//! ]);
//! assert!(bundle.lint().iter().all(|d| d.severity < Severity::Error));
//!
//! let spec = Spec::parse("spec.yaml", "proton: EnvironmentSpec\nspec:\n  name: orders\n");
//! assert!(bundle.validate_spec(&spec).is_empty());
//!
//! let rendering = bundle.render(&spec, &Default::default());
//! let file = &rendering.outputs[0];
//! assert_eq!(file.path, "infrastructure/cloudformation.yaml");
//! assert!(rendering.files.get(file.file).text().unwrap().contains("QueueName: 'orders'"));
//! ```
//!
//! # Findings and positions
//!
//! Every finding is a [`Diagnostic`]: a [`Rule`], a [`Severity`], a message, a primary
//! [`Label`] and secondary ones, and an optional help sentence. Labels point at a
//! [`Span`] (a file of a [`FileSet`] and a byte range) or, for what has no text, at a
//! path. Findings of [`Bundle::lint`] point into [`Bundle::files`], those of spec
//! validation into [`Spec::files`], those of rendering into [`render::Rendering::files`];
//! [`FileSet::start`] turns a span into a [`Position`] with the line and the column in
//! characters, UTF-16 code units and bytes.
//!
//! # Stability
//!
//! This crate is the stable surface: enums are `#[non_exhaustive]`, and result and option
//! structs may gain fields (build options from `Default::default()` and set fields).
//! The crates it is built from (`protonkit-core`, `protonkit-fs`) carry no such promise.
//! The library does no I/O except in the loaders you call ([`Bundle::from_dir`]), keeps no
//! global state, and its types are `Send + Sync`.

#![warn(missing_docs)]

mod bundle;
mod error;
mod spec;

pub use bundle::Bundle;
pub use error::{LoadError, PackageError};
pub use spec::{Spec, SpecValidator};

pub use protonkit_core::spec::{SkeletonOptions, SpecInputs, SpecKind};
pub use protonkit_core::{
    BundleKind, Contents, Diagnostic, FileId, FileSet, Label, LintOptions, Location, Position,
    Refusal, Rule, Severity, SourceFile, Span, SyncLayout,
};

/// JSON values, as inputs, outputs and template contexts are given (re-exported so that
/// your `serde_json` version does not have to match).
pub use serde_json as json;

/// Lints the bundles of one repository together: each as [`Bundle::lint_with`] does, plus
/// the checks across bundles (a service template's `environment.outputs.*` against the
/// outputs of the environment templates it declares compatible, found by their
/// template-sync positions). The findings of each bundle, in the order given.
#[must_use]
pub fn lint_repository(bundles: &[Bundle], options: &LintOptions) -> Vec<Vec<Diagnostic>> {
    let inner: Vec<&protonkit_core::Bundle> = bundles.iter().map(Bundle::inner).collect();
    protonkit_core::lint_together(&inner, |_, _| true, options)
}

/// Findings as plain text, each with the source lines it points at, the way the CLI
/// prints them without colour. `files` is the file set the findings point into.
#[must_use]
pub fn format_diagnostics(files: &FileSet, diagnostics: &[Diagnostic]) -> String {
    protonkit_core::report::ReportFiles::new(files, "").render_plain(diagnostics)
}

pub mod rules {
    //! The lint rules: stable codes (`P020`) and names (`unknown-manifest-key`), with their
    //! documentation. Select them in [`LintOptions`](crate::LintOptions).

    pub use protonkit_core::rules::{all, select};
}

pub mod render {
    //! What rendering takes and gives: see [`Bundle::render`](crate::Bundle::render).
    //!
    //! ```
    //! use protonkit::render::RenderOptions;
    //!
    //! let mut options = RenderOptions::default();
    //! options.instance = Some("web".into());
    //! options.placeholder_outputs = true;
    //! options.metadata.environment_name = "prod".into();
    //! ```

    pub use protonkit_core::render::{
        Metadata, Outputs, RenderFailure, RenderOptions, RenderedFile, Rendering,
    };
}

#[cfg(feature = "publish")]
pub mod publish {
    //! Publishing through the Proton API (the `publish` feature): template versions, with
    //! the version worked out from the compatibility verdict, and template sync configs.
    //! [`Connection`] points at AWS or at any Proton-compatible endpoint.

    pub use protonkit_publish::{
        sync, Clients, Connection, Event, MajorChoice, Outcome, Polling, PublishError,
        PublishRequest, TemplateKind, VersionInfo,
    };

    use crate::Bundle;

    /// Packages `bundle` (see [`Bundle::package`]) and publishes it as `request` says:
    /// upload, template, version, registration, publication. Publishing the same bundle
    /// again creates nothing and reports its version.
    ///
    /// # Errors
    /// When the bundle cannot be packaged, the API refuses a request, registration fails,
    /// or [`MajorChoice::Exactly`] names a major version the change breaks.
    pub async fn publish(
        clients: &Clients,
        bundle: &Bundle,
        request: &PublishRequest,
        progress: &mut (dyn FnMut(Event) + Send),
    ) -> Result<Outcome, PublishError> {
        let archive = bundle
            .package()
            .map_err(|e| PublishError::Refused(e.to_string()))?;
        protonkit_publish::publish(clients, bundle.inner(), &archive, request, progress).await
    }
}

pub mod compat {
    //! Whether a template change is compatible (a new minor version) or breaking (a new
    //! major version): see [`compare`].

    use protonkit_core::compat::{self as core_compat, OutputReaders};
    pub use protonkit_core::compat::{Change, ChangeId, Comparison, CompatOptions, Level, Policy};

    use crate::Bundle;

    /// Compares `revision` with `base`: their schemas (input types, properties and every
    /// constraint) and the outputs their templates declare. Each [`Change`] has a stable
    /// [`ChangeId`], a [`Level`] under `options`, and spans into both bundles' files;
    /// [`Comparison::verdict`] is the highest level.
    ///
    /// ```
    /// use protonkit::compat::{compare, CompatOptions, Level};
    /// use protonkit::Bundle;
    ///
    /// let schema = |required: &str| format!("schema:\n  format:\n    openapi: \"3.0.0\"\n  environment_input_type: Env\n  types:\n    Env:\n      type: object\n      properties:\n        size:\n          type: string\n      required: [{required}]\n");
    /// let base = Bundle::from_files([("schema/schema.yaml", schema(""))]);
    /// let revision = Bundle::from_files([("schema/schema.yaml", schema("size"))]);
    /// let comparison = compare(&base, &revision, &CompatOptions::default());
    /// assert_eq!(comparison.verdict(), Some(Level::Major));
    /// assert_eq!(comparison.changes[0].id.as_str(), "input-became-required");
    /// ```
    #[must_use]
    pub fn compare(base: &Bundle, revision: &Bundle, options: &CompatOptions) -> Comparison {
        compare_with_readers(base, revision, &[], options)
    }

    /// As [`compare`], for an environment template whose outputs the service templates
    /// `services` may read: removing an output one of them reads is major
    /// (`output-removed-in-use`), removing another is minor.
    #[must_use]
    pub fn compare_with_readers(
        base: &Bundle,
        revision: &Bundle,
        services: &[&Bundle],
        options: &CompatOptions,
    ) -> Comparison {
        let mut readers = OutputReaders::default();
        for service in services {
            readers.add_service(service.inner(), "");
        }
        core_compat::compare(base.inner(), revision.inner(), &readers, options)
    }
}

/// The README's library example runs as a doc test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
mod readme {}
