//! `newsgraph push`: article graphs to a SPARQL 1.1 Graph Store HTTP Protocol server.

use super::commands::options;
use super::parallel::{for_each_extracted, Settings};
use super::ExtractOptions;
use anyhow::{Context, Result};
use clap::Args;
use indicatif::ProgressBar;
use newsgraph::input::expand_inputs;
use newsgraph::push::{Credentials, GraphStoreClient};
use newsgraph::rdf::{iri, GraphStore, Reification};
use newsgraph::{Error, Extractor};
use oxigraph::model::{GraphName, Quad, Term};
use std::path::PathBuf;
use std::time::Instant;

#[derive(Debug, Args)]
pub(super) struct PushArgs {
    /// The server's Graph Store endpoint, e.g. http://localhost:8890/sparql-graph-crud-auth
    /// (Virtuoso) or http://localhost:3030/ds/data (Fuseki).
    #[arg(long, value_name = "URL")]
    endpoint: String,
    /// User name for the server (HTTP digest or basic authentication, as the server asks).
    #[arg(long, requires = "password")]
    user: Option<String>,
    /// Password for --user.
    #[arg(long, requires = "user")]
    password: Option<String>,
    /// Send RDF 1.2 reifiers (only for servers that have RDF 1.2); the default is classic
    /// rdf:Statement reification, which every SPARQL 1.1 server stores.
    #[arg(long, conflicts_with = "rdf11")]
    rdf12: bool,
    /// Push the article graphs (and the entities and background graphs) of this store instead
    /// of extracting inputs.
    #[arg(long, value_name = "DIR", conflicts_with = "inputs")]
    store: Option<PathBuf>,
    #[command(flatten)]
    options: ExtractOptions,
    /// Files, directories, or `-` for stdin (as for ingest).
    #[arg(value_name = "FILE|DIR|-", required_unless_present = "store")]
    inputs: Vec<PathBuf>,
}

/// A graph's triples as N-Triples (which is Turtle too).
fn ntriples(quads: &[Quad]) -> Vec<u8> {
    let mut out = String::with_capacity(quads.len() * 160);
    for q in quads {
        out.push_str(&format!("{} {} {} .\n", q.subject, q.predicate, q.object));
    }
    out.into_bytes()
}

pub(super) fn push(a: PushArgs) -> Result<()> {
    let started = Instant::now();
    let credentials = match (a.user, a.password) {
        (Some(user), Some(password)) => Some(Credentials { user, password }),
        _ => None,
    };
    let mut client = GraphStoreClient::new(&a.endpoint, credentials)?;
    let mut pushed = 0usize;
    let mut triples = 0usize;
    if let Some(dir) = &a.store {
        let store = GraphStore::open_read_only(dir)?;
        let mut graphs: Vec<String> = Vec::new();
        for g in store.inner().named_graphs() {
            let g = g.map_err(|e| Error::Output(e.to_string()))?;
            let name = g.to_string();
            let name = name
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_string();
            if iri::in_default_graph(&name) || name == iri::BACKGROUND {
                graphs.push(name);
            }
        }
        graphs.sort();
        for g in graphs {
            let gn = oxigraph::model::NamedNode::new_unchecked(g.clone());
            let quads: Vec<Quad> = store
                .inner()
                .quads_for_pattern(None, None, None, Some(GraphName::from(gn).as_ref()))
                .collect::<std::result::Result<_, _>>()
                .map_err(|e| Error::Output(e.to_string()))?;
            if !a.rdf12 && quads.iter().any(|q| matches!(q.object, Term::Triple(_))) {
                return Err(Error::BadInput(format!(
                    "{}: the store holds RDF 1.2 triple terms, which most servers cannot take; ingest with --rdf11, push the articles themselves, or push with --rdf12",
                    dir.display()
                ))
                .into());
            }
            client.put_graph(&g, &ntriples(&quads))?;
            if g != iri::BACKGROUND {
                pushed += 1;
                triples += quads.len();
            }
        }
    } else {
        let mut opts = options(&a.options)?;
        opts.reification = if a.rdf12 {
            Reification::Rdf12
        } else {
            Reification::Rdf11
        };
        let files = expand_inputs(&a.inputs)?;
        let extractor = Extractor::with_user_lexicons(&opts.lexicons)?;
        let settings = Settings {
            lang: opts.lang,
            date: opts.date.as_deref(),
            reification: opts.reification,
        };
        // The lexicon's background facts (alliance members…), which some queries read, go
        // first as their own graph, as in a store.
        let background = newsgraph::rdf::background_quads(extractor.lexicon());
        client.put_graph(iri::BACKGROUND, &ntriples(&background))?;
        // People are merged across the pushed articles as a store merges them, so the server
        // holds the graph `ingest` would build.
        let mut all: Vec<Quad> = Vec::new();
        let bad = for_each_extracted(
            &extractor,
            &files,
            false,
            &ProgressBar::hidden(),
            settings,
            |x| {
                all.extend(x.quads);
                Ok(())
            },
        )?;
        let mut graphs: std::collections::BTreeMap<String, Vec<Quad>> = Default::default();
        for q in newsgraph::rdf::merge::merge_quads(all) {
            if let oxigraph::model::GraphName::NamedNode(g) = &q.graph_name {
                graphs.entry(g.as_str().to_string()).or_default().push(q);
            }
        }
        for (g, quads) in graphs {
            client
                .put_graph(&g, &ntriples(&quads))
                .with_context(|| g.clone())?;
            pushed += 1;
            triples += quads.len();
        }
        if pushed == 0 && bad > 0 {
            return Err(Error::BadInput("no article could be read".into()).into());
        }
    }
    eprintln!(
        "pushed {pushed} article graph{} ({triples} triples, and the background facts) to {} in {:.2} s",
        if pushed == 1 { "" } else { "s" },
        a.endpoint,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
