//! Feature extraction for the tagger: every token gets [`NF`] hashed features (0 = absent)
//! describing the word and its context, never the tags (see the module doc of `tag`).
//!
//! Strings are hashed once per token (lowercased word, affixes, shapes); the context features
//! combine those hashes with a template id, so a sentence costs a few hashes per token and no
//! allocation once the [`Scratch`] buffers have grown. The hash is our own (stable across
//! platforms and Rust versions), because model files store the hashes.

use crate::lexicon::{EntityKind, Lexicon};
use crate::text::Lang;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Bumped whenever the features change: a model trained with other features is refused.
pub(crate) const FEATURE_VERSION: u32 = 1;

/// Features per token (fixed, so token `i`'s features are `feats[i * NF..(i + 1) * NF]`).
pub(crate) const NF: usize = 44;

/// The word lists the features look at. Stored in the model file, so a model sees the same
/// lists it was trained with even after the lexicon in `data/` changes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Resources {
    /// Names of states, alliances, places, organisations and demonyms: `(kind, name)`, kind
    /// being `state`, `alliance`, `place`, `organisation` or `demonym`; earlier entries win
    /// ties between equally long matches.
    pub(crate) gazetteer: Vec<(String, String)>,
    /// Offices and titles of both languages (`Waziri Mkuu`, `Prime Minister`).
    pub(crate) titles: Vec<String>,
    /// Honorifics of both languages (`Bw.`, `Dkt.`, `Mr.`).
    pub(crate) honorifics: Vec<String>,
}

const GAZ_KINDS: [&str; 5] = ["state", "alliance", "place", "organisation", "demonym"];

impl Resources {
    /// The lists of the lexicon: names and demonyms of its entities (both languages, since
    /// Swahili news uses English names too), titles and honorifics.
    pub(crate) fn from_lexicon(lex: &Lexicon) -> Resources {
        let mut by_kind: [Vec<String>; 5] = Default::default();
        for e in &lex.entities {
            let k = match e.kind {
                EntityKind::State => 0,
                EntityKind::Alliance => 1,
                EntityKind::Place => 2,
                EntityKind::Organisation => 3,
            };
            by_kind[k].extend(e.names.iter().map(|(_, n)| n.clone()));
            by_kind[4].extend(e.demonyms.iter().map(|(_, n)| n.clone()));
        }
        let mut gazetteer = Vec::new();
        for (k, mut names) in by_kind.into_iter().enumerate() {
            names.sort();
            names.dedup();
            gazetteer.extend(names.into_iter().map(|n| (GAZ_KINDS[k].to_string(), n)));
        }
        let mut titles: Vec<String> = Lang::ALL
            .iter()
            .flat_map(|&l| lex.titles(l).iter().map(|t| t.text.clone()))
            .collect();
        titles.sort();
        titles.dedup();
        let mut honorifics: Vec<String> = Lang::ALL
            .iter()
            .flat_map(|&l| lex.grammar(l).honorifics.iter().cloned())
            .collect();
        honorifics.sort();
        honorifics.dedup();
        Resources {
            gazetteer,
            titles,
            honorifics,
        }
    }
}

/// A hasher for keys that are already well-mixed 64-bit hashes.
#[derive(Default)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

/// A map keyed by feature or word hashes (already mixed: no need to hash them again).
pub(crate) type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// Leftmost-longest matching of word sequences (lexicon names, titles) over a sentence.
#[derive(Debug, Default)]
struct SeqMatcher {
    /// Lowercased first word → indices of the entries starting with it.
    first: IdMap<Vec<u32>>,
    /// (kind, words as (lowercase hash, must be all capitals)).
    entries: Vec<(u8, Vec<(u64, bool)>)>,
}

impl SeqMatcher {
    fn add(&mut self, kind: u8, name: &str) {
        let mut lower = String::new();
        let words: Vec<(u64, bool)> = name
            .split_whitespace()
            .map(|w| {
                lower.clear();
                lowercase_into(w, &mut lower);
                // Acronyms (`US`, `EAC`) only match in capitals: `us` is an English word.
                let acronym = w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase());
                (hash_bytes(lower.as_bytes()), acronym)
            })
            .collect();
        if let Some(&(h, _)) = words.first() {
            self.first
                .entry(h)
                .or_default()
                .push(self.entries.len() as u32);
            self.entries.push((kind, words));
        }
    }

    /// Marks matched tokens with `2 * kind + 1` (first word) or `2 * kind + 2` (later words).
    fn mark(&self, toks: &[TokInfo], marks: &mut Vec<u8>) {
        marks.clear();
        marks.resize(toks.len(), 0);
        let mut i = 0;
        while i < toks.len() {
            let mut best: Option<(usize, u8)> = None;
            if let Some(cands) = self.first.get(&toks[i].word) {
                for &c in cands {
                    let (kind, words) = &self.entries[c as usize];
                    let fits = words.len() <= toks.len() - i
                        && best.is_none_or(|(len, _)| words.len() > len)
                        && words.iter().zip(&toks[i..]).all(|(&(h, caps), t)| {
                            t.word == h && (!caps || t.flags & ALLCAPS != 0)
                        });
                    if fits {
                        best = Some((words.len(), *kind));
                    }
                }
            }
            match best {
                Some((len, kind)) => {
                    marks[i] = 2 * kind + 1;
                    for m in &mut marks[i + 1..i + len] {
                        *m = 2 * kind + 2;
                    }
                    i += len;
                }
                None => i += 1,
            }
        }
    }
}

/// The feature extractor: the word lists of a model, compiled for matching.
#[derive(Debug)]
pub(crate) struct Features {
    gazetteer: SeqMatcher,
    titles: SeqMatcher,
    pub(crate) resources: Resources,
}

/// The features of a token that depend on the token alone (not on its neighbours, its
/// position or the document): their weights can be summed once per word and reused.
pub(crate) const TOKEN_FEATURES: [usize; 18] =
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 29];
/// The other features of a token: [`TOKEN_FEATURES`] and these are all `NF` of them.
pub(crate) const CONTEXT_FEATURES: [usize; 26] = [
    17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41,
    42, 43,
];
/// The word id of a token not in the word cache (a hash collision with another word).
pub(crate) const NO_WORD: u32 = u32::MAX;

/// One sentence's tokens, analysed: what the features and the document window look at.
#[derive(Debug, Default)]
struct Analysed {
    toks: Vec<TokInfo>,
    /// Each token's id in the word cache ([`NO_WORD`] if it is not there).
    ids: Vec<u32>,
    title_marks: Vec<u8>,
    gaz_marks: Vec<u8>,
}

/// Token strings analysed before: news repeats its words, and analysing one (lowercasing,
/// shapes, flags, eight affix hashes) costs more than finding it again. A word's analysis
/// depends on its text alone, so the cache is shared by every model and document.
#[derive(Debug, Default)]
struct WordCache {
    /// The hash of a token's text → its id (an index into `words` and `infos`).
    index: IdMap<u32>,
    words: Vec<Box<str>>,
    infos: Vec<TokInfo>,
}

/// Buffers reused from sentence to sentence and document to document.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    lower: String,
    shape: String,
    short: String,
    sentences: Vec<Analysed>,
    window: IdMap<[u16; DOC_BITS]>,
    words: WordCache,
    /// The features of the current sentence, `NF` per token.
    pub(crate) feats: Vec<u64>,
}

impl Scratch {
    /// Empties the word cache when it holds more than `limit` words, so that it stays
    /// bounded over a long corpus; true when it did (the word ids given to
    /// [`Features::extract_document`]'s callback are then reused for other words).
    pub(crate) fn forget_words_over(&mut self, limit: usize) -> bool {
        if self.words.words.len() <= limit {
            return false;
        }
        self.words = WordCache::default();
        true
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct TokInfo {
    word: u64,
    shape: u64,
    short: u64,
    flags: u32,
    noun_class: u64,
    prefix: [u64; 4],
    suffix: [u64; 4],
}

const CAP: u32 = 1;
const ALLCAPS: u32 = 2;
const HAS_DIGIT: u32 = 4;
const ALL_DIGIT: u32 = 8;
const HYPHEN: u32 = 16;
const PERIOD: u32 = 32;
const PUNCT: u32 = 64;
const APOSTROPHE: u32 = 128;
const INNER_CAP: u32 = 256;
const LOWER_START: u32 = 512;

/// The document features look at this many sentences before and after a sentence: a whole
/// news article, and a bounded neighbourhood in corpora without document breaks (MasakhaNER
/// has none; ±20 and ±100 scored alike on its dev set, ±3 lower).
pub(crate) const DOC_WINDOW: usize = 50;
/// The facts recorded per word in the document window (see [`observe`]).
const DOC_BITS: usize = 4;

/// Swahili noun-class prefixes, longest first: `m-/wa-` (people: `Mkenya`, `Wakenya`),
/// `ki-/vi-`, `ma-`, `n-`… A capitalised `Wa…` word is a people, not a person's name.
const NOUN_CLASS_PREFIXES: [&str; 19] = [
    "mwa", "mw", "wa", "ki", "ch", "vi", "vy", "ma", "mi", "ny", "ji", "li", "ku", "pa", "mu",
    "zi", "m", "u", "n",
];

// Template ids: each feature's hash is mixed with its template so equal strings in different
// roles (the word, the previous word…) are different features.
const T_BIAS: u64 = 0;
const T_WORD: u64 = 1;
const T_PREFIX: u64 = 2; // 2..=5
const T_SUFFIX: u64 = 6; // 6..=9
const T_SHAPE: u64 = 10;
const T_SHORT: u64 = 11;
const T_FLAGS: u64 = 12;
const T_CAP: u64 = 13;
const T_ALLCAPS: u64 = 14;
const T_DIGIT: u64 = 15;
const T_HYPHEN: u64 = 16;
const T_POSITION: u64 = 17;
const T_LAST: u64 = 18;
const T_PREV: u64 = 19;
const T_PREV2: u64 = 20;
const T_NEXT: u64 = 21;
const T_NEXT2: u64 = 22;
const T_PREV_SHORT: u64 = 23;
const T_NEXT_SHORT: u64 = 24;
const T_PREV_WORD_BIGRAM: u64 = 25;
const T_WORD_NEXT_BIGRAM: u64 = 26;
const T_PREV_SHAPE: u64 = 27;
const T_SHAPE_NEXT: u64 = 28;
const T_NOUN_CLASS: u64 = 29;
const T_TITLE: u64 = 30;
const T_AFTER_TITLE: u64 = 31;
const T_AFTER_TITLE2: u64 = 32;
const T_GAZ: u64 = 33;
const T_GAZ_PREV: u64 = 34;
const T_GAZ_NEXT: u64 = 35;
const T_CAP_FIRST: u64 = 36;
const T_SHORT_PAIR_PREV: u64 = 37;
const T_AROUND: u64 = 38;
const T_SHORT_PAIR_NEXT: u64 = 39;
const T_NEXT_PREFIX2: u64 = 40;
const T_NEXT_PREFIX3: u64 = 41;
const T_PREV_SUFFIX3: u64 = 42;
const T_DOC: u64 = 43;

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

/// The murmur3 finaliser: spreads every input bit over the output (the model's hash table
/// uses the low bits).
#[inline]
fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// A stable 64-bit hash of a byte string (FxHash rounds over 8-byte words, then [`fmix`]).
#[inline]
pub(crate) fn hash_bytes(b: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = (b.len() as u64).wrapping_mul(GOLDEN);
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    fmix(h)
}

/// Never 0: 0 marks an absent feature and an empty slot of the model's table.
#[inline]
fn nonzero(h: u64) -> u64 {
    if h == 0 {
        1
    } else {
        h
    }
}

#[inline]
fn feat(template: u64, a: u64) -> u64 {
    nonzero(fmix(a ^ (template + 1).wrapping_mul(GOLDEN)))
}

#[inline]
fn feat2(template: u64, a: u64, b: u64) -> u64 {
    nonzero(fmix(
        fmix(a ^ (template + 1).wrapping_mul(GOLDEN)) ^ b.rotate_left(23),
    ))
}

fn lowercase_into(word: &str, out: &mut String) {
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        for c in word.chars() {
            out.extend(c.to_lowercase());
        }
    }
}

/// Word shapes: `Nairobi` → (`Xxxxx`, `Xx`), `2023` → (`dddd`, `d`), `U.S.` → (`X.X.`, `X.X.`):
/// runs longer than four are cut to four in the long shape and to one in the short shape.
fn shapes(word: &str, long: &mut String, short: &mut String) {
    long.clear();
    short.clear();
    let mut last = '\0';
    let mut run = 0;
    for c in word.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if s == last {
            run += 1;
        } else {
            last = s;
            run = 1;
            short.push(s);
        }
        if run <= 4 {
            long.push(s);
        }
    }
}

fn flags(word: &str) -> u32 {
    let mut f = 0;
    let (mut letters, mut upper, mut lower, mut digits, mut alnum, mut n) = (0, 0, 0, 0, 0, 0);
    for (i, c) in word.chars().enumerate() {
        n += 1;
        if c.is_alphabetic() {
            letters += 1;
            if c.is_uppercase() {
                upper += 1;
                if i == 0 {
                    f |= CAP;
                } else {
                    f |= INNER_CAP;
                }
            } else if c.is_lowercase() {
                lower += 1;
                if i == 0 {
                    f |= LOWER_START;
                }
            }
        }
        if c.is_numeric() {
            digits += 1;
            f |= HAS_DIGIT;
        }
        if c.is_alphanumeric() {
            alnum += 1;
        }
        match c {
            '-' | '\u{2010}'..='\u{2015}' => f |= HYPHEN,
            '.' => f |= PERIOD,
            '\'' | '\u{2019}' | '\u{2018}' => f |= APOSTROPHE,
            _ => {}
        }
    }
    if letters >= 2 && upper == letters {
        f |= ALLCAPS;
    }
    if lower == 0 {
        f &= !INNER_CAP;
    }
    if n > 0 && digits == n {
        f |= ALL_DIGIT;
    }
    if alnum == 0 {
        f |= PUNCT;
    }
    f
}

/// Hashes of the first and last `k` characters (`k` = 1..=4) of a lowercased word, for words
/// longer than `k` (shorter words are covered by the word feature itself).
fn affixes(lower: &str, prefix: &mut [u64; 4], suffix: &mut [u64; 4]) {
    *prefix = [0; 4];
    *suffix = [0; 4];
    let b = lower.as_bytes();
    if lower.is_ascii() {
        for k in 1..=4.min(b.len().saturating_sub(1)) {
            prefix[k - 1] = hash_bytes(&b[..k]);
            suffix[k - 1] = hash_bytes(&b[b.len() - k..]);
        }
        return;
    }
    let starts: Vec<usize> = lower.char_indices().map(|(i, _)| i).collect();
    let n = starts.len();
    for k in 1..=4.min(n.saturating_sub(1)) {
        prefix[k - 1] = hash_bytes(&b[..starts[k]]);
        suffix[k - 1] = hash_bytes(&b[starts[n - k]..]);
    }
}

fn noun_class(lower: &str) -> u64 {
    NOUN_CLASS_PREFIXES
        .iter()
        .find(|p| lower.len() >= p.len() + 3 && lower.starts_with(*p))
        .map_or(0, |p| hash_bytes(p.as_bytes()))
}

/// The end of a title or honorific match just before token `j` (its kind + 1), else 0.
fn title_ends_before(marks: &[u8], j: usize) -> u64 {
    if j == 0 || j > marks.len() {
        return 0;
    }
    let before = marks[j - 1];
    let continues = j < marks.len() && marks[j] != 0 && marks[j].is_multiple_of(2);
    if before == 0 || continues {
        0
    } else {
        u64::from((before - 1) / 2 + 1)
    }
}

impl Features {
    /// Compiles the word lists for matching.
    pub(crate) fn new(resources: Resources) -> Features {
        let mut gazetteer = SeqMatcher::default();
        for (kind, name) in &resources.gazetteer {
            if let Some(k) = GAZ_KINDS.iter().position(|g| g == kind) {
                gazetteer.add(k as u8, name);
            }
        }
        let mut titles = SeqMatcher::default();
        for t in &resources.titles {
            titles.add(0, t);
        }
        for h in &resources.honorifics {
            titles.add(1, h);
            // Tokenisers split `Bw.` into `Bw` `.`: match the bare word too.
            if let Some(bare) = h.strip_suffix('.') {
                titles.add(1, bare);
            }
        }
        Features {
            gazetteer,
            titles,
            resources,
        }
    }

    /// Computes the features of one sentence on its own (a document of one sentence) into
    /// `scratch.feats`, `NF` per token.
    #[cfg(test)]
    pub(crate) fn extract<S: AsRef<str>>(&self, tokens: &[S], scratch: &mut Scratch) {
        self.extract_document(std::slice::from_ref(&tokens), scratch, |_, _, _| {});
    }

    /// Computes the features of every sentence of a document, in order, calling
    /// `f(sentence index, features, word ids)` for each (`NF` features per token; a token's
    /// id in the word cache or [`NO_WORD`]: tokens with the same id have the same
    /// [`TOKEN_FEATURES`] until [`Scratch::forget_words_over`] empties the cache). A
    /// sentence's document features look at the sentences up to [`DOC_WINDOW`] before and
    /// after it.
    pub(crate) fn extract_document<T: AsRef<[S]>, S: AsRef<str>>(
        &self,
        sentences: &[T],
        scratch: &mut Scratch,
        mut f: impl FnMut(usize, &[u64], &[u32]),
    ) {
        let m = sentences.len();
        if scratch.sentences.len() < m {
            scratch.sentences.resize_with(m, Analysed::default);
        }
        for (s, tokens) in sentences.iter().enumerate() {
            self.analyse(tokens.as_ref(), scratch, s);
        }
        let Scratch {
            sentences: analysed,
            window,
            feats,
            ..
        } = scratch;
        window.clear();
        for a in analysed.iter().take(m.min(DOC_WINDOW + 1)) {
            count(window, a, true);
        }
        for s in 0..m {
            if s > 0 {
                if s + DOC_WINDOW < m {
                    count(window, &analysed[s + DOC_WINDOW], true);
                }
                if s > DOC_WINDOW {
                    count(window, &analysed[s - DOC_WINDOW - 1], false);
                }
            }
            emit(&analysed[s], window, feats);
            f(s, feats, &analysed[s].ids);
        }
    }

    /// Analyses sentence `tokens` into `scratch.sentences[slot]`.
    fn analyse<S: AsRef<str>>(&self, tokens: &[S], scratch: &mut Scratch, slot: usize) {
        let Scratch {
            lower,
            shape,
            short,
            sentences,
            words,
            ..
        } = scratch;
        let a = &mut sentences[slot];
        a.toks.clear();
        a.ids.clear();
        for t in tokens {
            let word = t.as_ref();
            let h = hash_bytes(word.as_bytes());
            let (id, info) = match words.index.get(&h) {
                Some(&id) if *words.words[id as usize] == *word => (id, words.infos[id as usize]),
                // Another word with the same hash: analysed every time, never cached.
                Some(_) => (NO_WORD, analyse_word(word, lower, shape, short)),
                None => {
                    let info = analyse_word(word, lower, shape, short);
                    match u32::try_from(words.infos.len()) {
                        Ok(id) if id != NO_WORD => {
                            words.index.insert(h, id);
                            words.words.push(word.into());
                            words.infos.push(info);
                            (id, info)
                        }
                        _ => (NO_WORD, info),
                    }
                }
            };
            a.toks.push(info);
            a.ids.push(id);
        }
        self.titles.mark(&a.toks, &mut a.title_marks);
        self.gazetteer.mark(&a.toks, &mut a.gaz_marks);
    }
}

/// The analysis of one token's text (`lower`, `shape` and `short` are buffers).
fn analyse_word(word: &str, lower: &mut String, shape: &mut String, short: &mut String) -> TokInfo {
    lower.clear();
    lowercase_into(word, lower);
    shapes(word, shape, short);
    let mut info = TokInfo {
        word: hash_bytes(lower.as_bytes()),
        shape: hash_bytes(shape.as_bytes()),
        short: hash_bytes(short.as_bytes()),
        flags: flags(word),
        noun_class: noun_class(lower),
        ..TokInfo::default()
    };
    affixes(lower, &mut info.prefix, &mut info.suffix);
    info
}

/// What an occurrence of a word tells about the word, for the document features: seen
/// capitalised inside a sentence, seen in lower case, seen right after an office or honorific,
/// seen capitalised next to another capitalised word (`Nobert Mao`).
fn observe(a: &Analysed, i: usize) -> [bool; DOC_BITS] {
    let t = &a.toks[i];
    let cap = t.flags & CAP != 0;
    let prev_cap = i > 0 && a.toks[i - 1].flags & CAP != 0;
    let next_cap = a.toks.get(i + 1).is_some_and(|n| n.flags & CAP != 0);
    [
        cap && i > 0 && a.toks[i - 1].flags & PUNCT == 0,
        t.flags & LOWER_START != 0,
        title_ends_before(&a.title_marks, i) != 0,
        cap && ((i > 1 && prev_cap) || next_cap),
    ]
}

/// Adds (or removes) a sentence's words to the window counts.
fn count(window: &mut IdMap<[u16; DOC_BITS]>, a: &Analysed, add: bool) {
    for i in 0..a.toks.len() {
        let seen = observe(a, i);
        let c = window.entry(a.toks[i].word).or_default();
        for (c, s) in c.iter_mut().zip(seen) {
            if s {
                *c = if add {
                    c.saturating_add(1)
                } else {
                    c.saturating_sub(1)
                };
            }
        }
    }
}

/// Writes the features of an analysed sentence (`NF` per token) into `feats`.
fn emit(a: &Analysed, window: &IdMap<[u16; DOC_BITS]>, feats: &mut Vec<u64>) {
    let toks = &a.toks;
    let (title_marks, gaz_marks) = (&a.title_marks, &a.gaz_marks);
    let n = toks.len();
    // Sentinels for the words around the sentence.
    let bos = hash_bytes(b"<s>");
    let eos = hash_bytes(b"</s>");
    let word = |j: isize| -> u64 {
        if j < 0 {
            bos
        } else {
            toks.get(j as usize).map_or(eos, |t| t.word)
        }
    };
    let short_at = |j: isize| -> u64 {
        if j < 0 {
            bos
        } else {
            toks.get(j as usize).map_or(eos, |t| t.short)
        }
    };
    let gaz_at = |j: isize| -> u64 {
        if j < 0 {
            0
        } else {
            gaz_marks.get(j as usize).map_or(0, |&m| u64::from(m))
        }
    };

    feats.clear();
    feats.resize(n * NF, 0);
    for (i, t) in toks.iter().enumerate() {
        let f = &mut feats[i * NF..(i + 1) * NF];
        let j = i as isize;
        let (w, s) = (t.word, t.short);
        let cap = u64::from(t.flags & CAP != 0);
        f[0] = feat(T_BIAS, 0);
        f[1] = feat(T_WORD, w);
        for k in 0..4 {
            if t.prefix[k] != 0 {
                f[2 + k] = feat(T_PREFIX + k as u64, t.prefix[k]);
            }
            if t.suffix[k] != 0 {
                f[6 + k] = feat(T_SUFFIX + k as u64, t.suffix[k]);
            }
        }
        f[10] = feat(T_SHAPE, t.shape);
        f[11] = feat(T_SHORT, s);
        f[12] = feat(T_FLAGS, u64::from(t.flags));
        if t.flags & CAP != 0 {
            f[13] = feat(T_CAP, 1);
        }
        if t.flags & ALLCAPS != 0 {
            f[14] = feat(T_ALLCAPS, 1);
        }
        if t.flags & HAS_DIGIT != 0 {
            f[15] = feat(T_DIGIT, u64::from(t.flags & ALL_DIGIT != 0));
        }
        if t.flags & HYPHEN != 0 {
            f[16] = feat(T_HYPHEN, 1);
        }
        f[17] = feat(T_POSITION, i.min(3) as u64);
        if i + 1 == n {
            f[18] = feat(T_LAST, 1);
        }
        f[19] = feat(T_PREV, word(j - 1));
        f[20] = feat(T_PREV2, word(j - 2));
        f[21] = feat(T_NEXT, word(j + 1));
        f[22] = feat(T_NEXT2, word(j + 2));
        f[23] = feat(T_PREV_SHORT, short_at(j - 1));
        f[24] = feat(T_NEXT_SHORT, short_at(j + 1));
        f[25] = feat2(T_PREV_WORD_BIGRAM, word(j - 1), w);
        f[26] = feat2(T_WORD_NEXT_BIGRAM, w, word(j + 1));
        f[27] = feat2(T_PREV_SHAPE, word(j - 1), s);
        f[28] = feat2(T_SHAPE_NEXT, s, word(j + 1));
        if t.noun_class != 0 {
            f[29] = feat2(T_NOUN_CLASS, t.noun_class, cap);
        }
        if title_marks[i] != 0 {
            f[30] = feat(T_TITLE, u64::from(title_marks[i]));
        }
        let after = title_ends_before(title_marks, i);
        if after != 0 {
            f[31] = feat2(T_AFTER_TITLE, after, cap);
        }
        let after2 = title_ends_before(title_marks, i.saturating_sub(1));
        if i >= 1 && after2 != 0 {
            f[32] = feat2(T_AFTER_TITLE2, after2, cap);
        }
        if gaz_marks[i] != 0 {
            f[33] = feat2(T_GAZ, gaz_at(j), cap);
        }
        if gaz_at(j - 1) != 0 {
            f[34] = feat(T_GAZ_PREV, gaz_at(j - 1));
        }
        if gaz_at(j + 1) != 0 {
            f[35] = feat(T_GAZ_NEXT, gaz_at(j + 1));
        }
        f[36] = feat2(T_CAP_FIRST, cap, u64::from(i == 0));
        f[37] = feat2(T_SHORT_PAIR_PREV, short_at(j - 1), s);
        f[38] = feat2(T_AROUND, word(j - 1), word(j + 1));
        f[39] = feat2(T_SHORT_PAIR_NEXT, s, short_at(j + 1));
        // Swahili verbs agree with their subject: `Kumerra amesema`, `Pack alisimamisha`
        // (a-/ali-/ame-: one person) against `Kenya imesema` (i-: a state).
        if let Some(next) = toks.get(i + 1) {
            if next.prefix[1] != 0 {
                f[40] = feat2(T_NEXT_PREFIX2, next.prefix[1], cap);
            }
            if next.prefix[2] != 0 {
                f[41] = feat2(T_NEXT_PREFIX3, next.prefix[2], cap);
            }
        }
        if let Some(prev) = i.checked_sub(1).and_then(|p| toks.get(p)) {
            if prev.suffix[2] != 0 {
                f[42] = feat2(T_PREV_SUFFIX3, prev.suffix[2], cap);
            }
        }
        // The same word elsewhere in the document (this occurrence left out): a surname seen
        // after `Rais` or next to a first name two sentences earlier is a name here too.
        if cap != 0 {
            let own = observe(a, i);
            let mut bits = 0u64;
            if let Some(c) = window.get(&w) {
                for (b, (&c, o)) in c.iter().zip(own).enumerate() {
                    if c > u16::from(o) {
                        bits |= 1 << b;
                    }
                }
            }
            f[43] = feat2(T_DOC, bits, u64::from(i == 0));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resources() -> Resources {
        Resources {
            gazetteer: vec![
                ("state".into(), "Kenya".into()),
                ("state".into(), "US".into()),
                ("alliance".into(), "Umoja wa Afrika".into()),
                ("place".into(), "Nairobi".into()),
            ],
            titles: vec!["Rais".into(), "Waziri Mkuu".into()],
            honorifics: vec!["Bw.".into()],
        }
    }

    fn marks(m: &SeqMatcher, words: &[&str]) -> Vec<u8> {
        let f = Features::new(Resources::default());
        let mut s = Scratch::default();
        f.extract(words, &mut s);
        let mut out = Vec::new();
        m.mark(&s.sentences[0].toks, &mut out);
        out
    }

    #[test]
    fn shapes_and_flags_describe_the_word() {
        let (mut l, mut s) = (String::new(), String::new());
        shapes("Nairobi", &mut l, &mut s);
        assert_eq!((l.as_str(), s.as_str()), ("Xxxxx", "Xx"));
        shapes("2023-24", &mut l, &mut s);
        assert_eq!((l.as_str(), s.as_str()), ("dddd-dd", "d-d"));
        assert_eq!(flags("NATO") & (CAP | ALLCAPS), CAP | ALLCAPS);
        assert_eq!(flags("McCain") & INNER_CAP, INNER_CAP);
        assert_eq!(flags("1990") & ALL_DIGIT, ALL_DIGIT);
        assert_eq!(flags(","), PUNCT);
    }

    #[test]
    fn noun_class_prefixes_need_a_stem() {
        assert_eq!(noun_class("wakenya"), hash_bytes(b"wa"));
        assert_eq!(noun_class("mwanamke"), hash_bytes(b"mwa"));
        assert_eq!(noun_class("wao"), 0);
    }

    #[test]
    fn sequences_match_leftmost_longest_and_acronyms_only_in_capitals() {
        let f = Features::new(resources());
        let m = marks(
            &f.gazetteer,
            &["Umoja", "wa", "Afrika", "na", "Kenya", "us", "US"],
        );
        // alliance = kind 1: B = 3, I = 4; state = kind 0: B = 1.
        assert_eq!(m, vec![3, 4, 4, 0, 1, 0, 1]);
        let m = marks(&f.titles, &["Waziri", "Mkuu", "Bw", ".", "Rais"]);
        assert_eq!(m, vec![1, 2, 3, 0, 1]);
    }

    #[test]
    fn features_are_deterministic_and_depend_on_context() {
        let f = Features::new(resources());
        let mut a = Scratch::default();
        let mut b = Scratch::default();
        f.extract(&["Rais", "Ruto", "wa", "Kenya"], &mut a);
        f.extract(&["Rais", "Ruto", "wa", "Kenya"], &mut b);
        assert_eq!(a.feats, b.feats);
        assert_eq!(a.feats.len(), 4 * NF);
        // "Ruto" follows a title: the after-title feature is present.
        assert_ne!(a.feats[NF + 31], 0);
        assert_eq!(a.feats[31], 0);
        f.extract(&["Bw", "Ruto", "wa", "Kenya"], &mut b);
        assert_eq!(a.feats[NF + 1], b.feats[NF + 1]);
        assert_ne!(a.feats[NF + 19], b.feats[NF + 19]);
    }

    #[test]
    fn token_and_context_features_are_all_the_features() {
        let mut all: Vec<usize> = TOKEN_FEATURES
            .iter()
            .chain(&CONTEXT_FEATURES)
            .copied()
            .collect();
        all.sort_unstable();
        assert_eq!(all, (0..NF).collect::<Vec<_>>());
    }

    #[test]
    fn cached_words_have_the_features_of_fresh_ones() {
        let f = Features::new(resources());
        let words = ["Rais", "Ruto", "wa", "Kenya", "Ruto", "wa"];
        let mut warm = Scratch::default();
        f.extract(&words, &mut warm);
        f.extract(&words[2..], &mut warm);
        let mut cold = Scratch::default();
        f.extract(&words[2..], &mut cold);
        assert_eq!(warm.feats, cold.feats);
        // Equal words share an id.
        let ids = &warm.sentences[0].ids;
        assert_eq!(ids[0], ids[3]);
        assert_ne!(ids[0], NO_WORD);
        assert!(warm.forget_words_over(0));
        assert!(!warm.forget_words_over(0));
    }

    #[test]
    fn hash_is_stable() {
        // Model files store these hashes: this value must never change.
        assert_eq!(hash_bytes(b"nairobi"), 0x7e9b_7711_8d1c_881f);
        assert_eq!(hash_bytes(b"jumuiya ya afrika"), 0x30de_72ed_c791_d8ae);
        assert_ne!(hash_bytes(b"ab"), hash_bytes(b"ab\0"));
        assert_eq!(hash_bytes(b""), fmix(0));
    }
}
