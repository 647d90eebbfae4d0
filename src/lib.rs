//! newsgraph: a knowledge-graph builder for Swahili and English news.
//!
//! The library is a one-way pipeline, one module per stage:
//!
//! `input` (files, JSON Lines, stdin) → `text` (normalise, sentences, tokens, language) →
//! `recognise` (lexicon matches, titles, people) → `resolve` (coreference, canonical entities) →
//! `relate` (offices, memberships, meetings) → `graph` (petgraph model of an article) →
//! `rdf` (vocabulary, IRIs, provenance, Oxigraph store) → `query` (SPARQL and result formats).
//!
//! [`pipeline::Extractor`] ties the stages together; the `newsgraph` binary is a thin CLI over it.

pub mod corpus;
pub mod error;
pub mod evaluate;
pub mod export;
pub mod graph;
pub mod input;
pub mod lexicon;
pub mod pipeline;
pub mod push;
pub mod query;
pub mod rdf;
pub mod recognise;
pub mod relate;
pub mod resolve;
pub mod serve;
pub mod tag;
pub mod text;

pub use error::{Error, Result};
pub use pipeline::Extractor;
