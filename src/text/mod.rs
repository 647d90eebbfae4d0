//! Text stage: normalisation, case/diacritic folding with an offset map, sentences, tokens and
//! language identification. Everything downstream works on byte offsets into the normalised
//! article text; [`char_offset`] turns them into the code-point offsets written to RDF.

mod lang;
pub mod repair;
mod segment;

pub use lang::{detect_language, Lang};
pub use segment::{segment, Segmented, Sentence, Token};

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Normalises article text: UTF-8 read as Windows-1252 upstream repaired, Unicode NFC, `\r\n` → `\n`, typographic spaces to plain spaces and
/// control characters removed, so that offsets and matching see one spelling of each character.
pub fn normalise(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let raw = repair::repair_mojibake(raw);
    let raw = raw.replace("\r\n", "\n");
    // Nearly all text is already in NFC, which the quick check tells cheaply: composing it
    // would give the same characters, at several times the cost.
    if unicode_normalization::is_nfc_quick(raw.chars()) == unicode_normalization::IsNormalized::Yes
    {
        normalise_str(&raw, &mut out);
    } else {
        normalise_chars(raw.nfc(), &mut out);
    }
    out
}

/// [`normalise_chars`] over a text in NFC, copying runs of the characters it keeps as they are
/// (printable ASCII, line breaks and tabs: nearly all of a news text) in one piece.
fn normalise_str(text: &str, out: &mut String) {
    let mut rest = text;
    while !rest.is_empty() {
        let n = rest
            .bytes()
            .position(|b| !matches!(b, b'\n' | b'\t' | 0x20..=0x7e))
            .unwrap_or(rest.len());
        out.push_str(&rest[..n]);
        rest = &rest[n..];
        let Some(c) = rest.chars().next() else {
            break;
        };
        normalise_chars(std::iter::once(c), out);
        rest = &rest[c.len_utf8()..];
    }
}

/// The character-level part of [`normalise`], over characters already in NFC.
fn normalise_chars(chars: impl Iterator<Item = char>, out: &mut String) {
    for c in chars {
        match c {
            '\r' => out.push('\n'),
            '\n' | '\t' => out.push(c),
            '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
                out.push(' ')
            }
            '\u{200B}'..='\u{200D}' | '\u{FEFF}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// Folds one character for matching: lowercase, diacritics removed, typographic apostrophes and
/// dashes unified. Returns the folded characters (usually one).
pub fn fold_char(c: char, out: &mut String) {
    // Nearly all characters of news text are ASCII: skip the Unicode tables for them (the
    // decomposition lookups were the extractor's hottest code).
    if c.is_ascii() {
        out.push(fold_ascii(c as u8) as char);
        return;
    }
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '\u{00B4}' => out.push('\''),
        '\u{2010}'..='\u{2015}' => out.push('-'),
        _ => {
            for d in c.to_lowercase() {
                for b in std::iter::once(d).nfd() {
                    if !is_combining_mark(b) {
                        out.push(b);
                    }
                }
            }
        }
    }
}

/// The fold of an ASCII byte: lowercase, and the backtick as an apostrophe.
pub(crate) fn fold_ascii(b: u8) -> u8 {
    if b == b'`' {
        b'\''
    } else {
        b.to_ascii_lowercase()
    }
}

/// Whether `fold(s) == folded`, without allocating in the usual all-ASCII case (the rules
/// compare lexicon words with folded tokens millions of times per corpus).
pub fn fold_eq(s: &str, folded: &str) -> bool {
    if s.is_ascii() {
        s.len() == folded.len()
            && s.bytes()
                .zip(folded.bytes())
                .all(|(a, b)| fold_ascii(a) == b)
    } else {
        fold(s) == folded
    }
}

/// Folds a whole string (see [`fold_char`]).
pub fn fold(s: &str) -> String {
    // Most tokens are ASCII: lowercase them in one pass over the bytes instead of a call to
    // `fold_char` per character.
    if s.is_ascii() {
        let mut out = s.to_ascii_lowercase();
        if out.contains('`') {
            out = out.replace('`', "'");
        }
        return out;
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// A folded copy of a text with, for every folded byte, the byte offset of the original
/// character it came from, so that matches found in the folded text map back exactly.
#[derive(Debug, Clone)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    map: Vec<usize>,
    original_len: usize,
}

impl Folded {
    /// Folds `original`, remembering where each folded byte came from.
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut map = Vec::with_capacity(original.len() + 1);
        let mut i = 0;
        while i < original.len() {
            // Runs of ASCII (nearly all of a news text) fold by lowercasing, one byte for one
            // byte; a backtick (folded to an apostrophe) or any other character goes through
            // `fold_char`.
            let n = original.as_bytes()[i..]
                .iter()
                .position(|&b| !b.is_ascii() || b == b'`')
                .unwrap_or(original.len() - i);
            if n > 0 {
                let at = text.len();
                text.push_str(&original[i..i + n]);
                text[at..].make_ascii_lowercase();
                map.extend(i..i + n);
                i += n;
                continue;
            }
            let Some(c) = original[i..].chars().next() else {
                break;
            };
            let before = text.len();
            fold_char(c, &mut text);
            map.extend(std::iter::repeat_n(i, text.len() - before));
            i += c.len_utf8();
        }
        map.push(original.len());
        Folded {
            text,
            map,
            original_len: original.len(),
        }
    }

    /// The original byte offset of folded byte offset `i` (`i` may be the folded length).
    pub fn original(&self, i: usize) -> usize {
        self.map.get(i).copied().unwrap_or(self.original_len)
    }

    /// The original byte offset just after the character that folded byte `i - 1` came from:
    /// the exclusive end of a match ending at folded offset `i`.
    pub fn original_end(&self, i: usize, original: &str) -> usize {
        if i == 0 {
            return 0;
        }
        let start = self.original(i - 1);
        original[start..]
            .chars()
            .next()
            .map_or(self.original_len, |c| start + c.len_utf8())
    }
}

/// Converts a byte offset in `text` to a count of Unicode code points, the unit of `ng:start`
/// and `ng:end` (what SPARQL's `SUBSTR` and most languages' string indexing use).
pub fn char_offset(text: &str, byte: usize) -> usize {
    let byte = byte.min(text.len());
    text.get(..byte).map_or(0, |s| s.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_removes_case_and_diacritics_and_keeps_offsets() {
        let s = "Félix Tshisekedi’s";
        let f = Folded::new(s);
        assert_eq!(f.text, "felix tshisekedi's");
        let at = f.text.find("tshisekedi").unwrap_or(0);
        assert_eq!(&s[f.original(at)..f.original_end(at + 10, s)], "Tshisekedi");
    }

    #[test]
    fn folded_text_and_offsets_are_those_of_each_character() {
        let s = "Rais `Félix` ŁÓDŹ and O`Neil, Ⅻ İ.";
        let f = Folded::new(s);
        let mut text = String::new();
        let mut map = Vec::new();
        for (i, c) in s.char_indices() {
            let before = text.len();
            fold_char(c, &mut text);
            map.extend(std::iter::repeat_n(i, text.len() - before));
        }
        assert_eq!(f.text, text);
        assert_eq!(f.text, fold(s));
        for (k, &o) in map.iter().enumerate() {
            assert_eq!(f.original(k), o);
        }
        assert_eq!(f.original(map.len()), s.len());
    }

    #[test]
    fn normalise_composes_and_drops_controls() {
        assert_eq!(
            normalise("Fe\u{301}lix\u{0007}\r\nX\u{00A0}Y"),
            "Félix\nX Y"
        );
    }

    #[test]
    fn ascii_runs_normalise_like_single_characters() {
        let text = "Rais\u{0007} wa\tKenya\u{00A0}na\u{200B} \"Ruto\"\u{7f}\r.\nMkuu\u{2003}~ é";
        let mut by_chars = String::new();
        normalise_chars(text.chars(), &mut by_chars);
        let mut by_runs = String::new();
        normalise_str(text, &mut by_runs);
        assert_eq!(by_runs, by_chars);
        assert_eq!(by_runs, "Rais wa\tKenya na \"Ruto\"\n.\nMkuu ~ é");
    }

    #[test]
    fn fold_eq_agrees_with_fold() {
        for (a, b) in [
            ("Rais", "rais"),
            ("Félix", "felix"),
            ("O`Neil", "o'neil"),
            ("X", "xy"),
        ] {
            assert_eq!(fold_eq(a, b), fold(a) == b, "{a} {b}");
        }
    }

    #[test]
    fn char_offsets_count_code_points() {
        assert_eq!(char_offset("ā b", 3), 2);
    }
}
