//! Resolve stage: groups the mentions of one article into entities. Lexicon entities are one
//! entity per lexicon entry. People are grouped conservatively: a shorter name (`Kishida`,
//! `Kim`) joins the one longer name of the article that contains all its words; when two people
//! could be meant, the short mention is dropped rather than guessed.

pub mod people;

use crate::lexicon::{EntityKind, Lexicon, Title};
use crate::recognise::{MentionKind, Recognised};
use crate::text::fold;
// Keyed by one article's offices, words and entities, only looked up (never iterated): a
// fast hash beats SipHash.
use rustc_hash::FxHashMap;

/// Identity of a resolved entity, stable across articles (it becomes the IRI).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKey {
    /// A lexicon entity: its kind and id.
    Lexicon(EntityKind, String),
    /// A person: the slug of the canonical (longest) name.
    Person(String),
    /// An organisation or place outside the lexicon: its kind and the slug of its name.
    Named(EntityKind, String),
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

/// Groups mentions into entities: names first, then role phrases and references back.
pub fn resolve(rec: &Recognised, lex: &Lexicon, titles: &[Title]) -> Resolved {
    let mut out = resolve_names(rec, lex);
    resolve_references(rec, titles, &mut out);
    out
}

/// Role phrases (`mkuu wa NATO`, `rais huyo`) and references back (`muungano huo`) take the
/// entity the article gives that office or last named — only when that is unambiguous.
fn resolve_references(rec: &Recognised, titles: &[Title], out: &mut Resolved) {
    let entity_of = |out: &Resolved, m: usize| out.mention_entity[m];
    let mention_at = |r: &std::ops::Range<usize>| entity_mention_at(rec, r);
    // The English name of each title, folded once: offices are compared by it for every
    // pair of positions, which folded it anew each time (most of the time of long articles).
    let title_en: Vec<String> = titles.iter().map(|t| fold(&t.en)).collect();
    let en_of = |t: usize| title_en.get(t);
    // For each (person, office), the organisations the article gives that person in that
    // office. Positions name people and organisations, which are resolved by now and do not
    // change below (only role phrases and references back are).
    let mut offices: FxHashMap<(usize, Option<&String>), Vec<usize>> = FxHashMap::default();
    for q in &rec.positions {
        let (Some(person), Some(org)) = (
            entity_of(out, q.person),
            q.org.and_then(|x| entity_of(out, x)),
        ) else {
            continue;
        };
        offices
            .entry((person, en_of(q.title)))
            .or_default()
            .push(org);
    }
    // Positions (indices, in order) by office and by organisation: a role phrase only looks at
    // those that can match it, not at every position of the article.
    let mut positions_with_title: FxHashMap<Option<&String>, Vec<usize>> = FxHashMap::default();
    let mut positions_in_org: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for (pi, p) in rec.positions.iter().enumerate() {
        positions_with_title
            .entry(en_of(p.title))
            .or_default()
            .push(pi);
        if let Some(o) = p.org.and_then(|o| entity_of(out, o)) {
            positions_in_org.entry(o).or_default().push(pi);
        }
    }
    let all_positions: Vec<usize> = (0..rec.positions.len()).collect();
    for (ri, r) in rec.mentions.iter().enumerate() {
        match &r.kind {
            MentionKind::Role {
                title,
                org,
                anaphoric,
            } => {
                let generic = titles.get(*title).is_some_and(|t| t.generic);
                let role_org = org
                    .as_ref()
                    .and_then(mention_at)
                    .and_then(|m| entity_of(out, m));
                if org.is_some() && role_org.is_none() {
                    continue;
                }
                // (person entity, position of its mention) of every compatible office.
                let mut candidates: Vec<(usize, usize)> = Vec::new();
                let mut explicit: Vec<usize> = Vec::new();
                // Only these positions can pass `org_ok` below: the same organisation for a
                // generic office with one, else the same office (same English name), except
                // for a generic office referred back to, which any position may hold.
                let maybe: &[usize] = match role_org {
                    Some(o) if generic => positions_in_org.get(&o),
                    None if generic && *anaphoric => Some(&all_positions),
                    _ => positions_with_title.get(&en_of(*title)),
                }
                .map_or(&[], Vec::as_slice);
                for p in maybe.iter().map(|&pi| &rec.positions[pi]) {
                    let Some(person) = entity_of(out, p.person) else {
                        continue;
                    };
                    let p_org = p.org.and_then(|o| entity_of(out, o));
                    let same_title = p.title == *title || en_of(p.title) == en_of(*title);
                    // A person the article gives this office in another state is not the
                    // holder of "Rais wa Namibia" just because one mention lacks the state.
                    let elsewhere = |o: usize| {
                        offices
                            .get(&(person, en_of(*title)))
                            .is_some_and(|orgs| orgs.iter().any(|&x| x != o))
                    };
                    let org_ok = match role_org {
                        Some(o) if generic => p_org == Some(o),
                        Some(o) => {
                            same_title && (p_org == Some(o) || (p_org.is_none() && !elsewhere(o)))
                        }
                        None => same_title || (generic && *anaphoric),
                    };
                    if org_ok {
                        candidates.push((person, rec.mentions[p.person].tokens.start));
                        if role_org.is_some() && p_org == role_org {
                            explicit.push(person);
                        }
                    }
                }
                // Someone the article gives exactly this office wins over people whose
                // office is written without its state.
                if !explicit.is_empty() && !*anaphoric {
                    candidates.retain(|(e, _)| explicit.contains(e));
                }
                if *anaphoric && role_org.is_none() {
                    if generic {
                        // "afisa huyo": the latest person named before.
                        candidates = rec
                            .mentions
                            .iter()
                            .enumerate()
                            .filter(|(i, m)| {
                                matches!(m.kind, MentionKind::Person(_))
                                    && m.tokens.start < r.tokens.start
                                    && out.mention_entity[*i].is_some()
                            })
                            .filter_map(|(i, m)| Some((out.mention_entity[i]?, m.tokens.start)))
                            .collect();
                    }
                    candidates.retain(|&(_, at)| at < r.tokens.start);
                    let latest = candidates
                        .iter()
                        .max_by_key(|&&(_, at)| at)
                        .map(|&(e, _)| e);
                    out.mention_entity[ri] = latest;
                } else {
                    let mut people: Vec<usize> = candidates.iter().map(|&(e, _)| e).collect();
                    people.sort_unstable();
                    people.dedup();
                    // Only an office written without its state links this role phrase to
                    // that person: if the person is not named before it, they must be
                    // introduced soon after it ("kumwondoa rais wa Ukraine" is not the
                    // "[Rais Vladimir] Putin" of fifteen sentences later).
                    let implicit = explicit.is_empty() && role_org.is_some();
                    if let [one] = people.as_slice() {
                        let named_before = rec
                            .mentions
                            .iter()
                            .enumerate()
                            .take_while(|(_, m)| m.tokens.start < r.tokens.start)
                            .any(|(i, _)| out.mention_entity[i] == Some(*one));
                        out.mention_entity[ri] = if implicit && !named_before {
                            introduced_after(rec, out, ri, *title, &candidates, &title_en)
                        } else {
                            Some(*one)
                        };
                    } else if implicit {
                        // "Rais wa Namibia alisema … . … Rais Hage Geingob aliandika": an office
                        // named before its holder, who is introduced soon after it.
                        out.mention_entity[ri] =
                            introduced_after(rec, out, ri, *title, &candidates, &title_en);
                    }
                }
            }
            MentionKind::Anaphor(kind) => {
                // Mentions are in text order, so those of the three sentences before are
                // one run of them.
                let from = rec
                    .mentions
                    .partition_point(|m| r.sentence.saturating_sub(m.sentence) > 3);
                let latest = rec
                    .mentions
                    .iter()
                    .enumerate()
                    .skip(from)
                    .filter(|(_, m)| {
                        m.tokens.start < r.tokens.start
                            && r.sentence.saturating_sub(m.sentence) <= 3
                            && matches!(m.kind, MentionKind::Entity(_))
                            && m.via != crate::recognise::Via::Demonym
                    })
                    .filter_map(|(i, _)| out.mention_entity[i])
                    .rfind(
                        |&e| matches!(&out.entities[e].key, EntityKey::Lexicon(k, _) if k == kind),
                    );
                out.mention_entity[ri] = latest;
            }
            _ => {}
        }
    }
}

/// The holder of an office named before them (`Rais wa Zimbabwe, …, hakuchelea … . … Rais
/// Emmerson Mnangagwa aliandika`): among the people given that office with no state
/// (`candidates`: entity, token of the name), the first one named after the role phrase, within
/// its next three sentences, whom the article did not name before it, and with no other role
/// phrase of that office in between (which would claim them instead).
fn introduced_after(
    rec: &Recognised,
    out: &Resolved,
    ri: usize,
    title: usize,
    candidates: &[(usize, usize)],
    title_en: &[String],
) -> Option<usize> {
    let r = &rec.mentions[ri];
    let en = title_en.get(title);
    let (person, at) = candidates
        .iter()
        .copied()
        .filter(|&(_, at)| at > r.tokens.start)
        .min_by_key(|&(_, at)| at)?;
    let sentence = rec.mentions[rec.mentions.partition_point(|m| m.tokens.start < at)..]
        .first()
        .map(|m| m.sentence)?;
    if sentence > r.sentence + 3 {
        return None;
    }
    let named_before = rec
        .mentions
        .iter()
        .enumerate()
        .take_while(|(_, m)| m.tokens.start < r.tokens.start)
        .any(|(i, _)| out.mention_entity[i] == Some(person));
    let other_role = rec
        .mentions
        .iter()
        .skip(ri + 1)
        .take_while(|m| m.tokens.start < at)
        .any(|m| matches!(&m.kind, MentionKind::Role { title: t, .. } if title_en.get(*t) == en));
    (!named_before && !other_role).then_some(person)
}

fn resolve_names(rec: &Recognised, lex: &Lexicon) -> Resolved {
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
    let mut people: Vec<(&[String], usize)> = Vec::new(); // (folded words, entity index)
                                                          // Word → the people (indices into `people`, ascending) whose name has it: a name's
                                                          // candidates all have its first word, so only those are compared.
    let mut with_word: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (mi, words) in &names {
        let surface = match &rec.mentions[*mi].kind {
            MentionKind::Person(n) => n.clone(),
            _ => continue,
        };
        let candidates: Vec<usize> = match words.first() {
            Some(w) => with_word
                .get(w.as_str())
                .map(|list| {
                    list.iter()
                        .map(|&p| people[p])
                        .filter(|(pw, _)| contains_in_order(pw, words))
                        .map(|(_, e)| e)
                        .collect()
                })
                .unwrap_or_default(),
            None => people.iter().map(|(_, e)| *e).collect(),
        };
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
                for w in words {
                    let list = with_word.entry(w.as_str()).or_default();
                    // A word twice in one name lists the person once.
                    if list.last() != Some(&people.len()) {
                        list.push(people.len());
                    }
                }
                people.push((words, e));
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
    // Entities by key, so that finding a mention's entity does not scan them all.
    let mut by_key: FxHashMap<EntityKey, usize> = out
        .entities
        .iter()
        .enumerate()
        .map(|(e, x)| (x.key.clone(), e))
        .rev()
        .collect();
    for (mi, m) in rec.mentions.iter().enumerate() {
        if let MentionKind::Named(kind, name) = &m.kind {
            let key = EntityKey::Named(*kind, slug(name));
            let e = match by_key.get(&key) {
                Some(&e) => e,
                None => {
                    by_key.insert(key.clone(), out.entities.len());
                    out.entities.push(ResolvedEntity {
                        key,
                        entry: None,
                        label: name.clone(),
                        surface: Vec::new(),
                    });
                    out.entities.len() - 1
                }
            };
            out.mention_entity[mi] = Some(e);
            continue;
        }
        let MentionKind::Entity(idx) = m.kind else {
            continue;
        };
        let entry = &lex.entities[idx];
        let key = EntityKey::Lexicon(entry.kind, entry.id.clone());
        let e = match by_key.get(&key) {
            Some(&e) => e,
            None => {
                by_key.insert(key.clone(), out.entities.len());
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

/// The first lexicon-entity mention with exactly these tokens. Mentions are sorted by their
/// tokens, so it is found by binary search instead of a scan of every mention.
pub(crate) fn entity_mention_at(rec: &Recognised, r: &std::ops::Range<usize>) -> Option<usize> {
    let from = rec.mentions.partition_point(|m| m.tokens.start < r.start);
    rec.mentions[from..]
        .iter()
        .take_while(|m| m.tokens.start == r.start)
        .position(|m| m.tokens == *r && matches!(m.kind, MentionKind::Entity(_)))
        .map(|i| from + i)
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
