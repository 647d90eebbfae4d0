//! Store verification (`newsgraph check`): the invariants that ingest keeps, checked from the
//! outside, so a store that went through a crash, a kill or a hand edit can be trusted or
//! repaired.
//!
//! - every RDF 1.2 reifier's triple (`?r rdf:reifies <<( s p o )>>`) is stated in the same
//!   graph, and so is every classic `rdf:Statement`'s (`--rdf11` stores);
//! - every article graph (`https://w3id.org/newsgraph/article/…`) holds its article node
//!   (`<graph> a schema:NewsArticle`);
//! - the default graph is exactly the set union of the graphs that
//!   [`iri::in_default_graph`] names (the article graphs and the entities graph): no triple
//!   missing, none left over;
//! - Oxigraph's own index invariants.
//!
//! The check streams graph by graph and looks triples up in the indexes, so it needs memory
//! for one graph at a time, not for the store.

use super::iri;
use super::store::GraphStore;
use super::vocab::{RDF, SCHEMA};
use crate::error::{Error, Result};
use oxigraph::model::{GraphName, GraphNameRef, NamedOrBlankNode, Quad, Term, Triple};
use oxigraph::store::Transaction;
use std::collections::{HashMap, HashSet};

/// At most this many problems are listed one by one; the rest are only counted, so a badly
/// broken store gives a readable report rather than millions of lines.
pub const MAX_LISTED: usize = 1000;

/// One broken invariant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A reifier whose triple the graph does not state.
    MissingReifiedTriple {
        /// The graph holding the reifier.
        graph: String,
        /// The reifier.
        reifier: String,
        /// The reified triple.
        triple: Triple,
    },
    /// An `rdf:reifies` whose object is not a triple term.
    BadReifier {
        /// The graph holding the reifier.
        graph: String,
        /// The reifier.
        reifier: String,
    },
    /// A classic `rdf:Statement` whose triple the graph does not state.
    MissingStatementTriple {
        /// The graph holding the statement.
        graph: String,
        /// The statement node.
        statement: String,
        /// The triple it describes.
        triple: Triple,
    },
    /// A classic `rdf:Statement` without exactly one subject, predicate and object (or with
    /// ones that cannot form a triple).
    IncompleteStatement {
        /// The graph holding the statement.
        graph: String,
        /// The statement node.
        statement: String,
    },
    /// An article graph without its `schema:NewsArticle` node.
    MissingArticleNode {
        /// The article graph.
        graph: String,
    },
    /// A triple of a graph in the default graph's union that the default graph lacks.
    MissingFromDefault {
        /// The graph stating it.
        graph: String,
        /// The triple.
        triple: Triple,
    },
    /// A default-graph triple that no graph of the union states.
    OrphanInDefault {
        /// The triple.
        triple: Triple,
    },
    /// Oxigraph's own index check failed.
    Storage(String),
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::MissingReifiedTriple {
                graph,
                reifier,
                triple,
            } => write!(
                f,
                "<{graph}>: reifier <{reifier}> reifies <<( {triple} )>>, which the graph does not state"
            ),
            Problem::BadReifier { graph, reifier } => write!(
                f,
                "<{graph}>: rdf:reifies of <{reifier}> is not a triple term"
            ),
            Problem::MissingStatementTriple {
                graph,
                statement,
                triple,
            } => write!(
                f,
                "<{graph}>: rdf:Statement <{statement}> describes {triple}, which the graph does not state"
            ),
            Problem::IncompleteStatement { graph, statement } => write!(
                f,
                "<{graph}>: rdf:Statement <{statement}> lacks exactly one valid rdf:subject, rdf:predicate and rdf:object"
            ),
            Problem::MissingArticleNode { graph } => write!(
                f,
                "<{graph}>: article graph without its article node (<{graph}> a schema:NewsArticle)"
            ),
            Problem::MissingFromDefault { graph, triple } => write!(
                f,
                "<{graph}>: {triple} is missing from the default graph"
            ),
            Problem::OrphanInDefault { triple } => write!(
                f,
                "default graph: {triple} is stated by no article or entities graph"
            ),
            Problem::Storage(message) => write!(f, "storage indexes: {message}"),
        }
    }
}

/// What `check` found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Article graphs.
    pub articles: usize,
    /// Named graphs of any kind.
    pub graphs: usize,
    /// Quads in the store (every graph, the default graph included).
    pub quads: usize,
    /// Triples in the default graph.
    pub default_triples: usize,
    /// Broken invariants, at most [`MAX_LISTED`].
    pub problems: Vec<Problem>,
    /// Problems found beyond the listed ones.
    pub unlisted: usize,
}

impl Report {
    /// True when no invariant is broken.
    pub fn is_consistent(&self) -> bool {
        self.problems.is_empty() && self.unlisted == 0
    }

    /// Number of problems found, listed or not.
    pub fn problem_count(&self) -> usize {
        self.problems.len() + self.unlisted
    }

    fn add(&mut self, p: Problem) {
        if self.problems.len() < MAX_LISTED {
            self.problems.push(p);
        } else {
            self.unlisted += 1;
        }
    }
}

fn store_err(store: &GraphStore, e: impl std::fmt::Display) -> Error {
    Error::Store {
        path: store.path().to_path_buf(),
        message: e.to_string().lines().next().unwrap_or("").to_string(),
    }
}

/// Where a running check is, for progress reports: a check reads every quad several times,
/// which takes minutes on a store of tens of thousands of articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Oxigraph's own index invariants (no count: Oxigraph does not report its progress).
    Indexes,
    /// Named graphs checked so far, of this many.
    Graphs {
        /// Graphs checked.
        done: usize,
        /// Graphs in the store.
        total: usize,
    },
    /// Default-graph triples checked so far (their number is not known in advance).
    DefaultGraph {
        /// Triples checked.
        done: usize,
    },
}

/// Verifies a store's invariants (see the module documentation). Problems are in the report;
/// an `Err` means the store could not be read at all.
pub fn check(store: &GraphStore) -> Result<Report> {
    check_with_progress(store, &mut |_| {})
}

/// As [`check`], telling `progress` where it is (after each graph, every thousand default-graph
/// triples, and at the start of each step).
pub fn check_with_progress(store: &GraphStore, progress: &mut dyn FnMut(Step)) -> Result<Report> {
    let inner = store.inner();
    let mut report = Report::default();
    progress(Step::Indexes);
    if let Err(e) = inner.validate() {
        report.add(Problem::Storage(e.to_string()));
    }
    let graphs: Vec<NamedOrBlankNode> = inner
        .named_graphs()
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| store_err(store, e))?;
    report.graphs = graphs.len();
    let total = graphs.len();
    for (done, g) in graphs.iter().enumerate() {
        progress(Step::Graphs { done, total });
        let name = match g {
            NamedOrBlankNode::NamedNode(n) => n.as_str().to_string(),
            NamedOrBlankNode::BlankNode(b) => b.to_string(),
        };
        let graph_name = GraphName::from(g.clone());
        let quads: Vec<Quad> = inner
            .quads_for_pattern(None, None, None, Some(graph_name.as_ref()))
            .collect::<std::result::Result<_, _>>()
            .map_err(|e| store_err(store, e))?;
        report.quads += quads.len();
        let is_article = name.starts_with(iri::ARTICLE_BASE);
        if is_article {
            report.articles += 1;
        }
        for p in graph_problems(&name, &quads, is_article) {
            report.add(p);
        }
        if matches!(g, NamedOrBlankNode::NamedNode(_)) && iri::in_default_graph(&name) {
            for q in &quads {
                let in_default = inner
                    .contains(oxigraph::model::QuadRef::new(
                        q.subject.as_ref(),
                        q.predicate.as_ref(),
                        q.object.as_ref(),
                        GraphNameRef::DefaultGraph,
                    ))
                    .map_err(|e| store_err(store, e))?;
                if !in_default {
                    report.add(Problem::MissingFromDefault {
                        graph: name.clone(),
                        triple: Triple::from(q.clone()),
                    });
                }
            }
        }
    }
    progress(Step::Graphs { done: total, total });
    progress(Step::DefaultGraph { done: 0 });
    for q in inner.quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph)) {
        let q = q.map_err(|e| store_err(store, e))?;
        report.quads += 1;
        report.default_triples += 1;
        if report.default_triples % 1000 == 0 {
            progress(Step::DefaultGraph {
                done: report.default_triples,
            });
        }
        let mut stated = false;
        for o in inner.quads_for_pattern(
            Some(q.subject.as_ref()),
            Some(q.predicate.as_ref()),
            Some(q.object.as_ref()),
            None,
        ) {
            let o = o.map_err(|e| store_err(store, e))?;
            if matches!(&o.graph_name, GraphName::NamedNode(n) if iri::in_default_graph(n.as_str()))
            {
                stated = true;
                break;
            }
        }
        if !stated {
            report.add(Problem::OrphanInDefault {
                triple: Triple::from(q),
            });
        }
    }
    Ok(report)
}

/// The problems inside one graph: reifiers, classic statements, the article node.
fn graph_problems(graph: &str, quads: &[Quad], is_article: bool) -> Vec<Problem> {
    let rdf = |local: &str| format!("{RDF}{local}");
    let (reifies, rdf_type, statement) = (rdf("reifies"), rdf("type"), rdf("Statement"));
    let (subject, predicate, object) = (rdf("subject"), rdf("predicate"), rdf("object"));
    let triples: HashSet<Triple> = quads.iter().map(|q| Triple::from(q.clone())).collect();
    let mut problems = Vec::new();
    // rdf:subject / rdf:predicate / rdf:object values per statement node.
    let mut parts: HashMap<(&NamedOrBlankNode, &str), Vec<&Term>> = HashMap::new();
    let mut statements: Vec<&NamedOrBlankNode> = Vec::new();
    let mut has_article_node = false;
    for q in quads {
        let p = q.predicate.as_str();
        if p == reifies {
            match &q.object {
                Term::Triple(t) if triples.contains(t.as_ref()) => {}
                Term::Triple(t) => problems.push(Problem::MissingReifiedTriple {
                    graph: graph.to_string(),
                    reifier: node_text(&q.subject),
                    triple: (**t).clone(),
                }),
                _ => problems.push(Problem::BadReifier {
                    graph: graph.to_string(),
                    reifier: node_text(&q.subject),
                }),
            }
        } else if p == rdf_type {
            if matches!(&q.object, Term::NamedNode(o) if o.as_str() == statement) {
                statements.push(&q.subject);
            }
            if is_article
                && matches!(&q.subject, NamedOrBlankNode::NamedNode(s) if s.as_str() == graph)
                && matches!(&q.object, Term::NamedNode(o)
                    if o.as_str().strip_prefix(SCHEMA) == Some("NewsArticle"))
            {
                has_article_node = true;
            }
        } else if p == subject || p == predicate || p == object {
            parts.entry((&q.subject, p)).or_default().push(&q.object);
        }
    }
    for s in statements {
        let one = |p: &str| match parts.get(&(s, p)).map(Vec::as_slice) {
            Some([t]) => Some(*t),
            _ => None,
        };
        let triple = match (one(&subject), one(&predicate), one(&object)) {
            (Some(sub), Some(Term::NamedNode(pred)), Some(obj)) => match sub {
                Term::NamedNode(n) => Some(Triple::new(n.clone(), pred.clone(), obj.clone())),
                Term::BlankNode(b) => Some(Triple::new(b.clone(), pred.clone(), obj.clone())),
                _ => None,
            },
            _ => None,
        };
        match triple {
            Some(t) if triples.contains(&t) => {}
            Some(t) => problems.push(Problem::MissingStatementTriple {
                graph: graph.to_string(),
                statement: node_text(s),
                triple: t,
            }),
            None => problems.push(Problem::IncompleteStatement {
                graph: graph.to_string(),
                statement: node_text(s),
            }),
        }
    }
    if is_article && !has_article_node {
        problems.push(Problem::MissingArticleNode {
            graph: graph.to_string(),
        });
    }
    problems
}

fn node_text(n: &NamedOrBlankNode) -> String {
    match n {
        NamedOrBlankNode::NamedNode(n) => n.as_str().to_string(),
        NamedOrBlankNode::BlankNode(b) => b.to_string(),
    }
}

/// Makes the default graph the set union of the graphs [`iri::in_default_graph`] names again,
/// inside a transaction: adds what is missing, removes what no such graph states. Returns
/// (added, removed). Reads the whole store, so it is meant for rare writes (a SPARQL update
/// through `serve --allow-update`), not for ingest, which keeps the union incrementally.
pub fn rebuild_default_graph(t: &mut Transaction<'_>) -> Result<(usize, usize)> {
    let err = |e: oxigraph::store::StorageError| Error::Store {
        path: std::path::PathBuf::new(),
        message: e.to_string(),
    };
    let mut union: HashSet<Triple> = HashSet::new();
    let graphs: Vec<NamedOrBlankNode> = t
        .named_graphs()
        .collect::<std::result::Result<_, _>>()
        .map_err(err)?;
    for g in graphs {
        let NamedOrBlankNode::NamedNode(n) = &g else {
            continue;
        };
        if !iri::in_default_graph(n.as_str()) {
            continue;
        }
        for q in t.quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(n.as_ref()))) {
            union.insert(Triple::from(q.map_err(err)?));
        }
    }
    let current: HashSet<Triple> = t
        .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
        .map(|q| q.map(Triple::from))
        .collect::<std::result::Result<_, _>>()
        .map_err(err)?;
    let mut added = 0;
    for triple in union.difference(&current) {
        t.insert(triple.as_ref().in_graph(GraphNameRef::DefaultGraph));
        added += 1;
    }
    let mut removed = 0;
    for triple in current.difference(&union) {
        t.remove(triple.as_ref().in_graph(GraphNameRef::DefaultGraph));
        removed += 1;
    }
    Ok((added, removed))
}
