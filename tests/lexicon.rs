//! The lexicon as the extractor uses it: every state and alliance is found and linked to the
//! right Wikidata item when an article names it, in Swahili and English; user lexicons add and
//! replace entries; background facts stay out of the articles' graph.

mod common;

use common::{article, bin};
use newsgraph::graph::NodeKind;
use newsgraph::lexicon::EntityKind;
use newsgraph::pipeline::LangChoice;
use newsgraph::text::Lang;
use newsgraph::Extractor;

/// The QIDs (or ids) of the nodes of `kind` the extractor finds in `text`.
fn linked(ex: &Extractor, text: &str, lang: Lang, kind: NodeKind) -> Vec<String> {
    let g = ex.extract(&article(text, lang), LangChoice::Auto, None);
    g.graph
        .node_weights()
        .filter(|n| n.kind == kind)
        .map(|n| n.qid.clone().unwrap_or_else(|| n.iri.clone()))
        .collect()
}

/// Checks that each (sentence, expected) pair links to exactly the expected entity; returns
/// the share found and the failures.
fn score(ex: &Extractor, cases: &[(String, Lang, String)], kind: NodeKind) -> (f64, Vec<String>) {
    let mut failures = Vec::new();
    for (text, lang, want) in cases {
        let got = linked(ex, text, *lang, kind);
        if got != [want.clone()] {
            failures.push(format!("{text:?}: want {want}, got {got:?}"));
        }
    }
    let share = 1.0 - failures.len() as f64 / cases.len().max(1) as f64;
    (share, failures)
}

fn key(e: &newsgraph::lexicon::EntityEntry) -> String {
    e.qid.clone().unwrap_or_else(|| {
        newsgraph::rdf::iri::entity(&newsgraph::resolve::EntityKey::Lexicon(
            e.kind,
            e.id.clone(),
        ))
    })
}

#[test]
fn every_state_is_linked_by_its_cldr_name_its_press_name_and_its_aliases() {
    let ex = Extractor::new().expect("lexicon");
    let mut cldr = Vec::new();
    let mut press = Vec::new();
    let mut aliases = Vec::new();
    let states: Vec<_> = ex
        .lexicon()
        .entities
        .iter()
        .filter(|e| e.kind == EntityKind::State)
        .collect();
    assert!(states.len() >= 197, "{} states", states.len());
    for e in &states {
        let want = key(e);
        if let Some(c) = &e.cldr_sw {
            cldr.push((
                format!("Serikali ya {c} imetangaza mpango mpya wa uchumi."),
                Lang::Sw,
                want.clone(),
            ));
        }
        press.push((
            format!("Serikali ya {} imetangaza mpango mpya wa uchumi.", e.sw),
            Lang::Sw,
            want.clone(),
        ));
        for (lang, name) in &e.names {
            let text = match lang {
                Lang::Sw => format!("Wajumbe kutoka {name} waliwasili jana."),
                Lang::En => format!("Delegates from {name} arrived on Monday."),
            };
            aliases.push((text, *lang, want.clone()));
        }
    }
    for (what, cases) in [
        ("CLDR Swahili name", &cldr),
        ("press name", &press),
        ("alias", &aliases),
    ] {
        let (share, failures) = score(&ex, cases, NodeKind::State);
        println!(
            "{what}: {:.2} % of {} sentences",
            share * 100.0,
            cases.len()
        );
        assert!(
            share >= 0.99,
            "{what}: only {:.1} % linked; failures: {failures:#?}",
            share * 100.0
        );
    }
}

#[test]
fn every_alliance_is_linked_by_its_swahili_and_english_names_and_acronyms() {
    let ex = Extractor::new().expect("lexicon");
    let mut cases = Vec::new();
    for e in ex
        .lexicon()
        .entities
        .iter()
        .filter(|e| e.kind == EntityKind::Alliance)
    {
        for (lang, name) in &e.names {
            let text = match lang {
                Lang::Sw => format!("Viongozi wa {name} walikubaliana jana mjini Arusha."),
                Lang::En => format!("Leaders of the {name} agreed on Monday in Arusha."),
            };
            cases.push((text, *lang, key(e)));
        }
    }
    assert!(cases.len() > 60);
    let (share, failures) = score(&ex, &cases, NodeKind::Alliance);
    println!(
        "alliances: {:.2} % of {} sentences",
        share * 100.0,
        cases.len()
    );
    assert!(share >= 0.99, "{failures:#?}");
    for (text, lang, qid) in [
        ("Umoja wa Afrika ulitoa taarifa.", Lang::Sw, "Q7159"),
        (
            "Jumuiya ya Afrika Mashariki ilikutana.",
            Lang::Sw,
            "Q337456",
        ),
        ("Umoja wa Mataifa ulitoa taarifa.", Lang::Sw, "Q1065"),
        ("Umoja wa Ulaya ulitoa taarifa.", Lang::Sw, "Q458"),
        (
            "The North Atlantic Treaty Organization met.",
            Lang::En,
            "Q7184",
        ),
    ] {
        assert_eq!(linked(&ex, text, lang, NodeKind::Alliance), [qid], "{text}");
    }
}

#[test]
fn demonyms_and_seats_of_power_resolve_to_their_state() {
    let ex = Extractor::new().expect("lexicon");
    // A seat of power as the subject of a verb is its government…
    assert_eq!(
        linked(
            &ex,
            "Beijing imekashifu mpango huo.",
            Lang::Sw,
            NodeKind::State
        ),
        ["Q148"]
    );
    assert_eq!(
        linked(
            &ex,
            "Washington said the talks failed.",
            Lang::En,
            NodeKind::State
        ),
        ["Q30"]
    );
    // …but a place where something happens stays a place.
    assert!(linked(
        &ex,
        "Mkutano ulifanyika mjini Beijing jana.",
        Lang::Sw,
        NodeKind::State
    )
    .is_empty());
    assert_eq!(
        linked(
            &ex,
            "Mkutano ulifanyika mjini Beijing jana.",
            Lang::Sw,
            NodeKind::Place
        ),
        ["Q956"]
    );
    // Demonyms mention the state.
    assert_eq!(
        linked(
            &ex,
            "Wajapani wengi walihudhuria.",
            Lang::Sw,
            NodeKind::State
        ),
        ["Q17"]
    );
    assert_eq!(
        linked(
            &ex,
            "Japanese officials attended.",
            Lang::En,
            NodeKind::State
        ),
        ["Q17"]
    );
    // Inflected Swahili place phrases.
    assert_eq!(
        linked(
            &ex,
            "Alikuwa nchini Kenya wiki iliyopita.",
            Lang::Sw,
            NodeKind::State
        ),
        ["Q114"]
    );
}

#[test]
fn month_and_weekday_names_are_dates_not_places() {
    let ex = Extractor::new().expect("lexicon");
    for (text, lang) in [
        (
            "The minister announced the new budget in March after long talks.",
            Lang::En,
        ),
        ("The talks resumed on Thursday in Nairobi.", Lang::En),
        (
            "Mazungumzo hayo yalianza tena mwezi Machi mjini Arusha.",
            Lang::Sw,
        ),
    ] {
        for kind in [NodeKind::Place, NodeKind::Organisation] {
            let found = linked(&ex, text, lang, kind);
            assert!(
                !found.iter().any(|iri| {
                    ["march", "thursday", "machi"]
                        .iter()
                        .any(|w| iri.ends_with(&format!("/{w}")))
                }),
                "{text:?}: {found:?}"
            );
        }
    }
}

fn stdout(out: std::process::Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_user_lexicon_adds_organisations_and_titles_and_replaces_names() {
    let dir = tempfile::tempdir().expect("temp dir");
    let lex = dir.path().join("mine.toml");
    std::fs::write(
        &lex,
        r#"
[[organisation]]
id = "ODM"
en = "Orange Democratic Movement"
names_sw = ["ODM", "chama cha ODM"]

[[title]]
lang = "sw"
text = "Mkuu wa Mkoa"
en = "Regional Commissioner"
kind = "official"

[[state]]
id = "KE"
qid = "Q114"
en = "Kenya"
sw = "Kenya"
names_sw = ["Kenya", "Jamhuri ya Kenya", "Kenyaland"]
"#,
    )
    .expect("write");
    let text = dir.path().join("a.txt");
    std::fs::write(
        &text,
        "Habari\n\nMkuu wa Mkoa Amina Juma alisema ODM itashiriki. Wageni kutoka Kenyaland walifika.\n",
    )
    .expect("write");
    let out = stdout(
        bin()
            .args(["extract", "--format", "nquads", "--lexicon"])
            .arg(&lex)
            .arg(&text)
            .output()
            .expect("run"),
    );
    assert!(out.contains("<https://w3id.org/newsgraph/id/org/ODM> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/Organization>"));
    assert!(out.contains("<https://w3id.org/newsgraph/id/person/amina-juma> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/Person>"));
    assert!(
        out.contains("\"Kenyaland\"@sw"),
        "the user's alias of Kenya is used"
    );
    // Without the user lexicon none of that is known.
    let plain = stdout(
        bin()
            .args(["extract", "--format", "nquads"])
            .arg(&text)
            .output()
            .expect("run"),
    );
    assert!(!plain.contains("id/org/ODM>") && !plain.contains("\"Kenyaland\"@sw"));
    // A broken user lexicon is a usage error naming the file.
    std::fs::write(&lex, "[[state]]\nid = 3\n").expect("write");
    let bad = bin()
        .args(["extract", "--lexicon"])
        .arg(&lex)
        .arg(&text)
        .output()
        .expect("run");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("mine.toml"));
}

#[test]
fn background_facts_live_in_their_own_graph() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("db").display().to_string();
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/data/samples");
    stdout(
        bin()
            .args(["ingest", "--store", &db, samples])
            .output()
            .expect("run"),
    );
    let q = |query: &str| {
        stdout(
            bin()
                .args(["query", "--store", &db, "--format", "tsv", query])
                .output()
                .expect("run"),
        )
    };
    // Albania is a NATO member in the background facts, but no article says so.
    assert!(q("ASK { state:AL ng:memberOf alliance:NATO }").contains("false"));
    assert!(q("ASK { GRAPH <https://w3id.org/newsgraph/background> { state:AL ng:memberOf alliance:NATO } }").contains("true"));
    let out = stdout(
        bin()
            .args([
                "query",
                "--store",
                &db,
                "--format",
                "csv",
                "--param",
                "alliance=alliance:NATO",
            ])
            .arg(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/queries/alliance-members-sources.rq"
            ))
            .output()
            .expect("run"),
    );
    assert!(
        out.lines().any(|l| l.starts_with("NATO,Germany,both,")),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("NATO,Albania,background,0")),
        "{out}"
    );
}
