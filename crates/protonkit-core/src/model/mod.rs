//! Typed models of the YAML files of a bundle, built by walking the node tree by hand so that
//! one pass records every unknown key, wrong type and missing key with its position.

pub mod manifest;
pub mod schema;
mod shape;

pub(crate) use shape::join;
pub use shape::{ShapeIssue, ShapeIssueKind, Spanned};
