//! The look shared by the pictures (DOT, SVG, HTML): one colour and shape per kind of entity,
//! one colour per family of relation, and edge width growing with weight — so that the same
//! graph reads the same in every format.

use crate::graph::{NodeKind, Relation};

/// Fill and stroke colours of a kind (a light fill under a dark outline, legible in print).
pub fn kind_colours(kind: NodeKind) -> (&'static str, &'static str) {
    match kind {
        NodeKind::Person => ("#fdd49e", "#d95f0e"),
        NodeKind::State => ("#c6dbef", "#2171b5"),
        NodeKind::Alliance => ("#c7e9c0", "#238b45"),
        NodeKind::Organisation => ("#dadaeb", "#6a51a3"),
        NodeKind::Place => ("#eeeeee", "#737373"),
    }
}

/// The lowercase name of a kind, as in the JSON and GraphML `kind` attribute.
pub fn kind_name(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Person => "person",
        NodeKind::State => "state",
        NodeKind::Alliance => "alliance",
        NodeKind::Organisation => "organisation",
        NodeKind::Place => "place",
    }
}

/// Every kind, in legend order.
pub const KINDS: [NodeKind; 5] = [
    NodeKind::Person,
    NodeKind::State,
    NodeKind::Alliance,
    NodeKind::Organisation,
    NodeKind::Place,
];

/// The Graphviz shape of a kind: people ellipses, states boxes, alliances hexagons, anything
/// else a note.
pub fn dot_shape(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Person => "ellipse",
        NodeKind::State => "box",
        NodeKind::Alliance => "hexagon",
        NodeKind::Organisation | NodeKind::Place => "note",
    }
}

/// The colour of a relation, by family: offices, membership, contact, hostility, support,
/// succession.
pub fn relation_colour(r: Relation) -> &'static str {
    match r {
        Relation::HoldsPositionIn => "#b35806",
        Relation::MemberOf | Relation::PartOf => "#1b7837",
        Relation::MetWith
        | Relation::CooperatesWith
        | Relation::SignedAgreementWith
        | Relation::Hosted
        | Relation::Visited => "#2166ac",
        Relation::Criticized | Relation::Threatened | Relation::Sanctioned | Relation::Attacked => {
            "#b2182b"
        }
        Relation::Supports => "#4d9221",
        Relation::Appointed | Relation::Succeeded => "#762a83",
    }
}

/// Line width of an edge supported by `weight` articles: 1 for one article, growing with the
/// square root so that a much-repeated edge stands out without swamping the picture.
pub fn edge_width(weight: usize) -> f64 {
    (1.0 + 1.25 * ((weight.max(1) as f64).sqrt() - 1.0)).min(8.0)
}

/// The radius of a node in the pictures: grows with the number of articles mentioning it.
pub fn node_radius(articles: usize) -> f64 {
    (7.0 + 2.5 * (articles.max(1) as f64).sqrt()).min(22.0)
}
