//! Language identification between Swahili and English with `lingua` restricted to those two
//! languages (the detector is built once and shared).

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// A language the extractor knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Swahili.
    Sw,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 code used in language tags and `schema:inLanguage`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Sw => "sw",
            Lang::En => "en",
        }
    }

    /// Parses a language code (`sw`, `swa`, `swahili`, `en`, `eng`, `english`, any case).
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "sw" | "swa" | "swh" | "swahili" | "kiswahili" => Some(Lang::Sw),
            "en" | "eng" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    /// Both languages, in a fixed order.
    pub const ALL: [Lang; 2] = [Lang::Sw, Lang::En];
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

fn detector() -> &'static LanguageDetector {
    static DETECTOR: OnceLock<LanguageDetector> = OnceLock::new();
    DETECTOR.get_or_init(|| {
        LanguageDetectorBuilder::from_languages(&[Language::English, Language::Swahili]).build()
    })
}

/// Decides whether `text` is Swahili or English. Only the first few kilobytes are looked at
/// (enough for a news article's language), and Swahili is the answer when lingua cannot tell.
pub fn detect_language(text: &str) -> Lang {
    let mut end = text.len().min(4000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    match detector().detect_language_of(&text[..end]) {
        Some(Language::English) => Lang::En,
        _ => Lang::Sw,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_swahili_from_english() {
        assert_eq!(
            detect_language("Rais wa Kenya alikutana na viongozi wa nchi jirani mjini Arusha."),
            Lang::Sw
        );
        assert_eq!(
            detect_language("The president of Kenya met neighbouring leaders in Arusha."),
            Lang::En
        );
    }
}
