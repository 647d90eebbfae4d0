//! Graph stage: the petgraph model of one article — entities as nodes, relation edges carrying
//! their evidence. Plain data: the RDF, export and statistics layers are functions over it.

use crate::resolve::EntityKey;
use crate::text::Lang;
use petgraph::graph::{DiGraph, NodeIndex};
use serde::Serialize;
use std::collections::BTreeSet;

/// The kind of a node, deciding its RDF class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NodeKind {
    /// `schema:Person`.
    Person,
    /// `schema:Country`.
    State,
    /// `ng:Alliance`.
    Alliance,
    /// `schema:Organization`.
    Organisation,
    /// `schema:Place`.
    Place,
}

/// The relation kinds of the public vocabulary (`ng:` predicates).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Relation {
    /// person → state / alliance / organisation.
    HoldsPositionIn,
    /// state → alliance.
    MemberOf,
    /// organisation → state / organisation.
    PartOf,
    /// symmetric: person/state ↔ person/state.
    MetWith,
    /// symmetric: state/alliance ↔ state/alliance.
    CooperatesWith,
    /// symmetric: state ↔ state.
    SignedAgreementWith,
    /// host → guest.
    Hosted,
    /// visitor → state.
    Visited,
    /// source → target.
    Criticized,
    /// source → target.
    Supports,
    /// source → target.
    Threatened,
    /// source → target.
    Sanctioned,
    /// source → target.
    Attacked,
    /// person → person.
    Appointed,
    /// person → person.
    Succeeded,
}

impl Relation {
    /// Every relation, in vocabulary order.
    pub const ALL: [Relation; 15] = [
        Relation::HoldsPositionIn,
        Relation::MemberOf,
        Relation::PartOf,
        Relation::MetWith,
        Relation::CooperatesWith,
        Relation::SignedAgreementWith,
        Relation::Hosted,
        Relation::Visited,
        Relation::Criticized,
        Relation::Supports,
        Relation::Threatened,
        Relation::Sanctioned,
        Relation::Attacked,
        Relation::Appointed,
        Relation::Succeeded,
    ];

    /// The local name of the `ng:` predicate.
    pub fn name(self) -> &'static str {
        match self {
            Relation::HoldsPositionIn => "holdsPositionIn",
            Relation::MemberOf => "memberOf",
            Relation::PartOf => "partOf",
            Relation::MetWith => "metWith",
            Relation::CooperatesWith => "cooperatesWith",
            Relation::SignedAgreementWith => "signedAgreementWith",
            Relation::Hosted => "hosted",
            Relation::Visited => "visited",
            Relation::Criticized => "criticized",
            Relation::Supports => "supports",
            Relation::Threatened => "threatened",
            Relation::Sanctioned => "sanctioned",
            Relation::Attacked => "attacked",
            Relation::Appointed => "appointed",
            Relation::Succeeded => "succeeded",
        }
    }

    /// Parses a local name (`metWith`).
    pub fn from_name(s: &str) -> Option<Relation> {
        Relation::ALL.into_iter().find(|r| r.name() == s)
    }

    /// Symmetric relations are stored once, subject IRI ≤ object IRI.
    pub fn is_symmetric(self) -> bool {
        matches!(
            self,
            Relation::MetWith | Relation::CooperatesWith | Relation::SignedAgreementWith
        )
    }
}

/// An entity of the graph.
#[derive(Debug, Clone, Serialize)]
pub struct Node {
    /// Stable identity (becomes the IRI).
    #[serde(skip)]
    pub key: EntityKey,
    /// Its IRI.
    pub iri: String,
    /// Its kind.
    pub kind: NodeKind,
    /// Canonical name (English for lexicon entities).
    pub label: String,
    /// Other names seen, with the language of the article they were seen in.
    pub alt_labels: BTreeSet<(Lang, String)>,
    /// Wikidata id.
    pub qid: Option<String>,
}

/// Where an edge came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// The sentence.
    pub sentence: String,
    /// Code-point offset of the sentence in the article text.
    pub start: usize,
    /// Code-point offset after the sentence.
    pub end: usize,
}

/// A relation edge with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edge {
    /// The relation.
    pub relation: Relation,
    /// Evidence sentence and offsets.
    pub evidence: Evidence,
    /// 0–1.
    pub confidence: f64,
    /// The rule that made the edge.
    pub rule: String,
    /// The title as written and its English rendering (positions).
    pub title: Option<(String, String)>,
    /// CAMEO event code.
    pub cameo: Option<String>,
    /// Date the text gives the relation (xsd:date, gYearMonth or gYear lexical form).
    pub date: Option<String>,
    /// A past office (`aliyekuwa Rais`): written as `ng:former true` on the reifier.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub former: bool,
}

/// Article metadata kept with its graph.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleMeta {
    /// Article id (the IRI's last segment).
    pub id: String,
    /// Article IRI (the named graph).
    pub iri: String,
    /// Headline.
    pub headline: Option<String>,
    /// Language.
    pub lang: Lang,
    /// Publication date (YYYY-MM-DD).
    pub date: Option<String>,
    /// Source URL.
    pub url: Option<String>,
    /// Hex SHA-256 of the normalised text.
    pub content_hash: String,
}

/// The graph of one article.
#[derive(Debug, Clone)]
pub struct ArticleGraph {
    /// The article.
    pub meta: ArticleMeta,
    /// Entities and relations.
    pub graph: DiGraph<Node, Edge>,
}

impl ArticleGraph {
    /// An empty graph for an article.
    pub fn new(meta: ArticleMeta) -> Self {
        ArticleGraph {
            meta,
            graph: DiGraph::new(),
        }
    }

    /// The node with this key, added if missing.
    pub fn node(&mut self, node: Node) -> NodeIndex {
        if let Some(i) = self
            .graph
            .node_indices()
            .find(|&i| self.graph[i].key == node.key)
        {
            let existing = &mut self.graph[i];
            existing.alt_labels.extend(node.alt_labels);
            return i;
        }
        self.graph.add_node(node)
    }

    /// Adds an edge unless the same relation between the same nodes with the same evidence
    /// is already there. Symmetric relations are oriented by IRI.
    pub fn relate(&mut self, a: NodeIndex, b: NodeIndex, edge: Edge) {
        if a == b {
            return;
        }
        let (a, b) = if edge.relation.is_symmetric() && self.graph[a].iri > self.graph[b].iri {
            (b, a)
        } else {
            (a, b)
        };
        let dup = self
            .graph
            .edges_connecting(a, b)
            .any(|e| e.weight().relation == edge.relation && e.weight().evidence == edge.evidence);
        if !dup {
            self.graph.add_edge(a, b, edge);
        }
    }

    /// Number of relation edges.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }
}
