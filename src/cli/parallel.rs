//! Extraction at scale: `ingest` extracts on every core while one thread writes, in input
//! order; `extract --format nquads` streams article by article. Both read JSON Lines a line at
//! a time (through `for_each_article`), so memory stays bounded whatever the input's size.

use super::commands::for_each_article;
use anyhow::{anyhow, Result};
use indicatif::ProgressBar;
use newsgraph::graph::ArticleGraph;
use newsgraph::input::Article;
use newsgraph::pipeline::LangChoice;
use newsgraph::rdf::{article_nquads, article_quads, Reification};
use newsgraph::Extractor;
use oxigraph::model::Quad;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::sync::{mpsc, Mutex};

/// One extracted article, ready to store.
pub(super) struct Extracted {
    pub article: Article,
    pub graph: ArticleGraph,
    pub quads: Vec<Quad>,
}

/// How to extract: the command's options.
#[derive(Clone, Copy)]
pub(super) struct Settings<'a> {
    pub lang: LangChoice,
    pub date: Option<&'a str>,
    pub reification: Reification,
}

/// Articles a worker may hold at once, per worker: enough to keep the workers busy while the
/// writer commits, few enough that memory does not grow with the input.
const IN_FLIGHT_PER_WORKER: usize = 8;

/// Reads every input and extracts the articles on all cores, calling `write` for each in input
/// order on the calling thread (the store's one writer). Returns the number of bad articles,
/// as `for_each_article` does; the first error of `write` stops everything and is returned.
pub(super) fn for_each_extracted(
    extractor: &Extractor,
    files: &[PathBuf],
    strict: bool,
    progress: &ProgressBar,
    settings: Settings<'_>,
    mut write: impl FnMut(Extracted) -> Result<()>,
) -> Result<usize> {
    let extract = |article: Article| {
        let graph = extractor.extract(&article, settings.lang, settings.date);
        let quads = article_quads(&graph, settings.reification);
        Extracted {
            article,
            graph,
            quads,
        }
    };
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    if workers == 1 {
        return for_each_article(files, strict, progress, |a| write(extract(a)));
    }
    let in_flight = workers * IN_FLIGHT_PER_WORKER;
    let (job_tx, job_rx) = mpsc::sync_channel::<(usize, Article)>(in_flight);
    let job_rx = Mutex::new(job_rx);
    std::thread::scope(|scope| {
        let (done_tx, done_rx) = mpsc::channel::<(usize, Extracted)>();
        // Tickets bound the articles between reader and writer: the reader takes one per
        // article, the writer gives it back once the article is stored.
        let (ticket_tx, ticket_rx) = mpsc::sync_channel::<()>(in_flight);
        for _ in 0..in_flight {
            ticket_tx
                .send(())
                .map_err(|_| anyhow!("internal error: ticket channel closed"))?;
        }
        let reader = scope.spawn(move || {
            let mut seq = 0usize;
            for_each_article(files, strict, progress, |article| {
                let stopped = || anyhow!("stopped");
                ticket_rx.recv().map_err(|_| stopped())?;
                job_tx.send((seq, article)).map_err(|_| stopped())?;
                seq += 1;
                Ok(())
            })
        });
        for _ in 0..workers {
            let done_tx = done_tx.clone();
            let job_rx = &job_rx;
            let extract = &extract;
            scope.spawn(move || loop {
                let job = match job_rx.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => return,
                };
                let Ok((seq, article)) = job else { return };
                if done_tx.send((seq, extract(article))).is_err() {
                    return;
                }
            });
        }
        drop(done_tx);
        // Results come back in any order; they are written in input order.
        let mut pending: BTreeMap<usize, Extracted> = BTreeMap::new();
        let mut next = 0usize;
        let mut written: Result<()> = Ok(());
        'receive: for (seq, e) in done_rx.iter() {
            pending.insert(seq, e);
            while let Some(e) = pending.remove(&next) {
                next += 1;
                if let Err(err) = write(e) {
                    written = Err(err);
                    break 'receive;
                }
                // The reader may have finished and gone: no one needs the ticket then.
                let _ = ticket_tx.send(());
            }
        }
        // Closing the channels stops the reader and the workers after an error.
        drop(done_rx);
        drop(ticket_tx);
        let read = reader
            .join()
            .map_err(|_| anyhow!("internal error: the reading thread panicked"))?;
        written?;
        read
    })
}

/// `extract --format nquads`, one article at a time: each article's quads (sorted, as
/// `article_quads` gives them) are written as soon as it is extracted, in input order, so the
/// output starts at once and memory does not grow with the input.
pub(super) fn extract_nquads_streaming(
    extractor: &Extractor,
    files: &[PathBuf],
    lang: LangChoice,
    date: Option<&str>,
    reification: Reification,
) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    for_each_article(files, false, &ProgressBar::hidden(), |article| {
        let g = extractor.extract(&article, lang, date);
        for line in article_nquads(&g, reification) {
            out.write_all(line.as_bytes())?;
            out.write_all(b" .\n")?;
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(())
}
