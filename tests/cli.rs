//! End-to-end tests of the `newsgraph` command on the bundled sample articles in
//! `data/samples/` and on small texts written by the tests.

mod common;

use common::{bin, ok, run};
use std::path::{Path, PathBuf};

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples")
}

/// A store with all samples ingested.
fn ingested() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store").display().to_string();
    let samples = samples().display().to_string();
    ok(&["ingest", "--store", &store, &samples]);
    (dir, store)
}

/// Runs a SELECT and returns its rows as tab-separated strings (TSV result format, header
/// dropped, sorted).
fn select(store: &str, q: &str) -> Vec<String> {
    let out = ok(&["query", "--store", store, "--format", "tsv", q]);
    let mut rows: Vec<String> = out.lines().skip(1).map(str::to_string).collect();
    rows.sort();
    rows
}

fn labels_of(store: &str, class: &str) -> Vec<String> {
    select(
        store,
        &format!("SELECT DISTINCT ?l WHERE {{ ?e a {class} ; rdfs:label ?l }}"),
    )
    .into_iter()
    .map(|r| r.trim_end_matches("@en").trim_matches('"').to_string())
    .collect()
}

#[test]
fn ingested_samples_answer_people_states_and_alliances() {
    let (_dir, store) = ingested();
    let people = labels_of(&store, "schema:Person");
    for p in [
        "Jens Stoltenberg",
        "Yoshimasa Hayashi",
        // Merged across articles: labelled with the fullest name any article gives.
        "William Samoei Ruto",
        "Samia Suluhu Hassan",
        "Yoweri Kaguta Museveni",
        "Fumio Kishida",
        "Cyril Ramaphosa",
    ] {
        assert!(
            people.contains(&p.to_string()),
            "{p} missing from {people:?}"
        );
    }
    // Title words and places are never people.
    for not_person in [
        "Katibu", "Mkuu", "Waziri", "Rais", "Mstaafu", "Arusha", "Japan", "Kenya", "NATO",
    ] {
        assert!(
            !people
                .iter()
                .any(|p| p.split_whitespace().any(|w| w == not_person)),
            "{not_person} taken for a person: {people:?}"
        );
    }
    let states = labels_of(&store, "schema:Country");
    for s in ["Japan", "Kenya", "Tanzania", "Australia", "United States"] {
        assert!(
            states.contains(&s.to_string()),
            "{s} missing from {states:?}"
        );
    }
    let alliances = labels_of(&store, "ng:Alliance");
    for a in ["NATO", "AUKUS", "East African Community", "African Union"] {
        assert!(
            alliances.iter().any(|x| x.contains(a)),
            "{a} missing from {alliances:?}"
        );
    }
    let same = select(
        &store,
        "SELECT ?q WHERE { ?e a schema:Country ; rdfs:label \"Japan\"@en ; owl:sameAs ?q }",
    );
    assert_eq!(same, ["<http://www.wikidata.org/entity/Q17>"]);
    let same = select(
        &store,
        "SELECT DISTINCT ?q WHERE { ?e a ng:Alliance ; owl:sameAs ?q . FILTER(?q = wd:Q7184) }",
    );
    assert_eq!(same.len(), 1, "NATO is linked to wd:Q7184");
}

fn has_edge(store: &str, s: &str, p: &str, o: &str) -> bool {
    let q = format!("ASK {{ ?s rdfs:label \"{s}\"@en . ?o rdfs:label \"{o}\"@en . ?s ng:{p} ?o }}");
    ok(&["query", "--store", store, "--format", "tsv", &q])
        .lines()
        .any(|l| l.trim() == "true")
}

#[test]
fn offices_memberships_and_meetings_come_with_evidence() {
    let (_dir, store) = ingested();
    assert!(has_edge(
        &store,
        "Jens Stoltenberg",
        "holdsPositionIn",
        "NATO"
    ));
    assert!(has_edge(
        &store,
        "William Samoei Ruto",
        "holdsPositionIn",
        "Kenya"
    ));
    assert!(has_edge(
        &store,
        "Yoshimasa Hayashi",
        "holdsPositionIn",
        "Japan"
    ));
    assert!(has_edge(&store, "Australia", "memberOf", "AUKUS"));
    assert!(has_edge(&store, "United Kingdom", "memberOf", "AUKUS"));
    assert!(
        has_edge(&store, "Jens Stoltenberg", "metWith", "Yoshimasa Hayashi")
            || has_edge(&store, "Yoshimasa Hayashi", "metWith", "Jens Stoltenberg")
    );
    assert!(
        has_edge(
            &store,
            "Samia Suluhu Hassan",
            "metWith",
            "William Samoei Ruto"
        ) || has_edge(
            &store,
            "William Samoei Ruto",
            "metWith",
            "Samia Suluhu Hassan"
        )
    );
    // "Japan is not a member of NATO" must not become a membership.
    assert!(!has_edge(&store, "Japan", "memberOf", "NATO"));
    // Every edge has a reifier with evidence, offsets, confidence, rule and provenance.
    let missing = select(
        &store,
        "SELECT ?s ?p ?o WHERE { ?s ?p ?o . FILTER(?p IN (ng:holdsPositionIn, ng:memberOf, ng:metWith))
           FILTER NOT EXISTS { ?r rdf:reifies <<( ?s ?p ?o )>> ; ng:evidence ?ev ; ng:start ?a ;
             ng:end ?b ; ng:confidence ?c ; ng:rule ?rule ; prov:wasDerivedFrom ?art } }",
    );
    assert!(missing.is_empty(), "edges without provenance: {missing:?}");
    let titles = select(
        &store,
        "SELECT ?t WHERE { ?s rdfs:label \"Jens Stoltenberg\"@en . ?o rdfs:label \"NATO\"@en .
           ?r rdf:reifies <<( ?s ng:holdsPositionIn ?o )>> ; ng:title ?t }",
    );
    assert!(
        titles.contains(&"\"Katibu Mkuu\"@sw".to_string()),
        "{titles:?}"
    );
    assert!(
        titles.contains(&"\"Secretary General\"@en".to_string()),
        "{titles:?}"
    );
}

#[test]
fn evidence_offsets_point_at_the_sentence() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("ziara.txt");
    let text = "Ziara ya Nairobi\n\nMvua ilinyesha. Rais wa Kenya William Ruto alikutana na Rais wa Uganda Yoweri Museveni mjini Nairobi.\n";
    std::fs::write(&file, text).expect("write");
    let out = ok(&["extract", "--format", "json", &file.display().to_string()]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let edges = v["articles"][0]["edges"].as_array().expect("edges").clone();
    assert!(!edges.is_empty());
    let chars: Vec<char> = text.chars().collect();
    for e in &edges {
        let ev = &e["evidence"];
        let (s, t) = (
            ev["start"].as_u64().unwrap_or(0) as usize,
            ev["end"].as_u64().unwrap_or(0) as usize,
        );
        let slice: String = chars[s..t].iter().collect();
        assert_eq!(slice, ev["sentence"].as_str().unwrap_or(""));
    }
    assert!(edges.iter().any(|e| e["relation"] == "metWith"));
}

#[test]
fn reingesting_the_same_files_leaves_exactly_the_same_quads() {
    let (_dir, store) = ingested();
    let dump = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }";
    let before = select(&store, dump);
    assert!(before.len() > 100);
    let out = run(&[
        "ingest",
        "--store",
        &store,
        &samples().display().to_string(),
    ]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("0 new, 0 replaced"));
    assert_eq!(before, select(&store, dump));
}

#[test]
fn a_store_opened_many_times_keeps_few_info_logs() {
    // RocksDB starts a new info log (~120 KB) each time a writer opens the store and would
    // keep a thousand old ones; the store keeps four.
    let (dir, store) = ingested();
    let one = samples().join("01-eac-summit.txt").display().to_string();
    for _ in 0..7 {
        ok(&["ingest", "--store", &store, &one]);
    }
    let old_logs = std::fs::read_dir(dir.path().join("store"))
        .expect("store dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("LOG.old."))
        .count();
    assert!((1..=4).contains(&old_logs), "{old_logs} old info logs");
}

#[test]
fn a_changed_article_with_the_same_id_replaces_its_graph() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("db").display().to_string();
    let file = dir.path().join("habari.txt");
    std::fs::write(&file, "Habari\n\nRais wa Kenya William Ruto alizungumza.\n").expect("write");
    ok(&["ingest", "--store", &store, &file.display().to_string()]);
    std::fs::write(
        &file,
        "Habari\n\nRais wa Uganda Yoweri Museveni alizungumza.\n",
    )
    .expect("write");
    ok(&["ingest", "--store", &store, &file.display().to_string()]);
    let people = labels_of(&store, "schema:Person");
    assert_eq!(people, ["Yoweri Museveni"]);
    let articles = select(&store, "SELECT ?a WHERE { ?a a schema:NewsArticle }");
    assert_eq!(articles.len(), 1);
}

#[test]
fn json_lines_input_keeps_ids_dates_and_languages() {
    let (_dir, store) = ingested();
    let rows = select(
        &store,
        "SELECT ?a ?d ?l WHERE { ?a a schema:NewsArticle ; schema:datePublished ?d ; schema:inLanguage ?l }",
    );
    assert!(
        rows.iter()
            .any(|r| r.contains("article/more-01-igad-djibouti>") && r.contains("\"sw\"")),
        "{rows:?}"
    );
    assert!(
        rows.iter()
            .any(|r| r.contains("article/more-02-brics-pretoria>") && r.contains("\"en\"")),
        "{rows:?}"
    );
    // And from stdin.
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("db").display().to_string();
    let mut child = bin()
        .args(["ingest", "--store", &db, "-"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        writeln!(stdin, r#"{{"id":"a1","text":"Katibu Mkuu wa NATO Jens Stoltenberg alikutana na Rais wa Kenya William Ruto."}}"#).expect("write");
        writeln!(stdin, r#"{{"id":"a2","text":"President Cyril Ramaphosa of South Africa met President Filipe Nyusi of Mozambique.","lang":"en"}}"#).expect("write");
    }
    let out = child.wait_with_output().expect("wait");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(has_edge(
        &db,
        "Cyril Ramaphosa",
        "holdsPositionIn",
        "South Africa"
    ));
    assert!(has_edge(&db, "Jens Stoltenberg", "holdsPositionIn", "NATO"));
}

#[test]
fn a_bad_json_line_is_reported_with_its_line_number_and_the_rest_go_in() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("db").display().to_string();
    let file = dir.path().join("batch.jsonl");
    std::fs::write(
        &file,
        "{\"id\":\"x\",\"text\":\"Rais wa Kenya William Ruto alizungumza.\"}\n{not json\n{\"id\":\"y\"}\n",
    )
    .expect("write");
    let out = run(&["ingest", "--store", &db, &file.display().to_string()]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("batch.jsonl:2"), "{err}");
    assert!(err.contains("batch.jsonl:3"), "{err}");
    assert_eq!(labels_of(&db, "schema:Person"), ["William Ruto"]);
    let strict = run(&[
        "ingest",
        "--strict",
        "--store",
        &db,
        &file.display().to_string(),
    ]);
    assert_eq!(strict.status.code(), Some(2));
}

#[test]
fn extract_twice_gives_identical_bytes() {
    let s = samples().display().to_string();
    for format in ["trig", "nquads", "json"] {
        let a = ok(&["extract", "--format", format, &s]);
        let b = ok(&["extract", "--format", format, &s]);
        assert!(!a.is_empty());
        assert_eq!(a, b, "{format} output differs between runs");
    }
}

#[test]
fn rdf11_switch_writes_classic_reification() {
    let s = samples().join("05-nato-japan.txt").display().to_string();
    let out = ok(&["extract", "--rdf11", "--format", "nquads", &s]);
    assert!(out.contains("<http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement>"));
    assert!(!out.contains("<<("));
    let jsonld = ok(&["extract", "--format", "jsonld", &s]);
    let v: serde_json::Value = serde_json::from_str(&jsonld).expect("JSON-LD is JSON");
    assert!(v.to_string().contains("Statement"));
    let out12 = ok(&["extract", "--format", "nquads", &s]);
    assert!(out12.contains("<http://www.w3.org/1999/02/22-rdf-syntax-ns#reifies> <<("));
}

fn assert_usage_error(args: &[&str]) {
    let out = run(args);
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "{args:?} printed: {err}");
    assert!(err.starts_with("newsgraph: error:"), "{err}");
    assert!(!err.contains("panicked"));
}

#[test]
fn bad_arguments_exit_2_with_one_clear_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("db").display().to_string();
    assert_usage_error(&["ingest"]);
    assert_usage_error(&["ingest", "--lang", "fr", "x.txt"]);
    assert_usage_error(&["ingest", "--store", &db, "/no/such/file.txt"]);
    assert_usage_error(&["ingest", "--store", &db, "--date", "April 4", "x"]);
    assert_usage_error(&["query", "--store", &db, "SELECT * WHERE { ?s ?p ?o }"]);
    assert_usage_error(&["frobnicate"]);
    let (_d, store) = ingested();
    assert_usage_error(&["query", "--store", &store, "SELECT WHERE {"]);
    assert_usage_error(&["query", "--store", &store, "queries/nope.rq"]);
}

#[test]
fn bundled_queries_run_on_the_samples() {
    let (_dir, store) = ingested();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).expect("queries dir") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("rq") {
            continue;
        }
        let out = ok(&[
            "query",
            "--store",
            &store,
            "--format",
            "json",
            &path.display().to_string(),
        ]);
        let v: serde_json::Value = serde_json::from_str(&out).expect("SPARQL JSON results");
        let rows = v["results"]["bindings"].as_array().map_or(0, Vec::len);
        assert!(rows > 0, "{} returned no rows", path.display());
        n += 1;
    }
    assert!(n >= 4);
    let offices = ok(&[
        "query",
        "--store",
        &store,
        "--format",
        "csv",
        "queries/offices.rq",
    ]);
    assert!(offices.contains("Jens Stoltenberg"));
}

#[test]
fn entities_and_stats_summarise_the_store() {
    let (_dir, store) = ingested();
    let out = ok(&[
        "entities", "--store", &store, "--type", "state", "--format", "csv",
    ]);
    assert!(out.contains("Japan") && out.contains("http://www.wikidata.org/entity/Q17"));
    assert!(!out.contains("Jens Stoltenberg"));
    let stats = ok(&["stats", "--store", &store]);
    assert!(
        stats.contains("articles") && stats.contains("relations: metWith"),
        "{stats}"
    );
}

#[test]
fn the_default_graph_is_the_set_union_of_article_graphs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("db").display().to_string();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::fs::write(&a, "A\n\nRais wa Kenya William Ruto alizungumza.\n").expect("write");
    std::fs::write(&b, "B\n\nRais wa Kenya William Ruto alisafiri.\n").expect("write");
    ok(&[
        "ingest",
        "--store",
        &store,
        &a.display().to_string(),
        &b.display().to_string(),
    ]);
    // Stated by two articles, answered once.
    let rows = select(&store, "SELECT ?l WHERE { state:KE rdfs:label ?l }");
    assert_eq!(rows, ["\"Kenya\"@en"]);
    // Article b no longer mentions Kenya: the triple stays, a stated it too.
    std::fs::write(&b, "B\n\nRais wa Uganda Yoweri Museveni alisafiri.\n").expect("write");
    ok(&["ingest", "--store", &store, &b.display().to_string()]);
    assert_eq!(
        select(&store, "SELECT ?l WHERE { state:KE rdfs:label ?l }"),
        ["\"Kenya\"@en"]
    );
    // Article a changes too: nobody states it any more, it leaves the union.
    std::fs::write(&a, "A\n\nRais wa Uganda Yoweri Museveni alizungumza.\n").expect("write");
    ok(&["ingest", "--store", &store, &a.display().to_string()]);
    assert!(select(&store, "SELECT ?l WHERE { state:KE rdfs:label ?l }").is_empty());
    let graphs = select(&store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }");
    // Two articles, the lexicon's background facts and the people index.
    assert_eq!(graphs.len(), 4, "{graphs:?}");
    assert!(graphs.iter().any(|g| g.ends_with("/entities>")));
    assert!(graphs.iter().any(|g| g.ends_with("/background>")));
}

#[test]
fn eval_graph_scores_entities_and_relations_against_gold() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("a.jsonl");
    std::fs::write(
        &input,
        r#"{"id":"g1","text":"Katibu Mkuu wa NATO Jens Stoltenberg alikutana na Rais wa Kenya William Ruto mjini Nairobi.","lang":"sw"}"#,
    )
    .expect("write");
    let gold = dir.path().join("g1.json");
    std::fs::write(
        &gold,
        r#"{"article":"g1","entities":[
            {"id":"p1","type":"person","name":"Jens Stoltenberg","aliases":[]},
            {"id":"p2","type":"person","name":"William Ruto","aliases":["Ruto"]},
            {"id":"p3","type":"person","name":"Nobody Here","aliases":[]},
            {"id":"a1","type":"alliance","name":"NATO","qid":"Q7184","aliases":["NATO"]},
            {"id":"s1","type":"state","name":"Kenya","qid":"Q114","aliases":["Kenya"]}],
          "relations":[
            {"subject":"p1","predicate":"holdsPositionIn","object":"a1"},
            {"subject":"p2","predicate":"holdsPositionIn","object":"s1"},
            {"subject":"p2","predicate":"metWith","object":"p1"},
            {"subject":"p1","predicate":"visited","object":"s1"}]}"#,
    )
    .expect("write");
    let out = ok(&[
        "eval",
        "--graph",
        &gold.display().to_string(),
        "--input",
        &input.display().to_string(),
    ]);
    let row = |name: &str| {
        out.lines()
            .find(|l| l.trim_start().starts_with(name))
            .map(|l| l.split_whitespace().map(str::to_string).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    // person: 2 predicted, both right; 2 of 3 gold found.
    assert_eq!(
        row("person")[1..],
        ["100.0", "66.7", "80.0", "2", "3"],
        "{out}"
    );
    assert_eq!(row("metWith")[1..3], ["100.0", "100.0"], "{out}");
    assert_eq!(row("visited")[1..3], ["0.0", "0.0"], "{out}");
    assert_usage_error(&["eval", "--graph", &gold.display().to_string()]);
}

#[test]
fn broken_inputs_are_repaired_or_refused_in_one_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("db").display().to_string();
    // Windows-1252 bytes (not UTF-8): decoded, the name keeps its accent.
    let cp = dir.path().join("cp1252.txt");
    std::fs::write(
        &cp,
        b"Habari\n\nRais wa DRC F\xe9lix Tshisekedi alizungumza.\n",
    )
    .expect("write");
    // UTF-8 read as Windows-1252 upstream: repaired.
    let moji = dir.path().join("moji.txt");
    std::fs::write(
        &moji,
        "Habari\n\nRais wa Kenya William Ruto alisema â€œNdiyoâ€\u{9d}.\n",
    )
    .expect("write");
    // HTML: tags, scripts and entities go; the <title> is the headline.
    let html = dir.path().join("page.txt");
    std::fs::write(
        &html,
        "<!DOCTYPE html><html><head><title>Ziara ya Rais</title><script>alert(1)</script></head>\
         <body><p>Rais wa Uganda Yoweri&nbsp;Museveni <b>alikutana</b> na Rais wa Kenya William Ruto.</p></body></html>",
    )
    .expect("write");
    // A binary file with a .txt name: refused, the rest go in.
    let bin_file = dir.path().join("image.txt");
    std::fs::write(&bin_file, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").expect("write");
    let out = run(&[
        "ingest",
        "--store",
        &db,
        &cp.display().to_string(),
        &moji.display().to_string(),
        &html.display().to_string(),
        &bin_file.display().to_string(),
    ]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("image.txt: a binary file"), "{err}");
    assert!(!err.contains("panicked"));
    let people = labels_of(&db, "schema:Person");
    assert!(
        people.contains(&"Félix Tshisekedi".to_string()),
        "{people:?}"
    );
    assert!(
        people.contains(&"Yoweri Museveni".to_string()),
        "{people:?}"
    );
    let evidence = select(&db, "SELECT ?e WHERE { ?r ng:evidence ?e }");
    assert!(
        evidence.iter().any(|e| e.contains("“Ndiyo”")),
        "{evidence:?}"
    );
    assert!(
        !evidence
            .iter()
            .any(|e| e.contains('<') || e.contains("&nbsp;")),
        "{evidence:?}"
    );
    let headlines = select(&db, "SELECT ?h WHERE { ?a schema:headline ?h }");
    assert!(
        headlines.iter().any(|h| h.contains("Ziara ya Rais")),
        "{headlines:?}"
    );
    // Only the binary file alone: nothing could be read, exit 2, said plainly.
    let alone = run(&["ingest", "--store", &db, &bin_file.display().to_string()]);
    assert_eq!(alone.status.code(), Some(2));
    let err = String::from_utf8_lossy(&alone.stderr);
    assert!(
        err.contains("a binary file") && err.contains("no article could be read"),
        "{err}"
    );
    assert!(!err.contains("panicked"));
}
