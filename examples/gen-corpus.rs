//! Writes a deterministic generated corpus of Swahili news as JSON Lines on stdout, for
//! benchmarks and scale tests: `cargo run --release --example gen-corpus -- --mb 50 > c.jsonl`.
//!
//! Flags: `--mb N` (megabytes of article text, default 10), `--articles N` (a count instead),
//! `--seed N` (default 1). The same flags give the same bytes.

use std::io::Write;

fn main() -> anyhow::Result<()> {
    let mut mb = 10.0f64;
    let mut articles: Option<usize> = None;
    let mut seed = 1u64;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| anyhow::anyhow!("{a} needs a value"))
        };
        match a.as_str() {
            "--mb" => mb = value()?.parse()?,
            "--articles" => articles = Some(value()?.parse()?),
            "--seed" => seed = value()?.parse()?,
            _ => anyhow::bail!("unknown argument {a:?} (--mb N, --articles N, --seed N)"),
        }
    }
    let lexicon = newsgraph::lexicon::Lexicon::builtin()?;
    let generator = newsgraph::corpus::Generator::new(&lexicon, seed);
    let limit = (mb * 1_000_000.0) as usize;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut bytes = 0;
    for (i, a) in generator.enumerate() {
        let done = match articles {
            Some(n) => i >= n,
            None => bytes >= limit,
        };
        if done {
            break;
        }
        bytes += a.text.len() + a.title.len();
        writeln!(out, "{}", a.to_json_line())?;
    }
    out.flush()?;
    Ok(())
}
