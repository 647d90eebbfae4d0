//! Relations a careful reader draws, on texts written for these tests: offices named by role
//! phrases, references back, relative clauses, negation.

mod common;

use common::article;
use newsgraph::graph::{ArticleGraph, Relation};
use newsgraph::pipeline::LangChoice;
use newsgraph::text::Lang;
use newsgraph::Extractor;
use petgraph::visit::EdgeRef;

fn extract(text: &str, lang: Lang) -> ArticleGraph {
    let ex = Extractor::new().expect("lexicon");
    ex.extract(&article(text, lang), LangChoice::Auto, None)
}

/// (subject label, relation, object label, rule) of every edge.
fn edges(g: &ArticleGraph) -> Vec<(String, Relation, String, String)> {
    g.graph
        .edge_references()
        .map(|e| {
            (
                g.graph[e.source()].label.clone(),
                e.weight().relation,
                g.graph[e.target()].label.clone(),
                e.weight().rule.clone(),
            )
        })
        .collect()
}

fn has(g: &ArticleGraph, s: &str, r: Relation, o: &str) -> bool {
    edges(g).iter().any(|(a, rel, b, _)| {
        *rel == r && ((a == s && b == o) || (r.is_symmetric() && a == o && b == s))
    })
}

const SW: &str = "Ushirikiano wa kijeshi waimarika\n\n\
Katibu Mkuu wa NATO Mark Rutte aliwasili Tokyo Jumanne. \
Waziri Mkuu Shigeru Ishiba alikutana na mkuu wa NATO katika ofisi yake. \
Ilikuwa ziara ya kwanza ya kiongozi huyo tangu Waziri Mkuu wa Japan aingie madarakani. \
Baadaye Rutte aliketi na Waziri wa Ulinzi wa Japan Gen Nakatani.\n\
Makubaliano ya AUKUS yalisainiwa mwaka 2021. Muungano huo unahusisha nchi wanachama: Australia, Uingereza na Marekani. \
Ushirikiano huo umelalamikiwa na kambi ya 'Quad' - ambayo Beijing imekashifu mara kwa mara.\n\
Rais wa Kenya William Ruto hakukutana na Rais wa Uganda Yoweri Museveni wiki hii.\n";

#[test]
fn role_phrases_resolve_to_the_person_holding_the_office() {
    let g = extract(SW, Lang::Sw);
    assert!(
        has(&g, "Mark Rutte", Relation::HoldsPositionIn, "NATO"),
        "{:#?}",
        edges(&g)
    );
    // "mkuu wa NATO" is Rutte, the only person the article puts at the head of NATO.
    assert!(
        has(&g, "Shigeru Ishiba", Relation::MetWith, "Mark Rutte"),
        "{:#?}",
        edges(&g)
    );
    // "Waziri Mkuu wa Japan" is the article's Waziri Mkuu: his office is in Japan.
    assert!(
        has(&g, "Shigeru Ishiba", Relation::HoldsPositionIn, "Japan"),
        "{:#?}",
        edges(&g)
    );
    assert!(has(&g, "Mark Rutte", Relation::MetWith, "Gen Nakatani"));
    assert!(has(&g, "Gen Nakatani", Relation::HoldsPositionIn, "Japan"));
}

#[test]
fn references_back_and_relative_clauses_find_their_entity() {
    let g = extract(SW, Lang::Sw);
    // "Muungano huo … nchi wanachama: …" lists AUKUS's members.
    for s in ["Australia", "United Kingdom", "United States"] {
        assert!(
            has(&g, s, Relation::MemberOf, "AUKUS"),
            "{s}: {:#?}",
            edges(&g)
        );
    }
    // "'Quad' - ambayo Beijing imekashifu": China criticised the Quad.
    assert!(
        has(&g, "China", Relation::Criticized, "Quad"),
        "{:#?}",
        edges(&g)
    );
}

#[test]
fn negated_verbs_make_no_edge() {
    let g = extract(SW, Lang::Sw);
    assert!(!has(
        &g,
        "William Ruto",
        Relation::MetWith,
        "Yoweri Museveni"
    ));
    let en = extract(
        "President William Ruto of Kenya did not meet President Yoweri Museveni of Uganda.",
        Lang::En,
    );
    assert!(!has(
        &en,
        "William Ruto",
        Relation::MetWith,
        "Yoweri Museveni"
    ));
    assert!(has(&en, "William Ruto", Relation::HoldsPositionIn, "Kenya"));
}

#[test]
fn english_relations_follow_the_same_rules() {
    let g = extract(
        "NATO Secretary General Mark Rutte met Japanese Defence Minister Gen Nakatani in Tokyo. \
         China criticised the Quad, which Washington backs. \
         The AUKUS pact between Australia, the United Kingdom and the United States was signed in 2021.",
        Lang::En,
    );
    assert!(
        has(&g, "Mark Rutte", Relation::MetWith, "Gen Nakatani"),
        "{:#?}",
        edges(&g)
    );
    assert!(has(&g, "Gen Nakatani", Relation::HoldsPositionIn, "Japan"));
    assert!(has(&g, "China", Relation::Criticized, "Quad"));
    assert!(
        has(&g, "United States", Relation::Supports, "Quad"),
        "{:#?}",
        edges(&g)
    );
    assert!(has(&g, "United Kingdom", Relation::MemberOf, "AUKUS"));
}

#[test]
fn passive_verbs_government_phrases_and_infinitives_with_objects() {
    let g = extract(
        "Rais wa Nigeria Bola Tinubu anaungwa mkono na serikali ya Ghana. \
         Rais wa Kenya William Ruto aliikashifu serikali ya Sudan. \
         Waziri Mkuu wa Ethiopia Abiy Ahmed alianza kumsifu Rais wa Misri Abdel Fattah al-Sisi.",
        Lang::Sw,
    );
    // Passive: Ghana is the supporter.
    assert!(
        has(&g, "Ghana", Relation::Supports, "Bola Tinubu"),
        "{:#?}",
        edges(&g)
    );
    assert!(!has(&g, "Bola Tinubu", Relation::Supports, "Ghana"));
    // "serikali ya Sudan" is Sudan.
    assert!(
        has(&g, "William Ruto", Relation::Criticized, "Sudan"),
        "{:#?}",
        edges(&g)
    );
    // Infinitive with an object marker: ku-m-sifu.
    assert!(
        has(&g, "Abiy Ahmed", Relation::Supports, "Abdel Fattah al-Sisi"),
        "{:#?}",
        edges(&g)
    );
}
