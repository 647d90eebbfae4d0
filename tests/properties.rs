//! Properties of extraction, checked with proptest on generated articles: Swahili-like
//! sentences made from the lexicon's own states, alliances, offices and trigger verbs, with
//! names, dates, noise and broken bytes mixed in.
//!
//! - the same article gives the same quads (also from a second extractor);
//! - every edge's evidence offsets (code points, end exclusive) cut its evidence sentence out
//!   of the normalised article text, and the RDF says the same;
//! - arbitrary strings and bytes never panic the reader, the extractor or the RDF writer.

use newsgraph::input::{parse_input, Article};
use newsgraph::pipeline::LangChoice;
use newsgraph::rdf::{article_quads, write_quads, RdfOutput, Reification};
use newsgraph::text::{normalise, Lang};
use newsgraph::Extractor;
use oxigraph::model::{NamedOrBlankNode, Term};
use proptest::prelude::*;
use std::collections::HashMap;
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static E: OnceLock<Extractor> = OnceLock::new();
    E.get_or_init(|| Extractor::new().expect("extractor"))
}

fn second_extractor() -> &'static Extractor {
    static E: OnceLock<Extractor> = OnceLock::new();
    E.get_or_init(|| Extractor::new().expect("extractor"))
}

/// Words taken from the built-in lexicon once: Swahili names of states and alliances, Swahili
/// office titles, and Swahili trigger verbs in the past tense (`ali` + stem + particle).
struct Words {
    states: Vec<String>,
    alliances: Vec<String>,
    titles: Vec<String>,
    verbs: Vec<String>,
}

fn words() -> &'static Words {
    static W: OnceLock<Words> = OnceLock::new();
    W.get_or_init(|| {
        use newsgraph::lexicon::EntityKind;
        let lex = extractor().lexicon();
        let of = |kind: EntityKind| -> Vec<String> {
            lex.entities
                .iter()
                .filter(|e| e.kind == kind)
                .map(|e| e.sw.clone())
                .collect()
        };
        let titles = lex
            .titles(Lang::Sw)
            .iter()
            .filter(|t| !t.generic)
            .map(|t| t.text.clone())
            .collect();
        let verbs = lex
            .triggers
            .sw
            .iter()
            .map(|t| match &t.then {
                Some(then) => format!("ali{} {then}", t.stem),
                None => format!("ali{}", t.stem),
            })
            .collect();
        Words {
            states: of(EntityKind::State),
            alliances: of(EntityKind::Alliance),
            titles,
            verbs,
        }
    })
}

const GIVEN: [&str; 8] = [
    "William", "Samia", "Amina", "Juma", "Fumio", "Grace", "Hassan", "Wanjiru",
];
const FAMILY: [&str; 8] = [
    "Ruto", "Hassan", "Mohamed", "Kishida", "Mwangi", "Otieno", "Nyerere", "Achieng",
];

/// One piece of a sentence.
fn piece() -> impl Strategy<Value = String> {
    let w = words();
    let pick = |v: &'static [String]| (0..v.len()).prop_map(move |i| v[i].clone());
    let person =
        (0..GIVEN.len(), 0..FAMILY.len()).prop_map(|(g, f)| format!("{} {}", GIVEN[g], FAMILY[f]));
    let office = (
        pick(&w.titles),
        pick(&w.states),
        0..GIVEN.len(),
        0..FAMILY.len(),
    )
        .prop_map(|(t, s, g, f)| format!("{t} wa {s} {} {}", GIVEN[g], FAMILY[f]));
    prop_oneof![
        4 => person,
        4 => office,
        3 => pick(&w.states),
        2 => pick(&w.alliances),
        4 => pick(&w.verbs),
        1 => Just("Bw.".to_string()),
        1 => Just("mjini Nairobi".to_string()),
        1 => Just("Aprili 4".to_string()),
        1 => Just("mwaka 2022".to_string()),
        1 => Just("kati ya".to_string()),
        1 => Just(",".to_string()),
        1 => Just("na".to_string()),
        1 => Just("hakukutana na".to_string()),
        // Noise: anything at all, control characters and odd spaces included.
        1 => "[\\PC\\t\\u{7}\\u{a0}\\u{200b}]{0,12}",
    ]
}

fn sentence() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(piece(), 1..10),
        prop_oneof![Just("."), Just("!"), Just("?"), Just("")],
    )
        .prop_map(|(pieces, end)| format!("{}{end}", pieces.join(" ")))
}

fn article_text() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(sentence(), 1..8),
        prop_oneof![Just(" "), Just("\n"), Just("\r\n\r\n"), Just("  ")],
    )
        .prop_map(|(sentences, sep)| format!("Habari za leo\n\n{}", sentences.join(sep)))
}

fn article(text: String, lang: Option<Lang>) -> Article {
    Article {
        id: "prop".into(),
        title: None,
        text,
        date: Some("2024-04-04".into()),
        url: None,
        lang,
        source: "proptest".into(),
    }
}

fn lang_choice() -> impl Strategy<Value = LangChoice> {
    prop_oneof![
        Just(LangChoice::Auto),
        Just(LangChoice::Fixed(Lang::Sw)),
        Just(LangChoice::Fixed(Lang::En)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, .. ProptestConfig::default() })]

    #[test]
    fn extraction_is_deterministic(text in article_text(), lang in lang_choice()) {
        let a = article(text, None);
        let g1 = extractor().extract(&a, lang, None);
        let g2 = extractor().extract(&a, lang, None);
        let g3 = second_extractor().extract(&a, lang, None);
        for r in [Reification::Rdf12, Reification::Rdf11] {
            let q1 = article_quads(&g1, r);
            prop_assert_eq!(&q1, &article_quads(&g2, r));
            prop_assert_eq!(&q1, &article_quads(&g3, r));
        }
    }

    #[test]
    fn evidence_offsets_cut_the_evidence_out_of_the_text(text in article_text()) {
        let a = article(text, Some(Lang::Sw));
        let g = extractor().extract(&a, LangChoice::Auto, None);
        let normalised: Vec<char> = normalise(&a.text).chars().collect();
        for e in g.graph.edge_weights() {
            let ev = &e.evidence;
            prop_assert!(ev.start <= ev.end && ev.end <= normalised.len());
            let cut: String = normalised[ev.start..ev.end].iter().collect();
            prop_assert_eq!(&cut, &ev.sentence);
        }
        // The RDF carries the same: for every reifier, ng:start / ng:end cut ng:evidence.
        let ng = |l: &str| format!("https://w3id.org/newsgraph/ontology#{l}");
        let mut by_reifier: HashMap<NamedOrBlankNode, HashMap<String, Term>> = HashMap::new();
        for q in article_quads(&g, Reification::Rdf12) {
            let p = q.predicate.as_str();
            if [ng("start"), ng("end"), ng("evidence")].iter().any(|x| x == p) {
                by_reifier.entry(q.subject.clone()).or_default().insert(p.to_string(), q.object.clone());
            }
        }
        prop_assert_eq!(by_reifier.len() >= g.edge_count().min(1), true);
        for (r, fields) in by_reifier {
            let num = |k: &str| match fields.get(&ng(k)) {
                Some(Term::Literal(l)) => l.value().parse::<usize>().ok(),
                _ => None,
            };
            let (Some(start), Some(end)) = (num("start"), num("end")) else {
                return Err(TestCaseError::fail(format!("{r}: no offsets")));
            };
            let Some(Term::Literal(evidence)) = fields.get(&ng("evidence")) else {
                return Err(TestCaseError::fail(format!("{r}: no evidence")));
            };
            prop_assert!(end <= normalised.len());
            let cut: String = normalised[start..end].iter().collect();
            prop_assert_eq!(cut.as_str(), evidence.value());
        }
    }

    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>(), lang in lang_choice()) {
        let g = extractor().extract(&article(text, None), lang, None);
        let quads = article_quads(&g, Reification::Rdf12);
        prop_assert!(write_quads(&quads, RdfOutput::TriG, Vec::new()).is_ok());
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_reader(bytes in prop::collection::vec(any::<u8>(), 0..2000), jsonl in any::<bool>()) {
        if let Ok(articles) = parse_input(bytes, "bytes", Some("bytes"), jsonl) {
            for a in articles.into_iter().flatten() {
                let g = extractor().extract(&a, LangChoice::Auto, None);
                let quads = article_quads(&g, Reification::Rdf11);
                prop_assert!(write_quads(&quads, RdfOutput::RdfXml, Vec::new()).is_ok());
            }
        }
    }

    #[test]
    fn arbitrary_json_lines_never_panic(
        text in article_text(),
        id in "[\\PC]{0,20}",
        junk in "[\\PC]{0,40}",
        date in "[0-9-]{0,12}",
    ) {
        let good = serde_json::json!({ "id": id, "text": text, "date": date }).to_string();
        let input = format!("{good}\n{junk}\n{good}\n");
        let lines = parse_input(input.into_bytes(), "p.jsonl", None, true);
        prop_assert!(lines.is_ok());
        for line in lines.into_iter().flatten() {
            match line {
                Ok(a) => { extractor().extract(&a, LangChoice::Auto, None); }
                Err(e) => prop_assert!(!e.to_string().contains('\n')),
            }
        }
    }
}

/// The generators are worth something only if their articles give edges to check.
#[test]
fn generated_articles_give_edges() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut articles, mut edges) = (0, 0);
    for _ in 0..60 {
        let text = article_text()
            .new_tree(&mut runner)
            .expect("a generated article")
            .current();
        let g = extractor().extract(&article(text, Some(Lang::Sw)), LangChoice::Auto, None);
        articles += usize::from(g.edge_count() > 0);
        edges += g.edge_count();
    }
    eprintln!("{articles} of 60 generated articles gave edges ({edges} in all)");
    assert!(
        articles >= 20 && edges >= 40,
        "{articles} articles, {edges} edges"
    );
}
