//! Graph stage: the petgraph model of one article — entities as nodes, relation edges carrying
//! their evidence. Plain data: the RDF, export and statistics layers are functions over it.

use crate::resolve::EntityKey;
use crate::text::Lang;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use rustc_hash::FxHashMap;
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
    /// Where `node` and `relate` look for what is already there (a scan of the graph made
    /// long articles quadratic).
    index: Index,
}

/// Look-up tables over an [`ArticleGraph`]'s graph: nodes by key, edges by their ends,
/// relation and evidence offsets. Rebuilt when the graph's counts show it was changed other
/// than through `node` and `relate` (the graph is a public field).
#[derive(Debug, Clone, Default)]
struct Index {
    // One article's nodes and edges, only looked up: FxHash, not SipHash.
    nodes: FxHashMap<EntityKey, NodeIndex>,
    edges: FxHashMap<EdgeKey, Vec<EdgeIndex>>,
    node_count: usize,
    edge_count: usize,
}

/// An edge's ends, relation and evidence offsets.
type EdgeKey = (NodeIndex, NodeIndex, Relation, usize, usize);

impl Index {
    fn sync(&mut self, graph: &DiGraph<Node, Edge>) {
        if self.node_count != graph.node_count() {
            self.nodes.clear();
            // The first node of a key is the one `node` finds.
            for i in graph.node_indices().rev() {
                self.nodes.insert(graph[i].key.clone(), i);
            }
            self.node_count = graph.node_count();
        }
        if self.edge_count != graph.edge_count() {
            self.edges.clear();
            for e in graph.edge_references() {
                let w = e.weight();
                let key = (
                    e.source(),
                    e.target(),
                    w.relation,
                    w.evidence.start,
                    w.evidence.end,
                );
                self.edges.entry(key).or_default().push(e.id());
            }
            self.edge_count = graph.edge_count();
        }
    }
}

impl ArticleGraph {
    /// An empty graph for an article.
    pub fn new(meta: ArticleMeta) -> Self {
        ArticleGraph {
            meta,
            graph: DiGraph::new(),
            index: Index::default(),
        }
    }

    /// The node with this key, added if missing.
    pub fn node(&mut self, node: Node) -> NodeIndex {
        self.index.sync(&self.graph);
        if let Some(&i) = self.index.nodes.get(&node.key) {
            let existing = &mut self.graph[i];
            existing.alt_labels.extend(node.alt_labels);
            return i;
        }
        let key = node.key.clone();
        let i = self.graph.add_node(node);
        self.index.nodes.insert(key, i);
        self.index.node_count = self.graph.node_count();
        i
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
        self.index.sync(&self.graph);
        let key = (a, b, edge.relation, edge.evidence.start, edge.evidence.end);
        let same = self.index.edges.get(&key).into_iter().flatten();
        let dup = same
            .into_iter()
            .any(|&e| self.graph[e].evidence.sentence == edge.evidence.sentence);
        if !dup {
            let e = self.graph.add_edge(a, b, edge);
            self.index.edges.entry(key).or_default().push(e);
            self.index.edge_count = self.graph.edge_count();
        }
    }

    /// Number of relation edges.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }
}
