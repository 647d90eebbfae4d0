//! Article graph → RDF quads, and quads → bytes in any RDF syntax. The quads of an article are
//! sorted before writing, so the same article always gives the same bytes.

use super::iri;
use super::vocab::{NG, OWL, PROV, RDF, RDFS, SCHEMA, SKOS, XSD};
use crate::error::{Error, Result};
use crate::graph::{ArticleGraph, NodeKind};
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::vocab::xsd;
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode,
    NamedOrBlankNodeRef, Quad, QuadRef, Term, TermRef, Triple,
};
use petgraph::visit::EdgeRef;
use sha2::{Digest, Sha256};
use std::io::Write;

/// How edge annotations are attached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Reification {
    /// RDF 1.2: `?r rdf:reifies <<( s p o )>>`.
    #[default]
    Rdf12,
    /// Classic `rdf:Statement` with `rdf:subject`, `rdf:predicate`, `rdf:object`.
    Rdf11,
}

/// RDF output syntaxes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RdfOutput {
    /// TriG (named graphs kept).
    TriG,
    /// N-Quads (named graphs kept).
    NQuads,
    /// Turtle (graphs flattened into one).
    Turtle,
    /// N-Triples (graphs flattened).
    NTriples,
    /// JSON-LD (named graphs kept).
    JsonLd,
    /// RDF/XML (graphs flattened; RDF 1.2 triple terms are not expressible there).
    RdfXml,
}

impl RdfOutput {
    fn format(self) -> RdfFormat {
        match self {
            RdfOutput::TriG => RdfFormat::TriG,
            RdfOutput::NQuads => RdfFormat::NQuads,
            RdfOutput::Turtle => RdfFormat::Turtle,
            RdfOutput::NTriples => RdfFormat::NTriples,
            RdfOutput::JsonLd => RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
            RdfOutput::RdfXml => RdfFormat::RdfXml,
        }
    }

    /// Whether the syntax keeps named graphs.
    pub fn keeps_graphs(self) -> bool {
        matches!(
            self,
            RdfOutput::TriG | RdfOutput::NQuads | RdfOutput::JsonLd
        )
    }
}

fn nn(s: impl Into<String>) -> NamedNode {
    NamedNode::new_unchecked(s.into())
}

fn term(ns: &str, local: &str) -> NamedNode {
    // Not `format!`: this runs for every quad, and the formatting machinery showed in profiles.
    let mut iri = String::with_capacity(ns.len() + local.len());
    iri.push_str(ns);
    iri.push_str(local);
    nn(iri)
}

/// The quads of one article's named graph.
pub fn article_quads(g: &ArticleGraph, reification: Reification) -> Vec<Quad> {
    let mut quads = unsorted_quads(g, reification);
    sort_dedup(&mut quads);
    quads
}

/// The N-Quads lines of one article's named graph (each without its ` .` and line break), in
/// the order of [`article_quads`]: what `extract --format nquads` writes, without formatting
/// each quad twice (once to sort, once to write).
pub fn article_nquads(g: &ArticleGraph, reification: Reification) -> Vec<String> {
    let quads = unsorted_quads(g, reification);
    let mut lines: Vec<String> = quads.iter().map(nquad_text).collect();
    // Equal quads have equal texts and the text is the sort key, so sorting and removing
    // duplicates among the texts gives the lines of `article_quads`.
    lines.sort_unstable();
    lines.dedup();
    lines
}

/// The quads of one article's named graph, in the order they are made.
fn unsorted_quads(g: &ArticleGraph, reification: Reification) -> Vec<Quad> {
    let graph = GraphName::NamedNode(nn(&g.meta.iri));
    let mut quads = Vec::new();
    let mut add = |s: NamedOrBlankNode, p: NamedNode, o: Term| {
        quads.push(Quad::new(s, p, o, graph.clone()));
    };
    let article = nn(&g.meta.iri);
    let lang = g.meta.lang.code();
    let lit_lang = |s: &str, l: &str| -> Term {
        Literal::new_language_tagged_literal(s, l)
            .map(Term::from)
            .unwrap_or_else(|_| Literal::new_simple_literal(s).into())
    };
    add(
        article.clone().into(),
        term(RDF, "type"),
        term(SCHEMA, "NewsArticle").into(),
    );
    if let Some(h) = &g.meta.headline {
        add(
            article.clone().into(),
            term(SCHEMA, "headline"),
            lit_lang(h, lang),
        );
    }
    add(
        article.clone().into(),
        term(SCHEMA, "inLanguage"),
        Literal::new_simple_literal(lang).into(),
    );
    if let Some(d) = &g.meta.date {
        add(
            article.clone().into(),
            term(SCHEMA, "datePublished"),
            Literal::new_typed_literal(d, term(XSD, "date")).into(),
        );
    }
    if let Some(u) = &g.meta.url {
        let o: Term = match NamedNode::new(u) {
            Ok(n) => n.into(),
            Err(_) => Literal::new_typed_literal(u, term(XSD, "anyURI")).into(),
        };
        add(article.clone().into(), term(SCHEMA, "url"), o);
    }
    add(
        article.clone().into(),
        term(NG, "contentHash"),
        Literal::new_simple_literal(&g.meta.content_hash).into(),
    );
    for n in g.graph.node_weights() {
        let e = nn(&n.iri);
        add(
            article.clone().into(),
            term(SCHEMA, "mentions"),
            e.clone().into(),
        );
        let class = match n.kind {
            NodeKind::Person => term(SCHEMA, "Person"),
            NodeKind::State => term(SCHEMA, "Country"),
            NodeKind::Alliance => term(NG, "Alliance"),
            NodeKind::Organisation => term(SCHEMA, "Organization"),
            NodeKind::Place => term(SCHEMA, "Place"),
        };
        add(e.clone().into(), term(RDF, "type"), class.into());
        add(
            e.clone().into(),
            term(RDFS, "label"),
            lit_lang(&n.label, "en"),
        );
        if n.kind == NodeKind::Person {
            // Every name the article uses, the label too: merging across articles reads a
            // person's names from here, while the label becomes the merged person's.
            add(
                e.clone().into(),
                term(SKOS, "altLabel"),
                lit_lang(&n.label, lang),
            );
        }
        for (l, alt) in &n.alt_labels {
            add(
                e.clone().into(),
                term(SKOS, "altLabel"),
                lit_lang(alt, l.code()),
            );
        }
        if let Some(q) = &n.qid {
            add(
                e.clone().into(),
                term(OWL, "sameAs"),
                nn(iri::wikidata(q)).into(),
            );
        }
    }
    for edge in g.graph.edge_references() {
        let s = nn(&g.graph[edge.source()].iri);
        let o = nn(&g.graph[edge.target()].iri);
        let w = edge.weight();
        let p = term(NG, w.relation.name());
        add(s.clone().into(), p.clone(), o.clone().into());
        let mut h = Sha256::new();
        for part in [s.as_str(), p.as_str(), o.as_str()] {
            h.update(part.as_bytes());
            h.update([0]);
        }
        h.update(format!("{}:{}", w.evidence.start, w.evidence.end).as_bytes());
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let hex: String = h.finalize()[..8]
            .iter()
            .flat_map(|b| [HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]])
            .map(char::from)
            .collect();
        let r: NamedOrBlankNode = nn(format!("{}#edge-{hex}", g.meta.iri)).into();
        match reification {
            Reification::Rdf12 => {
                let triple = Triple::new(s.clone(), p.clone(), o.clone());
                add(
                    r.clone(),
                    term(RDF, "reifies"),
                    Term::Triple(Box::new(triple)),
                );
            }
            Reification::Rdf11 => {
                add(r.clone(), term(RDF, "type"), term(RDF, "Statement").into());
                add(r.clone(), term(RDF, "subject"), s.clone().into());
                add(r.clone(), term(RDF, "predicate"), p.clone().into());
                add(r.clone(), term(RDF, "object"), o.clone().into());
            }
        }
        add(
            r.clone(),
            term(PROV, "wasDerivedFrom"),
            article.clone().into(),
        );
        add(
            r.clone(),
            term(NG, "evidence"),
            lit_lang(&w.evidence.sentence, lang),
        );
        add(
            r.clone(),
            term(NG, "start"),
            Literal::from(w.evidence.start as i64).into(),
        );
        add(
            r.clone(),
            term(NG, "end"),
            Literal::from(w.evidence.end as i64).into(),
        );
        // The canonical decimal form, as the store keeps it, so that a re-ingest compares equal.
        let confidence = format!("{:.2}", w.confidence)
            .parse::<oxsdatatypes::Decimal>()
            .map_or_else(|_| "0".to_string(), |d| d.to_string());
        add(
            r.clone(),
            term(NG, "confidence"),
            Literal::new_typed_literal(confidence, term(XSD, "decimal")).into(),
        );
        add(
            r.clone(),
            term(NG, "rule"),
            Literal::new_simple_literal(&w.rule).into(),
        );
        if let Some((written, en)) = &w.title {
            add(r.clone(), term(NG, "title"), lit_lang(written, lang));
            if lang != "en" || written != en {
                add(r.clone(), term(NG, "title"), lit_lang(en, "en"));
            }
        }
        if w.former {
            add(r.clone(), term(NG, "former"), Literal::from(true).into());
        }
        if let Some(d) = &w.date {
            let dt = match d.len() {
                4 => "gYear",
                7 => "gYearMonth",
                _ => "date",
            };
            add(
                r.clone(),
                term(NG, "date"),
                Literal::new_typed_literal(d, term(XSD, dt)).into(),
            );
        }
        if let Some(c) = &w.cameo {
            add(
                r.clone(),
                term(NG, "cameo"),
                Literal::new_simple_literal(c).into(),
            );
        }
    }
    quads
}

/// The lexicon's background facts — alliance memberships and which body belongs to which
/// organisation, with the entities' types, labels and Wikidata links — in their own named graph
/// (`iri::BACKGROUND`), so a query can tell what the articles said from what the lexicon knows.
/// The background graph is not part of the default graph.
pub fn background_quads(lex: &crate::lexicon::Lexicon) -> Vec<Quad> {
    use crate::lexicon::EntityKind;
    use crate::resolve::EntityKey;
    let graph = GraphName::NamedNode(nn(iri::BACKGROUND));
    let mut quads = Vec::new();
    let describe = |e: &crate::lexicon::EntityEntry, quads: &mut Vec<Quad>| {
        let node = nn(iri::entity(&EntityKey::Lexicon(e.kind, e.id.clone())));
        let class = match e.kind {
            EntityKind::State => term(SCHEMA, "Country"),
            EntityKind::Alliance => term(NG, "Alliance"),
            EntityKind::Place => term(SCHEMA, "Place"),
            EntityKind::Organisation => term(SCHEMA, "Organization"),
        };
        quads.push(Quad::new(
            node.clone(),
            term(RDF, "type"),
            class,
            graph.clone(),
        ));
        if let Ok(l) = Literal::new_language_tagged_literal(&e.en, "en") {
            quads.push(Quad::new(
                node.clone(),
                term(RDFS, "label"),
                l,
                graph.clone(),
            ));
        }
        if let Some(q) = &e.qid {
            quads.push(Quad::new(
                node.clone(),
                term(OWL, "sameAs"),
                nn(iri::wikidata(q)),
                graph.clone(),
            ));
        }
        node
    };
    for e in &lex.entities {
        if e.kind != EntityKind::Alliance || (e.members.is_empty() && e.part_of.is_none()) {
            continue;
        }
        let alliance = describe(e, &mut quads);
        for m in &e.members {
            if let Some(state) = lex.entity(EntityKind::State, m) {
                let s = describe(state, &mut quads);
                quads.push(Quad::new(
                    s,
                    term(NG, "memberOf"),
                    alliance.clone(),
                    graph.clone(),
                ));
            }
        }
        if let Some(parent) = e
            .part_of
            .as_deref()
            .and_then(|p| lex.entity(EntityKind::Alliance, p))
        {
            let p = describe(parent, &mut quads);
            quads.push(Quad::new(
                alliance.clone(),
                term(NG, "partOf"),
                p,
                graph.clone(),
            ));
        }
    }
    sort_dedup(&mut quads);
    quads
}

/// Sorts quads into a canonical order (by their N-Quads text) and removes duplicates.
pub fn sort_dedup(quads: &mut Vec<Quad>) {
    quads.sort_by_cached_key(nquad_text);
    quads.dedup();
}

/// A quad's N-Quads text without the final ` .` — what `Quad`'s `Display` writes, built
/// without the formatting machinery, which took about a tenth of `extract`'s time.
pub fn nquad_text(q: &Quad) -> String {
    let mut out = String::with_capacity(256);
    push_quad(q.as_ref(), &mut out);
    out
}

fn push_quad(q: QuadRef<'_>, out: &mut String) {
    push_subject(q.subject, out);
    out.push(' ');
    push_iri(q.predicate, out);
    out.push(' ');
    push_term(q.object, out);
    match q.graph_name {
        GraphNameRef::DefaultGraph => {}
        GraphNameRef::NamedNode(n) => {
            out.push(' ');
            push_iri(n, out);
        }
        g => {
            out.push(' ');
            push_display(&g, out);
        }
    }
}

fn push_iri(n: NamedNodeRef<'_>, out: &mut String) {
    out.push('<');
    out.push_str(n.as_str());
    out.push('>');
}

fn push_subject(s: NamedOrBlankNodeRef<'_>, out: &mut String) {
    match s {
        NamedOrBlankNodeRef::NamedNode(n) => push_iri(n, out),
        b => push_display(&b, out),
    }
}

fn push_term(t: TermRef<'_>, out: &mut String) {
    match t {
        TermRef::NamedNode(n) => push_iri(n, out),
        TermRef::Literal(l) if l.direction().is_none() => {
            push_quoted(l.value(), out);
            if let Some(lang) = l.language() {
                out.push('@');
                out.push_str(lang);
            } else if l.datatype() != xsd::STRING {
                out.push_str("^^");
                push_iri(l.datatype(), out);
            }
        }
        TermRef::Triple(t) => {
            out.push_str("<<( ");
            push_subject(t.subject.as_ref(), out);
            out.push(' ');
            push_iri(t.predicate.as_ref(), out);
            out.push(' ');
            push_term(t.object.as_ref(), out);
            out.push_str(" )>>");
        }
        other => push_display(&other, out),
    }
}

/// Anything else (blank nodes, directional literals) through its `Display`.
fn push_display(x: &impl std::fmt::Display, out: &mut String) {
    use std::fmt::Write as _;
    // Writing into a String cannot fail.
    let _ = write!(out, "{x}");
}

/// A string literal's quoted form, escaped as oxrdf's `print_quoted_str` escapes it; the
/// usual string has nothing to escape and is copied whole.
fn push_quoted(s: &str, out: &mut String) {
    let plain = |c: char| {
        !matches!(
            c,
            '\0'..='\u{1F}' | '\u{7F}' | '\u{FFFE}' | '\u{FFFF}' | '"' | '\\'
        )
    };
    out.push('"');
    if s.chars().all(plain) {
        out.push_str(s);
    } else {
        for c in s.chars() {
            match c {
                '\u{8}' => out.push_str("\\b"),
                '\t' => out.push_str("\\t"),
                '\n' => out.push_str("\\n"),
                '\u{C}' => out.push_str("\\f"),
                '\r' => out.push_str("\\r"),
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\0'..='\u{1F}' | '\u{7F}' | '\u{FFFE}' | '\u{FFFF}' => {
                    push_display(&format_args!("\\u{:04X}", u32::from(c)), out)
                }
                c => out.push(c),
            }
        }
    }
    out.push('"');
}

/// Writes quads in an RDF syntax, with the vocabulary's prefixes where the syntax has them.
/// Syntaxes without named graphs get the triples of all graphs.
pub fn write_quads<W: Write>(quads: &[Quad], out: RdfOutput, writer: W) -> Result<W> {
    let mut ser = RdfSerializer::from_format(out.format());
    if matches!(
        out,
        RdfOutput::TriG | RdfOutput::Turtle | RdfOutput::RdfXml | RdfOutput::JsonLd
    ) {
        for (p, ns) in super::vocab::PREFIXES {
            ser = ser
                .with_prefix(p, ns)
                .map_err(|e| Error::Output(e.to_string()))?;
        }
    }
    let err = |e: std::io::Error| Error::Output(e.to_string());
    if out == RdfOutput::NQuads {
        // The same bytes as the N-Quads serializer, without its formatting machinery.
        let mut writer = writer;
        let mut line = String::with_capacity(256);
        for q in quads {
            line.clear();
            push_quad(q.as_ref(), &mut line);
            line.push_str(" .\n");
            writer.write_all(line.as_bytes()).map_err(err)?;
        }
        return Ok(writer);
    }
    let mut w = ser.for_writer(writer);
    if out.keeps_graphs() {
        for q in quads {
            w.serialize_quad(q).map_err(err)?;
        }
    } else {
        let mut triples: Vec<Triple> = quads.iter().map(|q| Triple::from(q.clone())).collect();
        triples.sort_by_cached_key(|t| t.to_string());
        triples.dedup();
        for t in &triples {
            w.serialize_triple(t).map_err(err)?;
        }
    }
    w.finish().map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nquad_text_is_what_display_writes() {
        let g = GraphName::NamedNode(nn("http://example.org/g"));
        let s = nn("http://example.org/s");
        let p = nn("http://example.org/p");
        let odd = "tab\t nl\n cr\r quote\" back\\ bell\u{7} del\u{7f} \u{fffe} b\u{8} f\u{c} é ✓";
        let objects: Vec<Term> = vec![
            nn("http://example.org/o").into(),
            Literal::new_simple_literal(odd).into(),
            Literal::new_simple_literal("plain").into(),
            Literal::new_language_tagged_literal(odd, "sw")
                .map(Term::from)
                .unwrap_or_else(|_| Literal::new_simple_literal("x").into()),
            Literal::new_typed_literal("2024-01-02", term(XSD, "date")).into(),
            Literal::from(42i64).into(),
            Literal::from(true).into(),
            Term::Triple(Box::new(Triple::new(
                s.clone(),
                p.clone(),
                Literal::new_simple_literal(odd),
            ))),
            oxigraph::model::BlankNode::new_unchecked("b1").into(),
        ];
        for o in objects {
            for graph in [g.clone(), GraphName::DefaultGraph] {
                let q = Quad::new(s.clone(), p.clone(), o.clone(), graph);
                assert_eq!(nquad_text(&q), q.to_string());
            }
        }
        let blank = Quad::new(
            oxigraph::model::BlankNode::new_unchecked("x"),
            p.clone(),
            s.clone(),
            g.clone(),
        );
        assert_eq!(nquad_text(&blank), blank.to_string());
    }
}
