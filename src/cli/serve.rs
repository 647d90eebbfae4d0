//! `newsgraph serve`: a SPARQL 1.1 Protocol endpoint (read-only unless `--allow-update` with a
//! token) and the graph viewer over HTTP. The work is in `newsgraph::serve`; this file maps the
//! flags onto its `Config`, opens the store (read-only unless updates are allowed) and serves
//! until the process is stopped (Ctrl-C).

use super::StoreArg;
use anyhow::Result;
use clap::Args;
use newsgraph::rdf::GraphStore;
use newsgraph::serve::{self, Config};
use newsgraph::Error;
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
    /// Accept SPARQL updates from requests with `Authorization: Bearer TOKEN` (others get
    /// 401). Opens the store for writing, so no ingest can run meanwhile. An update may not
    /// write the default graph (the union of the article graphs, rebuilt after each update in
    /// the same transaction).
    #[arg(long)]
    allow_update: bool,
    /// The update token (prefer the environment variable NEWSGRAPH_TOKEN: a command line is
    /// visible to other users of the machine).
    #[arg(long, value_name = "TOKEN", requires = "allow_update")]
    token: Option<String>,
}

/// Runs the command.
pub(super) fn serve(a: ServeArgs) -> Result<()> {
    let update_token = if a.allow_update {
        let token = a
            .token
            .clone()
            .or_else(|| std::env::var("NEWSGRAPH_TOKEN").ok())
            .filter(|t| !t.trim().is_empty())
            .ok_or_else(|| {
                Error::BadInput(
                    "--allow-update needs a token: --token TOKEN or NEWSGRAPH_TOKEN".into(),
                )
            })?;
        Some(token.trim().to_string())
    } else {
        None
    };
    let store = if update_token.is_some() {
        // Opened for writing, but never created here: serving a typo would be confusing.
        GraphStore::open_read_only(&a.store.store)?;
        GraphStore::open(&a.store.store)?
    } else {
        GraphStore::open_read_only(&a.store.store)?
    };
    let config = Config {
        bind: a.bind,
        timeout: Duration::from_secs(a.timeout),
        max_rows: usize::try_from(a.max_rows).unwrap_or(usize::MAX),
        cors: a.cors,
        update_token,
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
