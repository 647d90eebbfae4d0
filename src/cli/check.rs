//! `newsgraph check`: verifies a store (the work is `newsgraph::rdf::check`) and prints each
//! problem on its own line, then the counts. Exit 0 when the store is consistent, 1 when not.

use super::StoreArg;
use anyhow::{anyhow, Result};
use indicatif::{ProgressBar, ProgressStyle};
use newsgraph::rdf::{check_with_progress, CheckStep, GraphStore};
use std::io::Write;

/// Runs the command.
pub(super) fn check_store(a: StoreArg) -> Result<()> {
    // Read-only: a check can run next to a writer (it sees the store as it was when opened).
    let store = GraphStore::open_read_only(&a.store)?;
    // Progress on stderr (drawn only on a terminal): a check reads the whole store.
    let pb = ProgressBar::new_spinner();
    let spinner = ProgressStyle::with_template("{spinner} {msg} {elapsed}")
        .unwrap_or_else(|_| ProgressStyle::default_spinner());
    pb.set_style(spinner.clone());
    pb.enable_steady_tick(std::time::Duration::from_millis(200));
    let bar =
        ProgressStyle::with_template("{spinner} checking graphs {wide_bar} {pos}/{len} {elapsed}");
    let mut in_graphs = false;
    let report = check_with_progress(&store, &mut |step| match step {
        CheckStep::Indexes => pb.set_message("checking Oxigraph's indexes"),
        CheckStep::Graphs { done, total } => {
            if !in_graphs {
                in_graphs = true;
                if let Ok(style) = &bar {
                    pb.set_style(style.clone());
                }
                pb.set_length(total as u64);
            }
            pb.set_position(done as u64);
        }
        CheckStep::DefaultGraph { done } => {
            if in_graphs {
                in_graphs = false;
                pb.set_style(spinner.clone());
            }
            pb.set_message(format!("checking the default graph: {done} triples"));
        }
    });
    pb.finish_and_clear();
    let report = report?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for p in &report.problems {
        writeln!(out, "problem: {p}")?;
    }
    if report.unlisted > 0 {
        writeln!(out, "problem: … and {} more", report.unlisted)?;
    }
    writeln!(out, "{:<32} {:>8}", "articles", report.articles)?;
    writeln!(out, "{:<32} {:>8}", "named graphs", report.graphs)?;
    writeln!(out, "{:<32} {:>8}", "quads", report.quads)?;
    writeln!(
        out,
        "{:<32} {:>8}",
        "default-graph triples", report.default_triples
    )?;
    let pending = store.pending_articles()?;
    if pending > 0 {
        writeln!(
            out,
            "note: {pending} article{} of a batch cut short (a writer stopped between its two \
             commits) are stored without the rest of the batch; the next write to the store \
             takes them out, and ingesting the input again stores the batch whole",
            if pending == 1 { "" } else { "s" }
        )?;
    }
    if report.is_consistent() {
        writeln!(out, "consistent")?;
        out.flush()?;
        Ok(())
    } else {
        out.flush()?;
        let n = report.problem_count();
        Err(anyhow!(
            "store {} is not consistent: {n} problem{}",
            a.store.display(),
            if n == 1 { "" } else { "s" }
        ))
    }
}
