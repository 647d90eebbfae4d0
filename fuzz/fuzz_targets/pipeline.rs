//! Arbitrary bytes as a plain-text article file: decoding (UTF-8, Windows-1252, mojibake
//! repair, HTML to text, the binary and size checks), then the whole extraction and the RDF
//! in both reifications. Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph::pipeline::LangChoice;
use newsgraph::rdf::{article_quads, write_quads, RdfOutput, Reification};
use newsgraph::text::Lang;
use newsgraph::Extractor;
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static E: OnceLock<Extractor> = OnceLock::new();
    E.get_or_init(|| Extractor::new().expect("the built-in lexicon and model load"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(articles) =
        newsgraph::input::parse_input(data.to_vec(), "fuzz.txt", Some("fuzz"), false)
    else {
        return;
    };
    // The first byte picks the language choice, so all three paths are exercised.
    let lang = match data.first().map(|b| b % 3) {
        Some(0) => LangChoice::Fixed(Lang::Sw),
        Some(1) => LangChoice::Fixed(Lang::En),
        _ => LangChoice::Auto,
    };
    for article in articles.into_iter().flatten() {
        let g = extractor().extract(&article, lang, Some("2024-04-04"));
        for r in [Reification::Rdf12, Reification::Rdf11] {
            let quads = article_quads(&g, r);
            let out = if r == Reification::Rdf12 {
                RdfOutput::NQuads
            } else {
                RdfOutput::RdfXml
            };
            write_quads(&quads, out, Vec::new()).expect("the quads serialise");
        }
    }
});
