//! Tests of the query library in `queries/`: every `.rq` file is documented, runs on the
//! bundled samples (stored with RDF 1.2 reifiers and with `--rdf11`), returns SPARQL JSON
//! with at least one row and no duplicate rows, and the parameters narrow the answers as the
//! files and `queries/README.md` say. Parameters are bound as RDF terms, never spliced into
//! the query text, so a value that looks like SPARQL is just a string.

mod common;

use common::{ok, run};
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A store with all samples ingested (`extra` = e.g. `["--rdf11"]`).
fn ingested(extra: &[&str]) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store").display().to_string();
    let samples = root().join("data/samples").display().to_string();
    let mut args = vec!["ingest", "--store", &store];
    args.extend_from_slice(extra);
    args.push(&samples);
    ok(&args);
    (dir, store)
}

/// All `queries/*.rq` files, sorted.
fn query_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("queries"))
        .expect("queries/ exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "rq"))
        .collect();
    files.sort();
    files
}

fn query_file(name: &str) -> String {
    root().join("queries").join(name).display().to_string()
}

/// One result row: variable name → the cell's lexical value (IRIs without `<>`).
type Row = BTreeMap<String, String>;

/// Runs a query with `--format json` and parameters, parses the SPARQL JSON and returns the
/// variables and the rows.
fn select_json(store: &str, query: &str, params: &[&str]) -> (Vec<String>, Vec<Row>) {
    let mut args = vec!["query", "--store", store, "--format", "json"];
    for p in params {
        args.push("--param");
        args.push(p);
    }
    args.push(query);
    let out = ok(&args);
    let json: Value = serde_json::from_str(&out)
        .unwrap_or_else(|e| panic!("{query} {params:?}: not JSON ({e}): {out}"));
    let vars = json["head"]["vars"]
        .as_array()
        .unwrap_or_else(|| panic!("{query}: no head.vars in {out}"))
        .iter()
        .map(|v| v.as_str().expect("variable name").to_string())
        .collect();
    let rows = json["results"]["bindings"]
        .as_array()
        .unwrap_or_else(|| panic!("{query}: no results.bindings in {out}"))
        .iter()
        .map(|b| {
            b.as_object()
                .expect("binding object")
                .iter()
                .map(|(k, v)| {
                    let value = v["value"].as_str().expect("cell value").to_string();
                    (k.clone(), value)
                })
                .collect()
        })
        .collect();
    (vars, rows)
}

fn rows(store: &str, file: &str, params: &[&str]) -> Vec<Row> {
    select_json(store, &query_file(file), params).1
}

fn cell<'a>(row: &'a Row, var: &str) -> &'a str {
    row.get(var).map(String::as_str).unwrap_or("")
}

/// Does any cell of the rows contain `text`?
fn mentions(rows: &[Row], text: &str) -> bool {
    rows.iter().any(|r| r.values().any(|v| v.contains(text)))
}

/// The header of a query file: `# title:`, `# description:` and the `# param:` names.
struct Header {
    title: String,
    description: String,
    params: Vec<String>,
}

fn header(path: &Path) -> Header {
    let text = std::fs::read_to_string(path).expect("readable query file");
    let mut h = Header {
        title: String::new(),
        description: String::new(),
        params: Vec::new(),
    };
    for line in text.lines().take_while(|l| l.starts_with('#')) {
        if let Some(t) = line.strip_prefix("# title:") {
            h.title = t.trim().to_string();
        } else if let Some(d) = line.strip_prefix("# description:") {
            h.description = d.trim().to_string();
        } else if let Some(p) = line.strip_prefix("# param:") {
            let name = p.split_whitespace().next().expect("parameter name");
            h.params.push(name.to_string());
        }
    }
    h
}

const ENTITY: &str = "https://w3id.org/newsgraph/id/";

#[test]
fn there_are_at_least_twelve_documented_queries() {
    let files = query_files();
    assert!(files.len() >= 12, "only {} query files", files.len());
    let readme =
        std::fs::read_to_string(root().join("queries/README.md")).expect("queries/README.md");
    for f in &files {
        let h = header(f);
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        assert!(!h.title.is_empty(), "{name}: no `# title:` line");
        assert!(
            !h.description.is_empty(),
            "{name}: no `# description:` line"
        );
        let text = std::fs::read_to_string(f).unwrap();
        let select = &text[text.find("SELECT").expect("a SELECT query")..];
        let select = &select[..select.find("WHERE").expect("a WHERE clause")];
        for p in &h.params {
            assert!(
                select.contains(&format!("?{p}")),
                "{name}: parameter ?{p} is not in the SELECT list, so it cannot be bound"
            );
        }
        assert!(
            readme.contains(&format!("## {name}")),
            "queries/README.md has no section for {name}"
        );
    }
}

/// Every query runs on both store layouts, gives parseable SPARQL JSON with ≥ 1 row and no
/// row twice, and both layouts give the same answer.
#[test]
fn every_query_runs_on_the_samples_with_rows_and_no_duplicates() {
    let (_d12, rdf12) = ingested(&[]);
    let (_d11, rdf11) = ingested(&["--rdf11"]);
    for f in query_files() {
        let path = f.display().to_string();
        let (vars, rows12) = select_json(&rdf12, &path, &[]);
        assert!(!vars.is_empty(), "{path}: no variables");
        assert!(!rows12.is_empty(), "{path}: no rows on the samples");
        let distinct: HashSet<&Row> = rows12.iter().collect();
        assert_eq!(distinct.len(), rows12.len(), "{path}: duplicate rows");

        let (_, rows11) = select_json(&rdf11, &path, &[]);
        let mut a: Vec<&Row> = rows12.iter().collect();
        let mut b: Vec<&Row> = rows11.iter().collect();
        a.sort();
        b.sort();
        assert_eq!(
            a, b,
            "{path}: RDF 1.2 and --rdf11 stores answer differently"
        );
    }
}

/// Values that look like SPARQL (quotes, braces, an update) are bound as plain strings: each
/// parameter of each file, bound to such a value, gives no rows and no error, and the store
/// is unchanged afterwards.
#[test]
fn parameters_are_bound_as_terms_not_spliced_into_the_query() {
    let (_d, store) = ingested(&[]);
    let count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";
    let before = select_json(&store, count, &[]).1;
    let mut checked = 0;
    for f in query_files() {
        let path = f.display().to_string();
        for p in header(&f).params {
            for value in [
                r#"x" } ; DROP ALL ; {"#,
                "x> } ; DROP ALL ; { <y",
                "' || true || '",
            ] {
                let param = format!("{p}={value}");
                // A parameter declared as an IRI looks the name up among the entities: no
                // entity has this name, so it is a one-line usage error. Any other parameter
                // is a plain string that matches nothing.
                let out = run(&[
                    "query", "--store", &store, "--format", "json", "--param", &param, &path,
                ]);
                if out.status.success() {
                    let (_, found) = select_json(&store, &path, &[&param]);
                    assert!(found.is_empty(), "{path} --param {param:?}: {found:?}");
                } else {
                    let err = String::from_utf8_lossy(&out.stderr);
                    assert_eq!(
                        out.status.code(),
                        Some(2),
                        "{path} --param {param:?}: {err}"
                    );
                    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
                    assert!(err.contains("no entity has that name"), "{err}");
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 30, "only {checked} parameter checks");
    assert_eq!(select_json(&store, count, &[]).1, before, "store changed");
    // The shape the brief names, on the query that takes a name.
    let found = rows(&store, "ego-network.rq", &[r#"name=x" } ; DROP ALL ; {"#]);
    assert!(found.is_empty());
    // A plain name for an IRI parameter is the entity of that name.
    let nato = rows(&store, "ego-network.rq", &["entity=NATO"]);
    assert!(mentions(&nato, "Jens Stoltenberg"), "{nato:?}");
    let article = rows(&store, "article-contents.rq", &["article=05-nato-japan"]);
    assert!(mentions(&article, "Yoshimasa Hayashi"), "{article:?}");
}

#[test]
fn offices_by_state_narrows_to_one_state() {
    let (_d, store) = ingested(&[]);
    let all = rows(&store, "offices-by-state.rq", &[]);
    assert!(mentions(&all, "William Samoei Ruto") && mentions(&all, "Yoshimasa Hayashi"));
    // Only states: NATO's Secretary General is not listed here.
    assert!(!mentions(&all, "Jens Stoltenberg"), "{all:?}");

    let jp = rows(&store, "offices-by-state.rq", &["state=state:JP"]);
    assert!(mentions(&jp, "Yoshimasa Hayashi"), "{jp:?}");
    assert!(mentions(&jp, "Fumio Kishida"), "{jp:?}");
    assert!(!mentions(&jp, "William Samoei Ruto"), "{jp:?}");
    for r in &jp {
        assert_eq!(cell(r, "state"), format!("{ENTITY}state/JP"));
        assert_eq!(cell(r, "stateLabel"), "Japan");
        assert!(cell(r, "articles").parse::<u32>().unwrap() >= 1);
    }
    let hayashi = jp
        .iter()
        .find(|r| cell(r, "personLabel") == "Yoshimasa Hayashi")
        .unwrap();
    assert_eq!(cell(hayashi, "title"), "Foreign Minister");
    assert!(cell(hayashi, "sources").contains("05-nato-japan"));

    // The same state by full IRI and by <IRI>.
    let full = rows(
        &store,
        "offices-by-state.rq",
        &["state=https://w3id.org/newsgraph/id/state/JP"],
    );
    assert_eq!(full, jp);
    let angle = rows(
        &store,
        "offices-by-state.rq",
        &["state=<https://w3id.org/newsgraph/id/state/JP>"],
    );
    assert_eq!(angle, jp);
}

#[test]
fn criticism_network_has_china_against_the_quad() {
    let (_d, store) = ingested(&[]);
    let all = rows(&store, "criticism-network.rq", &[]);
    let kinds = ["criticized", "threatened", "sanctioned", "attacked"];
    assert!(
        all.iter().all(|r| kinds.contains(&cell(r, "kind"))),
        "{all:?}"
    );
    let quad = all
        .iter()
        .find(|r| {
            cell(r, "source") == format!("{ENTITY}state/CN")
                && cell(r, "target") == format!("{ENTITY}alliance/QUAD")
        })
        .unwrap_or_else(|| panic!("no China → Quad: {all:?}"));
    assert_eq!(cell(quad, "kind"), "criticized");
    assert_eq!(cell(quad, "articles"), "1");
    assert!(cell(quad, "example").contains("criticised the Quad"));

    // Narrowed to one entity, by IRI or by name, on either side.
    let china = rows(&store, "criticism-network.rq", &["entity=state:CN"]);
    assert!(!china.is_empty());
    assert!(china
        .iter()
        .all(|r| cell(r, "source").ends_with("/state/CN")
            || cell(r, "target").ends_with("/state/CN")));
    let by_name = rows(&store, "criticism-network.rq", &["name=china"]);
    assert_eq!(by_name.len(), china.len());
    let quad_side = rows(&store, "criticism-network.rq", &["entity=alliance:QUAD"]);
    assert!(mentions(&quad_side, "China"), "{quad_side:?}");
}

#[test]
fn ego_network_of_nato_and_of_a_person() {
    let (_d, store) = ingested(&[]);
    let nato = rows(&store, "ego-network.rq", &["name=NATO"]);
    let stoltenberg = nato
        .iter()
        .find(|r| cell(r, "neighbourLabel") == "Jens Stoltenberg")
        .unwrap_or_else(|| panic!("no Stoltenberg next to NATO: {nato:?}"));
    assert_eq!(cell(stoltenberg, "direction"), "in");
    assert_eq!(cell(stoltenberg, "neighbourType"), "person");
    assert!(mentions(&nato, "Germany"));
    assert!(nato
        .iter()
        .all(|r| cell(r, "entity") == format!("{ENTITY}alliance/NATO")));
    // Case-insensitive name; the IRI gives the same neighbours.
    let lower = rows(&store, "ego-network.rq", &["name=nato"]);
    assert_eq!(lower.len(), nato.len());
    let by_iri = rows(&store, "ego-network.rq", &["entity=alliance:NATO"]);
    assert_eq!(by_iri.len(), nato.len());

    // A meeting is "mutual", whichever way it was written.
    let js = rows(
        &store,
        "ego-network.rq",
        &["entity=person:jens-stoltenberg"],
    );
    let met: Vec<&Row> = js
        .iter()
        .filter(|r| cell(r, "relation").ends_with("#metWith"))
        .collect();
    assert!(met.len() >= 2, "{js:?}");
    assert!(met.iter().all(|r| cell(r, "direction") == "mutual"));
    assert!(mentions(&js, "Yoshimasa Hayashi") && mentions(&js, "NATO"));
}

#[test]
fn edge_evidence_of_one_meeting() {
    let (_d, store) = ingested(&[]);
    let found = rows(
        &store,
        "edge-evidence.rq",
        &[
            "subject=person:jens-stoltenberg",
            "predicate=ng:metWith",
            "object=person:yoshimasa-hayashi",
        ],
    );
    assert_eq!(found.len(), 1, "{found:?}");
    let r = &found[0];
    assert!(cell(r, "evidence").contains("met Japanese Foreign Minister Yoshimasa Hayashi"));
    let (start, end): (u32, u32) = (
        cell(r, "start").parse().unwrap(),
        cell(r, "end").parse().unwrap(),
    );
    assert!(start < end);
    assert!(!cell(r, "rule").is_empty());
    assert!(cell(r, "confidence").parse::<f64>().unwrap() > 0.0);
    assert_eq!(cell(r, "cameo"), "040");
    assert!(cell(r, "article").ends_with("/article/05-nato-japan"));
    assert!(cell(r, "reifier").starts_with(cell(r, "article")));

    // One parameter alone: every statement of that relation.
    let criticised = rows(&store, "edge-evidence.rq", &["predicate=ng:criticized"]);
    assert!(criticised.len() >= 2);
    assert!(criticised
        .iter()
        .all(|r| cell(r, "predicate").ends_with("#criticized")));
    // A position statement carries its title.
    let office = rows(
        &store,
        "edge-evidence.rq",
        &[
            "subject=person:yoshimasa-hayashi",
            "predicate=ng:holdsPositionIn",
        ],
    );
    assert_eq!(cell(&office[0], "title"), "Foreign Minister");
    // An edge that was not extracted has no evidence.
    let none = rows(
        &store,
        "edge-evidence.rq",
        &[
            "subject=state:JP",
            "predicate=ng:memberOf",
            "object=alliance:NATO",
        ],
    );
    assert!(none.is_empty(), "Japan is not a member of NATO: {none:?}");
}

#[test]
fn most_mentioned_people_are_ranked() {
    let (_d, store) = ingested(&[]);
    let people = rows(&store, "most-mentioned-people.rq", &[]);
    let counts: Vec<u32> = people
        .iter()
        .map(|r| cell(r, "articles").parse().unwrap())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    assert!(people
        .iter()
        .all(|r| cell(r, "person").contains("/person/")));
    let samia = people
        .iter()
        .find(|r| cell(r, "label") == "Samia Suluhu Hassan")
        .unwrap();
    assert_eq!(cell(samia, "articles"), counts[0].to_string());
    assert!(cell(samia, "altLabels").contains("Samia"));
    let tshisekedi = people
        .iter()
        .find(|r| cell(r, "person").ends_with("/felix-tshisekedi"))
        .unwrap();
    assert_eq!(cell(tshisekedi, "articles"), "2");
    assert!(cell(tshisekedi, "altLabels").contains("Felix Tshisekedi"));
    assert_eq!(cell(tshisekedi, "languages").len(), "en sw".len());
}

#[test]
fn co_mentions_are_ordered_pairs() {
    let (_d, store) = ingested(&[]);
    let all = rows(&store, "co-mentions.rq", &[]);
    assert!(all.iter().all(|r| cell(r, "entity1") < cell(r, "entity2")));
    let pairs: HashSet<(&str, &str)> = all
        .iter()
        .map(|r| (cell(r, "entity1"), cell(r, "entity2")))
        .collect();
    assert_eq!(pairs.len(), all.len(), "a pair appears twice");
    let ke_ug = all
        .iter()
        .find(|r| {
            cell(r, "entity1") == format!("{ENTITY}state/KE")
                && cell(r, "entity2") == format!("{ENTITY}state/UG")
        })
        .expect("Kenya and Uganda are mentioned together");
    assert!(cell(ke_ug, "articles").parse::<u32>().unwrap() >= 2);

    let kenya = rows(&store, "co-mentions.rq", &["entity=state:KE"]);
    assert!(!kenya.is_empty() && kenya.len() < all.len());
    let ke = format!("{ENTITY}state/KE");
    assert!(kenya
        .iter()
        .all(|r| cell(r, "entity1") == ke || cell(r, "entity2") == ke));
    let by_name = rows(&store, "co-mentions.rq", &["name=Kenya"]);
    assert_eq!(by_name.len(), kenya.len());
}

#[test]
fn articles_per_entity_lists_the_articles() {
    let (_d, store) = ingested(&[]);
    let kishida = rows(&store, "articles-per-entity.rq", &["name=Kishida"]);
    let articles: HashSet<&str> = kishida.iter().map(|r| cell(r, "article")).collect();
    assert!(articles.iter().any(|a| a.ends_with("/05-nato-japan")));
    assert!(articles.iter().any(|a| a.ends_with("/08-kenya-japan")));
    assert_eq!(articles.len(), kishida.len());
    for r in &kishida {
        assert!(!cell(r, "headline").is_empty());
        assert!(["en", "sw"].contains(&cell(r, "language")));
    }
    let by_iri = rows(
        &store,
        "articles-per-entity.rq",
        &["entity=person:fumio-kishida"],
    );
    assert_eq!(by_iri.len(), kishida.len());
    // Dated articles come first.
    let kenya = rows(&store, "articles-per-entity.rq", &["entity=state:KE"]);
    assert_eq!(cell(&kenya[0], "published"), "2023-12-09");
    assert!(mentions(&kenya, "Viongozi wa EAC wakutana Arusha"));
}

#[test]
fn article_contents_of_one_article() {
    let (_d, store) = ingested(&[]);
    let found = rows(
        &store,
        "article-contents.rq",
        &["article=article:05-nato-japan"],
    );
    assert!(mentions(&found, "Yoshimasa Hayashi"), "{found:?}");
    assert!(!mentions(&found, "Museveni"), "{found:?}");
    assert!(found
        .iter()
        .all(|r| cell(r, "article").ends_with("/article/05-nato-japan")));
    let entities = found.iter().filter(|r| cell(r, "kind") == "entity").count();
    let statements: Vec<&Row> = found
        .iter()
        .filter(|r| cell(r, "kind") == "statement")
        .collect();
    assert!(entities >= 10 && statements.len() >= 10, "{found:?}");
    assert!(statements.iter().all(|r| !cell(r, "evidence").is_empty()));
    assert!(statements.iter().any(|r| cell(r, "subjectLabel") == "China"
        && cell(r, "predicate").ends_with("#criticized")
        && cell(r, "objectLabel") == "Quad"));
    // Entities of other articles and their statements are not in this one.
    assert!(!mentions(&found, "Samia"));
}

#[test]
fn timeline_puts_dated_statements_first() {
    let (_d, store) = ingested(&[]);
    let found = rows(&store, "timeline.rq", &["name=Ramaphosa"]);
    assert!(found.len() >= 3, "{found:?}");
    assert!(found
        .iter()
        .all(|r| cell(r, "entity") == format!("{ENTITY}person/cyril-ramaphosa")));
    let whens: Vec<&str> = found.iter().map(|r| cell(r, "when")).collect();
    let first_undated = whens
        .iter()
        .position(|w| w.is_empty())
        .unwrap_or(whens.len());
    assert!(first_undated >= 1, "{whens:?}");
    assert!(
        whens[first_undated..].iter().all(|w| w.is_empty()),
        "{whens:?}"
    );
    assert!(
        whens[..first_undated].windows(2).all(|w| w[0] <= w[1]),
        "{whens:?}"
    );
    assert!(whens[0].starts_with("2023-08"));
    for r in &found {
        let expected = ["event", "published", ""];
        assert!(expected.contains(&cell(r, "dateSource")));
        assert_eq!(cell(r, "dateSource").is_empty(), cell(r, "when").is_empty());
    }
    let by_iri = rows(&store, "timeline.rq", &["entity=person:cyril-ramaphosa"]);
    assert_eq!(by_iri.len(), found.len());
}

#[test]
fn states_without_alliance_have_no_stated_membership() {
    let (_d, store) = ingested(&[]);
    let found = rows(&store, "states-without-alliance.rq", &[]);
    let members: HashSet<String> = rows(&store, "alliance-members.rq", &[])
        .iter()
        .map(|r| cell(r, "member").to_string())
        .collect();
    for r in &found {
        assert!(cell(r, "state").contains("/state/"));
        assert!(
            !members.contains(cell(r, "state")),
            "{r:?} has a membership"
        );
        assert!(["true", "false"].contains(&cell(r, "backgroundMembership")));
    }
    let rwanda = found
        .iter()
        .find(|r| cell(r, "state") == format!("{ENTITY}state/RW"))
        .unwrap_or_else(|| panic!("Rwanda has no stated alliance: {found:?}"));
    assert_eq!(cell(rwanda, "backgroundMembership"), "true");
    assert!(cell(rwanda, "backgroundAlliances").contains("East African Community"));
    assert!(!found
        .iter()
        .any(|r| cell(r, "state").ends_with("/state/KE")));
}

/// The `ng:` terms of a `VALUES ?var { … }` block that starts at `at` in `text`.
fn values_terms(text: &str, at: usize) -> Vec<String> {
    let block = &text[at..];
    let open = block.find('{').expect("VALUES block opens");
    let close = block.find('}').expect("VALUES block closes");
    let mut terms: Vec<String> = block[open + 1..close]
        .split_whitespace()
        .map(str::to_string)
        .collect();
    terms.sort();
    terms
}

#[test]
fn relation_lists_in_the_queries_are_the_relations_of_the_ontology() {
    // Queries that look edges up by predicate list the relations in a VALUES block; a
    // relation added to the vocabulary but missing there would silently drop its edges.
    let ontology =
        std::fs::read_to_string(root().join("data/ontology.ttl")).expect("data/ontology.ttl");
    let mut relations: Vec<String> = ontology
        .split("\n\n")
        .filter_map(|block| {
            let block = block.trim_start();
            let name = block.split_whitespace().next()?;
            (name.starts_with("ng:") && block.contains("a owl:ObjectProperty"))
                .then(|| name.to_string())
        })
        .collect();
    relations.sort();
    assert_eq!(relations.len(), 15, "{relations:?}");
    let mut lists = 0;
    for file in query_files() {
        let text = std::fs::read_to_string(&file).expect("query file");
        for (at, _) in text.match_indices("VALUES ?") {
            let terms = values_terms(&text, at);
            if terms.iter().any(|t| t == "ng:holdsPositionIn") {
                assert_eq!(terms, relations, "{}", file.display());
                lists += 1;
            }
        }
    }
    assert!(lists >= 6, "only {lists} relation lists found");
}
