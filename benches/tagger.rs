//! Tagging throughput of the shipped named-entity model, in tokens per second on one core:
//! `cargo bench --bench tagger`. The text is the test sentences of `tests/data/sw-news.conll`
//! with their names varied, repeated into articles of 30 sentences (about 10,000 tokens in all),
//! so that the look-ups meet unseen words as real text does. Target: at least 1 million
//! tokens per second.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsgraph::tag::{parse_conll, Tagger, Workspace};
use std::hint::black_box;

/// Articles of 30 sentences made from the test sentences; every capitalised word gets a
/// numbered variant now and then (`Ruto` → `Ruto7`), as new names in new articles.
fn articles() -> Vec<Vec<Vec<String>>> {
    let text = include_str!("../tests/data/sw-news.conll");
    let sentences = parse_conll(text, "tests/data/sw-news.conll", false).unwrap_or_default();
    let mut out = Vec::new();
    let mut k = 0usize;
    while out.len() < 20 {
        let mut article = Vec::new();
        while article.len() < 30 {
            let s = &sentences[k % sentences.len().max(1)];
            article.push(
                s.tokens
                    .iter()
                    .enumerate()
                    .map(|(i, t)| {
                        let cap = t.chars().next().is_some_and(char::is_uppercase);
                        if cap && (k + i).is_multiple_of(3) {
                            format!("{t}{}", k % 50)
                        } else {
                            t.clone()
                        }
                    })
                    .collect(),
            );
            k += 1;
        }
        out.push(article);
    }
    out
}

fn bench(c: &mut Criterion) {
    let tagger = match Tagger::builtin() {
        Ok(t) => t,
        Err(e) => panic!("the shipped model does not load: {e}"),
    };
    let articles = articles();
    let tokens: usize = articles.iter().flatten().map(Vec::len).sum();
    let mut group = c.benchmark_group("tagger");
    group.throughput(Throughput::Elements(tokens as u64));
    group.bench_function("tag_document (articles)", |b| {
        let mut ws = Workspace::new();
        b.iter(|| {
            let mut entities = 0;
            for a in &articles {
                tagger.tag_document_with(a, &mut ws, |_, tags| {
                    entities += tags.iter().filter(|t| t.entity_type().is_some()).count()
                });
            }
            black_box(entities)
        })
    });
    group.bench_function("tag_with (sentence by sentence)", |b| {
        let mut ws = Workspace::new();
        b.iter(|| {
            let mut entities = 0;
            for s in articles.iter().flatten() {
                entities += tagger
                    .tag_with(s, &mut ws)
                    .iter()
                    .filter(|t| t.entity_type().is_some())
                    .count();
            }
            black_box(entities)
        })
    });
    group.finish();
    c.bench_function("load the shipped model", |b| {
        b.iter(|| black_box(Tagger::builtin().map(|t| t.feature_count())))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
