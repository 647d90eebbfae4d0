//! `newsgraph export`: the store as a picture or a graph file, whole or narrowed to an article,
//! kinds of entity, well-supported edges or an entity's neighbourhood. The work is in
//! `newsgraph::export`; this file maps the flags onto a `Selection` and writes the result to
//! stdout or, all or nothing, to a file.

use super::{EntityType, StoreArg};
use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use newsgraph::export::{self, Format, Selection, View};
use newsgraph::graph::NodeKind;
use newsgraph::rdf::GraphStore;
use std::fs::{self, File, OpenOptions};
use std::io::{BufWriter, ErrorKind, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(super) enum ExportFormat {
    /// Graphviz DOT (render with `dot -Tsvg`, `sfdp -Tpng`…).
    Dot,
    /// GraphML with typed attributes (Gephi, yEd, Cytoscape, NetworkX).
    Graphml,
    /// JSON {"nodes":[…],"edges":[…],"articles":[…]} (D3, Cytoscape.js, Sigma).
    Json,
    /// One self-contained interactive page: search, filter by kind, click for evidence.
    Html,
    /// An SVG picture, laid out by newsgraph itself (no Graphviz needed).
    Svg,
    /// Turtle: the triples of the article graphs merged.
    Turtle,
    /// TriG: one named graph per article.
    Trig,
    /// N-Quads: one named graph per article.
    Nquads,
    /// JSON-LD: one named graph per article (edges with classic reification).
    Jsonld,
    /// RDF/XML: the triples merged (edges with classic reification).
    Rdfxml,
}

impl From<ExportFormat> for Format {
    fn from(f: ExportFormat) -> Format {
        match f {
            ExportFormat::Dot => Format::Dot,
            ExportFormat::Graphml => Format::GraphMl,
            ExportFormat::Json => Format::Json,
            ExportFormat::Html => Format::Html,
            ExportFormat::Svg => Format::Svg,
            ExportFormat::Turtle => Format::Turtle,
            ExportFormat::Trig => Format::TriG,
            ExportFormat::Nquads => Format::NQuads,
            ExportFormat::Jsonld => Format::JsonLd,
            ExportFormat::Rdfxml => Format::RdfXml,
        }
    }
}

#[derive(Debug, Args)]
pub(super) struct ExportArgs {
    #[command(flatten)]
    store: StoreArg,
    /// Output format.
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// Write to this file instead of stdout (written whole or not at all).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Only the neighbourhood of this entity: a name (label or other name; case and accents
    /// ignored), an IRI, or a prefixed IRI such as `person:jens-stoltenberg`.
    #[arg(long, value_name = "NAME")]
    entity: Option<String>,
    /// How many hops the neighbourhood of --entity reaches [default: 1].
    #[arg(long, value_name = "N", requires = "entity")]
    depth: Option<usize>,
    /// Only what this article says: its id (`05-nato-japan`), `article:ID` or its IRI.
    #[arg(long, value_name = "ID")]
    article: Option<String>,
    /// Only these kinds of entity (comma-separated): person, state, alliance, org, place.
    #[arg(long = "type", value_delimiter = ',', value_name = "KIND,...")]
    types: Vec<EntityType>,
    /// Only edges stated by at least N articles, and the entities they join (entities left
    /// without any edge are dropped).
    #[arg(long, value_name = "N")]
    min_weight: Option<usize>,
    /// How `--format svg` is laid out: `builtin` (newsgraph's own force-directed layout,
    /// deterministic on any machine), `graphviz` (Graphviz `dot` for small pictures, up to 60
    /// entities, `sfdp` for larger ones; they must be on the PATH), or `auto` (Graphviz when
    /// it is on the PATH, else builtin).
    #[arg(long, value_enum, default_value = "builtin")]
    layout: SvgLayout,
}

/// Who lays out an SVG picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum SvgLayout {
    /// newsgraph's own force-directed layout.
    Builtin,
    /// Graphviz (`dot` or `sfdp`).
    Graphviz,
    /// Graphviz when on the PATH, else builtin.
    Auto,
}

/// Renders the view's DOT with a Graphviz program into SVG.
fn graphviz_svg(view: &View, program: &str) -> Result<Vec<u8>> {
    use std::process::{Command, Stdio};
    let dot = export::write(Format::Dot, view, Vec::new())?;
    let mut child = Command::new(program)
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            newsgraph::Error::BadInput(format!("--layout graphviz: cannot run {program}: {e}"))
        })?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(&dot)?;
    }
    let out = child.wait_with_output()?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        anyhow::bail!("{program} failed: {}", err.lines().next().unwrap_or(""));
    }
    Ok(out.stdout)
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(program).is_file()))
}

/// Runs the command.
pub(super) fn export(a: ExportArgs) -> Result<()> {
    let format = Format::from(a.format);
    let selection = Selection {
        article: a.article,
        types: a
            .types
            .iter()
            .map(|t| match t {
                EntityType::Person => NodeKind::Person,
                EntityType::State => NodeKind::State,
                EntityType::Alliance => NodeKind::Alliance,
                EntityType::Org => NodeKind::Organisation,
                EntityType::Place => NodeKind::Place,
            })
            .collect(),
        min_weight: a.min_weight,
        entity: a.entity,
        depth: a.depth.unwrap_or(1),
        with_rdf: format.is_rdf(),
    };
    let store = GraphStore::open_read_only(&a.store.store)?;
    let view = View::load(&store, &selection)?;
    if view.seeds().len() > 1 {
        let names: Vec<String> = view
            .seeds()
            .iter()
            .map(|s| newsgraph::query::compact_iri(s))
            .collect();
        eprintln!(
            "newsgraph: note: --entity matches {} entities ({}); showing all their neighbourhoods",
            names.len(),
            names.join(", ")
        );
    }
    let program = if view.nodes().count() <= 60 {
        "dot"
    } else {
        "sfdp"
    };
    let graphviz = format == Format::Svg
        && match a.layout {
            SvgLayout::Builtin => false,
            SvgLayout::Graphviz => true,
            SvgLayout::Auto => on_path(program),
        };
    if graphviz {
        let svg = graphviz_svg(&view, program)?;
        return match &a.output {
            Some(path) => write_file(path, |w| {
                w.write_all(&svg)
                    .map_err(|e| newsgraph::Error::Output(e.to_string()))
            }),
            None => {
                let stdout = std::io::stdout();
                let mut w = stdout.lock();
                w.write_all(&svg)?;
                w.flush().map_err(Into::into)
            }
        };
    }
    match &a.output {
        Some(path) => write_file(path, |w| export::write(format, &view, w).map(drop)),
        None => {
            let stdout = std::io::stdout();
            let result = export::write(format, &view, BufWriter::new(stdout.lock()))
                .map_err(anyhow::Error::from)
                .and_then(|mut w| w.flush().map_err(anyhow::Error::from));
            match result {
                // A reader that stops early (`| head`) is not an error.
                Err(e) if is_broken_pipe(&e) => Ok(()),
                other => other,
            }
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == ErrorKind::BrokenPipe)
    }) || e.to_string().to_lowercase().contains("broken pipe")
}

/// Writes `path` all or nothing: into a new temporary file beside it, synced, then renamed over
/// it, so that an error leaves any older file as it was and no half-written one.
fn write_file(
    path: &Path,
    body: impl FnOnce(&mut BufWriter<File>) -> newsgraph::Result<()>,
) -> Result<()> {
    if path.is_dir() {
        return Err(
            newsgraph::Error::BadInput(format!("-o {}: is a directory", path.display())).into(),
        );
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".into());
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)
        .with_context(|| format!("writing {}", path.display()))?;
    let result = (|| -> Result<()> {
        let mut w = BufWriter::new(file);
        body(&mut w)?;
        let file = w.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        fs::rename(&tmp, path)?;
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.with_context(|| format!("writing {}", path.display()))
}
