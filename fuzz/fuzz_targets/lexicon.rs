//! Arbitrary bytes as a user lexicon file (`--lexicon`): parsed and checked, and when it is a
//! valid lexicon, loaded over the built-in one and used on a sentence. Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph::lexicon::Lexicon;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Lexicon::check_user_file("fuzz.toml", text) {
        Ok(n) if n > 0 => {
            // The slow path (the whole built-in lexicon again), only for valid files.
            let dir = std::env::temp_dir().join(format!("newsgraph-fuzz-{}", std::process::id()));
            let _ = std::fs::create_dir_all(&dir);
            let path = dir.join("user.toml");
            if std::fs::write(&path, text).is_err() {
                return;
            }
            if let Ok(lex) = Lexicon::with_user_files(&[path]) {
                let extractor = newsgraph::Extractor::with_lexicon(lex);
                let article = newsgraph::input::article_from_text(
                    "Habari\n\nRais wa Kenya William Ruto alikutana na Katibu Mkuu wa ODM \
                     Edwin Sifuna mjini Nairobi."
                        .to_string(),
                    "fuzz".to_string(),
                    "fuzz".to_string(),
                );
                let _ = extractor.extract(&article, newsgraph::pipeline::LangChoice::Auto, None);
            }
        }
        Ok(_) => {}
        Err(e) => assert!(!e.to_string().contains('\n'), "a multi-line error: {e}"),
    }
});
