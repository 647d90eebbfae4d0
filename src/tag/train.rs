//! Training: the structured averaged perceptron over CoNLL sentences.
//!
//! Each epoch visits the sentences in an order shuffled by a seeded SplitMix64 generator,
//! decodes each with the current weights and, where the best sequence differs from the gold
//! one, adds the gold sequence's features and subtracts the predicted one's. The final weights
//! are the average over all steps (computed with the usual "w − u / c" trick rather than by
//! summing), which is what makes the perceptron generalise. Everything is deterministic: the
//! same data, options and seed give the same model bytes.

use super::features::{Features, IdMap, Resources, Scratch, NF};
use super::model::{constrain, viterbi, Tagger, TrainingInfo, Transitions};
use super::{ConllSentence, Tag, N_TAGS};
use crate::error::{Error, Result};
use crate::lexicon::Lexicon;

/// Training options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainOptions {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the shuffling of the sentences.
    pub seed: u64,
    /// Leave out features seen fewer times than this in the training data.
    pub min_count: u32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 15,
            seed: 1,
            min_count: 1,
        }
    }
}

/// Progress after one epoch.
#[derive(Debug, Clone, PartialEq)]
pub struct EpochReport {
    /// The epoch just finished (1-based).
    pub epoch: usize,
    /// Sentences whose decoded tags differed from the gold tags during the epoch.
    pub sentence_errors: usize,
    /// Tokens decoded wrongly during the epoch.
    pub token_errors: usize,
    /// Tokens in the training data.
    pub tokens: usize,
}

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny, good seeded generator, enough to shuffle.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform index below `n` (`n` > 0), by rejection so that it has no bias.
    fn below(&mut self, n: usize) -> usize {
        let n = n as u64;
        let zone = u64::MAX - u64::MAX % n;
        loop {
            let r = self.next();
            if r < zone {
                return (r % n) as usize;
            }
        }
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

/// Turns ill-formed IOB (an `I-X` that continues nothing) into `B-X`, as conlleval reads it:
/// the decoder only produces valid IOB2, so it must learn from valid IOB2.
fn repair(tags: &[Tag]) -> Vec<usize> {
    let mut prev = Tag::O;
    tags.iter()
        .map(|&t| {
            let t = match t {
                Tag::I(x) if prev.entity_type() != Some(x) => Tag::B(x),
                t => t,
            };
            prev = t;
            t.index()
        })
        .collect()
}

/// The perceptron's weights: current `w` and the running sums `u` for the average.
struct Weights {
    w: Vec<f32>,
    u: Vec<f64>,
    tw: [[f32; N_TAGS]; N_TAGS + 1],
    tu: [[f64; N_TAGS]; N_TAGS + 1],
}

impl Weights {
    fn emissions(&self, ids: &[u32], out: &mut Vec<[f32; N_TAGS]>) {
        out.clear();
        for token in ids.chunks_exact(NF) {
            let mut e = [0f32; N_TAGS];
            for &f in token {
                if f != u32::MAX {
                    let row = &self.w[f as usize * N_TAGS..(f as usize + 1) * N_TAGS];
                    for (a, &w) in e.iter_mut().zip(row) {
                        *a += w;
                    }
                }
            }
            out.push(e);
        }
    }

    fn update_features(&mut self, ids: &[u32], tag: usize, delta: f32, c: f64) {
        for &f in ids {
            if f != u32::MAX {
                let k = f as usize * N_TAGS + tag;
                self.w[k] += delta;
                self.u[k] += c * f64::from(delta);
            }
        }
    }

    fn update_transition(&mut self, from: usize, to: usize, delta: f32, c: f64) {
        self.tw[from][to] += delta;
        self.tu[from][to] += c * f64::from(delta);
    }
}

/// Trains a tagger on gold sentences, using the lexicon's names, titles and honorifics as
/// features. Consecutive sentences with the same [`ConllSentence::document`] form a document
/// (see [`Tagger::tag_document`]). `on_epoch` is called after every epoch (for progress output).
pub fn train(
    sentences: &[ConllSentence],
    lexicon: &Lexicon,
    options: &TrainOptions,
    mut on_epoch: impl FnMut(&EpochReport),
) -> Result<Tagger> {
    if options.epochs == 0 {
        return Err(Error::BadInput(
            "the number of epochs must be at least 1".into(),
        ));
    }
    let sentences: Vec<&ConllSentence> =
        sentences.iter().filter(|s| !s.tokens.is_empty()).collect();
    if sentences.is_empty() {
        return Err(Error::BadInput("no training sentences".into()));
    }
    if let Some(s) = sentences.iter().find(|s| s.tags.len() != s.tokens.len()) {
        return Err(Error::BadInput(format!(
            "training sentence at line {} has no tags",
            s.line
        )));
    }
    let features = Features::new(Resources::from_lexicon(lexicon));

    // Hash every token's features once: they do not depend on the tags, so all epochs share them.
    let mut scratch = Scratch::default();
    let mut hashes: Vec<u64> = Vec::new();
    let mut starts = Vec::with_capacity(sentences.len() + 1);
    let mut gold = Vec::with_capacity(sentences.len());
    for doc in sentences.chunk_by(|a, b| a.document == b.document) {
        let tokens: Vec<&[String]> = doc.iter().map(|s| s.tokens.as_slice()).collect();
        features.extract_document(&tokens, &mut scratch, |_, feats, _| {
            starts.push(hashes.len() / NF);
            hashes.extend_from_slice(feats);
        });
        gold.extend(doc.iter().map(|s| repair(&s.tags)));
    }
    starts.push(hashes.len() / NF);
    let tokens = hashes.len() / NF;

    // Number the features seen at least `min_count` times, in order of first appearance.
    let mut counts: IdMap<u32> = IdMap::default();
    for &h in &hashes {
        if h != 0 {
            *counts.entry(h).or_default() += 1;
        }
    }
    let mut index: IdMap<u32> = IdMap::default();
    let mut keys: Vec<u64> = Vec::new();
    let ids: Vec<u32> = hashes
        .iter()
        .map(|&h| {
            if h == 0 || counts.get(&h).copied().unwrap_or(0) < options.min_count {
                return u32::MAX;
            }
            *index.entry(h).or_insert_with(|| {
                keys.push(h);
                (keys.len() - 1) as u32
            })
        })
        .collect();
    drop(counts);
    drop(index);
    drop(hashes);

    let mut weights = Weights {
        w: vec![0.0; keys.len() * N_TAGS],
        u: vec![0.0; keys.len() * N_TAGS],
        tw: [[0.0; N_TAGS]; N_TAGS + 1],
        tu: [[0.0; N_TAGS]; N_TAGS + 1],
    };
    let mut rng = SplitMix64(options.seed);
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let (mut emissions, mut back, mut predicted) = (Vec::new(), Vec::new(), Vec::new());
    // The step counter of the averaging: weights are averaged over every sentence visit.
    let mut c: f64 = 1.0;
    for epoch in 1..=options.epochs {
        rng.shuffle(&mut order);
        let (mut sentence_errors, mut token_errors) = (0, 0);
        for &s in &order {
            let ids = &ids[starts[s] * NF..starts[s + 1] * NF];
            let gold = &gold[s];
            weights.emissions(ids, &mut emissions);
            viterbi(
                &emissions,
                &constrain(&weights.tw),
                &mut back,
                &mut predicted,
            );
            if predicted != *gold {
                sentence_errors += 1;
                let mut prev = (0, 0);
                for (i, (&g, &p)) in gold.iter().zip(&predicted).enumerate() {
                    let token = &ids[i * NF..(i + 1) * NF];
                    if g != p {
                        token_errors += 1;
                        weights.update_features(token, g, 1.0, c);
                        weights.update_features(token, p, -1.0, c);
                    }
                    if (prev.0, g) != (prev.1, p) {
                        weights.update_transition(prev.0, g, 1.0, c);
                        weights.update_transition(prev.1, p, -1.0, c);
                    }
                    prev = (g + 1, p + 1);
                }
            }
            c += 1.0;
        }
        on_epoch(&EpochReport {
            epoch,
            sentence_errors,
            token_errors,
            tokens,
        });
    }

    // Average, quantise to i16 with one scale, and keep the features with a non-zero weight.
    let average = |w: f32, u: f64| (f64::from(w) - u / c) as f32;
    let mut max = 0f32;
    for (&w, &u) in weights.w.iter().zip(&weights.u) {
        max = max.max(average(w, u).abs());
    }
    let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
    let mut kept: Vec<(u64, [i16; N_TAGS])> = Vec::new();
    for (f, &key) in keys.iter().enumerate() {
        let mut q = [0i16; N_TAGS];
        for (y, slot) in q.iter_mut().enumerate() {
            let k = f * N_TAGS + y;
            let v = (average(weights.w[k], weights.u[k]) / scale).round();
            *slot = v.clamp(-32767.0, 32767.0) as i16;
        }
        if q.iter().any(|&x| x != 0) {
            kept.push((key, q));
        }
    }
    let mut transitions: Transitions = [[0.0; N_TAGS]; N_TAGS + 1];
    for (row, (w, u)) in transitions
        .iter_mut()
        .zip(weights.tw.iter().zip(&weights.tu))
    {
        for (t, (&w, &u)) in row.iter_mut().zip(w.iter().zip(u)) {
            *t = average(w, u);
        }
    }
    Ok(Tagger::from_parts(
        kept,
        scale,
        transitions,
        features.resources,
        TrainingInfo {
            sentences: sentences.len(),
            tokens,
            epochs: options.epochs,
            seed: options.seed,
            min_count: options.min_count,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tag::{parse_conll, EntityType};

    const TINY: &str = "Rais B-PER\nSamia I-PER\nalikwenda O\nDodoma B-LOC\n. O\n\n\
        Bw. O\nKamau B-PER\nanaishi O\nMombasa B-LOC\ntangu O\nJanuari B-DATE\n. O\n\n\
        Shirika B-ORG\nla I-ORG\nAfya I-ORG\nDuniani I-ORG\nlilisema O\n. O\n";

    fn sentences() -> Vec<ConllSentence> {
        parse_conll(TINY, "tiny", true).unwrap_or_default()
    }

    #[test]
    fn shuffling_is_seeded() {
        let mut a: Vec<u32> = (0..50).collect();
        let mut b = a.clone();
        SplitMix64(7).shuffle(&mut a);
        SplitMix64(7).shuffle(&mut b);
        assert_eq!(a, b);
        let mut c: Vec<u32> = (0..50).collect();
        SplitMix64(8).shuffle(&mut c);
        assert_ne!(a, c);
    }

    #[test]
    fn ill_formed_iob_is_read_as_conlleval_does() {
        let t = |s: &str| Tag::parse(s).unwrap_or(Tag::O);
        let fixed = repair(&[t("O"), t("I-PER"), t("I-PER"), t("I-LOC")]);
        assert_eq!(
            fixed,
            vec![
                0,
                Tag::B(EntityType::Per).index(),
                Tag::I(EntityType::Per).index(),
                Tag::B(EntityType::Loc).index()
            ]
        );
    }

    #[test]
    fn training_learns_the_training_data_deterministically() {
        let lex = Lexicon::builtin().expect("lexicon");
        let opts = TrainOptions {
            epochs: 8,
            ..TrainOptions::default()
        };
        let mut last = None;
        let a =
            train(&sentences(), &lex, &opts, |r| last = Some(r.token_errors)).expect("training");
        assert_eq!(last, Some(0));
        let b = train(&sentences(), &lex, &opts, |_| {}).expect("training");
        assert_eq!(a.to_bytes(), b.to_bytes());
        for s in sentences() {
            assert_eq!(a.tag(&s.tokens), s.tags);
        }
        let reloaded = Tagger::from_bytes(&a.to_bytes(), "a").expect("reload");
        assert_eq!(reloaded.to_bytes(), a.to_bytes());
    }

    #[test]
    fn training_refuses_empty_or_untagged_data() {
        let lex = Lexicon::builtin().expect("lexicon");
        let opts = TrainOptions::default();
        assert!(train(&[], &lex, &opts, |_| {}).is_err());
        let untagged = parse_conll("Rais\nSamia\n", "u", false).unwrap_or_default();
        assert!(train(&untagged, &lex, &opts, |_| {}).is_err());
        let zero = TrainOptions {
            epochs: 0,
            ..TrainOptions::default()
        };
        assert!(train(&sentences(), &lex, &zero, |_| {}).is_err());
    }
}
