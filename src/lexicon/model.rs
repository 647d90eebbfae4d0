//! The lexicon's data model, as read from the TOML files (formats documented in
//! `data/lexicon/README.md`).

use crate::text::Lang;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;

/// What kind of thing a lexicon entity is; decides its RDF class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    /// A state (`schema:Country`).
    State,
    /// An alliance or international organisation of states (`ng:Alliance`).
    Alliance,
    /// A place that is not a state (`schema:Place`).
    Place,
    /// Any other organisation: a party, a ministry, a militia (`schema:Organization`).
    Organisation,
}

/// A known state, alliance or place with all its names.
#[derive(Debug, Clone)]
pub struct EntityEntry {
    /// Stable id (ISO code for states, acronym for alliances, slug for places); part of the IRI.
    pub id: String,
    /// Its kind.
    pub kind: EntityKind,
    /// Wikidata id (`Q17`), when known.
    pub qid: Option<String>,
    /// Canonical English name (the `rdfs:label`).
    pub en: String,
    /// Canonical Swahili name.
    pub sw: String,
    /// The state's name in Unicode CLDR's Swahili locale, when it has one.
    pub cldr_sw: Option<String>,
    /// Every name and alias with its language.
    pub names: Vec<(Lang, String)>,
    /// Demonyms and adjectives (`Japanese`, `Wajapani`) with their language.
    pub demonyms: Vec<(Lang, String)>,
    /// Member state ids (alliances): background facts.
    pub members: Vec<String>,
    /// The alliance this body belongs to (`UNSC` → `UN`).
    pub part_of: Option<String>,
    /// The state a place lies in.
    pub state: Option<String>,
    /// A seat of power that stands for its government when used as an actor.
    pub metonym: bool,
    /// A state's capital (`serikali rasmi mjini Tripoli` is Libya's government).
    pub capital: bool,
}

#[derive(Debug, Deserialize)]
pub(crate) struct RawEntity {
    id: String,
    qid: Option<String>,
    en: String,
    sw: Option<String>,
    cldr_sw: Option<String>,
    #[serde(default)]
    names_en: Vec<String>,
    #[serde(default)]
    names_sw: Vec<String>,
    #[serde(default)]
    demonyms_en: Vec<String>,
    #[serde(default)]
    demonyms_sw: Vec<String>,
    #[serde(default)]
    members: Vec<String>,
    part_of: Option<String>,
    state: Option<String>,
    #[serde(default)]
    metonym: bool,
    #[serde(default)]
    capital: bool,
}

impl RawEntity {
    pub(crate) fn into_entry(self, kind: EntityKind) -> EntityEntry {
        let mut names: Vec<(Lang, String)> = Vec::new();
        let push = |lang: Lang, n: &str, names: &mut Vec<(Lang, String)>| {
            if !n.trim().is_empty() && !names.iter().any(|(l, x)| *l == lang && x == n) {
                names.push((lang, n.trim().to_string()));
            }
        };
        let sw = self.sw.clone().unwrap_or_else(|| self.en.clone());
        push(Lang::En, &self.en, &mut names);
        push(Lang::Sw, &sw, &mut names);
        for n in &self.names_en {
            push(Lang::En, n, &mut names);
        }
        for n in &self.names_sw {
            push(Lang::Sw, n, &mut names);
        }
        let demonyms = self
            .demonyms_en
            .iter()
            .map(|d| (Lang::En, d.clone()))
            .chain(self.demonyms_sw.iter().map(|d| (Lang::Sw, d.clone())))
            .collect();
        EntityEntry {
            id: self.id,
            kind,
            qid: self.qid,
            en: self.en,
            sw,
            cldr_sw: self.cldr_sw,
            names,
            demonyms,
            members: self.members,
            part_of: self.part_of,
            state: self.state,
            metonym: self.metonym,
            capital: self.capital,
        }
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct StatesFile {
    #[serde(default)]
    pub(crate) state: Vec<RawEntity>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct AlliancesFile {
    #[serde(default)]
    pub(crate) alliance: Vec<RawEntity>,
}

/// A user lexicon (`--lexicon FILE`): any of the entity sections and titles, adding to or
/// replacing (same kind and id) the built-in entries.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct UserFile {
    #[serde(default)]
    pub(crate) state: Vec<RawEntity>,
    #[serde(default)]
    pub(crate) alliance: Vec<RawEntity>,
    #[serde(default)]
    pub(crate) place: Vec<RawEntity>,
    #[serde(default)]
    pub(crate) organisation: Vec<RawEntity>,
    #[serde(default)]
    pub(crate) title: Vec<UserTitle>,
}

/// A title in a user lexicon, with its language.
#[derive(Debug, Deserialize)]
pub(crate) struct UserTitle {
    pub(crate) lang: String,
    #[serde(flatten)]
    pub(crate) title: Title,
}

#[derive(Debug, Deserialize)]
pub(crate) struct PlacesFile {
    #[serde(default)]
    pub(crate) place: Vec<RawEntity>,
}

/// An office or title (`Waziri Mkuu`, `Prime Minister`).
#[derive(Debug, Clone, Deserialize)]
pub struct Title {
    /// The words as written in the language.
    pub text: String,
    /// English rendering for `ng:title`.
    pub en: String,
    /// The kind of office (head_of_state, minister, …).
    pub kind: String,
    /// A generic office word (`mkuu` head, `kiongozi` leader, `afisa` official): as a role
    /// phrase it needs the organisation to find its person.
    #[serde(default)]
    pub generic: bool,
}

#[derive(Debug, Deserialize)]
pub(crate) struct TitlesFile {
    #[serde(default)]
    pub(crate) title: Vec<Title>,
}

/// A plural noun for leaders and the title its members get (`viongozi` → `Kiongozi`).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct LeaderList {
    /// The plural noun, matched as a phrase anywhere in the sentence.
    pub cue: String,
    /// The title given (a `text` of the language's titles).
    pub title: String,
}

/// The grammar words of one language (see `data/lexicon/sw/grammar.toml`).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Grammar {
    /// Abbreviations ending in a dot that do not end a sentence.
    #[serde(default)]
    pub abbreviations: Vec<String>,
    /// Honorifics before a person's name.
    #[serde(default)]
    pub honorifics: Phrases,
    /// "of" connectors.
    #[serde(default)]
    pub of: Phrases,
    /// "in (a state)" words after a title.
    #[serde(default)]
    pub located_in: Phrases,
    /// List conjunctions.
    #[serde(default)]
    pub and: Phrases,
    /// Cues opening a member list after an alliance.
    #[serde(default)]
    pub member_cues: Phrases,
    /// Words marking a former office.
    #[serde(default)]
    pub former: Phrases,
    /// Negation words.
    #[serde(default)]
    pub negation: Phrases,
    /// Capitalised words that are never part of a name.
    #[serde(default)]
    pub not_names: Vec<String>,
    /// Nouns for an organisation that name it in the word after them (`chama cha` party of):
    /// a capitalised word named so, alone, is an organisation's name throughout the article.
    #[serde(default)]
    pub organisation_nouns: Phrases,
    /// Relative pronouns opening a clause about the word before (`ambayo`, `which`).
    #[serde(default)]
    pub relatives: Phrases,
    /// Words between an office and its holder's name that do not change whose it is (`mpya`
    /// new, `mteule` elect, `wa sasa` current).
    #[serde(default)]
    pub title_modifiers: Phrases,
    /// Words that put an office in apposition to the name before (`kama`, `as`).
    #[serde(default)]
    pub appositive: Phrases,
    /// Phrases before a capital that name its state's government (`serikali rasmi mjini`,
    /// `the government in`): the phrase and the capital are a mention of the state.
    #[serde(default)]
    pub capital_governments: Phrases,
    /// Nouns after a demonym that make it its state as an actor (`Russian forces`, `Kenyan
    /// authorities`).
    #[serde(default)]
    pub demonym_actors: Phrases,
    /// Last words of an organisation's name (`Center`, `Echo`, `Trust`): a name the tagger
    /// takes for a person's that ends in one is an organisation's. Read from the English
    /// grammar for both languages (the press names such bodies in English).
    #[serde(default)]
    pub organisation_heads: Vec<String>,
    /// Copulas that give the name before an office of a named state or alliance (`ni`, `is
    /// the`): `Samia ni rais wa Tanzania`.
    #[serde(default)]
    pub copula_appositive: Phrases,
    /// Past copulas that do the same for a former office (`alikuwa`, `was the`).
    #[serde(default)]
    pub past_copula_appositive: Phrases,
    /// Ordinals that may stand between an appositive word and the office (`the first
    /// president`): skipped when looking for the appositive word.
    #[serde(default)]
    pub ordinals: Phrases,
    /// Plural nouns for leaders that make `Name (State)` in the same sentence that state's
    /// leader (`viongozi … Julius Nyerere (Tanzania)`), each with the title given to them.
    #[serde(default)]
    pub leader_lists: Vec<LeaderList>,
    /// Demonstratives after an office that make it refer back (`rais huyo`).
    #[serde(default)]
    pub demonstratives: Phrases,
    /// Demonstratives before an office that make it refer back (`the president`).
    #[serde(default)]
    pub demonstratives_before: Phrases,
    /// Possessive endings between a state and an office (`Kenya's President`).
    #[serde(default)]
    pub possessives: Phrases,
    /// Phrases referring back to the latest alliance (`muungano huo`, `the alliance`).
    #[serde(default)]
    pub alliance_anaphora: Phrases,
    /// Phrases referring back to the latest state (`nchi hiyo`, `the country`).
    #[serde(default)]
    pub state_anaphora: Phrases,
    /// Lower-case particles inside names (`von der`, `da`, `bin`).
    #[serde(default)]
    pub name_particles: Vec<String>,
    /// Words before a place that make it a location, not an actor (`mjini`, `in`).
    #[serde(default)]
    pub locatives: Phrases,
    /// Tense markers that make the next word a finite verb (Swahili; metonym detection).
    #[serde(default)]
    pub actor_tenses: Vec<String>,
    /// Verbs after a place that make it an actor (English; metonym detection).
    #[serde(default)]
    pub actor_verbs: Vec<String>,
    /// Month names, January first (dates of events).
    #[serde(default)]
    pub months: Vec<String>,
    /// Weekday names, Monday first.
    #[serde(default)]
    pub weekdays: Vec<String>,
    /// Words that may stand between a month and its year (`Machi mwaka 2021`).
    #[serde(default)]
    pub year_words: Vec<String>,
    /// Phrases for a date relative to publication (`mwezi uliopita`, `last year`).
    #[serde(default)]
    pub relative_dates: Vec<RelativeDate>,
    /// Words before a state that name its government (`serikali ya`, `the government of`): the
    /// state is the party.
    #[serde(default)]
    pub government_of: Vec<String>,
    /// Articles skipped inside lists (`the United Kingdom`).
    #[serde(default)]
    pub articles: Phrases,
    /// Adverbs that may stand between a verb and its object (`kuunga mkono sana Misri`).
    #[serde(default)]
    pub adverbs: Phrases,
    /// Phrases referring back to several states named before (`nchi hizo`, `the two countries`).
    #[serde(default)]
    pub plural_state_anaphora: Phrases,
    /// Those that name exactly two (`wote wawili`, `nchi hizo mbili`): the two states last
    /// joined by a conjunction.
    #[serde(default)]
    pub dual_state_anaphora: Phrases,
    /// Possessive pronouns after a relational noun that point to its owner (`mtangulizi wake`).
    #[serde(default)]
    pub possessive_pronouns: Phrases,
    /// Verb stems that make the infinitive after them unreal — expected, planned, proposed
    /// (`alitarajiwa kuzuru`): no event edge.
    #[serde(default)]
    pub irrealis: Vec<String>,
    /// Words opening a condition: an event told after one in its clause is not told as done
    /// (`Iwapo India … kuunga mkono Ukraine, …`: if India supported Ukraine).
    #[serde(default)]
    pub event_conditionals: Phrases,
    /// Nouns of intent before an infinitive (`azimio la kuiwekea vikwazo`: a resolution to
    /// sanction): the infinitive's event is not told as done.
    #[serde(default)]
    pub intent_nouns: Phrases,
    /// Verb stems of threatening: sanctions or an attack in the infinitive after them are
    /// threatened, not done (`alitishia kuiwekea vikwazo`); any other event there is unreal.
    #[serde(default)]
    pub threat_verbs: Vec<String>,
    /// Subject markers of a singular person (`a-likutana`): the verb's subject is a person.
    #[serde(default)]
    pub person_subject_markers: Vec<String>,
    /// Subject markers of several people (`wa-likutana`).
    #[serde(default)]
    pub plural_subject_markers: Vec<String>,
    /// Tense markers of finite verbs that make the mention before them a clause subject.
    #[serde(default)]
    pub finite_tenses: Vec<String>,
    /// Deputy nouns: `makamu wake Kamala Harris` is the deputy of the person last named, in
    /// the same state (`Makamu wa Rais`), when the lexicon has that office.
    #[serde(default)]
    pub deputies: Phrases,
    /// Words between a relational noun and the parties it joins (`kati ya`).
    #[serde(default)]
    pub between: Phrases,
    /// Words before a relational noun that make the clause's subject one party and the party
    /// after `na` the other (`kwa ushirikiano na Kenya`: in cooperation with Kenya).
    #[serde(default)]
    pub noun_manner: Phrases,
    /// Words before a relational noun that deny it (`hakuna`).
    #[serde(default)]
    pub noun_negation: Phrases,
    /// Cues after a list of states that make them members of the alliance after the cue.
    #[serde(default)]
    pub member_of_cues: Phrases,
    /// Words after an alliance named as having members that introduce the member states
    /// (`mmoja wa wanachama wa jumuiya hiyo ambaye ni nchi ya Burundi`).
    #[serde(default)]
    pub members_after_alliance: Phrases,
    /// Conjunctions joining clauses: a verb right after one (`… na kuiwekea`) shares the
    /// subject of the clause before, not the actor nearest to it.
    #[serde(default)]
    pub coordinators: Phrases,
    /// Words that end a description standing before a person's name (`mwanasiasa mkongwe wa
    /// upinzani Raila Odinga`): prepositions, conjunctions and time words open a new phrase.
    #[serde(default)]
    pub description_breaks: Phrases,
    /// Nouns for an act or a stance (`hatua`, `mpango`, `uamuzi`): praising or criticising one
    /// praises or criticises its author, named after it (`alikosoa mpango wa Marekani`).
    #[serde(default)]
    pub act_nouns: Phrases,
    /// The word introducing the agent of a passive verb (`yaliyofikiwa na Trump`).
    #[serde(default)]
    pub agent: Phrases,
    /// Endings of passive verb forms (`yaliyofikiwa`: `-wa`), which take an agent after them.
    #[serde(default)]
    pub passive_endings: Vec<String>,
    /// Phrases before a plural relative verb that single out one of its subjects (`X alikuwa
    /// miongoni mwa wale waliopinga`: X opposed).
    #[serde(default)]
    pub among: Phrases,
    /// Stems of auxiliary verbs that may stand between a subject and its main verb (`alikuwa
    /// ameidhinisha`).
    #[serde(default)]
    pub auxiliaries: Vec<String>,
    /// Prepositions: a mention right after one is inside a phrase of place or means (`pesa za
    /// kwa Afghanistan zilitumika`), not the subject of the verb after it.
    #[serde(default)]
    pub prepositions: Phrases,
    /// Object markers of a singular person (`ali-m-tembelea`): a trigger with one and no object
    /// after it has for object the person named earlier in its sentence as no verb's subject.
    #[serde(default)]
    pub person_object_markers: Vec<String>,
    /// Tense markers of events not (yet) real: the future `ta` (`watakutana`) and the
    /// conditional `nge`, `ngali`; a trigger in one of them makes no edge.
    #[serde(default)]
    pub unreal_tenses: Vec<String>,
    /// Verb stems of hesitating whose negative asserts the infinitive after it (`hakuchelea
    /// kumpongeza`: did not hesitate to congratulate); after any other negative verb the
    /// infinitive makes no edge (`hakutaka kukutana`).
    #[serde(default)]
    pub litotes: Vec<String>,
    /// Particles opening a yes/no question (`Je serikali … inampendelea X?`): a trigger after
    /// one, in a sentence that ends in a question mark, is asked about, not told.
    #[serde(default)]
    pub question_particles: Phrases,
    /// Words of rank or profession right before a name that are no office of a state (`Jaji`,
    /// `Kamishna`): between a verb and the person it names they are skipped (`kumteua Jaji X`).
    #[serde(default)]
    pub name_ranks: Phrases,
    /// Words of manner opening a clause after a verb of praise or criticism (`amesifu jinsi X
    /// alivyoshughulikia …`: praised how X handled …): the clause's subject is the object.
    #[serde(default)]
    pub manner_complements: Phrases,
    /// Words naming a person's spouse (`mkewe`, his wife; `mumewe`, her husband). Followed by a
    /// name they tell who is married to whom (`X alituma ilani ya talaka kwa mkewe Y`); alone as
    /// a verb's object they stand for the spouse of the verb's subject (`Y alimshutumu mumewe`).
    #[serde(default)]
    pub spouse_words: Phrases,
    /// Plural references to people (`viongozi hao`, those leaders) that stand for the people
    /// listed after an inclusion cue in the sentence before.
    #[serde(default)]
    pub plural_person_anaphora: Phrases,
    /// Plural references to people named in the sentence after (`viongozi wengine`, other
    /// leaders), there listed before a verb and a phrase of `among` (`A, B na C walikuwa
    /// miongoni mwa wale …`).
    #[serde(default)]
    pub plural_person_cataphora: Phrases,
    /// Cues opening a list of people included in a group (`wakiwemo`, `akiwemo`: among them).
    #[serde(default)]
    pub inclusion_cues: Phrases,
    /// A bare office (no name, state or demonstrative: `rais mteule`, `jenerali`) is a role
    /// phrase for the one person the article gives that office (Swahili has no article).
    #[serde(default)]
    pub bare_offices: bool,
    /// Demonstratives after an act noun that point back to an act told before (`mpango huo`).
    #[serde(default)]
    pub act_demonstratives: Phrases,
    /// Verb stems taking an infinitive of their own subject (`anajaribu kumdharau`: tries to
    /// belittle), which may stand between a relative clause's subject and its trigger.
    #[serde(default)]
    pub catenatives: Vec<String>,
    /// Verb stems whose object is the subject of the infinitive after them (`ulimfungulia njia
    /// ya kuzuru`: opened the way for him to visit; `alimwezesha kukutana`).
    #[serde(default)]
    pub object_control: Vec<String>,
    /// Tense markers of a participle (`a-ki-tembelea`: while visiting): a sentence opening with
    /// one has for subject the person named right after the participle's clause.
    #[serde(default)]
    pub participle_tenses: Vec<String>,
    /// Verb stems of saying (`alisema`, `asema`): they name the speaker of a quotation next to
    /// them.
    #[serde(default)]
    pub speech_verbs: Vec<String>,
    /// First-person plural object markers (`ku-tu-tembelea`: to visit us): inside a quotation
    /// they stand for the speaker's state.
    #[serde(default)]
    pub first_plural_object_markers: Vec<String>,
    /// Copulas (`ni`): `X ni rafiki` inside a quotation is the speaker's judgement of X.
    #[serde(default)]
    pub copulas: Phrases,
    /// Cleft words (`ndiye`, `ndiyo`: it is X who): between a party and a relational noun
    /// (`Rais X ndiye mteuzi wa Y`) they make the party the one the noun names.
    #[serde(default)]
    pub clefts: Phrases,
    /// Words describing a place between a verb of visiting and the place's name (`mji mkuu
    /// wa`, `the capital`): visiting the place visits its state.
    #[serde(default)]
    pub place_nouns: Phrases,
    /// Subject pronouns (`he`, `she`, English): before a trigger with no subject named, the
    /// one person the sentence before named.
    #[serde(default)]
    pub subject_pronouns: Phrases,
    /// Verb stems of committing (`tekeleza`, `fanya`): with a crime noun after them
    /// (`vilitekeleza "uhalifu wa kivita"`) in a speaker's statement, an accusation of their
    /// subject by the speaker.
    #[serde(default)]
    pub accusation_verbs: Vec<String>,
    /// The CAMEO code of such an accusation.
    #[serde(default)]
    pub accusation_cameo: Option<String>,
    /// Nouns of crimes (`uhalifu`, `mauaji`) after a verb of committing.
    #[serde(default)]
    pub crime_nouns: Phrases,
    /// Nouns of allegations (`madai`, `tuhuma`): made by an agent (`madai yaliyotolewa na X
    /// kwamba Y …`), an accusation of the subject of the clause after them by the agent.
    #[serde(default)]
    pub allegation_nouns: Phrases,
    /// Phrases for the state of the person the sentence is about (`taifa lake`, his nation).
    #[serde(default)]
    pub own_state: Phrases,
    /// Words naming a state's armed forces before it (`vikosi vya Ethiopia`): the states named
    /// after them are the parties their acts are told of.
    #[serde(default)]
    pub forces_of: Phrases,
    /// Verb stems of boasting, warning or declaring (`alijigamba kwamba …`): with a complement
    /// telling the speaker's own force able or about to attack, a threat against its target.
    #[serde(default)]
    pub threat_declarations: Vec<String>,
    /// Words opening a reported complement (`kwamba`, `kuwa`).
    #[serde(default)]
    pub complementizers: Phrases,
    /// The declarer's own force as the complement's subject (`jeshi lake`: his army).
    #[serde(default)]
    pub own_forces: Phrases,
    /// Modal verb stems of ability (`linaweza kuuteka`: can seize).
    #[serde(default)]
    pub threat_modals: Vec<String>,
    /// Verb stems of military action (`teka`, `vamia`) in a threat's complement.
    #[serde(default)]
    pub military_acts: Vec<String>,
    /// Words opening a condition (`Ikiwa X itaendelea …`: if X continues).
    #[serde(default)]
    pub conditionals: Phrases,
    /// First-person subject markers (`tu-nasimama`: we stand): the speaker's own side.
    #[serde(default)]
    pub first_person_subjects: Vec<String>,
    /// Words of a hostile response (`tayari`, `hatua`, `vikwazo`) in the consequence of a
    /// conditional warning.
    #[serde(default)]
    pub warning_words: Phrases,
    /// Words right before a noun of an act that make it unreal (`uwezekano wa uvamizi …`: the
    /// possibility of an invasion; `hofu ya`, `ikiwa`).
    #[serde(default)]
    pub nominal_irrealis: Phrases,
    /// Word lists folded into sets when the lexicon is assembled ([`Grammar::prepare`]).
    #[serde(skip)]
    pub(crate) sets: WordSets,
}

/// Grammar words the rules test every token against, folded once into sets: building them
/// per article (folding each word again) cost more than looking tokens up in them.
#[derive(Debug, Clone, Default)]
pub(crate) struct WordSets {
    /// [`Grammar::not_names`], folded.
    pub(crate) not_names: FxHashSet<String>,
    /// [`Grammar::name_particles`], folded.
    pub(crate) name_particles: FxHashSet<String>,
    /// [`Grammar::honorifics`], folded.
    pub(crate) honorifics: FxHashSet<String>,
    /// [`Grammar::months`] and [`Grammar::weekdays`], folded.
    pub(crate) calendar: FxHashSet<String>,
    /// [`Grammar::organisation_heads`], folded.
    pub(crate) organisation_heads: FxHashSet<String>,
    /// [`Grammar::months`], folded, in order (January first).
    pub(crate) months: Vec<String>,
    /// [`Grammar::weekdays`], folded, in order (Monday first).
    pub(crate) weekdays: Vec<String>,
    /// [`Grammar::year_words`], folded.
    pub(crate) year_words: Vec<String>,
    /// The folded words of each of [`Grammar::relative_dates`], in the same order.
    pub(crate) relative_dates: Vec<Vec<String>>,
    /// Words that may stand between the items of a list of actors: the conjunctions,
    /// articles, "of" words and honorifics, and every word of the government phrases and title
    /// modifiers (tested for every token a list is read across).
    pub(crate) list_glue: FxHashSet<String>,
}

impl Grammar {
    /// Prepares the grammar for the rules when the lexicon is assembled: folds the verb stems
    /// and fills [`Grammar::sets`].
    pub(crate) fn prepare(&mut self) {
        self.fold_verb_stems();
        let set = |words: &[String]| words.iter().map(|w| crate::text::fold(w)).collect();
        self.sets = WordSets {
            not_names: set(&self.not_names),
            name_particles: set(&self.name_particles),
            honorifics: set(&self.honorifics),
            calendar: self
                .months
                .iter()
                .chain(&self.weekdays)
                .map(|w| crate::text::fold(w))
                .collect(),
            organisation_heads: set(&self.organisation_heads),
            months: self.months.iter().map(|w| crate::text::fold(w)).collect(),
            weekdays: self.weekdays.iter().map(|w| crate::text::fold(w)).collect(),
            year_words: self
                .year_words
                .iter()
                .map(|w| crate::text::fold(w))
                .collect(),
            relative_dates: self
                .relative_dates
                .iter()
                .map(|r| r.phrase.split_whitespace().map(crate::text::fold).collect())
                .collect(),
            list_glue: self
                .and
                .iter()
                .chain(self.articles.iter())
                .chain(self.of.iter())
                .chain(self.honorifics.iter())
                .map(|w| crate::text::fold(w))
                .chain(
                    self.government_of
                        .iter()
                        .chain(self.title_modifiers.iter())
                        .flat_map(|p| p.split_whitespace())
                        .map(crate::text::fold),
                )
                .collect(),
        };
    }

    /// Folds the verb stems and verb phrases once, when the lexicon is assembled: the relation
    /// rules compare them with folded tokens for every candidate verb, and folding them there
    /// made a new string per comparison.
    fn fold_verb_stems(&mut self) {
        for list in [
            &mut self.irrealis,
            &mut self.litotes,
            &mut self.auxiliaries,
            &mut self.catenatives,
            &mut self.object_control,
            &mut self.speech_verbs,
            &mut self.threat_declarations,
            &mut self.threat_modals,
            &mut self.military_acts,
        ] {
            for s in list.iter_mut() {
                *s = crate::text::fold(s);
            }
        }
    }
}

/// A list of grammar words or phrases, as written, prepared for the rules' token-by-token look
/// up: each phrase split the way the tokenizer splits text (a trailing `,` or `:` a word of its
/// own) and folded, and the phrases grouped by the first byte of their first folded word. The
/// rules look for most lists at nearly every token; comparing a token with every phrase of
/// every list, folding as they went, was a sixth of `extract`'s instructions.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(from = "Vec<String>")]
pub struct Phrases {
    /// The phrases as written.
    written: Vec<String>,
    /// The folded words of each phrase with at least one word, ordered by the first byte of
    /// the first word (an empty first word, from a phrase starting with a lone combining mark,
    /// comes last).
    folded: Vec<Box<[String]>>,
    /// `folded[start[b]..start[b + 1]]` are the phrases whose first folded word starts with
    /// byte `b`; `b` = 256 for an empty first word. Empty when there are no phrases.
    start: Box<[u32]>,
    /// One bit per first folded word's [`word_bit`]: a token whose bit is not set starts no
    /// phrase, settled without looking at the phrases (most tokens, most lists).
    first_words: u64,
}

/// The bit of a folded word in a 64-bit set of words (FNV-1a of its bytes, modulo 64): equal
/// words have equal bits, so a clear bit rules a word out.
pub fn word_bit(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in word.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    1u64 << (h % 64)
}

impl Phrases {
    /// The longest phrase that occurs at token `i` of `tokens` (folded tokens) and ends by
    /// token `end`: its length in tokens.
    pub fn longest_at(&self, tokens: &[String], i: usize, end: usize) -> Option<usize> {
        if i >= end || self.start.is_empty() {
            return None;
        }
        self.longest_from(tokens, i, end)
    }

    /// [`Phrases::longest_at`] with the token's [`word_bit`] known (the rules keep one per
    /// token of an article): most tokens are ruled out by one test.
    pub fn longest_at_bit(
        &self,
        tokens: &[String],
        bits: &[u64],
        i: usize,
        end: usize,
    ) -> Option<usize> {
        if i >= end || self.first_words & bits.get(i).copied().unwrap_or(u64::MAX) == 0 {
            return None;
        }
        self.longest_from(tokens, i, end)
    }

    fn longest_from(&self, tokens: &[String], i: usize, end: usize) -> Option<usize> {
        if self.start.is_empty() {
            return None;
        }
        let first = tokens.get(i)?;
        let b = first.as_bytes().first().map_or(256, |&b| usize::from(b));
        let bucket = self.start[b] as usize..self.start[b + 1] as usize;
        self.folded[bucket]
            .iter()
            .filter(|words| {
                i + words.len() <= end
                    && tokens
                        .get(i..i + words.len())
                        .is_some_and(|toks| toks.iter().zip(words.iter()).all(|(t, w)| t == w))
            })
            .map(|words| words.len())
            .max()
    }
}

/// Folded words of `phrase`, split as the tokenizer splits text: at white space, and a trailing
/// `,` or `:` of a word (not a word of only that character) a word of its own.
fn phrase_words(phrase: &str) -> Box<[String]> {
    let mut words = Vec::new();
    for w in phrase.split_whitespace() {
        let (head, tail) = match w.as_bytes().last() {
            Some(b',' | b':') if w.len() > 1 => w.split_at(w.len() - 1),
            _ => (w, ""),
        };
        words.push(crate::text::fold(head));
        if !tail.is_empty() {
            words.push(crate::text::fold(tail));
        }
    }
    words.into_boxed_slice()
}

impl From<Vec<String>> for Phrases {
    fn from(written: Vec<String>) -> Self {
        let bucket =
            |words: &[String]| words[0].as_bytes().first().map_or(256, |&b| usize::from(b));
        let mut folded: Vec<Box<[String]>> = written
            .iter()
            .map(|p| phrase_words(p))
            .filter(|words| !words.is_empty())
            .collect();
        if folded.is_empty() {
            return Phrases {
                written,
                folded,
                start: Box::default(),
                first_words: 0,
            };
        }
        let first_words = folded.iter().fold(0, |m, words| m | word_bit(&words[0]));
        // Stable: phrases of one bucket keep their order (the longest wins anyway).
        folded.sort_by_key(|words| bucket(words));
        let mut start = vec![0u32; 258];
        for words in &folded {
            start[bucket(words) + 1] += 1;
        }
        for b in 1..start.len() {
            start[b] += start[b - 1];
        }
        Phrases {
            written,
            folded,
            start: start.into_boxed_slice(),
            first_words,
        }
    }
}

impl From<Vec<&str>> for Phrases {
    fn from(written: Vec<&str>) -> Self {
        written
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>()
            .into()
    }
}

impl std::ops::Deref for Phrases {
    type Target = [String];

    fn deref(&self) -> &[String] {
        &self.written
    }
}

/// A date phrase relative to the article's publication date.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RelativeDate {
    /// The words (`mwezi uliopita`).
    pub phrase: String,
    /// `day`, `month` or `year`.
    pub unit: String,
    /// How many units from publication (`-1`).
    pub offset: i32,
}

/// Swahili verb morphology used to match trigger stems.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Morphology {
    /// Subject markers.
    pub subject: Vec<String>,
    /// Tense markers.
    pub tense: Vec<String>,
    /// Relative markers.
    #[serde(default)]
    pub relative: Vec<String>,
    /// Object markers.
    #[serde(default)]
    pub object: Vec<String>,
    /// Negative prefixes.
    #[serde(default)]
    pub negative: Vec<String>,
    /// Tense markers used after a negative prefix.
    #[serde(default)]
    pub negative_tense: Vec<String>,
    /// Infinitive prefixes.
    #[serde(default)]
    pub infinitive: Vec<String>,
    /// Tenses whose vowel merges into a subject marker ending in it, leaving no tense marker
    /// of their own (Swahili general present `a`: `a-a-m-pongeza` is written `ampongeza`).
    #[serde(default)]
    pub merging_tense: Vec<String>,
    /// Spellings of a stem's ending with a glide between its vowels (`teua` written `teuwa`):
    /// every trigger stem ending in `from` also matches with `to` in its place.
    #[serde(default)]
    pub glides: Vec<Glide>,
}

/// A spelling variant of a stem's last vowels (`ua` → `uwa`).
#[derive(Debug, Clone, Deserialize)]
pub struct Glide {
    /// The ending as the stem is listed (`ua`).
    pub from: String,
    /// The ending as it may be written (`uwa`).
    pub to: String,
}

/// A Swahili trigger: a verb stem (possibly followed by fixed words) for a relation.
#[derive(Debug, Clone, Deserialize)]
pub struct SwTrigger {
    /// The ng: relation name.
    pub relation: String,
    /// Verb stem, optionally followed by fixed words (`fanya mazungumzo`).
    pub stem: String,
    /// The word introducing the other party (`na`).
    pub then: Option<String>,
    /// Plural subjects without `then` relate to each other.
    #[serde(default)]
    pub reciprocal: bool,
    /// A passive verb ("anaungwa mkono na X"): the party after `then` is the subject of the
    /// relation and the verb's subject its object.
    #[serde(default)]
    pub passive: bool,
    /// Fixed words that must stand right before the verb (`nafasi yake` in `nafasi yake
    /// kuchukuliwa na X`).
    pub before: Option<String>,
    /// Only between public parties: states, alliances, organisations, or people the article
    /// gives an office (`amezungumza na X` is mostly an interview with a reporter).
    #[serde(default)]
    pub public_parties: bool,
    /// CAMEO code.
    pub cameo: Option<String>,
}

/// A relational noun (`mshirika` ally, `mtangulizi` predecessor, `ushirikiano` cooperation):
/// `noun wa X, Y`, `noun wake Y` and `noun kati ya X na Y` relate the parties it names.
#[derive(Debug, Clone, Deserialize)]
pub struct NounTrigger {
    /// The ng: relation name.
    pub relation: String,
    /// The nouns (singular and plural forms).
    pub nouns: Vec<String>,
    /// True when the owner (`X` of `mtangulizi wa X, Y`) is the relation's subject; false when
    /// the named party is (`mrithi wa X, Y`: Y succeeded X).
    #[serde(default = "yes")]
    pub owner_is_subject: bool,
    /// For an act of one party on another (`uvamizi` invasion, `vikwazo` sanctions): the words
    /// introducing the party acted on after the owner (`uvamizi wa X dhidi ya Y`, `uvamizi wake
    /// nchini Y`); the owner is the actor. Empty for a relational noun.
    #[serde(default)]
    pub targets: Phrases,
    /// Words one of which must qualify the noun before the target (`kampeni … ya kijeshi`: a
    /// military campaign, not an election one). Empty: any noun of the list will do.
    #[serde(default)]
    pub qualifiers: Phrases,
    /// Verb stems whose object names the party acted on (`vikwazo hivyo vinalenga taasisi …
    /// nchini Y`: the sanctions target institutions in Y), folded when the lexicon is
    /// assembled.
    #[serde(default)]
    pub target_verbs: Vec<String>,
    /// Nouns besides its own that the noun followed by a demonstrative may point back to
    /// (`hatua zilizotangazwa na X … . Vikwazo hivyo …`: the measures are the sanctions).
    #[serde(default)]
    pub antecedents: Phrases,
    /// CAMEO code.
    pub cameo: Option<String>,
}

fn yes() -> bool {
    true
}

/// An English trigger: fixed word forms for a relation.
#[derive(Debug, Clone, Deserialize)]
pub struct EnTrigger {
    /// The ng: relation name.
    pub relation: String,
    /// The word forms (`met with`, `met`).
    pub forms: Phrases,
    /// Plural subjects without an object relate to each other.
    #[serde(default)]
    pub reciprocal: bool,
    /// A passive form (`was hosted by`): the party after it is the actor, the one before it
    /// the one acted on.
    #[serde(default)]
    pub passive: bool,
    /// The form ends in an infinitive marker (`threatened to`): the other party is the first
    /// actor of the infinitive's clause (`threatened to cut ties with Niger`).
    #[serde(default)]
    pub clause_object: bool,
    /// CAMEO code.
    pub cameo: Option<String>,
}

/// The relation triggers of both languages.
#[derive(Debug, Clone, Default)]
pub struct TriggerSet {
    /// Swahili verb morphology.
    pub morphology: Morphology,
    /// Swahili triggers.
    pub sw: Vec<SwTrigger>,
    /// English triggers.
    pub en: Vec<EnTrigger>,
    /// Swahili relational nouns.
    pub nouns: Vec<NounTrigger>,
    /// Swahili labels: calling a party by a name of praise or blame.
    pub labels: Vec<LabelTrigger>,
    /// Each folded noun of [`TriggerSet::nouns`] with the first noun trigger (index) that has
    /// it ([`TriggerSet::prepare`]).
    pub(crate) noun_index: FxHashMap<String, usize>,
}

impl TriggerSet {
    /// Prepares the triggers for the rules when the lexicon is assembled: indexes the nouns by
    /// their folded form and folds the label verbs, which the relation rules compare with
    /// every token (doing it there, per article or sentence, folded each word again).
    pub(crate) fn prepare(&mut self) {
        self.noun_index.clear();
        for (i, nt) in self.nouns.iter_mut().enumerate() {
            for w in &nt.nouns {
                self.noun_index.entry(crate::text::fold(w)).or_insert(i);
            }
            for v in &mut nt.target_verbs {
                *v = crate::text::fold(v);
            }
        }
        for l in &mut self.labels {
            for v in &mut l.verbs {
                *v = crate::text::fold(v);
            }
        }
    }
}

/// Calling a party something (`akiitaja Rwanda kuwa 'adui'`, `akimwona kama mradi wa
/// ubeberu`): a verb of naming or regarding, its object, a cue (`kuwa`, `kama`) and, within
/// the next few words, one of the label nouns.
#[derive(Debug, Clone, Deserialize)]
pub struct LabelTrigger {
    /// The ng: relation name.
    pub relation: String,
    /// Verb stems of naming or regarding (`taja`, `ita`, `ona`), folded when the lexicon is
    /// assembled.
    pub verbs: Vec<String>,
    /// Words between the object and the label (`kuwa`, `kama`).
    pub cues: Phrases,
    /// The label nouns (`adui`, `ubeberu`).
    pub nouns: Phrases,
    /// CAMEO code.
    pub cameo: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct SwTriggersFile {
    pub(crate) morphology: Morphology,
    #[serde(default)]
    pub(crate) trigger: Vec<SwTrigger>,
    #[serde(default)]
    pub(crate) noun: Vec<NounTrigger>,
    #[serde(default)]
    pub(crate) label: Vec<LabelTrigger>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct EnTriggersFile {
    #[serde(default)]
    pub(crate) trigger: Vec<EnTrigger>,
}

#[cfg(test)]
mod tests {
    use super::Phrases;
    use crate::text::fold;

    fn toks(s: &str) -> Vec<String> {
        s.split_whitespace().map(fold).collect()
    }

    #[test]
    fn longest_phrase_at_a_token() {
        let list: Phrases = vec!["wa", "wa zamani", "Waziri Mkuu wa", "katika,", ""].into();
        let t = toks("Waziri Mkuu wa zamani katika , mji");
        assert_eq!(list.longest_at(&t, 0, t.len()), Some(3));
        assert_eq!(list.longest_at(&t, 2, t.len()), Some(2));
        // The phrase must end by `end`.
        assert_eq!(list.longest_at(&t, 2, 3), Some(1));
        assert_eq!(list.longest_at(&t, 0, 2), None);
        // A trailing comma is a word of its own, as the tokenizer splits it.
        assert_eq!(list.longest_at(&t, 4, t.len()), Some(2));
        assert_eq!(list.longest_at(&t, 1, t.len()), None);
        assert_eq!(list.longest_at(&t, 6, t.len()), None);
        assert_eq!(list.longest_at(&t, 7, t.len()), None);
        // With each token's word bit known the answers are the same, at every token and end.
        let bits: Vec<u64> = t.iter().map(|w| super::word_bit(w)).collect();
        for i in 0..=t.len() {
            for end in i..=t.len() {
                assert_eq!(
                    list.longest_at_bit(&t, &bits, i, end),
                    list.longest_at(&t, i, end)
                );
            }
        }
        // The written phrases stay as they were.
        assert_eq!(list.len(), 5);
        assert_eq!(list[2], "Waziri Mkuu wa");
    }

    #[test]
    fn no_phrases_match_nothing() {
        let list = Phrases::default();
        let t = toks("wa");
        assert_eq!(list.longest_at(&t, 0, 1), None);
        let list: Phrases = vec![" "].into();
        assert_eq!(list.longest_at(&t, 0, 1), None);
    }
}
