//! The commands, each a few calls into the library.

use super::{
    EntitiesArgs, EntityType, ExtractArgs, ExtractFormat, ExtractOptions, IngestArgs, LangArg,
    QueryArgs, QueryFormat, StoreArg,
};
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use newsgraph::graph::ArticleGraph;
use newsgraph::input::{check_date, expand_inputs, read_input_each, Article};
use newsgraph::pipeline::LangChoice;
use newsgraph::query::{
    declared_params, param_term, resolve_iri_param, run, write_answer, Answer, ResultFormat,
};
use newsgraph::rdf::{
    article_quads, background_quads, write_quads, GraphStore, PutOutcome, RdfOutput, Reification,
};
use newsgraph::text::Lang;
use newsgraph::{Error, Extractor};
use oxigraph::model::Quad;
use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::time::Instant;

pub(super) struct Options {
    pub(super) lexicons: Vec<std::path::PathBuf>,
    pub(super) lang: LangChoice,
    pub(super) date: Option<String>,
    pub(super) reification: Reification,
}

pub(super) fn options(o: &ExtractOptions) -> Result<Options> {
    Ok(Options {
        lexicons: o.lexicon.clone(),
        lang: match o.lang {
            LangArg::Auto => LangChoice::Auto,
            LangArg::Sw => LangChoice::Fixed(Lang::Sw),
            LangArg::En => LangChoice::Fixed(Lang::En),
        },
        date: o
            .date
            .as_deref()
            .map(|d| check_date(d, "--date"))
            .transpose()?,
        reification: if o.rdf11 {
            Reification::Rdf11
        } else {
            Reification::Rdf12
        },
    })
}

/// Reads every input, calling `f` for each good article; bad articles are reported (or, with
/// `strict`, returned as the error). Returns the number of bad articles.
pub(super) fn for_each_article(
    files: &[std::path::PathBuf],
    strict: bool,
    progress: &ProgressBar,
    mut f: impl FnMut(Article) -> Result<()>,
) -> Result<usize> {
    progress.set_length(files.len() as u64);
    let mut bad = 0;
    let mut seen_ids: HashSet<String> = HashSet::new();
    for file in files {
        // JSON Lines are streamed: an error of `f` (or a strict stop) is kept here and the
        // reading stopped with a placeholder error.
        let mut stop: Option<anyhow::Error> = None;
        let read = read_input_each(file, |a| {
            match a {
                Ok(a) => {
                    if !seen_ids.insert(a.id.clone()) {
                        progress.suspend(|| {
                            eprintln!(
                                "newsgraph: warning: {}: article id {:?} seen before in this run; the later one wins",
                                a.source, a.id
                            )
                        });
                    }
                    if let Err(e) = f(a) {
                        stop = Some(e);
                    }
                }
                Err(e) if strict => stop = Some(e.into()),
                Err(e) => {
                    progress.suspend(|| eprintln!("newsgraph: skipped: {e}"));
                    bad += 1;
                }
            }
            match stop {
                Some(_) => Err(Error::Output("stopped".into())),
                None => Ok(()),
            }
        });
        if let Some(e) = stop {
            return Err(e);
        }
        match read {
            Ok(()) => {}
            Err(e) if strict => return Err(e.into()),
            Err(e) => {
                progress.suspend(|| eprintln!("newsgraph: skipped: {e}"));
                bad += 1;
            }
        }
        progress.inc(1);
    }
    Ok(bad)
}

fn progress_bar() -> ProgressBar {
    let pb = ProgressBar::new(0);
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} {wide_bar} {pos}/{len} files {elapsed} {msg}")
    {
        pb.set_style(style);
    }
    pb
}

/// Articles stored per batch by `ingest`: big enough that the per-batch work (merging people,
/// RocksDB's commit, the bulk loader's files and their compaction) is shared, small enough that
/// the three batches in memory at once stay small. 5 MB: 512 took ~5 % less CPU than 256 but
/// ~600 MB peak RSS against ~460 MB; 64 took twice the CPU.
pub(super) const BATCH_ARTICLES: usize = 256;

/// Quads per `ingest` transaction at most (long articles make big batches).
const BATCH_QUADS: usize = 100_000;

pub(super) fn ingest(a: IngestArgs) -> Result<()> {
    let opts = options(&a.options)?;
    let started = Instant::now();
    // RDF dumps are stored as they are; everything else is text to extract.
    let (dumps, texts): (Vec<_>, Vec<_>) = a
        .inputs
        .iter()
        .cloned()
        .partition(|p| super::merging::is_rdf_dump(p));
    // Inputs are checked before the store is opened: a typo must not leave an empty store.
    let files = if texts.is_empty() {
        Vec::new()
    } else {
        expand_inputs(&texts)?
    };
    for d in &dumps {
        if !d.is_file() {
            return Err(Error::BadInput(format!("{}: no such file", d.display())).into());
        }
    }
    let extractor = Extractor::with_user_lexicons(&opts.lexicons)?;
    let store = GraphStore::open(&a.store.store)?;
    store.put_background(&background_quads(extractor.lexicon()))?;
    let pb = progress_bar();
    let mut dumped = Tally::default();
    let mut relations = 0usize;
    for d in &dumps {
        let dump = super::merging::ingest_dump(&store, d)?;
        relations += dump.relations;
        dumped.graphs.extend(dump.graphs);
        for outcome in dump.outcomes {
            match outcome {
                PutOutcome::Added => dumped.added += 1,
                PutOutcome::Replaced => dumped.replaced += 1,
                PutOutcome::Unchanged => dumped.unchanged += 1,
            }
        }
    }
    let settings = super::parallel::Settings {
        lang: opts.lang,
        date: opts.date.as_deref(),
        reification: opts.reification,
    };
    // Extraction runs on every core; the articles come back in order to this loop, which
    // gathers them into batches for a thread of their own, the store's one writer: one batch
    // is stored while the next is extracted. Each batch is stored in one go, the people of the
    // batch merged with the stored ones at once. The graph is the same as storing them one by
    // one (merging depends only on the set of articles); a batch is stored whole or not at all.
    type Batch = Vec<(String, String, Vec<Quad>)>;
    let store_batch = |batch: &Batch, tally: &mut Tally| -> Result<()> {
        let items: Vec<(&str, &[Quad])> = batch
            .iter()
            .map(|(iri, _, q)| (iri.as_str(), q.as_slice()))
            .collect();
        let stored = store.put_articles_merged(&items).with_context(|| {
            let first = &batch[0].1;
            match batch.len() {
                1 => first.clone(),
                n => format!("{first} and the {} articles after it", n - 1),
            }
        })?;
        for (outcome, _) in stored {
            match outcome {
                PutOutcome::Added => tally.added += 1,
                PutOutcome::Replaced => tally.replaced += 1,
                PutOutcome::Unchanged => tally.unchanged += 1,
            }
        }
        tally
            .graphs
            .extend(batch.iter().map(|(iri, _, _)| iri.clone()));
        Ok(())
    };
    let (bad, tally) = std::thread::scope(|scope| -> Result<(usize, Tally)> {
        // One batch waits while another is stored: memory holds at most three.
        let (batch_tx, batch_rx) = std::sync::mpsc::sync_channel::<Batch>(1);
        let writer = scope.spawn(move || -> Result<Tally> {
            let mut tally = Tally::default();
            for batch in batch_rx {
                store_batch(&batch, &mut tally)?;
            }
            Ok(tally)
        });
        let mut batch: Batch = Vec::new();
        let mut batch_quads = 0usize;
        let stopped = || anyhow::anyhow!("the store's writer stopped");
        let read =
            super::parallel::for_each_extracted(&extractor, &files, a.strict, &pb, settings, |x| {
                let (article, g, quads) = (x.article, x.graph, x.quads);
                relations += g.edge_count();
                // The same article twice in a batch: the first is stored before the second.
                if batch.iter().any(|(iri, _, _)| iri == &g.meta.iri) {
                    batch_tx
                        .send(std::mem::take(&mut batch))
                        .map_err(|_| stopped())?;
                    batch_quads = 0;
                }
                batch_quads += quads.len();
                batch.push((g.meta.iri.clone(), article.source, quads));
                if batch.len() >= BATCH_ARTICLES || batch_quads >= BATCH_QUADS {
                    batch_tx
                        .send(std::mem::take(&mut batch))
                        .map_err(|_| stopped())?;
                    batch_quads = 0;
                }
                Ok(())
            })
            .and_then(|bad| {
                if !batch.is_empty() {
                    batch_tx.send(batch).map_err(|_| stopped())?;
                }
                Ok(bad)
            });
        drop(batch_tx);
        // The writer's own error explains a stop better than "the writer stopped".
        let tally = writer
            .join()
            .map_err(|_| anyhow::anyhow!("internal error: the store's writer panicked"))??;
        Ok((read?, tally))
    })?;
    // The article graphs stored: their entities are counted at the end, as merged.
    let (added, replaced, unchanged) = (
        dumped.added + tally.added,
        dumped.replaced + tally.replaced,
        dumped.unchanged + tally.unchanged,
    );
    let mut stored_graphs = dumped.graphs;
    stored_graphs.extend(tally.graphs);
    pb.finish_and_clear();
    // People merged across all the articles (a later batch can merge an earlier one's).
    let entities = store.entities_mentioned(&stored_graphs)?;
    let total = added + replaced + unchanged;
    eprintln!(
        "ingested {total} article{} ({added} new, {replaced} replaced, {unchanged} unchanged{}): {} entities, {relations} relations in {:.2} s → {}",
        plural(total),
        if bad > 0 { format!(", {bad} skipped") } else { String::new() },
        entities.len(),
        started.elapsed().as_secs_f64(),
        a.store.store.display()
    );
    if total == 0 && bad > 0 {
        return Err(Error::BadInput("no article could be read".into()).into());
    }
    Ok(())
}

/// What `ingest` stored: its outcomes counted, and the article graphs.
#[derive(Default)]
struct Tally {
    added: usize,
    replaced: usize,
    unchanged: usize,
    graphs: Vec<String>,
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

pub(super) fn extract(a: ExtractArgs) -> Result<()> {
    let opts = options(&a.options)?;
    let extractor = Extractor::with_user_lexicons(&opts.lexicons)?;
    let pb = ProgressBar::hidden();
    if matches!(a.format, ExtractFormat::Nquads) {
        return super::parallel::extract_nquads_streaming(
            &extractor,
            &expand_inputs(&a.inputs)?,
            opts.lang,
            opts.date.as_deref(),
            opts.reification,
        );
    }
    let mut graphs: Vec<ArticleGraph> = Vec::new();
    for_each_article(&expand_inputs(&a.inputs)?, false, &pb, |article| {
        graphs.push(extractor.extract(&article, opts.lang, opts.date.as_deref()));
        Ok(())
    })?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let rdf = match a.format {
        ExtractFormat::Json => {
            let json: Vec<serde_json::Value> = graphs.iter().map(graph_json).collect();
            serde_json::to_writer_pretty(&mut out, &serde_json::json!({ "articles": json }))?;
            writeln!(out)?;
            out.flush()?;
            return Ok(());
        }
        ExtractFormat::Trig => RdfOutput::TriG,
        ExtractFormat::Nquads => RdfOutput::NQuads,
        ExtractFormat::Turtle => RdfOutput::Turtle,
        ExtractFormat::Jsonld => RdfOutput::JsonLd,
    };
    // JSON-LD cannot carry RDF 1.2 triple terms (Oxigraph refuses them): classic reification.
    let reification = if matches!(a.format, ExtractFormat::Jsonld) {
        Reification::Rdf11
    } else {
        opts.reification
    };
    let mut quads = Vec::new();
    for g in &graphs {
        quads.extend(article_quads(g, reification));
    }
    // People merged across the articles of this run, as the store would merge them.
    let quads = newsgraph::rdf::merge::merge_quads(quads);
    write_quads(&quads, rdf, &mut out)?;
    out.flush()?;
    Ok(())
}

fn graph_json(g: &ArticleGraph) -> serde_json::Value {
    use petgraph::visit::EdgeRef;
    let nodes: Vec<serde_json::Value> = g
        .graph
        .node_weights()
        .map(|n| {
            serde_json::json!({
                "id": n.iri, "kind": n.kind, "label": n.label, "qid": n.qid,
                "altLabels": n.alt_labels.iter().map(|(l, s)| serde_json::json!({"lang": l, "value": s})).collect::<Vec<_>>(),
            })
        })
        .collect();
    let edges: Vec<serde_json::Value> = g
        .graph
        .edge_references()
        .map(|e| {
            let w = e.weight();
            serde_json::json!({
                "source": g.graph[e.source()].iri, "target": g.graph[e.target()].iri,
                "relation": w.relation.name(), "evidence": w.evidence, "confidence": w.confidence,
                "rule": w.rule, "title": w.title, "cameo": w.cameo, "date": w.date,
            })
        })
        .collect();
    serde_json::json!({ "article": g.meta, "nodes": nodes, "edges": edges })
}

fn result_format(f: Option<QueryFormat>) -> ResultFormat {
    match f {
        Some(QueryFormat::Table) => ResultFormat::Table,
        Some(QueryFormat::Json) => ResultFormat::Json,
        Some(QueryFormat::Csv) => ResultFormat::Csv,
        Some(QueryFormat::Tsv) => ResultFormat::Tsv,
        Some(QueryFormat::Xml) => ResultFormat::Xml,
        None if std::io::stdout().is_terminal() => ResultFormat::Table,
        None => ResultFormat::Tsv,
    }
}

fn print_answer(answer: &Answer, format: ResultFormat) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    write_answer(answer, format, &mut out)?;
    out.flush()?;
    Ok(())
}

pub(super) fn query(a: QueryArgs) -> Result<()> {
    let path = std::path::Path::new(&a.query);
    let text = if path.is_file() {
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?
    } else if a.query.ends_with(".rq") || a.query.ends_with(".sparql") {
        return Err(Error::BadInput(format!("{}: no such query file", a.query)).into());
    } else {
        a.query.clone()
    };
    let store = GraphStore::open_read_only(&a.store.store)?;
    let declared = declared_params(&text);
    let mut params = Vec::new();
    for p in &a.param {
        let (name, value) = p
            .split_once('=')
            .ok_or_else(|| Error::BadInput(format!("--param {p:?}: expected NAME=VALUE")))?;
        let name = name.trim_start_matches(['?', '$']);
        let wants_iri = declared.iter().any(|(n, iri)| n == name && *iri);
        let term = if wants_iri {
            resolve_iri_param(&store, name, value)?
        } else {
            param_term(value)
        };
        params.push((name.to_string(), term));
    }
    let answer = run(&store, &text, &params)?;
    print_answer(&answer, result_format(a.format))
}

pub(super) fn entities(a: EntitiesArgs) -> Result<()> {
    let store = GraphStore::open_read_only(&a.store.store)?;
    let classes: Vec<&str> = if a.types.is_empty() {
        vec![
            "schema:Person",
            "schema:Country",
            "ng:Alliance",
            "schema:Organization",
            "schema:Place",
        ]
    } else {
        a.types
            .iter()
            .map(|t| match t {
                EntityType::Person => "schema:Person",
                EntityType::State => "schema:Country",
                EntityType::Alliance => "ng:Alliance",
                EntityType::Org => "schema:Organization",
                EntityType::Place => "schema:Place",
            })
            .collect()
    };
    let q = format!(
        "SELECT ?entity ?type ?label ?wikidata (COUNT(DISTINCT ?article) AS ?articles) WHERE {{
           VALUES ?class {{ {} }}
           ?entity a ?class .
           BIND(STRAFTER(STR(?class), \"#\") AS ?t1)
           BIND(IF(?t1 = \"\", STRAFTER(STR(?class), \"http://schema.org/\"), ?t1) AS ?type)
           OPTIONAL {{ ?entity rdfs:label ?label }}
           OPTIONAL {{ ?entity owl:sameAs ?wikidata }}
           OPTIONAL {{ GRAPH ?g {{ ?article schema:mentions ?entity }} }}
         }}
         GROUP BY ?entity ?type ?label ?wikidata
         ORDER BY ?type DESC(?articles) ?label",
        classes.join(" ")
    );
    let answer = run(&store, &q, &[])?;
    print_answer(&answer, result_format(a.format))
}

pub(super) fn stats(a: StoreArg) -> Result<()> {
    let store = GraphStore::open_read_only(&a.store)?;
    let q = "SELECT ?what ?count WHERE {
      { SELECT (\"articles\" AS ?what) (COUNT(DISTINCT ?a) AS ?count) WHERE { ?a a schema:NewsArticle } }
      UNION
      { SELECT (CONCAT(\"entities: \", STRAFTER(STR(?c), \"http://schema.org/\"), STRAFTER(STR(?c), \"#\")) AS ?what) (COUNT(DISTINCT ?e) AS ?count)
        WHERE { VALUES ?c { schema:Person schema:Country ng:Alliance schema:Organization schema:Place } ?e a ?c } GROUP BY ?c }
      UNION
      { SELECT (CONCAT(\"relations: \", STRAFTER(STR(?p), \"#\")) AS ?what) (COUNT(*) AS ?count)
        WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o FILTER(STRSTARTS(STR(?p), STR(ng:)) && ?p NOT IN (ng:evidence, ng:start, ng:end, ng:confidence, ng:rule, ng:title, ng:date, ng:cameo, ng:contentHash)) } } GROUP BY ?p }
    }";
    let answer = run(&store, q, &[])?;
    let quads = store.len()?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if let Answer::Solutions { rows, .. } = &answer {
        for r in rows {
            let what = r[0]
                .as_ref()
                .map(newsgraph::query::cell)
                .unwrap_or_default();
            let n = r[1]
                .as_ref()
                .map(newsgraph::query::cell)
                .unwrap_or_default();
            writeln!(out, "{what:<32} {n:>8}")?;
        }
    }
    writeln!(out, "{:<32} {quads:>8}", "quads")?;
    Ok(())
}

/// `eval --graph`: extract the input articles and score them against gold annotation files
/// (gold `article` = input article id).
pub(super) fn eval_graph(
    gold: &[std::path::PathBuf],
    inputs: &[std::path::PathBuf],
    lexicons: &[std::path::PathBuf],
    show_errors: bool,
) -> Result<()> {
    use newsgraph::evaluate::{read_gold, render, score_article, Scores};
    let mut golds = Vec::new();
    for g in expand_gold(gold)? {
        golds.push(read_gold(&g)?);
    }
    if golds.is_empty() {
        return Err(Error::BadInput("--graph: no gold files (*.json) found".into()).into());
    }
    if inputs.is_empty() {
        return Err(Error::BadInput(
            "--graph needs --input ARTICLES (the annotated articles, e.g. JSON Lines)".into(),
        )
        .into());
    }
    let extractor = Extractor::with_user_lexicons(lexicons)?;
    let mut graphs = std::collections::HashMap::new();
    for_each_article(
        &expand_inputs(inputs)?,
        false,
        &ProgressBar::hidden(),
        |article| {
            if golds.iter().any(|g| g.article == article.id) {
                let g = extractor.extract(&article, LangChoice::Auto, None);
                graphs.insert(article.id.clone(), g);
            }
            Ok(())
        },
    )?;
    let mut scores = Scores::default();
    for g in &golds {
        match graphs.get(&g.article) {
            Some(graph) => score_article(g, graph, &mut scores),
            None => {
                return Err(Error::BadInput(format!(
                    "gold article {} is not among the --input articles",
                    g.article
                ))
                .into())
            }
        }
    }
    print!("{}", render(&scores));
    if show_errors {
        println!("\narticle\terror\trelation\tevidence");
        for e in &scores.errors {
            println!("{e}");
        }
    }
    Ok(())
}

fn expand_gold(paths: &[std::path::PathBuf]) -> Result<Vec<std::path::PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<_> = std::fs::read_dir(p)
                .with_context(|| p.display().to_string())?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.extension().and_then(|e| e.to_str()) == Some("json"))
                .collect();
            found.sort();
            out.extend(found);
        } else if p.is_file() {
            out.push(p.clone());
        } else {
            return Err(Error::BadInput(format!("{}: no such gold file", p.display())).into());
        }
    }
    Ok(out)
}
