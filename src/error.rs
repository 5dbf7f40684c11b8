//! The errors of the loaders and of packaging.

use std::fmt;
use std::path::PathBuf;

/// A bundle or spec that could not be read.
#[derive(Debug)]
#[non_exhaustive]
pub enum LoadError {
    /// A file or folder could not be read.
    Io {
        /// The path that failed.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// Bytes that are not a `.tar.gz` or `.zip` archive, or one too damaged to list.
    Archive {
        /// What went wrong, naming the entry when one is at fault.
        message: String,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io { message, .. } | LoadError::Archive { message } => f.write_str(message),
        }
    }
}

impl std::error::Error for LoadError {}

/// A bundle that cannot be packaged for Proton.
#[derive(Debug)]
#[non_exhaustive]
pub enum PackageError {
    /// The archive is larger than Proton's quota.
    TooLarge {
        /// The size of the archive, in bytes.
        size: u64,
        /// The quota, in bytes.
        limit: u64,
    },
    /// A file cannot be written into the archive (its path is named).
    Unpackable {
        /// What went wrong.
        message: String,
    },
}

impl fmt::Display for PackageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PackageError::TooLarge { size, limit } => write!(
                f,
                "the bundle packs to {size} bytes; Proton accepts at most {limit} bytes"
            ),
            PackageError::Unpackable { message } => f.write_str(message),
        }
    }
}

impl std::error::Error for PackageError {}
