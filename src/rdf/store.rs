//! The embedded Oxigraph store (RocksDB): one named graph per article, written in one
//! transaction each, so an article is stored whole or not at all.

use super::merge;
use super::people_index::PeopleIndex;
use crate::error::{Error, Result};
use crate::resolve::people::{cluster_weighted, full_words, name_words, NameRecord};
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

/// One article graph as a write changes it: its quads before (empty when new) and after
/// (`None` when it goes).
struct GraphChange {
    graph: NamedNode,
    old: Vec<Quad>,
    new: Option<Vec<Quad>>,
}

/// A newsgraph store.
pub struct GraphStore {
    store: Store,
    path: PathBuf,
    /// The entities index, in memory once the first write or `explain` has loaded it.
    people: std::sync::Mutex<Option<PeopleIndex>>,
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
            people: std::sync::Mutex::new(None),
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
            people: std::sync::Mutex::new(None),
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
        let mut out = self.put_articles_merged(&[(graph, quads)])?;
        Ok(out.pop().unwrap_or((PutOutcome::Unchanged, Vec::new())))
    }

    /// Stores several articles as [`GraphStore::put_article`] would one by one — same graph,
    /// people merged the same way — but in one transaction, with the people of all of them
    /// merged at once: much less work per article than one transaction each. Returns each
    /// article's outcome and quads as stored, in order. An article given twice is stored as
    /// its last version.
    pub fn put_articles_merged(
        &self,
        articles: &[(&str, &[Quad])],
    ) -> Result<Vec<(PutOutcome, Vec<Quad>)>> {
        // The last version of each graph counts; earlier ones are reported like the last.
        let mut last: HashMap<&str, usize> = HashMap::new();
        for (i, (g, _)) in articles.iter().enumerate() {
            last.insert(g, i);
        }
        let mut batch: Vec<(NamedNode, Option<&[Quad]>)> = Vec::new();
        let mut slot: HashMap<&str, usize> = HashMap::new();
        for (i, (g, quads)) in articles.iter().enumerate() {
            if last.get(g) != Some(&i) {
                continue;
            }
            let node = NamedNode::new(*g).map_err(|e| Error::BadInput(format!("{g}: {e}")))?;
            slot.insert(g, batch.len());
            batch.push((node, Some(quads)));
        }
        let done = self.remerge(&batch)?;
        Ok(articles
            .iter()
            .map(|(g, _)| {
                let (outcome, quads) = &done[slot[g]];
                (*outcome, quads.clone().unwrap_or_default())
            })
            .collect())
    }

    /// Takes an article out, in one transaction: its graph goes, the triples only it stated
    /// leave the default graph (so do entities nobody mentions any more), and people merged
    /// because of it are merged again without it. False when there was no such article.
    pub fn remove_article(&self, graph: &str) -> Result<bool> {
        let g = NamedNode::new(graph).map_err(|e| Error::BadInput(format!("{graph}: {e}")))?;
        if !self.has_graph(g.as_ref())? {
            return Ok(false);
        }
        self.remerge(&[(g, None)])?;
        Ok(true)
    }

    /// The in-memory entities index, loaded on first use.
    fn people(&self) -> Result<std::sync::MutexGuard<'_, Option<PeopleIndex>>> {
        let mut guard = self
            .people
            .lock()
            .map_err(|_| store_error(&self.path, "an earlier write failed midway"))?;
        if guard.is_none() {
            let index = NamedNode::new_unchecked(super::iri::ENTITIES);
            let quads: Vec<Quad> = self
                .store
                .quads_for_pattern(
                    None,
                    None,
                    None,
                    Some(GraphNameRef::NamedNode(index.as_ref())),
                )
                .collect::<std::result::Result<_, _>>()
                .map_err(|e| store_error(&self.path, e))?;
            *guard = Some(PeopleIndex::from_quads(quads));
        }
        Ok(guard)
    }

    /// Replaces (`Some`) or removes (`None`) article graphs (each graph once) and merges the
    /// people their old and new versions name again, rewriting other articles whose people
    /// change — all in one transaction.
    fn remerge(
        &self,
        batch: &[(NamedNode, Option<&[Quad]>)],
    ) -> Result<Vec<(PutOutcome, Option<Vec<Quad>>)>> {
        let mut guard = self.people()?;
        let Some(ix) = guard.as_mut() else {
            return Err(store_error(&self.path, "entities index not loaded"));
        };
        struct Art<'a> {
            existing: Vec<Quad>,
            old: Vec<merge::PersonInGraph>,
            new: Vec<merge::PersonInGraph>,
            quads: Option<&'a [Quad]>,
        }
        let mut arts = Vec::with_capacity(batch.len());
        for (g, quads) in batch {
            let existing: Vec<Quad> = self
                .graph_quads(GraphNameRef::NamedNode(g.as_ref()))?
                .into_iter()
                .collect();
            arts.push(Art {
                old: merge::people_in(&existing),
                new: quads.map(merge::people_in).unwrap_or_default(),
                existing,
                quads: *quads,
            });
        }
        let persons = ix.component(
            arts.iter()
                .flat_map(|a| a.old.iter().chain(&a.new))
                .map(|x| full_words(&x.record)),
        );
        let mut stored: Vec<Counted> = Vec::new();
        for p in &persons {
            for (r, c) in ix.records(p) {
                stored.push((p.clone(), r.clone(), *c));
            }
        }
        // The old versions of these articles no longer count.
        for x in arts.iter().flat_map(|a| &a.old) {
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
        let mut first_new = Vec::with_capacity(arts.len());
        for a in &arts {
            first_new.push(records.len());
            records.extend(a.new.iter().map(|x| x.record.clone()));
            weights.extend(a.new.iter().map(|_| 1));
        }
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
        // These articles, people merged; unchanged ones are left alone.
        let mut outcomes = Vec::with_capacity(arts.len());
        let mut changes: Vec<GraphChange> = Vec::new();
        let in_batch: HashSet<&NamedNode> = batch.iter().map(|(g, _)| g).collect();
        for (k, a) in arts.iter_mut().enumerate() {
            let mine = a.quads.map(|q| {
                let mut map = HashMap::new();
                for (j, x) in a.new.iter().enumerate() {
                    map.insert(x.person.clone(), target(first_new[k] + j));
                }
                merge::rewrite(q, &map)
            });
            let outcome = if a.existing.is_empty() {
                PutOutcome::Added
            } else if mine.as_ref().is_some_and(|m| {
                let existing: HashSet<&Quad> = a.existing.iter().collect();
                m.len() == existing.len() && m.iter().all(|q| existing.contains(q))
            }) {
                PutOutcome::Unchanged
            } else {
                PutOutcome::Replaced
            };
            if outcome != PutOutcome::Unchanged {
                changes.push(GraphChange {
                    graph: batch[k].0.clone(),
                    old: std::mem::take(&mut a.existing),
                    new: mine.clone(),
                });
            }
            outcomes.push((outcome, mine));
        }
        if changes.is_empty() {
            return Ok(outcomes);
        }
        // Stored people whose IRI or label changes: rewrite the articles naming them that way.
        let mut moved: BTreeMap<NamedNode, Vec<(NameRecord, NamedNode, String)>> = BTreeMap::new();
        for (i, (person, record, _)) in stored.iter().enumerate() {
            let (new, label) = target(i);
            let changed = &new != person || self.label_differs(ix, person, &label)?;
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
                if in_batch.contains(&graph) {
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
        for (graph, map) in maps {
            let theirs: Vec<Quad> = self
                .graph_quads(GraphNameRef::NamedNode(graph.as_ref()))?
                .into_iter()
                .collect();
            let new = merge::rewrite(&theirs, &map);
            changes.push(GraphChange {
                graph,
                old: theirs,
                new: Some(new),
            });
        }
        // The index after the change: each merged person's counted records and name words.
        // person → (sorted names, states) → count
        type Counts = BTreeMap<(Vec<String>, Vec<String>), usize>;
        let mut counted: BTreeMap<NamedNode, (String, Counts)> = BTreeMap::new();
        for (i, r) in records.iter().enumerate() {
            let (new, label) = target(i);
            let key = (
                {
                    let mut n = r.names.clone();
                    n.sort();
                    n
                },
                r.states.iter().cloned().collect::<Vec<_>>(),
            );
            *counted
                .entry(new)
                .or_insert_with(|| (label, Counts::new()))
                .1
                .entry(key)
                .or_default() += weights[i];
        }
        let index = NamedNode::new_unchecked(super::iri::ENTITIES);
        let mut entries = Vec::new();
        let mut labels = Vec::new();
        for (person, (label, recs)) in counted {
            let mut quads = Vec::new();
            let mut counts = Vec::new();
            let mut words = BTreeSet::new();
            for ((names, states), count) in recs {
                let record = NameRecord {
                    names,
                    states: states.into_iter().collect(),
                };
                quads.push(Quad::new(
                    person.clone(),
                    merge::name_record(),
                    Literal::new_simple_literal(merge::encode_record(&record, count)),
                    index.clone(),
                ));
                for n in &record.names {
                    words.extend(name_words(n));
                }
                counts.push((record, count));
            }
            for w in words {
                quads.push(Quad::new(
                    person.clone(),
                    merge::name_token(),
                    Literal::new_simple_literal(w),
                    index.clone(),
                ));
            }
            labels.push((person.clone(), label));
            entries.push((person, counts, quads));
        }
        let old_entries: HashSet<&Quad> = persons.iter().flat_map(|p| ix.quads(p)).collect();
        let new_entries: HashSet<&Quad> = entries.iter().flat_map(|e| &e.2).collect();
        self.write(&changes, &old_entries, &new_entries)?;
        ix.replace(&persons, entries, labels);
        Ok(outcomes)
    }

    /// The people of the stored articles, one record per article, that merging would look at
    /// for these names (given as their folded words) — what `explain` needs to give the rule
    /// for each article.
    pub fn people_near(
        &self,
        names: impl IntoIterator<Item = Vec<String>>,
    ) -> Result<Vec<merge::PersonInGraph>> {
        let persons = match self.people()?.as_ref() {
            Some(ix) => ix.component(names),
            None => Vec::new(),
        };
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

    /// Whether a person's label (in the default graph) is not `label` (read once per person,
    /// then remembered by the index).
    fn label_differs(&self, ix: &mut PeopleIndex, person: &NamedNode, label: &str) -> Result<bool> {
        if let Some(known) = ix.label(person) {
            return Ok(known.as_deref() != Some(label));
        }
        let rdfs_label = NamedNode::new_unchecked(format!("{}label", super::vocab::RDFS));
        let mut it = self.store.quads_for_pattern(
            Some(person.as_ref().into()),
            Some(rdfs_label.as_ref()),
            None,
            Some(GraphNameRef::DefaultGraph),
        );
        // Anything but exactly one label is no label: the person must be rewritten.
        let stored = match it.next() {
            Some(Ok(q)) if it.next().is_none() => match q.object {
                Term::Literal(l) => Some(l.value().to_string()),
                _ => None,
            },
            Some(Err(e)) => return Err(store_error(&self.path, e)),
            _ => None,
        };
        let differs = stored.as_deref() != Some(label);
        ix.set_label(person.clone(), stored);
        Ok(differs)
    }

    /// Writes graph changes (a `None` new version removes the graph) and the entities index
    /// diff in one transaction, keeping the default graph the union of the article graphs.
    fn write(
        &self,
        changes: &[GraphChange],
        old_entries: &HashSet<&Quad>,
        new_entries: &HashSet<&Quad>,
    ) -> Result<()> {
        let err = |e: StorageError| store_error(&self.path, e);
        let changed: HashSet<&NamedNode> = changes.iter().map(|c| &c.graph).collect();
        let mut old_triples: HashSet<Triple> = HashSet::new();
        let mut new_triples: HashSet<Triple> = HashSet::new();
        for c in changes {
            for q in &c.old {
                old_triples.insert(Triple::from(q.clone()));
            }
            for q in c.new.iter().flatten() {
                new_triples.insert(Triple::from(q.clone()));
            }
        }
        let mut t = self.store.start_transaction().map_err(err)?;
        for c in changes {
            let gref = GraphNameRef::NamedNode(c.graph.as_ref());
            if !c.old.is_empty() {
                t.clear_graph(gref).map_err(err)?;
            }
            match &c.new {
                Some(quads) => {
                    t.insert_named_graph(NamedOrBlankNode::NamedNode(c.graph.clone()).as_ref());
                    t.extend(quads.iter());
                }
                None => {
                    t.remove_named_graph(NamedOrBlankNode::NamedNode(c.graph.clone()).as_ref())
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
        for q in old_entries.difference(new_entries) {
            t.remove(q.as_ref());
        }
        for q in new_entries.difference(old_entries) {
            t.insert(q.as_ref());
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
