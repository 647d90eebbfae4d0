//! People across articles: which person nodes of different articles are one real person.
//!
//! Each article names a person its own way (`William Ruto`, `Ruto`, `William Samoei Ruto`).
//! A [`NameRecord`] is one person of one article: every name the article used and the states in
//! which the article gives them an office. [`cluster`] groups records conservatively and
//! deterministically — the same set of records always gives the same people, whatever order
//! they came in — by these rules, applied to names after folding (case, accents, hyphens:
//! `Félix` = `Felix`, `Seol-hwa` = `Seol hwa`):
//!
//! 1. **Same full name.** Records whose fullest names are equal are one person, unless their
//!    offices are in different states (two `Johnson`s, one British and one American, stay two).
//! 2. **Contained name.** A shorter name whose words all appear, in order, in the fuller names
//!    of exactly one person (`Ruto` in `William Ruto` and `William Samoei Ruto`; `Felix
//!    Tshisekedi` in `Felix Tshisekedi Tshilombo`) joins that person.
//! 3. **Offices decide.** When a shorter name fits several people, it joins the one whose
//!    offices are in the same state as its own — if exactly one does.
//! 4. **Otherwise apart.** A name that fits several people (or none) stays a person of its own:
//!    a wrong merge is worse than a duplicate. People whose offices are in different states are
//!    never merged.
//!
//! A person's IRI comes from their fullest name; when different people share it, the one most
//! articles name keeps it and the others get their first state code appended (`-ambiguous` for
//! mentions that fit several of them). Their label is the fullest-name spelling the records use
//! most.

use crate::text::fold;
use std::collections::{BTreeMap, BTreeSet};

/// One person as one article names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameRecord {
    /// Every name the article uses for the person (its spelling).
    pub names: Vec<String>,
    /// States (ISO codes or IRIs — any stable identifiers) where the article gives them an office.
    pub states: BTreeSet<String>,
}

/// Why a record belongs to its person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeReason {
    /// The record has the person's fullest name.
    FullName,
    /// Same full name as other records of the person.
    SameName,
    /// Its name is contained in the person's fuller names, and in no other person's.
    Contained {
        /// The fuller name (folded words, space-separated) it was found in.
        fuller: String,
    },
    /// Its name fits several people; the state of its office picked this one.
    ByOffice {
        /// The states shared with the person.
        states: Vec<String>,
    },
    /// Its name fits several people and nothing decides between them, so it stands alone.
    Ambiguous {
        /// The fuller names (folded) it could have joined.
        candidates: Vec<String>,
    },
    /// Its name fits a person whose offices are in other states, so it stands alone.
    Conflict {
        /// The fuller names (folded) it was kept apart from.
        candidates: Vec<String>,
    },
}

impl MergeReason {
    /// A one-line explanation for people reading `newsgraph explain`.
    pub fn describe(&self) -> String {
        match self {
            MergeReason::FullName => "the fullest name of this person (rule 1)".into(),
            MergeReason::SameName => "same full name (rule 1)".into(),
            MergeReason::Contained { fuller } => {
                format!("its words appear in order in “{fuller}”, and in no other person's name (rule 2)")
            }
            MergeReason::ByOffice { states } if states.is_empty() => {
                "fits several people; the others hold offices in other states (rule 3)".into()
            }
            MergeReason::ByOffice { states } => format!(
                "fits several people; the office in {} decides (rule 3)",
                states.join(", ")
            ),
            MergeReason::Ambiguous { candidates } => format!(
                "fits several people ({}); kept apart (rule 4)",
                candidates.join("; ")
            ),
            MergeReason::Conflict { candidates } => format!(
                "fits {} but the offices are in other states; kept apart (rule 4)",
                candidates.join("; ")
            ),
        }
    }
}

/// One person of the clustering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// IRI slug: the folded fullest name, words joined by `-` (plus a state code or
    /// `-ambiguous` when a namesake is named in more articles).
    pub slug: String,
    /// Display label: the spelling of the fullest names the records use most.
    pub label: String,
    /// Indexes of the records that are this person.
    pub records: Vec<usize>,
}

/// The result of [`cluster`].
#[derive(Debug, Clone, Default)]
pub struct Clustering {
    /// The people, sorted by slug.
    pub people: Vec<Person>,
    /// For each record: its person (index into `people`) and why.
    pub assignment: Vec<(usize, MergeReason)>,
}

/// The folded words of a name: lower case, no accents, split at anything not a letter or digit
/// (`Kim Seol-hwa` → `kim`, `seol`, `hwa`).
pub fn name_words(name: &str) -> Vec<String> {
    fold(name)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The slug of a person's IRI before any namesake suffix: the words of their fullest name.
/// The namesake the most articles name keeps it (see [`cluster_prepared`]).
pub fn bare_slug(words: &[String]) -> String {
    words.join("-")
}

/// Whether every word of `short` appears in `long`, in order.
fn contains_in_order(long: &[String], short: &[String]) -> bool {
    let mut it = long.iter();
    short.iter().all(|w| it.any(|l| l == w))
}

/// The fullest name of a record as folded words — what the rules decide by: most words, then
/// the smallest folded form.
pub fn full_words(r: &NameRecord) -> Vec<String> {
    FullName::of(r).words
}

fn conflicts(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    !a.is_empty() && !b.is_empty() && a.is_disjoint(b)
}

struct Cluster {
    words: Vec<String>,
    states: BTreeSet<String>,
    records: Vec<usize>,
}

/// A record's fullest name, worked out once: its folded words (what the rules decide by) and
/// the first spelling of it the record uses (what labels are made of).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FullName {
    /// Folded words of the fullest name ([`full_words`]).
    pub words: Vec<String>,
    /// The record's first name with exactly those words, as written.
    pub spelling: Option<String>,
}

impl FullName {
    /// The fullest name of a record.
    pub fn of(r: &NameRecord) -> FullName {
        // Each name is folded once, for choosing the fullest and for finding its spelling.
        let folded: Vec<Vec<String>> = r.names.iter().map(|n| name_words(n)).collect();
        let words = folded
            .iter()
            .filter(|w| !w.is_empty())
            .max_by(|a, b| a.len().cmp(&b.len()).then_with(|| b.cmp(a)))
            .cloned()
            .unwrap_or_default();
        let spelling = r
            .names
            .iter()
            .zip(&folded)
            .find(|(_, w)| **w == words)
            .map(|(n, _)| n.clone());
        FullName { words, spelling }
    }
}

/// Groups person records into people (see the module documentation for the rules).
pub fn cluster(records: &[NameRecord]) -> Clustering {
    cluster_weighted(records, &vec![1; records.len()])
}

/// As [`cluster`], where record `i` stands for `weights[i]` identical records (the store keeps
/// each person's records counted rather than one per article).
pub fn cluster_weighted(records: &[NameRecord], weights: &[usize]) -> Clustering {
    let full: Vec<FullName> = records.iter().map(FullName::of).collect();
    let records: Vec<&NameRecord> = records.iter().collect();
    let full: Vec<&FullName> = full.iter().collect();
    cluster_prepared(&records, &full, weights)
}

/// As [`cluster_weighted`], with each record's [`FullName`] worked out already (the store
/// keeps them, so that merging one more article does not fold every stored name again).
pub fn cluster_prepared(
    records: &[&NameRecord],
    full: &[&FullName],
    weights: &[usize],
) -> Clustering {
    // Group the records by full name; records with states first so that offices split a name
    // before the records without offices choose.
    let mut by_name: BTreeMap<&Vec<String>, Vec<usize>> = BTreeMap::new();
    for (i, f) in full.iter().enumerate() {
        by_name.entry(&f.words).or_default().push(i);
    }
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut reason: Vec<Option<(usize, MergeReason)>> = vec![None; records.len()];
    // Longest names first: a fuller name is a person before the shorter names choose.
    let mut names: Vec<(&Vec<String>, &Vec<usize>)> =
        by_name.iter().map(|(w, m)| (*w, m)).collect();
    names.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(b.0)));
    for (words, members) in names {
        let mut members = members.clone();
        // With offices first (and in a fixed order), then without.
        members.sort_by_key(|&i| (records[i].states.is_empty(), records[i].states.clone(), i));
        // Sub-groups of this exact name, split by conflicting offices.
        let mut subgroups: Vec<(BTreeSet<String>, Vec<usize>)> = Vec::new();
        let mut loose: Vec<usize> = Vec::new();
        for i in members {
            let st = &records[i].states;
            if st.is_empty() {
                loose.push(i);
                continue;
            }
            match subgroups.iter_mut().find(|(s, _)| !s.is_disjoint(st)) {
                Some((s, m)) => {
                    s.extend(st.iter().cloned());
                    m.push(i);
                }
                None => subgroups.push((st.clone(), vec![i])),
            }
        }
        // Records without an office come last, as one group: they join the one person of the
        // same name made from records with offices, or stand alone when there are several.
        if !loose.is_empty() {
            subgroups.push((BTreeSet::new(), loose));
        }
        let first_cluster = clusters.len();
        for (states, group) in subgroups {
            // Which existing people (fuller names) could this name be?
            let fitting: Vec<usize> = clusters
                .iter()
                .enumerate()
                .filter(|(_, c)| c.words.len() > words.len() && contains_in_order(&c.words, words))
                .map(|(ci, _)| ci)
                .collect();
            let compatible: Vec<usize> = fitting
                .iter()
                .copied()
                .filter(|&ci| !conflicts(&clusters[ci].states, &states))
                .collect();
            // The states an office shared with person `ci` decided on.
            let office_reason = |ci: usize, clusters: &[Cluster]| MergeReason::ByOffice {
                states: clusters[ci].states.intersection(&states).cloned().collect(),
            };
            let names_of = |cs: &[usize], clusters: &[Cluster]| -> Vec<String> {
                cs.iter().map(|&ci| clusters[ci].words.join(" ")).collect()
            };
            // People of exactly this name already made from records with offices.
            let namesakes: Vec<usize> = (first_cluster..clusters.len())
                .filter(|&ci| &clusters[ci].words == words)
                .collect();
            let bare = states.is_empty() && fitting.is_empty() && !namesakes.is_empty();
            let (target, why) = if bare {
                match namesakes.as_slice() {
                    [one] => (Some(*one), MergeReason::SameName),
                    // A bare name shared by people with offices in different states.
                    _ => (
                        None,
                        MergeReason::Ambiguous {
                            candidates: vec![words.join(" ")],
                        },
                    ),
                }
            } else {
                match compatible.as_slice() {
                    [] if fitting.is_empty() => (None, MergeReason::FullName),
                    [] => (
                        None,
                        MergeReason::Conflict {
                            candidates: names_of(&fitting, &clusters),
                        },
                    ),
                    [one] if fitting.len() > 1 => (Some(*one), office_reason(*one, &clusters)),
                    [one] => (
                        Some(*one),
                        MergeReason::Contained {
                            fuller: clusters[*one].words.join(" "),
                        },
                    ),
                    many => {
                        let by_office: Vec<usize> = many
                            .iter()
                            .copied()
                            .filter(|&ci| !clusters[ci].states.is_disjoint(&states))
                            .collect();
                        match by_office.as_slice() {
                            [one] if !states.is_empty() => {
                                (Some(*one), office_reason(*one, &clusters))
                            }
                            _ => (
                                None,
                                MergeReason::Ambiguous {
                                    candidates: names_of(many, &clusters),
                                },
                            ),
                        }
                    }
                }
            };
            let ci = match target {
                Some(ci) => {
                    clusters[ci].states.extend(states.iter().cloned());
                    clusters[ci].records.extend(group.iter().copied());
                    ci
                }
                None => {
                    clusters.push(Cluster {
                        words: words.clone(),
                        states: states.clone(),
                        records: group.clone(),
                    });
                    clusters.len() - 1
                }
            };
            for (k, &i) in group.iter().enumerate() {
                let r = match (&why, target) {
                    (MergeReason::FullName, None) if k > 0 => MergeReason::SameName,
                    _ => why.clone(),
                };
                reason[i] = Some((ci, r));
            }
        }
    }
    // Slugs: the fullest name. Among namesakes (different people, same fullest name) the one
    // most articles name keeps it and the others get a suffix: their first state, or
    // `-ambiguous` for the mentions that fit several of them. The best-known person's IRI so
    // does not change when a namesake turns up (often from a single article, sometimes from an
    // extraction slip): a new IRI would break users' links and queries, and rewrite every
    // article naming them. It is still a function of the set of articles (weights are article
    // counts), so `extract` + `merge` gives the same IRIs as `ingest`.
    let weight = |c: &Cluster| -> usize {
        c.records
            .iter()
            .map(|&i| weights.get(i).copied().unwrap_or(1))
            .sum()
    };
    let first_code = |c: &Cluster| -> Option<String> {
        c.states
            .iter()
            .next()
            .map(|s| s.rsplit('/').next().unwrap_or(s).to_lowercase())
    };
    // Base slug → the cluster that keeps it: most weight, then no state, then the first state.
    let mut holder: BTreeMap<String, usize> = BTreeMap::new();
    for (ci, c) in clusters.iter().enumerate() {
        let base = bare_slug(&c.words);
        let better = |other: usize| {
            let key = |x: &Cluster| (std::cmp::Reverse(weight(x)), first_code(x));
            key(c) < key(&clusters[other])
        };
        match holder.get(&base) {
            Some(&other) if !better(other) => {}
            _ => {
                holder.insert(base, ci);
            }
        }
    }
    let mut people: Vec<Person> = clusters
        .iter()
        .enumerate()
        .map(|(ci, c)| {
            let base = bare_slug(&c.words);
            let slug = if holder.get(&base) == Some(&ci) {
                base
            } else {
                // One state code (the first in order), not all of them: the IRI must not change
                // each time an article gives the person an office in one more state.
                match first_code(c) {
                    Some(code) => format!("{base}-{code}"),
                    None => format!("{base}-ambiguous"),
                }
            };
            Person {
                slug,
                label: label_of(c, full, weights),
                records: {
                    let mut r = c.records.clone();
                    r.sort_unstable();
                    r
                },
            }
        })
        .collect();
    // Index people by slug order so the output does not depend on processing order.
    let mut order: Vec<usize> = (0..people.len()).collect();
    order.sort_by(|&a, &b| people[a].slug.cmp(&people[b].slug));
    let mut new_index = vec![0; people.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut sorted: Vec<Person> = Vec::with_capacity(people.len());
    for &old in &order {
        sorted.push(std::mem::replace(
            &mut people[old],
            Person {
                slug: String::new(),
                label: String::new(),
                records: Vec::new(),
            },
        ));
    }
    let assignment = reason
        .into_iter()
        .map(|r| {
            let (ci, why) = r.unwrap_or((0, MergeReason::FullName));
            (new_index[ci], why)
        })
        .collect();
    Clustering {
        people: sorted,
        assignment,
    }
}

/// The most used spelling of the person's fullest name (ties: the smallest string).
fn label_of(c: &Cluster, full: &[&FullName], weights: &[usize]) -> String {
    label_among(
        &c.words,
        c.records
            .iter()
            .map(|&i| (full[i], weights.get(i).copied().unwrap_or(1))),
    )
}

/// The label of a person whose fullest name is `words`, made of these records (their fullest
/// names and counts): the spelling of `words` the records use most (ties: the smallest).
pub fn label_among<'a>(
    words: &[String],
    records: impl IntoIterator<Item = (&'a FullName, usize)>,
) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (f, weight) in records {
        if f.words != words {
            continue;
        }
        if let Some(n) = &f.spelling {
            *counts.entry(n.as_str()).or_default() += weight;
        }
    }
    counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(n, _)| (*n).to_string())
        .unwrap_or_else(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(names: &[&str], states: &[&str]) -> NameRecord {
        NameRecord {
            names: names.iter().map(|s| s.to_string()).collect(),
            states: states.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn person_of(c: &Clustering, i: usize) -> &str {
        &c.people[c.assignment[i].0].slug
    }

    #[test]
    fn short_names_join_the_one_fuller_name() {
        let r = vec![
            rec(&["Ruto"], &["KE"]),
            rec(&["William Ruto", "Ruto"], &["KE"]),
            rec(&["William Samoei Ruto"], &[]),
            rec(&["Rais Ruto"], &[]),
        ];
        let c = cluster(&r);
        assert_eq!(person_of(&c, 0), "william-samoei-ruto");
        assert_eq!(person_of(&c, 1), "william-samoei-ruto");
        assert_eq!(person_of(&c, 2), "william-samoei-ruto");
        // "Rais Ruto" is not in order inside any fuller name: apart.
        assert_eq!(person_of(&c, 3), "rais-ruto");
    }

    #[test]
    fn spelling_variants_fold_together() {
        let r = vec![
            rec(&["Félix Tshisekedi"], &["CD"]),
            rec(&["Felix Tshisekedi Tshilombo"], &[]),
            rec(&["Tshisekedi"], &[]),
            rec(&["Kim Seol-hwa"], &[]),
            rec(&["Kim Seol hwa"], &[]),
        ];
        let c = cluster(&r);
        assert_eq!(c.assignment[0].0, c.assignment[1].0);
        assert_eq!(c.assignment[1].0, c.assignment[2].0);
        assert_eq!(c.assignment[3].0, c.assignment[4].0);
        assert_eq!(c.people.len(), 2);
    }

    #[test]
    fn namesakes_with_offices_in_different_states_stay_apart() {
        let r = vec![
            rec(&["Johnson"], &["GB"]),
            rec(&["Johnson"], &["US"]),
            rec(&["Johnson"], &[]),
            rec(&["Kim Jong Un"], &["KP"]),
            rec(&["Kim Seol-hwa"], &["KR"]),
            rec(&["Kim"], &["KP"]),
            rec(&["Kim"], &[]),
        ];
        let c = cluster(&r);
        assert_ne!(c.assignment[0].0, c.assignment[1].0);
        assert_eq!(person_of(&c, 0), "johnson-gb");
        assert_eq!(person_of(&c, 1), "johnson-us");
        assert_eq!(person_of(&c, 2), "johnson");
        assert!(matches!(c.assignment[2].1, MergeReason::Ambiguous { .. }));
        assert_eq!(person_of(&c, 5), "kim-jong-un");
        assert!(matches!(c.assignment[5].1, MergeReason::ByOffice { .. }));
        assert_eq!(person_of(&c, 6), "kim");
    }

    #[test]
    fn the_most_named_namesake_keeps_the_bare_iri() {
        // Three articles name John Kamau of Kenya, one a John Kamau of Uganda, two the bare
        // name when both exist: the Kenyan keeps `john-kamau`, whatever the order.
        let mut r = vec![
            rec(&["John Kamau"], &["KE"]),
            rec(&["John Kamau"], &["KE"]),
            rec(&["John Kamau", "Kamau"], &["KE"]),
            rec(&["John Kamau"], &["UG"]),
            rec(&["John Kamau"], &[]),
            rec(&["John Kamau"], &[]),
        ];
        let c = cluster(&r);
        assert_eq!(person_of(&c, 0), "john-kamau");
        assert_eq!(person_of(&c, 3), "john-kamau-ug");
        assert_eq!(person_of(&c, 4), "john-kamau-ambiguous");
        // Once the Ugandan is named more often, the bare IRI is theirs.
        r.extend((0..3).map(|_| rec(&["John Kamau"], &["UG"])));
        let c = cluster(&r);
        assert_eq!(person_of(&c, 0), "john-kamau-ke");
        assert_eq!(person_of(&c, 3), "john-kamau");
        r.reverse();
        let c = cluster(&r);
        assert_eq!(person_of(&c, r.len() - 1), "john-kamau-ke");
    }

    #[test]
    fn a_conflicting_office_keeps_a_short_name_apart() {
        let r = vec![rec(&["William Ruto"], &["KE"]), rec(&["Ruto"], &["UG"])];
        let c = cluster(&r);
        assert_ne!(c.assignment[0].0, c.assignment[1].0);
        assert!(matches!(c.assignment[1].1, MergeReason::Conflict { .. }));
    }

    #[test]
    fn order_of_records_does_not_matter() {
        let r = vec![
            rec(&["Ruto"], &[]),
            rec(&["William Ruto"], &["KE"]),
            rec(&["Samia Suluhu Hassan"], &["TZ"]),
            rec(&["Samia"], &[]),
            rec(&["Suluhu"], &["TZ"]),
        ];
        let a = cluster(&r);
        let mut rev = r.clone();
        rev.reverse();
        let b = cluster(&rev);
        let n = r.len();
        for i in 0..n {
            assert_eq!(
                a.people[a.assignment[i].0].slug,
                b.people[b.assignment[n - 1 - i].0].slug
            );
        }
    }

    #[test]
    fn the_label_is_the_most_used_spelling() {
        let r = vec![
            rec(&["Félix Tshisekedi"], &[]),
            rec(&["Felix Tshisekedi"], &[]),
            rec(&["Félix Tshisekedi"], &[]),
        ];
        let c = cluster(&r);
        assert_eq!(c.people.len(), 1);
        assert_eq!(c.people[0].label, "Félix Tshisekedi");
        assert_eq!(c.people[0].slug, "felix-tshisekedi");
    }
}
