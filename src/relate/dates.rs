//! Dates of events: the first date expression of the evidence sentence, resolved against the
//! article's publication date where it is relative (`Jumatatu`, `mwezi uliopita`, `last
//! year`). Month and weekday names and relative phrases are grammar data
//! (`data/lexicon/{sw,en}/grammar.toml`). Returns the lexical form of an `xsd:date`,
//! `xsd:gYearMonth` or `xsd:gYear`.

use crate::lexicon::{Grammar, RelativeDate};

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ymd {
    /// Year.
    pub y: i32,
    /// Month 1–12.
    pub m: u32,
    /// Day 1–31.
    pub d: u32,
}

impl Ymd {
    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Ymd> {
        let mut it = s.split('-');
        let y = it.next()?.parse().ok()?;
        let m = it.next()?.parse().ok()?;
        let d = it.next()?.parse().ok()?;
        ((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)).then_some(Ymd { y, m, d })
    }

    fn days(self) -> i64 {
        // Days since 1970-01-01 (H. Hinnant's days_from_civil).
        let y = i64::from(self.y) - i64::from(self.m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.m);
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    fn from_days(z: i64) -> Ymd {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
        Ymd { y, m, d }
    }

    /// 0 = Monday … 6 = Sunday.
    fn weekday(self) -> usize {
        (self.days() + 3).rem_euclid(7) as usize
    }
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

fn year(tok: &str) -> Option<i32> {
    (tok.len() == 4 && tok.bytes().all(|b| b.is_ascii_digit()))
        .then(|| tok.parse().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

fn day(tok: &str) -> Option<u32> {
    let t = tok.trim_end_matches(|c: char| c.is_alphabetic()); // "4th"
    (!t.is_empty() && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
        .filter(|d| (1..=31).contains(d))
}

/// The date of the first date expression in `tokens` (folded), or None.
pub fn date_in(tokens: &[String], g: &Grammar, published: Option<Ymd>) -> Option<String> {
    // The calendar words were folded when the lexicon was assembled (`Grammar::prepare`):
    // folding them here, for every token of every sentence with a fact, was most of the cost.
    let sets = &g.sets;
    let month_of = |t: &str| {
        sets.months
            .iter()
            .position(|m| m == t)
            .map(|i| i as u32 + 1)
    };
    let relative: Vec<(&Vec<String>, &RelativeDate)> =
        sets.relative_dates.iter().zip(&g.relative_dates).collect();
    let mut fallback: Option<String> = None;
    for (i, t) in tokens.iter().enumerate() {
        if let Some(m) = month_of(t) {
            // "Aprili 4, 2023", "4 Aprili 2023", "Aprili 2023", "Aprili 4".
            let after_day = tokens.get(i + 1).and_then(|x| day(x));
            let before_day = i.checked_sub(1).and_then(|k| day(&tokens[k]));
            let mut k = i + 1 + usize::from(after_day.is_some());
            if tokens.get(k).is_some_and(|x| x == ",") {
                k += 1;
            }
            if tokens
                .get(k)
                .is_some_and(|x| sets.year_words.iter().any(|w| w == x))
            {
                k += 1;
            }
            let y = tokens.get(k).and_then(|x| year(x));
            let d = after_day.or(before_day);
            match (y.or(published.map(|p| p.y)), d) {
                (Some(y), Some(d)) if d <= days_in_month(y, m) => {
                    return Some(format!("{y:04}-{m:02}-{d:02}"))
                }
                (Some(y), None) if y_given(y, published, tokens.get(k)) => {
                    return Some(format!("{y:04}-{m:02}"))
                }
                _ => {}
            }
            continue;
        }
        if let (Some(w), Some(p)) = (sets.weekdays.iter().position(|w| w == t), published) {
            // The latest such weekday on or before publication.
            let back = (p.weekday() + 7 - w) % 7;
            let d = Ymd::from_days(p.days() - back as i64);
            return Some(format!("{:04}-{:02}-{:02}", d.y, d.m, d.d));
        }
        if let Some(p) = published {
            for (words, r) in &relative {
                let n = words.len();
                if n > 0
                    && tokens.len() - i >= n
                    && words.iter().zip(&tokens[i..]).all(|(w, t)| w == t)
                {
                    return Some(match r.unit.as_str() {
                        "year" => format!("{:04}", p.y + r.offset),
                        "month" => {
                            let total = p.y * 12 + p.m as i32 - 1 + r.offset;
                            format!(
                                "{:04}-{:02}",
                                total.div_euclid(12),
                                total.rem_euclid(12) + 1
                            )
                        }
                        _ => {
                            let d = Ymd::from_days(p.days() + i64::from(r.offset));
                            format!("{:04}-{:02}-{:02}", d.y, d.m, d.d)
                        }
                    });
                }
            }
        }
        if fallback.is_none() {
            fallback = year(t).map(|y| format!("{y:04}"));
        }
    }
    fallback
}

/// A month without a day needs its year written (or the article's year) to be a date.
fn y_given(_y: i32, published: Option<Ymd>, year_token: Option<&String>) -> bool {
    year_token.and_then(|t| year(t)).is_some() || published.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::RelativeDate;
    use crate::text::fold;

    fn sw() -> Grammar {
        let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let mut g = Grammar {
            months: v(&[
                "Januari", "Februari", "Machi", "Aprili", "Mei", "Juni", "Julai", "Agosti",
                "Septemba", "Oktoba", "Novemba", "Desemba",
            ]),
            weekdays: v(&[
                "Jumatatu", "Jumanne", "Jumatano", "Alhamisi", "Ijumaa", "Jumamosi", "Jumapili",
            ]),
            year_words: v(&["mwaka"]),
            relative_dates: vec![
                RelativeDate {
                    phrase: "mwezi uliopita".into(),
                    unit: "month".into(),
                    offset: -1,
                },
                RelativeDate {
                    phrase: "mwaka jana".into(),
                    unit: "year".into(),
                    offset: -1,
                },
            ],
            ..Grammar::default()
        };
        g.prepare();
        g
    }

    fn toks(s: &str) -> Vec<String> {
        s.split_whitespace().map(fold).collect()
    }

    #[test]
    fn absolute_and_relative_dates() {
        let g = sw();
        let p = Ymd::parse("2023-07-13"); // a Thursday
        assert_eq!(
            date_in(&toks("mjini Brussels Aprili 4 ,"), &g, p).as_deref(),
            Some("2023-04-04")
        );
        assert_eq!(
            date_in(&toks("mnamo Aprili 4 , 2022"), &g, None).as_deref(),
            Some("2022-04-04")
        );
        assert_eq!(
            date_in(&toks("mkutano wa 2022"), &g, None).as_deref(),
            Some("2022")
        );
        assert_eq!(
            date_in(&toks("Machi mwaka 2021"), &g, None).as_deref(),
            Some("2021-03")
        );
        assert_eq!(
            date_in(&toks("siku ya Jumatatu"), &g, p).as_deref(),
            Some("2023-07-10")
        );
        assert_eq!(
            date_in(&toks("mwezi uliopita"), &g, p).as_deref(),
            Some("2023-06")
        );
        assert_eq!(date_in(&toks("mwaka jana"), &g, p).as_deref(), Some("2022"));
        assert_eq!(date_in(&toks("siku ya Jumatatu"), &g, None), None);
        // An impossible day keeps only what is sure: the year.
        assert_eq!(
            date_in(&toks("Februari 30 , 2023"), &g, None).as_deref(),
            Some("2023")
        );
    }
}
