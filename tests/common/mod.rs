//! Helpers shared by the integration tests: running the `newsgraph` binary and building an
//! article in memory. Each test crate uses only some of them, hence the `dead_code` allowance.
#![allow(dead_code)]

use newsgraph::input::Article;
use newsgraph::text::Lang;
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
