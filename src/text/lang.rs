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
    if let Some(lang) = clear_majority(&text[..end]) {
        return lang;
    }
    match detector().detect_language_of(&text[..end]) {
        Some(Language::English) => Lang::En,
        _ => Lang::Sw,
    }
}

/// Decides at once when the commonest function words of one language outnumber the other's
/// ten to one (the usual news article): lingua's n-gram models cost more than the rest of the
/// extraction together, and they would only agree. Mixed or short texts go to lingua.
fn clear_majority(text: &str) -> Option<Lang> {
    const SW: [&str; 10] = [
        "wa", "na", "ya", "kwa", "ni", "za", "la", "katika", "kuwa", "hiyo",
    ];
    const EN: [&str; 10] = [
        "the", "of", "and", "to", "in", "is", "that", "for", "with", "was",
    ];
    let (mut sw, mut en) = (0usize, 0usize);
    for w in text.split(|c: char| !c.is_alphabetic()) {
        if w.len() < 2 || w.len() > 6 {
            continue;
        }
        // Compared in place, not lowercased into a new string per word.
        if SW.iter().any(|f| f.eq_ignore_ascii_case(w)) {
            sw += 1;
        } else if EN.iter().any(|f| f.eq_ignore_ascii_case(w)) {
            en += 1;
        }
    }
    if sw >= 20 && sw >= 10 * en {
        Some(Lang::Sw)
    } else if en >= 20 && en >= 10 * sw {
        Some(Lang::En)
    } else {
        None
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
