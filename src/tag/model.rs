//! The trained tagger: weights in an open-addressing hash table, Viterbi decoding, and the
//! model file format.
//!
//! # Model file (`*.model`), all numbers little-endian
//!
//! | bytes | what |
//! |---|---|
//! | 8 | magic `NGTAGGER` |
//! | 4 | `u32` length of the JSON header |
//! | … | JSON header: format and feature versions, tag names, weight scale, number of features, the word lists of the features, how it was trained |
//! | 4 × 10 × 9 | `f32` transition weights: row 0 from the sentence start, row `p + 1` from tag `p` |
//! | 8 × n | `u64` feature hashes, strictly increasing |
//! | 2 × 9 × n | `i16` weights of each feature for each tag, to be multiplied by the scale |
//!
//! The same model gives the same bytes (sorted features, no maps in the header), so training
//! can be checked for determinism by comparing files.

use super::features::{
    Features, Resources, Scratch, CONTEXT_FEATURES, FEATURE_VERSION, NF, NO_WORD, TOKEN_FEATURES,
};
use super::{spans, Span, Tag, N_TAGS};
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Numbers the taggers made in this process, so that a [`Workspace`] knows whose weights
/// its cached word scores were summed from.
static NEXT_TAGGER_ID: AtomicU64 = AtomicU64::new(1);

/// A workspace's word cache is emptied above this many words (~200 bytes each), which keeps
/// the common words of a corpus and bounds the memory on an unending one.
const WORD_CACHE_LIMIT: usize = 50_000;

const MAGIC: &[u8; 8] = b"NGTAGGER";
const FORMAT: u32 = 1;

/// The shipped model, trained on MasakhaNER (see `data/models/NOTICE.md`).
static BUILTIN: &[u8] = include_bytes!("../../data/models/sw-ner.model");

/// Transition weights: row 0 from the start of the sentence, row `p + 1` from tag `p`.
pub(crate) type Transitions = [[f32; N_TAGS]; N_TAGS + 1];

/// How a model was trained (stored in its header).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingInfo {
    /// Training sentences.
    pub sentences: usize,
    /// Training tokens.
    pub tokens: usize,
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the shuffling.
    pub seed: u64,
    /// Features seen fewer times than this in training were left out.
    pub min_count: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Header {
    format: u32,
    features: u32,
    tags: Vec<String>,
    scale: f32,
    entries: u64,
    training: TrainingInfo,
    resources: Resources,
}

/// One table slot: a feature hash (0 = empty) and its weights; two slots per cache line, so a
/// look-up is one memory access.
#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(32))]
struct Slot {
    key: u64,
    w: [i16; N_TAGS],
}

/// A trained named-entity tagger. Cheap to share between threads (`&Tagger` is all `tag`
/// needs).
pub struct Tagger {
    /// This tagger's number ([`NEXT_TAGGER_ID`]).
    id: u64,
    table: Vec<Slot>,
    mask: usize,
    entries: usize,
    scale: f32,
    transitions: Transitions,
    /// `transitions` with the IOB2 constraints applied (forbidden moves are −∞).
    constrained: Transitions,
    features: Features,
    training: TrainingInfo,
}

impl std::fmt::Debug for Tagger {
    /// A summary: the weight table itself is megabytes.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tagger")
            .field("features", &self.entries)
            .field("training", &self.training)
            .finish_non_exhaustive()
    }
}

/// Reusable buffers for [`Tagger::tag_with`]: tagging many sentences with one workspace
/// allocates nothing once the buffers have grown.
#[derive(Debug, Default)]
pub struct Workspace {
    scratch: Scratch,
    /// The tagger whose weights `word_scores` holds (0: none yet).
    owner: u64,
    /// By word id ([`Features::extract_document`]): the summed weights of the word's
    /// [`TOKEN_FEATURES`], which are the same wherever the word occurs.
    word_scores: Vec<Option<[i32; N_TAGS]>>,
    emissions: Vec<[f32; N_TAGS]>,
    back: Vec<[u8; N_TAGS]>,
    best: Vec<usize>,
    tags: Vec<Tag>,
}

impl Workspace {
    /// An empty workspace.
    pub fn new() -> Self {
        Self::default()
    }
}

/// True when IOB2 allows tag `to` after tag `from` (`None` = sentence start): an `I-X` only
/// continues a `B-X` or an `I-X`.
pub(crate) fn allowed(from: Option<usize>, to: usize) -> bool {
    match Tag::from_index(to) {
        Tag::I(t) => from.is_some_and(|f| Tag::from_index(f).entity_type() == Some(t)),
        _ => true,
    }
}

/// `t` with −∞ on the moves IOB2 forbids.
pub(crate) fn constrain(t: &Transitions) -> Transitions {
    let mut out = *t;
    for (row, weights) in out.iter_mut().enumerate() {
        let from = row.checked_sub(1);
        for (to, w) in weights.iter_mut().enumerate() {
            if !allowed(from, to) {
                *w = f32::NEG_INFINITY;
            }
        }
    }
    out
}

/// The best tag sequence for the emission scores under the (constrained) transitions; tag
/// indices go to `out`. Ties go to the lower tag index, so decoding is deterministic.
pub(crate) fn viterbi(
    emissions: &[[f32; N_TAGS]],
    t: &Transitions,
    back: &mut Vec<[u8; N_TAGS]>,
    out: &mut Vec<usize>,
) {
    out.clear();
    let n = emissions.len();
    if n == 0 {
        return;
    }
    back.clear();
    back.resize(n, [0; N_TAGS]);
    let mut prev = [0f32; N_TAGS];
    for y in 0..N_TAGS {
        prev[y] = t[0][y] + emissions[0][y];
    }
    for i in 1..n {
        let mut cur = [f32::NEG_INFINITY; N_TAGS];
        for y in 0..N_TAGS {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0;
            for p in 0..N_TAGS {
                let s = prev[p] + t[p + 1][y];
                if s > best {
                    best = s;
                    arg = p;
                }
            }
            cur[y] = best + emissions[i][y];
            back[i][y] = arg as u8;
        }
        prev = cur;
    }
    let mut y = 0;
    for k in 1..N_TAGS {
        if prev[k] > prev[y] {
            y = k;
        }
    }
    out.resize(n, 0);
    for i in (0..n).rev() {
        out[i] = y;
        y = usize::from(back[i][y]);
    }
}

fn bad(name: &str, what: &str) -> Error {
    Error::BadInput(format!("{name}: not a usable tagger model: {what}"))
}

/// Reads `n` little-endian fixed-size values from `bytes` at `*at`.
fn take<'a>(bytes: &'a [u8], at: &mut usize, len: usize, name: &str) -> Result<&'a [u8]> {
    let end = at
        .checked_add(len)
        .filter(|&e| e <= bytes.len())
        .ok_or_else(|| bad(name, "file is truncated"))?;
    let s = &bytes[*at..end];
    *at = end;
    Ok(s)
}

impl Tagger {
    /// The Swahili model shipped inside the binary (`data/models/sw-ner.model`).
    pub fn builtin() -> Result<Tagger> {
        Tagger::from_bytes(BUILTIN, "builtin model data/models/sw-ner.model")
    }

    /// Loads a model file written by [`Tagger::save`] (`newsgraph train`).
    pub fn load(path: &Path) -> Result<Tagger> {
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Tagger::from_bytes(&bytes, &path.display().to_string())
    }

    /// Parses a model; `name` names it in errors.
    pub fn from_bytes(bytes: &[u8], name: &str) -> Result<Tagger> {
        let mut at = 0;
        if take(bytes, &mut at, 8, name)? != MAGIC {
            return Err(bad(name, "it does not start with NGTAGGER"));
        }
        let len = take(bytes, &mut at, 4, name)?;
        let len = u32::from_le_bytes([len[0], len[1], len[2], len[3]]) as usize;
        let header: Header = serde_json::from_slice(take(bytes, &mut at, len, name)?)
            .map_err(|e| bad(name, &format!("bad header: {e}")))?;
        if header.format != FORMAT {
            return Err(bad(
                name,
                &format!("format {} (this newsgraph reads {FORMAT})", header.format),
            ));
        }
        if header.features != FEATURE_VERSION {
            return Err(bad(
                name,
                &format!(
                    "trained with features version {} (this newsgraph has {FEATURE_VERSION}); retrain it",
                    header.features
                ),
            ));
        }
        let names: Vec<String> = Tag::ALL.iter().map(Tag::to_string).collect();
        if header.tags != names {
            return Err(bad(name, "its tag set differs"));
        }
        if !header.scale.is_finite() || header.scale <= 0.0 {
            return Err(bad(name, "bad weight scale"));
        }
        let mut transitions: Transitions = [[0.0; N_TAGS]; N_TAGS + 1];
        for row in transitions.iter_mut() {
            for w in row.iter_mut() {
                let b = take(bytes, &mut at, 4, name)?;
                *w = f32::from_le_bytes([b[0], b[1], b[2], b[3]]);
                if !w.is_finite() {
                    return Err(bad(name, "a transition weight is not finite"));
                }
            }
        }
        let n = usize::try_from(header.entries).map_err(|_| bad(name, "too many features"))?;
        let key_bytes = take(
            bytes,
            &mut at,
            n.checked_mul(8)
                .ok_or_else(|| bad(name, "too many features"))?,
            name,
        )?;
        let weight_bytes = take(
            bytes,
            &mut at,
            n.checked_mul(2 * N_TAGS)
                .ok_or_else(|| bad(name, "too many features"))?,
            name,
        )?;
        if at != bytes.len() {
            return Err(bad(name, "unexpected bytes after the weights"));
        }
        let mut table = Table::with_entries(n);
        let mut last = 0u64;
        for (k, w) in key_bytes
            .chunks_exact(8)
            .zip(weight_bytes.chunks_exact(2 * N_TAGS))
        {
            let mut kb = [0u8; 8];
            kb.copy_from_slice(k);
            let key = u64::from_le_bytes(kb);
            if key <= last {
                return Err(bad(name, "feature hashes are not strictly increasing"));
            }
            last = key;
            let mut weights = [0i16; N_TAGS];
            for (y, b) in w.chunks_exact(2).enumerate() {
                weights[y] = i16::from_le_bytes([b[0], b[1]]);
            }
            table.insert(key, weights);
        }
        Ok(Tagger::assemble(
            table,
            header.scale,
            transitions,
            Features::new(header.resources),
            header.training,
        ))
    }

    /// Builds a tagger from trained parts (used by training).
    pub(crate) fn from_parts(
        weights: Vec<(u64, [i16; N_TAGS])>,
        scale: f32,
        transitions: Transitions,
        resources: Resources,
        training: TrainingInfo,
    ) -> Tagger {
        let mut table = Table::with_entries(weights.len());
        for (key, w) in weights {
            table.insert(key, w);
        }
        Tagger::assemble(
            table,
            scale,
            transitions,
            Features::new(resources),
            training,
        )
    }

    fn assemble(
        table: Table,
        scale: f32,
        transitions: Transitions,
        features: Features,
        training: TrainingInfo,
    ) -> Tagger {
        Tagger {
            id: NEXT_TAGGER_ID.fetch_add(1, Ordering::Relaxed),
            mask: table.slots.len() - 1,
            entries: table.len,
            table: table.slots,
            scale,
            constrained: constrain(&transitions),
            transitions,
            features,
            training,
        }
    }

    /// The model as bytes (the model file format above).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut entries: Vec<&Slot> = self.table.iter().filter(|s| s.key != 0).collect();
        entries.sort_by_key(|s| s.key);
        let header = Header {
            format: FORMAT,
            features: FEATURE_VERSION,
            tags: Tag::ALL.iter().map(Tag::to_string).collect(),
            scale: self.scale,
            entries: entries.len() as u64,
            training: self.training.clone(),
            resources: self.features.resources.clone(),
        };
        // Serialising plain structs of strings and numbers cannot fail.
        let json = serde_json::to_vec(&header).unwrap_or_default();
        let mut out = Vec::with_capacity(16 + json.len() + 360 + entries.len() * (8 + 2 * N_TAGS));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(json.len() as u32).to_le_bytes());
        out.extend_from_slice(&json);
        for row in &self.transitions {
            for w in row {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        for s in &entries {
            out.extend_from_slice(&s.key.to_le_bytes());
        }
        for s in &entries {
            for w in s.w {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        out
    }

    /// Writes the model to `path` (through a temporary file renamed into place, so an
    /// interrupted write leaves no half model).
    pub fn save(&self, path: &Path) -> Result<()> {
        let io = |source| Error::Io {
            path: path.to_path_buf(),
            source,
        };
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(".tmp");
        let tmp = std::path::PathBuf::from(tmp);
        std::fs::write(&tmp, self.to_bytes()).map_err(io)?;
        std::fs::rename(&tmp, path).map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            io(e)
        })
    }

    /// How the model was trained.
    pub fn training(&self) -> &TrainingInfo {
        &self.training
    }

    /// The number of features with weights.
    pub fn feature_count(&self) -> usize {
        self.entries
    }

    /// Tags a tokenised sentence on its own: one IOB2 tag per token. For the sentences of
    /// an article, [`Tagger::tag_document`] is better: it sees the other mentions of a name.
    pub fn tag<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<Tag> {
        let mut ws = Workspace::new();
        self.tag_with(tokens, &mut ws).to_vec()
    }

    /// The entities of a tokenised sentence (token spans with their types).
    pub fn entities<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<Span> {
        spans(&self.tag(tokens))
    }

    /// Tags a sentence on its own using `ws`'s buffers; the tags are valid until the next
    /// call.
    pub fn tag_with<'w, S: AsRef<str>>(&self, tokens: &[S], ws: &'w mut Workspace) -> &'w [Tag] {
        self.tag_document_with(std::slice::from_ref(&tokens), ws, |_, _| {});
        &ws.tags
    }

    /// Tags the tokenised sentences of one document (an article, in order): the features of
    /// each sentence include what the neighbouring sentences say about its words.
    pub fn tag_document<T: AsRef<[S]>, S: AsRef<str>>(&self, sentences: &[T]) -> Vec<Vec<Tag>> {
        let mut out = Vec::with_capacity(sentences.len());
        self.tag_document_with(sentences, &mut Workspace::new(), |_, tags| {
            out.push(tags.to_vec())
        });
        out
    }

    /// Tags a document like [`Tagger::tag_document`], calling `f(sentence index, tags)` for
    /// each sentence in order, with `ws`'s buffers.
    pub fn tag_document_with<T: AsRef<[S]>, S: AsRef<str>>(
        &self,
        sentences: &[T],
        ws: &mut Workspace,
        mut f: impl FnMut(usize, &[Tag]),
    ) {
        let Workspace {
            scratch,
            owner,
            word_scores,
            emissions,
            back,
            best,
            tags,
        } = ws;
        if scratch.forget_words_over(WORD_CACHE_LIMIT) || *owner != self.id {
            word_scores.clear();
            *owner = self.id;
        }
        self.features
            .extract_document(sentences, scratch, |s, feats, ids| {
                emissions.clear();
                for (i, (f, &id)) in feats.chunks_exact(NF).zip(ids).enumerate() {
                    // The table is megabytes and its look-ups random: ask for the next
                    // token's slots while this token is scored, so that the memory accesses
                    // overlap instead of waiting one after another.
                    if let (Some(next), Some(&next_id)) =
                        (feats.get((i + 1) * NF..(i + 2) * NF), ids.get(i + 1))
                    {
                        self.prefetch(next, &CONTEXT_FEATURES);
                        if cached(word_scores, next_id).is_none() {
                            self.prefetch(next, &TOKEN_FEATURES);
                        }
                    }
                    let own = match cached(word_scores, id) {
                        Some(w) => w,
                        None => {
                            let w = self.sum([0; N_TAGS], f, &TOKEN_FEATURES);
                            if id != NO_WORD {
                                let k = id as usize;
                                if word_scores.len() <= k {
                                    word_scores.resize(k + 1, None);
                                }
                                word_scores[k] = Some(w);
                            }
                            w
                        }
                    };
                    let acc = self.sum(own, f, &CONTEXT_FEATURES);
                    emissions.push(acc.map(|a| a as f32 * self.scale));
                }
                viterbi(emissions, &self.constrained, back, best);
                tags.clear();
                tags.extend(best.iter().map(|&y| Tag::from_index(y)));
                f(s, tags);
            });
    }

    /// Hints the processor to load the table slots where features `which` of `feats` start
    /// their probes.
    #[inline]
    fn prefetch(&self, feats: &[u64], which: &[usize]) {
        #[cfg(target_arch = "x86_64")]
        for &k in which {
            let f = feats[k];
            if f != 0 {
                let slot: *const Slot = &self.table[(f as usize) & self.mask];
                // SAFETY: SSE is part of x86_64, so the instruction exists; a prefetch is only a
                // hint, reads nothing the program sees and cannot fault, and `slot` points into
                // the table anyway.
                unsafe {
                    std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
                        slot.cast::<i8>(),
                    );
                }
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = (feats, which);
    }

    /// `acc` plus the weights of features `which` of `feats`. Integer sums, so the order in
    /// which features are added (and whether part of the sum was cached) does not matter.
    #[inline]
    fn sum(&self, mut acc: [i32; N_TAGS], feats: &[u64], which: &[usize]) -> [i32; N_TAGS] {
        for &k in which {
            let f = feats[k];
            if f == 0 {
                continue;
            }
            let mut i = (f as usize) & self.mask;
            loop {
                let s = &self.table[i];
                if s.key == f {
                    for (a, &w) in acc.iter_mut().zip(&s.w) {
                        *a += i32::from(w);
                    }
                    break;
                }
                if s.key == 0 {
                    break;
                }
                i = (i + 1) & self.mask;
            }
        }
        acc
    }
}

/// The cached weight sum of word `id`, if any.
#[inline]
fn cached(word_scores: &[Option<[i32; N_TAGS]>], id: u32) -> Option<[i32; N_TAGS]> {
    word_scores.get(id as usize).copied().flatten()
}

/// Open addressing with linear probing, between a third and two thirds full: small enough
/// to stay in the processor's caches (most look-ups are misses: features the model dropped),
/// empty enough that a probe rarely leaves its cache line.
struct Table {
    slots: Vec<Slot>,
    len: usize,
}

impl Table {
    fn with_entries(n: usize) -> Table {
        let cap = (n + n / 2).next_power_of_two().max(16);
        Table {
            slots: vec![Slot::default(); cap],
            len: 0,
        }
    }

    fn insert(&mut self, key: u64, w: [i16; N_TAGS]) {
        let mask = self.slots.len() - 1;
        let mut i = (key as usize) & mask;
        while self.slots[i].key != 0 && self.slots[i].key != key {
            i = (i + 1) & mask;
        }
        if self.slots[i].key == 0 {
            self.len += 1;
        }
        self.slots[i] = Slot { key, w };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tag::EntityType;

    #[test]
    fn viterbi_respects_iob2() {
        // Emissions prefer I-PER at the start and after O: the best valid path is B-PER I-PER.
        let mut e = [[0.0f32; N_TAGS]; 2];
        e[0][Tag::I(EntityType::Per).index()] = 5.0;
        e[0][Tag::B(EntityType::Per).index()] = 1.0;
        e[1][Tag::I(EntityType::Per).index()] = 5.0;
        let t = constrain(&[[0.0; N_TAGS]; N_TAGS + 1]);
        let (mut back, mut out) = (Vec::new(), Vec::new());
        viterbi(&e, &t, &mut back, &mut out);
        assert_eq!(
            out,
            vec![
                Tag::B(EntityType::Per).index(),
                Tag::I(EntityType::Per).index()
            ]
        );
        viterbi(&[], &t, &mut back, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn the_builtin_model_loads_and_round_trips() {
        let t = Tagger::builtin().expect("builtin model");
        assert!(t.feature_count() > 0);
        let bytes = t.to_bytes();
        assert_eq!(bytes, BUILTIN);
        let again = Tagger::from_bytes(&bytes, "again").expect("reload");
        assert_eq!(again.feature_count(), t.feature_count());
    }

    #[test]
    fn broken_models_are_refused_with_the_reason() {
        let msg = |b: &[u8]| {
            Tagger::from_bytes(b, "m.model")
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        };
        assert!(msg(b"hello").contains("truncated"));
        assert!(msg(b"NOTAMODEL\0\0\0\0").contains("NGTAGGER"));
        let mut b = BUILTIN.to_vec();
        b.push(0);
        assert!(msg(&b).contains("unexpected bytes"));
        b.truncate(BUILTIN.len() - 3);
        assert!(msg(&b).contains("truncated"));
    }
}
