//! newsgraph's graph JSON: `{"directed", "nodes", "edges", "articles"}`, the shape D3,
//! Cytoscape.js and Sigma (graphology) read with a line of mapping. Nodes carry `id` (the IRI),
//! `kind`, `label`, `altLabels`, `qid`, `articles` (count) and `mentionedIn`; edges carry `id`,
//! `source` and `target` (node IRIs), `relation`, `symmetric`, `weight` (count), `statedIn`, `titles`
//! and `evidence` (sentence, article IRI, offset, rule, confidence).

use super::layout::Point;
use super::model::{ArticleInfo, View, ViewEdge, ViewNode};
use serde::Serialize;

/// A node with, for the HTML viewer, its position.
#[derive(Debug, Serialize)]
pub struct JsonNode<'a> {
    /// The node's fields.
    #[serde(flatten)]
    pub node: &'a ViewNode,
    /// Horizontal position (pictures only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub x: Option<f64>,
    /// Vertical position (pictures only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub y: Option<f64>,
}

/// An edge with its ends.
#[derive(Debug, Serialize)]
pub struct JsonEdge<'a> {
    /// `e{index}`, in edge order.
    pub id: String,
    /// The source node's IRI.
    pub source: &'a str,
    /// The target node's IRI.
    pub target: &'a str,
    /// The edge's fields.
    #[serde(flatten)]
    pub edge: &'a ViewEdge,
}

/// The whole document.
#[derive(Debug, Serialize)]
pub struct Document<'a> {
    /// Always true: edges have a direction (symmetric ones say so with `symmetric`).
    pub directed: bool,
    /// Nodes, sorted by IRI.
    pub nodes: Vec<JsonNode<'a>>,
    /// Edges, sorted by source, relation, target.
    pub edges: Vec<JsonEdge<'a>>,
    /// The articles the nodes and edges come from.
    pub articles: &'a [ArticleInfo],
}

/// Rounds a coordinate to a tenth of a pixel (enough for a picture, and short).
fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// The document of a view, with positions when given (one per node, in node order).
pub fn document<'a>(view: &'a View, positions: Option<&[Point]>) -> Document<'a> {
    let g = view.graph();
    Document {
        directed: true,
        nodes: view
            .nodes()
            .map(|(i, node)| {
                let p = positions.and_then(|p| p.get(i.index()));
                JsonNode {
                    node,
                    x: p.map(|p| round(p.x)),
                    y: p.map(|p| round(p.y)),
                }
            })
            .collect(),
        edges: view
            .edges()
            .map(|(i, s, t, edge)| JsonEdge {
                id: format!("e{}", i.index()),
                source: &g[s].iri,
                target: &g[t].iri,
                edge,
            })
            .collect(),
        articles: view.articles(),
    }
}
