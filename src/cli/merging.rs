//! Commands about many articles in one graph: `remove`, `explain`, `merge`, and reading RDF
//! dumps for `ingest`.

use super::StoreArg;
use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use newsgraph::input::safe_id;
use newsgraph::query::{compact_iri, resolve_iri_param};
use newsgraph::rdf::merge::{explain as explain_entity, merge_quads};
use newsgraph::rdf::{iri, write_quads, GraphStore, PutOutcome, RdfOutput};
use newsgraph::Error;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, NamedNode, Quad, Term};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Arguments of `remove`.
#[derive(Debug, Args)]
pub struct RemoveArgs {
    #[command(flatten)]
    store: StoreArg,
    /// The id of an article to take out (its file name without extension, or its JSON "id").
    /// Repeatable.
    #[arg(long, required = true, value_name = "ID")]
    article: Vec<String>,
}

/// Arguments of `explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    #[command(flatten)]
    store: StoreArg,
    /// The entity: a name (`Ruto`), a prefixed IRI (`person:william-ruto`, `state:KE`) or a
    /// full IRI.
    #[arg(value_name = "ENTITY")]
    entity: String,
}

/// Output syntaxes of `merge`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum MergeFormat {
    /// TriG.
    Trig,
    /// N-Quads.
    Nquads,
}

/// Arguments of `merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// RDF dumps with article graphs: TriG (.trig) or N-Quads (.nq, .nquads); `-` reads
    /// N-Quads from stdin.
    #[arg(required = true, value_name = "FILE|-")]
    inputs: Vec<PathBuf>,
    /// Where to write the merged graph (`-` for stdout).
    #[arg(short, long, value_name = "FILE", default_value = "-")]
    output: PathBuf,
    /// Output syntax [default: from the output's extension, else TriG].
    #[arg(long, value_enum)]
    format: Option<MergeFormat>,
}

/// Whether a path names an RDF dump (by extension) that `ingest` reads as quads.
pub fn is_rdf_dump(path: &Path) -> bool {
    rdf_format(path).is_some()
}

fn rdf_format(path: &Path) -> Option<RdfFormat> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "trig" => Some(RdfFormat::TriG),
        "nq" | "nquads" => Some(RdfFormat::NQuads),
        _ => None,
    }
}

/// Reads the quads of an RDF dump (`-`: N-Quads on stdin).
pub fn read_dump(path: &Path) -> Result<Vec<Quad>> {
    let (format, reader): (RdfFormat, Box<dyn std::io::Read>) = if path.as_os_str() == "-" {
        (RdfFormat::NQuads, Box::new(std::io::stdin().lock()))
    } else {
        let format = rdf_format(path).ok_or_else(|| {
            Error::BadInput(format!(
                "{}: not an RDF dump (expected .trig, .nq or .nquads)",
                path.display()
            ))
        })?;
        let file = std::fs::File::open(path)
            .map_err(|e| Error::BadInput(format!("{}: {e}", path.display())))?;
        (format, Box::new(std::io::BufReader::new(file)))
    };
    let mut quads = Vec::new();
    for q in RdfParser::from_format(format).for_reader(reader) {
        quads.push(q.map_err(|e| {
            Error::BadInput(format!(
                "{}: {}",
                path.display(),
                e.to_string().lines().next().unwrap_or("bad RDF")
            ))
        })?);
    }
    Ok(quads)
}

/// The article graphs of a dump, each with its quads.
pub fn article_graphs(quads: Vec<Quad>) -> BTreeMap<String, Vec<Quad>> {
    let mut out: BTreeMap<String, Vec<Quad>> = BTreeMap::new();
    for q in quads {
        if let GraphName::NamedNode(g) = &q.graph_name {
            if g.as_str().starts_with(iri::ARTICLE_BASE) {
                out.entry(g.as_str().to_string()).or_default().push(q);
            }
        }
    }
    out
}

/// What storing one dump did: the outcome per article graph, the entities mentioned and the
/// number of relation edges.
pub struct DumpIngest {
    /// One outcome per article graph.
    pub outcomes: Vec<PutOutcome>,
    /// The article graphs stored.
    pub graphs: Vec<String>,
    /// Relation edges (reifiers) in the articles.
    pub relations: usize,
}

/// Stores the article graphs of one dump.
pub fn ingest_dump(store: &GraphStore, path: &Path) -> Result<DumpIngest> {
    let graphs = article_graphs(read_dump(path)?);
    if graphs.is_empty() {
        return Err(Error::BadInput(format!(
            "{}: no article graphs in this dump (graphs named {}…)",
            path.display(),
            iri::ARTICLE_BASE
        ))
        .into());
    }
    let mut out = DumpIngest {
        outcomes: Vec::new(),
        graphs: Vec::new(),
        relations: 0,
    };
    let graphs: Vec<(String, Vec<Quad>)> = graphs.into_iter().collect();
    // Batches as `ingest` stores extracted articles.
    for chunk in graphs.chunks(super::commands::BATCH_ARTICLES) {
        for (g, quads) in chunk {
            out.relations += quads
                .iter()
                .filter(|q| q.predicate.as_str() == "http://www.w3.org/ns/prov#wasDerivedFrom")
                .count();
            out.graphs.push(g.clone());
        }
        let items: Vec<(&str, &[Quad])> = chunk
            .iter()
            .map(|(g, q)| (g.as_str(), q.as_slice()))
            .collect();
        let stored = store
            .put_articles_merged(&items)
            .with_context(|| format!("{}: {}", path.display(), chunk[0].0))?;
        out.outcomes.extend(stored.into_iter().map(|(o, _)| o));
    }
    Ok(out)
}

pub(super) fn remove(a: RemoveArgs) -> Result<()> {
    let store = GraphStore::open(&a.store.store)?;
    let mut missing = Vec::new();
    for id in &a.article {
        let graph = iri::article(&safe_id(id));
        if store.remove_article(&graph)? {
            eprintln!("removed article {id}");
        } else {
            missing.push(id.clone());
        }
    }
    if !missing.is_empty() {
        return Err(Error::BadInput(format!(
            "no article {} in {}",
            missing.join(", "),
            a.store.store.display()
        ))
        .into());
    }
    Ok(())
}

pub(super) fn explain(a: ExplainArgs) -> Result<()> {
    let store = GraphStore::open_read_only(&a.store.store)?;
    let entity = match resolve_iri_param(&store, "entity", &a.entity) {
        Ok(Term::NamedNode(n)) => n,
        Ok(other) => {
            return Err(Error::BadInput(format!("{}: not an entity IRI", other)).into());
        }
        Err(Error::BadInput(m)) => {
            return Err(Error::BadInput(m.replace("--param entity=", "")).into());
        }
        Err(e) => return Err(e.into()),
    };
    let x = explain_entity(&store, &NamedNode::new_unchecked(entity.as_str()))?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    writeln!(
        out,
        "{}  {}  ({})",
        compact_iri(&x.iri),
        x.labels.join(" / "),
        x.classes.join(", ")
    )?;
    writeln!(out, "identity: {}", x.identity)?;
    let names: Vec<String> = x
        .names
        .iter()
        .map(|(n, c)| format!("{n} ({c} article{})", if *c == 1 { "" } else { "s" }))
        .collect();
    writeln!(out, "names: {}", names.join(", "))?;
    writeln!(out, "articles ({}):", x.articles.len())?;
    for n in &x.articles {
        let states = if n.states.is_empty() {
            String::new()
        } else {
            format!(" [office in {}]", n.states.join(", "))
        };
        writeln!(
            out,
            "  {}  “{}”{}: {}",
            compact_iri(&n.article),
            n.names.join("”, “"),
            states,
            n.reason
        )?;
    }
    Ok(())
}

pub(super) fn merge(a: MergeArgs) -> Result<()> {
    // A later copy of an article graph replaces an earlier one; other graphs add up.
    let mut articles: BTreeMap<String, Vec<Quad>> = BTreeMap::new();
    let mut others = Vec::new();
    for input in &a.inputs {
        let (mine, rest): (Vec<Quad>, Vec<Quad>) = read_dump(input)?.into_iter().partition(|q| {
            matches!(&q.graph_name, GraphName::NamedNode(g) if g.as_str().starts_with(iri::ARTICLE_BASE))
        });
        articles.extend(article_graphs(mine));
        others.extend(rest);
    }
    if articles.is_empty() {
        return Err(Error::BadInput("no article graphs in the inputs".into()).into());
    }
    others.extend(articles.into_values().flatten());
    let merged = merge_quads(others);
    let to_stdout = a.output.as_os_str() == "-";
    let format = match a.format {
        Some(MergeFormat::Trig) => RdfOutput::TriG,
        Some(MergeFormat::Nquads) => RdfOutput::NQuads,
        None => match rdf_format(&a.output) {
            Some(RdfFormat::NQuads) => RdfOutput::NQuads,
            _ => RdfOutput::TriG,
        },
    };
    if to_stdout {
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        write_quads(&merged, format, &mut out)?;
        out.flush()?;
    } else {
        let file = std::fs::File::create(&a.output)
            .with_context(|| format!("cannot write {}", a.output.display()))?;
        let mut out = std::io::BufWriter::new(file);
        write_quads(&merged, format, &mut out)?;
        out.flush()?;
        eprintln!(
            "merged {} article graphs into {}",
            article_graphs(merged).len(),
            a.output.display()
        );
    }
    Ok(())
}
