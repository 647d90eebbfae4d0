//! Throughput of each extraction stage and of the whole pipeline, in bytes of article text per
//! second, on the generated Swahili corpus (`newsgraph::corpus`, the generator of
//! `examples/gen-corpus.rs`): `cargo bench --bench stages`. Each stage gets the previous
//! stages' output ready-made, so its time is its own. Kept short (10 samples, a few seconds
//! each) because the machines it runs on are small and shared.

use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
use newsgraph::corpus::generate_bytes;
use newsgraph::input::Article;
use newsgraph::lexicon::Lexicon;
use newsgraph::pipeline::LangChoice;
use newsgraph::rdf::{article_nquads, article_quads, GraphStore, Quad, Reification};
use newsgraph::recognise::recognise;
use newsgraph::tag::{Tagger, Workspace};
use newsgraph::text::{normalise, segment, Folded, Lang};
use newsgraph::Extractor;
use std::hint::black_box;
use std::time::Duration;

/// About 1 MB of article text: big enough for stable numbers, small enough for a quick run.
const CORPUS_BYTES: usize = 1_000_000;

fn quick<M: criterion::measurement::Measurement>(g: &mut BenchmarkGroup<'_, M>, bytes: usize) {
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(4));
    g.throughput(Throughput::Bytes(bytes as u64));
}

/// Stores articles as one batch, people merged, as `ingest` does; None on an error.
fn put_batch(store: &GraphStore, batch: &[(String, Vec<Quad>)]) -> Option<()> {
    let items: Vec<(&str, &[Quad])> = batch
        .iter()
        .map(|(g, q)| (g.as_str(), q.as_slice()))
        .collect();
    store.put_articles_merged(&items).ok().map(|_| ())
}

fn bench(c: &mut Criterion) {
    let lexicon = Lexicon::builtin().unwrap_or_else(|e| panic!("lexicon: {e}"));
    let articles: Vec<Article> = generate_bytes(&lexicon, 1, CORPUS_BYTES)
        .into_iter()
        .map(|a| a.into_article("bench"))
        .collect();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let abbreviations = lexicon.abbreviations();
    let texts: Vec<String> = articles.iter().map(|a| normalise(&a.text)).collect();
    let segs: Vec<_> = texts.iter().map(|t| segment(t, &abbreviations)).collect();
    let tagger = Tagger::builtin().unwrap_or_else(|e| panic!("tagger: {e}"));

    let mut g = c.benchmark_group("stages");
    quick(&mut g, bytes);
    g.bench_function("normalise", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| normalise(&a.text).len())
                .sum::<usize>()
        })
    });
    g.bench_function("segment (sentences, tokens)", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| segment(t, &abbreviations).tokens.len())
                .sum::<usize>()
        })
    });
    g.bench_function("tagger", |b| {
        let sentences: Vec<Vec<Vec<&str>>> = texts
            .iter()
            .zip(&segs)
            .map(|(t, s)| {
                s.sentences
                    .iter()
                    .map(|x| {
                        s.tokens[x.tokens.clone()]
                            .iter()
                            .map(|k| k.text(t))
                            .collect()
                    })
                    .collect()
            })
            .collect();
        let mut ws = Workspace::new();
        b.iter(|| {
            let mut n = 0;
            for doc in &sentences {
                tagger.tag_document_with(doc, &mut ws, |_, tags| n += tags.len());
            }
            black_box(n)
        })
    });
    g.bench_function("lexicon match", |b| {
        let matcher = lexicon.matcher(Lang::Sw);
        b.iter(|| {
            texts
                .iter()
                .zip(&segs)
                .map(|(t, s)| matcher.find(t, &Folded::new(t), s).len())
                .sum::<usize>()
        })
    });
    g.bench_function("recognise (rules and tagger)", |b| {
        b.iter(|| {
            texts
                .iter()
                .zip(&segs)
                .map(|(t, s)| {
                    recognise(t, s, &lexicon, Lang::Sw, Some(&tagger))
                        .mentions
                        .len()
                })
                .sum::<usize>()
        })
    });
    let extractor = Extractor::new().unwrap_or_else(|e| panic!("extractor: {e}"));
    g.bench_function(
        "extract (normalise to article graph, with relations)",
        |b| {
            b.iter(|| {
                articles
                    .iter()
                    .map(|a| extractor.extract(a, LangChoice::Auto, None).edge_count())
                    .sum::<usize>()
            })
        },
    );
    let graphs: Vec<_> = articles
        .iter()
        .map(|a| extractor.extract(a, LangChoice::Auto, None))
        .collect();
    g.bench_function("rdf build (article quads)", |b| {
        b.iter(|| {
            graphs
                .iter()
                .map(|g| article_quads(g, Reification::Rdf12).len())
                .sum::<usize>()
        })
    });
    g.bench_function("rdf build (N-Quads lines, as extract writes them)", |b| {
        b.iter(|| {
            graphs
                .iter()
                .map(|g| article_nquads(g, Reification::Rdf12).len())
                .sum::<usize>()
        })
    });
    // The whole corpus as one article: extraction time should grow linearly with an
    // article's length (it was quadratic, and worse, in several places), so this runs at
    // about the speed of the many short articles above.
    let long = Article {
        id: "long".into(),
        title: None,
        text: articles
            .iter()
            .map(|a| a.text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n"),
        date: Some("2024-01-01".into()),
        url: None,
        lang: None,
        source: "bench".into(),
    };
    g.throughput(Throughput::Bytes(long.text.len() as u64));
    g.bench_function("extract one long article (the corpus joined)", |b| {
        b.iter(|| {
            extractor
                .extract(&long, LangChoice::Auto, None)
                .edge_count()
        })
    });
    // The store is by far the slowest stage: its benches write a tenth of the corpus.
    let few = articles.len() / 10;
    let few_bytes: usize = articles[..few].iter().map(|a| a.text.len()).sum();
    g.throughput(Throughput::Bytes(few_bytes as u64));
    let quads: Vec<_> = graphs[..few]
        .iter()
        .map(|g| (g.meta.iri.clone(), article_quads(g, Reification::Rdf12)))
        .collect();
    // The store benches write into a fresh store each iteration: what `ingest` pays.
    g.bench_function("store write (one transaction per article)", |b| {
        b.iter_batched(
            || tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}")),
            |dir| {
                let store = GraphStore::open(&dir.path().join("db"))
                    .unwrap_or_else(|e| panic!("store: {e}"));
                for (iri, q) in &quads {
                    black_box(store.put_article(iri, q).ok());
                }
                dir
            },
            criterion::BatchSize::PerIteration,
        )
    });
    g.bench_function(
        "store write (one batch, people merged, as ingest does)",
        |b| {
            b.iter_batched(
                || tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}")),
                |dir| {
                    let store = GraphStore::open(&dir.path().join("db"))
                        .unwrap_or_else(|e| panic!("store: {e}"));
                    black_box(put_batch(&store, &quads));
                    dir
                },
                criterion::BatchSize::PerIteration,
            )
        },
    );
    g.bench_function(
        "end to end (extract, build, store one batch; one thread)",
        |b| {
            b.iter_batched(
                || tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}")),
                |dir| {
                    let store = GraphStore::open(&dir.path().join("db"))
                        .unwrap_or_else(|e| panic!("store: {e}"));
                    let batch: Vec<_> = articles[..few]
                        .iter()
                        .map(|a| {
                            let g = extractor.extract(a, LangChoice::Auto, None);
                            (g.meta.iri.clone(), article_quads(&g, Reification::Rdf12))
                        })
                        .collect();
                    black_box(put_batch(&store, &batch));
                    dir
                },
                criterion::BatchSize::PerIteration,
            )
        },
    );
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
