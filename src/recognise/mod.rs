//! Recognise stage: turns lexicon matches and capitalised name sequences into mentions of
//! states, alliances, places and people, and records the offices written around people's names
//! (`Katibu Mkuu wa NATO Jens Stoltenberg`, `NATO Secretary General Jens Stoltenberg`,
//! `President Cyril Ramaphosa of South Africa`). Title words are never taken for names.

use crate::lexicon::{EntityKind, LexMatch, Lexicon, MatchTarget, Phrases};
use crate::tag::{spans, EntityType, Tag, Tagger, Workspace};
use crate::text::{fold, fold_ascii, fold_eq, Folded, Lang, Segmented};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::ops::Range;

/// Sets and maps the rules query for every token: keyed by short words and token ranges of
/// one article, never by attacker-chosen volumes of keys, so a fast hash beats SipHash.
type FastSet<T> = HashSet<T, BuildHasherDefault<rustc_hash::FxHasher>>;
type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<rustc_hash::FxHasher>>;

thread_local! {
    /// The tagger's buffers and word cache, kept from article to article on each thread:
    /// the words of one article are mostly the words of the last.
    static TAGGER_WORKSPACE: RefCell<Workspace> = RefCell::new(Workspace::new());
}

/// What a mention refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MentionKind {
    /// A lexicon entity (index into `Lexicon::entities`).
    Entity(usize),
    /// A person, by the name as written (without title or honorific).
    Person(String),
    /// A person by an office without a name: `mkuu wa NATO`, `Waziri Mkuu wa Japan`, `rais
    /// huyo`, `the president`. Resolved to the person the article gives that office.
    Role {
        /// Index into the language's titles.
        title: usize,
        /// Tokens of the organisation or state named with the office.
        org: Option<Range<usize>>,
        /// A demonstrative points back (`huyo`, `the`): the latest such person is meant.
        anaphoric: bool,
    },
    /// An organisation or place the lexicon does not know, found by the tagger, by its name.
    Named(EntityKind, String),
    /// An alliance or state referred back to (`muungano huo`, `jumuiya hiyo`, `the alliance`):
    /// the latest one of that kind named before.
    Anaphor(EntityKind),
    /// Several entities of a kind referred back to together (`nchi hizo`): the relate stage
    /// expands it to the states named just before, when there are at least two.
    Plural(EntityKind),
}

/// A mention: tokens of one sentence that name an entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Token indices.
    pub tokens: Range<usize>,
    /// Sentence index.
    pub sentence: usize,
    /// What it names.
    pub kind: MentionKind,
    /// True when the mention only qualifies an office (`wa Japan` in `Waziri wa Japan X`): it is
    /// the position's organisation, not an actor of the sentence.
    pub attached: bool,
    /// How the entity is named: by a name, a demonym (`Wajapani`, `Japanese`: the state is
    /// mentioned but is not an actor) or a seat of power standing for its state (`Beijing
    /// imekashifu`).
    pub via: Via,
}

/// How a mention names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Via {
    /// By one of its names.
    #[default]
    Name,
    /// By a demonym or adjective.
    Demonym,
    /// By a capital or seat of power used as an actor.
    Metonym,
}

/// An office written around a person's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    /// The person mention.
    pub person: usize,
    /// The organisation or state mention, when the text names it.
    pub org: Option<usize>,
    /// Index into the language's titles.
    pub title: usize,
    /// The title as written.
    pub title_text: String,
    /// `aliyekuwa Rais`, `former President`.
    pub former: bool,
    /// Sentence index.
    pub sentence: usize,
}

/// The mentions and offices of one article.
#[derive(Debug, Clone, Default)]
pub struct Recognised {
    /// Mentions, in text order.
    pub mentions: Vec<Mention>,
    /// Offices found around person names.
    pub positions: Vec<Position>,
}

/// Per-article view of the tokens used by the rules.
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub seg: &'a Segmented,
    pub folded_tokens: Vec<String>,
    /// Each folded token's [`crate::lexicon::word_bit`], for the phrase lists' quick test.
    pub token_bits: Vec<u64>,
    pub lex: &'a Lexicon,
    pub lang: Lang,
    /// For each token, the lexicon match covering it (index into `matches`).
    pub covered: Vec<Option<usize>>,
    pub matches: Vec<LexMatch>,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(text: &'a str, seg: &'a Segmented, lex: &'a Lexicon, lang: Lang) -> Self {
        let folded = Folded::new(text);
        let matches = lex.matcher(lang).find(text, &folded, seg);
        let mut covered = vec![None; seg.tokens.len()];
        for (i, m) in matches.iter().enumerate() {
            for t in m.tokens.clone() {
                covered[t] = Some(i);
            }
        }
        let folded_tokens: Vec<String> = seg.tokens.iter().map(|t| fold(t.text(text))).collect();
        let token_bits = folded_tokens
            .iter()
            .map(|t| crate::lexicon::word_bit(t))
            .collect();
        Ctx {
            text,
            seg,
            folded_tokens,
            token_bits,
            lex,
            lang,
            covered,
            matches,
        }
    }

    pub(crate) fn tok(&self, i: usize) -> &str {
        self.seg.tokens[i].text(self.text)
    }

    /// Does the (possibly multi-word) folded phrase occur at token `i`? Returns its token length.
    pub(crate) fn phrase_at(&self, i: usize, end: usize, phrase: &str) -> Option<usize> {
        // Word by word, a trailing `,` or `:` a word of its own as the tokenizer splits, compared in place: this runs for every
        // token and every grammar phrase, so it must not fold into new strings.
        // Most phrases differ from the token in their first letter: settle those before
        // splitting the phrase. (An ASCII first byte folds to the folded token's first byte
        // whenever the phrase matches.)
        if let (Some(&b), Some(tok)) = (
            phrase.trim_start().as_bytes().first(),
            self.folded_tokens.get(i).filter(|_| i < end),
        ) {
            if b.is_ascii() && tok.as_bytes().first() != Some(&fold_ascii(b)) {
                return None;
            }
        }
        let mut k = 0;
        for w in phrase.split_whitespace() {
            let (head, tail) = match w.as_bytes().last() {
                Some(b',' | b':') if w.len() > 1 => w.split_at(w.len() - 1),
                _ => (w, ""),
            };
            for part in [head, tail] {
                if part.is_empty() {
                    continue;
                }
                if i + k >= end || !fold_eq(part, &self.folded_tokens[i + k]) {
                    return None;
                }
                k += 1;
            }
        }
        (k > 0).then_some(k)
    }

    /// The longest phrase of `list` at token `i`.
    pub(crate) fn any_phrase_at(&self, i: usize, end: usize, list: &Phrases) -> Option<usize> {
        list.longest_at_bit(&self.folded_tokens, &self.token_bits, i, end)
    }

    /// The lexicon matches (indices) that start in the token range `tokens`: matches are sorted
    /// by their first token, so they are one run, found by binary search.
    pub(crate) fn matches_starting_in(&self, tokens: &Range<usize>) -> Range<usize> {
        let a = self
            .matches
            .partition_point(|m| m.tokens.start < tokens.start);
        a..a + self.matches[a..].partition_point(|m| m.tokens.start < tokens.end)
    }

    /// The lexicon match starting exactly at token `i`.
    pub(crate) fn match_at(&self, i: usize) -> Option<&LexMatch> {
        self.covered
            .get(i)
            .copied()
            .flatten()
            .map(|m| &self.matches[m])
            .filter(|m| m.tokens.start == i)
    }
}

/// Splits a lexicon phrase into folded words the way the tokenizer splits text (for lists
/// compared once per trigger, not per token).
pub(crate) fn tokenize_phrase(phrase: &str) -> Vec<String> {
    let mut words = Vec::new();
    for w in phrase.split_whitespace() {
        let f = fold(w);
        if f.len() > 1 && (f.ends_with(',') || f.ends_with(':')) {
            words.push(f[..f.len() - 1].to_string());
            words.push(f[f.len() - 1..].to_string());
        } else {
            words.push(f);
        }
    }
    words
}

/// Finds the mentions and offices of an article.
pub fn recognise(
    text: &str,
    seg: &Segmented,
    lex: &Lexicon,
    lang: Lang,
    tagger: Option<&Tagger>,
) -> Recognised {
    let ctx = Ctx::new(text, seg, lex, lang);
    recognise_in(&ctx, tagger)
}

pub(crate) fn recognise_in(ctx: &Ctx<'_>, tagger: Option<&Tagger>) -> Recognised {
    let grammar = ctx.lex.grammar(ctx.lang);
    // Folded once, when the lexicon was assembled: `fold_eq(h, t)` is `fold(h) == t`.
    let not_names = &grammar.sets.not_names;
    let particles = &grammar.sets.name_particles;
    let honorifics = &grammar.sets.honorifics;
    // Month and weekday names: the tagger sometimes calls them places ("in March").
    let calendar = &grammar.sets.calendar;
    let mut out = Recognised::default();
    let mut used = vec![false; ctx.seg.tokens.len()];
    let mut attach_org: Vec<Range<usize>> = Vec::new();
    let mut appositions: Vec<Apposition> = Vec::new();

    // The first lexicon-entity mention of each token range, kept up to date as they are
    // added, so that an office's organisation is found without a scan of every mention.
    let mut entity_at: FastMap<Range<usize>, usize> = FastMap::default();
    // Entities from the lexicon: names, demonyms, and seats of power used as actors.
    for (si, s) in ctx.seg.sentences.iter().enumerate() {
        for m in &ctx.matches[ctx.matches_starting_in(&s.tokens)] {
            if m.tokens.start < s.tokens.start || m.tokens.end > s.tokens.end {
                continue;
            }
            let mut government_start = None;
            let (e, via) = match m.target {
                MatchTarget::Entity(e) => {
                    let entry = &ctx.lex.entities[e];
                    let state = entry
                        .state
                        .as_deref()
                        .and_then(|id| ctx.lex.entity_index(EntityKind::State, id));
                    // "serikali rasmi mjini Tripoli", "the government in Tripoli": a government
                    // named by its capital is its state's.
                    let government = (entry.capital && state.is_some())
                        .then(|| {
                            (1..=4)
                                .filter(|&w| m.tokens.start >= s.tokens.start + w)
                                .find(|&w| {
                                    ctx.any_phrase_at(
                                        m.tokens.start - w,
                                        m.tokens.start,
                                        &grammar.capital_governments,
                                    ) == Some(w)
                                })
                        })
                        .flatten();
                    match state {
                        Some(st) if entry.capital && government.is_some() => {
                            government_start = government.map(|w| m.tokens.start - w);
                            (st, Via::Metonym)
                        }
                        Some(st)
                            if entry.metonym
                                && used_as_actor(ctx, m.tokens.clone(), s.tokens.clone()) =>
                        {
                            (st, Via::Metonym)
                        }
                        _ => (e, Via::Name),
                    }
                }
                MatchTarget::Demonym(e) => (e, Via::Demonym),
                MatchTarget::Title(_) => continue,
            };
            // "Russian forces invaded …": a demonym before a noun for the state's forces or
            // government stands for the state as an actor, the noun part of the mention.
            let mut tokens = m.tokens.clone();
            if let Some(g0) = government_start {
                tokens.start = g0;
            }
            let via = match via {
                Via::Demonym => {
                    match ctx.any_phrase_at(tokens.end, s.tokens.end, &grammar.demonym_actors) {
                        Some(n) => {
                            tokens.end += n;
                            Via::Metonym
                        }
                        None => via,
                    }
                }
                _ => via,
            };
            entity_at
                .entry(m.tokens.clone())
                .or_insert(out.mentions.len());
            out.mentions.push(Mention {
                tokens,
                sentence: si,
                kind: MentionKind::Entity(e),
                attached: false,
                via,
            });
        }
    }
    // Whether each token is an honorific, and may be part of a name: settled once per token,
    // as the rules below ask about the same tokens many times.
    let honorific: Vec<bool> = ctx
        .folded_tokens
        .iter()
        .map(|t| honorifics.contains(t))
        .collect();
    let name_like = |i: usize| -> bool {
        if ctx.covered[i].is_some() {
            return false;
        }
        let t = ctx.tok(i);
        // "al-Sisi", "el-Bashir": a particle joined to a capitalised name.
        let t = match t.split_once('-') {
            Some((p, rest)) if particles.contains(&fold(p)) && !rest.is_empty() => rest,
            _ => t,
        };
        let mut chars = t.chars();
        let Some(first) = chars.next() else {
            return false;
        };
        first.is_uppercase()
            && t.chars().any(char::is_lowercase)
            && t.chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
            && !not_names.contains(&ctx.folded_tokens[i])
            && !honorific[i]
    };
    // Organisations the article names by one word after an organisation noun ("Chama cha
    // Jubilee cha Uhuru Kenyatta"): that word is not part of a person's name anywhere in the
    // article ("katibu mkuu wa Jubilee Jeremia Kioni"). Only where the word stands alone, so
    // that "chama cha William Ruto" does not make "William" an organisation.
    let mut organisation_words: FastSet<&str> = FastSet::default();
    if !grammar.organisation_nouns.is_empty() {
        for s in &ctx.seg.sentences {
            for i in s.tokens.clone() {
                let Some(n) = ctx.any_phrase_at(i, s.tokens.end, &grammar.organisation_nouns)
                else {
                    continue;
                };
                let k = i + n;
                if k < s.tokens.end && name_like(k) && !(k + 1 < s.tokens.end && name_like(k + 1)) {
                    organisation_words.insert(ctx.folded_tokens[k].as_str());
                }
            }
        }
    }
    let mut name_tokens: Vec<bool> = (0..ctx.seg.tokens.len())
        .map(|i| name_like(i) && !organisation_words.contains(ctx.folded_tokens[i].as_str()))
        .collect();
    // A regnal number after a name is part of it ("Papa Paul VI", "John Paul II", "Charles
    // III"): without it two popes or kings share a name. Not "I", mostly the English pronoun.
    for i in 1..name_tokens.len() {
        if name_tokens[i - 1] && !name_tokens[i] && is_regnal_number(ctx.tok(i)) {
            name_tokens[i] = true;
        }
    }
    let is_name_token = |i: usize| name_tokens[i];
    // A name: up to four capitalised words, with lower-case particles inside
    // (`Ursula von der Leyen`, `Lula da Silva`).
    let name_run = |start: usize, end: usize| -> usize {
        let mut j = start;
        let mut words = 0;
        while j < end && words < 4 {
            if is_name_token(j) {
                j += 1;
                words += 1;
                continue;
            }
            let mut k = j;
            while k < end && k - j < 2 && particles.contains(&ctx.folded_tokens[k]) {
                k += 1;
            }
            if words > 0 && k > j && k < end && is_name_token(k) {
                j = k;
                continue;
            }
            break;
        }
        j - start
    };
    let entity_of = |i: usize, kinds: &[EntityKind]| -> Option<(usize, usize)> {
        let m = ctx.match_at(i)?;
        match m.target {
            MatchTarget::Entity(e) | MatchTarget::Demonym(e)
                if kinds.contains(&ctx.lex.entities[e].kind) =>
            {
                Some((e, m.tokens.end))
            }
            _ => None,
        }
    };
    let org_kinds = [EntityKind::State, EntityKind::Alliance];
    // Offices followed by a comma and another office, by the first token of the second: its
    // holder holds both (title, organisation tokens, former, title as written).
    let mut stacked: FastMap<usize, Stacked> = FastMap::default();

    for (si, s) in ctx.seg.sentences.iter().enumerate() {
        let end = s.tokens.end;
        // Title-led names.
        for m in &ctx.matches[ctx.matches_starting_in(&s.tokens)] {
            let MatchTarget::Title(title) = m.target else {
                continue;
            };
            if m.tokens.start < s.tokens.start || m.tokens.end > end {
                continue;
            }
            let mut j = m.tokens.end;
            let mut org: Option<Range<usize>> = None;
            // English: "NATO Secretary General X", "Japanese Foreign Minister X", "Kenya's President X".
            if m.tokens.start > s.tokens.start {
                let mut p = m.tokens.start;
                // "Kenya's former President X": the former office is still the state's.
                if let Some(k) = (s.tokens.start + 1..p)
                    .rev()
                    .take(2)
                    .find(|&k| ctx.any_phrase_at(k, p, &grammar.former) == Some(p - k))
                {
                    p = k;
                }
                if p > s.tokens.start + 1
                    && ctx.any_phrase_at(p - 1, p, &grammar.possessives).is_some()
                {
                    p -= 1;
                }
                if let Some(ci) = ctx.covered[p - 1] {
                    let pm = &ctx.matches[ci];
                    if pm.tokens.end == p && entity_of(pm.tokens.start, &org_kinds).is_some() {
                        org = Some(pm.tokens.clone());
                    }
                }
            }
            // "Rais Mstaafu", "Rais wa zamani": a former office; "Rais mpya", "waziri mkuu wa
            // sasa": words that qualify the office without changing whose it is.
            let mut former_after = false;
            loop {
                if let Some(n) = ctx.any_phrase_at(j, end, &grammar.former) {
                    former_after = true;
                    j += n;
                } else if let Some(n) = ctx.any_phrase_at(j, end, &grammar.title_modifiers) {
                    j += n;
                } else {
                    break;
                }
            }
            // "mkuu huyo wa NATO": a demonstrative between the office and its organisation
            // refers back as one after both does.
            let mut demonstrative_inside = false;
            if let Some(d) = ctx.any_phrase_at(j, end, &grammar.demonstratives) {
                if let Some(n) = ctx.any_phrase_at(j + d, end, &grammar.of) {
                    if entity_of(j + d + n, &org_kinds).is_some() {
                        demonstrative_inside = true;
                        j += d;
                    }
                }
            }
            // "wa Japan", "of Japan", "of the African Union"; then "nchini Japan" (where, not
            // whose).
            if let Some(n) = ctx.any_phrase_at(j, end, &grammar.of) {
                let a = ctx
                    .any_phrase_at(j + n, end, &grammar.articles)
                    .unwrap_or(0);
                let found = entity_of(j + n, &org_kinds)
                    .map(|(_, e_end)| (j + n, e_end))
                    .or_else(|| {
                        let st = j + n + a;
                        (a > 0).then(|| entity_of(st, &org_kinds).map(|(_, e_end)| (st, e_end)))?
                    });
                if let Some((o_start, e_end)) = found {
                    org = Some(o_start..e_end);
                    j = e_end;
                }
            }
            if let Some(n) = ctx.any_phrase_at(j, end, &grammar.located_in) {
                if let Some((_, e_end)) = entity_of(j + n, &org_kinds) {
                    j = e_end;
                }
            }
            // "Rais wa Niger President Issoufou Mahamadou": the same office written again (in
            // another language) before the name.
            if let Some(again) = ctx.covered[j.min(end.saturating_sub(1))]
                .map(|ci| &ctx.matches[ci])
                .filter(|am| am.tokens.start == j && am.tokens.end <= end)
            {
                let titles = ctx.lex.titles(ctx.lang);
                if let MatchTarget::Title(t2) = again.target {
                    let same = |a: usize| titles.get(a).map(|t| fold(&t.en));
                    if same(t2).is_some() && same(t2) == same(title) && org.is_some() {
                        j = again.tokens.end;
                    }
                }
            }
            let mut comma = false;
            if j < end && ctx.tok(j) == "," {
                j += 1;
                comma = true;
            }
            // "Rais Dkt. Samia Suluhu Hassan", "aliyekuwa rais wa Tanzania, Hayati John
            // Magufuli": honorifics between the office and the name; `Hayati` (the late) makes
            // the office former.
            let mut h = j;
            while h < end && honorific[h] {
                h += 1;
            }
            if h > j && h < end && !used[h] && name_run(h, end) > 0 {
                former_after |= (j..h).any(|k| ctx.any_phrase_at(k, h, &grammar.former).is_some());
                j = h;
            }
            let mut n = name_run(j, end);
            if n == 0 && !comma {
                // Apposition after a longer description:
                // "afisa wa Kituo cha Utafiti …, Kim Seol-hwa, alisema".
                if ctx.any_phrase_at(j, end, &grammar.of).is_some() {
                    let limit = (j + 14).min(end);
                    if let Some(c) = (j..limit).find(|&k| ctx.tok(k) == ",") {
                        let n2 = name_run(c + 1, end);
                        if n2 >= 2
                            && (c + 1 + n2 == end || matches!(ctx.tok(c + 1 + n2), "," | "." | ")"))
                        {
                            j = c + 1;
                            n = n2;
                            org = None;
                        }
                    }
                }
            }
            if n == 0 || used[j] {
                // An office without a name ("Katibu Mkuu wa NATO alisema") stands for a person:
                // its organisation is not an actor of the sentence.
                if let Some(r) = &org {
                    attach_org.push(r.clone());
                }
                // "Mwenyekiti wa Umoja wa Afrika, Rais Felix Tshisekedi wa DRC": a second
                // office after the comma; the name after it holds both.
                if n == 0 && comma && org.is_some() {
                    if let Some(next) = ctx.match_at(j).filter(|nm| {
                        matches!(nm.target, MatchTarget::Title(_)) && nm.tokens.end <= end
                    }) {
                        stacked.insert(
                            next.tokens.start,
                            (
                                title,
                                org.clone(),
                                former_after,
                                span_text(ctx, m.tokens.clone()),
                            ),
                        );
                        continue;
                    }
                }
                // "Muhammadu Buhari, rais wa Nigeria", "Angela Merkel kama kansela wa
                // Ujerumani": the office of the name just before (linked once all names are
                // found, below).
                if n == 0 && m.tokens.start > s.tokens.start + 1 {
                    // Ordinals before the office ("was the first president of") are skipped.
                    let mut t0 = m.tokens.start;
                    for _ in 0..2 {
                        if let Some(w) = (1..=2)
                            .filter(|&w| t0 > s.tokens.start + w)
                            .find(|&w| ctx.any_phrase_at(t0 - w, t0, &grammar.ordinals) == Some(w))
                        {
                            t0 -= w;
                        }
                    }
                    // The token that starts the longest phrase of `list` ending at the office.
                    let phrase_before = |list: &Phrases| {
                        (1..=4)
                            .rev()
                            .filter(|&w| t0 > s.tokens.start + w)
                            .find(|&w| ctx.any_phrase_at(t0 - w, t0, list) == Some(w))
                            .map(|w| t0 - w)
                    };
                    // A comma or an appositive phrase ending at the title ("kama", "alichaguliwa
                    // kuwa"); a copula only before an office with its state or alliance ("ni
                    // rais wa Tanzania", "was the president of Malawi"), a past one making it
                    // former.
                    let found = if ctx.tok(t0 - 1) == "," {
                        Some((t0 - 1, false))
                    } else if let Some(k) = phrase_before(&grammar.appositive) {
                        Some((k, false))
                    } else if org.is_some() {
                        phrase_before(&grammar.past_copula_appositive)
                            .map(|k| (k, true))
                            .or_else(|| {
                                phrase_before(&grammar.copula_appositive).map(|k| (k, false))
                            })
                    } else {
                        None
                    };
                    if let Some((mut k, past)) = found {
                        // "Macky Sall, ambaye ni Mwenyekiti wa …": a comma between the name
                        // and the appositive words.
                        if ctx.tok(k) != "," && k > s.tokens.start + 1 && ctx.tok(k - 1) == "," {
                            k -= 1;
                        }
                        appositions.push((k, title, org.clone(), former_after || past, si));
                    }
                }
                if n == 0 {
                    let after = ctx.any_phrase_at(j, end, &grammar.demonstratives);
                    let before = m.tokens.start > s.tokens.start
                        && ctx
                            .any_phrase_at(
                                m.tokens.start - 1,
                                m.tokens.start,
                                &grammar.demonstratives_before,
                            )
                            .is_some();
                    let anaphoric = after.is_some() || before || demonstrative_inside;
                    // "hakuchelea kumpongeza rais mteule", "jenerali anajaribu": with no article
                    // in the language, a bare office refers to its holder (resolved only when
                    // the article gives that office to one person). Not a generic one ("mkuu").
                    let definite = grammar.bare_offices
                        && ctx
                            .lex
                            .titles(ctx.lang)
                            .get(title)
                            .is_some_and(|t| !t.generic);
                    if org.is_some() || anaphoric || definite {
                        let start = org
                            .as_ref()
                            .map_or(m.tokens.start, |r| r.start.min(m.tokens.start));
                        // "Rais wa Zimbabwe, ambaye …, hakuchelea": the comma looked past for a
                        // name is not part of the phrase (the verb after the parenthesis must
                        // find the phrase's end right before a comma).
                        let stop = match after {
                            Some(a) => j + a,
                            None => j - usize::from(comma),
                        }
                        .max(m.tokens.end);
                        out.mentions.push(Mention {
                            tokens: start..stop,
                            sentence: si,
                            kind: MentionKind::Role {
                                title,
                                org: org.clone(),
                                anaphoric,
                            },
                            attached: false,
                            via: Via::Name,
                        });
                    }
                }
                continue;
            }
            let name_end = j + n;
            // "Rais Felix Tshisekedi wa DRC", "President Cyril Ramaphosa of South Africa".
            if org.is_none() {
                if let Some(k) = ctx.any_phrase_at(name_end, end, &grammar.of) {
                    if let Some((_, e_end)) = entity_of(name_end + k, &org_kinds) {
                        org = Some(name_end + k..e_end);
                    }
                }
            }
            let name = span_text(ctx, j..name_end);
            used[j..name_end].fill(true);
            let person = out.mentions.len();
            out.mentions.push(Mention {
                tokens: j..name_end,
                sentence: si,
                kind: MentionKind::Person(name),
                attached: false,
                via: Via::Name,
            });
            let org_mention = org.and_then(|r| entity_at.get(&r).copied());
            // Demonyms are not mentions of their own; add the state as an attached mention.
            let org_mention = org_mention.or_else(|| {
                let r = org_range_demonym(ctx, m.tokens.start, s.tokens.start)?;
                let e = match ctx.match_at(r.start)?.target {
                    MatchTarget::Demonym(e) => e,
                    _ => return None,
                };
                entity_at.entry(r.clone()).or_insert(out.mentions.len());
                out.mentions.push(Mention {
                    tokens: r,
                    sentence: si,
                    kind: MentionKind::Entity(e),
                    attached: true,
                    via: Via::Demonym,
                });
                Some(out.mentions.len() - 1)
            });
            if let Some(o) = org_mention {
                out.mentions[o].attached = true;
            }
            let former = former_after
                || (m.tokens.start.saturating_sub(2)..m.tokens.start)
                    .filter(|&k| k >= s.tokens.start)
                    .any(|k| {
                        ctx.any_phrase_at(k, m.tokens.start, &grammar.former)
                            .is_some()
                    });
            out.positions.push(Position {
                person,
                org: org_mention,
                title,
                title_text: span_text(ctx, m.tokens.clone()),
                former,
                sentence: si,
            });
            if let Some((t1, org1, former1, text1)) = stacked.remove(&m.tokens.start) {
                let org1 = org1.and_then(|r| entity_at.get(&r).copied());
                if let Some(o) = org1 {
                    out.mentions[o].attached = true;
                }
                out.positions.push(Position {
                    person,
                    org: org1,
                    title: t1,
                    title_text: text1,
                    former: former1,
                    sentence: si,
                });
            }
        }
        // Honorific-led names: "Bw. Kishida", "Dkt. Tedros". A spouse word introduces a name
        // the same way ("kwa mkewe Sujata Mondal Khan": the whole name, given name and all).
        for i in s.tokens.clone() {
            let j = if honorific[i] {
                i + 1
            } else if let Some(n) = ctx.any_phrase_at(i, end, &grammar.spouse_words) {
                i + n
            } else {
                continue;
            };
            let n = if j < end { name_run(j, end) } else { 0 };
            if n == 0 || used[j] {
                continue;
            }
            used[j..j + n].fill(true);
            out.mentions.push(Mention {
                tokens: j..j + n,
                sentence: si,
                kind: MentionKind::Person(span_text(ctx, j..j + n)),
                attached: false,
                via: Via::Name,
            });
        }
    }

    // Alliances and states referred back to ("muungano huo", "the alliance").
    for (si, s) in ctx.seg.sentences.iter().enumerate() {
        for i in s.tokens.clone() {
            for (kind, list, plural) in [
                (EntityKind::State, &grammar.plural_state_anaphora, true),
                (EntityKind::Alliance, &grammar.alliance_anaphora, false),
                (EntityKind::State, &grammar.state_anaphora, false),
            ] {
                if let Some(n) = ctx.any_phrase_at(i, s.tokens.end, list) {
                    if ctx.covered[i].is_none() && !used[i] {
                        used[i..i + n].fill(true);
                        out.mentions.push(Mention {
                            tokens: i..i + n,
                            sentence: si,
                            kind: if plural {
                                MentionKind::Plural(kind)
                            } else {
                                MentionKind::Anaphor(kind)
                            },
                            attached: false,
                            via: Via::Name,
                        });
                    }
                }
            }
        }
    }
    // The statistical tagger: people the rules did not find, organisations and places the
    // lexicon does not know. Lexicon matches and rule-found names take precedence.
    if let Some(tagger) = tagger {
        let org_heads = &ctx.lex.grammar(Lang::En).sets.organisation_heads;
        let rule_names = person_words(&out.mentions);
        let sentences: Vec<Vec<&str>> = ctx
            .seg
            .sentences
            .iter()
            .map(|s| s.tokens.clone().map(|i| ctx.tok(i)).collect())
            .collect();
        let mut tags: Vec<Vec<Tag>> = Vec::with_capacity(sentences.len());
        TAGGER_WORKSPACE.with_borrow_mut(|ws| {
            tagger.tag_document_with(&sentences, ws, |_, t| tags.push(t.to_vec()))
        });
        for (si, (s, tags)) in ctx.seg.sentences.iter().zip(&tags).enumerate() {
            for sp in spans(tags) {
                let (mut a, mut b) = (s.tokens.start + sp.start, s.tokens.start + sp.end);
                if (a..b).any(|k| used[k] || ctx.covered[k].is_some()) {
                    continue;
                }
                let kind = match sp.kind {
                    EntityType::Per => {
                        // Trim what is not a name (titles, honorifics) at the edges.
                        while a < b && !is_name_token(a) {
                            a += 1;
                        }
                        while b > a && !is_name_token(b - 1) {
                            b -= 1;
                        }
                        if a == b {
                            continue;
                        }
                        // "Pew Research Center", "Liverpool Echo": a name ending in a word for
                        // an organisation is the organisation's (the tagger reads them as
                        // people). English words in both languages: the press names such
                        // bodies in English.
                        let last = &ctx.folded_tokens[b - 1];
                        if b - a >= 2 && org_heads.contains(last) {
                            used[a..b].fill(true);
                            out.mentions.push(Mention {
                                tokens: a..b,
                                sentence: si,
                                kind: MentionKind::Named(
                                    EntityKind::Organisation,
                                    span_text(ctx, a..b),
                                ),
                                attached: false,
                                via: Via::Name,
                            });
                            continue;
                        }
                        used[a..b].fill(true);
                        out.mentions.push(Mention {
                            tokens: a..b,
                            sentence: si,
                            kind: MentionKind::Person(span_text(ctx, a..b)),
                            attached: false,
                            via: Via::Name,
                        });
                        continue;
                    }
                    EntityType::Org => EntityKind::Organisation,
                    EntityType::Loc => EntityKind::Place,
                    EntityType::Date => continue,
                };
                // A surname the rules already know is that person, not a place ("alikutana na
                // Stoltenberg mjini Brussels").
                if !ctx.tok(a).chars().next().is_some_and(char::is_uppercase)
                    || (a..b).all(|k| rule_names.contains(&ctx.folded_tokens[k]))
                    || (a..b).all(|k| calendar.contains(&ctx.folded_tokens[k]))
                {
                    continue;
                }
                used[a..b].fill(true);
                out.mentions.push(Mention {
                    tokens: a..b,
                    sentence: si,
                    kind: MentionKind::Named(kind, span_text(ctx, a..b)),
                    attached: false,
                    via: Via::Name,
                });
            }
        }
    }
    // Offices in apposition to a name found by any means. (The first person mention ending
    // at each token, looked up rather than searched for each office.)
    let mut person_ending_at: FastMap<usize, usize> = FastMap::default();
    if !appositions.is_empty() {
        for (i, m) in out.mentions.iter().enumerate() {
            if matches!(m.kind, MentionKind::Person(_)) {
                person_ending_at.entry(m.tokens.end).or_insert(i);
            }
        }
    }
    for (k, title, org, former, si) in appositions {
        let Some(&person) = person_ending_at.get(&k) else {
            continue;
        };
        let org_mention = org.as_ref().and_then(|r| entity_at.get(r).copied());
        // The title starts right after the comma or the (up to three-word) appositive phrase.
        let title_tokens = ctx.matches[ctx.matches_starting_in(&(k + 1..k + 7))]
            .iter()
            .find(|m| m.target == MatchTarget::Title(title) && m.tokens.start > k);
        // "Hayati John Magufuli, rais wa …": the late holder's office is former.
        let p0 = out.mentions[person].tokens.start;
        let late = (p0.saturating_sub(2)..p0)
            .filter(|&b| b >= ctx.seg.sentences[si].tokens.start)
            .any(|b| ctx.any_phrase_at(b, p0, &grammar.former) == Some(p0 - b));
        out.positions.push(Position {
            person,
            org: org_mention,
            title,
            title_text: title_tokens.map_or_else(String::new, |m| span_text(ctx, m.tokens.clone())),
            former: former || late,
            sentence: si,
        });
    }
    leader_lists(ctx, &mut out, &entity_at);
    // Later mentions of a known person by part of the name ("Kishida", "Kim"), anywhere.
    let known = person_words(&out.mentions);
    for (si, s) in ctx.seg.sentences.iter().enumerate() {
        let mut i = s.tokens.start;
        while i < s.tokens.end {
            // The longest run of known name words starting here ("Baadaye Rutte" → "Rutte").
            let n = (i..i + name_run(i, s.tokens.end))
                .take_while(|&t| !used[t] && known.contains(&ctx.folded_tokens[t]))
                .count();
            if n > 0 {
                used[i..i + n].fill(true);
                out.mentions.push(Mention {
                    tokens: i..i + n,
                    sentence: si,
                    kind: MentionKind::Person(span_text(ctx, i..i + n)),
                    attached: false,
                    via: Via::Name,
                });
            }
            i += n.max(1);
        }
    }
    let attach_org: FastSet<Range<usize>> = attach_org.into_iter().collect();
    for m in &mut out.mentions {
        if attach_org.contains(&m.tokens) {
            m.attached = true;
        }
    }
    // Keep positions pointing at the right mentions after sorting.
    let mut order: Vec<usize> = (0..out.mentions.len()).collect();
    order.sort_by_key(|&i| (out.mentions[i].tokens.start, out.mentions[i].tokens.end));
    let mut new_index = vec![0; order.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut unsorted: Vec<Option<Mention>> = std::mem::take(&mut out.mentions)
        .into_iter()
        .map(Some)
        .collect();
    out.mentions = order.iter().filter_map(|&i| unsorted[i].take()).collect();
    for p in &mut out.positions {
        p.person = new_index[p.person];
        p.org = p.org.map(|o| new_index[o]);
    }
    out
}

/// `viongozi … Julius Nyerere (Tanzania), Jomo Kenyatta (Kenya)`: in a sentence with a plural
/// noun for leaders, a person named right before a state in brackets is that state's leader.
fn leader_lists(ctx: &Ctx<'_>, out: &mut Recognised, entity_at: &FastMap<Range<usize>, usize>) {
    let grammar = ctx.lex.grammar(ctx.lang);
    if grammar.leader_lists.is_empty() {
        return;
    }
    let titles = ctx.lex.titles(ctx.lang);
    for (si, s) in ctx.seg.sentences.iter().enumerate() {
        // Most sentences have no bracket: settle those before looking for a cue.
        if !s.tokens.clone().any(|i| ctx.tok(i) == "(") {
            continue;
        }
        let Some(list) = grammar.leader_lists.iter().find(|l| {
            s.tokens
                .clone()
                .any(|i| ctx.phrase_at(i, s.tokens.end, &l.cue).is_some())
        }) else {
            continue;
        };
        let wanted = fold(&list.title);
        let Some(title) = titles.iter().position(|t| fold_eq(&t.text, &wanted)) else {
            continue;
        };
        for person in 0..out.mentions.len() {
            let m = &out.mentions[person];
            let b = m.tokens.end;
            // The tagger takes "Name (State)" for an organisation's or a place's name; in a
            // list of leaders a name of two words or more is a person's.
            let named = match &m.kind {
                MentionKind::Person(_) => true,
                MentionKind::Named(EntityKind::Organisation | EntityKind::Place, name) => {
                    m.tokens.len() >= 2
                        && name
                            .split_whitespace()
                            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
                }
                _ => false,
            };
            if m.sentence != si || !named || b + 2 >= s.tokens.end || ctx.tok(b) != "(" {
                continue;
            }
            let Some(state) = ctx.match_at(b + 1).filter(|sm| {
                matches!(sm.target, MatchTarget::Entity(e) if ctx.lex.entities[e].kind == EntityKind::State)
                    && sm.tokens.end < s.tokens.end
                    && ctx.tok(sm.tokens.end) == ")"
            }) else {
                continue;
            };
            let Some(&org) = entity_at.get(&state.tokens) else {
                continue;
            };
            if out.positions.iter().any(|p| p.person == person) {
                continue;
            }
            if let MentionKind::Named(_, name) = &out.mentions[person].kind {
                out.mentions[person].kind = MentionKind::Person(name.clone());
            }
            out.mentions[org].attached = true;
            out.positions.push(Position {
                person,
                org: Some(org),
                title,
                title_text: list.title.clone(),
                former: false,
                sentence: si,
            });
        }
    }
}

fn org_range_demonym(ctx: &Ctx<'_>, title_start: usize, sent_start: usize) -> Option<Range<usize>> {
    if title_start == sent_start {
        return None;
    }
    let ci = ctx.covered[title_start - 1]?;
    let m = &ctx.matches[ci];
    matches!(m.target, MatchTarget::Demonym(_)).then(|| m.tokens.clone())
}

/// Is the seat of power at `tokens` the subject of a verb ("Beijing imekashifu", "Washington
/// said") rather than a location ("mjini Beijing", "in Washington")?
fn used_as_actor(ctx: &Ctx<'_>, tokens: Range<usize>, sentence: Range<usize>) -> bool {
    let g = ctx.lex.grammar(ctx.lang);
    let before = tokens.start.saturating_sub(2).max(sentence.start)..tokens.start;
    if before
        .clone()
        .any(|k| ctx.any_phrase_at(k, tokens.start, &g.locatives).is_some())
    {
        return false;
    }
    let Some(next) = (tokens.end < sentence.end).then(|| &ctx.folded_tokens[tokens.end]) else {
        return false;
    };
    match ctx.lang {
        Lang::Sw => {
            let m = &ctx.lex.triggers.morphology;
            // A finite verb: subject marker + tense marker + at least a short stem.
            m.subject.iter().any(|sm| {
                next.strip_prefix(sm.as_str()).is_some_and(|rest| {
                    g.actor_tenses.iter().any(|tm| {
                        rest.strip_prefix(tm.as_str())
                            .is_some_and(|st| st.len() >= 3)
                    })
                })
            })
        }
        Lang::En => {
            g.actor_verbs.iter().any(|v| fold_eq(v, next))
                || ctx.lex.triggers.en.iter().any(|t| {
                    t.forms
                        .iter()
                        .any(|f| f.split_whitespace().next().map(fold).as_ref() == Some(next))
                })
        }
    }
}

/// An office written after a name ("Muhammadu Buhari, rais wa Nigeria"): the token before the
/// office, the title, the organisation's tokens, whether it is former, the sentence.
type Apposition = (usize, usize, Option<Range<usize>>, bool, usize);

/// A roman numeral other than I (up to XXXIX), as written after a monarch's or pope's name.
fn is_regnal_number(t: &str) -> bool {
    let numeral = !t.is_empty()
        && t.len() <= 5
        && t.bytes().all(|b| matches!(b, b'I' | b'V' | b'X'))
        && !t.contains("IIII")
        && !t.contains("VV");
    numeral && t != "I"
}

/// An office followed by a comma and a second office ("Mwenyekiti wa AU, Rais X wa DRC"): the
/// title, the organisation's tokens, whether it is former, the title as written.
type Stacked = (usize, Option<Range<usize>>, bool, String);

/// The folded words of every person's name found so far.
fn person_words(mentions: &[Mention]) -> FastSet<String> {
    mentions
        .iter()
        .filter_map(|m| match &m.kind {
            MentionKind::Person(n) => Some(n.split_whitespace().map(fold)),
            _ => None,
        })
        .flatten()
        .collect()
}

/// The text of a token range, as written.
pub(crate) fn span_text(ctx: &Ctx<'_>, r: Range<usize>) -> String {
    let s = ctx.seg.tokens[r.start].start;
    let e = ctx.seg.tokens[r.end - 1].end;
    ctx.text[s..e].to_string()
}
