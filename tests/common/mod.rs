//! Helpers shared by the integration tests: running the `newsgraph` binary, building an
//! article in memory, and reading dumps as canonical datasets to compare graphs built in
//! different ways. Each test crate uses only some of them, hence the `dead_code` allowance.
#![allow(dead_code)]

use newsgraph::input::Article;
use newsgraph::text::Lang;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::dataset::CanonicalizationAlgorithm;
use oxigraph::model::Dataset;
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
