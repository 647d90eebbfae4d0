//! `newsgraph serve`: a read-only SPARQL 1.1 Protocol endpoint and the graph viewer over
//! HTTP. The work is in `newsgraph::serve`; this file maps the flags onto its `Config`, opens
//! the store read-only and serves until the process is stopped (Ctrl-C).

use super::StoreArg;
use anyhow::Result;
use clap::Args;
use newsgraph::rdf::GraphStore;
use newsgraph::serve::{self, Config};
use std::net::SocketAddr;
use std::time::Duration;

#[derive(Debug, Args)]
pub(super) struct ServeArgs {
    #[command(flatten)]
    store: StoreArg,
    /// Address and port to listen on. The default is loopback only; bind 0.0.0.0:PORT to
    /// expose the endpoint to other machines.
    #[arg(long, value_name = "ADDR:PORT", default_value = serve::DEFAULT_BIND)]
    bind: SocketAddr,
    /// Cancel a query after this many seconds (the client gets 503).
    #[arg(long, value_name = "SECS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..))]
    timeout: u64,
    /// Most rows (SELECT) or triples (CONSTRUCT, DESCRIBE) in one answer; a longer result is
    /// cut there and flagged with the `X-Newsgraph-Truncated` header.
    #[arg(long, value_name = "N", default_value_t = 100_000,
          value_parser = clap::value_parser!(u64).range(1..))]
    max_rows: u64,
    /// Allow browser pages from any origin to query the endpoint
    /// (`Access-Control-Allow-Origin: *`).
    #[arg(long)]
    cors: bool,
}

/// Runs the command.
pub(super) fn serve(a: ServeArgs) -> Result<()> {
    let store = GraphStore::open_read_only(&a.store.store)?;
    let config = Config {
        bind: a.bind,
        timeout: Duration::from_secs(a.timeout),
        max_rows: usize::try_from(a.max_rows).unwrap_or(usize::MAX),
        cors: a.cors,
        ..Config::default()
    };
    let path = store.path().display().to_string();
    // The library error names the address; print it once (no repeated cause).
    let server =
        serve::spawn(store, config).map_err(|e| anyhow::anyhow!("cannot listen on {e}"))?;
    println!("serving {path} at http://{}/ (SPARQL at /sparql)", a.bind);
    server.join()?;
    Ok(())
}
