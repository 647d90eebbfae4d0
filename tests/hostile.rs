//! Hostile input: every run ends with exit code 0 or 2 (1 only for a genuine runtime
//! failure), says what is wrong in one line, never panics, never hangs, and leaves a store
//! that `newsgraph check` passes.

mod common;

use common::bin;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

/// Runs `newsgraph` (with `stdin` as its input, if given) and kills it after `limit`, so a
/// hang fails the test instead of blocking the suite.
fn run_with(args: &[&str], stdin: Option<&[u8]>, limit: Duration) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("newsgraph starts");
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().expect("stdin");
        // The child may refuse early and close its end; a broken pipe is fine then.
        let _ = pipe.write_all(bytes);
    }
    let started = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("newsgraph {args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

/// Checks the universal promises on one run and returns (exit code, stderr).
fn judged(args: &[&str], out: &Output) -> (i32, String) {
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    let code = out.status.code().expect("exited, not killed by a signal");
    assert!(
        !stderr.contains("panicked at") && !stdout.contains("panicked at"),
        "newsgraph {args:?} panicked: {stderr}"
    );
    assert!(
        matches!(code, 0 | 2),
        "newsgraph {args:?} exited with {code}: {stderr}"
    );
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("newsgraph: error:"))
        .collect();
    assert!(errors.len() <= 1, "more than one error line: {stderr}");
    if code == 2 {
        assert_eq!(errors.len(), 1, "exit 2 without an error line: {stderr}");
    }
    // Every line of stderr is a whole message of its own: no traces, no continuation lines.
    for line in stderr.lines() {
        assert!(
            line.starts_with("newsgraph: ") || line.starts_with("ingested "),
            "unexpected stderr line {line:?} from {args:?}"
        );
    }
    (code, stderr)
}

/// Runs, judges, and when `store` exists, runs `newsgraph check` on it.
fn hostile(store: &Path, args: &[&str], stdin: Option<&[u8]>) -> (i32, String) {
    let out = run_with(args, stdin, Duration::from_secs(120));
    let verdict = judged(args, &out);
    assert_consistent(store);
    verdict
}

fn assert_consistent(store: &Path) {
    if store.join("CURRENT").exists() {
        let s = store.display().to_string();
        let out = run_with(&["check", "--store", &s], None, Duration::from_secs(60));
        assert!(
            out.status.success(),
            "check failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

struct Scene {
    dir: tempfile::TempDir,
    store: PathBuf,
}

impl Scene {
    fn new() -> Scene {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = dir.path().join("store");
        Scene { dir, store }
    }

    fn file(&self, name: &str, bytes: impl AsRef<[u8]>) -> String {
        let p = self.dir.path().join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&p, bytes).expect("write");
        p.display().to_string()
    }

    fn store(&self) -> String {
        self.store.display().to_string()
    }

    /// `ingest --store S ARGS…`, judged and checked.
    fn ingest(&self, args: &[&str]) -> (i32, String) {
        self.ingest_stdin(args, None)
    }

    fn ingest_stdin(&self, args: &[&str], stdin: Option<&[u8]>) -> (i32, String) {
        let s = self.store();
        let mut all = vec!["ingest", "--store", &s];
        all.extend_from_slice(args);
        hostile(&self.store, &all, stdin)
    }

    /// The rows of a SELECT (TSV, header dropped).
    fn select(&self, q: &str) -> Vec<String> {
        let s = self.store();
        let args = ["query", "--store", &s, "--format", "tsv", q];
        let out = run_with(&args, None, Duration::from_secs(60));
        let (code, stderr) = judged(&args, &out);
        assert_eq!(code, 0, "{stderr}");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .skip(1)
            .map(str::to_string)
            .collect()
    }

    fn articles(&self) -> usize {
        self.select("SELECT ?a WHERE { ?a a schema:NewsArticle }")
            .len()
    }
}

const GOOD: &str = "Rais wa Kenya William Ruto alikutana na Rais wa Tanzania Samia Suluhu \
Hassan mjini Arusha.";

fn good_article(headline: &str) -> String {
    format!("{headline}\n\n{GOOD}\n")
}

#[test]
fn empty_and_blank_files_are_refused_with_exit_2() {
    let s = Scene::new();
    for (name, bytes) in [
        ("empty.txt", &b""[..]),
        ("blank.txt", &b"  \n\t\r\n   \n"[..]),
    ] {
        let f = s.file(name, bytes);
        let (code, err) = s.ingest(&[&f]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("empty article"), "{err}");
    }
    // With a good file beside them, the good one goes in and the run succeeds.
    let empty = s.file("empty.txt", "");
    let good = s.file("good.txt", good_article("Habari njema"));
    let (code, err) = s.ingest(&[&empty, &good]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("skipped: ") && err.contains("empty.txt"),
        "{err}"
    );
    assert_eq!(s.articles(), 1);
}

#[test]
fn files_over_the_size_limit_are_refused() {
    let s = Scene::new();
    let big = "Habari za leo. ".repeat(11 * 1024 * 1024 / 15 + 1);
    let f = s.file("huge.txt", &big);
    let (code, err) = s.ingest(&[&f]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("too large"), "{err}");
    // One JSON line of more than 10 MB among good lines: that line alone is refused.
    let line = serde_json::json!({ "id": "huge", "text": big }).to_string();
    let good = serde_json::json!({ "id": "ok", "text": GOOD }).to_string();
    let f = s.file("huge.jsonl", format!("{good}\n{line}\n"));
    let (code, err) = s.ingest(&[&f]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("huge.jsonl:2") && err.contains("too large"),
        "{err}"
    );
    assert_eq!(s.articles(), 1);
}

#[test]
fn a_binary_file_named_txt_is_refused_with_the_offset() {
    let s = Scene::new();
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend_from_slice(&[0, 0, 0, 13, 73, 72, 68, 82, 0xff, 0xfe]);
    let f = s.file("picture.txt", &bytes);
    let (code, err) = s.ingest(&[&f]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("binary file") && err.contains("offset 8"),
        "{err}"
    );
    // The same bytes on stdin.
    let (code, err) = s.ingest_stdin(&["-"], Some(&bytes));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("binary file"), "{err}");
}

#[test]
fn invalid_utf8_is_read_as_windows_1252() {
    let s = Scene::new();
    let mut bytes = b"Caf\xe9 ya Nairobi \x96 mkutano\n\n".to_vec();
    bytes.extend_from_slice(GOOD.as_bytes());
    let f = s.file("latin.txt", &bytes);
    let (code, err) = s.ingest(&[&f]);
    assert_eq!(code, 0, "{err}");
    let headlines = s.select("SELECT ?h WHERE { ?a schema:headline ?h }");
    assert_eq!(
        headlines,
        vec!["\"Café ya Nairobi – mkutano\"@sw".to_string()]
    );
}

#[test]
fn mojibake_is_repaired() {
    let s = Scene::new();
    let text = format!("Mkutano wa â€œAmaniâ€\u{9d} mjini Arusha\n\n{GOOD}\n");
    let f = s.file("mojibake.txt", text);
    let (code, err) = s.ingest(&[&f]);
    assert_eq!(code, 0, "{err}");
    let headlines = s.select("SELECT ?h WHERE { ?a schema:headline ?h }");
    assert_eq!(headlines.len(), 1);
    assert!(
        headlines[0].contains("“Amani”") && !headlines[0].contains('â'),
        "{headlines:?}"
    );
}

#[test]
fn html_loses_its_tags_and_gives_its_title() {
    let s = Scene::new();
    let html = format!(
        "<!DOCTYPE html><html><head><title>Ruto na Samia &amp; Arusha</title>\
         <style>p {{ color: red }}</style><script>alert('x')</script></head>\
         <body><h1>Ruto na Samia</h1><p>{GOOD}</p></body></html>"
    );
    let f = s.file("page.txt", html);
    let (code, err) = s.ingest(&[&f]);
    assert_eq!(code, 0, "{err}");
    let headlines = s.select("SELECT ?h WHERE { ?a schema:headline ?h }");
    assert_eq!(headlines, vec!["\"Ruto na Samia & Arusha\"@sw".to_string()]);
    let evidence = s.select("SELECT ?e WHERE { ?r ng:evidence ?e }");
    assert!(!evidence.is_empty());
    for e in evidence {
        assert!(!e.contains('<') && !e.contains("alert"), "{e}");
    }
}

#[test]
fn control_characters_are_removed_from_text() {
    let s = Scene::new();
    let text = "Mkutano\u{7} wa\u{1b}[0m Arusha\n\nRais wa Kenya William\u{0} Ruto alikutana\u{8} \
                na Rais wa Tanzania Samia\u{7f} Suluhu Hassan mjini\u{85} Arusha.\n";
    // NUL makes a file binary; the rest are removed. Without the NUL it is text.
    let f = s.file("controls.txt", text.replace('\u{0}', ""));
    let (code, err) = s.ingest(&[&f]);
    assert_eq!(code, 0, "{err}");
    let literals = s.select(
        "SELECT ?l WHERE { { ?a schema:headline ?l } UNION { ?r ng:evidence ?l } \
         UNION { ?e rdfs:label ?l } }",
    );
    assert!(literals.len() > 2, "{literals:?}");
    for l in literals {
        // TSV escapes tab and newline; any other control character would show as itself.
        assert!(
            !l.chars().any(|c| c.is_control() && c != '\t'),
            "control character in {l:?}"
        );
    }
    // In a JSON text, escaped control characters go too.
    let line = serde_json::json!({ "id": "j", "text": text }).to_string();
    let (code, err) = s.ingest_stdin(&["-"], Some(line.as_bytes()));
    assert_eq!(code, 0, "{err}");
}

#[test]
fn one_bad_json_line_among_many_is_skipped_with_its_line_number() {
    let s = Scene::new();
    let mut lines: Vec<String> = (0..120)
        .map(|i| {
            serde_json::json!({ "id": format!("a{i}"), "text": format!("Habari {i}. {GOOD}") })
                .to_string()
        })
        .collect();
    lines[57] = "{\"id\": \"broken\", \"text\": \"no closing".to_string();
    let f = s.file("many.jsonl", lines.join("\n"));
    let (code, err) = s.ingest(&[&f]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("many.jsonl:58"), "{err}");
    assert_eq!(s.articles(), 119);
    // --strict stops there with exit 2; what went in before stays whole.
    let t = Scene::new();
    let (code, err) = t.ingest(&["--strict", &f]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("many.jsonl:58"), "{err}");
}

#[test]
fn json_lines_that_are_not_articles_are_skipped() {
    let s = Scene::new();
    let good = serde_json::json!({ "id": "ok", "text": GOOD }).to_string();
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep_object = format!(
        "{{\"text\": \"Habari\", \"x\": {}1{}}}",
        "{\"a\":".repeat(50_000),
        "}".repeat(50_000)
    );
    let bad = [
        "[1, 2, 3]",
        "\"just a string\"",
        "42",
        "null",
        "{\"text\": 5}",
        "{\"text\": \"x\", \"id\": {\"a\": 1}}",
        "{\"text\": \"x\", \"lang\": \"fr\"}",
        "{\"text\": \"x\", \"date\": \"jana\"}",
        "{\"text\": \"\\ud800 lone surrogate\"}",
        "{\"id\": \"no text\"}",
        &deep,
        &deep_object,
    ];
    let mut lines = vec![good.clone()];
    lines.extend(bad.iter().map(|l| l.to_string()));
    let f = s.file("odd.jsonl", lines.join("\n"));
    let (code, err) = s.ingest(&[&f]);
    assert_eq!(code, 0, "{err}");
    let skipped = err
        .lines()
        .filter(|l| l.starts_with("newsgraph: skipped:"))
        .count();
    assert_eq!(skipped, bad.len(), "{err}");
    assert!(err.contains("odd.jsonl:2: not a JSON article: a JSON Lines article is one object"));
    assert_eq!(s.articles(), 1);
}

#[test]
fn a_folder_with_unreadable_entries_ingests_the_rest() {
    let s = Scene::new();
    s.file("folder/good.txt", good_article("Habari"));
    let folder = s.dir.path().join("folder");
    std::os::unix::fs::symlink("/nonexistent/newsgraph-test", folder.join("dangling.txt"))
        .expect("symlink");
    // A FIFO must not make ingest wait for a writer that never comes.
    let fifo = folder.join("pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let locked = s.file("folder/locked.txt", good_article("Siri"));
    std::fs::set_permissions(&locked, std::os::unix::fs::PermissionsExt::from_mode(0o000))
        .expect("chmod");
    let (code, err) = s.ingest(&[&folder.display().to_string()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("dangling.txt"), "{err}");
    // Root reads a mode-000 file anyway; anyone else gets it reported and skipped.
    let n = s.articles();
    assert!(n == 1 || n == 2, "{n} articles");
}

#[test]
fn bad_paths_dates_lexicons_and_queries_are_usage_errors() {
    let s = Scene::new();
    let good = s.file("good.txt", good_article("Habari"));
    let missing = s.dir.path().join("missing.txt").display().to_string();
    let (code, err) = s.ingest(&[&missing]);
    assert_eq!(code, 2, "{err}");
    assert!(!s.store.exists(), "a typo must not leave an empty store");
    for date in ["2024-13-01", "yesterday", "2024-1-1", "２０２４-01-01", ""] {
        let (code, err) = s.ingest(&["--date", date, &good]);
        assert_eq!(code, 2, "--date {date:?}: {err}");
    }
    for (name, toml) in [
        ("unquoted.toml", "[[title]]\nlang = \"sw\"\ntext = \n"),
        ("type.toml", "[[organisation]]\nid = 5\n"),
        ("unclosed.toml", "x = [1,\n"),
        (
            "lang.toml",
            "[[title]]\nlang = \"xx\"\ntext = \"A\"\nen = \"B\"\nkind = \"official\"\n",
        ),
    ] {
        let lex = s.file(name, toml);
        let (code, err) = s.ingest(&["--lexicon", &lex, &good]);
        assert_eq!(code, 2, "{name}: {err}");
        assert!(err.contains(name), "{err}");
    }
    let lex = s.file("binary.toml", b"\xff\xfe\x00");
    let (code, _) = s.ingest(&["--lexicon", &lex, &good]);
    assert_eq!(code, 2);
    let (code, _) = s.ingest(&["--lexicon", &missing, &good]);
    assert_eq!(code, 2);
    let (code, _) = s.ingest(&["--lang", "fr", &good]);
    assert_eq!(code, 2);
    // A good run, then bad queries against the store it made.
    let (code, err) = s.ingest(&[&good]);
    assert_eq!(code, 0, "{err}");
    let store = s.store();
    for q in [
        "SELECT * WHERE { ?s ?p }",
        "SELEC",
        "",
        "SELECT ?x WHERE { ?x undeclared:p ?y }",
        "INSERT DATA { <a:b> <a:b> <a:b> }",
        "missing-file.rq",
    ] {
        let (code, err) = hostile(&s.store, &["query", "--store", &store, q], None);
        assert_eq!(code, 2, "{q:?}: {err}");
    }
    let (code, _) = hostile(
        &s.store,
        &[
            "query",
            "--store",
            &store,
            "--param",
            "novalue",
            "SELECT ?x WHERE {}",
        ],
        None,
    );
    assert_eq!(code, 2);
}

#[test]
fn a_store_path_that_is_a_file_or_a_foreign_folder_is_refused() {
    let s = Scene::new();
    let good = s.file("good.txt", good_article("Habari"));
    let file = s.file("not-a-store", "hello");
    for args in [
        vec!["ingest", "--store", &file, &good],
        vec!["query", "--store", &file, "ASK {}"],
        vec!["check", "--store", &file],
        vec!["stats", "--store", &file],
        vec!["entities", "--store", &file],
        vec!["export", "--store", &file, "--format", "json"],
        vec!["serve", "--store", &file, "--bind", "127.0.0.1:0"],
    ] {
        let out = run_with(&args, None, Duration::from_secs(30));
        let (code, err) = judged(&args, &out);
        assert_eq!(code, 2, "{args:?}: {err}");
    }
    assert_eq!(
        std::fs::read_to_string(&file).expect("still there"),
        "hello"
    );
    // A folder of articles is not a store either, and stays untouched.
    let folder = s.dir.path().join("articles");
    std::fs::create_dir(&folder).expect("mkdir");
    std::fs::write(folder.join("a.txt"), "x").expect("write");
    let f = folder.display().to_string();
    let args = ["ingest", "--store", &f, &good];
    let out = run_with(&args, None, Duration::from_secs(30));
    let (code, err) = judged(&args, &out);
    assert_eq!(code, 2, "{err}");
    assert_eq!(std::fs::read_dir(&folder).expect("dir").count(), 1);
}

#[test]
fn odd_but_valid_text_goes_in() {
    let s = Scene::new();
    let cases = [
        ("zero-width.txt", "\u{200b}\u{feff}\u{200d}".to_string()),
        (
            "one-long-word.txt",
            format!("Kichwa\n{}", "a".repeat(200_000)),
        ),
        ("emoji.txt", format!("🌍🔥 habari\n{GOOD} 🇰🇪🇹🇿")),
        ("rtl.txt", format!("\u{202e}Kichwa\u{202c}\n\u{200f}{GOOD}")),
        (
            "combining.txt",
            format!("Ki\u{301}\u{302}\u{303}chwa\n{GOOD}"),
        ),
        ("crlf.txt", good_article("Habari").replace('\n', "\r\n")),
        ("cr.txt", good_article("Habari").replace('\n', "\r")),
        (
            "names-only.txt",
            "Ruto Ruto Ruto Samia Samia NATO EAC AU".repeat(500),
        ),
    ];
    let mut files = Vec::new();
    for (name, text) in &cases {
        files.push(s.file(name, text));
    }
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    let (code, err) = s.ingest(&args);
    assert_eq!(code, 0, "{err}");
    assert_eq!(s.articles(), cases.len(), "{err}");
}
