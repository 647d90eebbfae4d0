//! Helpers shared by the integration tests: running the `newsgraph` binary, building an
//! article in memory, reading the relations of an extracted article graph, and reading dumps as canonical datasets to compare graphs built in
//! different ways. Each test crate uses only some of them, hence the `dead_code` allowance.
#![allow(dead_code)]

use newsgraph::graph::{ArticleGraph, Relation};
use newsgraph::input::Article;
use newsgraph::pipeline::LangChoice;
use newsgraph::text::Lang;
use newsgraph::Extractor;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::dataset::CanonicalizationAlgorithm;
use oxigraph::model::Dataset;
use petgraph::visit::EdgeRef;
use std::path::Path;
use std::process::{Command, Output};

/// The `newsgraph` binary under test.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
}

/// Runs `newsgraph` with `args`.
pub fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("newsgraph runs")
}

/// Runs `newsgraph`, asserts success and returns stdout.
pub fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert!(
        out.status.success(),
        "newsgraph {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// An article with id `t` in a given language.
pub fn article(text: &str, lang: Lang) -> Article {
    Article {
        id: "t".into(),
        title: None,
        text: text.into(),
        date: None,
        url: None,
        lang: Some(lang),
        source: "test".into(),
    }
}

/// The graph `extract` makes of a test text (first line the headline) in a given language.
pub fn extract(text: &str, lang: Lang) -> ArticleGraph {
    let ex = Extractor::new().expect("lexicon");
    ex.extract(&article(text, lang), LangChoice::Auto, None)
}

/// (subject label, relation, object label, rule) of every edge.
pub fn edges(g: &ArticleGraph) -> Vec<(String, Relation, String, String)> {
    g.graph
        .edge_references()
        .map(|e| {
            (
                g.graph[e.source()].label.clone(),
                e.weight().relation,
                g.graph[e.target()].label.clone(),
                e.weight().rule.clone(),
            )
        })
        .collect()
}

/// Whether the graph has the edge `s r o` (either way round for a symmetric relation).
pub fn has(g: &ArticleGraph, s: &str, r: Relation, o: &str) -> bool {
    edges(g).iter().any(|(a, rel, b, _)| {
        *rel == r && ((a == s && b == o) || (r.is_symmetric() && a == o && b == s))
    })
}

/// Whether the graph has no edge of any of these relations.
pub fn none_of(g: &ArticleGraph, kinds: &[Relation]) -> bool {
    !edges(g).iter().any(|(_, r, _, _)| kinds.contains(r))
}

/// The article graphs of an RDF dump (TriG by extension, else N-Quads) as a canonical dataset:
/// blank nodes relabelled, so that two dumps of the same graph compare equal. Background facts
/// and the store's own graphs are left out.
pub fn article_dataset(file: &Path) -> Dataset {
    let text = std::fs::read(file).expect("dump");
    let format = if file.extension().is_some_and(|e| e == "trig") {
        RdfFormat::TriG
    } else {
        RdfFormat::NQuads
    };
    let mut d: Dataset = RdfParser::from_format(format)
        .for_slice(&text)
        .collect::<Result<Vec<_>, _>>()
        .expect("valid RDF")
        .into_iter()
        .filter(|q| q.graph_name.to_string().contains("/newsgraph/article/"))
        .collect();
    d.canonicalize(CanonicalizationAlgorithm::Unstable);
    d
}

/// The article graphs of a store, exported to `file` (N-Quads), as a canonical dataset.
pub fn store_dataset(store: &str, file: &Path) -> Dataset {
    let path = file.display().to_string();
    ok(&[
        "export", "--store", store, "--format", "nquads", "-o", &path,
    ]);
    article_dataset(file)
}
