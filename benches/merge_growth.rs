//! Incremental ingest does not slow down as the graph grows: 1,000 generated Swahili articles
//! are stored one by one (extraction, merging of people with the stored ones, one transaction
//! each) into a fresh RocksDB store, and the time per article of the first and last hundred is
//! compared, in wall time and in the process's CPU time (all threads, so RocksDB's background
//! flushes and compactions count; on a shared machine it is disturbed far less than wall time).
//! Run with `cargo bench --bench merge_growth` (`-- N` for another number of articles; `-- --cli`
//! to run one `newsgraph ingest` process per article instead, as users adding articles do;
//! `-- --keep DIR` to leave the store in DIR; `-- --jsonl` to print the articles as JSON Lines).
//!
//! The articles are generated from a fixed pool of 120 people (each written in three ways: full
//! name, surname, title + surname), 30 states and a handful of sentence patterns, with a fixed
//! seed: the same corpus every run. Names recur across articles, so every article merges with
//! people already stored — the case that could grow with the store.

use newsgraph::input::Article;
use newsgraph::pipeline::LangChoice;
use newsgraph::rdf::{article_quads, GraphStore, Reification};
use newsgraph::text::Lang;
use newsgraph::Extractor;
use std::time::Instant;

const GIVEN: [&str; 20] = [
    "Amina", "Baraka", "Chausiku", "Daudi", "Eliya", "Faraji", "Grace", "Hamisi", "Imani", "Juma",
    "Kassim", "Lulu", "Mosi", "Neema", "Omari", "Pendo", "Rehema", "Saidi", "Tumaini", "Zawadi",
];
const FAMILY: [&str; 6] = [
    "Mwakilema",
    "Otieno",
    "Nyirenda",
    "Kazembe",
    "Lukumay",
    "Mutasa",
];
const STATES: [&str; 30] = [
    "Kenya",
    "Tanzania",
    "Uganda",
    "Rwanda",
    "Burundi",
    "Ethiopia",
    "Somalia",
    "Sudan",
    "Msumbiji",
    "Zambia",
    "Malawi",
    "Zimbabwe",
    "Botswana",
    "Namibia",
    "Angola",
    "Nigeria",
    "Ghana",
    "Senegal",
    "Misri",
    "Morocco",
    "Japan",
    "China",
    "India",
    "Ufaransa",
    "Ujerumani",
    "Uingereza",
    "Marekani",
    "Urusi",
    "Brazil",
    "Canada",
];
const TITLES: [&str; 4] = [
    "Rais",
    "Waziri Mkuu",
    "Waziri wa Mambo ya Nje",
    "Waziri wa Ulinzi",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n
    }
}

/// Person `i` of the pool: (given name, family name, state, title).
fn person(i: usize) -> (&'static str, &'static str, &'static str, &'static str) {
    (
        GIVEN[i % GIVEN.len()],
        FAMILY[(i / GIVEN.len()) % FAMILY.len()],
        STATES[i % STATES.len()],
        TITLES[i % TITLES.len()],
    )
}

fn article(n: usize, rng: &mut Rng) -> Article {
    let mut text = format!("Habari ya mkutano namba {n}\n\n");
    for _ in 0..6 {
        let (g1, f1, s1, t1) = person(rng.next(120));
        let (g2, f2, s2, t2) = person(rng.next(120));
        let sentence = match rng.next(4) {
            0 => format!(
                "{t1} wa {s1} {g1} {f1} alikutana na {t2} wa {s2} {g2} {f2} mjini Nairobi Jumanne. "
            ),
            1 => format!("Bw. {f1} alisema {s1} itaendelea kushirikiana na {s2} katika biashara. "),
            2 => format!("{t2} {f2} alimkosoa {g1} {f1} kwa kauli zake kuhusu mpaka. "),
            _ => format!(
                "Mkutano huo ulihudhuriwa na {g2} {f2}, {t2} wa {s2}, pamoja na maafisa wengine. "
            ),
        };
        text.push_str(&sentence);
        text.push('\n');
    }
    Article {
        id: format!("gen-{n:05}"),
        title: None,
        text,
        date: Some(format!("2024-{:02}-{:02}", 1 + n % 12, 1 + n % 28)),
        url: None,
        lang: Some(Lang::Sw),
        source: format!("generated #{n}"),
    }
}

/// CPU time so far, in seconds, of the whole process (`thread == false`: every thread, so
/// RocksDB's background flushes and compactions count) or of the calling thread only (the
/// extraction, merging and commit work itself); wall time on platforms without it.
#[cfg(unix)]
fn cpu_seconds(wall: &Instant, thread: bool) -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    let clock = if thread {
        libc::CLOCK_THREAD_CPUTIME_ID
    } else {
        libc::CLOCK_PROCESS_CPUTIME_ID
    };
    // SAFETY: `ts` is a valid, writable timespec for the duration of the call.
    let rc = unsafe { libc::clock_gettime(clock, &mut ts) };
    if rc == 0 {
        ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
    } else {
        wall.elapsed().as_secs_f64()
    }
}

#[cfg(not(unix))]
fn cpu_seconds(wall: &Instant, _thread: bool) -> f64 {
    wall.elapsed().as_secs_f64()
}

fn mean_ms(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len().max(1) as f64 * 1000.0
}

fn median_ms(xs: &[f64]) -> f64 {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0) * 1000.0
}

/// CPU time (user + system), in seconds, of the child processes waited for so far.
#[cfg(unix)]
fn children_cpu_seconds() -> f64 {
    // SAFETY: an all-zero rusage is a valid value for getrusage to overwrite.
    let mut r: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `r` is a valid, writable rusage for the duration of the call.
    if unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut r) } != 0 {
        return 0.0;
    }
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 * 1e-6;
    tv(r.ru_utime) + tv(r.ru_stime)
}

#[cfg(not(unix))]
fn children_cpu_seconds() -> f64 {
    0.0
}

/// Prints the first and last tenth and the median of every tenth of per-article times.
fn report(series: &[(&str, &[f64])]) {
    for (name, xs) in series {
        let n = xs.len();
        let k = (n / 10).max(1);
        let (first, last) = (&xs[..k], &xs[n - k..]);
        println!(
            "  {name} first {k}: mean {:.2} ms, median {:.2} ms | last {k}: mean {:.2} ms, median {:.2} ms | last/first: mean {:.2}, median {:.2}",
            mean_ms(first),
            median_ms(first),
            mean_ms(last),
            median_ms(last),
            mean_ms(last) / mean_ms(first).max(1e-9),
            median_ms(last) / median_ms(first).max(1e-9),
        );
        let tenths: Vec<String> = (0..10)
            .map(|d| {
                let (a, b) = (d * n / 10, ((d + 1) * n / 10).clamp(d * n / 10 + 1, n));
                format!("{:.1}", median_ms(&xs[a.min(n - 1)..b]))
            })
            .collect();
        println!("    median ms by tenth: {}", tenths.join("  "));
    }
}

/// The way users add articles over weeks: one `newsgraph ingest` process per article, each
/// opening the store, merging its article and closing it again. Times the whole process
/// (start-up, store opening and index loading included), wall and CPU.
fn one_process_per_article(n: usize) -> Result<(), Box<dyn std::error::Error>> {
    let exe = env!("CARGO_BIN_EXE_newsgraph");
    let dir = tempfile::tempdir()?;
    let db = store_dir(dir.path())?;
    let file = dir.path().join("article.jsonl");
    let mut rng = Rng(7);
    let (mut wall, mut cpu) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let started = Instant::now();
    for i in 0..n {
        let a = article(i, &mut rng);
        std::fs::write(&file, format!("{}\n", json_line(&a)))?;
        let t = Instant::now();
        let c = children_cpu_seconds();
        let out = std::process::Command::new(exe)
            .arg("ingest")
            .arg("--store")
            .arg(&db)
            .arg(&file)
            .output()?;
        if !out.status.success() {
            return Err(format!(
                "ingest of article {i} failed: {}",
                String::from_utf8_lossy(&out.stderr)
            )
            .into());
        }
        wall.push(t.elapsed().as_secs_f64());
        cpu.push(children_cpu_seconds() - c);
    }
    println!(
        "merge_growth --cli: {n} articles, one `newsgraph ingest` process each, in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    report(&[("wall", &wall), ("CPU", &cpu)]);
    Ok(())
}

/// Where the store goes: `--keep DIR` leaves it in DIR, to compare it with other ways of
/// building it; otherwise a temporary directory.
fn store_dir(temp: &std::path::Path) -> Result<std::path::PathBuf, Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    match args.iter().position(|a| a == "--keep") {
        Some(i) => Ok(args
            .get(i + 1)
            .map(std::path::PathBuf::from)
            .ok_or("--keep needs a directory")?),
        None => Ok(temp.join("db")),
    }
}

/// An article as one line of newsgraph JSON Lines.
fn json_line(a: &Article) -> serde_json::Value {
    serde_json::json!({"id": a.id, "text": a.text, "date": a.date, "lang": "sw"})
}

/// `--jsonl`: the benchmark's articles as newsgraph JSON Lines on stdout, so that the same
/// corpus can be ingested or extracted and merged by the command.
fn print_jsonl(n: usize) -> Result<(), Box<dyn std::error::Error>> {
    use std::io::Write;
    let mut rng = Rng(7);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for i in 0..n {
        let a = article(i, &mut rng);
        writeln!(out, "{}", json_line(&a))?;
    }
    out.flush()?;
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // `cargo bench` passes `--bench`; a number among the arguments sets the article count.
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1000);
    if std::env::args().any(|a| a == "--cli") {
        return one_process_per_article(n);
    }
    if std::env::args().any(|a| a == "--jsonl") {
        return print_jsonl(n);
    }
    let extractor = Extractor::new()?;
    let dir = tempfile::tempdir()?;
    let store = GraphStore::open(&store_dir(dir.path())?)?;
    let mut rng = Rng(7);
    let mut times = Vec::with_capacity(n);
    let mut cpu = Vec::with_capacity(n);
    let mut own = Vec::with_capacity(n);
    let mut store_own = Vec::with_capacity(n);
    let started = Instant::now();
    for i in 0..n {
        let a = article(i, &mut rng);
        let t = Instant::now();
        let c = cpu_seconds(&started, false);
        let o = cpu_seconds(&started, true);
        let g = extractor.extract(&a, LangChoice::Fixed(Lang::Sw), None);
        let quads = article_quads(&g, Reification::Rdf12);
        let s = cpu_seconds(&started, true);
        store.put_article(&g.meta.iri, &quads)?;
        times.push(t.elapsed().as_secs_f64());
        let end = cpu_seconds(&started, true);
        cpu.push(cpu_seconds(&started, false) - c);
        own.push(end - o);
        store_own.push(end - s);
    }
    let total = started.elapsed().as_secs_f64();
    let people = newsgraph::query::run(
        &store,
        "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a schema:Person }",
        &[],
    )?;
    let people = match people {
        newsgraph::query::Answer::Solutions { rows, .. } => rows
            .first()
            .and_then(|r| r.first().cloned().flatten())
            .map(|t| newsgraph::query::cell(&t))
            .unwrap_or_default(),
        _ => String::new(),
    };
    println!(
        "merge_growth: {n} articles one by one in {total:.2} s ({people} people in the store)"
    );
    report(&[
        ("wall", &times),
        ("CPU, process", &cpu),
        ("CPU, this thread", &own),
        ("CPU, this thread, merge and store", &store_own),
    ]);
    Ok(())
}
