//! Relation-level evaluation against hand annotations (`newsgraph eval --graph`): entity and
//! relation precision and recall per kind, on gold files in the format of `data/eval/README.md`.
//!
//! Scoring: a predicted person, state or alliance is correct when its label or one of its
//! alternative labels is the gold entity's name or one of its aliases (compared folded: case
//! and diacritics ignored), or its Wikidata id is the gold one. A predicted edge is correct when
//! both ends match gold entities and the gold has that relation between them (either direction
//! for symmetric relations). Gold relations marked `optional` or `former` neither reward nor
//! penalise: a prediction matching one is left out of precision, and they are not in recall
//! (former offices are written with `ng:former`; they are not scored apart). Only edges whose
//! both ends are people, states or alliances are scored.

use crate::error::{Error, Result};
use crate::graph::{ArticleGraph, NodeKind, Relation};
use crate::text::fold;
use petgraph::visit::EdgeRef;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::Path;

/// One annotated article.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldArticle {
    /// The article id (matches the input's `id`).
    pub article: String,
    /// Annotated entities.
    pub entities: Vec<GoldEntity>,
    /// Annotated relations.
    pub relations: Vec<GoldRelation>,
}

/// An annotated entity.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldEntity {
    /// Id within the file.
    pub id: String,
    /// person, state, alliance, organisation or place.
    #[serde(rename = "type")]
    pub kind: String,
    /// Canonical name.
    pub name: String,
    /// Wikidata id.
    #[serde(default)]
    pub qid: Option<String>,
    /// Other names in the article.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// An annotated relation.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldRelation {
    /// Subject entity id.
    pub subject: String,
    /// ng: relation name.
    pub predicate: String,
    /// Object entity id.
    pub object: String,
    /// Defensible but not required.
    #[serde(default)]
    pub optional: bool,
    /// A past office.
    #[serde(default)]
    pub former: bool,
    /// A few words of evidence.
    #[serde(default)]
    pub evidence: Option<String>,
}

/// Reads a gold file.
pub fn read_gold(path: &Path) -> Result<GoldArticle> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    serde_json::from_str(&text)
        .map_err(|e| Error::BadInput(format!("{}: not a gold file: {e}", path.display())))
}

/// Counts for one row of the table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predictions that are correct.
    pub correct: usize,
    /// Predictions scored.
    pub predicted: usize,
    /// Gold items found.
    pub found: usize,
    /// Gold items.
    pub gold: usize,
}

impl Counts {
    /// Precision in percent.
    pub fn precision(&self) -> f64 {
        pct(self.correct, self.predicted)
    }
    /// Recall in percent.
    pub fn recall(&self) -> f64 {
        pct(self.found, self.gold)
    }
    /// F1 in percent.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: Counts) {
        self.correct += o.correct;
        self.predicted += o.predicted;
        self.found += o.found;
        self.gold += o.gold;
    }
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

/// Scores over many articles, per entity type and per relation.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    /// Per entity type (person, state, alliance).
    pub entities: BTreeMap<String, Counts>,
    /// Per relation (ng: local name).
    pub relations: BTreeMap<String, Counts>,
    /// Articles scored.
    pub articles: usize,
    /// One line per wrong prediction and per missed gold relation, for error analysis.
    pub errors: Vec<String>,
}

fn kind_name(k: NodeKind) -> Option<&'static str> {
    match k {
        NodeKind::Person => Some("person"),
        NodeKind::State => Some("state"),
        NodeKind::Alliance => Some("alliance"),
        _ => None,
    }
}

const SCORED: [&str; 3] = ["person", "state", "alliance"];

/// Adds one article's comparison to the scores.
pub fn score_article(gold: &GoldArticle, graph: &ArticleGraph, scores: &mut Scores) {
    scores.articles += 1;
    // Gold entity id → (type, folded names, qid).
    let mut names: HashMap<&str, (&str, Vec<String>, Option<&str>)> = HashMap::new();
    for e in &gold.entities {
        let mut n: Vec<String> = e.aliases.iter().map(|a| fold(a)).collect();
        n.push(fold(&e.name));
        names.insert(&e.id, (&e.kind, n, e.qid.as_deref()));
    }
    // Each predicted node → the gold entities it matches.
    let mut node_gold: HashMap<petgraph::graph::NodeIndex, Vec<&str>> = HashMap::new();
    for i in graph.graph.node_indices() {
        let n = &graph.graph[i];
        let Some(kind) = kind_name(n.kind) else {
            continue;
        };
        let mut labels: Vec<String> = vec![fold(&n.label)];
        labels.extend(n.alt_labels.iter().map(|(_, l)| fold(l)));
        let matched: Vec<&str> = gold
            .entities
            .iter()
            .filter(|g| g.kind == kind)
            .filter(|g| {
                let (_, gn, gq) = &names[g.id.as_str()];
                (gq.is_some() && n.qid.as_deref() == *gq) || labels.iter().any(|l| gn.contains(l))
            })
            .map(|g| g.id.as_str())
            .collect();
        let c = scores.entities.entry(kind.to_string()).or_default();
        c.predicted += 1;
        if !matched.is_empty() {
            c.correct += 1;
        }
        node_gold.insert(i, matched);
    }
    for g in gold
        .entities
        .iter()
        .filter(|g| SCORED.contains(&g.kind.as_str()))
    {
        let c = scores.entities.entry(g.kind.clone()).or_default();
        c.gold += 1;
        if node_gold.values().any(|m| m.contains(&g.id.as_str())) {
            c.found += 1;
        }
    }
    let scored_rel = |r: &GoldRelation| {
        [&r.subject, &r.object].iter().all(|id| {
            names
                .get(id.as_str())
                .is_some_and(|(k, _, _)| SCORED.contains(k))
        })
    };
    let symmetric = |p: &str| Relation::from_name(p).is_some_and(Relation::is_symmetric);
    let same = |r: &GoldRelation, p: &str, s: &str, o: &str| {
        r.predicate == p
            && ((r.subject == s && r.object == o)
                || (symmetric(p) && r.subject == o && r.object == s))
    };
    let mut found = vec![false; gold.relations.len()];
    for e in graph.graph.edge_references() {
        let (Some(ss), Some(os)) = (node_gold.get(&e.source()), node_gold.get(&e.target())) else {
            continue;
        };
        let p = e.weight().relation.name();
        let hits: Vec<usize> = gold
            .relations
            .iter()
            .enumerate()
            .filter(|(_, r)| ss.iter().any(|s| os.iter().any(|o| same(r, p, s, o))))
            .map(|(i, _)| i)
            .collect();
        let required_hit = hits
            .iter()
            .any(|&i| !gold.relations[i].optional && !gold.relations[i].former);
        if !hits.is_empty() && !required_hit {
            continue; // matches only an optional or former relation: not scored
        }
        let c = scores.relations.entry(p.to_string()).or_default();
        c.predicted += 1;
        if required_hit {
            c.correct += 1;
        } else {
            scores.errors.push(format!(
                "{}\twrong\t{} {p} {}\t{}",
                gold.article,
                graph.graph[e.source()].label,
                graph.graph[e.target()].label,
                e.weight().evidence.sentence
            ));
        }
        for i in hits {
            found[i] = true;
        }
    }
    for (i, r) in gold.relations.iter().enumerate() {
        if r.optional || r.former || !scored_rel(r) {
            continue;
        }
        let c = scores.relations.entry(r.predicate.clone()).or_default();
        c.gold += 1;
        if found[i] {
            c.found += 1;
        } else {
            let name = |id: &str| {
                gold.entities
                    .iter()
                    .find(|e| e.id == id)
                    .map_or(id.to_string(), |e| e.name.clone())
            };
            scores.errors.push(format!(
                "{}\tmissed\t{} {} {}\t{}",
                gold.article,
                name(&r.subject),
                r.predicate,
                name(&r.object),
                r.evidence.as_deref().unwrap_or("")
            ));
        }
    }
}

/// The scores as an aligned table.
pub fn render(scores: &Scores) -> String {
    let mut out = String::new();
    let section = |title: &str, rows: &BTreeMap<String, Counts>, out: &mut String| {
        let _ = writeln!(
            out,
            "{title:<22} {:>9} {:>9} {:>7} {:>9} {:>6}",
            "precision", "recall", "F1", "predicted", "gold"
        );
        let mut total = Counts::default();
        for (k, c) in rows {
            total.add(*c);
            let _ = writeln!(
                out,
                "  {k:<20} {:>9.1} {:>9.1} {:>7.1} {:>9} {:>6}",
                c.precision(),
                c.recall(),
                c.f1(),
                c.predicted,
                c.gold
            );
        }
        let _ = writeln!(
            out,
            "  {:<20} {:>9.1} {:>9.1} {:>7.1} {:>9} {:>6}",
            "overall",
            total.precision(),
            total.recall(),
            total.f1(),
            total.predicted,
            total.gold
        );
    };
    let _ = writeln!(out, "{} articles", scores.articles);
    section("entities", &scores.entities, &mut out);
    section("relations", &scores.relations, &mut out);
    out
}
