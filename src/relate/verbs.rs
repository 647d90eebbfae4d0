//! Swahili verb morphology for trigger stems: a token is a form of a stem when what precedes
//! the stem parses as subject marker + tense marker (+ relative) (+ object marker), as the
//! infinitive prefix, or as a negative prefix (+ subject) + negative tense.

use crate::lexicon::Morphology;

/// A token recognised as a form of a verb stem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerbMatch {
    /// True for negative forms (`hakukutana`).
    pub negative: bool,
}

/// Matches a folded token against a folded verb stem.
#[inline]
pub fn match_verb(token: &str, stem: &str, m: &Morphology) -> Option<VerbMatch> {
    // Most calls are for a token that does not end with the stem: the last byte settles most
    // of them here, inlined, without a call to `memcmp`.
    let (t, s) = (token.as_bytes(), stem.as_bytes());
    if t.len() <= s.len() || (!s.is_empty() && t.last() != s.last()) {
        return None;
    }
    match_form(token, stem, m)
}

fn match_form(token: &str, stem: &str, m: &Morphology) -> Option<VerbMatch> {
    let prefix = token.strip_suffix(stem)?;
    if prefix.is_empty() {
        return None;
    }
    // The infinitive, with an object marker too ("kumsifu", "kumuunga mkono").
    if m.infinitive.iter().any(|p| {
        prefix
            .strip_prefix(p.as_str())
            .is_some_and(|rest| rest.is_empty() || m.object.iter().any(|o| o == rest))
    }) {
        return Some(VerbMatch { negative: false });
    }
    if positive(prefix, m) {
        return Some(VerbMatch { negative: false });
    }
    for neg in &m.negative {
        if let Some(rest) = prefix.strip_prefix(neg.as_str()) {
            if negative_rest(rest, m) {
                return Some(VerbMatch { negative: true });
            }
        }
    }
    None
}

/// Is the positive form `token` of `stem` in one of `tenses` (subject marker + that tense
/// marker + relative and object markers: `atakutana` in the future `ta`)?
pub fn in_tense(token: &str, stem: &str, tenses: &[String], m: &Morphology) -> bool {
    token.strip_suffix(stem).is_some_and(|prefix| {
        strip_any(prefix, &m.subject)
            .into_iter()
            .flat_map(|r| strip_any(r, tenses))
            .any(|r| optional_tail(r, m))
    })
}

fn strip_any<'a>(s: &'a str, list: &[String]) -> Vec<&'a str> {
    list.iter()
        .filter_map(|p| s.strip_prefix(p.as_str()))
        .collect()
}

fn optional_tail(s: &str, m: &Morphology) -> bool {
    if s.is_empty() {
        return true;
    }
    let after_rel: Vec<&str> = std::iter::once(s)
        .chain(strip_any(s, &m.relative))
        .collect();
    after_rel
        .iter()
        .any(|r| r.is_empty() || m.object.iter().any(|o| o == r))
}

fn positive(prefix: &str, m: &Morphology) -> bool {
    strip_any(prefix, &m.subject)
        .into_iter()
        .flat_map(|r| strip_any(r, &m.tense))
        .any(|r| optional_tail(r, m))
        || merged_present(prefix, m)
}

/// A tense merged into the subject marker (`merging_tense`, Swahili: the general present of
/// headlines, `Rais ampongeza X`, `Viongozi wampongeza X`): its vowel merges into a subject
/// marker ending in it (`a-a-m-pongeza` → `ampongeza`), so the subject marker stands alone
/// before the object marker and the stem.
fn merged_present(prefix: &str, m: &Morphology) -> bool {
    !m.merging_tense.is_empty()
        && strip_any(prefix, &m.subject)
            .into_iter()
            .zip(
                m.subject
                    .iter()
                    .filter(|sm| prefix.starts_with(sm.as_str())),
            )
            .any(|(r, sm)| {
                m.merging_tense.iter().any(|t| sm.ends_with(t.as_str()))
                    && (r.is_empty() || m.object.iter().any(|o| o == r))
            })
}

fn negative_rest(rest: &str, m: &Morphology) -> bool {
    let subjects: Vec<&str> = std::iter::once(rest)
        .chain(strip_any(rest, &m.subject))
        .collect();
    subjects.into_iter().any(|r| {
        strip_any(r, &m.negative_tense)
            .into_iter()
            .any(|t| t.is_empty() || m.object.iter().any(|o| o == t))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn morph() -> Morphology {
        let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        Morphology {
            subject: v(&[
                "ni", "u", "a", "tu", "m", "wa", "i", "zi", "li", "ya", "ki", "vi", "ku",
            ]),
            tense: v(&["li", "me", "na", "ta", "ki", "nge", "ka", "a", "hu"]),
            relative: v(&["ye", "o", "yo"]),
            object: v(&["m", "wa", "i", "li"]),
            negative: v(&["ha", "si"]),
            negative_tense: v(&["ku", "ta", "ja", "na"]),
            infinitive: v(&["ku"]),
            merging_tense: v(&["a"]),
            glides: Vec::new(),
        }
    }

    #[test]
    fn inflected_forms_match_and_negatives_are_flagged() {
        let m = morph();
        for w in [
            "alikutana",
            "wamekutana",
            "atakutana",
            "kukutana",
            "aliyekutana",
            "walikutana",
        ] {
            assert_eq!(
                match_verb(w, "kutana", &m),
                Some(VerbMatch { negative: false }),
                "{w}"
            );
        }
        for w in ["hakukutana", "hawakukutana", "hawatakutana"] {
            assert_eq!(
                match_verb(w, "kutana", &m),
                Some(VerbMatch { negative: true }),
                "{w}"
            );
        }
        // The future and the conditional are told apart from the past.
        let unreal = vec!["ta".to_string(), "nge".to_string()];
        assert!(in_tense("watakutana", "kutana", &unreal, &m));
        assert!(in_tense("angemtembelea", "tembelea", &unreal, &m));
        assert!(!in_tense("walikutana", "kutana", &unreal, &m));
        assert!(!in_tense("kukutana", "kutana", &unreal, &m));
        assert_eq!(match_verb("mkutano", "kutana", &m), None);
        assert_eq!(match_verb("kutana", "kutana", &m), None);
        assert_eq!(
            match_verb("aliketi", "keti", &m),
            Some(VerbMatch { negative: false })
        );
    }

    #[test]
    fn the_general_present_merges_its_tense_into_a_subject_marker_ending_in_a() {
        let m = morph();
        for w in ["ampongeza", "wampongeza", "apongeza", "wapongeza"] {
            assert_eq!(
                match_verb(w, "pongeza", &m),
                Some(VerbMatch { negative: false }),
                "{w}"
            );
        }
        // Other subject markers take the tense vowel of their own ("i-a-" is "ya-").
        assert_eq!(match_verb("ipongeza", "pongeza", &m), None);
        assert_eq!(match_verb("mpongeza", "pongeza", &m), None);
    }
}
