//! Regression tests of the named-entity tagger and its commands (`train`, `tag`, `eval`) on
//! `tests/data/sw-news.conll`: fifteen Swahili news sentences written for these tests.

mod common;

use common::{ok, run};
use newsgraph::tag::{read_conll, spans, EntityType, Evaluation, Span, Tagger};
use std::path::{Path, PathBuf};

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sw-news.conll")
}

/// The words of each span of a kind, as text.
fn names(tokens: &[&str], found: &[Span], kind: EntityType) -> Vec<String> {
    found
        .iter()
        .filter(|s| s.kind == kind)
        .map(|s| tokens[s.start..s.end].join(" "))
        .collect()
}

#[test]
fn shipped_model_finds_the_obvious_people_places_and_dates() {
    let tagger = Tagger::builtin().expect("the shipped model loads");
    let tokens: Vec<&str> = "Rais wa Kenya William Ruto aliwasili Dar es Salaam siku ya Jumatatu ."
        .split(' ')
        .collect();
    let found = tagger.entities(&tokens);
    assert_eq!(
        names(&tokens, &found, EntityType::Per),
        vec!["William Ruto"]
    );
    assert_eq!(
        names(&tokens, &found, EntityType::Loc),
        vec!["Kenya", "Dar es Salaam"]
    );
    assert_eq!(names(&tokens, &found, EntityType::Date), vec!["Jumatatu"]);

    let tokens: Vec<&str> = "Mwandishi wetu John Kamau anaripoti kutoka Arusha ."
        .split(' ')
        .collect();
    let found = tagger.entities(&tokens);
    assert_eq!(names(&tokens, &found, EntityType::Per), vec!["John Kamau"]);
    assert_eq!(names(&tokens, &found, EntityType::Loc), vec!["Arusha"]);
}

#[test]
fn shipped_model_scores_well_on_the_test_sentences() {
    let gold = read_conll(&data(), true).expect("test data");
    let tagger = Tagger::builtin().expect("the shipped model loads");
    let sentences: Vec<&[String]> = gold.iter().map(|s| s.tokens.as_slice()).collect();
    let mut e = Evaluation::new();
    for (s, tags) in gold.iter().zip(tagger.tag_document(&sentences)) {
        e.add(&s.tags, &tags);
    }
    // 33 of 34 entities when this was written; a retrained model may differ a little.
    assert!(e.overall().f1() >= 85.0, "{e}");
    assert!(e.of(EntityType::Per).f1() >= 90.0, "{e}");
}

#[test]
fn tag_prints_one_line_per_token_and_a_blank_line_between_sentences() {
    let gold = read_conll(&data(), true).expect("test data");
    let out = ok(&["tag", "--conll", &data().display().to_string()]);
    let blocks: Vec<&str> = out.trim_end_matches('\n').split("\n\n").collect();
    assert_eq!(blocks.len(), gold.len());
    for (block, sentence) in blocks.iter().zip(&gold) {
        let lines: Vec<&str> = block.lines().collect();
        assert_eq!(lines.len(), sentence.tokens.len(), "{block}");
        for (line, token) in lines.iter().zip(&sentence.tokens) {
            let (t, tag) = line.split_once('\t').expect("token<TAB>TAG");
            assert_eq!(t, token);
            assert!(newsgraph::tag::Tag::parse(tag).is_some(), "{line}");
        }
    }
}

#[test]
fn gold_scored_against_itself_is_100() {
    let gold = read_conll(&data(), true).expect("test data");
    let mut e = Evaluation::new();
    for s in &gold {
        e.add(&s.tags, &s.tags);
        assert!(!spans(&s.tags).is_empty());
    }
    assert_eq!(e.overall().gold, 34);
    assert!((e.overall().f1() - 100.0).abs() < 1e-9);
}

#[test]
fn train_is_deterministic_and_eval_prints_the_table() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = data().display().to_string();
    let model = |name: &str, seed: &str| {
        let path = dir.path().join(name).display().to_string();
        ok(&[
            "train", "--conll", &file, "-o", &path, "--epochs", "10", "--seed", seed,
        ]);
        (std::fs::read(&path).expect("model written"), path)
    };
    let (a, path) = model("a.model", "7");
    let (b, _) = model("b.model", "7");
    assert_eq!(a, b, "same data and seed, different model bytes");

    // A model trained on the sentences knows them by heart.
    let table = ok(&["eval", "--conll", &file, "--model", &path]);
    let overall = table
        .lines()
        .find(|l| l.starts_with("overall"))
        .expect("overall row");
    assert_eq!(
        overall.split_whitespace().collect::<Vec<_>>(),
        vec!["overall", "100.00", "100.00", "100.00", "34", "34", "34"],
        "{table}"
    );
    for kind in ["DATE", "LOC", "ORG", "PER"] {
        assert!(table.lines().any(|l| l.starts_with(kind)), "{table}");
    }
    let tagged = ok(&["tag", "--conll", &file, "--model", &path]);
    assert!(tagged.contains("Guterres\tI-PER"), "{tagged}");
}

#[test]
fn bad_input_exits_2_with_one_line_naming_file_and_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad.conll");
    std::fs::write(&bad, "Rais O\nSamia B-MISC\n").expect("write");
    let out = run(&["eval", "--conll", &bad.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("bad.conll:2: unknown tag"), "{err}");

    let not_a_model = dir.path().join("x.model");
    std::fs::write(&not_a_model, "hello").expect("write");
    let out = run(&[
        "tag",
        "--conll",
        &data().display().to_string(),
        "--model",
        &not_a_model.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("x.model"));

    let model = dir.path().join("m.model").display().to_string();
    let out = run(&[
        "train",
        "--conll",
        &data().display().to_string(),
        "-o",
        &model,
        "--epochs",
        "0",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!Path::new(&model).exists());
}
