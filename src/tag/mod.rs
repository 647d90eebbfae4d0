//! Statistical named-entity tagger: people, organisations, places and dates in tokenised
//! (Swahili) news text, as IOB2 tags with the types `PER`, `ORG`, `LOC` and `DATE`.
//!
//! It complements the `recognise` stage, which finds people only next to an office or an
//! honorific: the tagger finds names anywhere, from the words themselves and their context.
//! Give it a whole article ([`Tagger::tag_document`]) rather than sentence by sentence
//! ([`Tagger::tag`]): a surname mentioned alone is recognised from its other mentions (on the
//! MasakhaNER 2.0 dev set: F1 89.6 by article against 87.9 sentence by sentence; PER 92.2
//! against 87.1).
//!
//! # Model
//!
//! A first-order **structured averaged perceptron** (Collins 2002) decoded exactly with Viterbi,
//! rather than a greedy left-to-right tagger with previous-tag features, because:
//!
//! - every feature describes the words only (word, affixes, shape, neighbours, Swahili noun-class
//!   prefix, office/honorific and lexicon matches, the same word elsewhere in the document),
//!   never the tags, so a token's features are hashed once — during training once for all
//!   epochs — and scoring is a table look-up per feature; the previous tag enters through the
//!   9×9 transition weights, which cost 81 additions per token in Viterbi, far less than the
//!   feature look-ups;
//! - Viterbi with IOB2 constraints (an `I-X` only after `B-X` or `I-X`) returns the best *valid*
//!   sequence, so no repair step is needed and there is no greedy error propagation: a name's
//!   `B-` can be decided by what follows it;
//! - the update is made on the whole sentence, so training optimises what is scored (spans).
//!
//! Features are hashed to 64 bits (`features.rs`); the model keeps one row of 9 weights (one
//! per tag) for every feature that training gave a non-zero averaged weight, quantised to `i16`
//! (`model.rs` documents the file format). The office/honorific words and the lexicon names
//! used as features are stored in the model file, so a model tags the same way whatever the
//! lexicon in `data/` later becomes.
//!
//! The shipped model (`data/models/sw-ner.model`, see `data/models/NOTICE.md`) is trained on
//! MasakhaNER 2.0 and 1.0 Swahili and compiled into the binary ([`Tagger::builtin`]).

mod conll;
mod eval;
mod features;
mod model;
mod train;

pub use conll::{documents, parse_conll, read_conll, ConllSentence};
pub use eval::{Counts, Evaluation};
pub use model::{Tagger, TrainingInfo, Workspace};
pub use train::{train, EpochReport, TrainOptions};

use std::fmt;

/// The entity types of the tagger (MasakhaNER's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityType {
    /// A person.
    Per,
    /// An organisation (including alliances and institutions).
    Org,
    /// A location (states, cities, regions).
    Loc,
    /// A date or period.
    Date,
}

impl EntityType {
    /// All types, in the order of the tag indices.
    pub const ALL: [EntityType; 4] = [
        EntityType::Per,
        EntityType::Org,
        EntityType::Loc,
        EntityType::Date,
    ];

    /// The CoNLL name (`PER`, `ORG`, `LOC`, `DATE`).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Per => "PER",
            EntityType::Org => "ORG",
            EntityType::Loc => "LOC",
            EntityType::Date => "DATE",
        }
    }

    /// Parses a CoNLL type name (exact case).
    pub fn parse(s: &str) -> Option<EntityType> {
        EntityType::ALL.into_iter().find(|t| t.as_str() == s)
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One IOB2 tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    /// Outside any entity.
    O,
    /// The first token of an entity.
    B(EntityType),
    /// A later token of an entity.
    I(EntityType),
}

/// The number of tags (O and B-/I- for each type).
pub(crate) const N_TAGS: usize = 9;

impl Tag {
    /// All tags, in index order (O, B-PER, I-PER, B-ORG, …, I-DATE).
    pub const ALL: [Tag; N_TAGS] = [
        Tag::O,
        Tag::B(EntityType::Per),
        Tag::I(EntityType::Per),
        Tag::B(EntityType::Org),
        Tag::I(EntityType::Org),
        Tag::B(EntityType::Loc),
        Tag::I(EntityType::Loc),
        Tag::B(EntityType::Date),
        Tag::I(EntityType::Date),
    ];

    /// The tag's index in [`Tag::ALL`].
    pub fn index(self) -> usize {
        match self {
            Tag::O => 0,
            Tag::B(t) => 1 + 2 * t.index(),
            Tag::I(t) => 2 + 2 * t.index(),
        }
    }

    /// The tag with index `i` (O for an index out of range).
    pub fn from_index(i: usize) -> Tag {
        Tag::ALL.get(i).copied().unwrap_or(Tag::O)
    }

    /// Parses `O`, `B-PER`, `I-LOC`… (exact case).
    pub fn parse(s: &str) -> Option<Tag> {
        if s == "O" {
            return Some(Tag::O);
        }
        let (prefix, ty) = s.split_once('-')?;
        let ty = EntityType::parse(ty)?;
        match prefix {
            "B" => Some(Tag::B(ty)),
            "I" => Some(Tag::I(ty)),
            _ => None,
        }
    }

    /// The entity type, if the tag is not O.
    pub fn entity_type(self) -> Option<EntityType> {
        match self {
            Tag::O => None,
            Tag::B(t) | Tag::I(t) => Some(t),
        }
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tag::O => f.write_str("O"),
            Tag::B(t) => write!(f, "B-{t}"),
            Tag::I(t) => write!(f, "I-{t}"),
        }
    }
}

/// An entity found by the tagger: tokens `start..end` (end exclusive) of one type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// Index of the first token.
    pub start: usize,
    /// Index just past the last token.
    pub end: usize,
    /// The entity type.
    pub kind: EntityType,
}

/// Turns IOB2 tags into entity spans the way conlleval does: a span starts at `B-X`, or at an
/// `I-X` that does not continue an `X` span (so ill-formed IOB from other tools still scores).
pub fn spans(tags: &[Tag]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityType)> = None;
    for (i, &tag) in tags.iter().enumerate() {
        let continues = matches!((tag, open), (Tag::I(t), Some((_, o))) if t == o);
        if continues {
            continue;
        }
        if let Some((start, kind)) = open.take() {
            out.push(Span {
                start,
                end: i,
                kind,
            });
        }
        open = tag.entity_type().map(|t| (i, t));
    }
    if let Some((start, kind)) = open {
        out.push(Span {
            start,
            end: tags.len(),
            kind,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> Vec<Tag> {
        s.split_whitespace()
            .map(|t| Tag::parse(t).unwrap_or(Tag::O))
            .collect()
    }

    #[test]
    fn tag_indices_round_trip_and_parse_their_names() {
        for (i, t) in Tag::ALL.iter().enumerate() {
            assert_eq!(t.index(), i);
            assert_eq!(Tag::from_index(i), *t);
            assert_eq!(Tag::parse(&t.to_string()), Some(*t));
        }
        assert_eq!(Tag::parse("B-MISC"), None);
        assert_eq!(Tag::parse("b-per"), None);
    }

    #[test]
    fn spans_follow_conlleval_for_well_and_ill_formed_iob() {
        let s = spans(&tags("B-PER I-PER O B-LOC B-LOC I-ORG I-ORG O I-DATE"));
        let got: Vec<_> = s.iter().map(|s| (s.start, s.end, s.kind)).collect();
        assert_eq!(
            got,
            vec![
                (0, 2, EntityType::Per),
                (3, 4, EntityType::Loc),
                (4, 5, EntityType::Loc),
                (5, 7, EntityType::Org),
                (8, 9, EntityType::Date),
            ]
        );
        // An I- of another type starts a new span.
        let s = spans(&tags("B-PER I-LOC"));
        assert_eq!(s.len(), 2);
    }
}
