//! End-to-end tests of `newsgraph serve`: the bundled samples are ingested into a temporary
//! store, the binary serves it on a free loopback port, and curl (a real HTTP client) talks to
//! it. Every answer is parsed back: SPARQL JSON with serde_json, XML with quick-xml, CSV and TSV
//! by line structure, RDF with Oxigraph's parsers. The server process is always killed at the
//! end, and every request is bounded by curl's `--max-time`.

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfParser};
use oxigraph::model::{NamedOrBlankNode, Term, Triple};
use quick_xml::events::Event;
use quick_xml::Reader;
use serde_json::Value;
use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const STOLTENBERG: &str = "https://w3id.org/newsgraph/id/person/jens-stoltenberg";
const SELECT: &str = "SELECT ?person ?name WHERE { ?person a schema:Person ; rdfs:label ?name \
                      FILTER(CONTAINS(?name, \"Stoltenberg\")) }";
const CONSTRUCT: &str = "CONSTRUCT { ?person rdfs:label ?name } WHERE { ?person a schema:Person ; \
                         rdfs:label ?name FILTER(CONTAINS(?name, \"Stoltenberg\")) }";
/// Far too big to finish: a three-way cross product of the whole store.
const ENDLESS: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";

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

/// A store with all samples ingested.
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
    assert!(
        out.status.success(),
        "ingest failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (dir, store)
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free loopback port")
        .port()
}

/// A running `newsgraph serve`, killed when dropped.
struct Server {
    child: Child,
    base: String,
    /// The store's temporary directory, removed after the server is killed.
    _dir: Option<tempfile::TempDir>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Ingests the samples and serves them with these extra flags; waits (bounded) until the
    /// port answers. Retries on another port if the chosen one was taken meanwhile.
    fn start(extra: &[&str]) -> Server {
        let (dir, store) = ingested();
        let mut dir = Some(dir);
        for _attempt in 0..3 {
            let port = free_port();
            let child = bin()
                .arg("serve")
                .arg("--store")
                .arg(&store)
                .arg("--bind")
                .arg(format!("127.0.0.1:{port}"))
                .args(extra)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("newsgraph serve starts");
            let mut server = Server {
                child,
                base: format!("http://127.0.0.1:{port}"),
                _dir: dir.take(),
            };
            let deadline = Instant::now() + Duration::from_secs(20);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = server.child.try_wait() {
                    break; // exited: probably the port was taken; try another
                }
                if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                    return server;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            let stderr = server.child.stderr.take();
            let mut msg = String::new();
            if let Some(mut e) = stderr {
                let _ = std::io::Read::read_to_string(&mut e, &mut msg);
            }
            eprintln!("serve did not come up on port {port}: {msg}");
            dir = server._dir.take();
        }
        panic!("newsgraph serve did not start");
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

/// An HTTP answer.
#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn content_type(&self) -> &str {
        self.header("content-type").unwrap_or("")
    }
}

/// Runs curl with these arguments (bounded by --max-time) and splits its `-i` output.
fn curl(args: &[&str]) -> Reply {
    let out = Command::new("curl")
        .args(["-s", "-S", "-i", "--max-time", "30"])
        .args(args)
        .output()
        .expect("curl runs");
    assert!(
        out.status.success(),
        "curl {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut raw = out.stdout;
    // Interim `100 Continue` answers (curl expects one for big bodies) come first.
    while raw.starts_with(b"HTTP/1.1 100") {
        let end = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("an interim head");
        raw.drain(..end + 4);
    }
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("an HTTP head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Reply {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    }
}

/// GET /sparql?query=… with an Accept header (none when empty).
fn get(server: &Server, query: &str, accept: &str) -> Reply {
    let url = server.url("/sparql");
    let q = format!("query={query}");
    let mut args = vec!["-G", "--data-urlencode", q.as_str(), url.as_str()];
    let h = format!("Accept: {accept}");
    if !accept.is_empty() {
        args.extend(["-H", h.as_str()]);
    }
    curl(&args)
}

fn ok(reply: Reply, content_type: &str) -> Reply {
    assert_eq!(reply.status, 200, "body: {}", reply.text());
    assert!(
        reply.content_type().starts_with(content_type),
        "content type {:?}, wanted {content_type}",
        reply.content_type()
    );
    reply
}

/// The `name` values of a SPARQL JSON result.
fn json_names(body: &[u8]) -> Vec<String> {
    let v: Value = serde_json::from_slice(body).expect("SPARQL JSON parses");
    assert_eq!(v["head"]["vars"], serde_json::json!(["person", "name"]));
    v["results"]["bindings"]
        .as_array()
        .expect("bindings")
        .iter()
        .filter_map(|b| b["name"]["value"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn select_in_every_format() {
    if !have_curl() {
        return;
    }
    let server = Server::start(&[]);

    // JSON: the default, and asked for by name.
    for accept in ["", "application/sparql-results+json", "*/*"] {
        let r = ok(
            get(&server, SELECT, accept),
            "application/sparql-results+json",
        );
        assert!(
            json_names(&r.body).iter().any(|n| n == "Jens Stoltenberg"),
            "{}",
            r.text()
        );
        assert_eq!(r.header("access-control-allow-origin"), None);
    }

    // XML: well-formed, a <sparql> root, the name as a literal.
    let r = ok(
        get(&server, SELECT, "application/sparql-results+xml"),
        "application/sparql-results+xml",
    );
    let mut reader = Reader::from_reader(r.body.as_slice());
    let (mut root, mut in_literal, mut literals) = (None, false, Vec::new());
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).expect("XML parses") {
            Event::Eof => break,
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                in_literal = name == "literal";
                root.get_or_insert(name);
            }
            Event::Text(t) if in_literal => {
                literals.push(t.unescape().expect("XML text").into_owned())
            }
            Event::End(_) => in_literal = false,
            _ => {}
        }
        buf.clear();
    }
    assert_eq!(root.as_deref(), Some("sparql"));
    assert!(
        literals.iter().any(|l| l == "Jens Stoltenberg"),
        "{literals:?}"
    );

    // CSV: a header, two fields a line, the name plain.
    let r = ok(get(&server, SELECT, "text/csv"), "text/csv");
    let text = r.text();
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    assert_eq!(lines.first(), Some(&"person,name"));
    assert!(lines.len() > 1);
    assert!(lines.iter().all(|l| l.split(',').count() == 2), "{text}");
    assert!(lines.contains(&format!("{STOLTENBERG},Jens Stoltenberg").as_str()));

    // TSV: a header of variables, one tab a line, terms in SPARQL syntax.
    let r = ok(
        get(&server, SELECT, "text/tab-separated-values"),
        "text/tab-separated-values",
    );
    let text = r.text();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.first(), Some(&"?person\t?name"));
    assert!(lines.iter().all(|l| l.matches('\t').count() == 1), "{text}");
    assert!(text.contains(&format!("<{STOLTENBERG}>\t\"Jens Stoltenberg\"")));

    // q-values count; nothing acceptable is a 406.
    let r = get(
        &server,
        SELECT,
        "text/csv;q=0.2, application/sparql-results+xml;q=0.9",
    );
    assert!(r
        .content_type()
        .starts_with("application/sparql-results+xml"));
    let r = get(&server, SELECT, "image/png");
    assert_eq!(r.status, 406, "{}", r.text());

    // ASK.
    let ask = format!("ASK {{ <{STOLTENBERG}> a schema:Person }}");
    let r = ok(get(&server, &ask, ""), "application/sparql-results+json");
    let v: Value = serde_json::from_slice(&r.body).expect("JSON");
    assert_eq!(v["boolean"], Value::Bool(true));
}

#[test]
fn construct_in_every_rdf_syntax() {
    if !have_curl() {
        return;
    }
    let server = Server::start(&[]);
    let syntaxes = [
        ("", "text/turtle", RdfFormat::Turtle),
        ("text/turtle", "text/turtle", RdfFormat::Turtle),
        (
            "application/n-triples",
            "application/n-triples",
            RdfFormat::NTriples,
        ),
        (
            "application/ld+json",
            "application/ld+json",
            RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
        ),
        (
            "application/rdf+xml",
            "application/rdf+xml",
            RdfFormat::RdfXml,
        ),
    ];
    for (accept, content_type, format) in syntaxes {
        let r = ok(get(&server, CONSTRUCT, accept), content_type);
        let triples: Vec<Triple> = RdfParser::from_format(format)
            .for_slice(&r.body)
            .map(|q| Triple::from(q.expect("RDF parses")))
            .collect();
        assert!(
            triples.iter().any(|t| matches!(&t.subject,
                NamedOrBlankNode::NamedNode(n) if n.as_str() == STOLTENBERG)
                && matches!(&t.object, Term::Literal(l) if l.value() == "Jens Stoltenberg")),
            "{accept}: {}",
            r.text()
        );
    }
    // A graph result has no SPARQL-results form.
    let r = get(&server, CONSTRUCT, "application/sparql-results+json");
    assert_eq!(r.status, 406);
}

#[test]
fn post_both_ways() {
    if !have_curl() {
        return;
    }
    let server = Server::start(&[]);
    let url = server.url("/sparql");
    let r = ok(
        curl(&[
            "-H",
            "Content-Type: application/sparql-query",
            "--data-binary",
            SELECT,
            &url,
        ]),
        "application/sparql-results+json",
    );
    assert!(json_names(&r.body).iter().any(|n| n == "Jens Stoltenberg"));
    let form = format!("query={SELECT}");
    let r = ok(
        curl(&["-H", "Accept: text/csv", "--data-urlencode", &form, &url]),
        "text/csv",
    );
    assert!(r.text().contains("Jens Stoltenberg"));
}

#[test]
fn refusals_are_one_line_with_the_right_status() {
    if !have_curl() {
        return;
    }
    let server = Server::start(&[]);
    let url = server.url("/sparql");
    let insert = "INSERT DATA { <http://example.org/a> <http://example.org/b> \"c\" }";
    let update_form = format!("update={insert}");
    let r = curl(&["--data-urlencode", &update_form, &url]);
    assert_eq!(r.status, 403, "{}", r.text());
    assert!(r.text().contains("read-only"));
    let r = curl(&[
        "-H",
        "Content-Type: application/sparql-update",
        "--data-binary",
        insert,
        &url,
    ]);
    assert_eq!(r.status, 403);
    // The update did not happen.
    let r = get(&server, "ASK { <http://example.org/a> ?p ?o }", "");
    let v: Value = serde_json::from_slice(&r.body).expect("JSON");
    assert_eq!(v["boolean"], Value::Bool(false));

    let r = get(&server, "SELECT ?x WHERE { ?x", "");
    assert_eq!(r.status, 400);
    assert!(r.text().starts_with("SPARQL syntax error"), "{}", r.text());
    assert_eq!(r.text().trim_end().lines().count(), 1);

    let r = curl(&[&url]);
    assert_eq!(r.status, 400);
    assert!(r.text().contains("missing query"));

    let r = curl(&[&server.url("/nothing-here")]);
    assert_eq!(r.status, 404);

    let r = curl(&["-X", "DELETE", &url]);
    assert_eq!(r.status, 405);
    assert!(r.header("allow").is_some());

    let r = curl(&[
        "-H",
        "Content-Type: text/plain",
        "--data-binary",
        SELECT,
        &url,
    ]);
    assert_eq!(r.status, 415);

    // A body over the 1 MiB limit.
    let dir = tempfile::tempdir().expect("temp dir");
    let big = dir.path().join("big.rq");
    let mut f = std::fs::File::create(&big).expect("temp file");
    f.write_all(&vec![b' '; 2 * 1024 * 1024])
        .expect("write temp file");
    drop(f);
    let data = format!("@{}", big.display());
    let r = curl(&[
        "-H",
        "Content-Type: application/sparql-query",
        "--data-binary",
        &data,
        &url,
    ]);
    assert_eq!(r.status, 413);
}

#[test]
fn limits_timeout_and_cors() {
    if !have_curl() {
        return;
    }
    let server = Server::start(&["--max-rows", "2", "--timeout", "1", "--cors"]);
    let r = ok(
        get(&server, "SELECT ?s WHERE { ?s ?p ?o }", "text/csv"),
        "text/csv",
    );
    assert_eq!(r.header("x-newsgraph-truncated"), Some("2"));
    assert_eq!(r.text().lines().count(), 3, "{}", r.text());
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    let r = ok(
        get(
            &server,
            "SELECT ?s WHERE { ?s a schema:Country } LIMIT 1",
            "",
        ),
        "application/sparql-results+json",
    );
    assert_eq!(r.header("x-newsgraph-truncated"), None);

    let started = Instant::now();
    let r = get(&server, ENDLESS, "");
    assert_eq!(r.status, 503, "{}", r.text());
    assert!(r.text().contains("timed out"));
    assert!(started.elapsed() < Duration::from_secs(20));

    let r = curl(&["-X", "OPTIONS", &server.url("/sparql")]);
    assert_eq!(r.status, 204);
    assert!(r
        .header("access-control-allow-headers")
        .is_some_and(|m| m.contains("Content-Type")));
}

#[test]
fn viewer_and_graph_json() {
    if !have_curl() {
        return;
    }
    let server = Server::start(&[]);
    let r = ok(curl(&[&server.url("/")]), "text/html");
    let html = r.text();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<svg") && html.contains("Jens Stoltenberg"));
    let r = ok(curl(&[&server.url("/graph.json")]), "application/json");
    let v: Value = serde_json::from_slice(&r.body).expect("graph JSON parses");
    let nodes = v["nodes"].as_array().expect("nodes");
    assert!(nodes.iter().any(|n| n.to_string().contains(STOLTENBERG)));
    assert!(v["edges"].as_array().is_some_and(|e| !e.is_empty()));
}

#[test]
fn cli_errors_exit_with_one_line() {
    // A missing store: usage error.
    let dir = tempfile::tempdir().expect("temp dir");
    let out = bin()
        .arg("serve")
        .arg("--store")
        .arg(dir.path().join("none"))
        .arg("--bind")
        .arg("127.0.0.1:1")
        .output()
        .expect("newsgraph runs");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 1);

    // A busy port: runtime failure, promptly.
    let (_dir, store) = ingested();
    let taken = TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = taken.local_addr().expect("address").port();
    let mut child = bin()
        .arg("serve")
        .arg("--store")
        .arg(&store)
        .arg("--bind")
        .arg(format!("127.0.0.1:{port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("newsgraph runs");
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break Some(s);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let status = status.expect("serve on a busy port exits");
    assert_eq!(status.code(), Some(1));
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut e, &mut err);
    }
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("cannot listen on"), "{err}");
    drop(taken);
}
