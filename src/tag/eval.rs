//! conlleval-style scoring: an entity counts as correct only when its span and its type both
//! match the gold entity exactly; precision, recall and F1 per type and overall (micro-averaged).

use super::{spans, EntityType, Tag};
use std::collections::HashSet;
use std::fmt;

/// Entity counts for one type (or all).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Entities in the gold standard.
    pub gold: usize,
    /// Entities predicted.
    pub predicted: usize,
    /// Predicted entities that match a gold entity exactly.
    pub correct: usize,
}

impl Counts {
    /// correct / predicted, in percent (0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        percent(self.correct, self.predicted)
    }

    /// correct / gold, in percent (0 when there is no gold entity).
    pub fn recall(&self) -> f64 {
        percent(self.correct, self.gold)
    }

    /// The harmonic mean of precision and recall, in percent.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, other: &Counts) {
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.correct += other.correct;
    }
}

fn percent(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

/// The score of predicted tags against gold tags, accumulated sentence by sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evaluation {
    per_type: [Counts; 4],
    /// Sentences scored.
    pub sentences: usize,
    /// Tokens scored.
    pub tokens: usize,
    /// Tokens whose predicted tag equals the gold tag.
    pub tokens_correct: usize,
}

impl Evaluation {
    /// An empty evaluation.
    pub fn new() -> Self {
        Self::default()
    }

    /// Scores one sentence. Tags beyond the shorter of the two lists are ignored (callers
    /// give lists of the same length).
    pub fn add(&mut self, gold: &[Tag], predicted: &[Tag]) {
        let n = gold.len().min(predicted.len());
        let (gold, predicted) = (&gold[..n], &predicted[..n]);
        self.sentences += 1;
        self.tokens += n;
        self.tokens_correct += gold.iter().zip(predicted).filter(|(g, p)| g == p).count();
        let gold_spans: HashSet<_> = spans(gold).into_iter().collect();
        for s in &gold_spans {
            self.per_type[s.kind.index()].gold += 1;
        }
        for s in spans(predicted) {
            let c = &mut self.per_type[s.kind.index()];
            c.predicted += 1;
            if gold_spans.contains(&s) {
                c.correct += 1;
            }
        }
    }

    /// The counts of one type.
    pub fn of(&self, kind: EntityType) -> Counts {
        self.per_type[kind.index()]
    }

    /// The counts over all types (micro-average, as conlleval's "overall").
    pub fn overall(&self) -> Counts {
        let mut all = Counts::default();
        for c in &self.per_type {
            all.add(c);
        }
        all
    }

    /// Token accuracy in percent.
    pub fn accuracy(&self) -> f64 {
        percent(self.tokens_correct, self.tokens)
    }
}

/// The table printed by `newsgraph eval`: one row per type (alphabetical, as conlleval) and
/// the overall row, then token accuracy.
impl fmt::Display for Evaluation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<8} {:>9} {:>7} {:>7} {:>6} {:>9} {:>7}",
            "type", "precision", "recall", "F1", "gold", "predicted", "correct"
        )?;
        let mut kinds = EntityType::ALL;
        kinds.sort_by_key(|k| k.as_str());
        let rows = kinds
            .iter()
            .map(|k| (k.as_str(), self.of(*k)))
            .chain(std::iter::once(("overall", self.overall())));
        for (name, c) in rows {
            writeln!(
                f,
                "{:<8} {:>9.2} {:>7.2} {:>7.2} {:>6} {:>9} {:>7}",
                name,
                c.precision(),
                c.recall(),
                c.f1(),
                c.gold,
                c.predicted,
                c.correct
            )?;
        }
        write!(
            f,
            "{} sentences, {} tokens, token accuracy {:.2}%",
            self.sentences,
            self.tokens,
            self.accuracy()
        )
    }
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
    fn exact_span_and_type_are_needed() {
        let mut e = Evaluation::new();
        // gold: PER(0..2), LOC(3..4); predicted: PER(0..1) (wrong span), LOC(3..4).
        e.add(&tags("B-PER I-PER O B-LOC"), &tags("B-PER O O B-LOC"));
        // gold: ORG(0..1); predicted: LOC(0..1) (wrong type), DATE(2..3) (spurious).
        e.add(&tags("B-ORG O O"), &tags("B-LOC O B-DATE"));
        let all = e.overall();
        assert_eq!((all.gold, all.predicted, all.correct), (3, 4, 1));
        assert!((all.precision() - 25.0).abs() < 1e-9);
        assert!((all.recall() - 100.0 / 3.0).abs() < 1e-9);
        assert_eq!(e.of(EntityType::Loc).correct, 1);
        assert_eq!(e.of(EntityType::Per).correct, 0);
        assert_eq!(e.tokens, 7);
        assert_eq!(e.tokens_correct, 4);
    }

    #[test]
    fn gold_against_itself_scores_100() {
        let mut e = Evaluation::new();
        let g = tags("B-PER I-PER O B-ORG I-ORG O B-DATE");
        e.add(&g, &g);
        assert!((e.overall().f1() - 100.0).abs() < 1e-9);
        let table = e.to_string();
        assert!(table.contains("overall"), "{table}");
        assert_eq!(e.of(EntityType::Loc).f1(), 0.0);
    }
}
