//! The entities index held in memory while a store is open for writing.
//!
//! The store keeps, in the graph `https://w3id.org/newsgraph/entities`, each merged person's
//! counted name records (`ng:nameRecord`) and name words (`ng:nameToken`). Merging a new
//! article needs the records of every person its names could touch; reading them from RocksDB
//! on every article costs a point lookup per record, so the writer keeps the people it has
//! read in memory and keeps this copy in step with each committed transaction. Only one
//! process can write a store, so the copy cannot go stale.
//!
//! People are read by name word, as names come: once a word is *loaded*, every stored person
//! with that name word is in memory, and later writes keep it so. Reading the whole index when
//! a store is opened cost a process that ingests one article into a large store more than the
//! article itself (a third of its CPU on a 3,000-article store, growing with the people).
//! Every use first loads the words it depends on ([`PeopleIndex::unloaded`]): a record's
//! person by the words of its names, namesakes by the words of the fullest name, and a
//! component ([`PeopleIndex::component`]) by the words of every name it reaches, until it
//! reaches no unloaded word.
//!
//! Which people an article can touch ([`PeopleIndex::component`]): merging decides a name by
//! the people whose fuller names contain it, so a person's records depend only on records
//! whose fullest names contain theirs or are contained in them. The people reachable through
//! that relation from the article's names are a closed part of the clustering — clustering
//! them alone gives the same result as clustering every record — and nobody else can change.

use crate::resolve::people::{FullName, NameRecord};
use oxigraph::model::{NamedNode, Quad, Term};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// A person's entry as a write leaves it: the person, their counted records and the index
/// quads stating them.
pub(crate) type NewEntry = (NamedNode, Vec<(NameRecord, usize)>, Vec<Quad>);

/// One person of the index: their counted records and the index quads stating them.
#[derive(Debug, Default, Clone)]
struct Entry {
    records: Vec<(NameRecord, usize)>,
    /// The fullest name of each record, worked out once.
    full: Vec<FullName>,
    quads: Vec<Quad>,
}

/// The in-memory copy of the entities index (see the module documentation).
#[derive(Debug, Default)]
pub(crate) struct PeopleIndex {
    people: HashMap<NamedNode, Entry>,
    /// Fullest name → persons with a record of that fullest name, with how many records.
    by_full: HashMap<Vec<String>, HashMap<NamedNode, usize>>,
    /// Word → fullest names containing it.
    postings: HashMap<String, HashSet<Vec<String>>>,
    /// Each distinct record (names sorted, states) → its person.
    by_record: HashMap<(Vec<String>, Vec<String>), NamedNode>,
    /// Name words whose stored people are all in memory (see the module documentation).
    loaded: HashSet<String>,
}

impl PeopleIndex {
    /// Whether a stored person is in memory.
    pub(crate) fn has(&self, person: &NamedNode) -> bool {
        self.people.contains_key(person)
    }

    /// Adds a stored person read from the store: their index quads (`ng:nameRecord` and
    /// `ng:nameToken` of the entities graph; other quads are ignored). A person already in
    /// memory is left as it is (the copy in memory is the newer).
    pub(crate) fn add_stored(&mut self, person: NamedNode, quads: Vec<Quad>) {
        if self.has(&person) {
            return;
        }
        let record = super::merge::name_record();
        let records = quads
            .iter()
            .filter(|q| q.predicate == record)
            .filter_map(|q| match &q.object {
                Term::Literal(l) => super::merge::decode_record(l.value()),
                _ => None,
            })
            .collect();
        self.insert(person, records, quads);
    }

    /// Records that every stored person with this name word is in memory.
    pub(crate) fn mark_loaded(&mut self, word: String) {
        self.loaded.insert(word);
    }

    /// Which of these name words are not loaded yet, each once.
    pub(crate) fn unloaded<'a>(&self, words: impl IntoIterator<Item = &'a String>) -> Vec<String> {
        let mut out: Vec<String> = words
            .into_iter()
            .filter(|w| !self.loaded.contains(*w))
            .cloned()
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The name words a [`PeopleIndex::component`] from these seeds looked at: the seeds'
    /// and those of every fullest name of the persons it reached. When all are loaded, the
    /// component is complete.
    pub(crate) fn component_words(
        &self,
        seeds: &[Vec<String>],
        persons: &[NamedNode],
    ) -> Vec<String> {
        let reached = persons
            .iter()
            .flat_map(|p| self.full_names(p))
            .flat_map(|f| &f.words);
        self.unloaded(seeds.iter().flatten().chain(reached))
    }

    /// The words of the fullest name of a person in memory (what finding their namesakes
    /// depends on).
    pub(crate) fn fullest_words(&self, person: &NamedNode) -> &[String] {
        self.fullest(person).map(Vec::as_slice).unwrap_or_default()
    }

    fn insert(&mut self, person: NamedNode, records: Vec<(NameRecord, usize)>, quads: Vec<Quad>) {
        let full: Vec<FullName> = records.iter().map(|(r, _)| FullName::of(r)).collect();
        for (r, _) in &records {
            self.by_record.insert(record_key(r), person.clone());
        }
        for key in full.iter().map(|f| &f.words) {
            for w in key {
                self.postings
                    .entry(w.clone())
                    .or_default()
                    .insert(key.clone());
            }
            *self
                .by_full
                .entry(key.clone())
                .or_default()
                .entry(person.clone())
                .or_default() += 1;
        }
        self.people.insert(
            person,
            Entry {
                records,
                full,
                quads,
            },
        );
    }

    fn take(&mut self, person: &NamedNode) -> Option<Entry> {
        let entry = self.people.remove(person)?;
        for (r, _) in &entry.records {
            self.by_record.remove(&record_key(r));
        }
        for key in entry.full.iter().map(|f| &f.words) {
            let Some(persons) = self.by_full.get_mut(key) else {
                continue;
            };
            if let Some(n) = persons.get_mut(person) {
                *n -= 1;
                if *n == 0 {
                    persons.remove(person);
                }
            }
            if persons.is_empty() {
                self.by_full.remove(key);
                for w in key {
                    if let Some(p) = self.postings.get_mut(w) {
                        p.remove(key);
                        if p.is_empty() {
                            self.postings.remove(w);
                        }
                    }
                }
            }
        }
        Some(entry)
    }

    /// The persons whose records merging must look at for names with these fullest names:
    /// everyone reachable from them through "one fullest name's words are all among the
    /// other's" (in either direction), whole persons at a time.
    pub(crate) fn component(&self, seeds: impl IntoIterator<Item = Vec<String>>) -> Vec<NamedNode> {
        let mut todo: Vec<Vec<String>> = Vec::new();
        let mut seen: HashSet<Vec<String>> = HashSet::new();
        for s in seeds {
            if !s.is_empty() && seen.insert(s.clone()) {
                todo.push(s);
            }
        }
        let mut persons: BTreeSet<NamedNode> = BTreeSet::new();
        while let Some(key) = todo.pop() {
            let words: HashSet<&String> = key.iter().collect();
            let mut related: Vec<&Vec<String>> = Vec::new();
            // Contained in it: fullest names made only of its words (they all share a word).
            // Containing it: fullest names with all its words.
            for w in &words {
                for other in self.postings.get(*w).into_iter().flatten() {
                    let sub = other.iter().all(|x| words.contains(x));
                    let sup = words.iter().all(|x| other.contains(x));
                    if sub || sup {
                        related.push(other);
                    }
                }
            }
            related.push(&key);
            let mut next: Vec<Vec<String>> = Vec::new();
            for other in related {
                for person in self.by_full.get(other).into_iter().flat_map(|m| m.keys()) {
                    if persons.insert(person.clone()) {
                        // The whole person: its other records bring their own relations.
                        if let Some(e) = self.people.get(person) {
                            next.extend(e.full.iter().map(|f| f.words.clone()));
                        }
                    }
                }
                next.push(other.clone());
            }
            for k in next {
                if seen.insert(k.clone()) {
                    todo.push(k);
                }
            }
        }
        persons.into_iter().collect()
    }

    /// A person's counted records.
    pub(crate) fn records(&self, person: &NamedNode) -> &[(NameRecord, usize)] {
        self.people
            .get(person)
            .map(|e| e.records.as_slice())
            .unwrap_or_default()
    }

    /// The fullest names of a person's records, in the order of [`PeopleIndex::records`].
    pub(crate) fn full_names(&self, person: &NamedNode) -> &[FullName] {
        self.people
            .get(person)
            .map(|e| e.full.as_slice())
            .unwrap_or_default()
    }

    /// The person a record (the same names and office states) belongs to, and its position
    /// among their [`PeopleIndex::records`].
    pub(crate) fn person_of(&self, r: &NameRecord) -> Option<(&NamedNode, usize)> {
        let key = record_key(r);
        let person = self.by_record.get(&key)?;
        let i = self
            .records(person)
            .iter()
            .position(|(x, _)| record_key(x) == key)?;
        Some((person, i))
    }

    /// A person's label as merging makes it from their records, with `extra` more of the
    /// records at these positions.
    pub(crate) fn label(&self, person: &NamedNode, extra: &[usize]) -> String {
        let full = self.full_names(person);
        let records = self.records(person);
        let words = self.fullest(person).cloned().unwrap_or_default();
        crate::resolve::people::label_among(
            &words,
            full.iter()
                .zip(records)
                .enumerate()
                .map(|(i, (f, (_, n)))| (f, n + extra.iter().filter(|&&k| k == i).count())),
        )
    }

    /// Whether another person has the same fullest name (a namesake). Which of them keeps the
    /// bare IRI depends on how many articles name each, so one more mention can move it.
    pub(crate) fn has_namesake(&self, person: &NamedNode) -> bool {
        self.namesakes(person).iter().any(|other| *other != person)
    }

    /// The people whose fullest name is `person`'s, `person` included.
    fn namesakes(&self, person: &NamedNode) -> Vec<&NamedNode> {
        let Some(words) = self.fullest(person) else {
            return Vec::new();
        };
        self.by_full
            .get(words)
            .into_iter()
            .flat_map(|persons| persons.keys())
            .filter(|p| self.fullest(p) == Some(words))
            .collect()
    }

    /// Whether the bare IRI of `person`'s fullest name stays with the namesake who holds it
    /// when the people in `bumps` gain one article for each listed record position. Merging
    /// gives the bare IRI to the namesake with the most weight (the articles naming them),
    /// ties broken by state code and order; one more article can only move it when a namesake
    /// other than the holder comes to weigh as much. Checked strictly (every other namesake
    /// ends lighter than the holder), so that a tie is left to the general path.
    pub(crate) fn holder_stays(
        &self,
        person: &NamedNode,
        bumps: &BTreeMap<&NamedNode, Vec<usize>>,
    ) -> bool {
        let Some(words) = self.fullest(person) else {
            return false;
        };
        let namesakes = self.namesakes(person);
        let bare = crate::rdf::iri::entity(&crate::resolve::EntityKey::Person(
            crate::resolve::people::bare_slug(words),
        ));
        let Some(holder) = namesakes.iter().find(|p| p.as_str() == bare) else {
            return false;
        };
        let weight = |p: &NamedNode| -> usize {
            self.records(p).iter().map(|(_, n)| n).sum::<usize>() + bumps.get(p).map_or(0, Vec::len)
        };
        let held = weight(holder);
        namesakes.iter().all(|p| p == holder || weight(p) < held)
    }

    /// A person's fullest name (the longest of their records' fullest names).
    fn fullest(&self, person: &NamedNode) -> Option<&Vec<String>> {
        self.people
            .get(person)?
            .full
            .iter()
            .map(|f| &f.words)
            .max_by_key(|w| w.len())
    }

    /// The index quads stating a person's records and words, as stored.
    pub(crate) fn quads(&self, person: &NamedNode) -> &[Quad] {
        self.people
            .get(person)
            .map(|e| e.quads.as_slice())
            .unwrap_or_default()
    }

    /// After a commit: `old` persons' entries are replaced by `new` ones (person → counted
    /// records and their index quads).
    pub(crate) fn replace(&mut self, old: &[NamedNode], new: Vec<NewEntry>) {
        for p in old {
            self.take(p);
        }
        for (person, records, quads) in new {
            self.take(&person);
            self.insert(person, records, quads);
        }
    }
}

/// A record as the index keys it: names sorted, states in order.
fn record_key(r: &NameRecord) -> (Vec<String>, Vec<String>) {
    let mut names = r.names.clone();
    names.sort();
    (names, r.states.iter().cloned().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(names: &[&str]) -> NameRecord {
        NameRecord {
            names: names.iter().map(|s| s.to_string()).collect(),
            states: BTreeSet::new(),
        }
    }

    fn index(people: &[(&str, &[&[&str]])]) -> PeopleIndex {
        let mut ix = PeopleIndex::default();
        for (p, recs) in people {
            let person = NamedNode::new_unchecked(format!("http://p/{p}"));
            ix.insert(
                person,
                recs.iter().map(|r| (rec(r), 1)).collect(),
                Vec::new(),
            );
        }
        ix
    }

    fn names(v: Vec<NamedNode>) -> Vec<String> {
        v.iter()
            .map(|n| n.as_str().trim_start_matches("http://p/").to_string())
            .collect()
    }

    #[test]
    fn component_follows_containment_not_shared_words() {
        let ix = index(&[
            ("amina-otieno", &[&["Amina Otieno"], &["Otieno"]]),
            ("baraka-otieno", &[&["Baraka Otieno"]]),
            ("otieno", &[&["Otieno"]]),
            ("amina-kazembe", &[&["Amina Kazembe"]]),
            ("juma-kazembe", &[&["Juma Kazembe"]]),
        ]);
        // A new "Amina Otieno" reaches the bare "Otieno" and through it every Otieno; the
        // Kazembes share a word with it but no name contains another's.
        assert_eq!(
            names(ix.component([vec!["amina".into(), "otieno".into()]])),
            ["amina-otieno", "baraka-otieno", "otieno"]
        );
        // A bare "Amina" could be Amina Otieno or Amina Kazembe, and whatever else they touch.
        assert_eq!(
            names(ix.component([vec!["amina".into()]])),
            ["amina-kazembe", "amina-otieno", "baraka-otieno", "otieno"]
        );
        assert!(ix.component([vec!["pendo".into()]]).is_empty());
    }

    #[test]
    fn holder_stays_only_while_the_holder_weighs_most() {
        let in_state = |code: &str| NameRecord {
            names: vec!["Amina Otieno".into()],
            states: [code.to_string()].into_iter().collect(),
        };
        let person = |slug: &str| {
            NamedNode::new_unchecked(crate::rdf::iri::entity(&crate::resolve::EntityKey::Person(
                slug.into(),
            )))
        };
        let (holder, other) = (person("amina-otieno"), person("amina-otieno-tz"));
        let mut ix = PeopleIndex::default();
        ix.insert(holder.clone(), vec![(in_state("KE"), 3)], Vec::new());
        ix.insert(other.clone(), vec![(in_state("TZ"), 1)], Vec::new());
        assert!(ix.has_namesake(&other));
        fn bumps<'a>(b: &[(&'a NamedNode, usize)]) -> BTreeMap<&'a NamedNode, Vec<usize>> {
            b.iter().map(|(p, n)| (*p, vec![0; *n])).collect()
        }
        // The namesake gains an article and still weighs less: nothing moves.
        assert!(ix.holder_stays(&other, &bumps(&[(&other, 1)])));
        // A tie could move the bare IRI (ties go by state code): the general path decides.
        assert!(!ix.holder_stays(&other, &bumps(&[(&other, 2)])));
        assert!(ix.holder_stays(&other, &bumps(&[(&other, 2), (&holder, 1)])));
        assert!(ix.holder_stays(&holder, &bumps(&[(&holder, 5)])));
        // Nobody holds the bare IRI (not as merging leaves a store): never assumed.
        let mut odd = PeopleIndex::default();
        odd.insert(other.clone(), vec![(in_state("TZ"), 1)], Vec::new());
        odd.insert(
            person("amina-otieno-ke"),
            vec![(in_state("KE"), 3)],
            Vec::new(),
        );
        assert!(!odd.holder_stays(&other, &bumps(&[])));
    }

    #[test]
    fn a_component_names_the_words_it_still_needs() {
        let mut ix = index(&[
            ("amina-otieno", &[&["Amina Otieno"], &["Otieno"]]),
            ("baraka-otieno", &[&["Baraka Otieno"]]),
        ]);
        let seeds = [vec!["otieno".to_string()]];
        let persons = ix.component(seeds.iter().cloned());
        // Both Otienos are reached; their given names could reach further people.
        assert_eq!(
            ix.component_words(&seeds, &persons),
            ["amina", "baraka", "otieno"]
        );
        for w in ["amina", "baraka", "otieno"] {
            ix.mark_loaded(w.to_string());
        }
        assert!(ix.component_words(&seeds, &persons).is_empty());
        // A stored person read later does not replace the one in memory.
        let amina = NamedNode::new_unchecked("http://p/amina-otieno");
        ix.add_stored(amina.clone(), Vec::new());
        assert_eq!(ix.records(&amina).len(), 2);
    }

    #[test]
    fn replace_keeps_lookups_in_step() {
        let mut ix = index(&[("ruto", &[&["Ruto"]])]);
        let ruto = NamedNode::new_unchecked("http://p/ruto");
        let william = NamedNode::new_unchecked("http://p/william-ruto");
        ix.replace(
            std::slice::from_ref(&ruto),
            vec![(
                william.clone(),
                vec![(rec(&["William Ruto"]), 1), (rec(&["Ruto"]), 2)],
                Vec::new(),
            )],
        );
        assert_eq!(names(ix.component([vec!["ruto".into()]])), ["william-ruto"]);
        assert_eq!(ix.records(&william).len(), 2);
        assert_eq!(ix.person_of(&rec(&["Ruto"])), Some((&william, 1)));
        assert_eq!(ix.label(&william, &[]), "William Ruto");
        assert!(ix.records(&ruto).is_empty());
        ix.replace(std::slice::from_ref(&william), Vec::new());
        assert!(ix.component([vec!["ruto".into()]]).is_empty());
        assert!(ix.postings.is_empty() && ix.by_full.is_empty() && ix.by_record.is_empty());
    }
}
