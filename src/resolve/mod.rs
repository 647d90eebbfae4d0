//! Resolve stage: groups the mentions of one article into entities. Lexicon entities are one
//! entity per lexicon entry. People are grouped conservatively: a shorter name (`Kishida`,
//! `Kim`) joins the one longer name of the article that contains all its words; when two people
//! could be meant, the short mention is dropped rather than guessed.

use crate::lexicon::{EntityKind, Lexicon};
use crate::recognise::{MentionKind, Recognised};
use crate::text::fold;

/// Identity of a resolved entity, stable across articles (it becomes the IRI).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKey {
    /// A lexicon entity: its kind and id.
    Lexicon(EntityKind, String),
    /// A person: the slug of the canonical (longest) name.
    Person(String),
}

/// An entity of one article.
#[derive(Debug, Clone)]
pub struct ResolvedEntity {
    /// Stable identity.
    pub key: EntityKey,
    /// Index into `Lexicon::entities` for lexicon entities.
    pub entry: Option<usize>,
    /// Canonical name.
    pub label: String,
    /// Every surface form seen in the article.
    pub surface: Vec<String>,
}

/// The entities of an article and which entity each mention refers to.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    /// Entities in order of first mention.
    pub entities: Vec<ResolvedEntity>,
    /// For each mention, its entity (None when it could not be resolved safely).
    pub mention_entity: Vec<Option<usize>>,
}

/// A URL- and IRI-safe slug: folded, ASCII letters and digits, words joined by `-`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in fold(name).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c.is_alphanumeric() {
            // Non-Latin letters: keep them, the IRI layer percent-encodes.
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Groups mentions into entities.
pub fn resolve(rec: &Recognised, lex: &Lexicon) -> Resolved {
    let mut out = Resolved {
        entities: Vec::new(),
        mention_entity: vec![None; rec.mentions.len()],
    };
    // Person names, longest first, become canonical people.
    let mut names: Vec<(usize, Vec<String>)> = rec
        .mentions
        .iter()
        .enumerate()
        .filter_map(|(i, m)| match &m.kind {
            MentionKind::Person(n) => Some((i, n.split_whitespace().map(fold).collect())),
            _ => None,
        })
        .collect();
    names.sort_by_key(|(i, words)| (std::cmp::Reverse(words.len()), *i));
    let mut people: Vec<(Vec<String>, usize)> = Vec::new(); // (folded words, entity index)
    for (mi, words) in &names {
        let surface = match &rec.mentions[*mi].kind {
            MentionKind::Person(n) => n.clone(),
            MentionKind::Entity(_) => continue,
        };
        let candidates: Vec<usize> = people
            .iter()
            .filter(|(pw, _)| contains_in_order(pw, words))
            .map(|(_, e)| *e)
            .collect();
        let mut uniq = candidates.clone();
        uniq.dedup();
        let entity = match uniq.as_slice() {
            [] => {
                let e = out.entities.len();
                out.entities.push(ResolvedEntity {
                    key: EntityKey::Person(slug(&surface)),
                    entry: None,
                    label: surface.clone(),
                    surface: Vec::new(),
                });
                people.push((words.clone(), e));
                Some(e)
            }
            [one] => Some(*one),
            _ => None,
        };
        if let Some(e) = entity {
            if !out.entities[e].surface.contains(&surface) {
                out.entities[e].surface.push(surface);
            }
        }
        out.mention_entity[*mi] = entity;
    }
    for (mi, m) in rec.mentions.iter().enumerate() {
        let MentionKind::Entity(idx) = m.kind else {
            continue;
        };
        let entry = &lex.entities[idx];
        let key = EntityKey::Lexicon(entry.kind, entry.id.clone());
        let e = match out.entities.iter().position(|x| x.key == key) {
            Some(e) => e,
            None => {
                out.entities.push(ResolvedEntity {
                    key,
                    entry: Some(idx),
                    label: entry.en.clone(),
                    surface: Vec::new(),
                });
                out.entities.len() - 1
            }
        };
        out.mention_entity[mi] = Some(e);
    }
    out
}

/// True when every word of `short` occurs in `long`, in the same order.
fn contains_in_order(long: &[String], short: &[String]) -> bool {
    let mut it = long.iter();
    short.iter().all(|w| it.any(|l| l == w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_and_stable() {
        assert_eq!(slug("Félix Tshisekedi"), "felix-tshisekedi");
        assert_eq!(slug("Kim Seol-hwa"), "kim-seol-hwa");
    }

    #[test]
    fn short_names_need_words_in_order() {
        let long = vec!["kim".to_string(), "seol-hwa".to_string()];
        assert!(contains_in_order(&long, &["kim".to_string()]));
        assert!(!contains_in_order(
            &long,
            &["seol-hwa".into(), "kim".into()]
        ));
    }
}
