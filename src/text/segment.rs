//! Sentences and tokens. Tokens keep internal hyphens, apostrophes and dots (`Seol-hwa`,
//! `d'Ivoire`, `U.S.`), split off other punctuation and quotes, and keep the full stop of a known
//! abbreviation (`Bw.`, `Dkt.`) so that it neither ends a sentence nor loses its meaning.

use std::collections::HashSet;
use std::ops::Range;

/// A token: a byte range of the normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
}

impl Token {
    /// The token's text.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// A sentence: its byte range and the range of its tokens in [`Segmented::tokens`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of the sentence's first character.
    pub start: usize,
    /// Byte offset after its last character.
    pub end: usize,
    /// Indices of its tokens.
    pub tokens: Range<usize>,
}

/// A segmented text: all tokens, and the sentences over them.
#[derive(Debug, Clone, Default)]
pub struct Segmented {
    /// Every token, in text order.
    pub tokens: Vec<Token>,
    /// Every sentence, in text order; their token ranges partition `tokens`.
    pub sentences: Vec<Sentence>,
}

fn is_split_punct(c: char) -> bool {
    matches!(
        c,
        ',' | ';'
            | ':'
            | '!'
            | '?'
            | '"'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '«'
            | '»'
            | '“'
            | '”'
            | '„'
            | '‘'
            | '’'
            | '\''
            | '…'
            | '—'
            | '–'
            | '/'
            | '*'
    )
}

fn is_closing(s: &str) -> bool {
    matches!(s, "\"" | "”" | "’" | "'" | ")" | "]" | "»")
}

/// Splits `text` into tokens and sentences. `abbreviations` holds lowercased abbreviations with
/// their final dot (`"bw."`); a line break always ends a sentence.
pub fn segment(text: &str, abbreviations: &HashSet<String>) -> Segmented {
    let mut tokens = Vec::new();
    // One buffer for the characters of every chunk, not a new one per word.
    let mut chars = Vec::new();
    for (start, chunk) in split_whitespace_indices(text) {
        // Most chunks are plain words, one token each: no punctuation to split off, no dot,
        // no apostrophe.
        if chunk.bytes().all(|b| b.is_ascii_alphanumeric()) {
            tokens.push(Token {
                start,
                end: start + chunk.len(),
            });
            continue;
        }
        tokenize_chunk(text, start, chunk, abbreviations, &mut chars, &mut tokens);
    }
    let mut sentences = Vec::new();
    let mut first = 0;
    let mut i = 0;
    while i < tokens.len() {
        let tok: &str = tokens[i].text(text);
        let mut end_here = false;
        if matches!(tok, "." | "!" | "?" | "…" | "...") {
            // Swallow closing quotes and brackets that belong to this sentence.
            while i + 1 < tokens.len() && is_closing(tokens[i + 1].text(text)) {
                i += 1;
            }
            end_here = true;
        }
        // A line break between this token and the next also ends the sentence.
        if !end_here && i + 1 < tokens.len() {
            let gap = &text[tokens[i].end..tokens[i + 1].start];
            end_here = gap.contains('\n');
        }
        if end_here || i + 1 == tokens.len() {
            sentences.push(Sentence {
                start: tokens[first].start,
                end: tokens[i].end,
                tokens: first..i + 1,
            });
            first = i + 1;
        }
        i += 1;
    }
    Segmented { tokens, sentences }
}

fn split_whitespace_indices(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push((s, &text[s..i]));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out.into_iter()
}

fn tokenize_chunk(
    text: &str,
    base: usize,
    chunk: &str,
    abbreviations: &HashSet<String>,
    chars: &mut Vec<(usize, char)>,
    out: &mut Vec<Token>,
) {
    // Leading punctuation.
    let mut s = 0;
    let mut e = chunk.len();
    let mut lead = Vec::new();
    while let Some(c) = chunk[s..e].chars().next() {
        if is_split_punct(c) {
            lead.push(Token {
                start: base + s,
                end: base + s + c.len_utf8(),
            });
            s += c.len_utf8();
        } else {
            break;
        }
    }
    // Trailing punctuation (collected in reverse).
    let mut trail = Vec::new();
    let mut keep_final_dot = false;
    loop {
        let rest = &chunk[s..e];
        let Some(c) = rest.chars().next_back() else {
            break;
        };
        if rest.chars().all(|c| c == '.') {
            break;
        }
        if rest.ends_with("...") && rest.len() > 3 {
            trail.push(Token {
                start: base + e - 3,
                end: base + e,
            });
            e -= 3;
            continue;
        }
        if c == '.' && rest.len() > 1 {
            let lower = rest.to_lowercase();
            if abbreviations.contains(&lower) || is_initial_or_dotted(rest) {
                keep_final_dot = true;
                break;
            }
            trail.push(Token {
                start: base + e - 1,
                end: base + e,
            });
            e -= 1;
            continue;
        }
        if is_split_punct(c) && rest.len() > c.len_utf8() {
            trail.push(Token {
                start: base + e - c.len_utf8(),
                end: base + e,
            });
            e -= c.len_utf8();
            continue;
        }
        break;
    }
    out.extend(lead);
    // English possessive: `Mozambique's` → `Mozambique` `'s`.
    let rest = &chunk[s..e];
    for pos in ["'s", "’s"] {
        if rest.len() > pos.len() + 1 && rest.ends_with(pos) {
            trail.push(Token {
                start: base + e - pos.len(),
                end: base + e,
            });
            e -= pos.len();
            break;
        }
    }
    if s < e {
        // Inner splits: punctuation such as quotes or commas glued inside (`"NATO,"` handled
        // above); keep hyphens, dots and apostrophes between letters.
        let inner = &chunk[s..e];
        if inner.chars().all(|c| c == '.') {
            // An ellipsis is one token.
            out.push(Token {
                start: base + s,
                end: base + e,
            });
            trail.reverse();
            out.extend(trail);
            return;
        }
        let mut piece_start = 0;
        chars.clear();
        chars.extend(inner.char_indices());
        let chars = &chars[..];
        for (k, &(i, c)) in chars.iter().enumerate() {
            let between_letters = k > 0
                && k + 1 < chars.len()
                && chars[k - 1].1.is_alphanumeric()
                && chars[k + 1].1.is_alphanumeric();
            let final_kept_dot = keep_final_dot && c == '.' && k + 1 == chars.len();
            let dotted_inside = keep_final_dot && c == '.';
            let split = match c {
                _ if final_kept_dot || dotted_inside => false,
                // "Merkel.Baada": a sentence end whose space was lost — a lower-case word, a
                // dot, then a capitalised word (not `U.S.`, not `bbc.com`).
                '.' if missing_space_after(chars, k) => true,
                // "1,000" keeps its comma; "Chalamila,Humphrey" is two names whose space was
                // lost.
                ',' => {
                    !(between_letters && chars[k - 1].1.is_numeric() && chars[k + 1].1.is_numeric())
                }
                '\'' | '’' | '.' | ':' | '/' => !between_letters,
                c => is_split_punct(c),
            };
            if split {
                if piece_start < i {
                    out.push(Token {
                        start: base + s + piece_start,
                        end: base + s + i,
                    });
                }
                out.push(Token {
                    start: base + s + i,
                    end: base + s + i + c.len_utf8(),
                });
                piece_start = i + c.len_utf8();
            }
        }
        if piece_start < inner.len() {
            out.push(Token {
                start: base + s + piece_start,
                end: base + e,
            });
        }
    }
    trail.reverse();
    out.extend(trail);
    debug_assert!(out.iter().all(|t| text.is_char_boundary(t.start)));
}

/// Is the dot at `chars[k]` a sentence end glued to the next sentence (`Merkel.Baada`)? The
/// word before ends in two lower-case letters and the word after is a capital followed by a
/// lower-case letter; initials and domains (`U.S.`, `bbc.com`) do not qualify.
fn missing_space_after(chars: &[(usize, char)], k: usize) -> bool {
    k >= 2
        && k + 2 < chars.len()
        && chars[k - 1].1.is_lowercase()
        && chars[k - 2].1.is_lowercase()
        && chars[k + 1].1.is_uppercase()
        && chars[k + 2].1.is_lowercase()
}

/// `F.`, `U.S.`, `n.k.`: single letters separated by dots keep their final dot.
fn is_initial_or_dotted(s: &str) -> bool {
    let body = &s[..s.len() - 1];
    !body.is_empty()
        && body
            .split('.')
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<String> {
        let abbr: HashSet<String> = ["bw.".to_string(), "dkt.".to_string()].into();
        let s = segment(text, &abbr);
        s.tokens.iter().map(|t| t.text(text).to_string()).collect()
    }

    #[test]
    fn keeps_hyphenated_names_and_abbreviations() {
        assert_eq!(
            toks("Bw. Kim Seol-hwa, alisema: \"Ndiyo.\""),
            ["Bw.", "Kim", "Seol-hwa", ",", "alisema", ":", "\"", "Ndiyo", ".", "\""]
        );
        assert_eq!(
            toks("the U.S. and 'Quad'."),
            ["the", "U.S.", "and", "'", "Quad", "'", "."]
        );
        assert_eq!(toks("Mozambique's, x"), ["Mozambique", "'s", ",", "x"]);
    }

    #[test]
    fn a_comma_without_its_space_splits_words_but_not_numbers() {
        assert_eq!(
            toks("Albert Chalamila,Humphrey Polepole na watu 1,000"),
            [
                "Albert",
                "Chalamila",
                ",",
                "Humphrey",
                "Polepole",
                "na",
                "watu",
                "1,000"
            ]
        );
    }

    #[test]
    fn a_sentence_end_without_its_space_is_split() {
        let abbr: HashSet<String> = ["bi.".to_string()].into();
        let text = "Alikutana na Bi. Wanjiru.Baadaye alirudi kwa bbc.com na U.S.";
        let s = segment(text, &abbr);
        let sents: Vec<&str> = s.sentences.iter().map(|x| &text[x.start..x.end]).collect();
        assert_eq!(
            sents,
            [
                "Alikutana na Bi. Wanjiru.",
                "Baadaye alirudi kwa bbc.com na U.S."
            ]
        );
    }

    #[test]
    fn splits_sentences_but_not_after_abbreviations() {
        let abbr: HashSet<String> = ["bw.".to_string()].into();
        let text = "Bw. Ruto alifika. Alisema \"ndiyo.\" Kisha\nMstari mpya";
        let s = segment(text, &abbr);
        let sents: Vec<&str> = s.sentences.iter().map(|x| &text[x.start..x.end]).collect();
        assert_eq!(
            sents,
            [
                "Bw. Ruto alifika.",
                "Alisema \"ndiyo.\"",
                "Kisha",
                "Mstari mpya"
            ]
        );
    }

    #[test]
    fn empty_and_punctuation_only_text_do_not_panic() {
        assert!(toks("").is_empty());
        assert_eq!(toks("...").len(), 1);
        assert_eq!(toks("“”").len(), 2);
    }
}
