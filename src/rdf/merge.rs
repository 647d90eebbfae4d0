//! Merging article graphs: one node per real person across articles.
//!
//! `extract` writes each article on its own — a person is named as that article names them
//! (`…/person/ruto`). Merging (in the store on every `ingest` and `remove`, and in `merge` over
//! dumps) reads the people back from the article graphs — their names (`skos:altLabel`) and
//! the states of their offices (`ng:holdsPositionIn`) — groups them with
//! [`crate::resolve::people::cluster`], and rewrites each article graph to the merged person's
//! IRI and label. Every step depends only on the set of article graphs, so merging dumps made
//! on several machines gives the same graph as one `ingest` of all the articles.

use super::iri;
use super::vocab::{NG, RDF, RDFS, SCHEMA, SKOS};
use crate::resolve::people::{cluster, name_words, Clustering, NameRecord};
use crate::resolve::EntityKey;
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term, Triple};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One person of one article graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonInGraph {
    /// The article graph.
    pub graph: NamedNode,
    /// The person's IRI in that graph.
    pub person: NamedNode,
    /// The names the article uses and the states of the offices it gives.
    pub record: NameRecord,
}

/// The `ng:nameToken` predicate of the entities index: a merged person and each word of
/// their names, so that a new article finds the people it may be about without a scan.
pub(crate) fn name_token() -> NamedNode {
    NamedNode::new_unchecked(format!("{NG}nameToken"))
}

/// The `ng:nameRecord` predicate of the entities index: a merged person and, counted, each
/// distinct way the articles name them (names and office states), so that merging reads a few
/// records per person instead of every article that mentions them.
pub(crate) fn name_record() -> NamedNode {
    NamedNode::new_unchecked(format!("{NG}nameRecord"))
}

const SEP: char = '\u{1f}';

/// A counted record as an index literal: `count␟states␟name␟name…`.
pub(crate) fn encode_record(record: &NameRecord, count: usize) -> String {
    let states: Vec<&str> = record.states.iter().map(String::as_str).collect();
    let mut out = format!("{count}{SEP}{}", states.join(","));
    for n in &record.names {
        out.push(SEP);
        out.push_str(n);
    }
    out
}

/// Reads an index literal back (None when it is not one).
pub(crate) fn decode_record(s: &str) -> Option<(NameRecord, usize)> {
    let mut parts = s.split(SEP);
    let count = parts.next()?.parse().ok()?;
    let states = parts
        .next()?
        .split(',')
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect();
    let names: Vec<String> = parts.map(str::to_string).collect();
    Some((NameRecord { names, states }, count))
}

fn p(ns: &str, local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{ns}{local}"))
}

/// The state code of a state IRI (`…/id/state/KE` → `KE`).
pub(crate) fn state_code(o: &Term) -> Option<String> {
    let Term::NamedNode(n) = o else { return None };
    n.as_str()
        .strip_prefix(iri::ENTITY_BASE)
        .and_then(|r| r.strip_prefix("state/"))
        .map(str::to_string)
}

/// The people of the article graphs among `quads`, each with their names and office states.
pub fn people_in(quads: &[Quad]) -> Vec<PersonInGraph> {
    let (ty, person_class) = (p(RDF, "type"), p(SCHEMA, "Person"));
    let (alt, label, holds) = (
        p(SKOS, "altLabel"),
        p(RDFS, "label"),
        p(NG, "holdsPositionIn"),
    );
    // (graph, person) → (graph, person, record, labels)
    type Found = (NamedNode, NamedNode, NameRecord, Vec<String>);
    let mut people: BTreeMap<(String, String), Found> = BTreeMap::new();
    let key = |q: &Quad| -> Option<(NamedNode, NamedNode)> {
        match (&q.graph_name, &q.subject) {
            (GraphName::NamedNode(g), NamedOrBlankNode::NamedNode(s))
                if g.as_str().starts_with(iri::ARTICLE_BASE) =>
            {
                Some((g.clone(), s.clone()))
            }
            _ => None,
        }
    };
    for q in quads {
        if q.predicate == ty && q.object == Term::NamedNode(person_class.clone()) {
            if let Some((g, s)) = key(q) {
                people
                    .entry((g.as_str().to_string(), s.as_str().to_string()))
                    .or_insert_with(|| (g, s, NameRecord::default_record(), Vec::new()));
            }
        }
    }
    for q in quads {
        let Some((g, s)) = key(q) else { continue };
        let Some(entry) = people.get_mut(&(g.as_str().to_string(), s.as_str().to_string())) else {
            continue;
        };
        if q.predicate == alt {
            if let Term::Literal(l) = &q.object {
                if !entry.2.names.iter().any(|n| n == l.value()) {
                    entry.2.names.push(l.value().to_string());
                }
            }
        } else if q.predicate == label {
            if let Term::Literal(l) = &q.object {
                entry.3.push(l.value().to_string());
            }
        } else if q.predicate == holds {
            if let Some(code) = state_code(&q.object) {
                entry.2.states.insert(code);
            }
        }
    }
    people
        .into_values()
        .map(|(graph, person, mut record, labels)| {
            // Graphs written before names were kept as alternative labels: the label is the name.
            if record.names.is_empty() {
                record.names = labels;
            }
            record.names.sort();
            PersonInGraph {
                graph,
                person,
                record,
            }
        })
        .collect()
}

impl NameRecord {
    fn default_record() -> NameRecord {
        NameRecord {
            names: Vec::new(),
            states: BTreeSet::new(),
        }
    }
}

/// Where each person of each graph goes: graph → (old IRI → (new IRI, label)).
pub type PersonMap = HashMap<NamedNode, HashMap<NamedNode, (NamedNode, String)>>;

/// Clusters the people and says, per graph, what each person becomes.
pub fn plan(people: &[PersonInGraph]) -> (Clustering, PersonMap) {
    let records: Vec<NameRecord> = people.iter().map(|x| x.record.clone()).collect();
    let c = cluster(&records);
    let mut map: PersonMap = HashMap::new();
    for (i, x) in people.iter().enumerate() {
        let person = &c.people[c.assignment[i].0];
        let new = NamedNode::new_unchecked(iri::entity(&EntityKey::Person(person.slug.clone())));
        map.entry(x.graph.clone())
            .or_default()
            .insert(x.person.clone(), (new, person.label.clone()));
    }
    (c, map)
}

fn swap_node(n: &NamedNode, map: &HashMap<NamedNode, (NamedNode, String)>) -> NamedNode {
    map.get(n).map_or_else(|| n.clone(), |(new, _)| new.clone())
}

fn swap_term(t: &Term, map: &HashMap<NamedNode, (NamedNode, String)>) -> Term {
    match t {
        Term::NamedNode(n) => Term::NamedNode(swap_node(n, map)),
        Term::Triple(tr) => Term::Triple(Box::new(Triple::new(
            swap_subject(&tr.subject, map),
            tr.predicate.clone(),
            swap_term(&tr.object, map),
        ))),
        other => other.clone(),
    }
}

fn swap_subject(
    s: &NamedOrBlankNode,
    map: &HashMap<NamedNode, (NamedNode, String)>,
) -> NamedOrBlankNode {
    match s {
        NamedOrBlankNode::NamedNode(n) => swap_node(n, map).into(),
        other => other.clone(),
    }
}

/// Rewrites one article graph's quads: people get their merged IRI and label. Reifier IRIs
/// are kept (they were made from the article's own names, so they stay stable while people
/// merge).
pub fn rewrite(quads: &[Quad], map: &HashMap<NamedNode, (NamedNode, String)>) -> Vec<Quad> {
    let label = p(RDFS, "label");
    let mut out: Vec<Quad> = quads
        .iter()
        .map(|q| {
            let object = match (&q.subject, &q.object) {
                (NamedOrBlankNode::NamedNode(s), Term::Literal(_)) if q.predicate == label => {
                    match map.get(s) {
                        Some((_, l)) => Literal::new_language_tagged_literal(l, "en")
                            .unwrap_or_else(|_| Literal::new_simple_literal(l))
                            .into(),
                        None => q.object.clone(),
                    }
                }
                _ => swap_term(&q.object, map),
            };
            Quad::new(
                swap_subject(&q.subject, map),
                q.predicate.clone(),
                object,
                q.graph_name.clone(),
            )
        })
        .collect();
    super::build::sort_dedup(&mut out);
    out
}

/// Merges RDF dumps (quads of article graphs from `extract`, `merge` or a store): people are
/// merged across all the article graphs; other named graphs (the lexicon's background facts)
/// are kept once; default-graph triples and the entities index are dropped, because they are
/// derived from the article graphs. Sorted, without duplicates.
pub fn merge_quads(quads: Vec<Quad>) -> Vec<Quad> {
    let mut by_graph: BTreeMap<String, Vec<Quad>> = BTreeMap::new();
    for q in quads {
        match &q.graph_name {
            GraphName::NamedNode(g) if g.as_str() != iri::ENTITIES => {
                by_graph.entry(g.as_str().to_string()).or_default().push(q);
            }
            _ => {}
        }
    }
    let articles: Vec<Quad> = by_graph
        .iter()
        .filter(|(g, _)| g.starts_with(iri::ARTICLE_BASE))
        .flat_map(|(_, q)| q.iter().cloned())
        .collect();
    let people = people_in(&articles);
    let (_, map) = plan(&people);
    let empty = HashMap::new();
    let mut out = Vec::new();
    for (g, quads) in by_graph {
        if g.starts_with(iri::ARTICLE_BASE) {
            let m = map
                .get(&NamedNode::new_unchecked(g.clone()))
                .unwrap_or(&empty);
            out.extend(rewrite(&quads, m));
        } else {
            out.extend(quads);
        }
    }
    super::build::sort_dedup(&mut out);
    out
}

/// What one article says about an entity, for `newsgraph explain`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleNote {
    /// The article graph IRI.
    pub article: String,
    /// The names that article uses.
    pub names: Vec<String>,
    /// States of the offices that article gives (people only).
    pub states: Vec<String>,
    /// Why the article's mention belongs to this entity.
    pub reason: String,
}

/// Why an entity node is what it is: its names, the articles and the rule for each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// The entity IRI.
    pub iri: String,
    /// Its classes (local names: Person, Country, Alliance…).
    pub classes: Vec<String>,
    /// Its labels.
    pub labels: Vec<String>,
    /// Every name with the number of articles using it, most used first.
    pub names: Vec<(String, usize)>,
    /// One note per article mentioning it.
    pub articles: Vec<ArticleNote>,
    /// How nodes of this kind get their identity.
    pub identity: String,
}

/// Explains an entity of a store: which articles made the node, under which names, and by
/// which merge rule (people) or identity (lexicon entities).
pub fn explain(store: &super::GraphStore, entity: &NamedNode) -> crate::Result<Explanation> {
    use crate::error::Error;
    let err = |e: oxigraph::store::StorageError| Error::Store {
        path: store.path().to_path_buf(),
        message: e.to_string(),
    };
    let quads: Vec<Quad> = store
        .inner()
        .quads_for_pattern(Some(entity.as_ref().into()), None, None, None)
        .collect::<std::result::Result<_, _>>()
        .map_err(err)?;
    let (ty, label, alt, same) = (
        p(RDF, "type"),
        p(RDFS, "label"),
        p(SKOS, "altLabel"),
        p(super::vocab::OWL, "sameAs"),
    );
    let mut classes = BTreeSet::new();
    let mut labels = BTreeSet::new();
    let mut qids = BTreeSet::new();
    let mut per_article: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for q in &quads {
        let GraphName::NamedNode(g) = &q.graph_name else {
            continue;
        };
        if !g.as_str().starts_with(iri::ARTICLE_BASE) {
            continue;
        }
        let names = per_article.entry(g.as_str().to_string()).or_default();
        match (&q.object, q.predicate.as_str()) {
            (Term::NamedNode(c), _) if q.predicate == ty => {
                classes.insert(
                    c.as_str()
                        .rsplit(['/', '#'])
                        .next()
                        .unwrap_or("")
                        .to_string(),
                );
            }
            (Term::Literal(l), _) if q.predicate == label => {
                labels.insert(l.value().to_string());
                names.insert(l.value().to_string());
            }
            (Term::Literal(l), _) if q.predicate == alt => {
                names.insert(l.value().to_string());
            }
            (Term::NamedNode(n), _) if q.predicate == same => {
                qids.insert(n.as_str().rsplit('/').next().unwrap_or("").to_string());
            }
            _ => {}
        }
    }
    if per_article.is_empty() {
        return Err(Error::BadInput(format!(
            "{}: no article mentions this entity",
            entity.as_str()
        )));
    }
    let is_person = classes.contains("Person");
    let mut articles = Vec::new();
    let identity;
    if is_person {
        identity = "a person: merged across articles by the name rules (folded names; same full name; a shorter name contained in exactly one person's fuller names; offices in the same state decide; never across offices in different states)".to_string();
        let names = per_article.values().flatten().map(|n| name_words(n));
        let people = store.people_near(names)?;
        let (clustering, _) = plan(&people);
        for (i, x) in people.iter().enumerate() {
            let person = &clustering.people[clustering.assignment[i].0];
            let new = iri::entity(&EntityKey::Person(person.slug.clone()));
            if new != entity.as_str() {
                continue;
            }
            articles.push(ArticleNote {
                article: x.graph.as_str().to_string(),
                names: x.record.names.clone(),
                states: x.record.states.iter().cloned().collect(),
                reason: clustering.assignment[i].1.describe(),
            });
        }
        articles.sort_by(|a, b| a.article.cmp(&b.article));
    } else {
        identity = if qids.is_empty() {
            "a lexicon or tagger entity: the same IRI in every article that names it".to_string()
        } else {
            format!(
                "a lexicon entity: the same IRI in every article that names it (Wikidata {})",
                qids.iter().cloned().collect::<Vec<_>>().join(", ")
            )
        };
        for (g, names) in &per_article {
            articles.push(ArticleNote {
                article: g.clone(),
                names: names.iter().cloned().collect(),
                states: Vec::new(),
                reason: "named in the article".to_string(),
            });
        }
    }
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for a in &articles {
        for n in &a.names {
            *counts.entry(n.clone()).or_default() += 1;
        }
    }
    let mut names: Vec<(String, usize)> = counts.into_iter().collect();
    names.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(Explanation {
        iri: entity.as_str().to_string(),
        classes: classes.into_iter().collect(),
        labels: labels.into_iter().collect(),
        names,
        articles,
        identity,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nn(s: &str) -> NamedNode {
        NamedNode::new_unchecked(s)
    }

    fn person_quads(article: &str, slug: &str, names: &[&str], state: Option<&str>) -> Vec<Quad> {
        let g = GraphName::NamedNode(nn(&iri::article(article)));
        let person = nn(&iri::entity(&EntityKey::Person(slug.into())));
        let mut q = vec![
            Quad::new(
                person.clone(),
                p(RDF, "type"),
                p(SCHEMA, "Person"),
                g.clone(),
            ),
            Quad::new(
                person.clone(),
                p(RDFS, "label"),
                Literal::new_language_tagged_literal(names[0], "en").unwrap(),
                g.clone(),
            ),
        ];
        for n in names {
            q.push(Quad::new(
                person.clone(),
                p(SKOS, "altLabel"),
                Literal::new_language_tagged_literal(*n, "sw").unwrap(),
                g.clone(),
            ));
        }
        if let Some(s) = state {
            let st = nn(&format!("{}state/{s}", iri::ENTITY_BASE));
            q.push(Quad::new(
                person.clone(),
                p(NG, "holdsPositionIn"),
                st.clone(),
                g.clone(),
            ));
            // An RDF 1.2 reifier naming the person inside a triple term.
            q.push(Quad::new(
                nn(&format!("{}#edge-1", iri::article(article))),
                p(RDF, "reifies"),
                Term::Triple(Box::new(Triple::new(
                    person.clone(),
                    p(NG, "holdsPositionIn"),
                    st,
                ))),
                g.clone(),
            ));
        }
        q
    }

    #[test]
    fn dumps_merge_people_and_rewrite_triple_terms() {
        let mut all = person_quads("a", "ruto", &["Ruto"], Some("KE"));
        all.extend(person_quads("b", "william-ruto", &["William Ruto"], None));
        let merged = merge_quads(all);
        let ruto = nn(&iri::entity(&EntityKey::Person("william-ruto".into())));
        let old = nn(&iri::entity(&EntityKey::Person("ruto".into())));
        assert!(merged
            .iter()
            .all(|q| q.subject != NamedOrBlankNode::NamedNode(old.clone())));
        assert!(merged
            .iter()
            .any(|q| q.subject == NamedOrBlankNode::NamedNode(ruto.clone())
                && q.graph_name == GraphName::NamedNode(nn(&iri::article("a")))));
        let text: String = merged.iter().map(|q| format!("{q}\n")).collect();
        assert!(!text.contains("/person/ruto>"), "{text}");
        assert!(text.contains("\"William Ruto\"@en"));
        // Merging again changes nothing.
        assert_eq!(merge_quads(merged.clone()), merged);
    }
}
