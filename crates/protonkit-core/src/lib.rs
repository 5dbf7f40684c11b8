//! protonkit-core: parse, model and lint AWS Proton template bundles.
//!
//! Pure: no filesystem, no network. Loaders outside the core fill a [`FileSet`] (or hand
//! archive bytes to [`archive::unpack`]); [`Bundle::new`] parses it once, and [`lint()`]
//! runs the [`rules`] over it, returning [`Diagnostic`]s that point at [`Span`]s.

pub mod archive;
pub mod bundle;
pub mod compat;
pub mod diagnostic;
pub mod lint;
pub mod model;
pub mod render;
pub mod report;
pub mod rules;
pub mod source;
pub mod spec;
pub mod suggest;
mod suppress;
pub mod yaml;

pub use bundle::{Bundle, BundleKind, Refusal, SyncLayout};
pub use diagnostic::{Diagnostic, Label, Location, Severity};
pub use lint::{lint, lint_together, LintOptions, Together};
pub use rules::Rule;
pub use source::{Contents, FileId, FileSet, Position, SourceFile, Span};
