//! `newsgraph check` and `newsgraph::rdf::check`: a store written by ingest is consistent, and
//! each kind of damage is reported.

mod common;

use common::{article, run};
use newsgraph::rdf::{article_quads, check, GraphStore, Problem, Reification};
use newsgraph::text::Lang;
use newsgraph::Extractor;
use oxigraph::model::{GraphNameRef, NamedNodeRef, QuadRef, Term};

const TEXT: &str = "Mkutano wa NATO\n\nKatibu Mkuu wa NATO Jens Stoltenberg alikutana na \
Waziri wa Mambo ya Nje wa Japan Yoshimasa Hayashi mjini Tokyo siku ya Jumatatu.";

/// A store with one article written the way ingest writes it.
fn store(reification: Reification) -> (tempfile::TempDir, GraphStore, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = GraphStore::open(&dir.path().join("s")).expect("store opens");
    let extractor = Extractor::new().expect("extractor");
    let g = extractor.extract(
        &article(TEXT, Lang::Sw),
        newsgraph::pipeline::LangChoice::Auto,
        None,
    );
    assert!(g.edge_count() > 0, "the text gives edges");
    store
        .put_article(&g.meta.iri, &article_quads(&g, reification))
        .expect("stored");
    (dir, store, g.meta.iri.clone())
}

#[test]
fn an_ingested_store_is_consistent_and_counted() {
    for r in [Reification::Rdf12, Reification::Rdf11] {
        let (_dir, s, _) = store(r);
        let report = check(&s).expect("check runs");
        assert!(report.is_consistent(), "{:?}", report.problems);
        assert_eq!(report.articles, 1);
        assert!(report.default_triples > 0);
        assert_eq!(report.quads, s.len().expect("len"));
    }
}

fn edge_triple(s: &GraphStore, graph: &str) -> (Term, oxigraph::model::Triple) {
    let g = NamedNodeRef::new(graph).expect("iri");
    let reifies = NamedNodeRef::new_unchecked("http://www.w3.org/1999/02/22-rdf-syntax-ns#reifies");
    let q = s
        .inner()
        .quads_for_pattern(None, Some(reifies), None, Some(GraphNameRef::NamedNode(g)))
        .next()
        .expect("a reifier")
        .expect("readable");
    let Term::Triple(t) = q.object.clone() else {
        panic!("rdf:reifies points at a triple term")
    };
    (q.subject.into(), *t)
}

#[test]
fn a_reifier_without_its_triple_is_reported() {
    let (_dir, s, graph) = store(Reification::Rdf12);
    let (_, t) = edge_triple(&s, &graph);
    let g = NamedNodeRef::new(&graph).expect("iri");
    s.inner()
        .remove(QuadRef::new(
            t.subject.as_ref(),
            t.predicate.as_ref(),
            t.object.as_ref(),
            GraphNameRef::NamedNode(g),
        ))
        .expect("removed");
    let report = check(&s).expect("check runs");
    assert!(report
        .problems
        .iter()
        .any(|p| matches!(p, Problem::MissingReifiedTriple { .. })));
    // The default graph still has the triple, which no graph states now.
    assert!(report
        .problems
        .iter()
        .any(|p| matches!(p, Problem::OrphanInDefault { .. })));
}

#[test]
fn a_classic_statement_without_its_triple_is_reported() {
    let (_dir, s, graph) = store(Reification::Rdf11);
    let g = NamedNodeRef::new(&graph).expect("iri");
    let subject = NamedNodeRef::new_unchecked("http://www.w3.org/1999/02/22-rdf-syntax-ns#subject");
    let q = s
        .inner()
        .quads_for_pattern(None, Some(subject), None, Some(GraphNameRef::NamedNode(g)))
        .next()
        .expect("a statement")
        .expect("readable");
    // Point the statement at another subject: the described triple is not stated.
    s.inner().remove(&q).expect("removed");
    let other = NamedNodeRef::new_unchecked("https://example.org/nobody");
    s.inner()
        .insert(QuadRef::new(
            q.subject.as_ref(),
            subject,
            other,
            GraphNameRef::NamedNode(g),
        ))
        .expect("inserted");
    let report = check(&s).expect("check runs");
    assert!(
        report
            .problems
            .iter()
            .any(|p| matches!(p, Problem::MissingStatementTriple { .. })),
        "{:?}",
        report.problems
    );
}

#[test]
fn an_article_graph_without_its_node_and_a_stale_default_graph_are_reported() {
    let (_dir, s, graph) = store(Reification::Rdf12);
    let g = NamedNodeRef::new(&graph).expect("iri");
    let rdf_type = NamedNodeRef::new_unchecked("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
    let news = NamedNodeRef::new_unchecked("http://schema.org/NewsArticle");
    s.inner()
        .remove(QuadRef::new(g, rdf_type, news, GraphNameRef::NamedNode(g)))
        .expect("removed");
    // And a default-graph triple of its own, and one of the article's taken away.
    let x = NamedNodeRef::new_unchecked("https://example.org/x");
    s.inner()
        .insert(QuadRef::new(x, x, x, GraphNameRef::DefaultGraph))
        .expect("inserted");
    let (_, t) = edge_triple(&s, &graph);
    s.inner()
        .remove(t.as_ref().in_graph(GraphNameRef::DefaultGraph))
        .expect("removed");
    let report = check(&s).expect("check runs");
    let has = |f: fn(&Problem) -> bool| report.problems.iter().any(f);
    assert!(has(|p| matches!(p, Problem::MissingArticleNode { .. })));
    assert!(has(|p| matches!(p, Problem::OrphanInDefault { .. })));
    assert!(has(|p| matches!(p, Problem::MissingFromDefault { .. })));
}

#[test]
fn the_command_prints_problems_one_per_line_and_exits_1() {
    let (dir, s, _) = store(Reification::Rdf12);
    let x = NamedNodeRef::new_unchecked("https://example.org/x");
    s.inner()
        .insert(QuadRef::new(x, x, x, GraphNameRef::DefaultGraph))
        .expect("inserted");
    drop(s);
    let path = dir.path().join("s").display().to_string();
    let out = run(&["check", "--store", &path]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert_eq!(
        stdout
            .lines()
            .filter(|l| l.starts_with("problem: "))
            .count(),
        1
    );
    assert!(stdout.contains("https://example.org/x"), "{stdout}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("not consistent: 1 problem"), "{stderr}");
}

#[test]
fn the_command_passes_on_an_ingested_store_and_refuses_a_missing_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("s").display().to_string();
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/data/samples");
    assert!(run(&["ingest", "--store", &path, samples]).status.success());
    let out = run(&["check", "--store", &path]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.trim_end().ends_with("consistent"), "{stdout}");
    let missing = dir.path().join("nope").display().to_string();
    let out = run(&["check", "--store", &missing]);
    assert_eq!(out.status.code(), Some(2));
}
