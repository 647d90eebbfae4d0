//! One multi-pattern automaton (Aho–Corasick) over the folded text for all names, demonyms and
//! titles of a language. Matches must start and end on token boundaries, respect the
//! capitalisation the lexicon writes (so the pronoun `us` is not the `US`), and the longest
//! match wins where matches overlap.

use super::model::{EntityEntry, Title};
use crate::text::{fold, Folded, Lang, Segmented};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::HashMap;
use std::ops::Range;

/// What a lexicon match refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchTarget {
    /// An entity by its name (index into `Lexicon::entities`).
    Entity(usize),
    /// An entity by a demonym or adjective (`Japanese`, `Wajapani`).
    Demonym(usize),
    /// A title of the matcher's language (index into that language's titles).
    Title(usize),
}

/// A lexicon match over whole tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexMatch {
    /// Token indices covered.
    pub tokens: Range<usize>,
    /// What it refers to.
    pub target: MatchTarget,
}

#[derive(Debug, Clone)]
struct Variant {
    target: MatchTarget,
    /// The name as the lexicon writes it, for the capitalisation check.
    written: String,
    case_sensitive: bool,
}

/// The automaton and, per pattern, the entries it stands for.
#[derive(Debug)]
pub struct Matcher {
    automaton: Option<AhoCorasick>,
    variants: Vec<Vec<Variant>>,
}

impl Matcher {
    /// Builds the matcher for `lang` from all entity names (any language: Swahili articles name
    /// `Japan` and `New Zealand` in English too), demonyms and `lang`'s titles.
    pub fn build(entities: &[EntityEntry], _lang: Lang, titles: &[Title]) -> Matcher {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut variants: Vec<Vec<Variant>> = Vec::new();
        let mut add = |written: &str, target: MatchTarget, case_sensitive: bool| {
            let key = fold(written);
            if key.trim().is_empty() {
                return;
            }
            let i = *index.entry(key.clone()).or_insert_with(|| {
                patterns.push(key);
                variants.push(Vec::new());
                patterns.len() - 1
            });
            if !variants[i]
                .iter()
                .any(|v| v.target == target && v.written == written)
            {
                variants[i].push(Variant {
                    target,
                    written: written.to_string(),
                    case_sensitive,
                });
            }
        };
        for (i, e) in entities.iter().enumerate() {
            for (_, name) in &e.names {
                add(name, MatchTarget::Entity(i), true);
            }
            for (_, d) in &e.demonyms {
                add(d, MatchTarget::Demonym(i), true);
            }
        }
        for (i, t) in titles.iter().enumerate() {
            add(&t.text, MatchTarget::Title(i), false);
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .ok();
        Matcher {
            automaton,
            variants,
        }
    }

    /// Finds the lexicon matches in a segmented text, longest first, without overlaps.
    pub fn find(&self, text: &str, folded: &Folded, seg: &Segmented) -> Vec<LexMatch> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        // Tokens are in text order and do not overlap, so both their starts and their ends
        // increase: the token starting or ending at an offset is found by binary search
        // (building two hash maps of every token cost more than the searches).
        let token_starting = |at: usize| seg.tokens.binary_search_by_key(&at, |t| t.start).ok();
        let token_ending = |at: usize| seg.tokens.binary_search_by_key(&at, |t| t.end).ok();
        let mut candidates: Vec<LexMatch> = Vec::new();
        for m in ac.find_overlapping_iter(&folded.text) {
            let start = folded.original(m.start());
            let end = folded.original_end(m.end(), text);
            let (Some(ts), Some(te)) = (token_starting(start), token_ending(end)) else {
                continue;
            };
            let surface = &text[start..end];
            let Some(v) = self.variants[m.pattern().as_usize()]
                .iter()
                .find(|v| !v.case_sensitive || case_agrees(&v.written, surface))
            else {
                continue;
            };
            candidates.push(LexMatch {
                tokens: ts..te + 1,
                target: v.target,
            });
        }
        // Longest first, then leftmost; keep those that overlap nothing already kept.
        candidates.sort_by_key(|m| (std::cmp::Reverse(m.tokens.len()), m.tokens.start));
        let mut taken = vec![false; seg.tokens.len()];
        let mut out = Vec::new();
        for c in candidates {
            if c.tokens.clone().any(|t| taken[t]) {
                continue;
            }
            for t in c.tokens.clone() {
                taken[t] = true;
            }
            out.push(c);
        }
        out.sort_by_key(|m| m.tokens.start);
        out
    }
}

/// The capitalisation the lexicon writes must be in the text: an all-capitals word (an acronym)
/// must appear exactly, a capitalised word must appear capitalised. Lowercase lexicon words
/// match any case.
fn case_agrees(written: &str, surface: &str) -> bool {
    // The usual case, and always true below: the name written as the lexicon writes it.
    if written == surface {
        return true;
    }
    let w: Vec<&str> = written.split_whitespace().collect();
    let s: Vec<&str> = surface.split_whitespace().collect();
    if w.len() != s.len() {
        // Different spacing or folding: only require a capital where the name starts with one.
        let wc = written.chars().next().is_some_and(char::is_uppercase);
        return !wc || surface.chars().next().is_some_and(char::is_uppercase);
    }
    w.iter().zip(&s).all(|(w, s)| {
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        let acronym = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
        if acronym {
            fold(w) == fold(s)
                && s.chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase)
        } else if w.chars().next().is_some_and(char::is_uppercase) {
            s.chars().next().is_some_and(char::is_uppercase)
        } else {
            true
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_must_be_capitals_and_names_capitalised() {
        assert!(case_agrees("US", "US"));
        assert!(!case_agrees("US", "us"));
        assert!(!case_agrees("US", "Us"));
        assert!(case_agrees("Korea Kaskazini", "Korea Kaskazini"));
        assert!(!case_agrees("China", "china"));
        assert!(case_agrees("nchini", "Nchini"));
    }
}
