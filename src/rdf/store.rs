//! The embedded Oxigraph store (RocksDB): one named graph per article, written in one
//! transaction each, so an article is stored whole or not at all.

use super::merge;
use crate::error::{Error, Result};
use crate::resolve::people::{cluster_weighted, name_words, NameRecord};
use crate::resolve::EntityKey;
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term, Triple,
};
use oxigraph::store::StorageError;
use oxigraph::store::Store;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// A merged person's record in the entities index: the person, one way articles name them,
/// and how many articles do.
type Counted = (NamedNode, NameRecord, usize);

/// What storing an article did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PutOutcome {
    /// A new article graph.
    Added,
    /// An article with the same id and other content: its graph was replaced.
    Replaced,
    /// The same article again: nothing changed.
    Unchanged,
}

/// A newsgraph store.
pub struct GraphStore {
    store: Store,
    path: PathBuf,
}

impl std::fmt::Debug for GraphStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GraphStore")
            .field("path", &self.path)
            .finish()
    }
}

fn store_error(path: &Path, e: impl std::fmt::Display) -> Error {
    let msg = e.to_string();
    let lower = msg.to_lowercase();
    let message = if lower.contains("lock") || lower.contains("resource temporarily unavailable") {
        "store is in use by another newsgraph process (only one can write at a time)".to_string()
    } else {
        msg.lines().next().unwrap_or("unknown error").to_string()
    };
    Error::Store {
        path: path.to_path_buf(),
        message,
    }
}

impl GraphStore {
    /// Opens (creating if needed) the store for writing.
    #[cfg(feature = "store")]
    pub fn open(path: &Path) -> Result<GraphStore> {
        if path.exists() && !path.is_dir() {
            return Err(Error::BadInput(format!(
                "{}: is a file, not a store directory",
                path.display()
            )));
        }
        // Refused rather than filled with RocksDB files: `--store` pointing at a folder of
        // articles is a slip of the keyboard.
        if path.is_dir()
            && !path.join("CURRENT").exists()
            && std::fs::read_dir(path).is_ok_and(|mut d| d.next().is_some())
        {
            return Err(Error::BadInput(format!(
                "{}: a directory that is not a newsgraph store (not empty, no store files)",
                path.display()
            )));
        }
        let store = Store::open(path).map_err(|e| store_error(path, e))?;
        Ok(GraphStore {
            store,
            path: path.to_path_buf(),
        })
    }

    /// Opens an existing store for reading only (any number of readers, even while a writer
    /// works).
    #[cfg(feature = "store")]
    pub fn open_read_only(path: &Path) -> Result<GraphStore> {
        if !path.join("CURRENT").exists() {
            return Err(Error::BadInput(format!(
                "{}: no newsgraph store here (create one with `newsgraph ingest`)",
                path.display()
            )));
        }
        let store = Store::open_read_only(path).map_err(|e| store_error(path, e))?;
        Ok(GraphStore {
            store,
            path: path.to_path_buf(),
        })
    }

    /// The underlying Oxigraph store.
    pub fn inner(&self) -> &Store {
        &self.store
    }

    /// The store directory.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Stores one article's graph, replacing an older version, in one transaction. Quads must
    /// all be in `graph`, with people named as the article names them (as `extract` writes
    /// them).
    ///
    /// People are merged with the people of the other articles (see [`super::merge`]): the
    /// article's people get the merged IRIs and labels, and other articles whose people change
    /// because of this one (a fuller name appears, an ambiguity goes away) are rewritten in the
    /// same transaction. The store's default graph is kept as the set union of all article
    /// graphs (each triple once, however many articles state it), so that SPARQL over the
    /// default graph has RDF merge semantics; `GRAPH ?g` still sees each article alone.
    pub fn put_article(&self, graph: &str, quads: &[Quad]) -> Result<PutOutcome> {
        self.put_article_merged(graph, quads).map(|(o, _)| o)
    }

    /// As [`GraphStore::put_article`], also returning the article's quads as stored (people
    /// merged).
    pub fn put_article_merged(
        &self,
        graph: &str,
        quads: &[Quad],
    ) -> Result<(PutOutcome, Vec<Quad>)> {
        let g = NamedNode::new(graph).map_err(|e| Error::BadInput(format!("{graph}: {e}")))?;
        let (outcome, mine) = self.remerge(&g, Some(quads))?;
        Ok((outcome, mine.unwrap_or_default()))
    }

    /// Takes an article out, in one transaction: its graph goes, the triples only it stated
    /// leave the default graph (so do entities nobody mentions any more), and people merged
    /// because of it are merged again without it. False when there was no such article.
    pub fn remove_article(&self, graph: &str) -> Result<bool> {
        let g = NamedNode::new(graph).map_err(|e| Error::BadInput(format!("{graph}: {e}")))?;
        if !self.has_graph(g.as_ref())? {
            return Ok(false);
        }
        self.remerge(&g, None)?;
        Ok(true)
    }

    /// Replaces (`Some`) or removes (`None`) one article graph and merges the people its old
    /// and new versions name again, rewriting other articles whose people change — all in one
    /// transaction.
    fn remerge(
        &self,
        g: &NamedNode,
        quads: Option<&[Quad]>,
    ) -> Result<(PutOutcome, Option<Vec<Quad>>)> {
        let gref = GraphNameRef::NamedNode(g.as_ref());
        let existing: Vec<Quad> = self.graph_quads(gref)?.into_iter().collect();
        let old_people = merge::people_in(&existing);
        let new_people = quads.map(merge::people_in).unwrap_or_default();
        let mut seeds = BTreeSet::new();
        for x in new_people.iter().chain(&old_people) {
            for n in &x.record.names {
                seeds.extend(name_words(n));
            }
        }
        let (mut stored, index_persons) = self.indexed_records(seeds)?;
        // The old version of this article no longer counts.
        for x in &old_people {
            if let Some(r) = stored
                .iter_mut()
                .find(|r| r.0 == x.person && r.1 == x.record && r.2 > 0)
            {
                r.2 -= 1;
            }
        }
        stored.retain(|r| r.2 > 0);
        let mut records: Vec<NameRecord> = stored.iter().map(|r| r.1.clone()).collect();
        let mut weights: Vec<usize> = stored.iter().map(|r| r.2).collect();
        records.extend(new_people.iter().map(|x| x.record.clone()));
        weights.extend(new_people.iter().map(|_| 1));
        let c = cluster_weighted(&records, &weights);
        let target = |i: usize| -> (NamedNode, String) {
            let person = &c.people[c.assignment[i].0];
            (
                NamedNode::new_unchecked(super::iri::entity(&EntityKey::Person(
                    person.slug.clone(),
                ))),
                person.label.clone(),
            )
        };
        // This article, people merged.
        let mine = quads.map(|q| {
            let mut map = HashMap::new();
            for (k, x) in new_people.iter().enumerate() {
                map.insert(x.person.clone(), target(stored.len() + k));
            }
            merge::rewrite(q, &map)
        });
        if let Some(mine) = &mine {
            let existing_set: HashSet<&Quad> = existing.iter().collect();
            if !existing.is_empty()
                && existing.len() == mine.len()
                && mine.iter().all(|q| existing_set.contains(q))
            {
                return Ok((PutOutcome::Unchanged, Some(mine.clone())));
            }
        }
        // Stored people whose IRI or label changes: rewrite the articles naming them that way.
        let mut moved: BTreeMap<NamedNode, Vec<(NameRecord, NamedNode, String)>> = BTreeMap::new();
        // A person has several records but one stored label: look it up once per person.
        let mut relabelled: HashMap<NamedNode, bool> = HashMap::new();
        for (i, (person, record, _)) in stored.iter().enumerate() {
            let (new, label) = target(i);
            let changed = if &new != person {
                true
            } else if let Some(&c) = relabelled.get(person) {
                c
            } else {
                let c = self.label_differs(person, &label)?;
                relabelled.insert(person.clone(), c);
                c
            };
            if changed {
                moved
                    .entry(person.clone())
                    .or_default()
                    .push((record.clone(), new, label));
            }
        }
        let mut maps: BTreeMap<NamedNode, HashMap<NamedNode, (NamedNode, String)>> =
            BTreeMap::new();
        for (person, moves) in &moved {
            for graph in self.graphs_mentioning(person)? {
                if &graph == g {
                    continue;
                }
                let theirs: Vec<Quad> = self
                    .store
                    .quads_for_pattern(
                        Some(person.as_ref().into()),
                        None,
                        None,
                        Some(GraphNameRef::NamedNode(graph.as_ref())),
                    )
                    .collect::<std::result::Result<_, _>>()
                    .map_err(|e| store_error(&self.path, e))?;
                for x in merge::people_in(&theirs) {
                    if let Some((_, new, label)) = moves.iter().find(|m| m.0 == x.record) {
                        maps.entry(graph.clone())
                            .or_default()
                            .insert(person.clone(), (new.clone(), label.clone()));
                    }
                }
            }
        }
        let mut changes: Vec<(NamedNode, Option<Vec<Quad>>)> = Vec::new();
        for (graph, map) in maps {
            let theirs: Vec<Quad> = self
                .graph_quads(GraphNameRef::NamedNode(graph.as_ref()))?
                .into_iter()
                .collect();
            changes.push((graph, Some(merge::rewrite(&theirs, &map))));
        }
        changes.push((g.clone(), mine.clone()));
        // The index after the change: each merged person's counted records and name words.
        // person → (sorted names, states) → count
        type Counts = BTreeMap<(Vec<String>, Vec<String>), usize>;
        let mut counted: BTreeMap<NamedNode, Counts> = BTreeMap::new();
        for (i, r) in records.iter().enumerate() {
            let (new, _) = target(i);
            let key = (
                {
                    let mut n = r.names.clone();
                    n.sort();
                    n
                },
                r.states.iter().cloned().collect::<Vec<_>>(),
            );
            *counted.entry(new).or_default().entry(key).or_default() += weights[i];
        }
        let index = NamedNode::new_unchecked(super::iri::ENTITIES);
        let mut entries = Vec::new();
        for (person, recs) in &counted {
            let mut words = BTreeSet::new();
            for ((names, states), count) in recs {
                let record = NameRecord {
                    names: names.clone(),
                    states: states.iter().cloned().collect(),
                };
                entries.push(Quad::new(
                    person.clone(),
                    merge::name_record(),
                    Literal::new_simple_literal(merge::encode_record(&record, *count)),
                    index.clone(),
                ));
                for n in names {
                    words.extend(name_words(n));
                }
            }
            for w in words {
                entries.push(Quad::new(
                    person.clone(),
                    merge::name_token(),
                    Literal::new_simple_literal(w),
                    index.clone(),
                ));
            }
        }
        self.write(&changes, &index_persons, &entries)?;
        let outcome = if existing.is_empty() {
            PutOutcome::Added
        } else {
            PutOutcome::Replaced
        };
        Ok((outcome, mine))
    }

    /// The counted name records of the merged persons whose names share words with `seeds`,
    /// closed under sharing words (everything a merge decision about those names can depend
    /// on), read from the entities index; also the persons found.
    fn indexed_records(
        &self,
        seeds: BTreeSet<String>,
    ) -> Result<(Vec<Counted>, BTreeSet<NamedNode>)> {
        let err = |e: StorageError| store_error(&self.path, e);
        let index = NamedNode::new_unchecked(super::iri::ENTITIES);
        let iref = GraphNameRef::NamedNode(index.as_ref());
        let (token, record) = (merge::name_token(), merge::name_record());
        let mut todo: Vec<String> = seeds.iter().cloned().collect();
        let mut seen_words = seeds;
        let mut persons: BTreeSet<NamedNode> = BTreeSet::new();
        let mut out = Vec::new();
        while let Some(w) = todo.pop() {
            let lit = Literal::new_simple_literal(&w);
            let found: Vec<Quad> = self
                .store
                .quads_for_pattern(
                    None,
                    Some(token.as_ref()),
                    Some(lit.as_ref().into()),
                    Some(iref),
                )
                .collect::<std::result::Result<_, _>>()
                .map_err(err)?;
            for q in found {
                let NamedOrBlankNode::NamedNode(person) = q.subject else {
                    continue;
                };
                if !persons.insert(person.clone()) {
                    continue;
                }
                for r in self.store.quads_for_pattern(
                    Some(person.as_ref().into()),
                    Some(record.as_ref()),
                    None,
                    Some(iref),
                ) {
                    let r = r.map_err(err)?;
                    let Term::Literal(l) = &r.object else {
                        continue;
                    };
                    let Some((rec, count)) = merge::decode_record(l.value()) else {
                        continue;
                    };
                    for n in &rec.names {
                        for w in name_words(n) {
                            if seen_words.insert(w.clone()) {
                                todo.push(w);
                            }
                        }
                    }
                    out.push((person.clone(), rec, count));
                }
            }
        }
        Ok((out, persons))
    }

    /// The article graphs that mention an entity.
    fn graphs_mentioning(&self, entity: &NamedNode) -> Result<Vec<NamedNode>> {
        let mentions = NamedNode::new_unchecked(format!("{}mentions", super::vocab::SCHEMA));
        let mut out = BTreeSet::new();
        for q in self.store.quads_for_pattern(
            None,
            Some(mentions.as_ref()),
            Some(entity.as_ref().into()),
            None,
        ) {
            let q = q.map_err(|e| store_error(&self.path, e))?;
            if let GraphName::NamedNode(n) = q.graph_name {
                if super::iri::in_default_graph(n.as_str()) {
                    out.insert(n);
                }
            }
        }
        Ok(out.into_iter().collect())
    }

    /// The people of the stored articles, one record per article, whose names share words
    /// with `seeds` (closed under sharing words, as merging reads them from the index) — what
    /// `explain` needs to give the rule for each article.
    pub fn people_near(&self, seeds: BTreeSet<String>) -> Result<Vec<merge::PersonInGraph>> {
        let (_, persons) = self.indexed_records(seeds)?;
        let mut people = Vec::new();
        for person in persons {
            // The person's quads in every graph: its names and offices per article.
            let quads: Vec<Quad> = self
                .store
                .quads_for_pattern(Some(person.as_ref().into()), None, None, None)
                .collect::<std::result::Result<_, _>>()
                .map_err(|e| store_error(&self.path, e))?;
            people.extend(merge::people_in(&quads));
        }
        Ok(people)
    }

    /// Whether a person's label (in the default graph) is not `label`.
    fn label_differs(&self, person: &NamedNode, label: &str) -> Result<bool> {
        let rdfs_label = NamedNode::new_unchecked(format!("{}label", super::vocab::RDFS));
        let mut it = self.store.quads_for_pattern(
            Some(person.as_ref().into()),
            Some(rdfs_label.as_ref()),
            None,
            Some(GraphNameRef::DefaultGraph),
        );
        match it.next() {
            Some(Ok(q)) => {
                Ok(!matches!(&q.object, Term::Literal(l) if l.value() == label)
                    || it.next().is_some())
            }
            Some(Err(e)) => Err(store_error(&self.path, e)),
            None => Ok(true),
        }
    }

    /// Writes graph changes (`None` removes the graph) and the people index in one
    /// transaction, keeping the default graph the union of the article graphs.
    fn write(
        &self,
        changes: &[(NamedNode, Option<Vec<Quad>>)],
        old_persons: &BTreeSet<NamedNode>,
        index_entries: &[Quad],
    ) -> Result<()> {
        let err = |e: StorageError| store_error(&self.path, e);
        let changed: HashSet<&NamedNode> = changes.iter().map(|(g, _)| g).collect();
        let mut old_triples: HashSet<Triple> = HashSet::new();
        let mut new_triples: HashSet<Triple> = HashSet::new();
        for (g, new) in changes {
            for q in self.graph_quads(GraphNameRef::NamedNode(g.as_ref()))? {
                old_triples.insert(Triple::from(q));
            }
            for q in new.iter().flatten() {
                new_triples.insert(Triple::from(q.clone()));
            }
        }
        let mut t = self.store.start_transaction().map_err(err)?;
        for (g, new) in changes {
            let gref = GraphNameRef::NamedNode(g.as_ref());
            t.clear_graph(gref).map_err(err)?;
            match new {
                Some(quads) => {
                    t.insert_named_graph(NamedOrBlankNode::NamedNode(g.clone()).as_ref());
                    t.extend(quads.iter());
                }
                None => {
                    t.remove_named_graph(NamedOrBlankNode::NamedNode(g.clone()).as_ref())
                        .map_err(err)?;
                }
            }
        }
        // Triples no changed graph states any more leave the union, unless another article
        // (one not changed here, read as committed) still states them.
        for triple in old_triples.difference(&new_triples) {
            let mut stated_elsewhere = false;
            for o in self.store.quads_for_pattern(
                Some(triple.subject.as_ref()),
                Some(triple.predicate.as_ref()),
                Some(triple.object.as_ref()),
                None,
            ) {
                let o = o.map_err(err)?;
                if let GraphName::NamedNode(n) = &o.graph_name {
                    if super::iri::in_default_graph(n.as_str()) && !changed.contains(n) {
                        stated_elsewhere = true;
                        break;
                    }
                }
            }
            if !stated_elsewhere {
                t.remove(triple.as_ref().in_graph(GraphNameRef::DefaultGraph));
            }
        }
        for triple in &new_triples {
            t.insert(triple.as_ref().in_graph(GraphNameRef::DefaultGraph));
        }
        // The entities index: only the entries that change, so that the index's keys are not
        // deleted and written again on every article (RocksDB would pile up tombstones).
        let index = NamedNode::new_unchecked(super::iri::ENTITIES);
        let iref = GraphNameRef::NamedNode(index.as_ref());
        let new_entries: HashSet<&Quad> = index_entries.iter().collect();
        let mut old_entries: HashSet<Quad> = HashSet::new();
        for person in old_persons {
            for q in
                self.store
                    .quads_for_pattern(Some(person.as_ref().into()), None, None, Some(iref))
            {
                old_entries.insert(q.map_err(err)?);
            }
        }
        for q in &old_entries {
            if !new_entries.contains(q) {
                t.remove(q.as_ref());
            }
        }
        for q in index_entries {
            if !old_entries.contains(q) {
                t.insert(q.as_ref());
            }
        }
        t.commit().map_err(err)?;
        Ok(())
    }

    /// Writes the background-facts graph (replacing an older one) outside the default graph,
    /// in one transaction; a no-op when it is unchanged.
    pub fn put_background(&self, quads: &[Quad]) -> Result<PutOutcome> {
        let g = NamedNode::new_unchecked(super::iri::BACKGROUND);
        let gref = GraphNameRef::NamedNode(g.as_ref());
        let err = |e: StorageError| store_error(&self.path, e);
        let existing = self.graph_quads(gref)?;
        if existing.len() == quads.len() && quads.iter().all(|q| existing.contains(q)) {
            return Ok(PutOutcome::Unchanged);
        }
        let mut t = self.store.start_transaction().map_err(err)?;
        t.clear_graph(gref).map_err(err)?;
        t.extend(quads.iter());
        t.commit().map_err(err)?;
        Ok(if existing.is_empty() {
            PutOutcome::Added
        } else {
            PutOutcome::Replaced
        })
    }

    /// The quads of one graph.
    fn graph_quads(&self, graph: GraphNameRef<'_>) -> Result<HashSet<Quad>> {
        self.store
            .quads_for_pattern(None, None, None, Some(graph))
            .collect::<std::result::Result<_, _>>()
            .map_err(|e| store_error(&self.path, e))
    }

    /// Number of quads.
    pub fn len(&self) -> Result<usize> {
        self.store.len().map_err(|e| store_error(&self.path, e))
    }

    /// True when the store holds no quads.
    pub fn is_empty(&self) -> Result<bool> {
        self.store
            .is_empty()
            .map_err(|e| store_error(&self.path, e))
    }

    /// All quads of the store, sorted (for dumps and comparisons).
    pub fn quads(&self) -> Result<Vec<Quad>> {
        let mut q: Vec<Quad> = self
            .store
            .iter()
            .collect::<std::result::Result<_, _>>()
            .map_err(|e| store_error(&self.path, e))?;
        super::build::sort_dedup(&mut q);
        Ok(q)
    }

    /// Whether the store has this named graph.
    pub fn has_graph(&self, graph: NamedNodeRef<'_>) -> Result<bool> {
        self.store
            .contains_named_graph(graph)
            .map_err(|e| store_error(&self.path, e))
    }
}
