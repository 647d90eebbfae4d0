//! Argument definitions (clap derive) and dispatch. Exit codes: 0 success, 1 runtime failure,
//! 2 bad usage or bad input; every error is one line on stderr.

mod check;
mod commands;
mod export;
mod merging;
mod parallel;
mod push;
mod serve;
mod tagging;

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// Build a knowledge graph of people, states and alliances from Swahili and English news.
///
/// Articles go in (text files, folders, JSON Lines, stdin); people, states, alliances and
/// organisations come out as RDF nodes joined by relation edges (offices, memberships,
/// meetings), each edge with the sentence it came from. The graph lives in an embedded
/// Oxigraph store (nothing to start) and answers SPARQL.
///
/// Exit codes: 0 success, 1 runtime failure, 2 bad usage or bad input.
#[derive(Debug, Parser)]
#[command(name = "newsgraph", version, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract articles and store their graphs (one named graph per article).
    ///
    /// Inputs: text files (first non-empty line = headline; id = file name without extension),
    /// directories (recursively: *.txt, *.md, *.jsonl), `-` for stdin, and JSON Lines with one
    /// article per line ({"id","title","text","date","url","lang"}, only "text" required).
    /// Each article is written in one transaction. Re-ingesting the same article changes
    /// nothing; a changed article with the same id replaces its old graph. People are merged
    /// across articles (see `newsgraph explain --help`). RDF dumps (.trig, .nq from `extract`
    /// or `merge`) given as inputs are stored graph by graph, merged the same way.
    Ingest(IngestArgs),
    /// Extract articles without a store and print their RDF (same input, same bytes).
    ///
    /// People are merged across the articles of one run as `ingest` merges them — except with
    /// `--format nquads`, which streams each article as soon as it is extracted (for map steps
    /// such as Spark's `RDD.pipe`). Running `extract` on parts of a collection (on several
    /// machines) and joining the outputs with `merge` gives the same graph as one `ingest` of
    /// everything.
    Extract(ExtractArgs),
    /// Take articles out of the store: their graphs go, and so do entities and edges no other
    /// article states; people merged because of them are merged again without them.
    Remove(merging::RemoveArgs),
    /// Show why an entity node is what it is: its names, the articles that mention it, and
    /// for people the merge rule that put each article's mention into this node.
    ///
    /// People are merged across articles conservatively: names are compared folded (case,
    /// accents, hyphens); the same full name is one person; a shorter name (`Ruto`, `Felix
    /// Tshisekedi`) joins the one person whose fuller names contain its words in order; when
    /// several could be meant, an office in the same state decides, else it stays apart; people
    /// whose offices are in different states are never merged.
    Explain(merging::ExplainArgs),
    /// Join RDF dumps (from `extract`, `merge` or a store) into one graph: article graphs kept
    /// (a later copy of the same article wins), people merged across all of them as `ingest`
    /// would, background facts kept once.
    Merge(merging::MergeArgs),
    /// Run a SPARQL query (text or a .rq file) over the store.
    ///
    /// The default graph is the union of all article graphs; `GRAPH ?g { … }` sees each article
    /// alone. The prefixes ng:, schema:, rdf:, rdfs:, skos:, owl:, prov:, wd:, xsd: and the
    /// entity prefixes person:, state:, alliance:, place:, organisation:, article: are
    /// predeclared (e.g. `state:JP`, `person:jens-stoltenberg`). CONSTRUCT and DESCRIBE print Turtle (table), JSON-LD (json), RDF/XML
    /// (xml) or N-Triples (csv, tsv).
    Query(QueryArgs),
    /// List the entities in the graph with their type, label, Wikidata id and article count.
    Entities(EntitiesArgs),
    /// Counts: articles, entities by type, relations by kind, quads.
    Stats(StoreArg),
    /// Verify a store: every reifier's triple present, every article graph with its article
    /// node, the default graph exactly the union of the article graphs.
    ///
    /// Prints each problem on its own line (`problem: …`), then the counts (articles, named
    /// graphs, quads, default-graph triples) and `consistent`. Opens the store read-only, so
    /// it can run while another process ingests. Exit 0 when the store is consistent, 1 when
    /// it is not.
    Check(StoreArg),
    /// Write the graph as a picture or graph file: DOT, GraphML, JSON, SVG, an interactive
    /// HTML page, or RDF.
    ///
    /// The whole graph, or narrowed: --article ID (what one article says), --type (kinds of
    /// entity), --min-weight N (edges stated by at least N articles), --entity NAME --depth N
    /// (the neighbourhood of an entity). Nodes are entities; an edge is one relation merged
    /// over the articles stating it, weighted by their number, with every evidence sentence.
    /// The same store gives the same bytes. Examples: `newsgraph export --format html -o
    /// graph.html`, `newsgraph export --format dot --entity NATO --depth 2 | dot -Tsvg`.
    Export(export::ExportArgs),
    /// Serve the store over HTTP: a read-only SPARQL 1.1 Protocol endpoint and the graph
    /// viewer.
    ///
    /// `/sparql` takes GET ?query=… and POST (application/sparql-query, or a form with
    /// query=) and negotiates the result format on Accept: SPARQL JSON (default), XML, CSV
    /// and TSV for SELECT and ASK; Turtle (default), N-Triples, JSON-LD and RDF/XML for
    /// CONSTRUCT and DESCRIBE. Updates are refused (403) unless --allow-update is given with a
    /// token (then they need `Authorization: Bearer TOKEN`). `/` is the interactive viewer of the
    /// whole graph and `/graph.json` its JSON. Listens on 127.0.0.1:7878 unless --bind says
    /// otherwise; queries are cancelled after --timeout seconds and cut at --max-rows. The
    /// store is read as it was when the server started: restart it after `ingest`.
    Serve(serve::ServeArgs),
    /// Send article graphs to a SPARQL 1.1 Graph Store HTTP Protocol server (Virtuoso,
    /// Fuseki, GraphDB…): one HTTP PUT per article graph, replacing it on the server.
    ///
    /// Extracts the inputs as `ingest` does (or, with --store, takes the article graphs of a
    /// store) and PUTs each graph to `URL?graph=<article IRI>`, so that pushing an updated
    /// article again replaces it; the lexicon's background facts go to their own graph,
    /// `https://w3id.org/newsgraph/background`, as in a store. Edges are sent with classic rdf:Statement reification
    /// unless --rdf12. With --user/--password, HTTP digest or basic authentication, as the
    /// server asks. The server's SPARQL endpoint then answers the queries of `queries/`.
    Push(push::PushArgs),
    /// Train a named-entity tagger model on CoNLL files (IOB2: PER, ORG, LOC, DATE).
    ///
    /// A structured averaged perceptron; per-epoch progress goes to stderr. The same files,
    /// epochs and seed give the same model bytes.
    Train(tagging::TrainArgs),
    /// Tag the tokens of a CoNLL file: `token<TAB>TAG` per token, a blank line between
    /// sentences.
    ///
    /// Reads the first column only; prints one line per input token, IOB2 with the types PER,
    /// ORG, LOC and DATE. `-DOCSTART-` lines are document breaks, not tokens.
    Tag(tagging::TagArgs),
    /// Score the tagger against a gold CoNLL file: precision, recall and F1 per type and
    /// overall.
    ///
    /// As conlleval: an entity counts only when its span and type both match exactly;
    /// "overall" is the micro-average.
    Eval(tagging::EvalArgs),
}

#[derive(Debug, Args)]
struct StoreArg {
    /// The store directory (created by `ingest` if missing).
    #[arg(long, value_name = "DIR", default_value = "newsgraph.db")]
    store: PathBuf,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LangArg {
    /// Decide per article: its JSON "lang" if given, else language identification.
    Auto,
    /// Swahili.
    Sw,
    /// English.
    En,
}

#[derive(Debug, Args)]
pub(super) struct ExtractOptions {
    /// Language of the articles.
    #[arg(long, value_enum, default_value = "auto")]
    lang: LangArg,
    /// Publication date for articles that do not give one (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<String>,
    /// Write classic rdf:Statement reification instead of RDF 1.2 reifiers (for stores
    /// without RDF 1.2).
    #[arg(long)]
    rdf11: bool,
    /// A lexicon file of your own (TOML, the formats of data/lexicon/): adds or replaces
    /// states, alliances, places, organisations (parties, militias…) and titles. Repeatable;
    /// later files win.
    #[arg(long, value_name = "FILE")]
    lexicon: Vec<PathBuf>,
}

#[derive(Debug, Args)]
struct IngestArgs {
    #[command(flatten)]
    store: StoreArg,
    #[command(flatten)]
    options: ExtractOptions,
    /// Stop at the first bad article instead of reporting and skipping it.
    #[arg(long)]
    strict: bool,
    /// Files, directories, or `-` for stdin.
    #[arg(required = true, value_name = "FILE|DIR|-")]
    inputs: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ExtractFormat {
    /// TriG: named graphs with prefixes.
    Trig,
    /// N-Quads: one quad per line (for pipelines and bulk loaders).
    Nquads,
    /// Turtle: the triples of all article graphs together.
    Turtle,
    /// JSON-LD (edges with classic rdf:Statement reification: JSON-LD has no RDF 1.2).
    Jsonld,
    /// newsgraph's own JSON: nodes and edges per article.
    Json,
}

#[derive(Debug, Args)]
struct ExtractArgs {
    #[command(flatten)]
    options: ExtractOptions,
    /// Output format.
    #[arg(long, value_enum, default_value = "trig")]
    format: ExtractFormat,
    /// Files, directories, or `-` for stdin.
    #[arg(required = true, value_name = "FILE|DIR|-")]
    inputs: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum QueryFormat {
    /// Aligned columns (the default on a terminal).
    Table,
    /// SPARQL 1.1 Query Results JSON.
    Json,
    /// SPARQL 1.1 Query Results CSV.
    Csv,
    /// SPARQL 1.1 Query Results TSV (the default when output is not a terminal).
    Tsv,
    /// SPARQL Query Results XML.
    Xml,
}

#[derive(Debug, Args)]
struct QueryArgs {
    #[command(flatten)]
    store: StoreArg,
    /// Result format [default: table on a terminal, tsv otherwise].
    #[arg(long, value_enum)]
    format: Option<QueryFormat>,
    /// Bind a query variable: `--param name=NATO` binds ?name to the string "NATO";
    /// `<iri>`, `http(s)://…` and predeclared `prefix:name` values (`state:JP`) bind IRIs. Values are bound
    /// as RDF terms, never pasted into the query text. A parameter the query file declares as an
    /// IRI (`# param: entity — IRI …`) also takes a name: `--param entity=NATO`. Repeatable.
    #[arg(long, value_name = "NAME=VALUE")]
    param: Vec<String>,
    /// A SPARQL query, or a file holding one (e.g. queries/offices.rq).
    #[arg(value_name = "QUERY|FILE.rq")]
    query: String,
}

#[derive(Debug, Args)]
struct EntitiesArgs {
    #[command(flatten)]
    store: StoreArg,
    /// Only these kinds (comma-separated): person, state, alliance, org, place.
    #[arg(long = "type", value_delimiter = ',', value_name = "KIND,...")]
    types: Vec<EntityType>,
    /// Result format [default: table on a terminal, tsv otherwise].
    #[arg(long, value_enum)]
    format: Option<QueryFormat>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum EntityType {
    /// schema:Person.
    Person,
    /// schema:Country.
    State,
    /// ng:Alliance.
    Alliance,
    /// schema:Organization.
    Org,
    /// schema:Place.
    Place,
}

/// Parses the command line, runs the command and turns errors into one line and an exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) {
                e.exit();
            }
            // One line: clap's message without its usage block.
            let rendered = e.render().to_string();
            let message = rendered
                .split("\n\n")
                .next()
                .unwrap_or("")
                .trim_start_matches("error: ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            eprintln!("newsgraph: error: {message} (see `newsgraph --help`)");
            return ExitCode::from(2);
        }
    };
    let result = match cli.command {
        Command::Ingest(a) => commands::ingest(a),
        Command::Extract(a) => commands::extract(a),
        Command::Remove(a) => merging::remove(a),
        Command::Explain(a) => merging::explain(a),
        Command::Merge(a) => merging::merge(a),
        Command::Query(a) => commands::query(a),
        Command::Entities(a) => commands::entities(a),
        Command::Stats(a) => commands::stats(a),
        Command::Check(a) => check::check_store(a),
        Command::Export(a) => export::export(a),
        Command::Serve(a) => serve::serve(a),
        Command::Push(a) => push::push(a),
        Command::Train(a) => tagging::train(a),
        Command::Tag(a) => tagging::tag(a),
        Command::Eval(a) => tagging::eval(a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`… | head`) is the reader's choice, not a failure — but a server
        // closing its connection is.
        Err(e)
            if !e.chain().any(|c| {
                matches!(
                    c.downcast_ref::<newsgraph::Error>(),
                    Some(newsgraph::Error::Remote { .. })
                )
            }) && e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
                    // Library errors carry the I/O error as text.
                    || c.to_string().contains("Broken pipe (os error 32)")
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            let usage = e
                .downcast_ref::<newsgraph::Error>()
                .is_some_and(newsgraph::Error::is_usage);
            let msg = format!("{e:#}").replace('\n', " ");
            eprintln!("newsgraph: error: {msg}");
            ExitCode::from(if usage { 2 } else { 1 })
        }
    }
}
