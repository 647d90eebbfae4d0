//! Lexicon stage data: the states, alliances and places the tool knows, the offices and titles,
//! grammar words and relation triggers of each language. All of it is read from the TOML files
//! in `data/lexicon/` (embedded in the binary, so the tool needs no data directory at run time).

mod matcher;
mod model;

pub use matcher::{LexMatch, MatchTarget, Matcher};
pub use model::{
    word_bit, EnTrigger, EntityEntry, EntityKind, Grammar, LabelTrigger, Morphology, NounTrigger,
    Phrases, RelativeDate, SwTrigger, Title, TriggerSet,
};

use crate::error::{Error, Result};
use crate::text::{fold, Lang};
use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

/// The embedded lexicon files: (name shown in errors, contents).
const STATES: (&str, &str) = (
    "data/lexicon/entities/states.toml",
    include_str!("../../data/lexicon/entities/states.toml"),
);
const ALLIANCES: (&str, &str) = (
    "data/lexicon/entities/alliances.toml",
    include_str!("../../data/lexicon/entities/alliances.toml"),
);
const PLACES: (&str, &str) = (
    "data/lexicon/entities/places.toml",
    include_str!("../../data/lexicon/entities/places.toml"),
);
const SW_GRAMMAR: (&str, &str) = (
    "data/lexicon/sw/grammar.toml",
    include_str!("../../data/lexicon/sw/grammar.toml"),
);
const EN_GRAMMAR: (&str, &str) = (
    "data/lexicon/en/grammar.toml",
    include_str!("../../data/lexicon/en/grammar.toml"),
);
const SW_TITLES: (&str, &str) = (
    "data/lexicon/sw/titles.toml",
    include_str!("../../data/lexicon/sw/titles.toml"),
);
const EN_TITLES: (&str, &str) = (
    "data/lexicon/en/titles.toml",
    include_str!("../../data/lexicon/en/titles.toml"),
);
const SW_TRIGGERS: (&str, &str) = (
    "data/lexicon/sw/triggers.toml",
    include_str!("../../data/lexicon/sw/triggers.toml"),
);
const EN_TRIGGERS: (&str, &str) = (
    "data/lexicon/en/triggers.toml",
    include_str!("../../data/lexicon/en/triggers.toml"),
);

/// Everything the extractor knows about names and words, for both languages.
#[derive(Debug)]
pub struct Lexicon {
    /// States, alliances and places, in file order (states, alliances, places).
    pub entities: Vec<EntityEntry>,
    /// Offices and titles of each language.
    pub titles: FxHashMap<Lang, Vec<Title>>,
    /// Grammar words of each language.
    pub grammar: FxHashMap<Lang, Grammar>,
    /// Relation triggers of each language.
    pub triggers: TriggerSet,
    by_id: HashMap<(EntityKind, String), usize>,
    matchers: FxHashMap<Lang, Matcher>,
}

fn parse<T: for<'de> Deserialize<'de>>(file: (&str, &str)) -> Result<T> {
    toml::from_str(file.1).map_err(|e| Error::Lexicon {
        file: file.0.to_string(),
        message: e.to_string().lines().collect::<Vec<_>>().join(" "),
    })
}

impl Lexicon {
    /// Loads the lexicon shipped with newsgraph.
    pub fn builtin() -> Result<Lexicon> {
        Lexicon::with_user_files(&[])
    }

    /// Parses and checks the text of one user lexicon file (`--lexicon`) without loading the
    /// built-in lexicon: the part of [`Lexicon::with_user_files`] that reads user input, for
    /// tests and fuzzing. Returns the number of entries.
    pub fn check_user_file(name: &str, text: &str) -> Result<usize> {
        let user: model::UserFile = parse((name, text))?;
        let mut n = 0;
        for (kind, raws) in [
            (EntityKind::State, user.state),
            (EntityKind::Alliance, user.alliance),
            (EntityKind::Place, user.place),
            (EntityKind::Organisation, user.organisation),
        ] {
            for raw in raws {
                // Converted for its checks only: the entry itself is not kept here.
                let _entry = raw.into_entry(kind);
                n += 1;
            }
        }
        for t in &user.title {
            Lang::parse(&t.lang).ok_or_else(|| Error::Lexicon {
                file: name.to_string(),
                message: format!(
                    "title {:?}: unknown lang {:?} (sw or en)",
                    t.title.text, t.lang
                ),
            })?;
            n += 1;
        }
        Ok(n)
    }

    /// Loads the shipped lexicon plus user lexicon files (same TOML formats; sections
    /// `[[state]]`, `[[alliance]]`, `[[place]]`, `[[organisation]]`, `[[title]]` with `lang`).
    /// A user entry with the kind and id of a built-in one replaces it; later files win.
    pub fn with_user_files(files: &[std::path::PathBuf]) -> Result<Lexicon> {
        let mut entities = Vec::new();
        let states: model::StatesFile = parse(STATES)?;
        let alliances: model::AlliancesFile = parse(ALLIANCES)?;
        let places: model::PlacesFile = parse(PLACES)?;
        entities.extend(
            states
                .state
                .into_iter()
                .map(|e| e.into_entry(EntityKind::State)),
        );
        entities.extend(
            alliances
                .alliance
                .into_iter()
                .map(|e| e.into_entry(EntityKind::Alliance)),
        );
        entities.extend(
            places
                .place
                .into_iter()
                .map(|e| e.into_entry(EntityKind::Place)),
        );

        let mut titles = FxHashMap::default();
        titles.insert(Lang::Sw, parse::<model::TitlesFile>(SW_TITLES)?.title);
        titles.insert(Lang::En, parse::<model::TitlesFile>(EN_TITLES)?.title);
        for path in files {
            let name = path.display().to_string();
            let text = std::fs::read_to_string(path).map_err(|e| Error::Lexicon {
                file: name.clone(),
                message: e.to_string(),
            })?;
            let user: model::UserFile = parse((&name, &text))?;
            let sections = [
                (EntityKind::State, user.state),
                (EntityKind::Alliance, user.alliance),
                (EntityKind::Place, user.place),
                (EntityKind::Organisation, user.organisation),
            ];
            for (kind, raws) in sections {
                for raw in raws {
                    let entry = raw.into_entry(kind);
                    match entities
                        .iter()
                        .position(|e: &EntityEntry| e.kind == kind && e.id == entry.id)
                    {
                        Some(i) => entities[i] = entry,
                        None => entities.push(entry),
                    }
                }
            }
            for t in user.title {
                let lang = Lang::parse(&t.lang).ok_or_else(|| Error::Lexicon {
                    file: name.clone(),
                    message: format!(
                        "title {:?}: unknown lang {:?} (sw or en)",
                        t.title.text, t.lang
                    ),
                })?;
                let list: &mut Vec<Title> = titles.entry(lang).or_default();
                match list
                    .iter()
                    .position(|x| fold(&x.text) == fold(&t.title.text))
                {
                    Some(i) => list[i] = t.title,
                    None => list.push(t.title),
                }
            }
        }
        let mut grammar = FxHashMap::default();
        grammar.insert(Lang::Sw, parse::<Grammar>(SW_GRAMMAR)?);
        grammar.insert(Lang::En, parse::<Grammar>(EN_GRAMMAR)?);
        let sw: model::SwTriggersFile = parse(SW_TRIGGERS)?;
        let en: model::EnTriggersFile = parse(EN_TRIGGERS)?;
        let triggers = TriggerSet {
            morphology: sw.morphology,
            sw: sw.trigger,
            en: en.trigger,
            nouns: sw.noun,
            labels: sw.label,
            noun_index: Default::default(),
        };
        Lexicon::assemble(entities, titles, grammar, triggers)
    }

    fn assemble(
        entities: Vec<EntityEntry>,
        titles: FxHashMap<Lang, Vec<Title>>,
        mut grammar: FxHashMap<Lang, Grammar>,
        mut triggers: TriggerSet,
    ) -> Result<Lexicon> {
        for g in grammar.values_mut() {
            g.prepare();
        }
        triggers.prepare();
        let mut by_id = HashMap::new();
        for (i, e) in entities.iter().enumerate() {
            if by_id.insert((e.kind, e.id.clone()), i).is_some() {
                return Err(Error::Lexicon {
                    file: "entities".into(),
                    message: format!("duplicate {:?} id {}", e.kind, e.id),
                });
            }
        }
        for e in &entities {
            for m in &e.members {
                if !by_id.contains_key(&(EntityKind::State, m.clone())) {
                    return Err(Error::Lexicon {
                        file: "data/lexicon/entities/alliances.toml".into(),
                        message: format!("{}: member {m} is not a state id", e.id),
                    });
                }
            }
        }
        let mut matchers = FxHashMap::default();
        for lang in Lang::ALL {
            let lang_titles = titles.get(&lang).map(Vec::as_slice).unwrap_or(&[]);
            matchers.insert(lang, Matcher::build(&entities, lang, lang_titles));
        }
        Ok(Lexicon {
            entities,
            titles,
            grammar,
            triggers,
            by_id,
            matchers,
        })
    }

    /// The entity with this kind and id.
    pub fn entity(&self, kind: EntityKind, id: &str) -> Option<&EntityEntry> {
        self.by_id
            .get(&(kind, id.to_string()))
            .map(|&i| &self.entities[i])
    }

    /// The index of the entity with this kind and id.
    pub fn entity_index(&self, kind: EntityKind, id: &str) -> Option<usize> {
        self.by_id.get(&(kind, id.to_string())).copied()
    }

    /// The matcher for texts in `lang`.
    pub fn matcher(&self, lang: Lang) -> &Matcher {
        &self.matchers[&lang]
    }

    /// The grammar words of `lang`.
    pub fn grammar(&self, lang: Lang) -> &Grammar {
        &self.grammar[&lang]
    }

    /// The titles of `lang`.
    pub fn titles(&self, lang: Lang) -> &[Title] {
        &self.titles[&lang]
    }

    /// Lowercased abbreviations of both languages (articles mix them), for the tokenizer.
    pub fn abbreviations(&self) -> HashSet<String> {
        self.grammar
            .values()
            .flat_map(|g| g.abbreviations.iter().map(|a| a.to_lowercase()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicon_loads_and_knows_japan_and_nato() {
        let lex = Lexicon::builtin().expect("builtin lexicon");
        let japan = lex.entity(EntityKind::State, "JP").expect("Japan");
        assert_eq!(japan.qid.as_deref(), Some("Q17"));
        let nato = lex.entity(EntityKind::Alliance, "NATO").expect("NATO");
        assert_eq!(nato.qid.as_deref(), Some("Q7184"));
    }
}
