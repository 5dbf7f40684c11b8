//! [`Spec`]: an environment or service spec file, and [`SpecValidator`].

use protonkit_core as core;
use protonkit_core::spec::{SpecChecker, SpecKind};
use protonkit_core::{Contents, Diagnostic, FileSet};

/// A parsed spec file (`proton: EnvironmentSpec` or `proton: ServiceSpec`). It keeps its
/// own one-file [`FileSet`], which validation findings point into.
///
/// ```
/// use protonkit::{Spec, SpecKind};
///
/// let spec = Spec::parse("spec.yaml", "proton: EnvironmentSpec\nspec:\n  size: small\n");
/// assert_eq!(spec.kind(), Some(SpecKind::Environment));
/// ```
#[derive(Debug)]
pub struct Spec {
    inner: core::spec::Spec,
}

impl Spec {
    /// Parses a spec; `path` is how findings name the file.
    #[must_use]
    pub fn parse(path: &str, text: &str) -> Spec {
        Spec::from_bytes(path, text.as_bytes().to_vec())
    }

    /// Parses a spec from bytes (a file that is not UTF-8 is reported, not refused).
    #[must_use]
    pub fn from_bytes(path: &str, bytes: Vec<u8>) -> Spec {
        Spec {
            inner: core::spec::Spec::parse(path, Contents::from_bytes(bytes)),
        }
    }

    /// The kind the `proton:` key names, if it names one.
    #[must_use]
    pub fn kind(&self) -> Option<SpecKind> {
        self.inner.kind()
    }

    /// The names of the service instances, in spec order.
    #[must_use]
    pub fn instance_names(&self) -> Vec<&str> {
        self.inner
            .model()
            .instances
            .iter()
            .filter_map(|i| i.name.as_ref().map(|n| n.value.as_str()))
            .collect()
    }

    /// The spec's file, which findings point into.
    #[must_use]
    pub fn files(&self) -> &FileSet {
        self.inner.files()
    }

    /// The text (empty when the file is not UTF-8).
    #[must_use]
    pub fn text(&self) -> &str {
        self.inner.text()
    }

    pub(crate) fn inner(&self) -> &core::spec::Spec {
        &self.inner
    }
}

/// Validates specs against one bundle, compiling each of its input types once, on first
/// use. Get one from [`Bundle::spec_validator`](crate::Bundle::spec_validator).
///
/// ```
/// use protonkit::{Bundle, Spec};
///
/// let bundle = Bundle::from_files([(
///     "schema/schema.yaml",
///     "schema:\n  format:\n    openapi: \"3.0.0\"\n  environment_input_type: Env\n  types:\n    Env:\n      type: object\n      properties:\n        size:\n          type: string\n          enum: [small, large]\n",
/// )]);
/// let validator = bundle.spec_validator();
/// let spec = Spec::parse("spec.yaml", "proton: EnvironmentSpec\nspec:\n  size: huge\n");
/// let findings = validator.validate(&spec);
/// assert_eq!(findings.len(), 1);
///
/// // Where the finding points, as an editor counts: line 3, UTF-16 column 9.
/// let span = findings[0].primary_span().unwrap();
/// let at = spec.files().start(span);
/// assert_eq!((at.line, at.utf16_column), (3, 9));
/// ```
#[derive(Debug)]
pub struct SpecValidator<'b> {
    checker: SpecChecker<&'b core::Bundle>,
}

impl<'b> SpecValidator<'b> {
    pub(crate) fn new(bundle: &'b core::Bundle) -> Self {
        SpecValidator {
            checker: SpecChecker::new(bundle),
        }
    }

    /// Every problem of `spec`, in source order.
    #[must_use]
    pub fn validate(&self, spec: &Spec) -> Vec<Diagnostic> {
        self.checker.check(&spec.inner)
    }
}
