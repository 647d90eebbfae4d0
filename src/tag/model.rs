//! The trained tagger: weights in a sorted table of feature hashes, Viterbi decoding, and the
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

/// A feature's weights, one per tag.
type Weights = [i16; N_TAGS];

/// A trained named-entity tagger. Cheap to share between threads (`&Tagger` is all `tag`
/// needs).
pub struct Tagger {
    /// This tagger's number ([`NEXT_TAGGER_ID`]).
    id: u64,
    table: Table,
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
            .field("features", &self.table.keys.len())
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
        // The table's directory counts keys in `u32`.
        let n = u32::try_from(header.entries)
            .map(|n| n as usize)
            .map_err(|_| bad(name, "too many features"))?;
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
        let mut keys = Vec::with_capacity(n);
        let mut weights = Vec::with_capacity(n);
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
            let mut ws = [0i16; N_TAGS];
            for (y, b) in w.chunks_exact(2).enumerate() {
                ws[y] = i16::from_le_bytes([b[0], b[1]]);
            }
            keys.push(key);
            weights.push(ws);
        }
        Ok(Tagger::assemble(
            Table::from_sorted(keys, weights),
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
        Tagger::assemble(
            Table::new(weights),
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
            table,
            scale,
            constrained: constrain(&transitions),
            transitions,
            features,
            training,
        }
    }

    /// The model as bytes (the model file format above).
    pub fn to_bytes(&self) -> Vec<u8> {
        let entries = &self.table;
        let header = Header {
            format: FORMAT,
            features: FEATURE_VERSION,
            tags: Tag::ALL.iter().map(Tag::to_string).collect(),
            scale: self.scale,
            entries: entries.keys.len() as u64,
            training: self.training.clone(),
            resources: self.features.resources.clone(),
        };
        // Serialising plain structs of strings and numbers cannot fail.
        let json = serde_json::to_vec(&header).unwrap_or_default();
        let mut out =
            Vec::with_capacity(16 + json.len() + 360 + entries.keys.len() * (8 + 2 * N_TAGS));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(json.len() as u32).to_le_bytes());
        out.extend_from_slice(&json);
        for row in &self.transitions {
            for w in row {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        for k in &entries.keys {
            out.extend_from_slice(&k.to_le_bytes());
        }
        for ws in &entries.weights {
            for w in ws {
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
        self.table.keys.len()
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
                // The table is megabytes and its look-ups random: ask for the directory
                // entries of the token after next and, through the next token's (asked for
                // one token earlier), for the keys and weights it will read, while this token
                // is scored, so that the memory accesses overlap instead of waiting one after
                // another.
                let ahead = |k: usize, keys: bool, word_scores: &[Option<[i32; N_TAGS]>]| {
                    if let (Some(fs), Some(&id)) = (feats.get(k * NF..(k + 1) * NF), ids.get(k)) {
                        self.prefetch(fs, &CONTEXT_FEATURES, keys);
                        if cached(word_scores, id).is_none() {
                            self.prefetch(fs, &TOKEN_FEATURES, keys);
                        }
                    }
                };
                ahead(0, false, word_scores);
                ahead(1, false, word_scores);
                ahead(0, true, word_scores);
                for (i, (f, &id)) in feats.chunks_exact(NF).zip(ids).enumerate() {
                    ahead(i + 2, false, word_scores);
                    ahead(i + 1, true, word_scores);
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

    /// Hints the processor to load what the look-ups of features `which` of `feats` will
    /// read: their directory entries, or (`keys`) the first key and weights of their buckets,
    /// found through directory entries asked for earlier.
    #[inline]
    fn prefetch(&self, feats: &[u64], which: &[usize], keys: bool) {
        for &k in which {
            let f = feats[k];
            if f == 0 {
                continue;
            }
            let b = self.table.bucket(f);
            if keys {
                let at = self.table.start[b] as usize;
                if let (Some(key), Some(w)) = (self.table.keys.get(at), self.table.weights.get(at))
                {
                    prefetch(key);
                    prefetch(w);
                }
            } else {
                prefetch(&self.table.start[b]);
            }
        }
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
            if let Some(w) = self.table.get(f) {
                for (a, &w) in acc.iter_mut().zip(w) {
                    *a += i32::from(w);
                }
            }
        }
        acc
    }
}

/// Hints the processor to load the cache line of `x`.
#[inline]
fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: SSE is part of x86_64, so the instruction exists; a prefetch is only a hint,
    // reads nothing the program sees and cannot fault, and `x` is a valid reference anyway.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
            (x as *const T).cast::<i8>(),
        );
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}

/// The cached weight sum of word `id`, if any.
#[inline]
fn cached(word_scores: &[Option<[i32; N_TAGS]>], id: u32) -> Option<[i32; N_TAGS]> {
    word_scores.get(id as usize).copied().flatten()
}

/// The feature hashes in increasing order with their weights, and a directory by the top bits
/// of the hash: a look-up reads the directory entry and the few keys of its bucket (fewer than
/// one on average). Most look-ups are of features the model dropped; they read at most one
/// line of the directory (4 bytes an entry) and one of the keys (8 bytes a key), so the part
/// of the table they touch stays in the processor's caches, where an open-addressing table
/// of key and weights together (32-byte slots, two thirds full) was 4 MB and a miss probed
/// about five slots.
#[derive(Debug)]
struct Table {
    /// Strictly increasing, never 0.
    keys: Vec<u64>,
    /// The weights of each key.
    weights: Vec<Weights>,
    /// `keys[start[b]..start[b + 1]]` are the keys whose top bits are `b`.
    start: Vec<u32>,
    /// `64 -` the number of top bits.
    shift: u32,
}

impl Table {
    /// The table of `weights` (a later weight of a repeated hash wins; hash 0 is dropped, as it
    /// marks an absent feature).
    fn new(mut weights: Vec<(u64, Weights)>) -> Table {
        // Stable, so that of equal hashes the last stays last.
        weights.sort_by_key(|&(k, _)| k);
        let mut keys: Vec<u64> = Vec::with_capacity(weights.len());
        let mut ws: Vec<Weights> = Vec::with_capacity(weights.len());
        for (k, w) in weights {
            if k == 0 {
                continue;
            }
            if keys.last() == Some(&k) {
                if let Some(last) = ws.last_mut() {
                    *last = w;
                }
                continue;
            }
            keys.push(k);
            ws.push(w);
        }
        Table::from_sorted(keys, ws)
    }

    /// The table of `keys` (strictly increasing, never 0) with their `weights`.
    fn from_sorted(keys: Vec<u64>, weights: Vec<Weights>) -> Table {
        // About one key per bucket (at least 16 buckets).
        let bits = keys.len().next_power_of_two().max(16).trailing_zeros();
        let shift = 64 - bits;
        let mut start = vec![0u32; (1usize << bits) + 1];
        for &k in &keys {
            start[(k >> shift) as usize + 1] += 1;
        }
        for b in 1..start.len() {
            start[b] += start[b - 1];
        }
        Table {
            keys,
            weights,
            start,
            shift,
        }
    }

    /// The directory entry of hash `f`.
    #[inline]
    fn bucket(&self, f: u64) -> usize {
        (f >> self.shift) as usize
    }

    /// The weights of feature hash `f`, if the model has it.
    #[inline]
    fn get(&self, f: u64) -> Option<&Weights> {
        let b = self.bucket(f);
        let (lo, hi) = (self.start[b] as usize, self.start[b + 1] as usize);
        let k = self.keys[lo..hi].iter().position(|&k| k == f)?;
        Some(&self.weights[lo + k])
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
