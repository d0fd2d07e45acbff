//! Fatal errors: the ones that stop a run before or after validation.
//!
//! Catalog problems are not here: they are [`Diagnostics`], collected in full
//! and reported together. These are usage and I/O failures, each naming the
//! path it concerns.

use std::path::PathBuf;

use crate::diag::Diagnostics;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The catalog has problems; they are listed, not summarised here.
    #[error("the catalog has {} problem{}", .0.len(), if .0.len() == 1 { "" } else { "s" })]
    Invalid(Diagnostics, crate::load::SourceTexts),
    #[error("{action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Usage(String),
    /// A command declined to act on what it was given (exit 1), e.g. `new
    /// state` for a folder that exists; nothing was written.
    #[error("{message}\n  = help: {hint}")]
    Refused { message: String, hint: String },
    #[error("template {name}: {message}")]
    Template { name: String, message: String },
    /// `check --links` found links that do not resolve; they are listed.
    #[error("{links} broken link{} in {pages} page{}", if *.links == 1 { "" } else { "s" }, if *.pages == 1 { "" } else { "s" })]
    BrokenLinks { links: usize, pages: usize },
}

impl Error {
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { action, path: path.into(), source }
    }

    /// Exit status: 1 for an invalid catalog or broken links, 2 for usage
    /// and I/O errors.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Invalid(..) | Error::Refused { .. } | Error::BrokenLinks { .. } => 1,
            _ => 2,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
