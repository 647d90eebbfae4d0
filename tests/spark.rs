//! The Spark recipe of `examples/spark/`: the sample articles as one JSON Lines file go through
//! `spark-submit examples/spark/rebuild.py` in local mode (two cores, four partitions), where
//! `RDD.pipe` runs `newsgraph extract --format nquads -` on each partition; the parts are joined
//! by `newsgraph merge`, and the merged graph must equal one plain `ingest` of the same file
//! (article graphs compared after canonical blank-node labelling, as in `tests/merging.rs`).
//! Each article must come out of exactly one part, and the merged graph must not depend on the
//! order of the parts.
//!
//! Needs Java (Debian: `apt-get install openjdk-17-jre-headless`) and PySpark for `python3`
//! (`python3 -m pip install pyspark==3.5.9`); `.ci/run` installs both. Without them the test
//! says "skipped: …" and passes, unless the `CI` environment variable is set, where it fails.

mod common;

use common::{article_dataset, bin, ok, store_dataset};
use oxigraph::io::{RdfFormat, RdfParser};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Spark's startup and the job take ~30 s on two busy cores; past this something hangs.
const JOB_LIMIT: Duration = Duration::from_secs(300);

/// How to install Java, said when it is missing (skip, or failure under CI).
const JAVA: &str = "apt-get install openjdk-17-jre-headless";
/// How to install PySpark, said when it is missing; the version `.ci/run` installs.
const PYSPARK: &str = "python3 -m pip install pyspark==3.5.9";

/// Prints the Python executable and PySpark's directory, which holds Spark's `bin/`.
const PROBE: &str =
    "import os, sys, pyspark; print(sys.executable); print(os.path.dirname(pyspark.__file__))";

/// The Python that has PySpark, and Spark's home inside its package.
struct Spark {
    python: String,
    home: PathBuf,
}

/// Finds Java and PySpark, or says what is missing: a failure under CI, a skip elsewhere.
fn find_spark() -> Option<Spark> {
    let missing = |what: &str, fix: &str| {
        assert!(
            std::env::var_os("CI").is_none(),
            "{what}: {fix} (.ci/run installs it); required under CI"
        );
        eprintln!("skipped: {what}: {fix}");
        None
    };
    let java = Command::new("java").arg("-version").output();
    if !java.is_ok_and(|o| o.status.success()) {
        return missing("java is not installed", JAVA);
    }
    let probe = Command::new("python3").args(["-c", PROBE]).output();
    let Ok(probe) = probe.as_ref().map(|o| (o.status.success(), &o.stdout)) else {
        return missing("python3 is not installed", PYSPARK);
    };
    let out = String::from_utf8_lossy(probe.1);
    let mut lines = out.lines();
    match (probe.0, lines.next(), lines.next()) {
        (true, Some(python), Some(home)) => Some(Spark {
            python: python.to_string(),
            home: PathBuf::from(home),
        }),
        _ => missing("pyspark is not installed for python3", PYSPARK),
    }
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

/// The samples as one JSON Lines file: each text file as an article with its file name as id and
/// its first line as headline (what `ingest` of the text file reads), then `more.jsonl`'s lines.
/// A blank line and a line that is not JSON are mixed in: the job drops them, `ingest` skips
/// them.
fn samples_jsonl(out: &Path) {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples");
    let mut texts: Vec<PathBuf> = std::fs::read_dir(&samples)
        .expect("samples")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    texts.sort();
    let mut lines = Vec::new();
    for t in &texts {
        let text = std::fs::read_to_string(t).expect("sample text");
        let id = t.file_stem().and_then(|s| s.to_str()).expect("UTF-8 name");
        let title = text.lines().next().unwrap_or_default().trim();
        lines.push(serde_json::json!({ "id": id, "title": title, "text": text }).to_string());
    }
    lines.insert(3, String::new());
    lines.insert(5, "this line is not an article".to_string());
    let more = std::fs::read_to_string(samples.join("more.jsonl")).expect("more.jsonl");
    lines.extend(more.lines().map(str::to_string));
    std::fs::write(out, lines.join("\n") + "\n").expect("write JSON Lines");
}

/// Runs `rebuild.py` with spark-submit in local mode; returns its stderr.
fn rebuild(spark: &Spark, dir: &Path, input: &Path, parts: &Path, partitions: usize) -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/spark/rebuild.py");
    let log = dir.join("spark.log");
    let log_file = std::fs::File::create(&log).expect("log file");
    let mut child = Command::new(spark.home.join("bin/spark-submit"))
        .args(["--master", "local[2]"])
        // No UI server, no lookup of the host's name, no INFO lines: nothing leaves loopback.
        .args(["--conf", "spark.ui.enabled=false"])
        .args(["--conf", "spark.driver.host=127.0.0.1"])
        .args(["--conf", "spark.driver.bindAddress=127.0.0.1"])
        .args(["--conf", "spark.log.level=WARN"])
        .arg(&script)
        .args(["--newsgraph", env!("CARGO_BIN_EXE_newsgraph")])
        .args(["--partitions", &partitions.to_string()])
        .arg(input)
        .arg(parts)
        .env("SPARK_LOCAL_IP", "127.0.0.1")
        .env("PYSPARK_PYTHON", &spark.python)
        .env("PYSPARK_DRIVER_PYTHON", &spark.python)
        // Spark may write scratch files (spark-warehouse, derby.log) to its working directory.
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(log_file.try_clone().expect("log file"))
        .stderr(log_file)
        .spawn()
        .expect("spark-submit starts");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("spark-submit runs") {
            break status;
        }
        if started.elapsed() > JOB_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "spark-submit still running after {JOB_LIMIT:?}: {}",
                std::fs::read_to_string(&log).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let text = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(status.success(), "spark-submit failed ({status}):\n{text}");
    eprintln!("spark-submit took {:.1} s", started.elapsed().as_secs_f64());
    text
}

/// The article graph names in an N-Quads part.
fn graphs_in(part: &Path) -> BTreeSet<String> {
    let text = std::fs::read(part).expect("part");
    RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(&text)
        .map(|q| q.expect("valid N-Quads").graph_name.to_string())
        .filter(|g| g.contains("/newsgraph/article/"))
        .collect()
}

#[test]
fn spark_rebuild_then_merge_equals_one_ingest() {
    let Some(spark) = find_spark() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("articles.jsonl");
    samples_jsonl(&input);

    let parts_dir = dir.path().join("parts");
    let log = rebuild(&spark, dir.path(), &input, &parts_dir, 4);
    assert!(
        log.contains("rebuild: 1 line(s) dropped: not a JSON object"),
        "{log}"
    );

    // Four parts, every article in exactly one of them: extract read its stdin line by line.
    let mut parts: Vec<PathBuf> = std::fs::read_dir(&parts_dir)
        .expect("parts")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("part-"))
        })
        .collect();
    parts.sort();
    assert_eq!(parts.len(), 4, "{parts:?}");
    let mut seen = BTreeSet::new();
    let mut non_empty = 0;
    for p in &parts {
        let graphs = graphs_in(p);
        non_empty += usize::from(!graphs.is_empty());
        for g in graphs {
            assert!(seen.insert(g.clone()), "{g} in more than one part");
        }
    }
    assert_eq!(seen.len(), 10, "{seen:?}");
    assert!(
        non_empty >= 2,
        "the articles were not spread over the parts"
    );

    // The plain ingest of the same file.
    let store = s(&dir.path().join("db"));
    ok(&["ingest", "--store", &store, &s(&input)]);
    let whole = store_dataset(&store, &dir.path().join("whole.nq"));

    // The parts joined as the README says: concatenated into `merge -`.
    let merged = dir.path().join("merged.trig");
    let mut merge = bin()
        .args(["merge", "-", "-o", &s(&merged)])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("newsgraph merge starts");
    {
        let mut stdin = merge.stdin.take().expect("merge's stdin");
        for p in &parts {
            stdin
                .write_all(&std::fs::read(p).expect("part"))
                .expect("write to merge");
        }
    }
    let out = merge.wait_with_output().expect("merge runs");
    assert!(
        out.status.success(),
        "merge failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        article_dataset(&merged) == whole,
        "Spark parts merged differ from one ingest"
    );

    // The same parts as files, in reverse order: the same graph.
    let mut args = vec!["merge".to_string()];
    for (i, p) in parts.iter().rev().enumerate() {
        let nq = dir.path().join(format!("part-{i}.nq"));
        std::fs::copy(p, &nq).expect("copy part");
        args.push(s(&nq));
    }
    let reversed = dir.path().join("reversed.nq");
    args.extend(["-o".to_string(), s(&reversed)]);
    ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(
        article_dataset(&reversed) == whole,
        "parts merged in reverse order differ from one ingest"
    );
}
