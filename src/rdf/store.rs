//! The embedded Oxigraph store (RocksDB): one named graph per article, written in one
//! transaction each, so an article is stored whole or not at all.

use super::merge;
use super::people_index::{NewEntry, PeopleIndex};
use crate::error::{Error, Result};
use crate::resolve::people::{cluster_prepared, full_words, name_words, FullName, NameRecord};
use crate::resolve::EntityKey;
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode,
    NamedOrBlankNodeRef, Quad, Term, Triple,
};
use oxigraph::store::StorageError;
use oxigraph::store::Store;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

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

/// New articles' people found among the stored ones (see `GraphStore::remerge`).
struct Known<'a> {
    /// Per article, per person of the article: the stored person.
    targets: Vec<Vec<&'a NamedNode>>,
    /// Per stored person: the positions of their records that gain one more article.
    bumps: BTreeMap<&'a NamedNode, Vec<usize>>,
    /// Per stored person: their label (unchanged by the new records).
    labels: HashMap<&'a NamedNode, String>,
}

/// The stored people the new articles' people are, when every one of them is a record the
/// index has already, has no namesake and keeps their label; None otherwise.
fn known_people<'a>(
    ix: &'a PeopleIndex,
    articles: &[&[merge::PersonInGraph]],
) -> Option<Known<'a>> {
    let mut targets = Vec::with_capacity(articles.len());
    let mut bumps: BTreeMap<&NamedNode, Vec<usize>> = BTreeMap::new();
    for people in articles {
        let mut t = Vec::with_capacity(people.len());
        for x in *people {
            let (person, i) = ix.person_of(&x.record)?;
            bumps.entry(person).or_default().push(i);
            t.push(person);
        }
        targets.push(t);
    }
    let mut labels = HashMap::new();
    for (person, extra) in &bumps {
        // Among namesakes the most named keeps the bare IRI: more mentions can move it.
        if ix.has_namesake(person) && !ix.holder_stays(person, &bumps) {
            return None;
        }
        let label = ix.label(person, extra);
        if label != ix.label(person, &[]) {
            return None;
        }
        labels.insert(*person, label);
    }
    Some(Known {
        targets,
        bumps,
        labels,
    })
}

/// What storing a batch did to each article, with its quads as stored (people merged).
type Outcomes = Vec<(PutOutcome, Option<Vec<Quad>>)>;

/// The people whose index entries a write replaces, and their entries after it.
type IndexChange = (Vec<NamedNode>, Vec<NewEntry>);

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
    /// The people of the entities index read so far (by name word; see [`PeopleIndex`]).
    people: std::sync::Mutex<Option<PeopleIndex>>,
    /// Quads written since RocksDB's memtables were last flushed (see [`FLUSH_EVERY`]).
    unflushed: std::sync::atomic::AtomicUsize,
    /// Whether a background flush is running.
    flushing: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// New article graphs of at least this many quads in one write are bulk loaded (see
    /// [`BULK_MIN_QUADS`]).
    bulk_min_quads: usize,
    /// Tests: stop a write between its bulk load and its transaction, as a crash would.
    #[cfg(test)]
    stop_after_bulk: bool,
}

/// A write whose new article graphs hold at least this many quads stores them with Oxigraph's
/// bulk loader (sorted files handed to RocksDB whole) rather than in the transaction: the
/// transaction indexes every key in its write batch and then inserts it into the memtable's
/// skip list, ~17 keys and strings per quad, which was three quarters of `ingest`'s time. The
/// bulk loader's files are ~11 per load, so a write of one article (a few hundred quads) still
/// goes through the transaction: thousands of tiny files would cost more in compaction.
const BULK_MIN_QUADS: usize = 4_000;

/// After this many quads written (and removed), RocksDB's memtables are flushed to disk, on a
/// thread of their own so that the writer does not wait. Each transaction inserts its keys
/// into in-memory skip lists that otherwise grow to 64 MB per column family before RocksDB
/// flushes them itself; inserting into a big skip list costs cache misses on every level, so
/// storing an article got ~2–3× slower over the first thousand articles (`cargo bench --bench
/// merge_growth`; `perf` put a third of the time in the skip list). Flushing every few
/// hundred articles keeps each write about as cheap as the first ones.
const FLUSH_EVERY: usize = 50_000;

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

/// Creates an empty store at `path` (absent or an empty directory) all at once: RocksDB makes
/// its files one by one, and a process killed half-way would leave a store that cannot be
/// opened for reading. It is made in a sibling directory and renamed into place.
#[cfg(feature = "store")]
fn create(path: &Path) -> Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "store".into());
    let tmp = path.with_file_name(format!(".{name}.creating-{}", std::process::id()));
    let io = |e: std::io::Error| store_error(path, e);
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp).map_err(io)?;
    }
    drop(Store::open(&tmp).map_err(|e| store_error(path, e))?);
    if path.is_dir() {
        // Empty (checked by the caller): make way for the new store.
        std::fs::remove_dir(path).map_err(io)?;
    }
    std::fs::rename(&tmp, path).map_err(io)
}

/// How many of RocksDB's old info logs a store keeps (see [`prune_info_logs`]).
#[cfg(feature = "store")]
const KEEP_INFO_LOGS: usize = 4;

/// Removes all but the newest [`KEEP_INFO_LOGS`] of RocksDB's old info logs (`LOG.old.*`).
/// Each opening for writing moves the info log aside and starts a new one of ~120 KB (the
/// options dump), and RocksDB keeps up to 1,000 of them — Oxigraph sets no limit — so a store
/// that takes one article a day grew by 120 MB of logs for ~50 MB of data in 1,000 ingests.
/// The logs are diagnostics only, never read back; a file that cannot be removed stays.
#[cfg(feature = "store")]
fn prune_info_logs(path: &Path) {
    let Ok(entries) = std::fs::read_dir(path) else {
        return;
    };
    // The suffix is a timestamp in microseconds, so name order is age order.
    let mut old: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("LOG.old."))
        })
        .collect();
    old.sort();
    let excess = old.len().saturating_sub(KEEP_INFO_LOGS);
    for p in &old[..excess] {
        let _ = std::fs::remove_file(p);
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
        if !path.join("CURRENT").exists() {
            create(path)?;
        }
        let store = Store::open(path).map_err(|e| store_error(path, e))?;
        prune_info_logs(path);
        let store = GraphStore {
            store,
            path: path.to_path_buf(),
            people: std::sync::Mutex::new(None),
            unflushed: std::sync::atomic::AtomicUsize::new(0),
            flushing: std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
            bulk_min_quads: BULK_MIN_QUADS,
            #[cfg(test)]
            stop_after_bulk: false,
        };
        // A writer killed between a batch's two commits left its new articles stored alone:
        // they go again, so the store is as before the batch and a rerun stores it whole.
        store.roll_back_pending()?;
        Ok(store)
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
            unflushed: std::sync::atomic::AtomicUsize::new(0),
            flushing: std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
            bulk_min_quads: BULK_MIN_QUADS,
            #[cfg(test)]
            stop_after_bulk: false,
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
        let mut done = self.remerge(&batch)?;
        // An article's last version takes its quads; earlier ones (given twice) get copies.
        Ok(articles
            .iter()
            .enumerate()
            .map(|(i, (g, _))| {
                let (outcome, quads) = &mut done[slot[g]];
                let quads = if last.get(g) == Some(&i) {
                    quads.take()
                } else {
                    quads.clone()
                };
                (*outcome, quads.unwrap_or_default())
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

    /// The in-memory entities index (the people read so far; see [`PeopleIndex`]).
    fn people(&self) -> Result<std::sync::MutexGuard<'_, Option<PeopleIndex>>> {
        let mut guard = self
            .people
            .lock()
            .map_err(|_| store_error(&self.path, "an earlier write failed midway"))?;
        if guard.is_none() {
            *guard = Some(PeopleIndex::default());
        }
        Ok(guard)
    }

    /// Reads into the index every stored person with one of these name words
    /// (`ng:nameToken`) who is not in memory yet, and marks the words loaded.
    fn load_people(&self, ix: &mut PeopleIndex, words: Vec<String>) -> Result<()> {
        let err = |e: StorageError| store_error(&self.path, e);
        let index = NamedNode::new_unchecked(super::iri::ENTITIES);
        let graph = GraphNameRef::NamedNode(index.as_ref());
        let token = merge::name_token();
        for word in words {
            let literal = Literal::new_simple_literal(word.as_str());
            let persons: Vec<NamedNode> = self
                .store
                .quads_for_pattern(
                    None,
                    Some(token.as_ref()),
                    Some(literal.as_ref().into()),
                    Some(graph),
                )
                .filter_map(|q| match q {
                    Ok(q) => match q.subject {
                        NamedOrBlankNode::NamedNode(p) => Some(Ok(p)),
                        NamedOrBlankNode::BlankNode(_) => None,
                    },
                    Err(e) => Some(Err(err(e))),
                })
                .collect::<Result<_>>()?;
            for person in persons {
                if ix.has(&person) {
                    continue;
                }
                let quads: Vec<Quad> = self
                    .store
                    .quads_for_pattern(Some(person.as_ref().into()), None, None, Some(graph))
                    .collect::<std::result::Result<_, _>>()
                    .map_err(err)?;
                ix.add_stored(person, quads);
            }
            ix.mark_loaded(word);
        }
        Ok(())
    }

    /// [`PeopleIndex::component`] of these fullest names, with every person it can reach
    /// read into the index first: reading more people can reach more names, so it repeats
    /// until the component looks at no unloaded word.
    fn component(&self, ix: &mut PeopleIndex, seeds: &[Vec<String>]) -> Result<Vec<NamedNode>> {
        loop {
            let persons = ix.component(seeds.iter().cloned());
            let missing = ix.component_words(seeds, &persons);
            if missing.is_empty() {
                return Ok(persons);
            }
            self.load_people(ix, missing)?;
        }
    }

    /// The common case of [`GraphStore::remerge`], decided without clustering: new articles
    /// all of whose people are named exactly as some stored person already is (the same names,
    /// the same office states). One more such record changes no merge decision — the rules
    /// look at which records exist, not how often — and can only change the person's label
    /// (the most used spelling) or, among namesakes, who keeps the bare IRI; both are checked
    /// (`known_people`). Writes the articles and the bumped counts; returns the outcomes and
    /// the index entries that change, or None when the general path must run.
    fn put_known(
        &self,
        ix: &PeopleIndex,
        batch: &[(NamedNode, Option<&[Quad]>)],
        news: &[&[merge::PersonInGraph]],
    ) -> Result<Option<(Outcomes, IndexChange)>> {
        let Some(known) = known_people(ix, news) else {
            return Ok(None);
        };
        let index = NamedNode::new_unchecked(super::iri::ENTITIES);
        let mut entries = Vec::new();
        for (person, extra) in &known.bumps {
            let old = ix.records(person);
            let mut records = old.to_vec();
            let mut quads = ix.quads(person).to_vec();
            for &i in extra.iter().collect::<BTreeSet<_>>() {
                let (r, n) = &old[i];
                records[i].1 += extra.iter().filter(|&&k| k == i).count();
                let quad = |count| {
                    Quad::new(
                        (*person).clone(),
                        merge::name_record(),
                        Literal::new_simple_literal(merge::encode_record(r, count)),
                        index.clone(),
                    )
                };
                match quads.iter().position(|q| q == &quad(*n)) {
                    Some(at) => quads[at] = quad(records[i].1),
                    // The index quad is not as expected: let the general path rebuild it.
                    None => return Ok(None),
                }
            }
            entries.push(((*person).clone(), records, quads));
        }
        let mut outcomes = Vec::with_capacity(news.len());
        let mut changes = Vec::with_capacity(news.len());
        for (k, people) in news.iter().enumerate() {
            let map: HashMap<NamedNode, (NamedNode, String)> = people
                .iter()
                .zip(&known.targets[k])
                .map(|(x, p)| (x.person.clone(), ((*p).clone(), known.labels[p].clone())))
                .collect();
            let mine = batch[k].1.map(|q| merge::rewrite(q, &map));
            changes.push(GraphChange {
                graph: batch[k].0.clone(),
                old: Vec::new(),
                new: mine.clone(),
            });
            outcomes.push((PutOutcome::Added, mine));
        }
        let bumped: Vec<NamedNode> = known.bumps.keys().map(|p| (*p).clone()).collect();
        let old_entries: HashSet<&Quad> = bumped.iter().flat_map(|p| ix.quads(p)).collect();
        let new_entries: HashSet<&Quad> = entries.iter().flat_map(|e| &e.2).collect();
        self.write(&changes, &old_entries, &new_entries)?;
        Ok(Some((outcomes, (bumped, entries))))
    }

    /// Replaces (`Some`) or removes (`None`) article graphs (each graph once) and merges the
    /// people their old and new versions name again, rewriting other articles whose people
    /// change — all in one transaction.
    fn remerge(&self, batch: &[(NamedNode, Option<&[Quad]>)]) -> Result<Outcomes> {
        let mut guard = self.people()?;
        let Some(ix) = guard.as_mut() else {
            return Err(store_error(&self.path, "entities index not loaded"));
        };
        struct Art<'a> {
            old: Vec<merge::PersonInGraph>,
            new: Vec<merge::PersonInGraph>,
            quads: Option<&'a [Quad]>,
        }
        let mut arts = Vec::with_capacity(batch.len());
        let mut existing = Vec::with_capacity(batch.len());
        for (g, quads) in batch {
            let quads_before: Vec<Quad> = self
                .graph_quads(GraphNameRef::NamedNode(g.as_ref()))?
                .into_iter()
                .collect();
            arts.push(Art {
                old: merge::people_in(&quads_before),
                new: quads.map(merge::people_in).unwrap_or_default(),
                quads: *quads,
            });
            existing.push(quads_before);
        }
        // The stored people these names can be (by their words), and those people's
        // namesakes (by the words of their fullest names), for the common case below.
        let names: Vec<String> = arts
            .iter()
            .flat_map(|a| a.old.iter().chain(&a.new))
            .flat_map(|x| x.record.names.iter().flat_map(|n| name_words(n)))
            .collect();
        self.load_people(ix, ix.unloaded(&names))?;
        let fullest: Vec<String> = arts
            .iter()
            .flat_map(|a| &a.new)
            .filter_map(|x| ix.person_of(&x.record))
            .flat_map(|(p, _)| ix.fullest_words(p).iter().cloned())
            .collect();
        self.load_people(ix, ix.unloaded(&fullest))?;
        // The common case, decided without clustering (see `put_known`).
        if existing.iter().all(Vec::is_empty) {
            let news: Vec<&[merge::PersonInGraph]> = arts.iter().map(|a| &a.new[..]).collect();
            if let Some((outcomes, (bumped, entries))) = self.put_known(ix, batch, &news)? {
                ix.replace(&bumped, entries);
                return Ok(outcomes);
            }
        }
        let seeds: Vec<Vec<String>> = arts
            .iter()
            .flat_map(|a| a.old.iter().chain(&a.new))
            .map(|x| full_words(&x.record))
            .collect();
        let persons = self.component(ix, &seeds)?;
        // The stored records of those people: (person, record, its fullest name, count).
        let mut stored: Vec<(&NamedNode, &NameRecord, &FullName, usize)> = Vec::new();
        for p in &persons {
            for ((r, n), f) in ix.records(p).iter().zip(ix.full_names(p)) {
                stored.push((p, r, f, *n));
            }
        }
        // The old versions of these articles no longer count.
        let mut lessened: HashSet<&NamedNode> = HashSet::new();
        for x in arts.iter().flat_map(|a| &a.old) {
            if let Some(r) = stored
                .iter_mut()
                .find(|r| r.0 == &x.person && r.1 == &x.record && r.3 > 0)
            {
                r.3 -= 1;
                lessened.insert(r.0);
            }
        }
        stored.retain(|r| r.3 > 0);
        let new_full: Vec<Vec<FullName>> = arts
            .iter()
            .map(|a| a.new.iter().map(|x| FullName::of(&x.record)).collect())
            .collect();
        let mut records: Vec<&NameRecord> = stored.iter().map(|r| r.1).collect();
        let mut full: Vec<&FullName> = stored.iter().map(|r| r.2).collect();
        let mut weights: Vec<usize> = stored.iter().map(|r| r.3).collect();
        let mut first_new = Vec::with_capacity(arts.len());
        for (a, f) in arts.iter().zip(&new_full) {
            first_new.push(records.len());
            records.extend(a.new.iter().map(|x| &x.record));
            full.extend(f.iter());
            weights.extend(a.new.iter().map(|_| 1));
        }
        let c = cluster_prepared(&records, &full, &weights);
        let iris: Vec<NamedNode> = c
            .people
            .iter()
            .map(|p| {
                NamedNode::new_unchecked(super::iri::entity(&EntityKey::Person(p.slug.clone())))
            })
            .collect();
        let target = |i: usize| -> (NamedNode, String) {
            let k = c.assignment[i].0;
            (iris[k].clone(), c.people[k].label.clone())
        };
        // These articles, people merged; unchanged ones are left alone.
        let mut outcomes = Vec::with_capacity(arts.len());
        let mut changes: Vec<GraphChange> = Vec::new();
        let in_batch: HashSet<&NamedNode> = batch.iter().map(|(g, _)| g).collect();
        for (k, a) in arts.iter().enumerate() {
            let mine = a.quads.map(|q| {
                let mut map = HashMap::new();
                for (j, x) in a.new.iter().enumerate() {
                    map.insert(x.person.clone(), target(first_new[k] + j));
                }
                merge::rewrite(q, &map)
            });
            let before = &existing[k];
            let outcome = if before.is_empty() {
                PutOutcome::Added
            } else if mine.as_ref().is_some_and(|m| {
                let before: HashSet<&Quad> = before.iter().collect();
                m.len() == before.len() && m.iter().all(|q| before.contains(q))
            }) {
                PutOutcome::Unchanged
            } else {
                PutOutcome::Replaced
            };
            if outcome != PutOutcome::Unchanged {
                changes.push(GraphChange {
                    graph: batch[k].0.clone(),
                    old: std::mem::take(&mut existing[k]),
                    new: mine.clone(),
                });
            }
            outcomes.push((outcome, mine));
        }
        if changes.is_empty() {
            return Ok(outcomes);
        }
        // A merged person is unchanged when it is exactly one stored person — all of their
        // records, none lessened, nothing new, the same IRI. Most of the people an article
        // reaches are; nothing about them is read, compared or written again.
        let mut sources: Vec<BTreeSet<&NamedNode>> = vec![BTreeSet::new(); c.people.len()];
        let mut from_stored = vec![0usize; c.people.len()];
        let mut fresh = vec![false; c.people.len()];
        for i in 0..records.len() {
            let k = c.assignment[i].0;
            if i < stored.len() {
                sources[k].insert(stored[i].0);
                from_stored[k] += 1;
            } else {
                fresh[k] = true;
            }
        }
        let unchanged: Vec<bool> = (0..c.people.len())
            .map(|k| {
                !fresh[k]
                    && sources[k].len() == 1
                    && sources[k].iter().all(|p| {
                        **p == iris[k]
                            && !lessened.contains(*p)
                            && ix.records(p).len() == from_stored[k]
                    })
            })
            .collect();
        // Stored people whose IRI or label changes: rewrite the articles naming them that way.
        let mut moved: BTreeMap<NamedNode, Vec<(NameRecord, NamedNode, String)>> = BTreeMap::new();
        // A person has several records but one stored label: look it up once per person.
        let mut relabelled: HashMap<&NamedNode, bool> = HashMap::new();
        for (i, (person, record, _, _)) in stored.iter().enumerate() {
            let k = c.assignment[i].0;
            if unchanged[k] {
                continue;
            }
            let label = &c.people[k].label;
            let changed = if &iris[k] != *person {
                true
            } else if let Some(&d) = relabelled.get(person) {
                d
            } else {
                let d = self.label_differs(person, label)?;
                relabelled.insert(person, d);
                d
            };
            if changed {
                moved.entry((*person).clone()).or_default().push((
                    (*record).clone(),
                    iris[k].clone(),
                    label.clone(),
                ));
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
        // Each of those graphs is read only where it names a moved person (as subject, object,
        // or inside a reified triple term): renaming someone named in hundreds of articles
        // then reads and diffs a few quads per article, not whole graphs. Every moved person
        // counts, not only the ones this graph renames, so that a triple dropped by one graph
        // but still stated by another changed graph is seen to stay (see `write`).
        let movers: Vec<&NamedNode> = moved.keys().collect();
        for (graph, map) in maps {
            let theirs = self.quads_naming(&graph, &movers)?;
            let new = merge::rewrite(&theirs, &map);
            changes.push(GraphChange {
                graph,
                old: theirs,
                new: Some(new),
            });
        }
        // The index after the change, for the people who change: their counted records and
        // name words.
        let index = NamedNode::new_unchecked(super::iri::ENTITIES);
        let mut entries = Vec::new();
        for (k, person) in c.people.iter().enumerate() {
            if unchanged[k] {
                continue;
            }
            // (sorted names, states) → count
            let mut recs: BTreeMap<(Vec<String>, Vec<String>), usize> = BTreeMap::new();
            for &i in &person.records {
                let mut names = records[i].names.clone();
                names.sort();
                let states = records[i].states.iter().cloned().collect();
                *recs.entry((names, states)).or_default() += weights[i];
            }
            let iri = &iris[k];
            let mut quads = Vec::new();
            let mut counts = Vec::new();
            let mut words = BTreeSet::new();
            for ((names, states), count) in recs {
                let record = NameRecord {
                    names,
                    states: states.into_iter().collect(),
                };
                quads.push(Quad::new(
                    iri.clone(),
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
                    iri.clone(),
                    merge::name_token(),
                    Literal::new_simple_literal(w),
                    index.clone(),
                ));
            }
            entries.push((iri.clone(), counts, quads));
        }
        // Stored people whose entries go: all but the unchanged.
        let kept: HashSet<&NamedNode> = (0..c.people.len())
            .filter(|&k| unchanged[k])
            .map(|k| &iris[k])
            .collect();
        let rewritten: Vec<NamedNode> = persons
            .iter()
            .filter(|p| !kept.contains(p))
            .cloned()
            .collect();
        let old_entries: HashSet<&Quad> = rewritten.iter().flat_map(|p| ix.quads(p)).collect();
        let new_entries: HashSet<&Quad> = entries.iter().flat_map(|e| &e.2).collect();
        self.write(&changes, &old_entries, &new_entries)?;
        ix.replace(&rewritten, entries);
        Ok(outcomes)
    }

    /// The people of the stored articles, one record per article, that merging would look at
    /// for these names (given as their folded words) — what `explain` needs to give the rule
    /// for each article.
    pub fn people_near(
        &self,
        names: impl IntoIterator<Item = Vec<String>>,
    ) -> Result<Vec<merge::PersonInGraph>> {
        let seeds: Vec<Vec<String>> = names.into_iter().collect();
        let persons = match self.people()?.as_mut() {
            Some(ix) => self.component(ix, &seeds)?,
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

    /// The entities the given article graphs mention (`schema:mentions`), as stored.
    pub fn entities_mentioned(&self, graphs: &[String]) -> Result<BTreeSet<String>> {
        let mentions = NamedNode::new_unchecked(format!("{}mentions", super::vocab::SCHEMA));
        let mut out = BTreeSet::new();
        for g in graphs {
            let Ok(g) = NamedNode::new(g.as_str()) else {
                continue;
            };
            for q in self.store.quads_for_pattern(
                None,
                Some(mentions.as_ref()),
                None,
                Some(GraphNameRef::NamedNode(g.as_ref())),
            ) {
                let q = q.map_err(|e| store_error(&self.path, e))?;
                if let Term::NamedNode(n) = q.object {
                    out.insert(n.into_string());
                }
            }
        }
        Ok(out)
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

    /// The quads of one graph that name any of these entities: as subject, as object, or in
    /// the triple term an `rdf:reifies` points to. Without duplicates, in no given order.
    fn quads_naming(&self, graph: &NamedNode, entities: &[&NamedNode]) -> Result<Vec<Quad>> {
        let err = |e: StorageError| store_error(&self.path, e);
        let g = GraphNameRef::NamedNode(graph.as_ref());
        let mut out: HashSet<Quad> = HashSet::new();
        for e in entities {
            for q in self
                .store
                .quads_for_pattern(Some(e.as_ref().into()), None, None, Some(g))
                .chain(
                    self.store
                        .quads_for_pattern(None, None, Some(e.as_ref().into()), Some(g)),
                )
            {
                out.insert(q.map_err(err)?);
            }
        }
        let reifies = NamedNode::new_unchecked(format!("{}reifies", super::vocab::RDF));
        for q in self
            .store
            .quads_for_pattern(None, Some(reifies.as_ref()), None, Some(g))
        {
            let q = q.map_err(err)?;
            if let Term::Triple(t) = &q.object {
                let named = |n: &NamedNode| entities.contains(&n);
                let in_subject = matches!(&t.subject, NamedOrBlankNode::NamedNode(n) if named(n));
                let in_object = matches!(&t.object, Term::NamedNode(n) if named(n));
                if in_subject || in_object {
                    out.insert(q);
                }
            }
        }
        Ok(out.into_iter().collect())
    }

    /// Whether a person's label (in the default graph) is not exactly `label`.
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
        // Triples of quads that go, of quads that come, and of every changed graph's new
        // version (a triple that one changed graph drops and another states stays).
        let mut gone_triples: HashSet<Triple> = HashSet::new();
        let mut added_triples: HashSet<Triple> = HashSet::new();
        let mut written = 0;
        let fresh: Vec<(&NamedNode, &Vec<Quad>)> = changes
            .iter()
            .filter(|c| c.old.is_empty())
            .filter_map(|c| c.new.as_ref().map(|q| (&c.graph, q)))
            .collect();
        let bulk = fresh.iter().map(|(_, q)| q.len()).sum::<usize>() >= self.bulk_min_quads;
        if bulk {
            self.bulk_load_pending(&fresh)?;
            #[cfg(test)]
            if self.stop_after_bulk {
                return Err(store_error(
                    &self.path,
                    "stopped after the bulk load (test)",
                ));
            }
        }
        let mut t = self.store.start_transaction().map_err(err)?;
        for c in changes {
            let named = NamedOrBlankNode::NamedNode(c.graph.clone());
            match &c.new {
                // A new graph, bulk loaded already (with its default-graph triples).
                Some(_) if c.old.is_empty() && bulk => {}
                // A new graph.
                Some(quads) if c.old.is_empty() => {
                    t.insert_named_graph(named.as_ref());
                    t.extend(quads.iter());
                    added_triples.extend(quads.iter().map(|q| Triple::from(q.clone())));
                    written += quads.len();
                }
                // A changed graph: only the quads that differ are written, so that renaming a
                // person in an article rewrites the few quads about them, not the article.
                Some(quads) => {
                    let old: HashSet<&Quad> = c.old.iter().collect();
                    let new: HashSet<&Quad> = quads.iter().collect();
                    for q in old.difference(&new) {
                        t.remove(q.as_ref());
                        gone_triples.insert(Triple::from((*q).clone()));
                        written += 1;
                    }
                    for q in new.difference(&old) {
                        t.insert(q.as_ref());
                        added_triples.insert(Triple::from((*q).clone()));
                        written += 1;
                    }
                }
                None => {
                    t.clear_graph(GraphNameRef::NamedNode(c.graph.as_ref()))
                        .map_err(err)?;
                    t.remove_named_graph(named.as_ref()).map_err(err)?;
                    gone_triples.extend(c.old.iter().map(|q| Triple::from(q.clone())));
                    written += c.old.len();
                }
            }
        }
        // Triples no changed graph states any more leave the union, unless another article
        // (one not changed here, read as committed) still states them. The new versions'
        // triples are only needed then (most batches only add articles).
        let new_triples: HashSet<Triple> = if gone_triples.is_empty() {
            HashSet::new()
        } else {
            changes
                .iter()
                .flat_map(|c| c.new.iter().flatten())
                .map(|q| Triple::from(q.clone()))
                .collect()
        };
        for triple in gone_triples.difference(&new_triples) {
            if !self.stated_by_another(triple, |g| changed.contains(g))? {
                t.remove(triple.as_ref().in_graph(GraphNameRef::DefaultGraph));
            }
        }
        // Triples that come are in the union already if some article stated them before;
        // inserting them again is harmless.
        for triple in &added_triples {
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
        if bulk {
            // The batch is whole once this commits: its journal goes with it.
            let pending = NamedNode::new_unchecked(super::iri::PENDING);
            t.remove_named_graph(NamedOrBlankNodeRef::NamedNode(pending.as_ref()))
                .map_err(err)?;
        }
        if let Err(e) = t.commit() {
            // The new articles are stored without the rest of the batch: take them out
            // again now rather than at the next open (a second error is the first's cause).
            if bulk {
                let _ = self.roll_back_pending();
            }
            return Err(err(e));
        }
        self.wrote(written + gone_triples.len() + added_triples.len() + new_entries.len())
    }

    /// Stores new article graphs with the bulk loader, in one atomic load with their triples
    /// in the default graph and a journal of them in [`super::iri::PENDING`]: the caller's
    /// transaction then writes the rest of the batch and empties the journal. A load that
    /// fails stores nothing.
    fn bulk_load_pending(&self, fresh: &[(&NamedNode, &Vec<Quad>)]) -> Result<()> {
        let err = |e: StorageError| store_error(&self.path, e);
        let pending = NamedNode::new_unchecked(super::iri::PENDING);
        let kind = NamedNode::new_unchecked(format!("{}PendingArticle", super::vocab::NG));
        let rdf_type = NamedNode::new_unchecked(format!("{}type", super::vocab::RDF));
        let total: usize = fresh.iter().map(|(_, q)| q.len()).sum();
        let mut quads: Vec<Quad> = Vec::with_capacity(2 * total + fresh.len());
        for (graph, qs) in fresh {
            quads.push(Quad::new(
                (*graph).clone(),
                rdf_type.clone(),
                kind.clone(),
                pending.clone(),
            ));
            // Each quad and its triple in the default graph; the loader drops repeats.
            for q in qs.iter() {
                quads.push(q.clone());
                let mut t = q.clone();
                t.graph_name = GraphName::DefaultGraph;
                quads.push(t);
            }
        }
        // One loader thread: the extraction workers have the other cores.
        let mut loader = self.store.bulk_loader().with_num_threads(1);
        loader.load_quads(quads).map_err(err)?;
        loader.commit().map_err(err)
    }

    /// Whether an article graph other than the `skipped` ones states this triple, as
    /// committed: a triple that leaves the graphs being written stays in the default graph
    /// then.
    fn stated_by_another(
        &self,
        triple: &Triple,
        skipped: impl Fn(&NamedNode) -> bool,
    ) -> Result<bool> {
        for q in self.store.quads_for_pattern(
            Some(triple.subject.as_ref()),
            Some(triple.predicate.as_ref()),
            Some(triple.object.as_ref()),
            None,
        ) {
            let q = q.map_err(|e| store_error(&self.path, e))?;
            if let GraphName::NamedNode(n) = &q.graph_name {
                if super::iri::in_default_graph(n.as_str()) && !skipped(n) {
                    return Ok(true);
                }
            }
        }
        Ok(false)
    }

    /// How many article graphs a batch cut short left in the journal
    /// ([`super::iri::PENDING`]): stored, but not the rest of their batch, until the next
    /// write-open takes them out. 0 for a store whose every batch was stored whole.
    pub fn pending_articles(&self) -> Result<usize> {
        let pending = NamedNode::new_unchecked(super::iri::PENDING);
        Ok(self
            .graph_quads(GraphNameRef::NamedNode(pending.as_ref()))?
            .len())
    }

    /// Takes out the article graphs a batch left in the journal ([`super::iri::PENDING`]) —
    /// stored, but not the rest of their batch — with their triples that no other article
    /// states from the default graph, in one transaction. Returns how many there were.
    fn roll_back_pending(&self) -> Result<usize> {
        let err = |e: StorageError| store_error(&self.path, e);
        let pending = NamedNode::new_unchecked(super::iri::PENDING);
        let journal = self.graph_quads(GraphNameRef::NamedNode(pending.as_ref()))?;
        if journal.is_empty() && !self.has_graph(pending.as_ref())? {
            return Ok(0);
        }
        let graphs: HashSet<NamedNode> = journal
            .into_iter()
            .filter_map(|q| match q.subject {
                NamedOrBlankNode::NamedNode(g) => Some(g),
                NamedOrBlankNode::BlankNode(_) => None,
            })
            .collect();
        let mut t = self.store.start_transaction().map_err(err)?;
        let mut triples: HashSet<Triple> = HashSet::new();
        for g in &graphs {
            let gref = GraphNameRef::NamedNode(g.as_ref());
            triples.extend(self.graph_quads(gref)?.into_iter().map(Triple::from));
            t.clear_graph(gref).map_err(err)?;
            t.remove_named_graph(NamedOrBlankNodeRef::NamedNode(g.as_ref()))
                .map_err(err)?;
        }
        for triple in &triples {
            if !self.stated_by_another(triple, |g| graphs.contains(g))? {
                t.remove(triple.as_ref().in_graph(GraphNameRef::DefaultGraph));
            }
        }
        t.remove_named_graph(NamedOrBlankNodeRef::NamedNode(pending.as_ref()))
            .map_err(err)?;
        t.commit().map_err(err)?;
        Ok(graphs.len())
    }

    /// Counts quads written, flushing the memtables when enough have been (see
    /// [`FLUSH_EVERY`]).
    fn wrote(&self, quads: usize) -> Result<()> {
        use std::sync::atomic::Ordering;
        let total = self.unflushed.fetch_add(quads, Ordering::Relaxed) + quads;
        if total >= FLUSH_EVERY && !self.flushing.swap(true, Ordering::AcqRel) {
            self.unflushed.store(0, Ordering::Relaxed);
            let (store, flushing) = (self.store.clone(), self.flushing.clone());
            // A failed flush loses nothing (the write-ahead log has every commit, and RocksDB
            // flushes by itself later), so its error is not the writer's.
            std::thread::spawn(move || {
                #[cfg(feature = "store")]
                let _ = store.flush();
                #[cfg(not(feature = "store"))]
                drop(store);
                flushing.store(false, Ordering::Release);
            });
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Generator;
    use crate::lexicon::Lexicon;
    use crate::pipeline::{Extractor, LangChoice};
    use crate::rdf::{article_quads, Reification};

    /// Generated articles as (graph, quads) the way `ingest` makes them, and a second version
    /// of some of them (same ids, more text).
    /// Article graphs as (graph IRI, quads).
    type Graphs = Vec<(String, Vec<Quad>)>;

    fn articles(n: usize) -> (Graphs, Graphs) {
        let lex = Lexicon::builtin().expect("lexicon");
        let mut arts: Vec<crate::input::Article> = Generator::new(&lex, 7)
            .take(n)
            .map(|a| a.into_article("test"))
            .collect();
        let x = Extractor::with_lexicon(lex);
        let build = |a: &crate::input::Article| {
            let g = x.extract(a, LangChoice::Auto, None);
            (g.meta.iri.clone(), article_quads(&g, Reification::Rdf12))
        };
        let first: Vec<_> = arts.iter().map(build).collect();
        for a in arts.iter_mut().take(60).step_by(5) {
            a.text.push_str(
                " Rais wa Kenya William Ruto alikutana na Rais wa Uganda Yoweri Museveni.",
            );
        }
        let second: Vec<_> = arts.iter().take(60).step_by(5).map(build).collect();
        (first, second)
    }

    fn put(store: &GraphStore, batch: &[(String, Vec<Quad>)]) -> Result<Vec<PutOutcome>> {
        let items: Vec<(&str, &[Quad])> = batch
            .iter()
            .map(|(g, q)| (g.as_str(), q.as_slice()))
            .collect();
        Ok(store
            .put_articles_merged(&items)?
            .into_iter()
            .map(|(o, _)| o)
            .collect())
    }

    #[test]
    fn bulk_loaded_batches_store_what_transactions_store() {
        let (first, second) = articles(72);
        let (first, later) = first.split_at(60);
        let dir = tempfile::tempdir().expect("tempdir");
        let mut txn = GraphStore::open(&dir.path().join("txn")).expect("store");
        txn.bulk_min_quads = usize::MAX;
        let mut bulk = GraphStore::open(&dir.path().join("bulk")).expect("store");
        bulk.bulk_min_quads = 0;
        for store in [&txn, &bulk] {
            for chunk in first.chunks(12) {
                let outcomes = put(store, chunk).expect("put");
                assert!(outcomes.iter().all(|o| *o == PutOutcome::Added));
            }
            // Replaced articles and new ones in one batch: the new ones are bulk loaded, the
            // replaced ones (and the people merging rewrites) go through the transaction.
            let mut mixed = second.clone();
            mixed.extend(later.iter().cloned());
            put(store, &mixed).expect("put");
            assert!(store.remove_article(&first[1].0).expect("remove"));
        }
        let (a, b) = (txn.quads().expect("quads"), bulk.quads().expect("quads"));
        assert!(a.len() > 1000, "{} quads", a.len());
        let only = |x: &[Quad], y: &[Quad]| -> Vec<String> {
            let y: HashSet<&Quad> = y.iter().collect();
            x.iter()
                .filter(|q| !y.contains(q))
                .map(|q| q.to_string())
                .collect()
        };
        assert!(
            a == b,
            "only txn: {:#?}\nonly bulk: {:#?}",
            only(&a, &b),
            only(&b, &a)
        );
        assert!(crate::rdf::check(&bulk).expect("check").is_consistent());
        // Nothing is left in the journal.
        let pending = NamedNode::new_unchecked(super::super::iri::PENDING);
        assert!(!bulk.has_graph(pending.as_ref()).expect("has_graph"));
    }

    #[test]
    fn a_batch_cut_between_its_two_commits_is_taken_out_at_the_next_open() {
        let (first, _) = articles(40);
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("store");
        let before = {
            let mut store = GraphStore::open(&path).expect("store");
            store.bulk_min_quads = 0;
            put(&store, &first[..20]).expect("put");
            let before = store.quads().expect("quads");
            store.stop_after_bulk = true;
            assert!(put(&store, &first[20..]).is_err());
            before
        };
        // Cut there, the store is still consistent for readers: the new articles stand alone.
        {
            let reader = GraphStore::open_read_only(&path).expect("reader");
            assert!(crate::rdf::check(&reader).expect("check").is_consistent());
            let g = NamedNode::new_unchecked(first[30].0.clone());
            assert!(reader.has_graph(g.as_ref()).expect("has_graph"));
            assert_eq!(reader.pending_articles().expect("pending"), 20);
        }
        // The next writer takes them out: the store is as before the batch.
        let store = GraphStore::open(&path).expect("store");
        assert_eq!(store.quads().expect("quads"), before);
        assert_eq!(store.pending_articles().expect("pending"), 0);
        // And storing the batch again gives what storing it whole gives.
        put(&store, &first[20..]).expect("put");
        let whole = GraphStore::open(&dir.path().join("whole")).expect("store");
        put(&whole, &first[..20]).expect("put");
        put(&whole, &first[20..]).expect("put");
        assert_eq!(store.quads().expect("quads"), whole.quads().expect("quads"));
    }
}
