//! Relate stage: relation facts between resolved entities — offices from the titles written
//! around names, memberships from lists after an alliance, and events from trigger verbs
//! (Swahili verb stems with their morphology, English word forms). A negated verb never makes
//! the positive edge.

mod dates;
mod verbs;

pub use dates::{date_in, Ymd};

pub use verbs::{match_verb, VerbMatch};

use crate::graph::Relation;
use crate::lexicon::{EntityKind, MatchTarget};
use crate::recognise::{Ctx, MentionKind, Recognised, Via};
use crate::resolve::Resolved;
use crate::text::Lang;
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
    memberships(ctx, rec, res, &mut facts);
    events(ctx, rec, res, published, &mut facts);
    facts
}

fn entity_kind(ctx: &Ctx<'_>, rec: &Recognised, mention: usize) -> Option<EntityKind> {
    match rec.mentions[mention].kind {
        MentionKind::Entity(e) => Some(ctx.lex.entities[e].kind),
        MentionKind::Anaphor(k) | MentionKind::Named(k, _) => Some(k),
        MentionKind::Person(_) | MentionKind::Role { .. } => None,
    }
}

fn positions(ctx: &Ctx<'_>, rec: &Recognised, res: &Resolved, facts: &mut Vec<Fact>) {
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
        let org_entity = rec
            .mentions
            .iter()
            .position(|x| x.tokens == *org && matches!(x.kind, MentionKind::Entity(_)))
            .and_then(|o| res.mention_entity[o]);
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
        });
    }
    for p in &rec.positions {
        let Some(org) = p.org else { continue };
        if p.former {
            // A former office is not a current position; the relations issue models it.
            continue;
        }
        let (Some(s), Some(o)) = (res.mention_entity[p.person], res.mention_entity[org]) else {
            continue;
        };
        let title = &ctx.lex.titles(ctx.lang)[p.title];
        facts.push(Fact {
            relation: Relation::HoldsPositionIn,
            subject: s,
            object: o,
            sentence: p.sentence,
            rule: "position:title-of-entity",
            confidence: 0.9,
            title: Some((p.title_text.clone(), title.en.clone())),
            cameo: None,
            date: None,
        });
    }
}

/// Tokens that may stand between the items of a list of actors.
fn is_list_glue(ctx: &Ctx<'_>, rec: &Recognised, i: usize) -> bool {
    let g = ctx.lex.grammar(ctx.lang);
    let t = &ctx.folded_tokens[i];
    t == ","
        || g.and.iter().any(|w| crate::text::fold_eq(w, t))
        || g.articles.iter().any(|w| crate::text::fold_eq(w, t))
        || g.of.iter().any(|w| crate::text::fold_eq(w, t))
        || g.government_of
            .iter()
            .any(|w| w.split_whitespace().any(|x| crate::text::fold_eq(x, t)))
        || g.honorifics.iter().any(|w| crate::text::fold_eq(w, t))
        || ctx.covered[i].is_some_and(|m| matches!(ctx.matches[m].target, MatchTarget::Title(_)))
        || rec
            .mentions
            .iter()
            .any(|m| m.attached && m.tokens.contains(&i))
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
            if rec.mentions.iter().any(|m| m.tokens.contains(&k)) {
                break;
            }
        }
        let Some(mut k) = cue_end else { continue };
        let mut members = Vec::new();
        while k < end {
            if let Some(mi) = rec.mentions.iter().position(|m| m.tokens.start == k) {
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
    rec.mentions
        .iter()
        .enumerate()
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
    let mut out = Vec::new();
    let mut k = to;
    let mut skipped = 0;
    while k > start && out.len() < max {
        if let Some(&a) = acts.iter().find(|&&a| rec.mentions[a].tokens.end == k) {
            out.push(a);
            k = rec.mentions[a].tokens.start;
            skipped = 0;
        } else if out.is_empty() && skipped < 3 {
            // Adverbs between the subject and its verb ("Kishida pia alikutana").
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
    negative: bool,
    then: Option<&'a str>,
    reciprocal: bool,
    passive: bool,
    cameo: Option<String>,
}

fn triggers_in<'a>(ctx: &'a Ctx<'_>, range: Range<usize>) -> Vec<Trigger<'a>> {
    let mut out = Vec::new();
    let end = range.end;
    match ctx.lang {
        Lang::Sw => {
            let m = &ctx.lex.triggers.morphology;
            for t in &ctx.lex.triggers.sw {
                let Some(relation) = Relation::from_name(&t.relation) else {
                    continue;
                };
                let mut words = t.stem.split_whitespace();
                let Some(stem) = words.next() else { continue };
                let rest: Vec<String> = words.map(crate::text::fold).collect();
                for i in range.clone() {
                    let Some(vm) = match_verb(&ctx.folded_tokens[i], stem, m) else {
                        continue;
                    };
                    if i + 1 + rest.len() > end
                        || rest
                            .iter()
                            .enumerate()
                            .any(|(k, w)| ctx.folded_tokens[i + 1 + k] != *w)
                    {
                        continue;
                    }
                    out.push(Trigger {
                        relation,
                        span: i..i + 1 + rest.len(),
                        negative: vm.negative,
                        then: t.then.as_deref(),
                        reciprocal: t.reciprocal,
                        passive: t.passive,
                        cameo: t.cameo.clone(),
                    });
                }
            }
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
                        negative,
                        then: None,
                        reciprocal: t.reciprocal,
                        passive: false,
                        cameo: t.cameo.clone(),
                    });
                }
            }
        }
    }
    // Overlapping forms ("met with" and "met"): keep the longest.
    out.sort_by_key(|t| (t.span.start, std::cmp::Reverse(t.span.len())));
    out.dedup_by(|b, a| b.span.start == a.span.start);
    out
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
    let subject = *list_before(ctx, rec, acts, trigger, start, 1).first()?;
    let st = rec.mentions[subject].tokens.start;
    let rel = (st > 0).then(|| st - 1)?;
    ctx.any_phrase_at(rel, st, &g.relatives)?;
    let candidate = rec
        .mentions
        .iter()
        .enumerate()
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
    for (si, s) in ctx.seg.sentences.iter().enumerate() {
        let acts = actors(ctx, rec, si);
        if acts.is_empty() {
            continue;
        }
        for t in triggers_in(ctx, s.tokens.clone()) {
            if t.negative {
                continue;
            }
            let mut after = t.span.end;
            if let Some(then) = t.then {
                match ctx.phrase_at(after, s.tokens.end, then) {
                    Some(n) => after += n,
                    None => after = usize::MAX,
                }
            }
            let objects = if after == usize::MAX {
                Vec::new()
            } else {
                list_after(ctx, rec, &acts, after, s.tokens.end)
            };
            let mut pairs = Vec::new();
            let rule;
            if !objects.is_empty() {
                let subjects = list_before(ctx, rec, &acts, t.span.start, s.tokens.start, 1);
                rule = "event:subject-trigger-object";
                for &a in &subjects {
                    for &b in &objects {
                        pairs.push((a, b));
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
                if !allowed(t.relation, entity_kind(ctx, rec, a), true)
                    || !allowed(t.relation, entity_kind(ctx, rec, b), false)
                {
                    continue;
                }
                let (Some(ea), Some(eb)) = (res.mention_entity[a], res.mention_entity[b]) else {
                    continue;
                };
                facts.push(Fact {
                    relation: t.relation,
                    subject: ea,
                    object: eb,
                    sentence: si,
                    rule,
                    confidence: 0.75,
                    title: None,
                    cameo: t.cameo.clone(),
                    date: date_in(&ctx.folded_tokens[s.tokens.clone()], grammar, published),
                });
            }
        }
    }
}
