//! A store survives its writers: a second writer is turned away at once, and `kill -9` at any
//! point of a long ingest leaves a store that `newsgraph check` passes and that answers
//! queries, and a rerun completes the job with no duplicates.

mod common;

use common::bin;
use std::io::Write;
use std::path::Path;
use std::process::{Child, Output, Stdio};
use std::time::{Duration, Instant};

/// A small deterministic generator (a 64-bit LCG), so every run kills at the same points.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() as usize) % items.len()]
    }
}

/// A JSON Lines corpus of `n` Swahili articles written from templates: offices, meetings,
/// memberships and events between people, states and alliances.
fn corpus(n: usize, seed: u64) -> String {
    let mut rng = Lcg(seed);
    let people = [
        "Rais wa Kenya William Ruto",
        "Rais wa Tanzania Samia Suluhu Hassan",
        "Katibu Mkuu wa NATO Jens Stoltenberg",
        "Waziri Mkuu wa Japan Fumio Kishida",
        "Rais wa Uganda Yoweri Museveni",
        "Rais wa Afrika Kusini Cyril Ramaphosa",
    ];
    let verbs = [
        "alikutana na",
        "aliikosoa",
        "aliunga mkono",
        "alitembelea",
        "alizungumza na",
    ];
    let places = ["Nairobi", "Arusha", "Kampala", "Tokyo", "Pretoria"];
    let alliances = [
        "Jumuiya ya Afrika Mashariki",
        "Umoja wa Afrika",
        "NATO",
        "SADC",
    ];
    let mut out = String::new();
    for i in 0..n {
        let mut text = String::new();
        for _ in 0..(3 + rng.next() % 4) {
            let sentence = match rng.next() % 3 {
                0 => format!(
                    "{} {} {} mjini {}.",
                    rng.pick(&people),
                    rng.pick(&verbs),
                    rng.pick(&people),
                    rng.pick(&places)
                ),
                1 => format!(
                    "{} ni mwanachama wa {} tangu mwaka {}.",
                    rng.pick(&["Kenya", "Tanzania", "Uganda", "Japan", "Rwanda"]),
                    rng.pick(&alliances),
                    1990 + rng.next() % 30
                ),
                _ => format!(
                    "Mkutano wa {} ulifanyika mjini {} wiki iliyopita.",
                    rng.pick(&alliances),
                    rng.pick(&places)
                ),
            };
            text.push_str(&sentence);
            text.push(' ');
        }
        let line = serde_json::json!({
            "id": format!("crash-{i:04}"),
            "title": format!("Habari nambari {i} (v{seed})"),
            "text": text.trim_end(),
            "date": format!("2024-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
            "lang": "sw",
        });
        out.push_str(&line.to_string());
        out.push('\n');
    }
    out
}

fn output(args: &[&str]) -> Output {
    bin().args(args).output().expect("newsgraph runs")
}

fn assert_checks(store: &str, context: &str) {
    let out = output(&["check", "--store", store]);
    assert!(
        out.status.success(),
        "{context}: check failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn article_count(store: &str) -> usize {
    select_count(
        store,
        "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a schema:NewsArticle }",
    )
}

/// Articles whose headline contains `mark`.
fn count(store: &str, mark: &str) -> usize {
    select_count(
        store,
        &format!(
            "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ ?a schema:headline ?h \
             FILTER(CONTAINS(STR(?h), {mark:?})) }}"
        ),
    )
}

fn select_count(store: &str, query: &str) -> usize {
    let out = output(&["query", "--store", store, "--format", "tsv", query]);
    assert!(
        out.status.success(),
        "query failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let cell = text.lines().nth(1).unwrap_or("0");
    // TSV gives the typed literal "12"^^xsd:integer, or the bare number.
    cell.trim_matches('"')
        .split('"')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("not a count: {text}"))
}

fn spawn_ingest(store: &str, input: &str) -> Child {
    bin()
        .args(["ingest", "--store", store, input])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ingest starts")
}

#[test]
fn killed_ingests_leave_a_consistent_store_and_a_rerun_completes_the_job() {
    const ARTICLES: usize = 80;
    /// Runs to kill with SIGKILL, out of at most MAX_RUNS.
    const KILLS: usize = 20;
    const MAX_RUNS: usize = 40;
    let dir = tempfile::tempdir().expect("temp dir");
    // Two versions of the same articles (same ids, other texts): runs alternate between them,
    // so every run has writing to do — new graphs, and replaced ones whose old triples must
    // leave the default graph in the same transaction.
    let versions: Vec<String> = [9, 10]
        .iter()
        .map(|seed| {
            let path = dir.path().join(format!("corpus-{seed}.jsonl"));
            std::fs::write(&path, corpus(ARTICLES, *seed)).expect("corpus written");
            path.display().to_string()
        })
        .collect();
    let input = versions[0].clone();
    let store = dir.path().join("store").display().to_string();

    // How long a whole ingest takes here, measured on a scratch store, so the kills spread
    // over the whole run on any machine.
    let scratch = dir.path().join("scratch").display().to_string();
    let started = Instant::now();
    let full = output(&["ingest", "--store", &scratch, &input]);
    assert!(full.status.success());
    let full_ms = started.elapsed().as_millis() as u64;
    // Also the time to replace every article with its other version, the runs' usual job.
    let started = Instant::now();
    assert!(output(&["ingest", "--store", &scratch, &versions[1]])
        .status
        .success());
    let replace_ms = started.elapsed().as_millis() as u64;
    assert!(output(&["ingest", "--store", &scratch, &input])
        .status
        .success());

    let mut rng = Lcg(2026);
    let (mut killed, mut finished) = (0, 0);
    let mut seen_counts = Vec::new();
    // Kill points are drawn from the very start (store opening, background facts) to most of
    // a run; when a run ends before its kill (the machine was faster than measured), the window
    // shrinks, so that at least KILLS runs are killed however busy the machine is.
    let mut window = (full_ms.max(replace_ms) * 4 / 5).max(100);
    let mut run = 0;
    while killed < KILLS && run < MAX_RUNS {
        let delay = 20 + rng.next() % window;
        let mut child = spawn_ingest(&store, &versions[run % 2]);
        std::thread::sleep(Duration::from_millis(delay));
        match child.try_wait().expect("wait") {
            Some(status) => {
                assert!(status.success(), "run {run} failed on its own");
                finished += 1;
                window = (window * 3 / 4).max(100);
            }
            None => {
                child.kill().expect("SIGKILL"); // Child::kill sends SIGKILL on Unix.
                let status = child.wait().expect("reaped");
                if status.code().is_none() {
                    killed += 1;
                } else {
                    finished += 1;
                }
            }
        }
        if Path::new(&store).join("CURRENT").exists() {
            assert_checks(&store, &format!("after run {run} (killed at {delay} ms)"));
            let n = article_count(&store);
            assert!(n <= ARTICLES, "{n} articles after run {run}");
            seen_counts.push((n, count(&store, &format!("(v{})", 9 + run % 2))));
        }
        run += 1;
    }
    eprintln!(
        "crash test: {run} runs over a {full_ms} ms ingest ({replace_ms} ms replacing) of \
         {ARTICLES} articles: {killed} killed, {finished} finished; (articles, articles of the run's \
         version) after each run: {seen_counts:?}"
    );
    assert!(killed >= KILLS, "only {killed} of {run} runs were killed");

    // The rerun completes the job: every article once, the store consistent.
    let out = output(&["ingest", "--store", &store, &input]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_checks(&store, "after the rerun");
    assert_eq!(article_count(&store), ARTICLES);
    // And then there is nothing left to do.
    let out = output(&["ingest", "--store", &store, &input]);
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(
        summary.contains(&format!("(0 new, 0 replaced, {ARTICLES} unchanged)")),
        "{summary}"
    );
    // The same quads as one uninterrupted ingest.
    let dump = |s: &str| {
        let out = output(&["export", "--store", s, "--format", "nquads"]);
        assert!(out.status.success());
        out.stdout
    };
    assert!(
        dump(&store) == dump(&scratch),
        "the store differs from a clean ingest"
    );
}

#[test]
fn a_second_writer_is_turned_away_at_once_while_readers_go_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store");
    let s = store.display().to_string();
    // The first writer holds the store while it waits for the rest of its stdin.
    let mut first = bin()
        .args(["ingest", "--store", &s, "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("first writer starts");
    let started = Instant::now();
    while !store.join("LOCK").exists() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the first writer never opened the store"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // RocksDB takes the lock as it creates the file; leave it time to write its first facts.
    std::thread::sleep(Duration::from_millis(500));

    let article = dir.path().join("a.txt");
    std::fs::write(
        &article,
        "Habari\n\nRais wa Kenya William Ruto alikutana na Rais Samia.\n",
    )
    .expect("article");
    let started = Instant::now();
    let second = output(&["ingest", "--store", &s, &article.display().to_string()]);
    let took = started.elapsed();
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert_eq!(second.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(
        stderr.starts_with("newsgraph: error: ")
            && stderr.contains("store is in use by another newsgraph process"),
        "{stderr}"
    );
    assert!(took < Duration::from_secs(10), "took {took:?}: not at once");

    // Readers open the store read-only next to the writer.
    assert_checks(&s, "next to a writer");
    let q = output(&["query", "--store", &s, "ASK { ?s ?p ?o }"]);
    assert!(q.status.success(), "{}", String::from_utf8_lossy(&q.stderr));

    // The first writer finishes its job once its input ends.
    let mut stdin = first.stdin.take().expect("stdin");
    stdin
        .write_all(b"{\"id\":\"one\",\"text\":\"Rais wa Kenya William Ruto alikutana na Rais wa Tanzania Samia Suluhu Hassan.\"}\n")
        .expect("written");
    drop(stdin);
    let out = first.wait_with_output().expect("first writer ends");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_checks(&s, "after the first writer");
    assert_eq!(article_count(&s), 1);
}
