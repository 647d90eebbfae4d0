//! Arbitrary bytes as a JSON Lines file: every line is an article or a one-line error naming
//! its line; nothing may panic. Articles that parse are extracted too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph::pipeline::LangChoice;
use newsgraph::Extractor;
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static E: OnceLock<Extractor> = OnceLock::new();
    E.get_or_init(|| Extractor::new().expect("the built-in lexicon and model load"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(lines) = newsgraph::input::parse_input(data.to_vec(), "fuzz.jsonl", Some("fuzz"), true)
    else {
        return;
    };
    for line in lines {
        match line {
            Ok(article) => {
                let g = extractor().extract(&article, LangChoice::Auto, None);
                let _ = newsgraph::rdf::article_quads(&g, newsgraph::rdf::Reification::Rdf12);
            }
            Err(e) => assert!(!e.to_string().contains('\n'), "a multi-line error: {e}"),
        }
    }
});
