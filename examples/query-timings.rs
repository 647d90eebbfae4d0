//! Times every query of `queries/` on a store: `cargo run --release --example query-timings --
//! STORE [QUERIES_DIR [NAME_PART]]`. Each query runs once to warm the caches, then three times; the table
//! gives the fastest run and the number of rows (a query slower than a second runs once). Parameters are bound the way `newsgraph query
//! --param` binds them, to entities the store has plenty of: the most mentioned state, alliance
//! and person, an article from the middle of the store, and a date. A third argument keeps only
//! the queries whose file name contains it (to time one query under `timeout`). With
//! `QUERY_EXPLAIN=1` in the environment each query's plan, with row counts and times per
//! operator, is printed to stderr after its timings (`QUERY_PARAMS="name=value;…"` binds
//! other parameters): that is where a slow query shows which
//! pattern Oxigraph scans.

use newsgraph::query::{cell, declared_params, param_term, run, Answer};
use newsgraph::rdf::GraphStore;
use std::path::PathBuf;
use std::time::Instant;

/// The most mentioned entity of a class (by number of articles), as an IRI.
fn top(store: &GraphStore, class: &str) -> Result<Option<String>, Box<dyn std::error::Error>> {
    let q = format!(
        "SELECT ?e (COUNT(DISTINCT ?a) AS ?n) WHERE {{ GRAPH ?a {{ ?x schema:mentions ?e }} ?e a {class} }}
         GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT 1"
    );
    Ok(match run(store, &q, &[])? {
        Answer::Solutions { rows, .. } => rows
            .first()
            .and_then(|r| r.first().cloned().flatten())
            .map(|t| t.to_string().trim_matches(['<', '>']).to_string()),
        _ => None,
    })
}

/// Prints a query's plan with per-operator statistics to stderr.
fn explain(
    store: &GraphStore,
    text: &str,
    bound: &[(String, oxigraph::model::Term)],
) -> Result<(), Box<dyn std::error::Error>> {
    let mut prepared = newsgraph::query::evaluator()?.parse_query(text)?;
    for (name, value) in bound {
        prepared =
            prepared.substitute_variable(oxigraph::model::Variable::new(name)?, value.clone());
    }
    let (results, explanation) = prepared
        .on_store(store.inner())
        .compute_statistics()
        .explain();
    // The statistics are only complete once every solution has been read.
    if let oxigraph::sparql::QueryResults::Solutions(solutions) = results? {
        for s in solutions {
            s?;
        }
    }
    eprintln!("{explanation:?}");
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let store_path = PathBuf::from(
        args.next()
            .ok_or("usage: query-timings STORE [QUERIES_DIR [NAME_PART]]")?,
    );
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "queries".into()));
    let only = args.next().unwrap_or_default();
    let store = GraphStore::open_read_only(&store_path)?;
    let t = Instant::now();
    let state = top(&store, "schema:Country")?.unwrap_or_default();
    let alliance = top(&store, "ng:Alliance")?.unwrap_or_default();
    let person = top(&store, "schema:Person")?.unwrap_or_default();
    let article = match run(
        &store,
        "SELECT ?a WHERE { ?a a schema:NewsArticle } ORDER BY ?a",
        &[],
    )? {
        Answer::Solutions { rows, .. } => rows
            .get(rows.len() / 2)
            .and_then(|r| r.first().cloned().flatten())
            .map(|t| cell(&t))
            .unwrap_or_default(),
        _ => String::new(),
    };
    eprintln!(
        "parameters chosen in {:.1} s: state {state}, alliance {alliance}, person {person}, article {article}",
        t.elapsed().as_secs_f64()
    );
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rq"))
        .filter(|p| p.to_string_lossy().contains(only.as_str()))
        .collect();
    files.sort();
    println!("| query | parameters | rows | fastest of 3 (ms) |");
    println!("|---|---|---|---|");
    for f in files {
        let text = std::fs::read_to_string(&f)?;
        let mut params = Vec::new();
        for (name, _) in declared_params(&text) {
            let value = match name.as_str() {
                "state" => state.clone(),
                "alliance" => alliance.clone(),
                "entity" | "subject" => {
                    if f.to_string_lossy().contains("timeline")
                        || f.to_string_lossy().contains("co-mentions")
                    {
                        person.clone()
                    } else {
                        state.clone()
                    }
                }
                "article" => article.clone(),
                "since" => "2024-06-01".into(),
                _ => continue,
            };
            if !value.is_empty() {
                params.push((name, value));
            }
        }
        // QUERY_PARAMS="predicate=ng:metWith;object=state:KE" replaces the chosen parameters.
        if let Ok(given) = std::env::var("QUERY_PARAMS") {
            params = given
                .split(';')
                .filter_map(|p| p.split_once('='))
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect();
        }
        let bound: Vec<(String, oxigraph::model::Term)> = params
            .iter()
            .map(|(n, v)| (n.clone(), param_term(v)))
            .collect();
        let mut best = f64::MAX;
        let mut rows = 0;
        for i in 0..4 {
            let t = Instant::now();
            let answer = run(&store, &text, &bound)?;
            let n = match answer {
                Answer::Solutions { rows, .. } => rows.len(),
                Answer::Boolean(_) => 1,
                Answer::Graph(t) => t.len(),
            };
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            rows = n;
            // A query slower than a second is timed once (its first run): the point is
            // already made, and the table should not take an hour.
            if i == 0 && ms > 1000.0 {
                best = ms;
                break;
            }
            if i > 0 {
                best = best.min(ms);
            }
        }
        if std::env::var_os("QUERY_EXPLAIN").is_some() {
            explain(&store, &text, &bound)?;
        }
        let shown: Vec<String> = params
            .iter()
            .map(|(n, v)| format!("{n}={}", v.rsplit('/').next().unwrap_or(v)))
            .collect();
        println!(
            "| {} | {} | {rows} | {best:.1} |",
            f.file_stem()
                .map(|s| s.to_string_lossy())
                .unwrap_or_default(),
            shown.join(", ")
        );
    }
    Ok(())
}
