//! End-to-end tests of `newsgraph export`: the bundled samples are ingested into a temporary
//! store, exported in every format, and each output is parsed back (XML with quick-xml, JSON
//! with serde_json, RDF with Oxigraph's parsers) and checked against the store.

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfParser};
use oxigraph::model::{GraphName, Quad, Term};
use quick_xml::events::Event;
use quick_xml::Reader;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const NG: &str = "https://w3id.org/newsgraph/ontology#";
const STOLTENBERG: &str = "https://w3id.org/newsgraph/id/person/jens-stoltenberg";
const NATO: &str = "https://w3id.org/newsgraph/id/alliance/NATO";
/// Keeps `?g` to article graphs (the store also holds the lexicon's background facts).
const ARTICLES_ONLY: &str = "FILTER(STRSTARTS(STR(?g), \"https://w3id.org/newsgraph/article/\"))";
const RAMAPHOSA: &str = "https://w3id.org/newsgraph/id/person/cyril-ramaphosa";

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("newsgraph runs")
}

fn ok(args: &[&str]) -> Vec<u8> {
    let out = run(args);
    assert!(
        out.status.success(),
        "newsgraph {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// A store with all samples ingested.
fn ingested() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store").display().to_string();
    let samples: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples");
    ok(&["ingest", "--store", &store, &samples.display().to_string()]);
    (dir, store)
}

fn export(store: &str, format: &str, extra: &[&str]) -> Vec<u8> {
    let mut args = vec!["export", "--store", store, "--format", format];
    args.extend_from_slice(extra);
    ok(&args)
}

fn export_json(store: &str, extra: &[&str]) -> Value {
    serde_json::from_slice(&export(store, "json", extra)).expect("export JSON parses")
}

/// A SELECT's single number (TSV result, header dropped).
fn count(store: &str, q: &str) -> usize {
    let out =
        String::from_utf8(ok(&["query", "--store", store, "--format", "tsv", q])).expect("UTF-8");
    let cell = out.lines().nth(1).expect("one row");
    cell.trim_matches('"')
        .split("\"^^")
        .next()
        .and_then(|n| n.trim_matches('"').parse().ok())
        .unwrap_or_else(|| panic!("not a count: {cell}"))
}

fn nodes(doc: &Value) -> &Vec<Value> {
    doc["nodes"].as_array().expect("nodes array")
}

fn edges(doc: &Value) -> &Vec<Value> {
    doc["edges"].as_array().expect("edges array")
}

fn node_ids(doc: &Value) -> BTreeSet<String> {
    nodes(doc)
        .iter()
        .map(|n| n["id"].as_str().expect("id").to_string())
        .collect()
}

fn relations_values() -> String {
    [
        "holdsPositionIn",
        "memberOf",
        "partOf",
        "metWith",
        "cooperatesWith",
        "signedAgreementWith",
        "hosted",
        "visited",
        "criticized",
        "supports",
        "threatened",
        "sanctioned",
        "attacked",
        "appointed",
        "succeeded",
    ]
    .iter()
    .map(|r| format!("ng:{r} "))
    .collect()
}

#[test]
fn json_nodes_and_edges_match_the_store() {
    let (_dir, store) = ingested();
    let doc = export_json(&store, &[]);
    for (kind, class) in [
        ("person", "schema:Person"),
        ("state", "schema:Country"),
        ("alliance", "ng:Alliance"),
        ("place", "schema:Place"),
    ] {
        let in_store = count(
            &store,
            &format!("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e a {class} }}"),
        );
        let exported = nodes(&doc).iter().filter(|n| n["kind"] == kind).count();
        assert_eq!(exported, in_store, "{kind} nodes");
    }
    let distinct_edges = count(
        &store,
        &format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ ?s ?p ?o VALUES ?p {{ {} }} }} }}",
            relations_values()
        ),
    );
    assert_eq!(edges(&doc).len(), distinct_edges);
    // Every edge end is a node, and ids are unique.
    let ids = node_ids(&doc);
    assert_eq!(ids.len(), nodes(&doc).len());
    for e in edges(&doc) {
        assert!(ids.contains(e["source"].as_str().expect("source")));
        assert!(ids.contains(e["target"].as_str().expect("target")));
    }

    // Stoltenberg holds a position in NATO, with the weight the store gives and its evidence.
    let edge = edges(&doc)
        .iter()
        .find(|e| {
            e["source"] == STOLTENBERG && e["target"] == NATO && e["relation"] == "holdsPositionIn"
        })
        .expect("the Stoltenberg–NATO edge");
    let articles = count(
        &store,
        &format!("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ person:jens-stoltenberg ng:holdsPositionIn alliance:NATO }} {ARTICLES_ONLY} }}"),
    );
    assert_eq!(edge["weight"].as_u64(), Some(articles as u64));
    assert!(articles >= 1);
    let evidence = edge["evidence"].as_array().expect("evidence");
    assert!(!evidence.is_empty());
    for ev in evidence {
        assert!(ev["sentence"]
            .as_str()
            .is_some_and(|s| s.contains("Stoltenberg")));
        assert!(ev["article"]
            .as_str()
            .is_some_and(|a| a.starts_with("https://w3id.org/newsgraph/article/")));
    }
    assert!(edge["titles"]
        .as_array()
        .expect("titles")
        .iter()
        .any(|t| t["value"] == "Secretary General" && t["lang"] == "en"));
    let nato = nodes(&doc)
        .iter()
        .find(|n| n["id"] == NATO)
        .expect("NATO node");
    assert_eq!(nato["label"], "NATO");
    assert_eq!(nato["kind"], "alliance");
    assert!(nato["qid"].as_str().is_some_and(|q| q.starts_with('Q')));
}

/// Parses XML strictly enough to catch broken markup and escapes; returns every element as
/// (name, attributes) in document order.
fn xml_elements(text: &str) -> Vec<(String, BTreeMap<String, String>)> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut out = Vec::new();
    let mut depth = 0i32;
    loop {
        let (element, opens) = match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => (e.into_owned(), true),
            Event::Empty(e) => (e.into_owned(), false),
            Event::End(_) => {
                depth -= 1;
                continue;
            }
            Event::Text(t) => {
                t.unescape().expect("escaped text");
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let mut attrs = BTreeMap::new();
        for a in element.attributes() {
            let a = a.expect("attribute");
            attrs.insert(
                String::from_utf8_lossy(a.key.as_ref()).into_owned(),
                a.unescape_value().expect("escaped attribute").into_owned(),
            );
        }
        out.push((
            String::from_utf8_lossy(element.name().as_ref()).into_owned(),
            attrs,
        ));
        if opens {
            depth += 1;
        }
    }
    assert_eq!(depth, 0, "unclosed elements");
    out
}

#[test]
fn graphml_is_valid_xml_with_typed_keys() {
    let (_dir, store) = ingested();
    let doc = export_json(&store, &[]);
    let text = String::from_utf8(export(&store, "graphml", &[])).expect("UTF-8");
    let elements = xml_elements(&text);
    assert_eq!(elements[0].0, "graphml");
    assert_eq!(
        elements[0].1.get("xmlns").map(String::as_str),
        Some("http://graphml.graphdrawing.org/xmlns")
    );
    let keys: BTreeMap<String, (String, String, String)> = elements
        .iter()
        .filter(|(n, _)| n == "key")
        .map(|(_, a)| {
            (
                a["id"].clone(),
                (
                    a["for"].clone(),
                    a["attr.name"].clone(),
                    a["attr.type"].clone(),
                ),
            )
        })
        .collect();
    for (id, domain, ty) in [
        ("label", "node", "string"),
        ("kind", "node", "string"),
        ("qid", "node", "string"),
        ("weight", "edge", "double"),
        ("relation", "edge", "string"),
    ] {
        let k = keys.get(id).unwrap_or_else(|| panic!("key {id}"));
        assert_eq!((k.0.as_str(), k.2.as_str()), (domain, ty), "key {id}");
    }
    let node_ids: HashSet<&str> = elements
        .iter()
        .filter(|(n, _)| n == "node")
        .map(|(_, a)| a["id"].as_str())
        .collect();
    let graph_edges: Vec<&BTreeMap<String, String>> = elements
        .iter()
        .filter(|(n, _)| n == "edge")
        .map(|(_, a)| a)
        .collect();
    assert_eq!(node_ids.len(), nodes(&doc).len());
    assert_eq!(graph_edges.len(), edges(&doc).len());
    for e in &graph_edges {
        assert!(node_ids.contains(e["source"].as_str()));
        assert!(node_ids.contains(e["target"].as_str()));
    }
    for (name, a) in &elements {
        if name == "data" {
            assert!(keys.contains_key(&a["key"]), "undeclared key {}", a["key"]);
        }
    }
    assert!(text.contains("<data key=\"label\">Jens Stoltenberg</data>"));
}

#[test]
fn svg_is_well_formed_and_draws_every_node_and_edge() {
    let (_dir, store) = ingested();
    let doc = export_json(&store, &["--entity", "NATO", "--depth", "2"]);
    let text = String::from_utf8(export(&store, "svg", &["--entity", "NATO", "--depth", "2"]))
        .expect("UTF-8");
    let elements = xml_elements(&text);
    assert_eq!(elements[0].0, "svg");
    assert!(elements[0].1.contains_key("viewBox"));
    // Each node and each edge is a group with a tooltip inside the #nodes / #edges groups.
    let titles = text.matches("<title>").count();
    assert_eq!(titles, 1 + nodes(&doc).len() + edges(&doc).len());
    for n in nodes(&doc) {
        let label = n["label"].as_str().expect("label");
        assert!(text.contains(&format!(">{label}</text>")), "{label} drawn");
    }
    assert!(text.contains(">holdsPositionIn</text>"));
}

#[test]
fn rdf_formats_parse_back_and_match_the_store() {
    let (_dir, store) = ingested();
    let parse = |format: RdfFormat, bytes: &[u8]| -> Vec<Quad> {
        RdfParser::from_format(format)
            .for_slice(bytes)
            .collect::<Result<Vec<_>, _>>()
            .unwrap_or_else(|e| panic!("{format:?} parses: {e}"))
    };
    let named_quads = count(
        &store,
        &format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {ARTICLES_ONLY} }}"),
    );
    let nquads = parse(RdfFormat::NQuads, &export(&store, "nquads", &[]));
    assert_eq!(nquads.len(), named_quads);
    assert!(nquads
        .iter()
        .all(|q| q.graph_name != GraphName::DefaultGraph));
    let trig = parse(RdfFormat::TriG, &export(&store, "trig", &[]));
    let as_set = |q: &[Quad]| q.iter().cloned().collect::<HashSet<Quad>>();
    assert_eq!(as_set(&trig), as_set(&nquads));

    let distinct_triples = count(
        &store,
        &format!("SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {ARTICLES_ONLY} }} }}"),
    );
    let turtle = parse(RdfFormat::Turtle, &export(&store, "turtle", &[]));
    assert_eq!(turtle.len(), distinct_triples);

    // RDF/XML and JSON-LD get classic reification: no triple terms, one rdf:Statement per
    // reifier, with every annotation kept.
    let reifiers = count(
        &store,
        &format!("SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE {{ GRAPH ?g {{ ?r rdf:reifies ?t }} {ARTICLES_ONLY} }}"),
    );
    assert!(reifiers > 0);
    let statement = Term::from(oxigraph::model::NamedNode::new_unchecked(
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement",
    ));
    for (format, name) in [
        (RdfFormat::RdfXml, "rdfxml"),
        (
            RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
            "jsonld",
        ),
    ] {
        let quads = parse(format, &export(&store, name, &[]));
        assert!(
            quads.iter().all(|q| !matches!(q.object, Term::Triple(_))),
            "{name}: no triple terms"
        );
        let statements: HashSet<_> = quads
            .iter()
            .filter(|q| q.object == statement)
            .map(|q| q.subject.clone())
            .collect();
        assert_eq!(
            statements.len(),
            reifiers,
            "{name}: one rdf:Statement per reifier"
        );
        let evidence = format!("{NG}evidence");
        assert!(quads
            .iter()
            .any(|q| q.predicate.as_str() == evidence
                && q.object.to_string().contains("Stoltenberg")));
    }
}

#[test]
fn rdf_of_one_article_is_that_articles_graph() {
    let (_dir, store) = ingested();
    let quads: Vec<Quad> = RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(&export(&store, "nquads", &["--article", "05-nato-japan"]))
        .collect::<Result<_, _>>()
        .expect("N-Quads parse");
    let in_graph = count(
        &store,
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH article:05-nato-japan { ?s ?p ?o } }",
    );
    assert_eq!(quads.len(), in_graph);
    assert!(quads
        .iter()
        .all(|q| q.graph_name.to_string() == "<https://w3id.org/newsgraph/article/05-nato-japan>"));
}

#[test]
fn dot_is_accepted_by_graphviz() {
    let (_dir, store) = ingested();
    let doc = export_json(&store, &[]);
    let dot = export(&store, "dot", &[]);
    let text = String::from_utf8(dot.clone()).expect("UTF-8");
    assert!(text.contains("digraph newsgraph {"));
    assert_eq!(text.matches(" -> ").count(), edges(&doc).len());
    assert!(text.contains("label=\"Jens Stoltenberg\", shape=ellipse"));
    assert!(text.contains("label=\"NATO\", shape=hexagon"));
    let graphviz = Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn();
    let Ok(mut child) = graphviz else {
        println!("skipped: Graphviz `dot` is not on the PATH");
        return;
    };
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(&dot).expect("feed dot");
    }
    let out = child.wait_with_output().expect("dot runs");
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "dot rejected the export: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("<svg"));
}

#[test]
fn html_is_one_self_contained_page_with_the_graph_and_evidence() {
    let (_dir, store) = ingested();
    let html = String::from_utf8(export(&store, "html", &[])).expect("UTF-8");
    assert!(html.starts_with("<!DOCTYPE html>"));
    let lower = html.to_lowercase();
    // Nothing is fetched: no external scripts, style sheets, images, fonts or imports.
    // The only <link> is the empty data: favicon (it stops the browser asking for one).
    assert_eq!(
        lower.matches("<link").count(),
        lower.matches("<link rel=\"icon\" href=\"data:,\">").count(),
        "no <link> but the data: icon"
    );
    assert!(!lower.contains("<script src"), "no external script");
    for needle in [
        "src=\"http",
        "src='http",
        "href=\"http",
        "@import",
        "url(http",
        "url(\"http",
    ] {
        assert!(!lower.contains(needle), "{needle} in the page");
    }
    assert_eq!(lower.matches("<script").count(), 2, "data and viewer only");
    // The data is there, parseable, with the evidence sentences and the article IRIs.
    let start = html
        .find("<script type=\"application/json\" id=\"graph-data\">")
        .expect("data element");
    let body = &html[start..];
    let body = &body[body.find('>').expect("tag end") + 1..];
    let data: Value =
        serde_json::from_str(&body[..body.find("</script>").expect("end")]).expect("data JSON");
    assert!(nodes(&data)
        .iter()
        .all(|n| n["x"].is_number() && n["y"].is_number()));
    let edge = edges(&data)
        .iter()
        .find(|e| e["source"] == STOLTENBERG && e["target"] == NATO)
        .expect("Stoltenberg–NATO edge");
    assert!(edge["evidence"][0]["article"]
        .as_str()
        .is_some_and(|a| a.contains("/article/")));
    // The controls the page promises.
    for id in [
        "id=\"search\"",
        "id=\"kinds\"",
        "id=\"panel\"",
        "id=\"graph\"",
    ] {
        assert!(html.contains(id), "{id}");
    }
}

#[test]
fn entity_neighbourhood_holds_the_entity_and_its_neighbours_only() {
    let (_dir, store) = ingested();
    let doc = export_json(&store, &["--entity", "NATO", "--depth", "1"]);
    let ids = node_ids(&doc);
    assert!(ids.contains(NATO));
    assert!(ids.contains(STOLTENBERG));
    assert!(!ids.contains(RAMAPHOSA));
    // Depth 1: every node is NATO or joined to it.
    for id in &ids {
        assert!(
            id == NATO
                || edges(&doc)
                    .iter()
                    .any(|e| (e["source"] == NATO && e["target"] == id.as_str())
                        || (e["target"] == NATO && e["source"] == id.as_str())),
            "{id} is not next to NATO"
        );
    }
    // The same neighbourhood by IRI, by prefixed IRI, and by name in another case.
    let by_iri = export_json(&store, &["--entity", NATO]);
    let by_prefixed = export_json(&store, &["--entity", "alliance:NATO"]);
    let lower = export_json(&store, &["--entity", "nato"]);
    assert_eq!(node_ids(&by_iri), ids);
    assert_eq!(node_ids(&by_prefixed), ids);
    assert_eq!(node_ids(&lower), ids);
    // Deeper reaches further.
    let deeper = node_ids(&export_json(&store, &["--entity", "NATO", "--depth", "2"]));
    assert!(deeper.is_superset(&ids) && deeper.len() > ids.len());
}

#[test]
fn type_weight_and_article_filters_narrow_the_graph() {
    let (_dir, store) = ingested();
    let doc = export_json(&store, &["--type", "state,alliance"]);
    assert!(!nodes(&doc).is_empty());
    assert!(nodes(&doc)
        .iter()
        .all(|n| n["kind"] == "state" || n["kind"] == "alliance"));
    let ids = node_ids(&doc);
    assert!(edges(&doc).iter().any(|e| e["relation"] == "memberOf"));
    assert!(edges(&doc)
        .iter()
        .all(|e| ids.contains(e["source"].as_str().expect("source"))
            && ids.contains(e["target"].as_str().expect("target"))));

    let heavy = export_json(&store, &["--min-weight", "2"]);
    assert!(!edges(&heavy).is_empty());
    assert!(edges(&heavy)
        .iter()
        .all(|e| e["weight"].as_u64() >= Some(2)));
    for n in nodes(&heavy) {
        assert!(
            edges(&heavy)
                .iter()
                .any(|e| e["source"] == n["id"] || e["target"] == n["id"]),
            "{} has no edge",
            n["id"]
        );
    }

    let one = export_json(&store, &["--article", "05-nato-japan"]);
    let iri = "https://w3id.org/newsgraph/article/05-nato-japan";
    assert!(edges(&one)
        .iter()
        .all(|e| e["statedIn"] == serde_json::json!([iri])));
    assert!(nodes(&one).iter().all(|n| n["articles"] == 1));
    let mentioned = count(
        &store,
        "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH article:05-nato-japan { article:05-nato-japan schema:mentions ?e } }",
    );
    assert_eq!(nodes(&one).len(), mentioned);
}

#[test]
fn unknown_entity_or_article_is_a_one_line_usage_error() {
    let (_dir, store) = ingested();
    for args in [
        vec!["--entity", "Nobody At All"],
        vec!["--article", "no-such-article"],
        vec!["--entity", "Fumio Kishida", "--type", "state"],
    ] {
        let mut all = vec!["export", "--store", &store, "--format", "json"];
        all.extend_from_slice(&args);
        let out = run(&all);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn output_file_is_written_whole_or_left_alone() {
    let (dir, store) = ingested();
    let target = dir.path().join("graph.html");
    let target_s = target.display().to_string();
    std::fs::write(&target, "old").expect("seed file");
    // A failing export leaves the old file as it was.
    let out = run(&[
        "export", "--store", &store, "--format", "html", "--entity", "Nobody", "-o", &target_s,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&target).expect("read"), "old");
    // A good one replaces it, and no temporary file is left beside it.
    ok(&[
        "export", "--store", &store, "--format", "html", "-o", &target_s,
    ]);
    assert!(std::fs::read_to_string(&target)
        .expect("read")
        .starts_with("<!DOCTYPE html>"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn exports_are_deterministic() {
    let (_a, store_a) = ingested();
    let (_b, store_b) = ingested();
    for format in [
        "dot", "graphml", "json", "html", "svg", "turtle", "trig", "nquads", "jsonld", "rdfxml",
    ] {
        let first = export(&store_a, format, &[]);
        assert_eq!(first, export(&store_a, format, &[]), "{format}: same store");
        assert_eq!(
            first,
            export(&store_b, format, &[]),
            "{format}: same samples"
        );
    }
}

#[test]
fn five_hundred_generated_nodes_lay_out_apart_and_alike() {
    use newsgraph::export::layout::{layout, LayoutOptions};
    use newsgraph::export::{View, ViewEdge, ViewNode};
    use newsgraph::graph::{NodeKind, Relation};
    let nodes: Vec<ViewNode> = (0..500)
        .map(|i| ViewNode {
            iri: format!("https://w3id.org/newsgraph/id/test/{i:04}"),
            kind: NodeKind::State,
            label: format!("N{i}"),
            alt_labels: Vec::new(),
            qid: None,
            articles: 1,
            mentioned_in: Vec::new(),
        })
        .collect();
    let edges: Vec<(String, String, ViewEdge)> = (1..500)
        .map(|i| {
            (
                nodes[i].iri.clone(),
                nodes[(i * 7) % i].iri.clone(),
                ViewEdge {
                    relation: Relation::MemberOf,
                    symmetric: false,
                    weight: 1,
                    stated_in: Vec::new(),
                    titles: Vec::new(),
                    evidence: Vec::new(),
                },
            )
        })
        .collect();
    let view = View::from_parts(nodes, edges);
    let a = layout(&view, &LayoutOptions::default());
    assert_eq!(a.len(), 500);
    assert_eq!(a, layout(&view, &LayoutOptions::default()));
    assert!(a.iter().all(|p| p.x.is_finite() && p.y.is_finite()));
    let mut spots: Vec<(i64, i64)> = a.iter().map(|p| (p.x as i64, p.y as i64)).collect();
    spots.sort();
    spots.dedup();
    assert_eq!(spots.len(), 500, "no two nodes on one spot");
}

#[test]
fn svg_can_be_laid_out_by_graphviz_when_it_is_installed() {
    let has = |p: &str| {
        std::process::Command::new(p)
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !has("dot") || !has("sfdp") {
        println!("skipped: Graphviz (dot, sfdp) is not on the PATH");
        return;
    }
    let (_dir, store) = ingested();
    // A small neighbourhood goes through dot, the whole graph through sfdp.
    for extra in [&["--entity", "NATO"][..], &[][..]] {
        let mut args = vec!["--layout", "graphviz"];
        args.extend_from_slice(extra);
        let svg = String::from_utf8(export(&store, "svg", &args)).expect("UTF-8");
        assert!(
            svg.contains("Generated by graphviz"),
            "{}",
            &svg[..200.min(svg.len())]
        );
        assert!(svg.contains("Jens Stoltenberg"));
        let mut reader = quick_xml::Reader::from_str(&svg);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("Graphviz SVG is not XML: {e}"),
            }
        }
    }
}

#[test]
fn json_marks_former_offices() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store").display().to_string();
    let text = dir.path().join("former.txt");
    std::fs::write(
        &text,
        "Mazungumzo ya amani\n\nAliyekuwa Rais wa Kenya Uhuru Kenyatta alikutana na Rais wa Tanzania Samia Suluhu Hassan mjini Arusha Jumanne.\n",
    )
    .expect("write");
    ok(&["ingest", "--store", &store, &text.display().to_string()]);
    let doc = export_json(&store, &[]);
    let former = |person: &str| -> Vec<Option<bool>> {
        edges(&doc)
            .iter()
            .filter(|e| {
                e["relation"] == "holdsPositionIn"
                    && e["source"].as_str().is_some_and(|s| s.ends_with(person))
            })
            .flat_map(|e| e["evidence"].as_array().cloned().unwrap_or_default())
            .map(|ev| ev.get("former").and_then(Value::as_bool))
            .collect()
    };
    assert_eq!(former("/uhuru-kenyatta"), [Some(true)]);
    assert_eq!(former("/samia-suluhu-hassan"), [None]);
}
