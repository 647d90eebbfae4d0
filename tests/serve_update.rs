//! `newsgraph serve --allow-update`: SPARQL updates only with the bearer token, never into the
//! default graph directly, and the default graph stays the union of the article graphs (the
//! store passes `newsgraph check` afterwards). curl is the client; the server is killed at the
//! end of every test.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const TOKEN: &str = "s3cret-t0ken";
const ARTICLE: &str = "https://w3id.org/newsgraph/article/manual-note";

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
}

fn have_curl() -> bool {
    let ok = Command::new("curl")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        eprintln!("skipped: curl is not installed");
    }
    ok
}

fn ingested() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store");
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples");
    let out = bin()
        .arg("ingest")
        .arg("--store")
        .arg(&store)
        .arg(&samples)
        .output()
        .expect("newsgraph runs");
    assert!(out.status.success());
    (dir, store)
}

/// A running server, killed when dropped.
struct Server {
    child: Child,
    base: String,
    store: PathBuf,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(extra: &[&str], env_token: Option<&str>) -> Server {
        let (dir, store) = ingested();
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let mut cmd = bin();
        cmd.arg("serve")
            .arg("--store")
            .arg(&store)
            .arg("--bind")
            .arg(format!("127.0.0.1:{port}"))
            .args(extra)
            .env_remove("NEWSGRAPH_TOKEN")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if let Some(t) = env_token {
            cmd.env("NEWSGRAPH_TOKEN", t);
        }
        let mut child = cmd.spawn().expect("serve starts");
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "serve did not come up");
            assert!(
                child.try_wait().expect("wait").is_none(),
                "serve exited early"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Server {
            child,
            base: format!("http://127.0.0.1:{port}/sparql"),
            store,
            _dir: dir,
        }
    }

    /// POSTs an update with an optional `Authorization` header; returns (status, body, head).
    fn update(&self, update: &str, authorization: Option<&str>) -> (u16, String, String) {
        let mut args = vec![
            "-H".to_string(),
            "Content-Type: application/sparql-update".to_string(),
            "--data-binary".to_string(),
            update.to_string(),
        ];
        if let Some(a) = authorization {
            args.push("-H".into());
            args.push(format!("Authorization: {a}"));
        }
        args.push(self.base.clone());
        curl(&args)
    }

    fn ask(&self, query: &str) -> bool {
        let (status, body, _) = curl(&[
            "-H".into(),
            "Accept: application/sparql-results+json".into(),
            "--data-urlencode".into(),
            format!("query={query}"),
            self.base.clone(),
        ]);
        assert_eq!(status, 200, "{body}");
        let v: serde_json::Value = serde_json::from_str(&body).expect("JSON");
        v["boolean"].as_bool().expect("an ASK answer")
    }
}

fn curl(args: &[String]) -> (u16, String, String) {
    let out = Command::new("curl")
        .args(["-s", "-S", "-i", "--max-time", "30"])
        .args(args)
        .output()
        .expect("curl runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let raw = String::from_utf8_lossy(&out.stdout).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status");
    (status, body.to_string(), head.to_string())
}

fn insert_note() -> String {
    format!(
        "INSERT DATA {{ GRAPH <{ARTICLE}> {{ <{ARTICLE}> a schema:NewsArticle . \
         state:KE ng:cooperatesWith state:XK }} }}"
    )
}

const NOTE_IN_DEFAULT: &str = "ASK { state:KE ng:cooperatesWith state:XK }";

#[test]
fn without_the_flag_updates_stay_forbidden() {
    if !have_curl() {
        return;
    }
    let server = Server::start(&[], None);
    let (status, body, _) = server.update(&insert_note(), Some(&format!("Bearer {TOKEN}")));
    assert_eq!(status, 403, "{body}");
    let (status, _, _) = curl(&[
        "--data-urlencode".into(),
        format!("update={}", insert_note()),
        server.base.clone(),
    ]);
    assert_eq!(status, 403);
    assert!(!server.ask(NOTE_IN_DEFAULT));
}

#[test]
fn updates_need_the_token_and_keep_the_default_graph_the_union() {
    if !have_curl() {
        return;
    }
    let server = Server::start(&["--allow-update", "--token", TOKEN], None);
    // No token, a wrong one, another scheme: 401, and nothing written.
    for auth in [None, Some("Bearer wrong"), Some(&*format!("Basic {TOKEN}"))] {
        let (status, body, head) = server.update(&insert_note(), auth);
        assert_eq!(status, 401, "{auth:?}: {body}");
        assert!(
            head.to_ascii_lowercase()
                .contains("www-authenticate: bearer"),
            "{head}"
        );
    }
    assert!(!server.ask(NOTE_IN_DEFAULT));

    let bearer = format!("Bearer {TOKEN}");
    let (status, body, _) = server.update(&insert_note(), Some(&bearer));
    assert_eq!(status, 204, "{body}");
    // The union default graph has the new statement at once.
    assert!(server.ask(NOTE_IN_DEFAULT));

    // Writing the default graph directly is refused with the reason.
    for update in [
        "INSERT DATA { state:KE ng:cooperatesWith state:JP }",
        "DELETE WHERE { ?s ng:metWith ?o }",
        "CLEAR DEFAULT",
    ] {
        let (status, body, _) = server.update(update, Some(&bearer));
        assert_eq!(status, 400, "{update}: {body}");
        assert!(body.contains("default graph"), "{body}");
    }
    // A syntax error names the parser's complaint.
    let (status, body, _) = server.update("INSERT DATA { GRAPH <x:y> { ", Some(&bearer));
    assert_eq!(status, 400);
    assert!(body.starts_with("SPARQL syntax error"), "{body}");
    // Updates come in a POST body, never in a URL.
    let (status, _, _) = curl(&[
        "-G".into(),
        "-H".into(),
        format!("Authorization: {bearer}"),
        "--data-urlencode".into(),
        format!("update={}", insert_note()),
        server.base.clone(),
    ]);
    assert_eq!(status, 400);

    // A form-encoded update that removes the statement from its graph everywhere: the default
    // graph follows, in the same transaction.
    let (status, body, _) = curl(&[
        "-H".into(),
        format!("Authorization: {bearer}"),
        "--data-urlencode".into(),
        "update=DELETE WHERE { GRAPH ?g { state:KE ng:cooperatesWith state:XK } }".into(),
        server.base.clone(),
    ]);
    assert_eq!(status, 204, "{body}");
    assert!(!server.ask(NOTE_IN_DEFAULT));
    let (status, _, _) = server.update(&insert_note(), Some(&bearer));
    assert_eq!(status, 204);
    let (status, _, _) = server.update(&format!("DROP GRAPH <{ARTICLE}>"), Some(&bearer));
    assert_eq!(status, 204);
    assert!(!server.ask(NOTE_IN_DEFAULT));
    let (status, _, _) = server.update(&insert_note(), Some(&bearer));
    assert_eq!(status, 204);

    // The server holds the store for writing: an ingest is turned away meanwhile.
    let out = bin()
        .args(["ingest", "--store"])
        .arg(&server.store)
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples"))
        .output()
        .expect("ingest runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("store is in use"));

    // After the server stops, the store passes the check, with the note's article in it.
    let store = server.store.clone();
    let mut server = server;
    let _ = server.child.kill();
    let _ = server.child.wait();
    let out = bin()
        .args(["check", "--store"])
        .arg(&store)
        .output()
        .expect("check runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains("articles                               11"),
        "{stdout}"
    );
}

#[test]
fn the_token_can_come_from_the_environment_and_is_required() {
    if !have_curl() {
        return;
    }
    let server = Server::start(&["--allow-update"], Some(TOKEN));
    let (status, body, _) = server.update(&insert_note(), Some(&format!("Bearer {TOKEN}")));
    assert_eq!(status, 204, "{body}");
    assert!(server.ask(NOTE_IN_DEFAULT));
    drop(server);

    // --allow-update without any token, and --token without --allow-update: usage errors.
    let (_dir, store) = ingested();
    for args in [
        vec!["serve", "--allow-update"],
        vec!["serve", "--token", TOKEN],
    ] {
        let out = bin()
            .args(&args)
            .arg("--store")
            .arg(&store)
            .args(["--bind", "127.0.0.1:0"])
            .env_remove("NEWSGRAPH_TOKEN")
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
}
