//! Many articles, one graph: people merged across the sample articles (`data/samples/README.md`
//! lists who appears under which names), namesakes kept apart, every edge traceable to its
//! articles, and the same graph whichever way it is built — one `ingest`, articles one by one
//! in another order, `extract` per article then `merge`, an RDF dump ingested, or an article
//! removed again.

mod common;

use common::{article_dataset as read, ok, run};
use oxigraph::model::Dataset;
use std::path::{Path, PathBuf};

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples")
}

/// The sample files in name order (texts, then the JSON Lines file).
fn sample_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(samples())
        .expect("samples")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("txt" | "jsonl")
            )
        })
        .collect();
    files.sort();
    files
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

fn select(store: &str, q: &str) -> Vec<String> {
    let out = ok(&["query", "--store", store, "--format", "tsv", q]);
    let mut rows: Vec<String> = out.lines().skip(1).map(str::to_string).collect();
    rows.sort();
    rows
}

/// The article graphs of a store, as a canonical dataset.
fn dump(store: &str, dir: &Path, name: &str) -> Dataset {
    common::store_dataset(store, &dir.join(name))
}

fn ingest_all(dir: &Path, name: &str) -> String {
    let store = s(&dir.join(name));
    ok(&["ingest", "--store", &store, &s(&samples())]);
    store
}

/// The person IRIs whose names include `word`.
fn people_named(store: &str, word: &str) -> Vec<String> {
    select(
        store,
        &format!(
            "SELECT DISTINCT ?p WHERE {{ ?p a schema:Person ; skos:altLabel ?l
             FILTER(CONTAINS(LCASE(STR(?l)), \"{}\")) }}",
            word.to_lowercase()
        ),
    )
}

fn alt_labels(store: &str, person: &str) -> Vec<String> {
    select(
        store,
        &format!(
            "SELECT DISTINCT ?l WHERE {{ <{person}> skos:altLabel ?l0 BIND(STR(?l0) AS ?l) }}"
        ),
    )
    .into_iter()
    .map(|l| l.trim_matches('"').to_string())
    .collect()
}

fn articles_of(store: &str, person: &str) -> usize {
    select(
        store,
        &format!("SELECT DISTINCT ?a WHERE {{ GRAPH ?a {{ ?a schema:mentions <{person}> }} }}"),
    )
    .len()
}

#[test]
fn one_node_per_person_across_the_sample_articles() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = ingest_all(dir.path(), "db");
    // (a word of the name, names that must all be on the one node, articles at least)
    let cases: [(&str, &[&str], usize); 7] = [
        ("Ruto", &["William Ruto", "William Samoei Ruto", "Ruto"], 3),
        ("Samia", &["Samia Suluhu Hassan"], 4),
        (
            "Museveni",
            &["Yoweri Museveni", "Yoweri Kaguta Museveni"],
            2,
        ),
        ("Tshisekedi", &["Félix Tshisekedi", "Felix Tshisekedi"], 2),
        ("Kenyatta", &["Uhuru Kenyatta"], 2),
        ("Faki", &["Moussa Faki Mahamat", "Moussa Faki"], 2),
        ("Nduva", &["Veronica Nduva"], 2),
    ];
    for (word, names, articles) in cases {
        let found = people_named(&store, word);
        assert_eq!(found.len(), 1, "{word}: {found:?}");
        let person = found[0].trim_matches(|c| c == '<' || c == '>').to_string();
        let alts = alt_labels(&store, &person);
        for n in names {
            assert!(alts.iter().any(|a| a == n), "{word}: {n} not in {alts:?}");
        }
        let n = articles_of(&store, &person);
        assert!(n >= articles, "{word}: {n} articles, expected ≥ {articles}");
        // One label on the merged node, whatever the articles called it.
        let labels = select(
            &store,
            &format!("SELECT ?l WHERE {{ <{person}> rdfs:label ?l }}"),
        );
        assert_eq!(labels.len(), 1, "{word}: {labels:?}");
    }
    // Two people with the same surname in one article stay two.
    let mwangi = people_named(&store, "Mwangi");
    assert_eq!(mwangi.len(), 2, "{mwangi:?}");

    // Every relation edge of the graph is traceable to the articles stating it.
    let edges_query = r#"
        SELECT ?s ?p ?o WHERE {
          ?s ?p ?o . FILTER(STRSTARTS(STR(?p), STR(ng:)) && isIRI(?o)
                            && STRSTARTS(STR(?s), "https://w3id.org/newsgraph/id/")) "#;
    let untraced = select(
        &store,
        &format!(
            "{edges_query} FILTER NOT EXISTS {{ GRAPH ?g {{ ?r rdf:reifies <<( ?s ?p ?o )>> ;
                                                         prov:wasDerivedFrom ?g }} }} }}"
        ),
    );
    assert!(
        untraced.is_empty(),
        "{:?}",
        &untraced[..untraced.len().min(5)]
    );
    let edges = select(&store, &format!("{edges_query} }}"));
    assert!(edges.len() > 50, "{} edges", edges.len());
    // Ruto's office in Kenya is stated by an article that named him only by his full name.
    let sources = select(
        &store,
        "SELECT DISTINCT ?a WHERE { ?p skos:altLabel \"William Ruto\"@sw .
           GRAPH ?a { ?r rdf:reifies <<( ?p ng:holdsPositionIn state:KE )>> } }",
    );
    assert!(!sources.is_empty());
}

#[test]
fn namesakes_stay_apart_and_offices_decide() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = ingest_all(dir.path(), "db");
    // Another article gives a bare "Mwangi" an office in Kenya: that is John (Kenya), not
    // Peter (Tanzania). A third names a "Mwangi" with no office: it could be either, so it is
    // a node of its own.
    let a = dir.path().join("mwangi-a.txt");
    std::fs::write(
        &a,
        "Balozi ajadili biashara\n\nBalozi wa Kenya nchini Japan Mwangi alisema Jumanne kwamba biashara kati ya nchi hizo mbili imeongezeka.\n",
    )
    .expect("write");
    let b = dir.path().join("mwangi-b.txt");
    std::fs::write(
        &b,
        "Mkutano wa wafanyabiashara\n\nBw. Mwangi alihudhuria mkutano huo mjini Tokyo pamoja na wafanyabiashara wengine.\n",
    )
    .expect("write");
    ok(&["ingest", "--store", &store, &s(&a), &s(&b)]);
    let john = format!("{}person/john-mwangi", "https://w3id.org/newsgraph/id/");
    assert!(alt_labels(&store, &john).contains(&"Mwangi".to_string()));
    assert_eq!(articles_of(&store, &john), 2);
    let peter = format!("{}person/peter-mwangi", "https://w3id.org/newsgraph/id/");
    assert_eq!(articles_of(&store, &peter), 1);
    let mwangi = people_named(&store, "Mwangi");
    assert_eq!(mwangi.len(), 3, "{mwangi:?}");

    // explain says which rule put each article's mention where.
    let john_explained = ok(&["explain", "--store", &store, "person:john-mwangi"]);
    assert!(
        john_explained.contains("article:mwangi-a"),
        "{john_explained}"
    );
    assert!(
        john_explained.contains("the office in KE decides"),
        "{john_explained}"
    );
    let bare = ok(&["explain", "--store", &store, "person:mwangi"]);
    assert!(bare.contains("kept apart"), "{bare}");
    let ruto = ok(&["explain", "--store", &store, "Ruto"]);
    assert!(ruto.contains("article:08-kenya-japan"), "{ruto}");
    assert!(ruto.contains("rule 2"), "{ruto}");
    // A name nobody has is a one-line usage error.
    let out = run(&["explain", "--store", &store, "Nobody Known"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn extract_per_article_then_merge_equals_one_ingest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = ingest_all(dir.path(), "db");
    let whole = dump(&store, dir.path(), "whole.nq");

    let mut parts = Vec::new();
    for (i, f) in sample_files().iter().enumerate() {
        let part = dir.path().join(format!(
            "part-{i}.{}",
            if i % 2 == 0 { "nq" } else { "trig" }
        ));
        let format = if i % 2 == 0 { "nquads" } else { "trig" };
        let out = ok(&["extract", "--format", format, &s(f)]);
        std::fs::write(&part, out).expect("write part");
        parts.push(s(&part));
    }
    let merged = dir.path().join("merged.trig");
    let mut args = vec!["merge".to_string()];
    args.extend(parts.iter().cloned());
    args.extend(["-o".to_string(), s(&merged)]);
    ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(
        read(&merged) == whole,
        "merge of the parts differs from one ingest"
    );

    // The merged dump ingested into a new store gives the same graph again.
    let from_dump = s(&dir.path().join("from-dump"));
    ok(&["ingest", "--store", &from_dump, &s(&merged)]);
    assert!(dump(&from_dump, dir.path(), "from-dump.nq") == whole);
    // And ingesting the texts on top changes nothing.
    let out = run(&["ingest", "--store", &from_dump, &s(&samples())]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("0 new, 0 replaced, 10 unchanged"), "{err}");
}

#[test]
fn order_and_removal_give_the_graph_of_the_remaining_articles() {
    let dir = tempfile::tempdir().expect("tempdir");
    let whole_store = ingest_all(dir.path(), "db");
    let whole = dump(&whole_store, dir.path(), "whole.nq");

    // One by one, in reverse order: the same graph.
    let store = s(&dir.path().join("one-by-one"));
    let files = sample_files();
    for f in files.iter().rev() {
        ok(&["ingest", "--store", &store, &s(f)]);
    }
    assert!(dump(&store, dir.path(), "one-by-one.nq") == whole);

    // Taking 07 out (the only article with "William Samoei Ruto") gives exactly the graph of
    // the other articles: Ruto's node falls back to the fullest name left.
    ok(&["remove", "--store", &store, "--article", "07-drc-nairobi"]);
    let without = s(&dir.path().join("without"));
    for f in files.iter().filter(|f| !s(f).contains("07-drc")) {
        ok(&["ingest", "--store", &without, &s(f)]);
    }
    assert!(dump(&store, dir.path(), "removed.nq") == dump(&without, dir.path(), "without.nq"));
    let ruto = people_named(&store, "Ruto");
    assert_eq!(
        ruto,
        ["<https://w3id.org/newsgraph/id/person/william-ruto>"]
    );
    // Entities only 07 mentioned are gone from the default graph too.
    let kagame = select(
        &store,
        "SELECT ?p WHERE { ?p rdfs:label \"Paul Kagame\"@en }",
    );
    assert!(kagame.is_empty(), "{kagame:?}");
    // Removing an article that is not there is a usage error.
    let out = run(&["remove", "--store", &store, "--article", "07-drc-nairobi"]);
    assert_eq!(out.status.code(), Some(2));
}

/// The person IRIs holding an office in a state, as `person state` rows.
fn office_holders(store: &str) -> Vec<String> {
    select(
        store,
        "SELECT ?p ?s WHERE { ?p ng:holdsPositionIn ?s . ?p a schema:Person }",
    )
}

#[test]
fn the_most_named_namesake_keeps_the_bare_iri_whatever_the_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).expect("write");
        s(&p)
    };
    let ke: Vec<String> = (1..=3)
        .map(|i| write(&format!("ke{i}.txt"), &format!("Ulinzi wa mipaka {i}\n\nWaziri wa Ulinzi wa Kenya John Kamau alisema Jumanne kwamba jeshi litaimarisha ulinzi wa mpaka.\n")))
        .collect();
    let ug: Vec<String> = (1..=3)
        .map(|i| write(&format!("ug{i}.txt"), &format!("Bajeti mpya {i}\n\nWaziri wa Fedha wa Uganda John Kamau aliwasilisha bajeti ya mwaka huu bungeni mjini Kampala.\n")))
        .collect();
    let bare = write(
        "bare.txt",
        "Mkutano wa wafanyabiashara\n\nBw. John Kamau alihudhuria mkutano huo pamoja na wafanyabiashara wengine.\n",
    );
    let person = |slug: &str| format!("<https://w3id.org/newsgraph/id/person/{slug}>");
    let state = |code: &str| format!("<https://w3id.org/newsgraph/id/state/{code}>");

    // Two Kenyan articles, then one Ugandan namesake and a bare mention: the Kenyan minister,
    // named most, keeps `john-kamau`; the newcomer gets the state code, the bare name (which
    // fits both) stands apart.
    let store = s(&dir.path().join("one-by-one"));
    for f in [&ke[0], &ke[1], &ug[0], &bare] {
        ok(&["ingest", "--store", &store, f]);
    }
    let holders = |rows: [(&str, &str); 2]| {
        let mut v: Vec<String> = rows
            .iter()
            .map(|(p, c)| format!("{}\t{}", person(p), state(c)))
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        office_holders(&store),
        holders([("john-kamau", "KE"), ("john-kamau-ug", "UG")])
    );
    assert_eq!(people_named(&store, "Kamau").len(), 3);
    assert!(people_named(&store, "Kamau").contains(&person("john-kamau-ambiguous")));

    // Two more Ugandan articles: now the Ugandan minister is named most and the IRIs swap.
    for f in &ug[1..] {
        ok(&["ingest", "--store", &store, f]);
    }
    assert_eq!(
        office_holders(&store),
        holders([("john-kamau", "UG"), ("john-kamau-ke", "KE")])
    );
    // The same graph as one ingest of all of them in another order, and as extract + merge.
    let one_by_one = dump(&store, dir.path(), "one-by-one.nq");
    let all = s(&dir.path().join("all"));
    let mut args = vec!["ingest", "--store", &all, &bare];
    args.extend(ug.iter().rev().map(String::as_str));
    args.extend(ke[..2].iter().map(String::as_str));
    ok(&args);
    assert!(dump(&all, dir.path(), "all.nq") == one_by_one);
    let mut parts = Vec::new();
    for (i, f) in ke[..2].iter().chain(&ug).chain([&bare]).enumerate() {
        let part = dir.path().join(format!("part-{i}.nq"));
        std::fs::write(&part, ok(&["extract", "--format", "nquads", f])).expect("write part");
        parts.push(s(&part));
    }
    let merged = dir.path().join("merged.trig");
    let mut args = vec!["merge".to_string()];
    args.extend(parts);
    args.extend(["-o".to_string(), s(&merged)]);
    ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(read(&merged) == one_by_one);

    // Taking two Ugandan articles out gives the bare IRI back to the Kenyan.
    ok(&[
        "remove",
        "--store",
        &store,
        "--article",
        "ug2",
        "--article",
        "ug3",
    ]);
    assert_eq!(
        office_holders(&store),
        holders([("john-kamau", "KE"), ("john-kamau-ug", "UG")])
    );

    // One more article for each while the Kenyan stays the most named (3 to 2): nobody's IRI
    // moves, and the store is what one ingest of the same articles gives.
    for f in [&ke[2], &ug[1]] {
        ok(&["ingest", "--store", &store, f]);
    }
    assert_eq!(
        office_holders(&store),
        holders([("john-kamau", "KE"), ("john-kamau-ug", "UG")])
    );
    let again = s(&dir.path().join("again"));
    ok(&[
        "ingest", "--store", &again, &ke[0], &ke[1], &ke[2], &ug[0], &ug[1], &bare,
    ]);
    assert!(dump(&again, dir.path(), "again.nq") == dump(&store, dir.path(), "after.nq"));
}
