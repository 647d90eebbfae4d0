//! Storing many new articles at once with Oxigraph's bulk loader: it writes sorted files
//! straight into RocksDB instead of going through a transaction's memtable inserts, which are
//! the slowest part of `ingest` (see README "Performance"). The loader commits atomically, so
//! each article is still stored whole or not at all.

use super::store::{GraphStore, PutOutcome};
use crate::error::{Error, Result};
use oxigraph::model::{GraphName, NamedNode, Quad, Triple};
use std::collections::HashSet;

impl GraphStore {
    /// Stores several articles and returns their outcomes in order — like
    /// [`GraphStore::put_article`] one by one, except that new articles are stored as given:
    /// their people are **not** merged with the stored ones (which is why `ingest` does not use
    /// it yet; the benches measure it as the store's upper bound). Articles whose graph is new are bulk loaded together (with
    /// their triples in the default graph, the union of the article graphs); one whose graph
    /// exists already, or that comes twice, goes through `put_article` after the new ones
    /// before it are committed, so the order of the input is kept.
    pub fn put_articles(&self, articles: &[(String, Vec<Quad>)]) -> Result<Vec<PutOutcome>> {
        let mut outcomes = Vec::with_capacity(articles.len());
        let mut pending: Vec<&(String, Vec<Quad>)> = Vec::new();
        let mut pending_graphs: HashSet<&str> = HashSet::new();
        for article in articles {
            let (graph, _) = article;
            let node = NamedNode::new(graph.as_str())
                .map_err(|e| Error::BadInput(format!("{graph}: {e}")))?;
            let seen = pending_graphs.contains(graph.as_str()) || self.has_graph(node.as_ref())?;
            if seen {
                self.bulk_load(&pending)?;
                pending.clear();
                pending_graphs.clear();
                outcomes.push(self.put_article(graph, &article.1)?);
            } else {
                pending.push(article);
                pending_graphs.insert(graph.as_str());
                outcomes.push(PutOutcome::Added);
            }
        }
        self.bulk_load(&pending)?;
        Ok(outcomes)
    }

    fn bulk_load(&self, articles: &[&(String, Vec<Quad>)]) -> Result<()> {
        if articles.is_empty() {
            return Ok(());
        }
        let err = |e: oxigraph::store::StorageError| Error::Store {
            path: self.path().to_path_buf(),
            message: e.to_string(),
        };
        let mut union: HashSet<Triple> = HashSet::new();
        let mut quads: Vec<Quad> = Vec::new();
        for (_, q) in articles {
            quads.extend(q.iter().cloned());
            union.extend(q.iter().map(|q| Triple::from(q.clone())));
        }
        quads.extend(
            union
                .into_iter()
                .map(|t| t.in_graph(GraphName::DefaultGraph)),
        );
        // One loader thread: the extraction workers have the other cores.
        let mut loader = self.inner().bulk_loader().with_num_threads(1);
        loader.load_quads(quads).map_err(err)?;
        loader.commit().map_err(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Generator;
    use crate::lexicon::Lexicon;
    use crate::pipeline::{Extractor, LangChoice};
    use crate::rdf::{article_quads, Reification};

    #[test]
    fn bulk_batches_store_what_one_by_one_stores() {
        let lex = Lexicon::builtin().expect("lexicon");
        let mut articles: Vec<crate::input::Article> = Generator::new(&lex, 3)
            .take(12)
            .map(|a| crate::input::Article {
                id: a.id,
                title: Some(a.title),
                text: a.text,
                date: Some(a.date),
                url: None,
                lang: None,
                source: "test".into(),
            })
            .collect();
        // The same id twice, changed: replaced, as ingest does.
        let mut again = articles[2].clone();
        again
            .text
            .push_str(" Rais wa Kenya William Ruto alikutana na Rais wa Uganda.");
        articles.push(again);
        let x = Extractor::with_lexicon(lex);
        let batch: Vec<(String, Vec<Quad>)> = articles
            .iter()
            .map(|a| {
                let g = x.extract(a, LangChoice::Auto, None);
                (g.meta.iri.clone(), article_quads(&g, Reification::Rdf12))
            })
            .collect();
        let dir = tempfile::tempdir().expect("tempdir");
        let one = GraphStore::open(&dir.path().join("one")).expect("store");
        let expected: Vec<PutOutcome> = batch
            .iter()
            .map(|(g, q)| one.put_article(g, q).expect("put"))
            .collect();
        let bulk = GraphStore::open(&dir.path().join("bulk")).expect("store");
        let (first, rest) = batch.split_at(5);
        let mut got = bulk.put_articles(first).expect("bulk");
        got.extend(bulk.put_articles(rest).expect("bulk"));
        assert_eq!(got, expected);
        // The same article graphs (their people are not merged by the bulk path, so the quads
        // themselves differ where a person is named differently across articles).
        let graphs = |s: &GraphStore| -> Vec<String> {
            let mut g: Vec<String> = s
                .quads()
                .expect("quads")
                .into_iter()
                .filter_map(|q| match q.graph_name {
                    GraphName::NamedNode(n) if n.as_str().contains("/article/") => {
                        Some(n.as_str().to_string())
                    }
                    _ => None,
                })
                .collect();
            g.sort();
            g.dedup();
            g
        };
        assert_eq!(graphs(&bulk), graphs(&one));
        let g = NamedNode::new_unchecked(batch[0].0.clone());
        assert!(bulk.has_graph(g.as_ref()).expect("has_graph"));
        // Unchanged on a second pass.
        assert!(bulk
            .put_articles(&batch[..2])
            .expect("bulk")
            .iter()
            .all(|o| *o == PutOutcome::Unchanged));
    }
}
