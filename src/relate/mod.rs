//! Relate stage: relation facts between resolved entities — offices from the titles written
//! around names, memberships from lists after an alliance, and events from trigger verbs
//! (Swahili verb stems with their morphology, English word forms). A negated verb never makes
//! the positive edge.

mod dates;
mod verbs;

pub use dates::{date_in, Ymd};

pub use verbs::{in_tense, match_verb, VerbMatch};

use crate::graph::Relation;
use crate::lexicon::{EntityKind, LabelTrigger, MatchTarget};
use crate::recognise::{Ctx, MentionKind, Recognised, Via};
use crate::resolve::Resolved;
use crate::text::{Lang, Sentence};
use rustc_hash::FxHashMap;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// A relation between two entities of the article (indices into `Resolved::entities`).
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    /// The relation.
    pub relation: Relation,
    /// Subject entity.
    pub subject: usize,
    /// Object entity.
    pub object: usize,
    /// Sentence index.
    pub sentence: usize,
    /// The rule that made it.
    pub rule: &'static str,
    /// 0–1.
    pub confidence: f64,
    /// Title as written and in English (positions).
    pub title: Option<(String, String)>,
    /// CAMEO code.
    pub cameo: Option<String>,
    /// When the text dates the event (xsd:date / gYearMonth / gYear lexical form).
    pub date: Option<String>,
    /// A past office (`aliyekuwa Rais`, `former President`).
    pub former: bool,
}

/// Extracts the relation facts of an article; `published` resolves relative dates.
pub(crate) fn relate(
    ctx: &Ctx<'_>,
    rec: &Recognised,
    res: &Resolved,
    published: Option<Ymd>,
) -> Vec<Fact> {
    let mut facts = Vec::new();
    positions(ctx, rec, res, &mut facts);
    article_offices(ctx, rec, res, &mut facts);
    deputies(ctx, rec, res, &mut facts);
    memberships(ctx, rec, res, &mut facts);
    members_before_cue(ctx, rec, res, &mut facts);
    events(ctx, rec, res, published, &mut facts);
    if ctx.lang == Lang::Sw {
        nominal(ctx, rec, res, published, &mut facts);
        judgements(ctx, rec, res, published, &mut facts);
        accusations(ctx, rec, res, published, &mut facts);
        threats(ctx, rec, res, published, &mut facts);
    }
    facts
}

fn entity_kind(ctx: &Ctx<'_>, rec: &Recognised, mention: usize) -> Option<EntityKind> {
    match rec.mentions[mention].kind {
        MentionKind::Entity(e) => Some(ctx.lex.entities[e].kind),
        MentionKind::Anaphor(k) | MentionKind::Named(k, _) | MentionKind::Plural(k) => Some(k),
        MentionKind::Person(_) | MentionKind::Role { .. } => None,
    }
}

/// The mentions of sentence `si`, as indices: mentions are in text order, so those of one
/// sentence are one run of them, found by binary search instead of a scan of the article.
fn mentions_of(rec: &Recognised, si: usize) -> Range<usize> {
    let a = rec.mentions.partition_point(|m| m.sentence < si);
    a..a + rec.mentions[a..].partition_point(|m| m.sentence <= si)
}

/// The mentions of sentences `from..=to`, as indices.
fn mentions_of_sentences(rec: &Recognised, from: usize, to: usize) -> Range<usize> {
    let a = rec.mentions.partition_point(|m| m.sentence < from);
    a..a + rec.mentions[a..].partition_point(|m| m.sentence <= to)
}

/// The mentions that cover token `k` (only those of its sentence can).
fn covering<'r>(
    ctx: &Ctx<'_>,
    rec: &'r Recognised,
    k: usize,
) -> impl Iterator<Item = &'r crate::recognise::Mention> {
    let si = ctx.seg.sentences.partition_point(|s| s.tokens.end <= k);
    rec.mentions[mentions_of(rec, si)]
        .iter()
        .filter(move |m| m.tokens.contains(&k))
}

/// The first mention (in order) starting at token `k` and satisfying `f`.
fn first_at(
    rec: &Recognised,
    k: usize,
    f: impl Fn(&crate::recognise::Mention) -> bool,
) -> Option<usize> {
    let from = rec.mentions.partition_point(|m| m.tokens.start < k);
    rec.mentions[from..]
        .iter()
        .take_while(|m| m.tokens.start == k)
        .position(f)
        .map(|i| from + i)
}

fn positions(ctx: &Ctx<'_>, rec: &Recognised, res: &Resolved, facts: &mut Vec<Fact>) {
    // Offices written around a name first: where a role phrase resolves to the same holder
    // in the same sentence ("Benjamin Mkapa, aliyekuwa rais wa Tanzania"), the edge keeps
    // the office's own reading (former, confidence), as the first of equal edges is kept.
    for p in &rec.positions {
        let Some(org) = p.org else { continue };
        let (Some(s), Some(o)) = (res.mention_entity[p.person], res.mention_entity[org]) else {
            continue;
        };
        let title = &ctx.lex.titles(ctx.lang)[p.title];
        facts.push(Fact {
            relation: Relation::HoldsPositionIn,
            subject: s,
            object: o,
            sentence: p.sentence,
            rule: if p.former {
                "position:former-title-of-entity"
            } else {
                "position:title-of-entity"
            },
            confidence: 0.9,
            title: Some((p.title_text.clone(), title.en.clone())),
            cameo: None,
            date: None,
            // Written as `ng:former true`: the office is past, the edge is still a position.
            former: p.former,
        });
    }
    // "Waziri Mkuu wa Japan" resolved to the article's Waziri Mkuu: that office is in Japan.
    for (mi, m) in rec.mentions.iter().enumerate() {
        let MentionKind::Role {
            title,
            org: Some(org),
            ..
        } = &m.kind
        else {
            continue;
        };
        let t = &ctx.lex.titles(ctx.lang)[*title];
        if t.generic {
            continue;
        }
        let org_entity =
            crate::resolve::entity_mention_at(rec, org).and_then(|o| res.mention_entity[o]);
        let (Some(s), Some(o)) = (res.mention_entity[mi], org_entity) else {
            continue;
        };
        let title_tokens = m.tokens.clone();
        facts.push(Fact {
            relation: Relation::HoldsPositionIn,
            subject: s,
            object: o,
            sentence: m.sentence,
            rule: "position:role-phrase",
            confidence: 0.7,
            title: Some((
                crate::recognise::span_text(ctx, title_tokens)
                    .split_whitespace()
                    .take(t.text.split_whitespace().count())
                    .collect::<Vec<_>>()
                    .join(" "),
                t.en.clone(),
            )),
            cameo: None,
            date: None,
            former: false,
        });
    }
}

/// Tokens that may stand between the items of a list of actors.
fn is_list_glue(ctx: &Ctx<'_>, rec: &Recognised, i: usize) -> bool {
    let g = ctx.lex.grammar(ctx.lang);
    let t = &ctx.folded_tokens[i];
    t == ","
        || g.sets.list_glue.contains(t.as_str())
        || ctx.covered[i].is_some_and(|m| matches!(ctx.matches[m].target, MatchTarget::Title(_)))
        || covering(ctx, rec, i).any(|m| m.attached)
}

fn memberships(ctx: &Ctx<'_>, rec: &Recognised, res: &Resolved, facts: &mut Vec<Fact>) {
    let g = ctx.lex.grammar(ctx.lang);
    for (ai, a) in rec.mentions.iter().enumerate() {
        if entity_kind(ctx, rec, ai) != Some(EntityKind::Alliance) {
            continue;
        }
        let Some(alliance) = res.mention_entity[ai] else {
            continue;
        };
        let sent = &ctx.seg.sentences[a.sentence];
        let end = sent.tokens.end;
        // The cue must follow the alliance within four tokens that name nothing else.
        let mut cue_end = None;
        for k in a.tokens.end..(a.tokens.end + 5).min(end) {
            if let Some(n) = ctx.any_phrase_at(k, end, &g.member_cues) {
                cue_end = Some(k + n);
                break;
            }
            if covering(ctx, rec, k).next().is_some() {
                break;
            }
        }
        let Some(mut k) = cue_end else { continue };
        let mut members = Vec::new();
        while k < end {
            if let Some(mi) = first_at(rec, k, |_| true) {
                if entity_kind(ctx, rec, mi) != Some(EntityKind::State) {
                    break;
                }
                if let Some(e) = res.mention_entity[mi] {
                    members.push(e);
                }
                k = rec.mentions[mi].tokens.end;
            } else if is_separator(ctx, k) {
                k += 1;
            } else {
                break;
            }
        }
        if members.len() >= 2 {
            for m in members {
                facts.push(Fact {
                    relation: Relation::MemberOf,
                    subject: m,
                    object: alliance,
                    sentence: a.sentence,
                    rule: "membership:alliance-cue-list",
                    confidence: 0.8,
                    title: None,
                    cameo: None,
                    date: None,
                    former: false,
                });
            }
        }
    }
}

fn is_separator(ctx: &Ctx<'_>, i: usize) -> bool {
    let g = ctx.lex.grammar(ctx.lang);
    let t = &ctx.folded_tokens[i];
    t == ","
        || t == ":"
        || g.and.iter().any(|w| crate::text::fold_eq(w, t))
        || g.articles.iter().any(|w| crate::text::fold_eq(w, t))
}

/// Actor mentions of a sentence: people, states, alliances and organisations named as such
/// (not a demonym, not the organisation of an office phrase, not a place).
fn actors(ctx: &Ctx<'_>, rec: &Recognised, sentence: usize) -> Vec<usize> {
    let run = mentions_of(rec, sentence);
    rec.mentions[run.clone()]
        .iter()
        .zip(run)
        .map(|(m, i)| (i, m))
        .filter(|(_, m)| m.sentence == sentence && !m.attached && m.via != Via::Demonym)
        .filter(|(i, _)| entity_kind(ctx, rec, *i) != Some(EntityKind::Place))
        .map(|(i, _)| i)
        .collect()
}

/// The kinds of entity a relation joins (SPEC.md's table): `None` is a person.
fn allowed(relation: Relation, kind: Option<EntityKind>, subject: bool) -> bool {
    use EntityKind::{Alliance, Organisation, State};
    match relation {
        Relation::MetWith => matches!(kind, None | Some(State)),
        Relation::CooperatesWith => matches!(kind, Some(State | Alliance)),
        Relation::SignedAgreementWith => matches!(kind, Some(State | Alliance)),
        Relation::Visited if !subject => matches!(kind, Some(State)),
        Relation::Appointed | Relation::Succeeded => kind.is_none(),
        Relation::MemberOf if subject => matches!(kind, Some(State)),
        Relation::MemberOf => matches!(kind, Some(Alliance)),
        _ => matches!(kind, None | Some(State | Alliance | Organisation)),
    }
}

/// The actors listed right after token `from` (`na Rais X na Waziri Y`).
fn list_after(
    ctx: &Ctx<'_>,
    rec: &Recognised,
    acts: &[usize],
    from: usize,
    end: usize,
) -> Vec<usize> {
    let mut out = Vec::new();
    let mut k = from;
    while k < end {
        if let Some(&a) = acts.iter().find(|&&a| rec.mentions[a].tokens.start == k) {
            out.push(a);
            k = rec.mentions[a].tokens.end;
        } else if is_list_glue(ctx, rec, k) {
            k += 1;
        } else {
            break;
        }
    }
    out
}

/// The actors listed right before token `to` (`Ruto na Museveni walikutana`), nearest last.
fn list_before(
    ctx: &Ctx<'_>,
    rec: &Recognised,
    acts: &[usize],
    to: usize,
    start: usize,
    max: usize,
) -> Vec<usize> {
    let g = ctx.lex.grammar(ctx.lang);
    let mut out = Vec::new();
    let mut k = to;
    let mut skipped = 0;
    while k > start && out.len() < max {
        if let Some(&a) = acts.iter().find(|&&a| rec.mentions[a].tokens.end == k) {
            if out.is_empty() && after_preposition(ctx, phrase_start(ctx, rec, a)) {
                // "… nchini Ukraine - walilaani": a place phrase, not the verb's subject.
                break;
            }
            out.push(a);
            k = rec.mentions[a].tokens.start;
            skipped = 0;
        } else if out.is_empty()
            && skipped < 3
            && (finite_agreement(ctx, k - 1).is_none() || is_auxiliary(ctx, k - 1))
            && ctx.any_phrase_at(k - 1, k, &g.coordinators).is_none()
        {
            // Adverbs between the subject and its verb ("Kishida pia alikutana"); a finite verb
            // in between has its own subject ("Israeli ilihitajika kuunga mkono"), and a verb
            // after "na" shares the subject of the clause it is joined to.
            k -= 1;
            skipped += 1;
        } else if !out.is_empty() && is_list_glue(ctx, rec, k - 1) {
            k -= 1;
        } else {
            break;
        }
    }
    out.reverse();
    out
}

struct Trigger<'a> {
    relation: Relation,
    span: Range<usize>,
    /// The object written inside a multi-word trigger (`kuiwekea nchi hiyo vikwazo`,
    /// `kumuunga Ruto mkono`), as a mention index.
    inner: Option<usize>,
    negative: bool,
    then: Option<&'a str>,
    reciprocal: bool,
    passive: bool,
    cameo: Option<String>,
    /// The verb carries a singular person's object marker (`ali-m-tembelea`).
    person_object: bool,
    /// The verb carries a first-person plural object marker (`ku-tu-tembelea`: to visit us).
    us_object: bool,
    /// The other party is the first actor of the infinitive clause after the form
    /// (`threatened to cut ties with Niger`).
    clause_object: bool,
    /// A label (`akiitaja Rwanda kuwa 'adui'`): the object is inside it or only marked.
    label: bool,
    /// The label's object is an act referred back to (`alitaja mpango huo kwamba ni upuzi`):
    /// the party labelled is its author, the person the narration was about before.
    act_back: bool,
    /// Both parties must be public: no person without an office in the article.
    public_parties: bool,
}

/// A Swahili trigger prepared for matching: its words split and folded once per article
/// rather than once per sentence.
struct SwCompiled<'a> {
    trigger: &'a crate::lexicon::SwTrigger,
    relation: Relation,
    /// The stem, or its spelling with a glide (`teuwa` for `teua`).
    stem: std::borrow::Cow<'a, str>,
    rest: Vec<String>,
    before: Vec<String>,
}

/// How many bytes at the end of a stem index the Swahili triggers. One byte was too few: 43 of
/// the 56 stems end in "a", as do most Swahili tokens, and comparing each such token with each
/// of them (`match_verb`, `memcmp`) was ~9 % of `extract`.
const STEM_TAIL: usize = 3;

/// The key of the last `STEM_TAIL` bytes of `bytes` (all of them when shorter), with their count.
fn tail_key(bytes: &[u8]) -> u32 {
    let tail = &bytes[bytes.len().saturating_sub(STEM_TAIL)..];
    tail.iter()
        .fold(tail.len() as u32, |key, &b| (key << 8) | u32::from(b))
}

/// The Swahili triggers of the lexicon, prepared, with for each ending of a stem the triggers
/// (indices, in lexicon order) whose stem ends with it: a token is only compared with the
/// stems it can end with.
struct SwTriggers<'a> {
    compiled: Vec<SwCompiled<'a>>,
    /// Keyed by `tail_key` of the stem.
    by_tail: FxHashMap<u32, Vec<usize>>,
    /// The lengths of those endings, without repeats: `STEM_TAIL` unless a stem is shorter.
    tail_lens: Vec<usize>,
}

impl SwTriggers<'_> {
    /// The triggers whose stem `token` may end with, in lexicon order (`buf` holds them when
    /// stems of several lengths end it).
    fn candidates<'s>(&'s self, token: &[u8], buf: &'s mut Vec<usize>) -> &'s [usize] {
        let mut found: Option<&'s [usize]> = None;
        buf.clear();
        for &n in &self.tail_lens {
            if token.len() < n {
                continue;
            }
            let Some(list) = self.by_tail.get(&tail_key(&token[token.len() - n..])) else {
                continue;
            };
            match found {
                None => found = Some(list),
                Some(first) => {
                    if buf.is_empty() {
                        buf.extend_from_slice(first);
                    }
                    buf.extend_from_slice(list);
                }
            }
        }
        if buf.is_empty() {
            found.unwrap_or(&[])
        } else {
            buf.sort_unstable();
            buf
        }
    }
}

impl<'a> SwTriggers<'a> {
    fn new(ctx: &'a Ctx<'_>) -> Self {
        let mut compiled = Vec::new();
        let mut by_tail: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
        let mut tail_lens = Vec::new();
        if ctx.lang != Lang::Sw {
            return SwTriggers {
                compiled,
                by_tail,
                tail_lens,
            };
        }
        for t in &ctx.lex.triggers.sw {
            let Some(relation) = Relation::from_name(&t.relation) else {
                continue;
            };
            let mut words = t.stem.split_whitespace();
            let Some(stem) = words.next() else { continue };
            let rest: Vec<String> = words.map(crate::text::fold).collect();
            let before: Vec<String> = t
                .before
                .as_deref()
                .map(crate::recognise::tokenize_phrase)
                .unwrap_or_default();
            let glided = ctx.lex.triggers.morphology.glides.iter().find_map(|g| {
                stem.strip_suffix(g.from.as_str())
                    .map(|base| std::borrow::Cow::Owned(format!("{base}{}", g.to)))
            });
            for stem in std::iter::once(std::borrow::Cow::Borrowed(stem)).chain(glided) {
                let n = stem.len().min(STEM_TAIL);
                if !tail_lens.contains(&n) {
                    tail_lens.push(n);
                }
                by_tail
                    .entry(tail_key(stem.as_bytes()))
                    .or_default()
                    .push(compiled.len());
                compiled.push(SwCompiled {
                    trigger: t,
                    relation,
                    stem,
                    rest: rest.clone(),
                    before: before.clone(),
                });
            }
        }
        SwTriggers {
            compiled,
            by_tail,
            tail_lens,
        }
    }
}

fn triggers_in<'a>(
    ctx: &'a Ctx<'_>,
    rec: &Recognised,
    sw: &SwTriggers<'a>,
    range: Range<usize>,
) -> Vec<Trigger<'a>> {
    let mut out = Vec::new();
    let end = range.end;
    match ctx.lang {
        Lang::Sw => {
            let m = &ctx.lex.triggers.morphology;
            // Token by token, each token against the triggers in lexicon order: after the
            // stable sort below, the same triggers win as when trigger by trigger.
            let mut buf = Vec::new();
            for i in range.clone() {
                let token = &ctx.folded_tokens[i];
                for &ci in sw.candidates(token.as_bytes(), &mut buf) {
                    let SwCompiled {
                        trigger: t,
                        relation,
                        stem,
                        rest,
                        before,
                    } = &sw.compiled[ci];
                    let relation = *relation;
                    let Some(vm) = match_verb(token, stem, m) else {
                        continue;
                    };
                    if !before.is_empty()
                        && (i < range.start + before.len()
                            || before
                                .iter()
                                .enumerate()
                                .any(|(k, w)| ctx.folded_tokens[i - before.len() + k] != *w))
                    {
                        continue;
                    }
                    let mut inner = None;
                    let span_end = match rest_end(ctx, rest, i + 1, end) {
                        Some(e) => e,
                        None => {
                            // "kuiwekea nchi hiyo vikwazo": the verb's object between the stem
                            // and the fixed words, when the other party is not introduced by a
                            // word. Honorifics and ranks before the name are not part of its
                            // mention ("kumshinikiza Bw. X kujiuzulu").
                            let object = (t.then.is_none() && !rest.is_empty())
                                .then(|| {
                                    first_at(rec, skip_ranks(ctx, i + 1, end), |m| !m.attached)
                                })
                                .flatten();
                            let Some((o, e)) = object.and_then(|o| {
                                rest_end(ctx, rest, rec.mentions[o].tokens.end, end).map(|e| (o, e))
                            }) else {
                                continue;
                            };
                            inner = Some(o);
                            e
                        }
                    };
                    let person_object = has_person_object(ctx, token, stem);
                    let us_object = has_marker_before(
                        token,
                        stem,
                        &ctx.lex.grammar(Lang::Sw).first_plural_object_markers,
                    );
                    // "watakutana" (will meet), "angemtembelea" (would visit): not told as done.
                    let unreal = in_tense(token, stem, &ctx.lex.grammar(Lang::Sw).unreal_tenses, m)
                        || (i > range.start && unreal_finite(ctx, i - 1))
                        || (i > range.start && is_infinitive(ctx, i) && denied_by(ctx, i - 1))
                        || asked(ctx, range.clone(), i)
                        || unreal_participle(ctx, range.start, i, token, stem);
                    out.push(Trigger {
                        relation,
                        span: i..span_end,
                        inner,
                        negative: vm.negative || unreal,
                        then: t.then.as_deref(),
                        reciprocal: t.reciprocal,
                        passive: t.passive,
                        cameo: t.cameo.clone(),
                        person_object,
                        us_object,
                        clause_object: false,
                        label: false,
                        act_back: false,
                        public_parties: t.public_parties,
                    });
                }
            }
            labels_in(ctx, rec, range.clone(), &mut out);
        }
        Lang::En => {
            let g = ctx.lex.grammar(Lang::En);
            for t in &ctx.lex.triggers.en {
                let Some(relation) = Relation::from_name(&t.relation) else {
                    continue;
                };
                for i in range.clone() {
                    let Some(n) = ctx.any_phrase_at(i, end, &t.forms) else {
                        continue;
                    };
                    let negative = (i.saturating_sub(3).max(range.start)..i)
                        .any(|k| ctx.any_phrase_at(k, i, &g.negation).is_some());
                    out.push(Trigger {
                        relation,
                        span: i..i + n,
                        inner: None,
                        negative,
                        then: None,
                        reciprocal: t.reciprocal,
                        passive: t.passive,
                        cameo: t.cameo.clone(),
                        person_object: false,
                        us_object: false,
                        clause_object: t.clause_object,
                        label: false,
                        act_back: false,
                        public_parties: false,
                    });
                }
            }
            // A form inside a longer one ("hosted" in "was hosted by") is that one's word.
            let spans: Vec<Range<usize>> = out.iter().map(|t| t.span.clone()).collect();
            out.retain(|t| {
                !spans.iter().any(|o| {
                    o.len() > t.span.len() && o.start <= t.span.start && t.span.end <= o.end
                })
            });
        }
    }
    // Overlapping forms ("met with" and "met"): keep the longest.
    out.sort_by_key(|t| (t.span.start, std::cmp::Reverse(t.span.len())));
    out.dedup_by(|b, a| b.span.start == a.span.start);
    out
}

/// Labels in `range` (Swahili): a verb of naming or regarding, its object (a mention right
/// after it, or a person's object marker), a cue and, within three words after it (quotes
/// skipped), a label noun — `akiitaja Rwanda kuwa 'adui'`, `akimwona kama 'mradi wa ubeberu'`.
fn labels_in<'a>(
    ctx: &'a Ctx<'_>,
    rec: &Recognised,
    range: Range<usize>,
    out: &mut Vec<Trigger<'a>>,
) {
    let m = &ctx.lex.triggers.morphology;
    let g = ctx.lex.grammar(ctx.lang);
    let end = range.end;
    let word = |k: usize| ctx.tok(k).chars().any(char::is_alphanumeric);
    // The labels' verb stems are folded when the lexicon is assembled (this runs for every
    // token of every Swahili sentence).
    let labels: Vec<(Relation, &LabelTrigger, &[String])> = ctx
        .lex
        .triggers
        .labels
        .iter()
        .filter_map(|l| Some((Relation::from_name(&l.relation)?, l, l.verbs.as_slice())))
        .collect();
    for i in range {
        let token = &ctx.folded_tokens[i];
        for (relation, l, stems) in &labels {
            let relation = *relation;
            let Some((stem, vm)) = stems
                .iter()
                .find_map(|stem| match_verb(token, stem, m).map(|vm| (stem, vm)))
            else {
                continue;
            };
            let stem: &str = stem;
            let person_object = has_person_object(ctx, token, stem);
            let inner = first_at(rec, i + 1, |x| !x.attached);
            // "alitaja mpango huo kwamba ni upuzi": an act noun and a demonstrative pointing
            // back to it.
            let act_back = (inner.is_none() && !person_object && i + 2 < end)
                .then(|| {
                    ctx.any_phrase_at(i + 1, i + 2, &g.act_nouns)?;
                    ctx.any_phrase_at(i + 2, end, &g.act_demonstratives)
                })
                .flatten();
            let mut j = match (inner, act_back) {
                (Some(o), _) => rec.mentions[o].tokens.end,
                (None, _) if person_object => i + 1,
                (None, Some(n)) => i + 2 + n,
                (None, None) => continue,
            };
            while j < end && !word(j) {
                j += 1;
            }
            let Some(n) = ctx.any_phrase_at(j, end, &l.cues) else {
                continue;
            };
            j += n;
            let mut words = 0;
            let mut found = None;
            while j < end && words < 3 {
                if !word(j) {
                    j += 1;
                    continue;
                }
                if let Some(n) = ctx.any_phrase_at(j, end, &l.nouns) {
                    found = Some(j + n);
                    break;
                }
                words += 1;
                j += 1;
            }
            let Some(span_end) = found else { continue };
            out.push(Trigger {
                relation,
                span: i..span_end,
                inner,
                negative: vm.negative,
                then: None,
                reciprocal: false,
                passive: false,
                cameo: l.cameo.clone(),
                person_object: inner.is_none() && person_object,
                us_object: false,
                clause_object: false,
                label: true,
                act_back: act_back.is_some(),
                public_parties: false,
            });
        }
    }
}

/// A relative clause before the trigger: relative pronoun, subject, trigger. Returns the
/// subject and the pronoun's antecedent — the actor named just before the pronoun (with only
/// punctuation between), in this sentence or at the end of the previous one.
fn relative_clause(
    ctx: &Ctx<'_>,
    rec: &Recognised,
    acts: &[usize],
    sentence: usize,
    trigger: usize,
) -> Option<(usize, usize)> {
    let g = ctx.lex.grammar(ctx.lang);
    let start = ctx.seg.sentences[sentence].tokens.start;
    // "ambaye jenerali anajaribu kumdharau": a verb taking the trigger as its infinitive
    // stands between the subject and the trigger (negated or unreal, it made the trigger so).
    let to = if trigger > start && is_catenative(ctx, trigger - 1) {
        trigger - 1
    } else {
        trigger
    };
    let subject = *list_before(ctx, rec, acts, to, start, 1).first()?;
    let st = rec.mentions[subject].tokens.start;
    let rel = (st > 0).then(|| st - 1)?;
    ctx.any_phrase_at(rel, st, &g.relatives)?;
    let run = mentions_of_sentences(rec, sentence.saturating_sub(1), sentence);
    let candidate = rec.mentions[run.clone()]
        .iter()
        .zip(run)
        .map(|(m, i)| (i, m))
        .filter(|(_, m)| {
            (m.sentence == sentence || m.sentence + 1 == sentence)
                && m.tokens.end <= rel
                && !m.attached
                && m.via != Via::Demonym
                && !matches!(m.kind, MentionKind::Entity(e) if ctx.lex.entities[e].kind == EntityKind::Place)
        })
        .max_by_key(|(_, m)| m.tokens.end)?;
    let only_punct =
        (candidate.1.tokens.end..rel).all(|k| !ctx.tok(k).chars().any(char::is_alphanumeric));
    only_punct.then_some((subject, candidate.0))
}

fn events(
    ctx: &Ctx<'_>,
    rec: &Recognised,
    res: &Resolved,
    published: Option<Ymd>,
    facts: &mut Vec<Fact>,
) {
    let grammar = ctx.lex.grammar(ctx.lang);
    let sw = SwTriggers::new(ctx);
    let couples = spouses(ctx, rec, res);
    let headline = headline_supported(ctx, rec, &sw);
    for (si, s) in ctx.seg.sentences.iter().enumerate() {
        let acts = actors(ctx, rec, si);
        // A sentence naming no one can still send congratulations to the headline's person
        // ("Viongozi wengine walituma ujumbe wao wa pongezi …", the senders named after).
        if acts.is_empty() && headline.is_none() {
            continue;
        }
        // The person the last appointment of the sentence named.
        let mut appointee: Option<usize> = None;
        for t in triggers_in(ctx, rec, &sw, s.tokens.clone()) {
            if t.negative {
                continue;
            }
            let mut after = t.span.end;
            // "Jaji X akachukua nafasi yake": a possessive pronoun in place of "of" + party.
            let mut possessed = false;
            if let Some(then) = t.then {
                // "alionana ana kwa ana na Trump": adverbs before the word introducing the party.
                let at = skip_adverbs(ctx, after, s.tokens.end);
                if ctx.phrase_at(at, s.tokens.end, then).is_some() {
                    after = at;
                }
                match ctx.phrase_at(after, s.tokens.end, then) {
                    Some(n) => after += n,
                    None => {
                        possessed = grammar.of.iter().any(|w| crate::text::fold_eq(w, then))
                            && ctx
                                .any_phrase_at(after, after + 1, &grammar.possessive_pronouns)
                                .is_some();
                        after = usize::MAX;
                    }
                }
            }
            let agr = verb_agreement(ctx, t.span.start);
            // "alitishia kuiwekea vikwazo Urusi": sanctions or an attack threatened, not done —
            // a threat against the party they would hit.
            let mut t = t;
            let threat = agr.is_none()
                && matches!(t.relation, Relation::Sanctioned | Relation::Attacked)
                && governed_by(ctx, t.span.start, s.tokens.start, &grammar.threat_verbs);
            if threat {
                t.relation = Relation::Threatened;
                t.cameo = trigger_cameo(ctx, Relation::Threatened);
            }
            if !threat && unreal_in_clause(ctx, t.span.start, s.tokens.start, agr.is_none()) {
                continue;
            }
            if !threat && agr.is_none() && governed_by_irrealis(ctx, t.span.start, s.tokens.start) {
                // "alitarajiwa kuzuru": expected, planned or wanted, not told as done.
                continue;
            }
            // How the object was found, when not right after the trigger.
            let mut object_rule = None;
            // The object is a spouse word alone ("alimshutumu mumewe"): the subject's spouse.
            let mut spouse_object = false;
            let objects = if let Some(o) = t.inner.filter(|o| acts.contains(o)) {
                object_rule = Some("event:object-inside-trigger");
                vec![o]
            } else if t.act_back {
                // "alitaja mpango huo kwamba ni upuzi": the plan is that of the person the
                // sentences before were about (one person, the subject of their verbs).
                object_rule = Some("event:label-act-author");
                topic_person(ctx, rec, res, si).into_iter().collect()
            } else if t.label {
                // "akimwona kama 'mradi wa ubeberu'": only the marked person; what follows the
                // label qualifies it.
                object_rule = Some("event:label-object-marker");
                t.person_object
                    .then(|| marked_object(ctx, rec, &acts, s.tokens.start, t.span.start))
                    .flatten()
                    .into_iter()
                    .collect()
            } else if possessed {
                // The possessor is the person the narration was about before, when the
                // sentence names no one else before the verb: "Jaji X alijitoa … . Jaji Y
                // akachukua nafasi yake" (Y took X's place).
                let people_before = acts
                    .iter()
                    .filter(|&&a| {
                        rec.mentions[a].tokens.end <= t.span.start
                            && mention_agreement(rec, a) == Agreement::Person
                    })
                    .count();
                object_rule = Some("event:possessor-before");
                if people_before <= 1 {
                    topic_person(ctx, rec, res, si).into_iter().collect()
                } else {
                    Vec::new()
                }
            } else if after == usize::MAX {
                // "Viongozi wengine walituma ujumbe wao wa pongezi" with no "kwa X":
                // congratulations sent to no one named go to the one the headline has
                // congratulated ("Viongozi wa Afrika wampongeza Joe Biden").
                match headline {
                    Some(h) if t.relation == Relation::Supports && !t.passive && si > 0 => {
                        object_rule = Some("event:headline-addressee");
                        vec![h]
                    }
                    _ => Vec::new(),
                }
            } else {
                let after = skip_adverbs(ctx, after, s.tokens.end);
                let mut found = list_after(ctx, rec, &acts, after, s.tokens.end);
                if found.is_empty() && t.clause_object {
                    // "threatened to cut ties with Niger": the first actor of the clause.
                    found.extend(clause_actor(ctx, rec, &acts, after, s.tokens.end));
                    object_rule = (!found.is_empty()).then_some("event:infinitive-clause-object");
                }
                if found.is_empty()
                    && matches!(t.relation, Relation::Criticized | Relation::Supports)
                {
                    // "alikosoa mpango wa Marekani": criticising an act criticises its author.
                    if let Some(o) = act_author(ctx, rec, &acts, after, s.tokens.end) {
                        found.push(o);
                        object_rule = Some("event:author-of-act");
                    }
                }
                if found.is_empty()
                    && matches!(t.relation, Relation::Criticized | Relation::Supports)
                    && ctx
                        .any_phrase_at(after, after + 1, &grammar.manner_complements)
                        .is_some()
                {
                    // "amesifu jinsi Bw. X alivyoshughulikia …": praising how X acted praises
                    // X, the subject of the clause after "how".
                    let mut k = after + 1;
                    while k < s.tokens.end
                        && ctx.any_phrase_at(k, k + 1, &grammar.honorifics).is_some()
                    {
                        k += 1;
                    }
                    if let Some(&o) = acts.iter().find(|&&a| {
                        rec.mentions[a].tokens.start == k
                            && mention_agreement(rec, a) == Agreement::Person
                    }) {
                        found.push(o);
                        object_rule = Some("event:manner-clause-subject");
                    }
                }
                if found.is_empty() {
                    if let Some(o) = described_person(ctx, rec, &acts, after, s.tokens.end) {
                        found.push(o);
                        object_rule = Some("event:described-object");
                    }
                }
                if found.is_empty() && t.person_object {
                    // "Anamtaja Rais X kama …, na amemtembelea": the object marker stands for
                    // the person named before.
                    if let Some(o) = marked_object(ctx, rec, &acts, s.tokens.start, t.span.start) {
                        found.push(o);
                        object_rule = Some("event:object-marker");
                    }
                }
                if found.is_empty()
                    && t.person_object
                    && matches!(t.relation, Relation::Supports | Relation::Criticized)
                    && first_person_verb(ctx, t.span.start)
                {
                    // "'… afisa X alipowaelekeza … . Uamuzi wake … , na tunamshukuru sana,'
                    // aliandika Y": in a quotation opened sentences before, "him" is the one
                    // person the quotation has named.
                    if let Some(o) = quoted_person(ctx, rec, res, si, t.span.start) {
                        found.push(o);
                        object_rule = Some("event:quoted-object-marker");
                    }
                }
                if found.is_empty() && !couples.is_empty() {
                    if let Some(n) = ctx.any_phrase_at(after, s.tokens.end, &grammar.spouse_words) {
                        // Not "mkewe Y": a name after the word is the object itself.
                        let at = skip_ranks(ctx, after + n, s.tokens.end);
                        if !acts.iter().any(|&a| rec.mentions[a].tokens.start == at) {
                            spouse_object = true;
                            object_rule = Some("event:spouse-object");
                        }
                    }
                }
                found
            };
            // A place visited stands for its state ("alitembelea mji mkuu wa Tigray, Mekelle");
            // in a quotation, a first-person plural object marker for the speaker's state
            // ("ashawahi kututembelea", said by a president: has visited our country).
            if t.relation == Relation::Appointed {
                if let Some(&o) = objects
                    .iter()
                    .find(|&&o| mention_agreement(rec, o) == Agreement::Person)
                {
                    appointee = Some(o);
                }
            }
            let mut entity_object: Option<usize> = None;
            if objects.is_empty() && !t.label && !t.passive && after != usize::MAX {
                if t.relation == Relation::Visited {
                    let at = skip_adverbs(ctx, after, s.tokens.end);
                    entity_object = place_state(ctx, rec, res, at, s.tokens.end);
                    object_rule = entity_object.map(|_| "event:visited-place");
                }
                if entity_object.is_none() && t.us_object {
                    entity_object = quote_speaker(ctx, rec, si, t.span.start)
                        .and_then(|sp| speaker_state(ctx, res, facts, sp));
                    object_rule = entity_object.map(|_| "event:quoted-us");
                }
            }
            // "X alikuwa miongoni mwa wale waliopinga Y": X's clause is the subject's.
            let among = (s.tokens.start..t.span.start).rev().take(4).find(|&k| {
                ctx.any_phrase_at(k, t.span.start, &grammar.among) == Some(t.span.start - k)
            });
            let (subject_to, agr) = match among {
                Some(k) => (k, None),
                None => (t.span.start, agr),
            };
            let mut pairs = Vec::new();
            // (subject mention, object entity) for an object that is an entity, not a mention.
            let mut direct: Vec<(usize, usize)> = Vec::new();
            let rule;
            if !objects.is_empty() || entity_object.is_some() || spouse_object {
                let mut subjects = list_before(ctx, rec, &acts, subject_to, s.tokens.start, 1);
                if subjects.is_empty()
                    && t.passive
                    && agr == Some(Agreement::Thing)
                    && matches!(t.relation, Relation::Criticized | Relation::Supports)
                {
                    // "alipongeza hatua ya makubaliano yaliyofikiwa na Trump …, ingawa
                    // yalikataliwa na Palestina": a thing's subject marker on a passive verb of
                    // blame or praise stands for the act named last before it — its author is
                    // the party blamed or praised.
                    let author = (s.tokens.start..t.span.start)
                        .rev()
                        .find_map(|a| act_author(ctx, rec, &acts, a, t.span.start));
                    if let Some(a) = author {
                        subjects.push(a);
                        object_rule = object_rule.or(Some("event:passive-act-author"));
                    }
                }
                if t.relation == Relation::Succeeded && is_participle(ctx, t.span.start) {
                    // "alimteua Jaji X kuwa Mwenyekiti … akichukua nafasi ya Y": the one taking
                    // the place is the person appointed earlier in the sentence.
                    if let Some(p) = appointee {
                        subjects = vec![p];
                        object_rule = object_rule.or(Some("event:appointee-participle"));
                    }
                }
                subjects.retain(|a| !objects.contains(a));
                // "Rais wa Malawi, ambaye … na Marekani, hakuchelea kumpongeza": the verb that
                // governs an infinitive trigger says who its subject is — a person, not the
                // state ending the parenthesis before it.
                let governing = (agr.is_none()
                    && subject_to > s.tokens.start
                    && is_infinitive(ctx, subject_to))
                .then(|| {
                    negative_agreement(ctx, subject_to - 1)
                        .or_else(|| finite_agreement(ctx, subject_to - 1))
                })
                .flatten();
                if governing == Some(Agreement::Person) {
                    subjects.retain(|&a| mention_agreement(rec, a) != Agreement::Thing);
                }
                // "kuzuru nchi hiyo kukutana na X": a state right after a verb is that verb's
                // object, not the subject of the infinitive after it.
                subjects.retain(|&a| {
                    let st = rec.mentions[a].tokens.start;
                    // "wa-kapongeza" wants people: one person right before it is not its
                    // subject unless a list ends with them ("Ruto na Museveni walikutana").
                    let listed = st > s.tokens.start
                        && ctx.any_phrase_at(st - 1, st, &grammar.and).is_some();
                    if agr == Some(Agreement::People)
                        && mention_agreement(rec, a) == Agreement::Person
                        && !listed
                    {
                        return false;
                    }
                    agr.is_some()
                        || mention_agreement(rec, a) == Agreement::Person
                        || st == s.tokens.start
                        || !(is_infinitive(ctx, st - 1) || finite_agreement(ctx, st - 1).is_some())
                });
                // "'… tunamshukuru X …,' alisema Y": in a quotation a verb with a first-person
                // subject marker (we, I) has the speaker for subject. Only praise and blame:
                // the speaker's own judgement, which a "we" of theirs also voices (a "we met"
                // may be of others the speaker stands among).
                let quoted_first_person = (subjects.is_empty()
                    && matches!(t.relation, Relation::Supports | Relation::Criticized)
                    && first_person_verb(ctx, t.span.start))
                .then(|| quote_speaker(ctx, rec, si, t.span.start))
                .flatten()
                .filter(|sp| !objects.contains(sp));
                if let Some(sp) = quoted_first_person {
                    rule = object_rule.unwrap_or("event:quoted-first-person");
                    subjects.push(sp);
                } else if subjects.is_empty() {
                    // The subject of the clause, or the person the verb's subject marker refers
                    // back to ("Rais X alianza … na kumsifu Y", "X alisema. Alimpongeza Y").
                    // The object of the clause is not its subject.
                    let others: Vec<usize> = acts
                        .iter()
                        .copied()
                        .filter(|a| !objects.contains(a))
                        .collect();
                    let controlled = agr
                        .is_none()
                        .then(|| controller_object(ctx, rec, res, si, subject_to))
                        .flatten();
                    let fronted = fronted_participle_subject(ctx, rec, &others, si, subject_to);
                    let pronoun = pronoun_subject(ctx, rec, res, si, subject_to);
                    let listed = if agr == Some(Agreement::People) {
                        let before = listed_people(ctx, rec, si, subject_to);
                        if before.is_empty() {
                            listed_after(ctx, rec, si, subject_to)
                        } else {
                            before
                        }
                    } else {
                        Vec::new()
                    };
                    if !listed.is_empty() {
                        // "… wakiwemo A, B na C. Viongozi hao walimuunga mkono Y".
                        rule = object_rule.unwrap_or("event:plural-anaphor-list");
                        subjects.extend(listed);
                    } else {
                        match fronted.or(pronoun).or(controlled) {
                            Some(p) if fronted.is_some() => {
                                rule = object_rule.unwrap_or("event:fronted-participle");
                                subjects.push(p);
                            }
                            Some(p) if pronoun.is_some() => {
                                rule = object_rule.unwrap_or("event:pronoun-subject");
                                subjects.push(p);
                            }
                            Some(p) => {
                                rule = object_rule.unwrap_or("event:object-control");
                                subjects.push(p);
                            }
                            None => {
                                rule = object_rule.unwrap_or("event:clause-subject");
                                // "hatua aliyochukua ni kuteua X" (the step she took was to
                                // appoint X): the subject of the relative verb before the
                                // copula is the infinitive's.
                                let (to, agr) =
                                    match (agr, pseudo_cleft(ctx, s.tokens.start, subject_to)) {
                                        (None, Some(v)) => (v, Some(Agreement::Person)),
                                        _ => (subject_to, agr),
                                    };
                                subjects
                                    .extend(clause_subject(ctx, rec, res, &others, si, to, agr));
                            }
                        }
                    }
                } else {
                    rule = object_rule.unwrap_or("event:subject-trigger-object");
                }
                for &a in &subjects {
                    for &b in &objects {
                        pairs.push((a, b));
                    }
                    if let Some(e) = entity_object {
                        direct.push((a, e));
                    }
                    let spouse = spouse_object
                        .then(|| res.mention_entity[a])
                        .flatten()
                        .and_then(|e| spouse_of(&couples, e));
                    if let Some(e) = spouse {
                        direct.push((a, e));
                    }
                }
            } else if let Some((subject, antecedent)) =
                relative_clause(ctx, rec, &acts, si, t.span.start)
            {
                // "the Quad, which China criticised", "'Quad' - ambayo Beijing imekashifu".
                rule = "event:relative-clause";
                pairs.push((subject, antecedent));
            } else if t.reciprocal {
                let subjects = list_before(ctx, rec, &acts, t.span.start, s.tokens.start, 6);
                rule = "event:reciprocal-subjects";
                for (x, &a) in subjects.iter().enumerate() {
                    for &b in &subjects[x + 1..] {
                        pairs.push((a, b));
                    }
                }
            } else {
                continue;
            }
            for (a, b) in pairs {
                let (a, b) = if t.passive { (b, a) } else { (a, b) };
                if t.relation == Relation::Visited
                    && entity_kind(ctx, rec, a).is_none()
                    && entity_kind(ctx, rec, b).is_none()
                {
                    // Visiting a person ("alimtembelea Rais X") is meeting them, and being
                    // their guest.
                    for (ea, eb) in entity_pairs(ctx, rec, res, a, b) {
                        if ea == eb {
                            continue;
                        }
                        for (relation, x, y) in
                            [(Relation::MetWith, ea, eb), (Relation::Hosted, eb, ea)]
                        {
                            facts.push(Fact {
                                relation,
                                subject: x,
                                object: y,
                                sentence: si,
                                rule: "event:visited-person",
                                confidence: 0.65,
                                title: None,
                                cameo: t.cameo.clone(),
                                date: sentence_date(ctx, s, published),
                                former: false,
                            });
                        }
                    }
                    continue;
                }
                if !allowed(t.relation, entity_kind(ctx, rec, a), true)
                    || !allowed(t.relation, entity_kind(ctx, rec, b), false)
                {
                    continue;
                }
                for (ea, eb) in entity_pairs(ctx, rec, res, a, b) {
                    if ea == eb {
                        // "Iran … kuiwekea nchi hiyo vikwazo": no entity acts on itself.
                        continue;
                    }
                    if t.public_parties && !(public(res, facts, ea) && public(res, facts, eb)) {
                        continue;
                    }
                    facts.push(Fact {
                        relation: t.relation,
                        subject: ea,
                        object: eb,
                        sentence: si,
                        rule,
                        confidence: if rule == "event:clause-subject"
                            || rule == "event:object-control"
                            || object_rule.is_some()
                        {
                            0.65
                        } else {
                            0.75
                        },
                        title: None,
                        cameo: t.cameo.clone(),
                        date: sentence_date(ctx, s, published),
                        former: false,
                    });
                }
            }
            for (a, eb) in direct {
                if !allowed(t.relation, entity_kind(ctx, rec, a), true) {
                    continue;
                }
                let ea = match rec.mentions[a].kind {
                    MentionKind::Plural(_) => None,
                    _ => res.mention_entity[a],
                };
                // A president touring a city of the state he governs did not visit that state.
                let Some(ea) = ea.filter(|&ea| ea != eb && !holds_office_in(facts, ea, eb)) else {
                    continue;
                };
                facts.push(Fact {
                    relation: t.relation,
                    subject: ea,
                    object: eb,
                    sentence: si,
                    rule,
                    confidence: 0.6,
                    title: None,
                    cameo: t.cameo.clone(),
                    date: sentence_date(ctx, s, published),
                    former: false,
                });
            }
        }
    }
}

/// The date the sentence `s` gives its events (see [`date_in`]).
fn sentence_date(ctx: &Ctx<'_>, s: &Sentence, published: Option<Ymd>) -> Option<String> {
    date_in(
        &ctx.folded_tokens[s.tokens.clone()],
        ctx.lex.grammar(ctx.lang),
        published,
    )
}

/// The CAMEO code the Swahili triggers give a relation (`tishia` → 130 for threatened), for
/// facts that come from another trigger's words or from no trigger.
fn trigger_cameo(ctx: &Ctx<'_>, relation: Relation) -> Option<String> {
    ctx.lex
        .triggers
        .sw
        .iter()
        .filter(|t| t.relation == relation.name())
        .find_map(|t| t.cameo.clone())
}

/// Threats told without a verb of threatening (Swahili, CAMEO 13x): a declaration whose
/// complement has the declarer's own force able or about to take military action against a state
/// (`alijigamba kwamba jeshi lake linaweza kuuteka mji mkuu wa Kenya`), and a conditional
/// warning in a quotation — a condition on another party's conduct, then the speaker's own side
/// announcing a hostile response (`"Ikiwa Urusi itaendelea …, tunasimama tayari …," Rais X
/// alisema`).
fn threats(
    ctx: &Ctx<'_>,
    rec: &Recognised,
    res: &Resolved,
    published: Option<Ymd>,
    facts: &mut Vec<Fact>,
) {
    let g = ctx.lex.grammar(ctx.lang);
    let m = &ctx.lex.triggers.morphology;
    let cameo = trigger_cameo(ctx, Relation::Threatened);
    for (si, s) in ctx.seg.sentences.iter().enumerate() {
        let acts = actors(ctx, rec, si);
        if acts.is_empty() {
            continue;
        }
        let (start, end) = (s.tokens.start, s.tokens.end);
        // (subject mention, object entity, rule)
        let mut found: Vec<(usize, usize, &'static str)> = Vec::new();
        for k in start..end {
            let t = &ctx.folded_tokens[k];
            let declares = g
                .threat_declarations
                .iter()
                .any(|stem| match_verb(t, stem, m).is_some_and(|v| !v.negative));
            if declares && finite_agreement(ctx, k).is_some() {
                if let Some(target) = declared_attack(ctx, rec, res, k + 1, end) {
                    let subject = list_before(ctx, rec, &acts, k, start, 1)
                        .first()
                        .copied()
                        .or_else(|| {
                            clause_subject(ctx, rec, res, &acts, si, k, finite_agreement(ctx, k))
                        });
                    if let Some(a) = subject {
                        found.push((a, target, "threat:declared-attack"));
                    }
                }
            }
            let opens = k == start || is_quote_mark(ctx, k - 1);
            if let Some(n) = opens
                .then(|| ctx.any_phrase_at(k, end, &g.conditionals))
                .flatten()
            {
                if let Some((target, verb)) = conditional_warning(ctx, rec, &acts, k + n, end) {
                    let target = match rec.mentions[target].kind {
                        MentionKind::Plural(_) => None,
                        _ => res.mention_entity[target],
                    };
                    if let (Some(e), Some(sp)) = (target, quote_speaker(ctx, rec, si, verb)) {
                        found.push((sp, e, "threat:conditional-warning"));
                    }
                }
            }
        }
        for (a, eb, rule) in found {
            if !allowed(Relation::Threatened, entity_kind(ctx, rec, a), true) {
                continue;
            }
            let ea = match rec.mentions[a].kind {
                MentionKind::Plural(_) => None,
                _ => res.mention_entity[a],
            };
            // No one threatens the state they hold office in.
            let Some(ea) = ea.filter(|&ea| ea != eb && !holds_office_in(facts, ea, eb)) else {
                continue;
            };
            facts.push(Fact {
                relation: Relation::Threatened,
                subject: ea,
                object: eb,
                sentence: si,
                rule,
                confidence: 0.6,
                title: None,
                cameo: cameo.clone(),
                date: sentence_date(ctx, s, published),
                former: false,
            });
        }
    }
}

/// The state a declaration's complement starting at `at` says the declarer's side can or will
/// attack: a complementizer, the declarer's own force or no subject at all (the verb's subject
/// marker is the declarer's, or the first person's), a modal of ability and an infinitive of
/// military action (`kwamba jeshi lake linaweza kuuteka`) or that action in the future
/// (`kwamba ataivamia`), then the state — named, or as the place of a city or region it is
/// attacking (`mji mkuu wa Kenya, Nairobi`).
fn declared_attack(
    ctx: &Ctx<'_>,
    rec: &Recognised,
    res: &Resolved,
    at: usize,
    end: usize,
) -> Option<usize> {
    let g = ctx.lex.grammar(ctx.lang);
    let m = &ctx.lex.triggers.morphology;
    let mut j = at + ctx.any_phrase_at(at, end, &g.complementizers)?;
    match ctx.any_phrase_at(j, end, &g.own_forces) {
        Some(n) => j += n,
        None => {
            // No force named: the verb must speak of the declarer ("a-", "tu-", "ni-"), not of
            // a third party named as its subject ("kwamba Urusi inaweza …": a prediction).
            if j >= end {
                return None;
            }
            let t = &ctx.folded_tokens[j];
            let own = finite_agreement(ctx, j) == Some(Agreement::Person)
                || g.first_person_subjects.iter().any(|sm| {
                    t.strip_prefix(sm.as_str())
                        .is_some_and(|r| tensed_stems(r, &g.finite_tenses).next().is_some())
                });
            if !own {
                return None;
            }
        }
    }
    if j >= end {
        return None;
    }
    let t = &ctx.folded_tokens[j];
    let act_at = |k: usize, unreal: bool| -> bool {
        k < end
            && g.military_acts.iter().any(|stem| {
                let tk = &ctx.folded_tokens[k];
                match_verb(tk, stem, m).is_some_and(|v| !v.negative)
                    && (!unreal || in_tense(tk, stem, &g.unreal_tenses, m))
            })
    };
    let modal = g
        .threat_modals
        .iter()
        .any(|stem| match_verb(t, stem, m).is_some_and(|v| !v.negative));
    let act = if modal && act_at(j + 1, false) && is_infinitive(ctx, j + 1) {
        j + 1
    } else if act_at(j, true) {
        j
    } else {
        return None;
    };
    attacked_state(ctx, rec, res, act + 1, end)
}

/// The state named as the object of a verb of military action at `at`: a state mention, or a
/// place the lexicon puts in a state the article names, after words describing it (`mji mkuu
/// wa Kenya, Nairobi`: Kenya).
fn attacked_state(
    ctx: &Ctx<'_>,
    rec: &Recognised,
    res: &Resolved,
    at: usize,
    end: usize,
) -> Option<usize> {
    let g = ctx.lex.grammar(ctx.lang);
    let mut k = at;
    let mut words = 0;
    while k < end && words < 4 {
        // A state inside a phrase is still named (`mji mkuu wa Kenya`, read as a head "of"
        // Kenya, attaches Kenya to it).
        if let Some(mi) = first_at(rec, k, |x| matches!(x.kind, MentionKind::Entity(_))) {
            return match rec.mentions[mi].kind {
                MentionKind::Entity(e) if ctx.lex.entities[e].kind == EntityKind::State => {
                    res.mention_entity[mi]
                }
                MentionKind::Entity(e) if ctx.lex.entities[e].kind == EntityKind::Place => {
                    place_state(ctx, rec, res, k, end)
                }
                _ => None,
            };
        }
        let n = ctx.any_phrase_at(k, end, &g.place_nouns)?;
        words += n;
        k += n;
    }
    None
}

/// A conditional warning from token `at` (right after `ikiwa`): the condition's subject (an
/// actor followed by a finite verb, positive or negative), and at the comma closing the
/// condition a verb of the first person (`tu-nasimama`) whose clause, up to the end of the
/// quotation, has a word of a hostile response. Returns the condition's subject and the verb.
fn conditional_warning(
    ctx: &Ctx<'_>,
    rec: &Recognised,
    acts: &[usize],
    at: usize,
    end: usize,
) -> Option<(usize, usize)> {
    let g = ctx.lex.grammar(ctx.lang);
    let target = *acts.iter().find(|&&a| rec.mentions[a].tokens.start == at)?;
    let v = rec.mentions[target].tokens.end;
    if v >= end || (finite_agreement(ctx, v).is_none() && negative_agreement(ctx, v).is_none()) {
        return None;
    }
    let comma = (v + 1..end)
        .take_while(|&k| !is_quote_mark(ctx, k))
        .find(|&k| ctx.tok(k) == ",")?;
    let verb = skip_adverbs(ctx, comma + 1, end);
    if verb >= end {
        return None;
    }
    if !first_person_verb(ctx, verb) {
        return None;
    }
    let warns = (verb + 1..end)
        .take_while(|&k| !is_quote_mark(ctx, k))
        .any(|k| ctx.any_phrase_at(k, end, &g.warning_words).is_some());
    warns.then_some((target, verb))
}

/// Is token `k` a finite verb with a first-person subject marker (`tu-na-`, `ni-li-`)?
fn first_person_verb(ctx: &Ctx<'_>, k: usize) -> bool {
    let g = ctx.lex.grammar(ctx.lang);
    let t = &ctx.folded_tokens[k];
    g.first_person_subjects.iter().any(|sm| {
        t.strip_prefix(sm.as_str())
            .is_some_and(|r| tensed_stems(r, &g.finite_tenses).next().is_some())
    })
}

/// Judgements in quotations: a copula and a label noun of `[[label]]` (`X ni rafiki wa nchi
/// yetu`, `mpango wa Uingereza … 'ni kinyume cha …'`) said by a speaker relate the speaker to X,
/// or to the author of the act the clause opens with. Narration (no speaker) gives nothing.
fn judgements(
    ctx: &Ctx<'_>,
    rec: &Recognised,
    res: &Resolved,
    published: Option<Ymd>,
    facts: &mut Vec<Fact>,
) {
    let g = ctx.lex.grammar(ctx.lang);
    let labels: Vec<(Relation, &crate::lexicon::LabelTrigger)> = ctx
        .lex
        .triggers
        .labels
        .iter()
        .filter_map(|l| Some((Relation::from_name(&l.relation)?, l)))
        .collect();
    for (si, s) in ctx.seg.sentences.iter().enumerate() {
        let end = s.tokens.end;
        let mut acts: Option<Vec<usize>> = None;
        for c in s.tokens.clone() {
            if ctx.any_phrase_at(c, c + 1, &g.copulas).is_none() {
                continue;
            }
            let mut j = c + 1;
            while j < end && is_quote_mark(ctx, j) {
                j += 1;
            }
            let Some(&(relation, label)) = labels
                .iter()
                .find(|(_, l)| ctx.any_phrase_at(j, end, &l.nouns).is_some())
            else {
                continue;
            };
            let Some(speaker) = quote_speaker(ctx, rec, si, c) else {
                continue;
            };
            let acts = acts.get_or_insert_with(|| actors(ctx, rec, si));
            // The judged: an actor right before the copula, or the author of the act the
            // clause opens with ("Mpango wa Uingereza … ni").
            let mut before = c;
            while before > s.tokens.start && is_quote_mark(ctx, before - 1) {
                before -= 1;
            }
            let mut open = s.tokens.start;
            while open < c && is_quote_mark(ctx, open) {
                open += 1;
            }
            // The actor must be the whole subject: no verb nor "of" before it in the clause
            // ("mpango wa kuwapeleka wahamiaji Rwanda ni …" judges the plan, not Rwanda).
            let whole_subject = |a: usize| {
                (open..phrase_start(ctx, rec, a)).all(|k| {
                    finite_agreement(ctx, k).is_none()
                        && !is_infinitive(ctx, k)
                        && ctx.any_phrase_at(k, k + 1, &g.of).is_none()
                })
            };
            let (judged, rule) = match act_author(ctx, rec, acts, open, c) {
                Some(a) => (a, "quote:copula-label-act-author"),
                None => match acts
                    .iter()
                    .copied()
                    .find(|&a| rec.mentions[a].tokens.end == before && whole_subject(a))
                {
                    Some(a) => (a, "quote:copula-label"),
                    None => continue,
                },
            };
            let (Some(sp), Some(x)) = (res.mention_entity[speaker], res.mention_entity[judged])
            else {
                continue;
            };
            if sp == x
                || matches!(rec.mentions[judged].kind, MentionKind::Plural(_))
                || !allowed(relation, entity_kind(ctx, rec, judged), false)
            {
                continue;
            }
            facts.push(Fact {
                relation,
                subject: sp,
                object: x,
                sentence: si,
                rule,
                confidence: 0.6,
                title: None,
                cameo: label.cameo.clone(),
                date: sentence_date(ctx, s, published),
                former: false,
            });
        }
    }
}

/// Accusations in a speaker's statement (sw grammar `accusation_verbs`, `crime_nouns`): a verb
/// of committing with a crime noun after it (`vikosi vya Ethiopia vilitekeleza "uhalifu wa
/// kivita …"`) in a quotation or a sentence ending `, Y [wa …] amesema`: Y criticised (accused)
/// the verb's subject — the states after a word for armed forces (`forces_of`) right before the
/// verb, or the actors listed right before it. Narration with no speaker gives nothing.
fn accusations(
    ctx: &Ctx<'_>,
    rec: &Recognised,
    res: &Resolved,
    published: Option<Ymd>,
    facts: &mut Vec<Fact>,
) {
    let g = ctx.lex.grammar(ctx.lang);
    let m = &ctx.lex.triggers.morphology;
    if g.accusation_verbs.is_empty() {
        return;
    }
    let mut alleged: Vec<(usize, usize, usize)> = Vec::new();
    for (si, s) in ctx.seg.sentences.iter().enumerate() {
        let (start, end) = (s.tokens.start, s.tokens.end);
        for k in start..end {
            if let Some((a, b)) = allegation(ctx, rec, res, facts, si, k) {
                alleged.push((a, b, si));
            }
            let t = &ctx.folded_tokens[k];
            let commits = g.accusation_verbs.iter().any(|stem| {
                match_verb(t, stem, m).is_some_and(|v| !v.negative)
                    && !in_tense(t, stem, &g.unreal_tenses, m)
            });
            if !commits || finite_agreement(ctx, k).is_none() {
                continue;
            }
            let mut j = k + 1;
            while j < end && is_quote_mark(ctx, j) {
                j += 1;
            }
            if ctx.any_phrase_at(j, end, &g.crime_nouns).is_none() {
                continue;
            }
            let Some(speaker) = quote_speaker(ctx, rec, si, k)
                .or_else(|| statement_speaker(ctx, rec, si))
                .and_then(|sp| res.mention_entity[sp])
            else {
                continue;
            };
            // "vikosi vya Ethiopia na Eritrea vilitekeleza": the states after the word for
            // forces, demonyms too, within six words of the verb.
            let forces = (k.saturating_sub(8).max(start)..k).find_map(|f| {
                let n = ctx.any_phrase_at(f, k, &g.forces_of)?;
                (k - (f + n) <= 6).then_some(f + n)
            });
            let parties: Vec<usize> = match forces {
                Some(from) => rec.mentions[mentions_of(rec, si)]
                    .iter()
                    .zip(mentions_of(rec, si))
                    .filter(|(x, _)| x.tokens.start >= from && x.tokens.end <= k)
                    .filter(|(_, i)| entity_kind(ctx, rec, *i) == Some(EntityKind::State))
                    .map(|(_, i)| i)
                    .collect(),
                None => list_before(ctx, rec, &actors(ctx, rec, si), k, start, 6),
            };
            for p in parties {
                if matches!(rec.mentions[p].kind, MentionKind::Plural(_))
                    || !allowed(Relation::Criticized, entity_kind(ctx, rec, p), false)
                {
                    continue;
                }
                let Some(x) = res.mention_entity[p].filter(|&x| x != speaker) else {
                    continue;
                };
                facts.push(Fact {
                    relation: Relation::Criticized,
                    subject: speaker,
                    object: x,
                    sentence: si,
                    rule: "quote:accusation",
                    confidence: 0.6,
                    title: None,
                    cameo: g.accusation_cameo.clone(),
                    date: sentence_date(ctx, s, published),
                    former: false,
                });
            }
        }
    }
    for (a, b, si) in alleged {
        let s = &ctx.seg.sentences[si];
        facts.push(Fact {
            relation: Relation::Criticized,
            subject: a,
            object: b,
            sentence: si,
            rule: "noun:allegation",
            confidence: 0.6,
            title: None,
            cameo: g.accusation_cameo.clone(),
            date: sentence_date(ctx, s, published),
            former: false,
        });
    }
}

/// An allegation at token `k` of sentence `si` (sw grammar `allegation_nouns`): `madai
/// yaliyotolewa na X kwamba Y …` — (X, Y) as entities: the agent of the passive verb right after
/// the noun, and the actor right after the complementizer that follows the agent, or the state
/// of the person named before the noun for `own_state` (`taifa lake`).
fn allegation(
    ctx: &Ctx<'_>,
    rec: &Recognised,
    res: &Resolved,
    facts: &[Fact],
    si: usize,
    k: usize,
) -> Option<(usize, usize)> {
    let g = ctx.lex.grammar(ctx.lang);
    let s = &ctx.seg.sentences[si];
    let end = s.tokens.end;
    let n = ctx.any_phrase_at(k, end, &g.allegation_nouns)?;
    let v = k + n;
    let passive = v < end
        && finite_agreement(ctx, v).is_some()
        && g.passive_endings
            .iter()
            .any(|e| ctx.folded_tokens[v].ends_with(e.as_str()));
    if !passive {
        return None;
    }
    let by = v + 1 + ctx.any_phrase_at(v + 1, end, &g.agent)?;
    let acts = actors(ctx, rec, si);
    let agent = *acts.iter().find(|&&a| rec.mentions[a].tokens.start == by)?;
    let c = rec.mentions[agent].tokens.end;
    let at = c + ctx.any_phrase_at(c, end, &g.complementizers)?;
    let accused = match acts.iter().find(|&&a| rec.mentions[a].tokens.start == at) {
        Some(&a) if !matches!(rec.mentions[a].kind, MentionKind::Plural(_)) => {
            res.mention_entity[a]?
        }
        Some(_) => return None,
        None => {
            ctx.any_phrase_at(at, end, &g.own_state)?;
            // "Rais wa Rwanda Paul Kagame amekana madai …": the person before the noun.
            let person = acts
                .iter()
                .copied()
                .filter(|&a| {
                    rec.mentions[a].tokens.end <= k
                        && mention_agreement(rec, a) == Agreement::Person
                })
                .collect::<Vec<_>>();
            match person.as_slice() {
                [p] => speaker_state(ctx, res, facts, *p)?,
                _ => return None,
            }
        }
    };
    let alleger = res.mention_entity[agent]?;
    (alleger != accused
        && !matches!(rec.mentions[agent].kind, MentionKind::Plural(_))
        && allowed(Relation::Criticized, entity_kind(ctx, rec, agent), true))
    .then_some((alleger, accused))
}

/// The speaker of a sentence ending with a verb of saying after a person, set off by a comma
/// (`"…, Deprose Muchena wa shirika la Amnesty amesema."`): an "of" phrase of up to six words
/// may stand between the person and the verb.
fn statement_speaker(ctx: &Ctx<'_>, rec: &Recognised, si: usize) -> Option<usize> {
    let g = ctx.lex.grammar(ctx.lang);
    let s = &ctx.seg.sentences[si];
    let mut v = s.tokens.end;
    while v > s.tokens.start && !ctx.tok(v - 1).chars().any(char::is_alphanumeric) {
        v -= 1;
    }
    let v = v.checked_sub(1)?;
    if v <= s.tokens.start || !is_speech_verb(ctx, v) {
        return None;
    }
    actors(ctx, rec, si).into_iter().find(|&p| {
        let e = rec.mentions[p].tokens.end;
        let of_phrase = e < v
            && v - e <= 6
            && ctx.any_phrase_at(e, e + 1, &g.of).is_some()
            && (e..v).all(|j| ctx.tok(j) != "," && finite_agreement(ctx, j).is_none());
        let ps = phrase_start(ctx, rec, p);
        mention_agreement(rec, p) == Agreement::Person
            && (e == v || of_phrase)
            && ps > s.tokens.start
            && ctx.tok(ps - 1) == ","
    })
}

/// Does entity `person` hold an office (current or former) in entity `org`?
/// Is the entity a public party: a state, an alliance or an organisation, or a person the
/// article's facts so far give an office?
fn public(res: &Resolved, facts: &[Fact], e: usize) -> bool {
    let person = matches!(
        res.entities.get(e).map(|x| &x.key),
        Some(crate::resolve::EntityKey::Person(_))
    );
    !person
        || facts
            .iter()
            .any(|f| f.relation == Relation::HoldsPositionIn && f.subject == e)
}

fn holds_office_in(facts: &[Fact], person: usize, org: usize) -> bool {
    facts
        .iter()
        .any(|f| f.relation == Relation::HoldsPositionIn && f.subject == person && f.object == org)
}

/// The state of the place named right after a verb of visiting, through up to four words
/// (`place_nouns` such as `mji mkuu wa`, an unknown region such as `Tigray`): the article's entity for
/// the state the lexicon puts the place in, when the article names that state.
fn place_state(
    ctx: &Ctx<'_>,
    rec: &Recognised,
    res: &Resolved,
    at: usize,
    end: usize,
) -> Option<usize> {
    let g = ctx.lex.grammar(ctx.lang);
    let mut k = at;
    let mut words = 0;
    while k < end {
        if let Some(mi) = first_at(rec, k, |_| true) {
            let m = &rec.mentions[mi];
            match m.kind {
                MentionKind::Entity(e) if ctx.lex.entities[e].kind == EntityKind::Place => {
                    let state = ctx.lex.entities[e].state.as_deref()?;
                    return res.entities.iter().position(|x| {
                        x.entry.is_some_and(|i| {
                            let entry = &ctx.lex.entities[i];
                            entry.kind == EntityKind::State && entry.id == state
                        })
                    });
                }
                // A region the lexicon does not know, or a demonym ("the Rwandan capital").
                MentionKind::Named(EntityKind::Place, _) => {}
                _ if m.via == Via::Demonym => {}
                _ => return None,
            }
            k = m.tokens.end;
            continue;
        }
        // Words naming the place itself (`mji mkuu wa`, `jijini`) or a name no rule knows
        // (`Tigray`); not a place inside it (`hospitali mjini Beijing`: a local may visit it).
        let w = ctx.tok(k);
        let describes = ctx.any_phrase_at(k, end, &g.place_nouns).or_else(|| {
            w.chars()
                .next()
                .is_some_and(char::is_uppercase)
                .then_some(1)
                .filter(|_| w.chars().all(char::is_alphabetic))
        });
        let n = describes.filter(|_| words < 4)?;
        words += n;
        k += n;
    }
    None
}

/// The subject of a trigger in a participle clause that opens its sentence (`Akitembelea
/// Mekelle tarehe 2, Mjumbe wa Marekani Mike Hammer alisema …`: while visiting): the person
/// whose phrase starts right after the comma ending that clause.
fn fronted_participle_subject(
    ctx: &Ctx<'_>,
    rec: &Recognised,
    acts: &[usize],
    sentence: usize,
    trigger: usize,
) -> Option<usize> {
    if ctx.lang != Lang::Sw {
        return None;
    }
    let g = ctx.lex.grammar(ctx.lang);
    let s = &ctx.seg.sentences[sentence];
    let first = &ctx.folded_tokens[s.tokens.start];
    let participle = g.person_subject_markers.iter().any(|sm| {
        first
            .strip_prefix(sm.as_str())
            .is_some_and(|rest| tensed_stems(rest, &g.participle_tenses).next().is_some())
    });
    if !participle {
        return None;
    }
    let comma = (s.tokens.start + 1..s.tokens.end).find(|&k| ctx.tok(k) == ",")?;
    if trigger >= comma {
        return None;
    }
    acts.iter().copied().find(|&a| {
        mention_agreement(rec, a) == Agreement::Person && phrase_start(ctx, rec, a) == comma + 1
    })
}

/// The first actor within eight words after `at`, before any punctuation: the party of an
/// infinitive clause (`to cut ties with Niger`).
fn clause_actor(
    ctx: &Ctx<'_>,
    rec: &Recognised,
    acts: &[usize],
    at: usize,
    end: usize,
) -> Option<usize> {
    for k in at..(at + 8).min(end) {
        if let Some(&a) = acts.iter().find(|&&a| rec.mentions[a].tokens.start == k) {
            return Some(a);
        }
        if !ctx.tok(k).chars().any(char::is_alphanumeric) {
            return None;
        }
    }
    None
}

/// The person a subject pronoun right before a trigger (`He held talks with X`; up to two
/// words between) stands for: the one person named in the nearest earlier sentence naming
/// people (two back at most). None when that sentence named two, or when a person is named
/// before the pronoun in its own sentence.
fn pronoun_subject(
    ctx: &Ctx<'_>,
    rec: &Recognised,
    res: &Resolved,
    sentence: usize,
    trigger: usize,
) -> Option<usize> {
    let g = ctx.lex.grammar(ctx.lang);
    if g.subject_pronouns.is_empty() {
        return None;
    }
    let start = ctx.seg.sentences[sentence].tokens.start;
    let pronoun = (trigger.saturating_sub(3).max(start)..trigger)
        .find(|&k| ctx.any_phrase_at(k, k + 1, &g.subject_pronouns).is_some())?;
    let between_words = (pronoun + 1..trigger).all(|k| {
        let w = ctx.tok(k);
        w.chars().all(char::is_alphabetic) && w.chars().next().is_some_and(char::is_lowercase)
    });
    let person = |a: &usize| mention_agreement(rec, *a) == Agreement::Person;
    let named_before = actors(ctx, rec, sentence)
        .iter()
        .any(|a| person(a) && rec.mentions[*a].tokens.start < pronoun);
    if !between_words || named_before {
        return None;
    }
    for back in 1..=2 {
        let ps = sentence.checked_sub(back)?;
        let people: Vec<usize> = actors(ctx, rec, ps).into_iter().filter(person).collect();
        if people.is_empty() {
            continue;
        }
        let mut entities: Vec<usize> = people
            .iter()
            .filter_map(|&a| res.mention_entity[a])
            .collect();
        entities.sort_unstable();
        entities.dedup();
        return match entities.as_slice() {
            [e] => people
                .into_iter()
                .find(|&a| res.mention_entity[a] == Some(*e)),
            _ => None,
        };
    }
    None
}

/// Is token `k` a quotation mark (only quote characters)?
fn is_quote_mark(ctx: &Ctx<'_>, k: usize) -> bool {
    let t = ctx.tok(k);
    !t.is_empty()
        && t.chars()
            .all(|c| matches!(c, '"' | '“' | '”' | '„' | '‘' | '’' | '\'' | '«' | '»'))
}

/// Is token `k` a positive form of a verb of saying (`alisema`, `anasema`, `asema`)?
fn is_speech_verb(ctx: &Ctx<'_>, k: usize) -> bool {
    let g = ctx.lex.grammar(ctx.lang);
    let m = &ctx.lex.triggers.morphology;
    let t = &ctx.folded_tokens[k];
    g.speech_verbs.iter().any(|stem| {
        match_verb(t, stem, m).is_some_and(|v| !v.negative)
            // The general present "a-sema" merges its tense vowel into the subject marker.
            || m.subject
                .iter()
                .any(|sm| t.strip_prefix(sm.as_str()) == Some(stem.as_str()))
    })
}

/// The speaker of a quotation that token `k` of sentence `si` stands in, as a person mention:
/// the quotation closes after `k` right before a verb of saying and a person (`"…," alisema X`),
/// or before up to three lower-case words, a person and a verb of saying (`"…," katika taarifa
/// rais X alisema`); or it opens before `k` right after a person and a verb of saying (`X
/// alisema "…`); or `k` is in a headline ending in `- X`.
fn quote_speaker(ctx: &Ctx<'_>, rec: &Recognised, si: usize, k: usize) -> Option<usize> {
    if ctx.lang != Lang::Sw {
        return None;
    }
    let s = &ctx.seg.sentences[si];
    let (start, end) = (s.tokens.start, s.tokens.end);
    let persons: Vec<usize> = actors(ctx, rec, si)
        .into_iter()
        .filter(|&a| mention_agreement(rec, a) == Agreement::Person)
        .collect();
    let word = |j: usize| {
        let w = ctx.tok(j);
        w.chars().all(char::is_alphabetic) && w.chars().next().is_some_and(char::is_lowercase)
    };
    if let Some(q) = (k + 1..end).find(|&j| is_quote_mark(ctx, j)) {
        let mut j = q;
        while j < end && (is_quote_mark(ctx, j) || ctx.tok(j) == ",") {
            j += 1;
        }
        if j < end && is_speech_verb(ctx, j) {
            if let Some(&p) = persons
                .iter()
                .find(|&&p| phrase_start(ctx, rec, p) == j + 1)
            {
                return Some(p);
            }
        }
        let before_verb = persons.iter().copied().find(|&p| {
            let ps = phrase_start(ctx, rec, p);
            let pe = rec.mentions[p].tokens.end;
            (j..=j + 3).contains(&ps)
                && (j..ps).all(word)
                && pe < end
                && is_speech_verb(ctx, skip_adverbs(ctx, pe, end).min(end - 1))
        });
        if before_verb.is_some() {
            return before_verb;
        }
    }
    if let Some(q) = (start..k).rev().find(|&j| is_quote_mark(ctx, j)) {
        if q > start + 1 && is_speech_verb(ctx, q - 1) {
            if let Some(&p) = persons
                .iter()
                .find(|&&p| rec.mentions[p].tokens.end == q - 1)
            {
                return Some(p);
            }
        }
    }
    if si == 0 {
        // A headline "… - X": X said it.
        let &p = persons.last()?;
        let ps = phrase_start(ctx, rec, p);
        let tail = (rec.mentions[p].tokens.end..end).all(|j| !word(j) && ctx.tok(j) != "-");
        if ps > start && ctx.tok(ps - 1) == "-" && tail && k < ps - 1 {
            return Some(p);
        }
    }
    None
}

/// The state the speaker (a person mention) holds a current office in, when it is one state.
fn speaker_state(ctx: &Ctx<'_>, res: &Resolved, facts: &[Fact], speaker: usize) -> Option<usize> {
    let person = res.mention_entity[speaker]?;
    let mut states: Vec<usize> = facts
        .iter()
        .filter(|f| f.relation == Relation::HoldsPositionIn && f.subject == person && !f.former)
        .map(|f| f.object)
        .filter(|&o| {
            res.entities[o]
                .entry
                .is_some_and(|i| ctx.lex.entities[i].kind == EntityKind::State)
        })
        .collect();
    states.sort_unstable();
    states.dedup();
    match states.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// Who a Swahili verb's subject marker says its subject is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Agreement {
    /// One person (`a-likutana`).
    Person,
    /// Several people (`wa-likutana`).
    People,
    /// A state, alliance or other thing (`i-mekashifu`, `u-mesema`).
    Thing,
}

/// The subject agreement of the finite verb at token `i` (subject marker + tense marker +
/// stem), or None when the token is not a finite verb (an infinitive, a noun, English).
fn finite_agreement(ctx: &Ctx<'_>, i: usize) -> Option<Agreement> {
    if ctx.lang != Lang::Sw {
        return None;
    }
    let g = ctx.lex.grammar(ctx.lang);
    let m = &ctx.lex.triggers.morphology;
    let t = &ctx.folded_tokens[i];
    let mut found = None;
    for sm in &m.subject {
        let Some(rest) = t.strip_prefix(sm.as_str()) else {
            continue;
        };
        // The infinitive prefix is also a subject marker ("kulikuwa", there was), but with
        // any other verb it makes an infinitive: "kutangaza" is ku-tangaza, not ku-ta-ngaza.
        let infinitive_prefix = m.infinitive.iter().any(|p| p == sm);
        let finite = tensed_stems(rest, &g.finite_tenses)
            .any(|stem| !infinitive_prefix || g.auxiliaries.iter().any(|a| a == stem));
        if !finite {
            continue;
        }
        if g.person_subject_markers.contains(sm) {
            return Some(Agreement::Person);
        }
        if g.plural_subject_markers.contains(sm) {
            found = Some(Agreement::People);
        } else if found.is_none() {
            found = Some(Agreement::Thing);
        }
    }
    found
}

/// The stems of at least three letters left after one of `tenses` at the start of `rest` (a
/// verb with its subject marker already taken off): `rest` is a tensed verb when there is one.
fn tensed_stems<'t>(rest: &'t str, tenses: &'t [String]) -> impl Iterator<Item = &'t str> {
    tenses
        .iter()
        .filter_map(move |tm| rest.strip_prefix(tm.as_str()))
        .filter(|stem| stem.chars().count() >= 3)
}

/// The agreement of a trigger verb; None for an infinitive (`kumsifu`), whose subject is the
/// subject of the clause it depends on.
fn verb_agreement(ctx: &Ctx<'_>, i: usize) -> Option<Agreement> {
    finite_agreement(ctx, i)
}

/// What a mention would agree with as a subject.
fn mention_agreement(rec: &Recognised, m: usize) -> Agreement {
    match rec.mentions[m].kind {
        MentionKind::Person(_) | MentionKind::Role { .. } => Agreement::Person,
        MentionKind::Plural(_) => Agreement::People,
        _ => Agreement::Thing,
    }
}

/// Is the infinitive at `i` governed by a verb of expecting, planning or wanting
/// (`alitarajiwa kuzuru`)?
fn governed_by_irrealis(ctx: &Ctx<'_>, i: usize, start: usize) -> bool {
    governed_by(ctx, i, start, &ctx.lex.grammar(ctx.lang).irrealis)
}

/// Is the event at token `i` told as unreal by what stands before it in its clause: a condition
/// (`Iwapo India … kuunga mkono Ukraine, …`), or, for an infinitive, a noun of intent right
/// before it (`azimio la kuiwekea vikwazo`) or a verb of hope, plan or refusal reaching it
/// through other infinitives (`inatumai kutumia mkutano huu kusaini …`)?
fn unreal_in_clause(ctx: &Ctx<'_>, i: usize, start: usize, infinitive: bool) -> bool {
    if ctx.lang != Lang::Sw || i == start {
        return false;
    }
    let g = ctx.lex.grammar(ctx.lang);
    let clause = (start..i)
        .rev()
        .find(|&k| matches!(ctx.tok(k), "," | ";" | ":"))
        .map_or(start, |k| k + 1);
    if (clause..i).any(|k| ctx.any_phrase_at(k, i, &g.event_conditionals).is_some()) {
        return true;
    }
    if !infinitive {
        return false;
    }
    if (i.saturating_sub(3).max(clause)..i)
        .any(|k| ctx.any_phrase_at(k, i, &g.intent_nouns) == Some(i - k))
    {
        return true;
    }
    // Back to the nearest finite verb of the clause, through other infinitives (up to eight
    // words): the verb the chain hangs from.
    let mut k = i;
    while k > clause && i - k < 8 {
        k -= 1;
        if finite_agreement(ctx, k).is_some() {
            return governed_by(ctx, k + 1, start, &g.irrealis);
        }
    }
    false
}

/// Is the infinitive at `i` the complement of a positive verb of one of these stems right
/// before it?
fn governed_by(ctx: &Ctx<'_>, i: usize, start: usize, stems: &[String]) -> bool {
    if ctx.lang != Lang::Sw || i == start {
        return false;
    }
    let m = &ctx.lex.triggers.morphology;
    let prev = &ctx.folded_tokens[i - 1];
    stems
        .iter()
        .any(|stem| match_verb(prev, stem, m).is_some_and(|v| !v.negative))
}

/// Skips adverbs between a verb and its object (`kuunga mkono sana Misri`).
fn skip_adverbs(ctx: &Ctx<'_>, mut k: usize, end: usize) -> usize {
    let g = ctx.lex.grammar(ctx.lang);
    while k < end {
        match ctx.any_phrase_at(k, end, &g.adverbs) {
            Some(n) => k += n,
            None => break,
        }
    }
    k
}

/// Where the fixed words of a multi-word trigger (`rest`) end when they stand at token `at`:
/// word for word, with a possessive pronoun allowed after the first (`ujumbe wao wa pongezi`),
/// and the last, when there are two or more and it has seven letters or more, within one edit
/// (`ponngezi`, a doubled letter): the verb and the words before it already fix the phrase, and
/// the press misspells long words. Verb stems themselves are matched exactly (a passive is one
/// letter more).
fn rest_end(ctx: &Ctx<'_>, rest: &[String], at: usize, end: usize) -> Option<usize> {
    let g = ctx.lex.grammar(ctx.lang);
    let mut k = at;
    for (n, w) in rest.iter().enumerate() {
        let tok = ctx.folded_tokens.get(k).filter(|_| k < end)?;
        if tok != w {
            // Only the last of two or more words may be one edit away (checked only when it
            // is not the word itself: `one_edit` collects the letters).
            let last = n + 1 == rest.len();
            let near = last
                && n > 0
                && tok.len().abs_diff(w.len()) <= 4
                && w.chars().count() >= 7
                && one_edit(tok, w);
            if !near {
                return None;
            }
        }
        k += 1;
        if n == 0
            && rest.len() > 1
            && k < end
            && ctx.folded_tokens[k] != rest[1]
            && ctx
                .any_phrase_at(k, k + 1, &g.possessive_pronouns)
                .is_some()
        {
            k += 1;
        }
    }
    Some(k)
}

/// Whether `a` and `b` differ by one letter inserted, deleted or replaced.
fn one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let head = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if short.len() == long.len() {
        head < short.len() && short[head + 1..] == long[head + 1..]
    } else {
        short[head..] == long[head + 1..]
    }
}

/// Skips honorifics and ranks written before a name (`Bw.`, `Jaji Mstaafu`), which its mention
/// does not include.
fn skip_ranks(ctx: &Ctx<'_>, mut k: usize, end: usize) -> usize {
    let g = ctx.lex.grammar(ctx.lang);
    while k < end
        && (ctx.any_phrase_at(k, k + 1, &g.honorifics).is_some()
            || ctx.any_phrase_at(k, k + 1, &g.name_ranks).is_some())
    {
        k += 1;
    }
    k
}

/// The author of an act named right after a verb of praise or criticism: `alikosoa mpango wa
/// Marekani`, `waliopinga hamu hiyo ya rais wa Marekani` (the first actor after an "of" word),
/// `alipongeza hatua ya makubaliano yaliyofikiwa na Trump` (the agent of a passive verb). The
/// noun phrase ends at punctuation, at a finite verb that is not that passive, or after twelve
/// words.
fn act_author(
    ctx: &Ctx<'_>,
    rec: &Recognised,
    acts: &[usize],
    at: usize,
    end: usize,
) -> Option<usize> {
    act_authors(ctx, rec, acts, at, end).first().copied()
}

/// All the authors of an act named at `at` (`hatua zilizotangazwa na Marekani, Uingereza …`:
/// the measures announced by both), as [`act_author`] finds the first.
fn act_authors(
    ctx: &Ctx<'_>,
    rec: &Recognised,
    acts: &[usize],
    at: usize,
    end: usize,
) -> Vec<usize> {
    let g = ctx.lex.grammar(ctx.lang);
    if at >= end || ctx.any_phrase_at(at, at + 1, &g.act_nouns).is_none() {
        return Vec::new();
    }
    let limit = (at + 12).min(end);
    let mut k = at + 1;
    while k < limit {
        if !ctx.tok(k).chars().any(char::is_alphanumeric)
            || ctx.any_phrase_at(k, k + 1, &g.description_breaks).is_some()
            || ctx
                .any_phrase_at(k, k + 1, &g.possessive_pronouns)
                .is_some()
        {
            // The phrase ends: "hatua yake lakini … serikali ya Tanzania" is his act, and
            // Tanzania is in another clause.
            return Vec::new();
        }
        if let Some(n) = ctx.any_phrase_at(k, end, &g.of) {
            let listed = list_after(ctx, rec, acts, k + n, end);
            if !listed.is_empty() {
                return listed;
            }
        }
        if finite_agreement(ctx, k).is_some() {
            // "yaliyofikiwa na Trump": a passive verb inside the phrase, then its agent.
            let passive = g
                .passive_endings
                .iter()
                .any(|e| ctx.folded_tokens[k].ends_with(e.as_str()));
            let agent = ctx.any_phrase_at(k + 1, end, &g.agent);
            return match (passive, agent) {
                (true, Some(n)) => list_after(ctx, rec, acts, k + 1 + n, end),
                _ => Vec::new(),
            };
        }
        if covering(ctx, rec, k).next().is_some() {
            // Another actor inside the phrase ("mpango wa amani Kenya …"): not the author.
            return Vec::new();
        }
        k += 1;
    }
    Vec::new()
}

/// A person named after a description of them, right after a verb: `kumuunga mkono mwanasiasa
/// mkongwe wa upinzani Raila Odinga`, `alirithiwa na mshirika wake wa karibu Yoshihide Suga`.
/// The description is one to seven lower-case words with no verb, number, punctuation or other
/// actor, starting with a noun (not "wa", not a preposition) and ending with a word of its own
/// (not "wa" nor a title: `msemaji wa Rais X` names the spokesperson, not X).
fn described_person(
    ctx: &Ctx<'_>,
    rec: &Recognised,
    acts: &[usize],
    at: usize,
    end: usize,
) -> Option<usize> {
    if ctx.lang != Lang::Sw {
        return None;
    }
    let g = ctx.lex.grammar(ctx.lang);
    let plain = |k: usize| {
        let w = ctx.tok(k);
        w.chars().all(char::is_alphabetic)
            && w.chars().next().is_some_and(char::is_lowercase)
            && ctx.any_phrase_at(k, k + 1, &g.description_breaks).is_none()
            && ctx.any_phrase_at(k, k + 1, &g.adverbs).is_none()
            && ctx.any_phrase_at(k, k + 1, &g.honorifics).is_none()
            && finite_agreement(ctx, k).is_none()
            && !is_infinitive(ctx, k)
            && ctx.covered[k].is_none()
            && covering(ctx, rec, k).next().is_none()
    };
    // An office with a possessive ("naibu wake, Demeke Mekonnen") describes the person too.
    let is_title = |k: usize| {
        ctx.covered[k].is_some_and(|m| matches!(ctx.matches[m].target, MatchTarget::Title(_)))
    };
    let owned_title = at + 1 < end
        && is_title(at)
        && ctx
            .any_phrase_at(at + 1, at + 2, &g.possessive_pronouns)
            .is_some();
    let rank = |k: usize| {
        ctx.any_phrase_at(k, k + 1, &g.honorifics).is_some()
            || ctx.any_phrase_at(k, k + 1, &g.name_ranks).is_some()
    };
    if at < end && ctx.any_phrase_at(at, at + 1, &g.name_ranks).is_some() {
        // "kumteua Jaji X", "nafasi ya Jaji Mstaafu X": ranks (and honorifics) right before
        // the name.
        let mut h = at;
        while h < end && rank(h) {
            h += 1;
        }
        return acts
            .iter()
            .find(|&&a| rec.mentions[a].tokens.start == h)
            .copied()
            .filter(|&p| matches!(rec.mentions[p].kind, MentionKind::Person(_)));
    }
    if at >= end || !(plain(at) || owned_title) || ctx.any_phrase_at(at, at + 1, &g.of).is_some() {
        return None;
    }
    let mut k = if owned_title { at + 2 } else { at + 1 };
    while k < end && k - at < 8 {
        let after_of =
            g.of.iter()
                .any(|w| crate::text::fold_eq(w, &ctx.folded_tokens[k - 1]));
        if let Some(&p) = acts.iter().find(|&&a| rec.mentions[a].tokens.start == k) {
            return (matches!(rec.mentions[p].kind, MentionKind::Person(_)) && !after_of)
                .then_some(p);
        }
        // Honorifics right before the name ("mshirika wake Bw Suga").
        let mut h = k;
        while h < end && rank(h) {
            h += 1;
        }
        if h > k {
            let p = acts.iter().find(|&&a| rec.mentions[a].tokens.start == h);
            return match p {
                Some(&p) if matches!(rec.mentions[p].kind, MentionKind::Person(_)) && !after_of => {
                    Some(p)
                }
                _ => None,
            };
        }
        if ctx.tok(k) == "," && k > at {
            // "naibu wake, Demeke Mekonnen": a comma right before the name.
            let p = acts
                .iter()
                .find(|&&a| rec.mentions[a].tokens.start == k + 1);
            return p
                .copied()
                .filter(|&p| matches!(rec.mentions[p].kind, MentionKind::Person(_)) && !after_of);
        }
        if !plain(k) {
            return None;
        }
        k += 1;
    }
    None
}

/// The agreement of the verb a mention is the subject of: the finite verb right after it, after
/// adverbs (`Kenyatta pia alimshukuru`), a relative pronoun (`Trump ambaye ameunga`) or a
/// parenthesis between commas (`Museveni, rais wa Uganda, alisema`). A copula right after it
/// (`X ni rafiki …`), which takes no subject marker, agrees with whatever it follows.
fn subject_of_verb(ctx: &Ctx<'_>, rec: &Recognised, m: usize) -> Option<Agreement> {
    let g = ctx.lex.grammar(ctx.lang);
    let end = ctx.seg.sentences[rec.mentions[m].sentence].tokens.end;
    let verb_at = |k: usize| -> Option<Agreement> {
        let mut k = skip_adverbs(ctx, k, end);
        if k < end && ctx.any_phrase_at(k, k + 1, &g.copulas).is_some() {
            return Some(mention_agreement(rec, m));
        }
        if k < end && ctx.any_phrase_at(k, end, &g.relatives).is_some() {
            k += 1;
        }
        (k < end)
            .then(|| finite_agreement(ctx, k).or_else(|| negative_agreement(ctx, k)))
            .flatten()
    };
    if after_preposition(ctx, phrase_start(ctx, rec, m)) {
        return None;
    }
    let k = rec.mentions[m].tokens.end;
    if let Some(a) = verb_at(k) {
        return Some(a);
    }
    // "George Weah, rais wa Liberia, moja ya nchi …, akiangazia": the verb after one of the
    // next three commas, within forty tokens.
    if k < end && ctx.tok(k) == "," {
        let limit = (k + 40).min(end);
        let commas = (k + 1..limit).filter(|&c| ctx.tok(c) == ",").take(3);
        for c in commas {
            if let Some(a) = verb_at(c + 1) {
                return Some(a);
            }
        }
        // "X, Profesa wa … na mkongwe aliyehudumu … kwa miaka 20 amesifu …": a name opening
        // the sentence, then a description whose closing comma is left out, then the main
        // verb — the first finite verb that is not a relative one ("aliyehudumu" belongs to
        // the description). Only for the sentence's first words: elsewhere a comma after a
        // name more often ends a phrase of its own ("Baada ya X, Y alisema").
        let opens =
            phrase_start(ctx, rec, m) == ctx.seg.sentences[rec.mentions[m].sentence].tokens.start;
        if opens {
            for j in k + 1..limit {
                if ctx.tok(j) == "," {
                    break;
                }
                if is_relative_verb(ctx, j) {
                    continue;
                }
                if let Some(a) = finite_agreement(ctx, j).or_else(|| negative_agreement(ctx, j)) {
                    return Some(a);
                }
            }
        }
    }
    None
}

/// The verb of a pseudo-cleft before the infinitive at `i` (`hatua aliyochukua ni kuteua X`,
/// `alichofanya ni kumteua X`: what she did was appoint X): a relative verb with a person's
/// subject marker, then a copula, then the infinitive. Its subject is the infinitive's. (The
/// future relative `a-ta-ka-yo-chukua`, what she will do, has `ka` before its relative marker:
/// it is no such verb, and its infinitive gets no subject.)
fn pseudo_cleft(ctx: &Ctx<'_>, start: usize, i: usize) -> Option<usize> {
    let g = ctx.lex.grammar(ctx.lang);
    (i >= start + 2
        && is_infinitive(ctx, i)
        && ctx.any_phrase_at(i - 1, i, &g.copulas).is_some()
        && finite_agreement(ctx, i - 2) == Some(Agreement::Person)
        && is_relative_verb(ctx, i - 2))
    .then(|| i - 2)
}

/// Is token `k` a finite verb with a relative marker after its tense (`a-li-yo-chukua`,
/// `a-li-cho-fanya`, `a-li-ye-hudumu`: who served)? A stem that itself opens like a relative
/// marker ("ali-onya", warned) is taken for one too: callers that skip relative verbs accept it.
fn is_relative_verb(ctx: &Ctx<'_>, k: usize) -> bool {
    let g = ctx.lex.grammar(ctx.lang);
    let m = &ctx.lex.triggers.morphology;
    let t = &ctx.folded_tokens[k];
    m.subject
        .iter()
        .filter_map(|sm| t.strip_prefix(sm.as_str()))
        .flat_map(|rest| {
            g.finite_tenses
                .iter()
                .filter_map(move |tm| rest.strip_prefix(tm.as_str()))
        })
        .any(|rest| {
            m.relative.iter().any(|rm| {
                rest.strip_prefix(rm.as_str())
                    .is_some_and(|stem| stem.chars().count() >= 3)
            })
        })
}

/// Is mention `m` the subject of a copula right after it (adverbs between): `X ni rafiki`?
fn copula_subject(ctx: &Ctx<'_>, rec: &Recognised, m: usize) -> bool {
    let g = ctx.lex.grammar(ctx.lang);
    let end = ctx.seg.sentences[rec.mentions[m].sentence].tokens.end;
    let k = skip_adverbs(ctx, rec.mentions[m].tokens.end, end);
    k < end && ctx.any_phrase_at(k, k + 1, &g.copulas).is_some()
}

/// The subject of the clause of a trigger with no actor right before it: the nearest actor
/// before it in the sentence that is the subject of a finite verb agreeing with it; for a
/// person's subject marker with no person before it in the sentence, the one person who was
/// a subject in the nearest earlier sentence naming people (two sentences back at most).
fn clause_subject(
    ctx: &Ctx<'_>,
    rec: &Recognised,
    res: &Resolved,
    acts: &[usize],
    sentence: usize,
    trigger: usize,
    agr: Option<Agreement>,
) -> Option<usize> {
    let before: Vec<usize> = acts
        .iter()
        .copied()
        .filter(|&a| rec.mentions[a].tokens.end <= trigger)
        .collect();
    for &a in before.iter().rev() {
        let own = mention_agreement(rec, a);
        // "Ilipelekea jenerali huyo kubadilisha …, na kuanza kumsifu X": a person right before
        // an infinitive is its subject, and so of the infinitives joined to it.
        // So is the owner of a decision or plan "of" infinitives: "uamuzi wa rais huyo wa
        // kujiondoa … na kuiwekea nchi hiyo vikwazo".
        let e = rec.mentions[a].tokens.end;
        let g = ctx.lex.grammar(ctx.lang);
        let inf_at = if e < trigger && ctx.any_phrase_at(e, e + 1, &g.of).is_some() {
            e + 1
        } else {
            e
        };
        let controls = agr.is_none()
            && own == Agreement::Person
            && inf_at < trigger
            && is_infinitive(ctx, inf_at);
        if !controls && (subject_of_verb(ctx, rec, a) != Some(own) || agr.is_some_and(|x| x != own))
        {
            continue;
        }
        return Some(a);
    }
    if agr != Some(Agreement::Person)
        || before
            .iter()
            .any(|&a| mention_agreement(rec, a) == Agreement::Person)
    {
        return None;
    }
    // Narration keeps its subject across sentences that name no one ("X alijiuzulu 2020. Ugonjwa
    // … . Alirithiwa na Y"): look back past up to three of them.
    topic_person(ctx, rec, res, sentence)
}

/// The person the narration is about before sentence `sentence`: the one person who was the
/// subject of a verb in the nearest earlier sentence naming people (four sentences back at
/// most); None when that sentence had two.
fn topic_person(ctx: &Ctx<'_>, rec: &Recognised, res: &Resolved, sentence: usize) -> Option<usize> {
    for back in 1..=4 {
        let Some(ps) = sentence.checked_sub(back) else {
            break;
        };
        let people: Vec<usize> = actors(ctx, rec, ps)
            .into_iter()
            .filter(|&a| mention_agreement(rec, a) == Agreement::Person)
            .collect();
        if people.is_empty() {
            continue;
        }
        let subjects: Vec<usize> = people
            .into_iter()
            .filter(|&a| {
                res.mention_entity[a].is_some()
                    && subject_of_verb(ctx, rec, a) == Some(Agreement::Person)
            })
            .collect();
        // A person only described by a copula ("… kile ambacho X ni 'siasa za majitaka'") is
        // not whom the narration follows when another person of the sentence acts.
        let acting: Vec<usize> = subjects
            .iter()
            .copied()
            .filter(|&a| !copula_subject(ctx, rec, a))
            .collect();
        let subjects = if acting.is_empty() { subjects } else { acting };
        let mut entities: Vec<usize> = subjects
            .iter()
            .filter_map(|&a| res.mention_entity[a])
            .collect();
        entities.sort_unstable();
        entities.dedup();
        return match entities.as_slice() {
            [_] => subjects.first().copied(),
            _ => None,
        };
    }
    None
}

/// The subject agreement of a negative finite verb (`ha-ku-chelea`: he did not; `hawa-ku-`:
/// they did not; `hai-ku-`: it did not), or None.
fn negative_agreement(ctx: &Ctx<'_>, k: usize) -> Option<Agreement> {
    if ctx.lang != Lang::Sw {
        return None;
    }
    let g = ctx.lex.grammar(ctx.lang);
    let m = &ctx.lex.triggers.morphology;
    let t = &ctx.folded_tokens[k];
    let verb = |rest: &str| tensed_stems(rest, &m.negative_tense).next().is_some();
    let rest = m.negative.iter().find_map(|n| t.strip_prefix(n.as_str()))?;
    if let Some(r) = g
        .plural_subject_markers
        .iter()
        .find_map(|sm| rest.strip_prefix(sm.as_str()))
    {
        if verb(r) {
            return Some(Agreement::People);
        }
    }
    if verb(rest) {
        // "ha-ku-": the person marker merges with the negative.
        return Some(Agreement::Person);
    }
    m.subject
        .iter()
        .filter_map(|sm| rest.strip_prefix(sm.as_str()))
        .any(verb)
        .then_some(Agreement::Thing)
}

/// Does the negative verb at `k` deny the infinitive after it (`hakutaka kukutana`: did not
/// want to meet)? Not when it is a verb of hesitating (`hakuchelea kumpongeza`: did not
/// hesitate to congratulate), whose negative asserts the act.
fn denied_by(ctx: &Ctx<'_>, k: usize) -> bool {
    let g = ctx.lex.grammar(ctx.lang);
    let m = &ctx.lex.triggers.morphology;
    let t = &ctx.folded_tokens[k];
    negative_agreement(ctx, k).is_some()
        && !g
            .litotes
            .iter()
            .any(|stem| match_verb(t, stem, m).is_some_and(|v| v.negative))
}

/// The people a plural reference right before a verb stands for (`Viongozi hao walimuunga
/// mkono Y`: those leaders): the people listed after an inclusion cue in the sentence before
/// (`Wandani wa X wakiwemo A, …, B, … C ni miongoni mwa …`), two at least. The person the cue's
/// phrase belongs to (X) is before the cue and not among them.
fn listed_people(ctx: &Ctx<'_>, rec: &Recognised, sentence: usize, verb: usize) -> Vec<usize> {
    let g = ctx.lex.grammar(ctx.lang);
    let start = ctx.seg.sentences[sentence].tokens.start;
    let anaphor = (verb.saturating_sub(3).max(start)..verb)
        .any(|k| ctx.any_phrase_at(k, verb, &g.plural_person_anaphora) == Some(verb - k));
    let Some(prev) = sentence.checked_sub(1).filter(|_| anaphor) else {
        return Vec::new();
    };
    let ps = &ctx.seg.sentences[prev];
    let Some(cue) = (ps.tokens.clone()).find(|&k| {
        ctx.any_phrase_at(k, ps.tokens.end, &g.inclusion_cues)
            .is_some()
    }) else {
        return Vec::new();
    };
    let people: Vec<usize> = mentions_of(rec, prev)
        .filter(|&m| {
            let x = &rec.mentions[m];
            x.sentence == prev
                && x.tokens.start > cue
                && !x.attached
                && matches!(x.kind, MentionKind::Person(_))
        })
        .collect();
    if people.len() >= 2 {
        people
    } else {
        Vec::new()
    }
}

/// The people a plural reference right before `verb` (`viongozi wengine walituma …`, sw grammar
/// `plural_person_cataphora`) stands for: those named in the next sentence before a verb with a
/// plural subject marker and a phrase of `among` (`A, B na C walikuwa miongoni mwa wale …`),
/// two at least.
fn listed_after(ctx: &Ctx<'_>, rec: &Recognised, sentence: usize, verb: usize) -> Vec<usize> {
    let g = ctx.lex.grammar(ctx.lang);
    let start = ctx.seg.sentences[sentence].tokens.start;
    let cataphor = (verb.saturating_sub(3).max(start)..verb)
        .any(|k| ctx.any_phrase_at(k, verb, &g.plural_person_cataphora) == Some(verb - k));
    let next = sentence + 1;
    if !cataphor || next >= ctx.seg.sentences.len() {
        return Vec::new();
    }
    let ns = &ctx.seg.sentences[next];
    let Some(v) = (ns.tokens.start..ns.tokens.end).find(|&k| {
        k + 1 < ns.tokens.end
            && finite_agreement(ctx, k) == Some(Agreement::People)
            && ctx.any_phrase_at(k + 1, ns.tokens.end, &g.among).is_some()
    }) else {
        return Vec::new();
    };
    let people: Vec<usize> = mentions_of(rec, next)
        .filter(|&m| {
            let x = &rec.mentions[m];
            x.tokens.end <= v && !x.attached && matches!(x.kind, MentionKind::Person(_))
        })
        .collect();
    if people.len() >= 2 {
        people
    } else {
        Vec::new()
    }
}

/// The person the headline (sentence 0) has praised or congratulated: the object right after a
/// `supports` trigger there that takes its object directly (`Viongozi wa Afrika wampongeza Joe
/// Biden`), when there is one such person.
fn headline_supported(ctx: &Ctx<'_>, rec: &Recognised, sw: &SwTriggers<'_>) -> Option<usize> {
    let s = ctx.seg.sentences.first()?;
    let acts = actors(ctx, rec, 0);
    let mut found = triggers_in(ctx, rec, sw, s.tokens.clone())
        .into_iter()
        .filter(|t| {
            t.relation == Relation::Supports
                && !t.negative
                && !t.passive
                && !t.label
                && t.then.is_none()
        })
        .filter_map(|t| {
            let at = skip_ranks(
                ctx,
                skip_adverbs(ctx, t.span.end, s.tokens.end),
                s.tokens.end,
            );
            acts.iter()
                .copied()
                .find(|&a| rec.mentions[a].tokens.start == at)
                .filter(|&a| mention_agreement(rec, a) == Agreement::Person)
        });
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// Is the finite trigger at `i` the verb of a yes/no question: after a question particle
/// (`Je`) of its sentence `range`, with a question mark after it?
fn asked(ctx: &Ctx<'_>, range: Range<usize>, i: usize) -> bool {
    let g = ctx.lex.grammar(ctx.lang);
    // Only the question's own finite verb is asked about: in "Je hatua ya X kumuunga mkono Y
    // itamsaidia?" (will X's support of Y help him?) the support is taken as told.
    finite_agreement(ctx, i).is_some()
        && (range.start..i).any(|k| ctx.any_phrase_at(k, k + 1, &g.question_particles).is_some())
        && (i + 1..range.end).any(|k| ctx.tok(k).contains('?'))
}

/// Is the trigger `token` (a form of `stem` at `i`) a participle (`akichukua`) depending on a
/// finite verb in the future or the conditional (`ataapishwa …, akichukua nafasi ya X`): the
/// nearest finite verb before it in the sentence, which is not itself a participle?
fn unreal_participle(ctx: &Ctx<'_>, start: usize, i: usize, token: &str, stem: &str) -> bool {
    let g = ctx.lex.grammar(ctx.lang);
    let m = &ctx.lex.triggers.morphology;
    if !in_tense(token, stem, &g.participle_tenses, m) {
        return false;
    }
    (start..i)
        .rev()
        .find(|&k| finite_agreement(ctx, k).is_some() && !is_participle(ctx, k))
        .is_some_and(|k| unreal_finite(ctx, k))
}

/// Is token `k` a participle (subject marker + a participle tense: `a-ki-chukua`)?
fn is_participle(ctx: &Ctx<'_>, k: usize) -> bool {
    let g = ctx.lex.grammar(ctx.lang);
    let m = &ctx.lex.triggers.morphology;
    let t = &ctx.folded_tokens[k];
    m.subject
        .iter()
        .filter_map(|sm| t.strip_prefix(sm.as_str()))
        .any(|rest| tensed_stems(rest, &g.participle_tenses).next().is_some())
}

/// Is token `k` a finite verb in the future or the conditional (`watakwenda` in `watakwenda
/// kukutana`), which makes the infinitive after it unreal too?
fn unreal_finite(ctx: &Ctx<'_>, k: usize) -> bool {
    let g = ctx.lex.grammar(ctx.lang);
    let m = &ctx.lex.triggers.morphology;
    let t = &ctx.folded_tokens[k];
    m.subject
        .iter()
        .filter_map(|sm| t.strip_prefix(sm.as_str()))
        .any(|rest| tensed_stems(rest, &g.unreal_tenses).next().is_some())
}

/// Does the verb `token` (a form of `stem`) carry a singular person's object marker right
/// before the stem (`ali-m-tembelea`, `ku-mw-ona`)?
fn has_person_object(ctx: &Ctx<'_>, token: &str, stem: &str) -> bool {
    has_marker_before(
        token,
        stem,
        &ctx.lex.grammar(ctx.lang).person_object_markers,
    )
}

/// Does the verb `token` (a form of `stem`) carry one of the object `markers` right before the
/// stem, after some prefix of its own (`ku-tu-tembelea`)?
fn has_marker_before(token: &str, stem: &str, markers: &[String]) -> bool {
    token.strip_suffix(stem).is_some_and(|prefix| {
        markers
            .iter()
            .any(|om| prefix.len() > om.len() && prefix.ends_with(om.as_str()))
    })
}

/// The person a verb's object marker stands for, when no object follows the verb: the person
/// named last before it in the sentence, in an earlier clause (a comma or a coordinator
/// between), provided that person is no verb's subject (`Anamtaja Rais X kama …, na
/// amemtembelea`: visited X; but in `X alisema … na kumsifu`, X is the subject).
fn marked_object(
    ctx: &Ctx<'_>,
    rec: &Recognised,
    acts: &[usize],
    start: usize,
    trigger: usize,
) -> Option<usize> {
    let g = ctx.lex.grammar(ctx.lang);
    let &last = acts
        .iter()
        .filter(|&&a| rec.mentions[a].tokens.end <= trigger)
        .max_by_key(|&&a| rec.mentions[a].tokens.end)?;
    let m = &rec.mentions[last];
    let clause_break = (m.tokens.end..trigger)
        .any(|k| ctx.tok(k) == "," || ctx.any_phrase_at(k, k + 1, &g.coordinators).is_some());
    (m.tokens.start >= start
        && mention_agreement(rec, last) == Agreement::Person
        && clause_break
        && subject_of_verb(ctx, rec, last).is_none())
    .then_some(last)
}

/// The married couples an article names, as entity pairs: a spouse word followed by a person
/// (`kwa mkewe Y`, honorifics skipped) and the one person before it in the sentence who is not
/// inside an "of" phrase or after a preposition (`X, mbunge … wa chama cha waziri mkuu Z,
/// alituma ilani ya talaka kwa mkewe Y`: X, not Z).
fn spouses(ctx: &Ctx<'_>, rec: &Recognised, res: &Resolved) -> Vec<(usize, usize)> {
    let g = ctx.lex.grammar(ctx.lang);
    let mut out = Vec::new();
    if g.spouse_words.is_empty() {
        return out;
    }
    for (si, s) in ctx.seg.sentences.iter().enumerate() {
        let mut acts: Option<Vec<usize>> = None;
        for k in s.tokens.clone() {
            let Some(n) = ctx.any_phrase_at(k, s.tokens.end, &g.spouse_words) else {
                continue;
            };
            let acts = acts.get_or_insert_with(|| actors(ctx, rec, si));
            let person = |a: usize| matches!(rec.mentions[a].kind, MentionKind::Person(_));
            let at = skip_ranks(ctx, k + n, s.tokens.end);
            let Some(named) = acts
                .iter()
                .copied()
                .find(|&a| rec.mentions[a].tokens.start == at && person(a))
                .and_then(|a| res.mention_entity[a])
            else {
                continue;
            };
            let owners: HashSet<usize> = acts
                .iter()
                .copied()
                .filter(|&a| person(a) && rec.mentions[a].tokens.end <= k)
                .filter(|&a| {
                    let p = phrase_start(ctx, rec, a);
                    p == s.tokens.start
                        || (ctx.any_phrase_at(p - 1, p, &g.of).is_none()
                            && !after_preposition(ctx, p))
                })
                .filter_map(|a| res.mention_entity[a])
                .filter(|&e| e != named)
                .collect();
            if let [owner] = owners.into_iter().collect::<Vec<_>>()[..] {
                out.push((owner, named));
            }
        }
    }
    out
}

/// The one spouse `couples` give entity `e`, if only one.
fn spouse_of(couples: &[(usize, usize)], e: usize) -> Option<usize> {
    let mut found = couples.iter().filter_map(|&(a, b)| {
        if a == e {
            Some(b)
        } else if b == e {
            Some(a)
        } else {
            None
        }
    });
    let first = found.next()?;
    found.all(|x| x == first).then_some(first)
}

/// The one person a quotation has named before token `k` of sentence `si`, when the quotation
/// opened in one of the three sentences before and this sentence names no one before `k`: a person object marker of a verb there refers to
/// that person. None when the quotation names two people, or names the person only as its
/// speaker.
fn quoted_person(
    ctx: &Ctx<'_>,
    rec: &Recognised,
    res: &Resolved,
    si: usize,
    k: usize,
) -> Option<usize> {
    let s = &ctx.seg.sentences[si];
    if (s.tokens.start..k).any(|j| is_quote_mark(ctx, j)) {
        return None;
    }
    let person = |a: usize| mention_agreement(rec, a) == Agreement::Person;
    if actors(ctx, rec, si)
        .into_iter()
        .any(|a| person(a) && rec.mentions[a].tokens.start < k)
    {
        return None;
    }
    // The nearest quote mark before the sentence, within three sentences, must open a
    // quotation (a word follows it). It may end the sentence before the quotation's first one:
    // segmentation keeps a mark after a full stop with the sentence it follows.
    let from = ctx.seg.sentences[si.saturating_sub(3)].tokens.start;
    let mark = (from..s.tokens.start)
        .rev()
        .find(|&j| is_quote_mark(ctx, j))
        .filter(|&j| j + 1 < s.tokens.start && ctx.tok(j + 1).chars().any(char::is_alphanumeric))?;
    let ps = ctx.seg.sentences.partition_point(|x| x.tokens.end <= mark);
    let named: Vec<usize> = (ps..si)
        .flat_map(|x| actors(ctx, rec, x))
        .filter(|&a| person(a) && rec.mentions[a].tokens.start > mark)
        .collect();
    let last = *named.last()?;
    let entity = res.mention_entity[last]?;
    let speaker = quote_speaker(ctx, rec, si, k).and_then(|sp| res.mention_entity[sp]);
    (named.iter().all(|&a| res.mention_entity[a] == Some(entity)) && speaker != Some(entity))
        .then_some(last)
}

/// The subject of an infinitive governed by a verb of enabling whose object marker names a
/// person (`ujumbe huo ulimfungulia njia ya kuzuru nchi hiyo kukutana na X`: he visited and
/// met X): the person the narration is about. The governing verb is the nearest finite verb
/// before the infinitive, within ten words and no punctuation.
fn controller_object(
    ctx: &Ctx<'_>,
    rec: &Recognised,
    res: &Resolved,
    sentence: usize,
    trigger: usize,
) -> Option<usize> {
    if ctx.lang != Lang::Sw {
        return None;
    }
    let g = ctx.lex.grammar(ctx.lang);
    let m = &ctx.lex.triggers.morphology;
    let start = ctx.seg.sentences[sentence].tokens.start;
    for k in (start.max(trigger.saturating_sub(10))..trigger).rev() {
        if !ctx.tok(k).chars().any(char::is_alphanumeric) {
            return None;
        }
        if finite_agreement(ctx, k).is_none() {
            continue;
        }
        let token = &ctx.folded_tokens[k];
        let controls = g.object_control.iter().any(|phrase| {
            let mut words = phrase.split_whitespace();
            let Some(stem) = words.next() else {
                return false;
            };
            match_verb(token, stem, m).is_some_and(|v| !v.negative)
                && has_person_object(ctx, token, stem)
                && words
                    .enumerate()
                    .all(|(n, w)| ctx.folded_tokens.get(k + 1 + n).map(String::as_str) == Some(w))
        });
        return if controls {
            topic_person(ctx, rec, res, sentence)
        } else {
            None
        };
    }
    None
}

/// The entity pairs a subject and an object mention stand for: one pair, or one per state of
/// a plural reference (`nchi hizo`), the subject itself left out.
fn entity_pairs(
    ctx: &Ctx<'_>,
    rec: &Recognised,
    res: &Resolved,
    a: usize,
    b: usize,
) -> Vec<(usize, usize)> {
    let single = |m: usize| -> Option<usize> {
        match rec.mentions[m].kind {
            MentionKind::Plural(_) => None,
            _ => res.mention_entity[m],
        }
    };
    match (single(a), single(b)) {
        (Some(ea), Some(eb)) => vec![(ea, eb)],
        (Some(ea), None) => plural_entities(ctx, rec, res, b, &[ea])
            .into_iter()
            .map(|eb| (ea, eb))
            .collect(),
        (None, Some(eb)) => plural_entities(ctx, rec, res, a, &[eb])
            .into_iter()
            .map(|ea| (ea, eb))
            .collect(),
        (None, None) => Vec::new(),
    }
}

/// The entities a plural reference (`nchi hizo`) stands for: the states named before it in its
/// sentence and up to two sentences back — gathered until there are at least two, none when
/// there are fewer.
fn plural_entities(
    ctx: &Ctx<'_>,
    rec: &Recognised,
    res: &Resolved,
    m: usize,
    exclude: &[usize],
) -> Vec<usize> {
    let MentionKind::Plural(kind) = rec.mentions[m].kind else {
        return Vec::new();
    };
    let at = &rec.mentions[m];
    let g = ctx.lex.grammar(ctx.lang);
    if ctx
        .any_phrase_at(at.tokens.start, at.tokens.end, &g.dual_state_anaphora)
        .is_some()
    {
        return dual_entities(ctx, rec, res, m, kind, exclude);
    }
    let mut out: Vec<usize> = Vec::new();
    for back in 0..=2 {
        let Some(ps) = at.sentence.checked_sub(back) else {
            break;
        };
        let run = mentions_of(rec, ps);
        for (x, i) in rec.mentions[run.clone()].iter().zip(run) {
            if x.sentence != ps
                || x.tokens.end > at.tokens.start
                || x.via == Via::Demonym
                || !matches!(x.kind, MentionKind::Entity(_) | MentionKind::Anaphor(_))
                || entity_kind(ctx, rec, i) != Some(kind)
            {
                continue;
            }
            if let Some(e) = res.mention_entity[i] {
                if !exclude.contains(&e) && !out.contains(&e) {
                    out.push(e);
                }
            }
        }
        if out.len() >= 2 {
            return out;
        }
    }
    Vec::new()
}

/// The two entities a dual reference (`wote wawili`) stands for: the last two of its kind
/// joined by a conjunction (`Misri na Jordan`) before it, in its sentence or up to two back.
fn dual_entities(
    ctx: &Ctx<'_>,
    rec: &Recognised,
    res: &Resolved,
    m: usize,
    kind: EntityKind,
    exclude: &[usize],
) -> Vec<usize> {
    let g = ctx.lex.grammar(ctx.lang);
    let at = &rec.mentions[m];
    let run = mentions_of_sentences(rec, at.sentence.saturating_sub(2), at.sentence);
    let named: Vec<usize> = run
        .filter(|&i| {
            let x = &rec.mentions[i];
            x.tokens.end <= at.tokens.start
                && matches!(x.kind, MentionKind::Entity(_))
                && x.via != Via::Demonym
                && entity_kind(ctx, rec, i) == Some(kind)
        })
        .collect();
    for w in named.windows(2).rev() {
        let (a, b) = (&rec.mentions[w[0]], &rec.mentions[w[1]]);
        let joined = a.sentence == b.sentence
            && b.tokens.start > a.tokens.end
            && ctx.any_phrase_at(a.tokens.end, b.tokens.start, &g.and)
                == Some(b.tokens.start - a.tokens.end);
        if !joined {
            continue;
        }
        let pair: Vec<usize> = [w[0], w[1]]
            .iter()
            .filter_map(|&i| res.mention_entity[i])
            .filter(|e| !exclude.contains(e))
            .collect();
        return if pair.len() == 2 && pair[0] != pair[1] {
            pair
        } else {
            Vec::new()
        };
    }
    Vec::new()
}

/// Memberships stated after the members: `Tanzania na Malawi, wanachama wa SADC`, `majirani hao
/// wanachama wa SADC`.
fn members_before_cue(ctx: &Ctx<'_>, rec: &Recognised, res: &Resolved, facts: &mut Vec<Fact>) {
    let g = ctx.lex.grammar(ctx.lang);
    if g.member_of_cues.is_empty() {
        return;
    }
    for (si, s) in ctx.seg.sentences.iter().enumerate() {
        let run = mentions_of(rec, si);
        let states: Vec<usize> = rec.mentions[run.clone()]
            .iter()
            .zip(run)
            .map(|(m, i)| (i, m))
            .filter(|(i, m)| {
                m.sentence == si
                    && m.via != Via::Demonym
                    && entity_kind(ctx, rec, *i) == Some(EntityKind::State)
            })
            .map(|(i, _)| i)
            .collect();
        for k in s.tokens.clone() {
            let Some(mut n) = ctx.any_phrase_at(k, s.tokens.end, &g.member_of_cues) else {
                continue;
            };
            // "members of the East African Community": the article is not the alliance's.
            n += ctx
                .any_phrase_at(k + n, s.tokens.end, &g.articles)
                .unwrap_or(0);
            let Some(ai) = first_at(rec, k + n, |m| {
                matches!(m.kind, MentionKind::Entity(_) | MentionKind::Anaphor(_))
            }) else {
                continue;
            };
            if entity_kind(ctx, rec, ai) != Some(EntityKind::Alliance) {
                continue;
            }
            let Some(alliance) = res.mention_entity[ai] else {
                continue;
            };
            // "mmoja wa wanachama wa jumuiya hiyo ambaye ni nchi ya Burundi": members after.
            let ae = rec.mentions[ai].tokens.end;
            if let Some(n) = ctx.any_phrase_at(ae, s.tokens.end, &g.members_after_alliance) {
                for m in list_after(ctx, rec, &states, ae + n, s.tokens.end) {
                    if let Some(e) = res.mention_entity[m] {
                        facts.push(Fact {
                            relation: Relation::MemberOf,
                            subject: e,
                            object: alliance,
                            sentence: si,
                            rule: "membership:cue-alliance-members",
                            confidence: 0.75,
                            title: None,
                            cameo: None,
                            date: None,
                            former: false,
                        });
                    }
                }
            }
            let to = if k > s.tokens.start && ctx.tok(k - 1) == "," {
                k - 1
            } else {
                k
            };
            let listed = list_before(ctx, rec, &states, to, s.tokens.start, 8);
            // The list must end right at the cue, not a few words before it.
            if listed
                .last()
                .is_none_or(|&m| rec.mentions[m].tokens.end != to)
            {
                continue;
            }
            let mut members = Vec::new();
            for m in listed {
                match rec.mentions[m].kind {
                    MentionKind::Plural(_) => {
                        members.extend(plural_entities(ctx, rec, res, m, &[]));
                    }
                    _ => members.extend(res.mention_entity[m]),
                }
            }
            for m in members {
                facts.push(Fact {
                    relation: Relation::MemberOf,
                    subject: m,
                    object: alliance,
                    sentence: si,
                    rule: "membership:members-cue-alliance",
                    confidence: 0.75,
                    title: None,
                    cameo: None,
                    date: None,
                    former: false,
                });
            }
        }
    }
}

/// Relations named by a relational noun (see `[[noun]]` in `data/lexicon/sw/triggers.toml`):
/// `mshirika wa Ethiopia, Eritrea`, `mtangulizi wake, Donald Trump`, `ushirikiano kati ya
/// Kenya na Marekani`.
fn nominal(
    ctx: &Ctx<'_>,
    rec: &Recognised,
    res: &Resolved,
    published: Option<Ymd>,
    facts: &mut Vec<Fact>,
) {
    let g = ctx.lex.grammar(ctx.lang);
    for (si, s) in ctx.seg.sentences.iter().enumerate() {
        let end = s.tokens.end;
        let acts = actors(ctx, rec, si);
        // Demonyms name the parties of an agreement "baina ya Wajerumani na Waingereza".
        let run = mentions_of(rec, si);
        let with_demonyms: Vec<usize> = rec.mentions[run.clone()]
            .iter()
            .zip(run)
            .map(|(m, i)| (i, m))
            .filter(|(i, m)| {
                m.sentence == si
                    && !m.attached
                    && entity_kind(ctx, rec, *i) != Some(EntityKind::Place)
            })
            .map(|(i, _)| i)
            .collect();
        for i in s.tokens.clone() {
            // The folded nouns are indexed once, when the lexicon is assembled: comparing
            // every token with every noun (`fold_eq`) was ~2 % of `extract`.
            let Some(nt) = ctx
                .lex
                .triggers
                .noun_index
                .get(ctx.folded_tokens[i].as_str())
                .map(|&n| &ctx.lex.triggers.nouns[n])
            else {
                continue;
            };
            let Some(relation) = Relation::from_name(&nt.relation) else {
                continue;
            };
            let denied = (i.saturating_sub(2).max(s.tokens.start)..i)
                .any(|k| ctx.any_phrase_at(k, i, &g.noun_negation).is_some());
            if denied {
                continue;
            }
            let mut pairs: Vec<(usize, usize, &'static str)> = Vec::new();
            if !nt.targets.is_empty() || !nt.target_verbs.is_empty() {
                pairs = nominal_act(ctx, rec, res, &acts, si, i, nt);
            }
            // Up to three modifier words after the noun ("wa karibu", "wa muda mrefu").
            let mut k = i + 1;
            let mut mods = 0;
            // A noun of an act is read by `nominal_act` alone.
            let relational = nt.targets.is_empty() && nt.target_verbs.is_empty();
            if relational {
                if let Some(found) = cleft_pairs(ctx, rec, &acts, s.tokens.start, i, end, nt) {
                    pairs.extend(found);
                    k = end;
                }
            }
            loop {
                if !relational || k >= end {
                    break;
                }
                if let Some(n) = ctx.any_phrase_at(k, end, &g.possessive_pronouns) {
                    // "mtangulizi wake, Donald Trump": the owner is the latest actor before.
                    let named = {
                        let mut j = k + n;
                        if j < end && ctx.tok(j) == "," {
                            j += 1;
                        }
                        list_after(ctx, rec, &acts, j, end)
                    };
                    let owner = owner_before(ctx, rec, res, relation, si, i);
                    let owner_here = owner.is_some_and(|o| rec.mentions[o].sentence == si);
                    if let Some(o) = owner {
                        for &y in &named {
                            pairs.push(ordered(nt.owner_is_subject, o, y, "noun:possessive"));
                        }
                        if named.is_empty() && relation.is_symmetric() && owner_here {
                            // "mikataba yao ya amani na Israel": the owners' agreements with
                            // the party after "na" (two lower-case modifier words at most).
                            let mut j = k + n;
                            while j < end
                                && j < k + n + 3
                                && ctx.any_phrase_at(j, end, &g.and).is_none()
                                && ctx.tok(j).chars().all(char::is_alphabetic)
                                && ctx.tok(j).chars().next().is_some_and(char::is_lowercase)
                            {
                                j += 1;
                            }
                            if let Some(a) = ctx.any_phrase_at(j, end, &g.and) {
                                for y in list_after(ctx, rec, &acts, j + a, end) {
                                    pairs.push((o, y, "noun:possessive-with"));
                                }
                            }
                        }
                    }
                    break;
                }
                let manner =
                    i > s.tokens.start && ctx.any_phrase_at(i - 1, i, &g.noun_manner).is_some();
                if manner && relation.is_symmetric() && k == i + 1 {
                    // "ikifanya kazi kwa ushirikiano na Kenya": the clause's subject and Kenya.
                    if let Some(n) = ctx.any_phrase_at(k, end, &g.and) {
                        let subject = clause_subject(ctx, rec, res, &acts, si, i, None);
                        for y in list_after(ctx, rec, &acts, k + n, end) {
                            pairs.extend(subject.map(|x| (x, y, "noun:manner")));
                        }
                        break;
                    }
                }
                if let Some(n) = ctx.any_phrase_at(k, end, &g.between) {
                    if relation.is_symmetric() {
                        let parties = list_after(ctx, rec, &with_demonyms, k + n, end);
                        for (x, &a) in parties.iter().enumerate() {
                            for &b in &parties[x + 1..] {
                                pairs.push((a, b, "noun:between"));
                            }
                        }
                    }
                    break;
                }
                if let Some(n) = ctx.any_phrase_at(k, end, &g.of) {
                    let listed = list_after(ctx, rec, &acts, k + n, end);
                    if let Some((&x, named)) = listed.split_first() {
                        // "mshirika wa Ethiopia, Eritrea": the named party follows a comma
                        // ("mshirika wa Ethiopia na Eritrea" names two owners instead).
                        let xe = rec.mentions[x].tokens.end;
                        if xe < end && ctx.tok(xe) == "," {
                            for &y in named {
                                pairs.push(ordered(
                                    nt.owner_is_subject,
                                    x,
                                    y,
                                    "noun:of-apposition",
                                ));
                            }
                        }
                        break;
                    }
                }
                let word = ctx.tok(k);
                // Lower-case words and numbers ("wa mwaka 1890") qualify the noun.
                if mods >= 4
                    || !word.chars().all(char::is_alphanumeric)
                    || word.chars().next().is_some_and(char::is_uppercase)
                    || covering(ctx, rec, k).next().is_some()
                {
                    break;
                }
                k += 1;
                mods += 1;
            }
            for (a, b, rule) in pairs {
                if a == b
                    || !allowed(relation, entity_kind(ctx, rec, a), true)
                    || !allowed(relation, entity_kind(ctx, rec, b), false)
                {
                    continue;
                }
                for (ea, eb) in entity_pairs(ctx, rec, res, a, b) {
                    if ea == eb {
                        continue;
                    }
                    facts.push(Fact {
                        relation,
                        subject: ea,
                        object: eb,
                        sentence: si,
                        rule,
                        confidence: 0.65,
                        title: None,
                        cameo: nt.cameo.clone(),
                        date: sentence_date(ctx, s, published),
                        former: false,
                    });
                }
            }
        }
    }
}

/// A relational noun at token `i` after a cleft (`Rais X ndiye mteuzi wa Y`, `naye Rais X ndiyo
/// mteua Y`): the party right before the cleft word is the one the noun names, the parties
/// right after the noun (or after an "of" word) its owners. None when no cleft stands right
/// before the noun with a party before it.
fn cleft_pairs(
    ctx: &Ctx<'_>,
    rec: &Recognised,
    acts: &[usize],
    start: usize,
    i: usize,
    end: usize,
    nt: &crate::lexicon::NounTrigger,
) -> Option<Vec<(usize, usize, &'static str)>> {
    let g = ctx.lex.grammar(ctx.lang);
    let cleft = (i > start)
        .then(|| ctx.any_phrase_at(i - 1, i, &g.clefts))
        .flatten()?;
    let at = i - cleft;
    let &named = acts.iter().find(|&&a| rec.mentions[a].tokens.end == at)?;
    let mut k = i + 1;
    if let Some(n) = ctx.any_phrase_at(k, end, &g.of) {
        k += n;
    }
    let owners = list_after(ctx, rec, acts, k, end);
    Some(
        owners
            .into_iter()
            .map(|o| ordered(nt.owner_is_subject, o, named, "noun:cleft"))
            .collect(),
    )
}

/// A noun of an act of one party on another at token `i` (`uvamizi`, `vikwazo`): its owner —
/// the actors after an "of" word (`uvamizi wa Urusi`), the latest actor before a possessive
/// (`kampeni yake`), or for a demonstrative (`vikwazo hivyo`) the agents of the act told just
/// before (`hatua zilizotangazwa na Marekani, Uingereza …`) — acted on the party after a target
/// word (`dhidi ya Ukraine`, `nchini Ukraine`; lower-case modifiers between) or in the object
/// of a target verb (`vinalenga taasisi … nchini Urusi`). The genitive alone names the actor
/// or the party acted on alike (`uvamizi wa Ukraine`): nothing without a target. An act only
/// possible or feared (`uwezekano wa uvamizi`, a future or modal verb after it) gives nothing.
/// Returns (subject mention, object mention, rule).
fn nominal_act(
    ctx: &Ctx<'_>,
    rec: &Recognised,
    res: &Resolved,
    acts: &[usize],
    si: usize,
    i: usize,
    nt: &crate::lexicon::NounTrigger,
) -> Vec<(usize, usize, &'static str)> {
    let g = ctx.lex.grammar(ctx.lang);
    let m = &ctx.lex.triggers.morphology;
    let Some(relation) = Relation::from_name(&nt.relation) else {
        return Vec::new();
    };
    let s = &ctx.seg.sentences[si];
    let (start, end) = (s.tokens.start, s.tokens.end);
    let unreal = (i.saturating_sub(2).max(start)..i)
        .any(|k| ctx.any_phrase_at(k, i, &g.nominal_irrealis) == Some(i - k));
    if unreal {
        return Vec::new();
    }
    let mut owners: Vec<usize> = Vec::new();
    let mut rule = "noun:act-of";
    let mut qualified = nt.qualifiers.is_empty();
    let mut k = i + 1;
    let mut words = 0;
    let mut objects: Vec<usize> = Vec::new();
    let mut via_and = false;
    while k < end && words < 8 {
        if !owners.is_empty() && qualified {
            if let Some(n) = ctx.any_phrase_at(k, end, &nt.targets) {
                objects = list_after(ctx, rec, acts, k + n, end);
                via_and = ctx.any_phrase_at(k, k + n, &g.and) == Some(n);
                break;
            }
            let verb = &ctx.folded_tokens[k];
            let targets = nt
                .target_verbs
                .iter()
                .any(|stem| match_verb(verb, stem, m).is_some_and(|v| !v.negative));
            if targets && finite_agreement(ctx, k).is_some() && !unreal_finite(ctx, k) {
                // The first actor of the verb's object, before any other verb.
                objects = (k + 1..end)
                    .take_while(|&j| finite_agreement(ctx, j).is_none())
                    .find_map(|j| {
                        acts.iter()
                            .copied()
                            .find(|&a| rec.mentions[a].tokens.start == j)
                    })
                    .into_iter()
                    .collect();
                rule = "noun:act-target-verb";
                break;
            }
        }
        if owners.is_empty() {
            if ctx.any_phrase_at(k, end, &nt.targets).is_some() {
                // "mashambulizi dhidi ya raia wa Ukraine nchini Urusi": a party named after the
                // target word is not the owner.
                break;
            }
            if let Some(n) = ctx.any_phrase_at(k, end, &g.possessive_pronouns) {
                owners.extend(owner_before(ctx, rec, res, relation, si, i));
                rule = "noun:act-possessive";
                k += n;
                continue;
            }
            if k == i + 1 {
                if let Some(n) = ctx.any_phrase_at(k, end, &g.act_demonstratives) {
                    owners = agents_before(ctx, rec, si, i, nt);
                    rule = "noun:act-back";
                    k += n;
                    continue;
                }
            }
            if let Some(n) = ctx.any_phrase_at(k, end, &g.of) {
                let listed = list_after(ctx, rec, acts, k + n, end);
                if let Some(&last) = listed.last() {
                    k = rec.mentions[last].tokens.end;
                    owners = listed;
                    continue;
                }
            }
            // "mashambulizi yaliyofanywa na Urusi nchini Ukraine": a passive verb told as done,
            // then its agent, the act's author.
            let passive = g
                .passive_endings
                .iter()
                .any(|e| ctx.folded_tokens[k].ends_with(e.as_str()));
            if passive
                && finite_agreement(ctx, k).is_some()
                && negative_agreement(ctx, k).is_none()
                && !unreal_finite(ctx, k)
            {
                if let Some(n) = ctx.any_phrase_at(k + 1, end, &g.agent) {
                    let listed = list_after(ctx, rec, acts, k + 1 + n, end);
                    if let Some(&last) = listed.last() {
                        k = rec.mentions[last].tokens.end;
                        owners = listed;
                        rule = "noun:act-agent";
                        words += 1;
                        continue;
                    }
                }
            }
        }
        if let Some(n) = ctx.any_phrase_at(k, end, &nt.qualifiers) {
            qualified = true;
            k += n;
            words += n;
            continue;
        }
        // "Mashambulizi ya Urusi hayakufanyika dhidi ya …": the act denied.
        if negative_agreement(ctx, k).is_some() {
            return Vec::new();
        }
        // "mashambulizi ya Haftar yaliyopelekea vikosi hivyo kufanikiwa dhidi ya …": a relative
        // clause about the act, between its author and its target, is part of the phrase.
        if !owners.is_empty() && is_relative_verb(ctx, k) {
            k += 1;
            words += 1;
            continue;
        }
        let word = ctx.tok(k);
        // Lower-case words qualify the noun ("ya kijeshi", "mpya"); anything else ends it.
        if !word.chars().all(char::is_alphabetic)
            || word.chars().next().is_some_and(char::is_uppercase)
            || covering(ctx, rec, k).next().is_some()
            || finite_agreement(ctx, k).is_some()
        {
            break;
        }
        k += 1;
        words += 1;
    }
    // "na Ukraine" opening a clause of its own ("… na Ukraine ikajibu") is no party acted on;
    // nor is an act followed by a verb of the future or of ability (`… dhidi ya Taiwan
    // unaweza …`: could).
    let last = objects.last().map(|&o| rec.mentions[o].tokens.end);
    if let Some(e) = last.filter(|&e| e < end && rule != "noun:act-target-verb") {
        let t = &ctx.folded_tokens[e];
        let modal = g
            .threat_modals
            .iter()
            .any(|stem| match_verb(t, stem, m).is_some());
        if finite_agreement(ctx, e).is_some() && (via_and || modal || unreal_finite(ctx, e)) {
            return Vec::new();
        }
    }
    let mut pairs = Vec::new();
    for &a in &owners {
        for &b in &objects {
            pairs.push((a, b, rule));
        }
    }
    pairs
}

/// The agents of the latest act told before token `at` in its sentence or the one before
/// (`hatua zilizotangazwa na Marekani, Uingereza na Ulaya`): those a demonstrative after a noun
/// of an act (`vikwazo hivyo`) points back to. The act is named by the same noun or one of its
/// `antecedents` (`hatua`, measures), not by any act noun (`hotuba ya X`: X's speech imposed no
/// sanctions).
fn agents_before(
    ctx: &Ctx<'_>,
    rec: &Recognised,
    si: usize,
    at: usize,
    nt: &crate::lexicon::NounTrigger,
) -> Vec<usize> {
    for ps in [Some(si), si.checked_sub(1)].into_iter().flatten() {
        let s = &ctx.seg.sentences[ps];
        let acts = actors(ctx, rec, ps);
        let to = s.tokens.end.min(at);
        for k in (s.tokens.start..to).rev() {
            let tok = &ctx.folded_tokens[k];
            let same = nt.nouns.iter().any(|w| crate::text::fold_eq(w, tok));
            if !same && ctx.any_phrase_at(k, k + 1, &nt.antecedents).is_none() {
                continue;
            }
            let found = act_authors(ctx, rec, &acts, k, to);
            if !found.is_empty() {
                return found;
            }
        }
    }
    Vec::new()
}

/// (subject, object, rule) from an owner and a named party.
fn ordered(
    owner_is_subject: bool,
    owner: usize,
    named: usize,
    rule: &'static str,
) -> (usize, usize, &'static str) {
    if owner_is_subject {
        (owner, named, rule)
    } else {
        (named, owner, rule)
    }
}

/// The owner of `wake`/`yake` after a relational noun at token `at`: the latest actor before it
/// that the relation accepts, in this sentence or the one before.
fn owner_before(
    ctx: &Ctx<'_>,
    rec: &Recognised,
    res: &Resolved,
    relation: Relation,
    sentence: usize,
    at: usize,
) -> Option<usize> {
    for ps in [Some(sentence), sentence.checked_sub(1)]
        .into_iter()
        .flatten()
    {
        let found = actors(ctx, rec, ps)
            .into_iter()
            .filter(|&a| {
                rec.mentions[a].tokens.end <= at
                    && (res.mention_entity[a].is_some()
                        || matches!(rec.mentions[a].kind, MentionKind::Plural(_)))
                    && allowed(relation, entity_kind(ctx, rec, a), true)
                    && allowed(relation, entity_kind(ctx, rec, a), false)
            })
            .max_by_key(|&a| rec.mentions[a].tokens.end);
        if found.is_some() {
            return found;
        }
    }
    None
}

/// `makamu wake Kamala Harris`, `naibu wake, Demeke Mekonnen`: the deputy of the person last
/// named (this sentence or the one before) holds the deputy office in the state of that
/// person's office.
fn deputies(ctx: &Ctx<'_>, rec: &Recognised, res: &Resolved, facts: &mut Vec<Fact>) {
    let g = ctx.lex.grammar(ctx.lang);
    let titles = ctx.lex.titles(ctx.lang);
    let mut found = Vec::new();
    for (si, s) in ctx.seg.sentences.iter().enumerate() {
        let end = s.tokens.end;
        for k in s.tokens.clone() {
            let Some(d) = ctx.any_phrase_at(k, end, &g.deputies) else {
                continue;
            };
            let Some(p) = ctx.any_phrase_at(k + d, end, &g.possessive_pronouns) else {
                continue;
            };
            let mut j = k + d + p;
            if j < end && ctx.tok(j) == "," {
                j += 1;
            }
            let Some(deputy) = first_at(rec, j, |m| matches!(m.kind, MentionKind::Person(_)))
            else {
                continue;
            };
            let Some(deputy_e) = res.mention_entity[deputy] else {
                continue;
            };
            // The principal: the latest person named before, who must hold a current office
            // with a state or alliance.
            let run = mentions_of_sentences(rec, si.saturating_sub(1), si);
            let principal = rec.mentions[run.clone()]
                .iter()
                .zip(run)
                .map(|(m, i)| (i, m))
                .filter(|(_, m)| {
                    m.tokens.end <= k
                        && si.saturating_sub(m.sentence) <= 1
                        && matches!(m.kind, MentionKind::Person(_) | MentionKind::Role { .. })
                })
                .filter_map(|(i, _)| res.mention_entity[i])
                .next_back();
            let Some(principal) = principal else { continue };
            let Some(office) = facts.iter().find(|f| {
                f.relation == Relation::HoldsPositionIn && f.subject == principal && !f.former
            }) else {
                continue;
            };
            let Some((_, office_en)) = &office.title else {
                continue;
            };
            let Some(office_title) = titles.iter().find(|t| t.en == *office_en) else {
                continue;
            };
            let word = crate::recognise::span_text(ctx, k..k + d);
            // The deputy of a "Rais mteule" (president-elect) is a "Makamu wa Rais" to be: the
            // office without its qualifier.
            let office_text = office_title
                .text
                .rsplit_once(' ')
                .filter(|(_, last)| {
                    g.title_modifiers
                        .iter()
                        .any(|m| crate::text::fold_eq(m, &crate::text::fold(last)))
                })
                .map_or(office_title.text.as_str(), |(base, _)| base);
            let wanted = [
                format!("{word} wa {office_text}"),
                format!("{word} {office_text}"),
            ];
            let Some(t) = titles.iter().find(|t| {
                wanted
                    .iter()
                    .any(|w| crate::text::fold(w) == crate::text::fold(&t.text))
            }) else {
                continue;
            };
            found.push(Fact {
                relation: Relation::HoldsPositionIn,
                subject: deputy_e,
                object: office.object,
                sentence: si,
                rule: "position:deputy-of",
                confidence: 0.7,
                title: Some((t.text.clone(), t.en.clone())),
                cameo: None,
                date: None,
                former: false,
            });
        }
    }
    facts.extend(found);
}

/// Kinds of office (`kind` in titles.toml) that only a state has: a person holding one in an
/// article about one state holds it there unless the article says otherwise.
const STATE_OFFICES: [&str; 3] = [
    "head_of_state",
    "deputy_head_of_state",
    "head_of_government",
];

/// Offices written without their state (`Rais Barack Obama`, `Waziri mkuu Junichiro Koizumi`)
/// take the state the article gives that office everywhere it names one: when every
/// `Rais wa X` / `Rais X … wa X` of the article names the same state, and that state is the
/// article's main one (named half again as often as any other), a `Rais Y` without a state is
/// taken to be in it too. Not when the person already has an office with a
/// state, nor when the person shares a sentence with another holder of the office there (two
/// presidents in one sentence are of two states). A head of state or government whose office
/// the article gives no state at all takes the state the article is plainly about.
fn article_offices(ctx: &Ctx<'_>, rec: &Recognised, res: &Resolved, facts: &mut Vec<Fact>) {
    let titles = ctx.lex.titles(ctx.lang);
    let en_of = |t: usize| titles.get(t).map(|t| crate::text::fold(&t.en));
    // Title (English, folded) → the organisations the article names with it.
    let mut orgs: Vec<(Option<String>, usize)> = Vec::new();
    for f in facts.iter() {
        if f.relation != Relation::HoldsPositionIn {
            continue;
        }
        if let Some((_, en)) = &f.title {
            orgs.push((Some(crate::text::fold(en)), f.object));
        }
    }
    // Role phrases name the office's state even when they name no one ("waziri mkuu wa Japan").
    for m in &rec.mentions {
        if let MentionKind::Role {
            title,
            org: Some(r),
            ..
        } = &m.kind
        {
            let org = crate::resolve::entity_mention_at(rec, r).and_then(|o| res.mention_entity[o]);
            if let Some(o) = org {
                orgs.push((en_of(*title), o));
            }
        }
    }
    // The article's main state: named at least half again as often as any other.
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for (i, m) in rec.mentions.iter().enumerate() {
        if !matches!(m.kind, MentionKind::Entity(_))
            || entity_kind(ctx, rec, i) != Some(EntityKind::State)
        {
            continue;
        }
        let Some(e) = res.mention_entity[i] else {
            continue;
        };
        match counts.iter_mut().find(|(x, _)| *x == e) {
            Some((_, n)) => *n += 1,
            None => counts.push((e, 1)),
        }
    }
    counts.sort_by_key(|&(e, n)| (std::cmp::Reverse(n), e));
    let main = match counts.as_slice() {
        [(e, _)] => Some(*e),
        [(e, a), (_, b), ..] if 2 * a >= 3 * b => Some(*e),
        _ => None,
    };
    // A state the article is plainly about: named three times or more, and at least twice as
    // often as any other. Its head of state or government may be written without it ("Waziri
    // Mkuu Abiy Ahmed" in an article about Ethiopia) when the article gives that office no
    // state at all.
    let about = match counts.as_slice() {
        [(e, a)] if *a >= 3 => Some(*e),
        [(e, a), (_, b), ..] if *a >= 3 && *a >= 2 * b => Some(*e),
        _ => None,
    };
    // Indexes for the loop below, which otherwise scans every fact and mention for every
    // office (quadratic in long articles): the organisations named with each office, the
    // holders of each office in each organisation, who holds an office, and each entity's
    // mentions.
    let mut orgs_of: HashMap<&Option<String>, Vec<usize>> = HashMap::new();
    for (t, o) in &orgs {
        orgs_of.entry(t).or_default().push(*o);
    }
    let mut holders_of: HashMap<(usize, Option<String>), Vec<usize>> = HashMap::new();
    let mut has_office: HashSet<usize> = HashSet::new();
    for f in facts.iter() {
        if f.relation == Relation::HoldsPositionIn {
            has_office.insert(f.subject);
            holders_of
                .entry((
                    f.object,
                    f.title.as_ref().map(|(_, e)| crate::text::fold(e)),
                ))
                .or_default()
                .push(f.subject);
        }
    }
    let mut mentions_by_entity: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, e) in res.mention_entity.iter().enumerate() {
        if let Some(e) = e {
            mentions_by_entity.entry(*e).or_default().push(i);
        }
    }
    let mut found = Vec::new();
    for p in &rec.positions {
        if p.org.is_some() || titles.get(p.title).is_none_or(|t| t.generic) {
            continue;
        }
        let Some(person) = res.mention_entity[p.person] else {
            continue;
        };
        let en = en_of(p.title);
        let mut places: Vec<usize> = orgs_of.get(&en).cloned().unwrap_or_default();
        places.sort_unstable();
        places.dedup();
        let org = match places.as_slice() {
            [org] if main == Some(*org) => org,
            // Not when another state is named in its sentence or the one before: "Rais
            // Barack Obama" beside "Marekani" may be that state's.
            [] if STATE_OFFICES.contains(&titles[p.title].kind.as_str()) => match &about {
                Some(org) if !other_state_near(ctx, rec, res, p.sentence, *org) => org,
                _ => continue,
            },
            _ => continue,
        };
        if has_office.contains(&person) {
            continue;
        }
        // Another holder of this office in that state, in a sentence with this person.
        let holders: &[usize] = holders_of
            .get(&(*org, en.clone()))
            .map_or(&[], Vec::as_slice);
        let shares_sentence = mentions_by_entity
            .get(&person)
            .into_iter()
            .flatten()
            .any(|&i| {
                mentions_of(rec, rec.mentions[i].sentence).any(|j| {
                    res.mention_entity[j].is_some_and(|e| e != person && holders.contains(&e))
                })
            });
        if shares_sentence {
            continue;
        }
        let title = &titles[p.title];
        has_office.insert(person);
        found.push(Fact {
            relation: Relation::HoldsPositionIn,
            subject: person,
            object: *org,
            sentence: p.sentence,
            rule: "position:article-office",
            confidence: 0.6,
            title: Some((p.title_text.clone(), title.en.clone())),
            cameo: None,
            date: None,
            former: p.former,
        });
    }
    facts.extend(found);
}

/// Where the phrase naming mention `m` starts, its office included: `rais wa Uganda Yoweri
/// Museveni` starts at `rais` (so that `kwa rais wa Uganda Yoweri Museveni` is after `kwa`).
fn phrase_start(ctx: &Ctx<'_>, rec: &Recognised, m: usize) -> usize {
    let g = ctx.lex.grammar(ctx.lang);
    let sentence_start = ctx.seg.sentences[rec.mentions[m].sentence].tokens.start;
    let is_title = |k: usize| {
        ctx.covered[k].is_some_and(|c| matches!(ctx.matches[c].target, MatchTarget::Title(_)))
    };
    let mut k = rec.mentions[m].tokens.start;
    while k > sentence_start {
        let p = k - 1;
        let of_after_title =
            p > sentence_start && is_title(p - 1) && ctx.any_phrase_at(p, p + 1, &g.of).is_some();
        if is_title(p)
            || of_after_title
            || ctx.any_phrase_at(p, p + 1, &g.honorifics).is_some()
            || covering(ctx, rec, p).any(|x| x.attached)
        {
            k = p;
        } else {
            break;
        }
    }
    k
}

/// Does a preposition (one or two words) end right before token `st` (`kwa Afghanistan`,
/// `nchini Ukraine`, `dhidi ya Urusi`)?
fn after_preposition(ctx: &Ctx<'_>, st: usize) -> bool {
    let g = ctx.lex.grammar(ctx.lang);
    (st.saturating_sub(2)..st).any(|p| ctx.any_phrase_at(p, st, &g.prepositions) == Some(st - p))
}

/// Does sentence `si` or the one before name a state other than `state`?
fn other_state_near(
    ctx: &Ctx<'_>,
    rec: &Recognised,
    res: &Resolved,
    si: usize,
    state: usize,
) -> bool {
    mentions_of_sentences(rec, si.saturating_sub(1), si).any(|i| {
        matches!(rec.mentions[i].kind, MentionKind::Entity(_))
            && entity_kind(ctx, rec, i) == Some(EntityKind::State)
            && res.mention_entity[i].is_some_and(|e| e != state)
    })
}

/// Is token `i` a finite form of an auxiliary verb (`alikuwa`, `wamekuwa`)?
fn is_auxiliary(ctx: &Ctx<'_>, i: usize) -> bool {
    let g = ctx.lex.grammar(ctx.lang);
    let m = &ctx.lex.triggers.morphology;
    g.auxiliaries
        .iter()
        .any(|stem| match_verb(&ctx.folded_tokens[i], stem, m).is_some_and(|v| !v.negative))
        && finite_agreement(ctx, i).is_some()
}

/// Is token `i` a finite form of a verb taking an infinitive of its own subject (`anajaribu`
/// in `anajaribu kumdharau`)?
fn is_catenative(ctx: &Ctx<'_>, i: usize) -> bool {
    let g = ctx.lex.grammar(ctx.lang);
    let m = &ctx.lex.triggers.morphology;
    finite_agreement(ctx, i).is_some()
        && g.catenatives
            .iter()
            .any(|stem| match_verb(&ctx.folded_tokens[i], stem, m).is_some())
}

/// Is token `i` an infinitive (`kubadilisha`, `kumsifu`) rather than a finite verb?
fn is_infinitive(ctx: &Ctx<'_>, i: usize) -> bool {
    let m = &ctx.lex.triggers.morphology;
    let t = &ctx.folded_tokens[i];
    ctx.lang == Lang::Sw
        && finite_agreement(ctx, i).is_none()
        && m.infinitive.iter().any(|p| {
            t.strip_prefix(p.as_str())
                .is_some_and(|r| r.chars().count() >= 4)
        })
}
