//! `newsgraph check`: verifies a store (the work is `newsgraph::rdf::check`) and prints each
//! problem on its own line, then the counts. Exit 0 when the store is consistent, 1 when not.

use super::StoreArg;
use anyhow::{anyhow, Result};
use newsgraph::rdf::{check, GraphStore};
use std::io::Write;

/// Runs the command.
pub(super) fn check_store(a: StoreArg) -> Result<()> {
    // Read-only: a check can run next to a writer (it sees the store as it was when opened).
    let store = GraphStore::open_read_only(&a.store)?;
    let report = check(&store)?;
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
