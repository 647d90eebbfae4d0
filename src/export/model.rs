//! The export view: the part of the store a picture or graph file shows, as a petgraph graph of
//! entities (nodes) and relation edges merged across articles, loaded with SPARQL.
//!
//! An edge of the view is one `(subject, relation, object)` statement, however many articles make
//! it; its weight is the number of distinct articles that do, and it keeps every evidence
//! sentence with the article it came from. Nodes and edges are sorted (nodes by IRI, edges by
//! source IRI, relation, target IRI) so that the same store always gives the same view — and the
//! same bytes in every format.
//!
//! Filters apply in this order: `article` (which article graphs are read), `types` (which nodes
//! are kept; edges need both ends kept), `min_weight` (which edges are kept), then
//! `entity`/`depth` (the neighbourhood, in what is left, of the entities the name matches).
//! With `min_weight`, nodes left without any edge are dropped too.

use crate::error::{Error, Result};
use crate::graph::{NodeKind, Relation};
use crate::query::{run, Answer};
use crate::rdf::{iri, vocab, GraphStore};
use oxigraph::model::{GraphNameRef, NamedNode, NamedOrBlankNode, Quad, Term};
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use serde::{Serialize, Serializer};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};

/// What to put in a view. The default is everything in the store.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Only what this article's graph says: an article id (`05-nato-japan`), `article:ID` or the
    /// article's IRI.
    pub article: Option<String>,
    /// Only nodes of these kinds (empty: all kinds).
    pub types: Vec<NodeKind>,
    /// Only edges supported by at least this many articles, and the nodes they join.
    pub min_weight: Option<usize>,
    /// The neighbourhood of this entity: a name matched against labels and alternative labels
    /// (case and diacritics ignored), an IRI, or a prefixed IRI (`person:jens-stoltenberg`).
    pub entity: Option<String>,
    /// How many hops from `entity` the neighbourhood reaches (0: the matched entities alone).
    pub depth: usize,
    /// Also keep the RDF statements behind the view (needed by the RDF formats).
    pub with_rdf: bool,
}

/// A string with its language tag.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct LangString {
    /// The text.
    pub value: String,
    /// The BCP 47 language tag (empty when the literal has none).
    pub lang: String,
}

/// An entity of the view.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ViewNode {
    /// The entity IRI.
    #[serde(rename = "id")]
    pub iri: String,
    /// Its kind (person, state, alliance, organisation, place).
    pub kind: NodeKind,
    /// Its canonical name (`rdfs:label`).
    pub label: String,
    /// Its other names (`skos:altLabel`), sorted.
    pub alt_labels: Vec<LangString>,
    /// Its Wikidata id (`Q…`), from `owl:sameAs wd:Q…`.
    pub qid: Option<String>,
    /// The number of articles that mention it.
    pub articles: usize,
    /// The IRIs of those articles, sorted.
    pub mentioned_in: Vec<String>,
}

/// One evidence sentence of an edge.
#[derive(Debug, Clone, PartialEq, PartialOrd, Serialize)]
pub struct Evidence {
    /// The article IRI (the named graph the statement was read from).
    pub article: String,
    /// The sentence (`ng:evidence`).
    pub sentence: String,
    /// Code-point offset of the sentence in the article (`ng:start`).
    pub start: Option<u64>,
    /// The extraction rule (`ng:rule`).
    pub rule: Option<String>,
    /// The confidence, 0–1 (`ng:confidence`).
    pub confidence: Option<f64>,
    /// The date the text gives the relation (`ng:date`).
    pub date: Option<String>,
    /// The CAMEO event code (`ng:cameo`).
    pub cameo: Option<String>,
    /// True when the article gives the office as a former one (`ng:former`: `aliyekuwa Rais`,
    /// `Hayati`); left out of JSON when false.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub former: bool,
}

/// A relation edge of the view: one statement, merged over the articles that make it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ViewEdge {
    /// The relation (`ng:` predicate).
    #[serde(serialize_with = "relation_name")]
    pub relation: Relation,
    /// Whether the relation is symmetric (`metWith`, `cooperatesWith`, `signedAgreementWith`).
    pub symmetric: bool,
    /// The number of distinct articles stating the edge.
    pub weight: usize,
    /// Those articles' IRIs, sorted.
    pub stated_in: Vec<String>,
    /// Titles of the office, for `holdsPositionIn` (`ng:title`), sorted.
    pub titles: Vec<LangString>,
    /// Evidence sentences, sorted by article and position.
    pub evidence: Vec<Evidence>,
}

fn relation_name<S: Serializer>(r: &Relation, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(r.name())
}

/// An article that contributes to the view.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ArticleInfo {
    /// The article IRI.
    #[serde(rename = "id")]
    pub iri: String,
    /// Its headline.
    pub headline: Option<String>,
    /// Its publication date.
    pub date: Option<String>,
    /// Its language code.
    pub lang: Option<String>,
}

/// The export view: entities and merged relation edges, sorted.
#[derive(Debug, Clone, Default)]
pub struct View {
    graph: DiGraph<ViewNode, ViewEdge>,
    articles: Vec<ArticleInfo>,
    seeds: Vec<String>,
    quads: Option<Vec<Quad>>,
}

/// Matching form of a name: folded (lowercase, no diacritics) with whitespace collapsed.
fn name_key(s: &str) -> String {
    crate::text::fold(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn kind_of_class(class: &str) -> Option<NodeKind> {
    Some(match class.strip_prefix(vocab::SCHEMA) {
        Some("Person") => NodeKind::Person,
        Some("Country") => NodeKind::State,
        Some("Organization") => NodeKind::Organisation,
        Some("Place") => NodeKind::Place,
        _ if class == format!("{}Alliance", vocab::NG) => NodeKind::Alliance,
        _ => return None,
    })
}

/// The kind an untyped entity IRI suggests (`…/id/person/…`), for edge ends the scope does not
/// describe.
fn kind_of_iri(iri: &str) -> NodeKind {
    let path = iri.strip_prefix(iri::ENTITY_BASE).unwrap_or("");
    match path.split('/').next() {
        Some("person") => NodeKind::Person,
        Some("state") => NodeKind::State,
        Some("alliance") => NodeKind::Alliance,
        Some("place") => NodeKind::Place,
        _ => NodeKind::Organisation,
    }
}

/// A readable fallback label: the IRI's last segment, hyphens as spaces.
fn label_of_iri(iri: &str) -> String {
    iri.rsplit(['/', '#'])
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or(iri)
        .replace('-', " ")
}

fn term_str(t: &Option<Term>) -> Option<&str> {
    match t {
        Some(Term::NamedNode(n)) => Some(n.as_str()),
        Some(Term::Literal(l)) => Some(l.value()),
        _ => None,
    }
}

fn term_lang(t: &Option<Term>) -> Option<LangString> {
    match t {
        Some(Term::Literal(l)) => Some(LangString {
            value: l.value().to_string(),
            lang: l.language().unwrap_or("").to_string(),
        }),
        _ => None,
    }
}

/// Runs a SELECT in the scope (the variable `?g` bound to the article when there is one) and
/// returns its rows. `q` must end with the closing brace of its WHERE clause: a filter keeping
/// `?g` to article graphs is added there, so that other named graphs (the lexicon's background
/// facts) stay out of the view, as they stay out of the store's default graph.
fn select(
    store: &GraphStore,
    scope: &Option<NamedNode>,
    q: &str,
) -> Result<Vec<Vec<Option<Term>>>> {
    let body = q.trim_end().strip_suffix('}').unwrap_or(q);
    let q = format!(
        "{body} FILTER(STRSTARTS(STR(?g), \"{}\")) }}",
        iri::ARTICLE_BASE
    );
    let q = q.as_str();
    let params: Vec<(String, Term)> = scope
        .iter()
        .map(|g| ("g".to_string(), Term::from(g.clone())))
        .collect();
    match run(store, q, &params)? {
        Answer::Solutions { rows, .. } => Ok(rows),
        _ => Err(Error::QueryEval("expected solutions".into())),
    }
}

/// The article graph a `--article` value names.
fn article_iri(store: &GraphStore, article: &str) -> Result<NamedNode> {
    let a = article.trim();
    let iri = if a.starts_with("http://") || a.starts_with("https://") {
        a.to_string()
    } else if let Some(id) = a.strip_prefix("article:") {
        format!("{}{id}", iri::ARTICLE_BASE)
    } else {
        iri::article(&crate::input::safe_id(a))
    };
    let node = NamedNode::new(&iri)
        .map_err(|e| Error::BadInput(format!("--article {article:?}: not an IRI ({e})")))?;
    if !iri.starts_with(iri::ARTICLE_BASE) {
        return Err(Error::BadInput(format!(
            "--article {article:?}: not an article IRI (they start with {})",
            iri::ARTICLE_BASE
        )));
    }
    if !store.has_graph(node.as_ref())? {
        return Err(Error::BadInput(format!(
            "--article {article:?}: no article <{iri}> in the store"
        )));
    }
    Ok(node)
}

/// An edge being gathered: the graphs stating it, its titles and evidence.
#[derive(Default)]
struct EdgeAcc {
    graphs: BTreeSet<String>,
    titles: BTreeSet<LangString>,
    evidence: Vec<Evidence>,
}

/// A node being gathered.
#[derive(Default)]
struct NodeAcc {
    kinds: BTreeSet<NodeKind>,
    /// label → graphs stating it
    labels: BTreeMap<LangString, usize>,
    alt: BTreeSet<LangString>,
    qids: BTreeSet<String>,
    graphs: BTreeSet<String>,
}

type Key = (String, Relation, String);

impl View {
    /// Loads a view from the store.
    pub fn load(store: &GraphStore, sel: &Selection) -> Result<View> {
        let scope = sel
            .article
            .as_deref()
            .map(|a| article_iri(store, a))
            .transpose()?;

        let mut articles: BTreeMap<String, ArticleInfo> = BTreeMap::new();
        for r in select(
            store,
            &scope,
            "SELECT ?g ?headline ?date ?lang WHERE { GRAPH ?g { ?g a schema:NewsArticle
               OPTIONAL { ?g schema:headline ?headline } OPTIONAL { ?g schema:datePublished ?date }
               OPTIONAL { ?g schema:inLanguage ?lang } } }",
        )? {
            let Some(g) = term_str(&r[0]) else { continue };
            let a = articles
                .entry(g.to_string())
                .or_insert_with(|| ArticleInfo {
                    iri: g.to_string(),
                    headline: None,
                    date: None,
                    lang: None,
                });
            // Several values (should not happen) resolve to the smallest, for determinism.
            let pick = |old: &mut Option<String>, new: Option<&str>| {
                if let Some(n) = new {
                    if old.as_deref().is_none_or(|o| n < o) {
                        *old = Some(n.to_string());
                    }
                }
            };
            pick(&mut a.headline, term_str(&r[1]));
            pick(&mut a.date, term_str(&r[2]));
            pick(&mut a.lang, term_str(&r[3]));
        }

        let mut nodes: BTreeMap<String, NodeAcc> = BTreeMap::new();
        for r in select(
            store,
            &scope,
            "SELECT ?g ?e ?class WHERE { GRAPH ?g { ?e a ?class
               VALUES ?class { schema:Person schema:Country ng:Alliance schema:Organization schema:Place } } }",
        )? {
            let (Some(g), Some(e), Some(c)) = (term_str(&r[0]), term_str(&r[1]), term_str(&r[2]))
            else {
                continue;
            };
            if let Some(k) = kind_of_class(c) {
                let n = nodes.entry(e.to_string()).or_default();
                n.kinds.insert(k);
                n.graphs.insert(g.to_string());
            }
        }
        for r in select(
            store,
            &scope,
            "SELECT ?g ?e WHERE { GRAPH ?g { ?g schema:mentions ?e } }",
        )? {
            if let (Some(g), Some(e)) = (term_str(&r[0]), term_str(&r[1])) {
                if let Some(n) = nodes.get_mut(e) {
                    n.graphs.insert(g.to_string());
                }
            }
        }
        for r in select(
            store,
            &scope,
            "SELECT ?g ?e ?p ?v WHERE { GRAPH ?g { ?e ?p ?v
               VALUES ?p { rdfs:label skos:altLabel owl:sameAs } } }",
        )? {
            let (Some(e), Some(p)) = (term_str(&r[1]), term_str(&r[2])) else {
                continue;
            };
            let Some(n) = nodes.get_mut(e) else { continue };
            match p.rsplit(['#', '/']).next() {
                Some("label") => {
                    if let Some(l) = term_lang(&r[3]) {
                        *n.labels.entry(l).or_default() += 1;
                    }
                }
                Some("altLabel") => {
                    if let Some(l) = term_lang(&r[3]) {
                        n.alt.insert(l);
                    }
                }
                _ => {
                    if let Some(q) = term_str(&r[3]).and_then(|w| w.strip_prefix(vocab::WD)) {
                        n.qids.insert(q.to_string());
                    }
                }
            }
        }

        let relations: String = Relation::ALL
            .iter()
            .map(|r| format!("ng:{} ", r.name()))
            .collect();
        let mut edges: BTreeMap<Key, EdgeAcc> = BTreeMap::new();
        for r in select(
            store,
            &scope,
            &format!("SELECT ?g ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o VALUES ?p {{ {relations} }} }} }}"),
        )? {
            let Some(key) = edge_key(&r[1], &r[2], &r[3]) else {
                continue;
            };
            if let Some(g) = term_str(&r[0]) {
                edges.entry(key).or_default().graphs.insert(g.to_string());
            }
        }

        // Reifiers, RDF 1.2 or classic, by (graph, reifier IRI).
        let mut reified: HashMap<(String, String), Key> = HashMap::new();
        for r in select(
            store,
            &scope,
            "SELECT ?g ?r ?s ?p ?o WHERE { GRAPH ?g {
               { ?r rdf:reifies <<( ?s ?p ?o )>> } UNION { ?r rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o } } }",
        )? {
            let (Some(g), Some(rf), Some(key)) = (
                term_str(&r[0]),
                term_str(&r[1]),
                edge_key(&r[2], &r[3], &r[4]),
            ) else {
                continue;
            };
            if edges.contains_key(&key) {
                reified.insert((g.to_string(), rf.to_string()), key);
            }
        }
        let mut annotations: BTreeMap<(String, String), Evidence> = BTreeMap::new();
        for r in select(
            store,
            &scope,
            "SELECT ?g ?r ?k ?v WHERE { GRAPH ?g { ?r ?k ?v
               VALUES ?k { ng:evidence ng:start ng:rule ng:confidence ng:date ng:cameo ng:title ng:former } } }",
        )? {
            let (Some(g), Some(rf), Some(k)) = (term_str(&r[0]), term_str(&r[1]), term_str(&r[2]))
            else {
                continue;
            };
            let id = (g.to_string(), rf.to_string());
            let Some(key) = reified.get(&id) else { continue };
            let v = term_str(&r[3]).map(str::to_string);
            let local = k.strip_prefix(vocab::NG).unwrap_or("");
            if local == "title" {
                if let (Some(t), Some(e)) = (term_lang(&r[3]), edges.get_mut(key)) {
                    e.titles.insert(t);
                }
                continue;
            }
            let ev = annotations.entry(id).or_insert_with(|| Evidence {
                article: g.to_string(),
                sentence: String::new(),
                start: None,
                rule: None,
                confidence: None,
                date: None,
                cameo: None,
                former: false,
            });
            match local {
                "evidence" => ev.sentence = v.unwrap_or_default(),
                "start" => ev.start = v.and_then(|s| s.parse().ok()),
                "rule" => ev.rule = v,
                "confidence" => ev.confidence = v.and_then(|s| s.parse().ok()),
                "date" => ev.date = v,
                "former" => ev.former = v.as_deref() == Some("true"),
                _ => ev.cameo = v,
            }
        }
        for (id, ev) in annotations {
            if let Some(e) = reified.get(&id).and_then(|k| edges.get_mut(k)) {
                e.evidence.push(ev);
            }
        }

        // Edge ends the scope does not describe still become nodes, named after their IRI.
        for (s, _, o) in edges.keys() {
            for end in [s, o] {
                nodes.entry(end.clone()).or_default();
            }
        }

        let all_nodes: BTreeMap<String, ViewNode> = nodes
            .into_iter()
            .map(|(iri, acc)| {
                let node = finish_node(&iri, acc);
                (iri, node)
            })
            .collect();
        let all_edges: BTreeMap<Key, ViewEdge> = edges
            .into_iter()
            .map(|(k, acc)| (k.clone(), finish_edge(k.1, acc)))
            .collect();

        let mut view = select_view(all_nodes, all_edges, sel)?;
        let used: BTreeSet<&str> = view
            .graph
            .node_weights()
            .flat_map(|n| n.mentioned_in.iter().map(String::as_str))
            .chain(
                view.graph
                    .edge_weights()
                    .flat_map(|e| e.stated_in.iter().map(String::as_str)),
            )
            .collect();
        view.articles = articles
            .into_values()
            .filter(|a| used.contains(a.iri.as_str()))
            .collect();
        if sel.with_rdf {
            let narrowed =
                !sel.types.is_empty() || sel.min_weight.is_some() || sel.entity.is_some();
            view.quads = Some(view.rdf_quads(store, scope.as_ref(), &reified, narrowed)?);
        }
        Ok(view)
    }

    /// Builds a view from nodes and edges given as `(source IRI, target IRI, edge)` — for
    /// generated graphs (benches, tests). Nodes and edges are sorted; edges whose ends are not
    /// among the nodes are dropped.
    pub fn from_parts(nodes: Vec<ViewNode>, edges: Vec<(String, String, ViewEdge)>) -> View {
        let mut nodes = nodes;
        nodes.sort_by(|a, b| a.iri.cmp(&b.iri));
        nodes.dedup_by(|a, b| a.iri == b.iri);
        let mut edges = edges;
        edges.sort_by(|a, b| (&a.0, a.2.relation, &a.1).cmp(&(&b.0, b.2.relation, &b.1)));
        let mut graph = DiGraph::new();
        let mut index = HashMap::new();
        for n in nodes {
            let iri = n.iri.clone();
            index.insert(iri, graph.add_node(n));
        }
        for (s, t, e) in edges {
            if let (Some(&a), Some(&b)) = (index.get(&s), index.get(&t)) {
                graph.add_edge(a, b, e);
            }
        }
        View {
            graph,
            ..View::default()
        }
    }

    /// The petgraph graph: node indices follow IRI order, edge indices (source, relation,
    /// target) order.
    pub fn graph(&self) -> &DiGraph<ViewNode, ViewEdge> {
        &self.graph
    }

    /// The nodes in order.
    pub fn nodes(&self) -> impl Iterator<Item = (NodeIndex, &ViewNode)> {
        self.graph.node_indices().map(move |i| (i, &self.graph[i]))
    }

    /// The edges in order, with their source and target.
    pub fn edges(&self) -> impl Iterator<Item = (EdgeIndex, NodeIndex, NodeIndex, &ViewEdge)> {
        self.graph
            .edge_references()
            .map(|e| (e.id(), e.source(), e.target(), e.weight()))
    }

    /// The articles that mention a node or state an edge of the view, sorted by IRI.
    pub fn articles(&self) -> &[ArticleInfo] {
        &self.articles
    }

    /// The IRIs of the entities `Selection::entity` matched (empty without one).
    pub fn seeds(&self) -> &[String] {
        &self.seeds
    }

    /// The RDF statements behind the view, sorted (only when loaded with
    /// `Selection::with_rdf`).
    pub fn quads(&self) -> Option<&[Quad]> {
        self.quads.as_deref()
    }

    /// The quads of the scope's article graphs (not the background facts). Unnarrowed, all of
    /// them; narrowed by type,
    /// weight or entity, only those about the view: descriptions of its nodes, its edges with
    /// their reifiers, and the articles that support them (their mentions cut to view nodes).
    fn rdf_quads(
        &self,
        store: &GraphStore,
        scope: Option<&NamedNode>,
        reified: &HashMap<(String, String), Key>,
        narrowed: bool,
    ) -> Result<Vec<Quad>> {
        let graphs: Vec<NamedNode> = match scope {
            Some(g) => vec![g.clone()],
            None => self.articles_in_store(store)?,
        };
        let node_iris: HashSet<&str> = self.graph.node_weights().map(|n| n.iri.as_str()).collect();
        let edge_keys: HashSet<(&str, &str, &str)> = self
            .edges()
            .map(|(_, s, t, e)| {
                (
                    self.graph[s].iri.as_str(),
                    e.relation.name(),
                    self.graph[t].iri.as_str(),
                )
            })
            .collect();
        let article_iris: HashSet<&str> = self.articles.iter().map(|a| a.iri.as_str()).collect();
        let is_relation = |p: &str| {
            p.strip_prefix(vocab::NG)
                .and_then(Relation::from_name)
                .is_some()
        };
        let mentions = format!("{}mentions", vocab::SCHEMA);
        let mut out = Vec::new();
        for g in &graphs {
            for q in store.inner().quads_for_pattern(
                None,
                None,
                None,
                Some(GraphNameRef::NamedNode(g.as_ref())),
            ) {
                let q = q.map_err(|e| Error::Store {
                    path: store.path().to_path_buf(),
                    message: e.to_string(),
                })?;
                if !narrowed {
                    out.push(q);
                    continue;
                }
                let NamedOrBlankNode::NamedNode(s) = &q.subject else {
                    continue;
                };
                let (s, p) = (s.as_str(), q.predicate.as_str());
                let o = match &q.object {
                    Term::NamedNode(n) => Some(n.as_str()),
                    _ => None,
                };
                let keep = if is_relation(p) {
                    let rel = p.strip_prefix(vocab::NG).unwrap_or("");
                    o.is_some_and(|o| edge_keys.contains(&(s, rel, o)))
                } else if node_iris.contains(s) {
                    true
                } else if let Some((es, er, eo)) =
                    reified.get(&(g.as_str().to_string(), s.to_string()))
                {
                    edge_keys.contains(&(es.as_str(), er.name(), eo.as_str()))
                } else if article_iris.contains(s) {
                    p != mentions || o.is_some_and(|o| node_iris.contains(o))
                } else {
                    false
                };
                if keep {
                    out.push(q);
                }
            }
        }
        crate::rdf::build::sort_dedup(&mut out);
        Ok(out)
    }

    fn articles_in_store(&self, store: &GraphStore) -> Result<Vec<NamedNode>> {
        let mut graphs = Vec::new();
        for g in store.inner().named_graphs() {
            let g = g.map_err(|e| Error::Store {
                path: store.path().to_path_buf(),
                message: e.to_string(),
            })?;
            match g {
                NamedOrBlankNode::NamedNode(n) if n.as_str().starts_with(iri::ARTICLE_BASE) => {
                    graphs.push(n)
                }
                _ => {}
            }
        }
        graphs.sort();
        Ok(graphs)
    }
}

fn edge_key(s: &Option<Term>, p: &Option<Term>, o: &Option<Term>) -> Option<Key> {
    let (Some(Term::NamedNode(s)), Some(Term::NamedNode(p)), Some(Term::NamedNode(o))) = (s, p, o)
    else {
        return None;
    };
    let rel = Relation::from_name(p.as_str().strip_prefix(vocab::NG)?)?;
    Some((s.as_str().to_string(), rel, o.as_str().to_string()))
}

fn finish_node(iri: &str, acc: NodeAcc) -> ViewNode {
    // Kinds in precedence order: an entity typed both ng:Alliance and schema:Organization is an
    // alliance.
    let kind = acc
        .kinds
        .first()
        .copied()
        .unwrap_or_else(|| kind_of_iri(iri));
    // One rdfs:label is the contract; should articles disagree, the label most of them give wins
    // (then the longest, then the first in order), and the others become alternative labels.
    let best = acc
        .labels
        .iter()
        .max_by(|(a, na), (b, nb)| {
            na.cmp(nb)
                .then(a.value.chars().count().cmp(&b.value.chars().count()))
                .then(b.cmp(a))
        })
        .map(|(l, _)| l.clone());
    let mut alt = acc.alt;
    for l in acc.labels.keys() {
        if Some(l) != best.as_ref() {
            alt.insert(l.clone());
        }
    }
    let label = best.map_or_else(|| label_of_iri(iri), |l| l.value);
    ViewNode {
        iri: iri.to_string(),
        kind,
        label,
        alt_labels: alt.into_iter().collect(),
        qid: acc.qids.into_iter().next(),
        articles: acc.graphs.len(),
        mentioned_in: acc.graphs.into_iter().collect(),
    }
}

fn finish_edge(relation: Relation, acc: EdgeAcc) -> ViewEdge {
    let mut evidence = acc.evidence;
    evidence.sort_by(|a, b| {
        (&a.article, a.start, &a.sentence, &a.rule).cmp(&(
            &b.article,
            b.start,
            &b.sentence,
            &b.rule,
        ))
    });
    evidence.dedup();
    ViewEdge {
        relation,
        symmetric: relation.is_symmetric(),
        weight: acc.graphs.len(),
        stated_in: acc.graphs.into_iter().collect(),
        titles: acc.titles.into_iter().collect(),
        evidence,
    }
}

fn kind_name(k: NodeKind) -> &'static str {
    match k {
        NodeKind::Person => "a person",
        NodeKind::State => "a state",
        NodeKind::Alliance => "an alliance",
        NodeKind::Organisation => "an organisation",
        NodeKind::Place => "a place",
    }
}

/// The entities a `--entity` value names: an IRI (full, `<…>` or prefixed) or a name. Exact
/// label matches win over alternative-label matches, so `Kenya` is the state, not every entity
/// once called that.
fn find_entities(nodes: &BTreeMap<String, ViewNode>, name: &str) -> Vec<String> {
    if let Term::NamedNode(n) = crate::query::param_term(name) {
        if nodes.contains_key(n.as_str()) {
            return vec![n.as_str().to_string()];
        }
    }
    let key = name_key(name);
    let by_label: Vec<String> = nodes
        .values()
        .filter(|n| name_key(&n.label) == key)
        .map(|n| n.iri.clone())
        .collect();
    if !by_label.is_empty() {
        return by_label;
    }
    nodes
        .values()
        .filter(|n| n.alt_labels.iter().any(|l| name_key(&l.value) == key))
        .map(|n| n.iri.clone())
        .collect()
}

/// Applies the filters (type, weight, neighbourhood) and builds the sorted graph.
fn select_view(
    nodes: BTreeMap<String, ViewNode>,
    edges: BTreeMap<Key, ViewEdge>,
    sel: &Selection,
) -> Result<View> {
    let type_ok = |k: NodeKind| sel.types.is_empty() || sel.types.contains(&k);
    let seeds = match &sel.entity {
        None => Vec::new(),
        Some(name) => {
            let found = find_entities(&nodes, name);
            if found.is_empty() {
                return Err(Error::BadInput(format!(
                    "--entity {name:?}: no entity with that name or IRI{}",
                    if sel.article.is_some() {
                        " in this article"
                    } else {
                        ""
                    }
                )));
            }
            let kept: Vec<String> = found
                .iter()
                .filter(|iri| nodes.get(*iri).is_some_and(|n| type_ok(n.kind)))
                .cloned()
                .collect();
            if kept.is_empty() {
                let kind = nodes
                    .get(&found[0])
                    .map_or("an entity", |n| kind_name(n.kind));
                return Err(Error::BadInput(format!(
                    "--entity {name:?} is {kind}, which --type leaves out"
                )));
            }
            kept
        }
    };
    let mut keep: BTreeSet<&str> = nodes
        .values()
        .filter(|n| type_ok(n.kind))
        .map(|n| n.iri.as_str())
        .collect();
    let kept_edges: Vec<(&Key, &ViewEdge)> = edges
        .iter()
        .filter(|((s, _, o), e)| {
            keep.contains(s.as_str())
                && keep.contains(o.as_str())
                && sel.min_weight.is_none_or(|w| e.weight >= w)
        })
        .collect();
    if !seeds.is_empty() {
        // Breadth-first over edges in both directions: the ego network is the subgraph
        // induced by the entities within `depth` hops.
        let mut adjacent: HashMap<&str, Vec<&str>> = HashMap::new();
        for ((s, _, o), _) in &kept_edges {
            adjacent.entry(s).or_default().push(o);
            adjacent.entry(o).or_default().push(s);
        }
        let mut reached: BTreeSet<&str> = seeds.iter().map(String::as_str).collect();
        let mut queue: VecDeque<(&str, usize)> = seeds.iter().map(|s| (s.as_str(), 0)).collect();
        while let Some((n, d)) = queue.pop_front() {
            if d >= sel.depth {
                continue;
            }
            for &m in adjacent.get(n).map(Vec::as_slice).unwrap_or(&[]) {
                if reached.insert(m) {
                    queue.push_back((m, d + 1));
                }
            }
        }
        keep = reached;
    }
    let kept_edges: Vec<(&Key, &ViewEdge)> = kept_edges
        .into_iter()
        .filter(|((s, _, o), _)| keep.contains(s.as_str()) && keep.contains(o.as_str()))
        .collect();
    if sel.min_weight.is_some() {
        let mut joined: BTreeSet<&str> = seeds.iter().map(String::as_str).collect();
        for ((s, _, o), _) in &kept_edges {
            joined.insert(s);
            joined.insert(o);
        }
        keep.retain(|n| joined.contains(n));
    }
    let view_nodes: Vec<ViewNode> = keep
        .iter()
        .filter_map(|iri| nodes.get(*iri).cloned())
        .collect();
    let view_edges: Vec<(String, String, ViewEdge)> = kept_edges
        .into_iter()
        .map(|((s, _, o), e)| (s.clone(), o.clone(), e.clone()))
        .collect();
    let mut view = View::from_parts(view_nodes, view_edges);
    view.seeds = seeds;
    Ok(view)
}
