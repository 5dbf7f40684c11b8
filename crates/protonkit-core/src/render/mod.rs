//! Rendering templates as Proton does: a Jinja2-compatible engine with Proton's filters
//! ([`Renderer`]), the data each template type sees ([`context`]), whole bundles for a
//! spec ([`render_bundle`]), and checks of the rendered CloudFormation.

mod bundle;
mod cloudformation;
pub mod context;
mod crosscheck;
mod engine;
mod filters;
mod lint;
pub mod provisioning;
mod python;
pub mod references;
mod templates;

pub use bundle::{render_bundle, RenderFailure, RenderOptions, RenderedFile, Rendering};
pub use context::{Metadata, Outputs};
pub use engine::{RenderError, RenderErrorKind, Rendered, Renderer, FUEL};
pub(crate) use lint::lint_findings;
pub(crate) use templates::templates;
