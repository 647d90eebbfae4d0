//! The RDF formats of `export`: the quads behind a view (see `View::quads`) through
//! `rdf::write_quads`. TriG, N-Quads and JSON-LD keep one named graph per article; Turtle merges
//! them. RDF/XML readers (Jena, rdflib, Protégé) do not read RDF 1.2 triple terms and Oxigraph's
//! JSON-LD writer cannot write them, so for those two syntaxes each reifier
//! `?r rdf:reifies <<( s p o )>>` is written as classic reification instead
//! (`?r a rdf:Statement ; rdf:subject s ; rdf:predicate p ; rdf:object o`), which keeps every
//! annotation of the edge.

use super::model::View;
use crate::error::{Error, Result};
use crate::rdf::build::sort_dedup;
use crate::rdf::vocab::RDF;
use crate::rdf::{write_quads, RdfOutput};
use oxigraph::model::{NamedNode, Quad, Term};
use std::io::Write;

/// Replaces RDF 1.2 `rdf:reifies` triple terms by classic `rdf:Statement` reification.
pub fn classic_reification(quads: &[Quad]) -> Vec<Quad> {
    let nn = |local: &str| NamedNode::new_unchecked(format!("{RDF}{local}"));
    let reifies = nn("reifies");
    let mut out = Vec::with_capacity(quads.len() * 2);
    for q in quads {
        match &q.object {
            Term::Triple(t) if q.predicate == reifies => {
                let r = q.subject.clone();
                let g = q.graph_name.clone();
                out.push(Quad::new(r.clone(), nn("type"), nn("Statement"), g.clone()));
                out.push(Quad::new(
                    r.clone(),
                    nn("subject"),
                    t.subject.clone(),
                    g.clone(),
                ));
                out.push(Quad::new(
                    r.clone(),
                    nn("predicate"),
                    t.predicate.clone(),
                    g.clone(),
                ));
                out.push(Quad::new(r, nn("object"), t.object.clone(), g));
            }
            _ => out.push(q.clone()),
        }
    }
    sort_dedup(&mut out);
    out
}

/// Writes the view's quads in an RDF syntax.
pub fn write<W: Write>(view: &View, syntax: RdfOutput, writer: W) -> Result<W> {
    let quads = view.quads().ok_or_else(|| {
        Error::Output("the view was loaded without its RDF (Selection::with_rdf)".into())
    })?;
    if matches!(syntax, RdfOutput::RdfXml | RdfOutput::JsonLd) {
        write_quads(&classic_reification(quads), syntax, writer)
    } else {
        write_quads(quads, syntax, writer)
    }
}
