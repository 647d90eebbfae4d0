//! The whole extraction of one article, stage by stage: normalise → segment → recognise →
//! resolve → relate → article graph. Deterministic: the same article gives the same graph.

use crate::error::Result;
use crate::graph::{ArticleGraph, ArticleMeta, Edge, Evidence, Node, NodeKind};
use crate::input::{safe_id, sha256_hex, Article};
use crate::lexicon::{EntityKind, Lexicon};
use crate::rdf::iri;
use crate::recognise::{recognise_in, span_text, Ctx};
use crate::relate::relate;
use crate::resolve::{resolve, EntityKey};
use crate::tag::Tagger;
use crate::text::{char_offset, detect_language, normalise, segment, Lang};
use std::collections::{BTreeSet, HashSet};

/// How the language of an article is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LangChoice {
    /// The article's own `lang` if given, else detected.
    #[default]
    Auto,
    /// Always this language.
    Fixed(Lang),
}

/// Runs the pipeline with one loaded lexicon.
#[derive(Debug)]
pub struct Extractor {
    lexicon: Lexicon,
    abbreviations: HashSet<String>,
    tagger: Option<Tagger>,
}

impl Extractor {
    /// An extractor over the built-in lexicon.
    /// (The built-in tagger model is included.)
    pub fn new() -> Result<Extractor> {
        Ok(Extractor::with_lexicon(Lexicon::builtin()?).with_tagger(Tagger::builtin()?))
    }

    /// An extractor over the built-in lexicon plus user lexicon files (`--lexicon`), with the
    /// built-in tagger.
    pub fn with_user_lexicons(files: &[std::path::PathBuf]) -> Result<Extractor> {
        Ok(Extractor::with_lexicon(Lexicon::with_user_files(files)?)
            .with_tagger(Tagger::builtin()?))
    }

    /// An extractor over a given lexicon, rules only (add a tagger with `with_tagger`).
    pub fn with_lexicon(lexicon: Lexicon) -> Extractor {
        let abbreviations = lexicon.abbreviations();
        Extractor {
            lexicon,
            abbreviations,
            tagger: None,
        }
    }

    /// Adds the statistical tagger: people, organisations and places beyond the rules.
    pub fn with_tagger(mut self, tagger: Tagger) -> Extractor {
        self.tagger = Some(tagger);
        self
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Extracts the graph of one article. `default_date` is used when the article has none.
    pub fn extract(
        &self,
        article: &Article,
        lang: LangChoice,
        default_date: Option<&str>,
    ) -> ArticleGraph {
        let text = normalise(&article.text);
        let lang = match lang {
            LangChoice::Fixed(l) => l,
            LangChoice::Auto => article.lang.unwrap_or_else(|| detect_language(&text)),
        };
        let id = safe_id(&article.id);
        let meta = ArticleMeta {
            iri: iri::article(&id),
            id,
            headline: article.title.as_ref().map(|t| normalise(t)),
            lang,
            date: article.date.clone().or(default_date.map(str::to_string)),
            url: article.url.clone(),
            content_hash: sha256_hex(&text),
        };
        let mut graph = ArticleGraph::new(meta);
        let seg = segment(&text, &self.abbreviations);
        let ctx = Ctx::new(&text, &seg, &self.lexicon, lang);
        let rec = recognise_in(&ctx, self.tagger.as_ref());
        let res = resolve(&rec, &self.lexicon, self.lexicon.titles(lang));

        // Nodes, with every surface form as an alternative label.
        let mut nodes = Vec::with_capacity(res.entities.len());
        for (ei, e) in res.entities.iter().enumerate() {
            let mut alt: BTreeSet<(Lang, String)> = BTreeSet::new();
            for (mi, m) in rec.mentions.iter().enumerate() {
                // Role phrases and references back are not names.
                // So are demonyms ("Japanese") and seats of power ("Beijing" for China).
                let named = matches!(
                    m.kind,
                    crate::recognise::MentionKind::Person(_)
                        | crate::recognise::MentionKind::Entity(_)
                ) && m.via == crate::recognise::Via::Name;
                if named && res.mention_entity[mi] == Some(ei) {
                    let s = span_text(&ctx, m.tokens.clone());
                    if s != e.label {
                        alt.insert((lang, s));
                    }
                }
            }
            let (kind, qid) = match (&e.key, e.entry) {
                (EntityKey::Lexicon(k, _), Some(entry)) => {
                    let entry = &self.lexicon.entities[entry];
                    let kind = match k {
                        EntityKind::State => NodeKind::State,
                        EntityKind::Alliance => NodeKind::Alliance,
                        EntityKind::Place => NodeKind::Place,
                        EntityKind::Organisation => NodeKind::Organisation,
                    };
                    // The other canonical name is an alternative label too.
                    if entry.sw != entry.en {
                        alt.insert((Lang::Sw, entry.sw.clone()));
                    }
                    (kind, entry.qid.clone())
                }
                (EntityKey::Named(EntityKind::Place, _), _) => (NodeKind::Place, None),
                (EntityKey::Named(..), _) => (NodeKind::Organisation, None),
                _ => (NodeKind::Person, None),
            };
            nodes.push(graph.node(Node {
                iri: iri::entity(&e.key),
                key: e.key.clone(),
                kind,
                label: e.label.clone(),
                alt_labels: alt,
                qid,
            }));
        }
        let published = graph
            .meta
            .date
            .as_deref()
            .and_then(crate::relate::Ymd::parse);
        let facts = relate(&ctx, &rec, &res, published);
        // Code-point offsets of every sentence's start and end, counted in one pass: counting
        // from the start of the text for each fact made long articles quadratic.
        let mut offsets: Vec<(usize, usize)> = Vec::new();
        if !facts.is_empty() {
            let (mut byte, mut chars) = (0, 0);
            let mut at = |b: usize| match text.get(byte..b) {
                // Sentences come in text order: count on from the previous boundary.
                Some(between) => {
                    chars += between.chars().count();
                    byte = b;
                    chars
                }
                None => char_offset(&text, b),
            };
            for s in &seg.sentences {
                let start = at(s.start);
                offsets.push((start, at(s.end)));
            }
        }
        for f in facts {
            let s = &seg.sentences[f.sentence];
            let (start, end) = offsets[f.sentence];
            let evidence = Evidence {
                sentence: text[s.start..s.end].to_string(),
                start,
                end,
            };
            graph.relate(
                nodes[f.subject],
                nodes[f.object],
                Edge {
                    relation: f.relation,
                    evidence,
                    confidence: f.confidence,
                    rule: f.rule.to_string(),
                    title: f.title,
                    cameo: f.cameo,
                    date: f.date,
                    former: f.former,
                },
            );
        }
        graph
    }
}
