//! A deterministic generated corpus of Swahili news for benchmarks and scale tests.
//!
//! Articles are stitched from the sentences of the shipped sample articles (`data/samples/`),
//! with every state and alliance name swapped for another one from the lexicon, consistently
//! within an article, so that the text reads like the samples (same grammar, titles, verbs and
//! name density) while the entities vary across the corpus. The same seed and size give the
//! same bytes on every machine: benches, tests and `examples/gen-corpus.rs` share this code.

use crate::lexicon::{EntityKind, Lexicon};
use crate::text::Lang;
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashMap;

/// The sample articles the corpus is made from (headline on the first line).
const SAMPLES: [&str; 8] = [
    include_str!("../data/samples/01-eac-summit.txt"),
    include_str!("../data/samples/02-au-mediation.txt"),
    include_str!("../data/samples/03-state-visit.txt"),
    include_str!("../data/samples/04-sanctions.txt"),
    include_str!("../data/samples/05-nato-japan.txt"),
    include_str!("../data/samples/06-sadc-summit.txt"),
    include_str!("../data/samples/07-drc-nairobi.txt"),
    include_str!("../data/samples/08-kenya-japan.txt"),
];

/// One generated article (the JSON Lines fields `newsgraph` reads).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenArticle {
    /// `gen-0000001`…
    pub id: String,
    /// Headline.
    pub title: String,
    /// Body text, paragraphs separated by newlines.
    pub text: String,
    /// `YYYY-MM-DD`, spread over the years 2020–2025.
    pub date: String,
}

impl GenArticle {
    /// The article as `ingest` reads it (no URL, language left to detection), from `source`.
    pub fn into_article(self, source: &str) -> crate::input::Article {
        crate::input::Article {
            id: self.id,
            title: Some(self.title),
            text: self.text,
            date: Some(self.date),
            url: None,
            lang: None,
            source: source.into(),
        }
    }

    /// The article as one JSON Lines record, without the newline.
    pub fn to_json_line(&self) -> String {
        serde_json::json!({
            "id": self.id, "title": self.title, "text": self.text, "date": self.date,
        })
        .to_string()
    }
}

/// SplitMix64: tiny, fast and identical everywhere (no dependency on a crate's algorithm).
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Makes generated articles one at a time (an iterator, so gigabytes need no memory).
#[derive(Debug)]
pub struct Generator {
    rng: Rng,
    next_id: usize,
    /// Sentences of each sample paragraph, by sample: `[sample][paragraph][sentence]`.
    paragraphs: Vec<Vec<Vec<String>>>,
    titles: Vec<String>,
    names: Option<AhoCorasick>,
    /// For each pattern of `names`: (kind, entity index in `swaps[kind]`).
    name_entity: Vec<(usize, usize)>,
    /// Swahili names to swap in, by kind (0 states, 1 alliances).
    swaps: [Vec<String>; 2],
}

fn sentences(paragraph: &str) -> Vec<String> {
    // A sentence ends at ". " (or the paragraph's end); good enough for recombining samples,
    // the extractor's own segmenter does the real work.
    let mut out = Vec::new();
    let mut start = 0;
    let b = paragraph.as_bytes();
    for i in 0..b.len() {
        if !(matches!(b[i], b'.' | b'?' | b'!') && b.get(i + 1) == Some(&b' ')) {
            continue;
        }
        // "Bw. Kishida", "Dkt. Mutua": a short capitalised word before the dot is a title.
        let word = paragraph[..i].rsplit(' ').next().unwrap_or("");
        if !(word.len() <= 3 && word.chars().next().is_some_and(char::is_uppercase)) {
            out.push(paragraph[start..=i].trim().to_string());
            start = i + 1;
        }
    }
    let rest = paragraph[start..].trim();
    if !rest.is_empty() {
        out.push(rest.to_string());
    }
    out
}

/// More English function words than Swahili ones.
fn english(paragraph: &str) -> bool {
    let (mut sw, mut en) = (0, 0);
    for w in paragraph.split(|c: char| !c.is_alphabetic()) {
        match w {
            "wa" | "na" | "ya" | "kwa" | "ni" | "za" | "katika" => sw += 1,
            "the" | "of" | "and" | "to" | "in" | "is" | "that" => en += 1,
            _ => {}
        }
    }
    en > sw
}

impl Generator {
    /// A generator over the sample articles and the given lexicon's states and alliances.
    pub fn new(lexicon: &Lexicon, seed: u64) -> Generator {
        let mut paragraphs = Vec::new();
        let mut titles = Vec::new();
        for s in SAMPLES {
            let mut lines = s.lines().map(str::trim).filter(|l| !l.is_empty());
            let title = lines.next().unwrap_or_default().to_string();
            // Two samples are English articles and others quote English sources: the corpus
            // is Swahili news, so those paragraphs (and articles) stay out.
            let paras: Vec<Vec<String>> = lines.filter(|p| !english(p)).map(sentences).collect();
            if !paras.is_empty() && !english(&title) {
                titles.push(title);
                paragraphs.push(paras);
            }
        }
        let mut patterns: Vec<String> = Vec::new();
        let mut name_entity = Vec::new();
        let mut swaps: [Vec<String>; 2] = [Vec::new(), Vec::new()];
        for e in &lexicon.entities {
            let kind = match e.kind {
                EntityKind::State => 0,
                EntityKind::Alliance => 1,
                _ => continue,
            };
            let idx = swaps[kind].len();
            swaps[kind].push(e.sw.clone());
            for (lang, n) in &e.names {
                // Short acronyms ("AU", "UN") would also hit inside other words' capitals;
                // they stay as written.
                if *lang == Lang::Sw && n.chars().count() >= 4 {
                    patterns.push(n.clone());
                    name_entity.push((kind, idx));
                }
            }
        }
        let names = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            // Cannot fail for a few thousand short patterns; without it no names are swapped.
            .ok();
        Generator {
            rng: Rng(seed ^ 0x6E65_7773_6772_6170),
            next_id: 1,
            paragraphs,
            titles,
            names,
            name_entity,
            swaps,
        }
    }

    /// Replaces state and alliance names by others, the same one each time within `map`.
    fn swap_names(&mut self, text: &str, map: &mut HashMap<(usize, usize), usize>) -> String {
        let mut out = String::with_capacity(text.len() + 16);
        let mut last = 0;
        let b = text.as_bytes();
        let Some(names) = &self.names else {
            return text.to_string();
        };
        let found: Vec<_> = names.find_iter(text).collect();
        for m in found {
            let word_start = m.start() == 0 || !b[m.start() - 1].is_ascii_alphanumeric();
            let word_end = m.end() == b.len() || !b[m.end()].is_ascii_alphanumeric();
            if !(word_start && word_end) {
                continue;
            }
            let (kind, idx) = self.name_entity[m.pattern().as_usize()];
            let n = self.swaps[kind].len();
            let rng = &mut self.rng;
            let to = *map.entry((kind, idx)).or_insert_with(|| rng.below(n));
            out.push_str(&text[last..m.start()]);
            out.push_str(&self.swaps[kind][to]);
            last = m.end();
        }
        out.push_str(&text[last..]);
        out
    }

    /// The next article: paragraphs from two or three samples, each cut short at random.
    pub fn article(&mut self) -> GenArticle {
        let id = format!("gen-{:07}", self.next_id);
        let n = self.next_id;
        self.next_id += 1;
        let mut map = HashMap::new();
        let main = self.rng.below(self.paragraphs.len());
        let title = self.titles[main].clone();
        let title = self.swap_names(&title, &mut map);
        let mut paras: Vec<String> = Vec::new();
        let sources = 2 + self.rng.below(2);
        for k in 0..sources {
            let s = if k == 0 {
                main
            } else {
                self.rng.below(self.paragraphs.len())
            };
            let count = self.paragraphs[s].len();
            let first = if k == 0 { 0 } else { self.rng.below(count) };
            let take = 1 + self.rng.below(3);
            for p in first..(first + take).min(count) {
                let sents = &self.paragraphs[s][p];
                // Keep at least two sentences so that a paragraph keeps its references back.
                let keep = 2 + self.rng.below(sents.len().max(2) - 1);
                let para = sents[..keep.min(sents.len())].join(" ");
                paras.push(self.swap_names(&para, &mut map));
            }
        }
        let day = n % (6 * 365);
        let date = format!(
            "{:04}-{:02}-{:02}",
            2020 + day / 365,
            1 + (day % 365) / 31 % 12,
            1 + day % 28
        );
        GenArticle {
            id,
            title,
            text: paras.join("\n"),
            date,
        }
    }
}

impl Iterator for Generator {
    type Item = GenArticle;

    fn next(&mut self) -> Option<GenArticle> {
        Some(self.article())
    }
}

/// Generated articles until their text (headline and body) reaches `bytes`.
pub fn generate_bytes(lexicon: &Lexicon, seed: u64, bytes: usize) -> Vec<GenArticle> {
    let mut total = 0;
    Generator::new(lexicon, seed)
        .take_while(|a| {
            let more = total < bytes;
            total += a.text.len() + a.title.len();
            more
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_articles() {
        let lex = Lexicon::builtin().expect("builtin lexicon");
        let a: Vec<_> = Generator::new(&lex, 7).take(20).collect();
        let b: Vec<_> = Generator::new(&lex, 7).take(20).collect();
        assert_eq!(a, b);
        let c: Vec<_> = Generator::new(&lex, 8).take(20).collect();
        assert_ne!(a, c);
        assert!(a.iter().all(|x| x.text.len() > 200 && !x.title.is_empty()));
        // Names really vary: the twenty articles are not just the eight samples again.
        let distinct: std::collections::HashSet<_> = a.iter().map(|x| &x.title).collect();
        assert!(distinct.len() > 8, "{distinct:?}");
    }

    #[test]
    fn size_is_reached() {
        let lex = Lexicon::builtin().expect("builtin lexicon");
        let v = generate_bytes(&lex, 1, 50_000);
        let total: usize = v.iter().map(|a| a.text.len() + a.title.len()).sum();
        assert!((50_000..60_000).contains(&total), "{total}");
    }
}
