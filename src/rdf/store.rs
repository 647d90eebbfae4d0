//! The embedded Oxigraph store (RocksDB): one named graph per article, written in one
//! transaction each, so an article is stored whole or not at all.

use crate::error::{Error, Result};
use oxigraph::model::{
    GraphName, GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Triple,
};
use oxigraph::store::StorageError;
use oxigraph::store::Store;
use std::collections::HashSet;
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
    /// all be in `graph`.
    ///
    /// The store's default graph is kept as the set union of all article graphs (each triple
    /// once, however many articles state it), so that SPARQL over the default graph has RDF
    /// merge semantics; `GRAPH ?g` still sees each article alone.
    pub fn put_article(&self, graph: &str, quads: &[Quad]) -> Result<PutOutcome> {
        let g = NamedNode::new(graph).map_err(|e| Error::BadInput(format!("{graph}: {e}")))?;
        let gref = GraphNameRef::NamedNode(g.as_ref());
        let err = |e: StorageError| store_error(&self.path, e);
        let existing = self.graph_quads(gref)?;
        let new: HashSet<&Quad> = quads.iter().collect();
        if !existing.is_empty()
            && existing.len() == new.len()
            && new.iter().all(|q| existing.contains(*q))
        {
            return Ok(PutOutcome::Unchanged);
        }
        let new_triples: HashSet<Triple> = quads.iter().map(|q| Triple::from(q.clone())).collect();
        let mut t = self.store.start_transaction().map_err(err)?;
        // Triples only this article stated leave the union.
        for q in &existing {
            let triple = Triple::from(q.clone());
            if new_triples.contains(&triple) {
                continue;
            }
            let stated_elsewhere = t
                .quads_for_pattern(
                    Some(triple.subject.as_ref()),
                    Some(triple.predicate.as_ref()),
                    Some(triple.object.as_ref()),
                    None,
                )
                .filter_map(std::result::Result::ok)
                .any(|o| {
                    // Only other article graphs count: not the union itself, not the
                    // background facts.
                    o.graph_name.as_ref() != gref
                        && matches!(&o.graph_name, GraphName::NamedNode(n)
                            if super::iri::in_default_graph(n.as_str()))
                });
            if !stated_elsewhere {
                t.remove(triple.as_ref().in_graph(GraphNameRef::DefaultGraph));
            }
        }
        t.clear_graph(gref).map_err(err)?;
        t.insert_named_graph(NamedOrBlankNode::NamedNode(g.clone()).as_ref());
        t.extend(quads.iter());
        for triple in &new_triples {
            t.insert(triple.as_ref().in_graph(GraphNameRef::DefaultGraph));
        }
        t.commit().map_err(err)?;
        Ok(if existing.is_empty() {
            PutOutcome::Added
        } else {
            PutOutcome::Replaced
        })
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
