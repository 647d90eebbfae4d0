//! How long the built-in force-directed layout (used by `export --format svg|html`) takes on
//! generated graphs of 100, 500 and 1000 nodes with about two edges per node. The target is
//! under 2 s for 500 nodes in a release build: `cargo bench --bench layout`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use newsgraph::export::layout::{layout, LayoutOptions};
use newsgraph::export::{View, ViewEdge, ViewNode};
use newsgraph::graph::{NodeKind, Relation};
use std::hint::black_box;

/// A reproducible news-like graph: `n` entities, each joined to about two earlier ones, with a
/// few heavily connected hubs (the alliances and big states of real news).
pub fn generated_view(n: usize) -> View {
    let kinds = [NodeKind::Person, NodeKind::State, NodeKind::Alliance];
    let nodes: Vec<ViewNode> = (0..n)
        .map(|i| ViewNode {
            iri: format!("https://w3id.org/newsgraph/id/test/{i:05}"),
            kind: kinds[i % 3],
            label: format!("Entity {i}"),
            alt_labels: Vec::new(),
            qid: None,
            articles: 1 + i % 4,
            mentioned_in: Vec::new(),
        })
        .collect();
    let mut state: u64 = 42;
    let mut next = |m: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % m.max(1)
    };
    let mut edges = Vec::new();
    for i in 1..n {
        for _ in 0..2 {
            // Half the edges go to one of the first 10 nodes (hubs), half anywhere earlier.
            let j = if next(2) == 0 {
                next(10.min(i))
            } else {
                next(i)
            };
            edges.push((
                nodes[i].iri.clone(),
                nodes[j].iri.clone(),
                ViewEdge {
                    relation: Relation::MemberOf,
                    symmetric: false,
                    weight: 1 + next(3),
                    stated_in: Vec::new(),
                    titles: Vec::new(),
                    evidence: Vec::new(),
                },
            ));
        }
    }
    View::from_parts(nodes, edges)
}

fn bench_layout(c: &mut Criterion) {
    let mut group = c.benchmark_group("force_directed_layout");
    group.sample_size(10);
    for n in [100, 500, 1000] {
        let view = generated_view(n);
        group.bench_with_input(BenchmarkId::from_parameter(n), &view, |b, v| {
            b.iter(|| layout(black_box(v), &LayoutOptions::default()))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_layout);
criterion_main!(benches);
