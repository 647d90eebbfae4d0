//! The library's error type: every failure names what it was working on.

use std::path::PathBuf;

/// Result with the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What can go wrong in the pipeline, the store or a query.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// Input that cannot be used (bad JSON line, bad date, not text…): a usage error (exit 2).
    #[error("{0}")]
    BadInput(String),
    /// A lexicon file that does not parse or is inconsistent.
    #[error("lexicon {file}: {message}")]
    Lexicon {
        /// The lexicon file (or embedded name).
        file: String,
        /// What is wrong with it.
        message: String,
    },
    /// The Oxigraph store failed.
    #[error("store {path}: {message}")]
    Store {
        /// The store directory.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// A SPARQL query failed to parse (a usage error) …
    #[error("SPARQL syntax error: {0}")]
    QuerySyntax(String),
    /// … or to evaluate.
    #[error("SPARQL evaluation failed: {0}")]
    QueryEval(String),
    /// Writing RDF or results failed.
    #[error("writing output: {0}")]
    Output(String),
    /// A remote SPARQL server refused or could not be reached (`push`).
    #[error("{endpoint}: {message}")]
    Remote {
        /// The endpoint URL.
        endpoint: String,
        /// What went wrong (HTTP status and the server's first line, or the network error).
        message: String,
    },
}

impl Error {
    /// True when the error is the user's input or usage rather than a runtime failure:
    /// the CLI exits with 2 for these and 1 for the rest.
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            Error::BadInput(_) | Error::QuerySyntax(_) | Error::Lexicon { .. }
        )
    }
}
