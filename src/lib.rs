//! protonkit: lint AWS Proton template bundles.
//!
//! This crate is the one users depend on. It re-exports the pure core
//! ([`protonkit_core`]) and adds [`disk`], which finds and reads bundle folders.

pub use protonkit_core::*;

pub use protonkit_fs as disk;
