//! Export stage: the store as pictures and graph files — the whole graph, one article's, or a
//! neighbourhood. It sits after `query` in the pipeline and only reads the store.
//!
//! [`View::load`] reads a [`View`] (entities and relation edges merged across articles, with
//! their evidence) from the store with SPARQL, narrowed by a [`Selection`]; [`write()`] is the one
//! front door that writes a view in any [`Format`]: Graphviz DOT, GraphML, JSON, SVG, a
//! self-contained HTML viewer, or an RDF syntax. Output is deterministic: the same store and
//! selection give the same bytes.

pub mod dot;
pub mod graphml;
pub mod html;
pub mod json;
pub mod layout;
pub mod model;
pub mod rdf;
pub mod style;
pub mod svg;

pub use model::{ArticleInfo, Evidence, LangString, Selection, View, ViewEdge, ViewNode};

use crate::error::{Error, Result};
use crate::rdf::RdfOutput;
use std::io::Write;

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Graphviz DOT.
    Dot,
    /// GraphML (Gephi, yEd, Cytoscape, NetworkX).
    GraphMl,
    /// JSON nodes and edges (D3, Cytoscape.js, Sigma).
    Json,
    /// One self-contained interactive HTML page.
    Html,
    /// An SVG picture (built-in force-directed layout).
    Svg,
    /// Turtle (all article graphs merged).
    Turtle,
    /// TriG (one named graph per article).
    TriG,
    /// N-Quads (one named graph per article).
    NQuads,
    /// JSON-LD (one named graph per article; classic reification).
    JsonLd,
    /// RDF/XML (all article graphs merged; classic reification).
    RdfXml,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 10] = [
        Format::Dot,
        Format::GraphMl,
        Format::Json,
        Format::Html,
        Format::Svg,
        Format::Turtle,
        Format::TriG,
        Format::NQuads,
        Format::JsonLd,
        Format::RdfXml,
    ];

    /// The name used on the command line (`graphml`, `nquads`…).
    pub fn name(self) -> &'static str {
        match self {
            Format::Dot => "dot",
            Format::GraphMl => "graphml",
            Format::Json => "json",
            Format::Html => "html",
            Format::Svg => "svg",
            Format::Turtle => "turtle",
            Format::TriG => "trig",
            Format::NQuads => "nquads",
            Format::JsonLd => "jsonld",
            Format::RdfXml => "rdfxml",
        }
    }

    /// The format with this command-line name.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Dot => "dot",
            Format::GraphMl => "graphml",
            Format::Json => "json",
            Format::Html => "html",
            Format::Svg => "svg",
            Format::Turtle => "ttl",
            Format::TriG => "trig",
            Format::NQuads => "nq",
            Format::JsonLd => "jsonld",
            Format::RdfXml => "rdf",
        }
    }

    /// The RDF syntax of an RDF format, `None` for the others.
    pub fn rdf_syntax(self) -> Option<RdfOutput> {
        Some(match self {
            Format::Turtle => RdfOutput::Turtle,
            Format::TriG => RdfOutput::TriG,
            Format::NQuads => RdfOutput::NQuads,
            Format::JsonLd => RdfOutput::JsonLd,
            Format::RdfXml => RdfOutput::RdfXml,
            _ => return None,
        })
    }

    /// Whether the format is an RDF syntax (and so needs `Selection::with_rdf`).
    pub fn is_rdf(self) -> bool {
        self.rdf_syntax().is_some()
    }
}

impl std::str::FromStr for Format {
    type Err = Error;

    fn from_str(s: &str) -> Result<Format> {
        Format::from_name(s).ok_or_else(|| {
            let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
            Error::BadInput(format!(
                "unknown export format {s:?} (one of {})",
                names.join(", ")
            ))
        })
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Writes a view in a format and hands the writer back (for flushing). The RDF formats need a
/// view loaded with `Selection::with_rdf`.
pub fn write<W: Write>(format: Format, view: &View, mut writer: W) -> Result<W> {
    let io = |e: std::io::Error| Error::Output(e.to_string());
    if let Some(syntax) = format.rdf_syntax() {
        return rdf::write(view, syntax, writer);
    }
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut writer, &json::document(view, None))
                .map_err(|e| Error::Output(e.to_string()))?;
            writer.write_all(b"\n").map_err(io)?;
        }
        Format::Dot => writer.write_all(dot::render(view).as_bytes()).map_err(io)?,
        Format::GraphMl => writer
            .write_all(graphml::render(view).as_bytes())
            .map_err(io)?,
        Format::Svg => writer
            .write_all(svg::render(view, false).as_bytes())
            .map_err(io)?,
        Format::Html => writer
            .write_all(html::render(view)?.as_bytes())
            .map_err(io)?,
        _ => {}
    }
    Ok(writer)
}

/// Escapes text for XML and HTML content and attribute values, dropping the characters XML 1.0
/// cannot hold (controls other than tab and line breaks, U+FFFE, U+FFFF).
pub(crate) fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip() {
        for f in Format::ALL {
            assert_eq!(f.name().parse::<Format>().ok(), Some(f));
        }
        assert!("png".parse::<Format>().is_err());
    }

    #[test]
    fn xml_escape_escapes_markup_and_drops_controls() {
        assert_eq!(xml_escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
