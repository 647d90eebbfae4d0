//! RDF stage: the vocabulary, the IRI scheme, the quads of an article graph (with RDF 1.2
//! reifiers or classic reification), serialisation, and the Oxigraph store.

pub mod build;
pub mod check;
pub mod iri;
pub mod merge;
mod people_index;
pub mod store;
pub mod vocab;

pub use build::{
    article_nquads, article_quads, background_quads, write_quads, RdfOutput, Reification,
};
pub use check::{check, check_with_progress, Problem, Report, Step as CheckStep};
pub use oxigraph::model::Quad;
pub use store::{GraphStore, PutOutcome};
