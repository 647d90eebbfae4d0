//! `newsgraph push` against a real SPARQL server: Virtuoso Open Source (Debian's
//! `virtuoso-opensource`), started here with its own ini on free loopback ports and a
//! temporary database. The samples are pushed to its Graph Store endpoint with digest auth,
//! pushed again (replace, not append), and every query of `queries/` must give the same rows
//! on Virtuoso's `/sparql` as on a local store of the same articles.
//!
//! Dataset: the local store's default graph is the union of the article graphs. Virtuoso's
//! default graph is the union of *all* its graphs, its own system graphs included, so the
//! queries are sent with one `default-graph-uri` and one `named-graph-uri` per article graph
//! (SPARQL 1.1 Protocol): the same dataset as the local store's, minus its background-facts
//! graph, which `push` does not send. Virtuoso has no RDF 1.2: the local store is ingested with
//! `--rdf11` (push's default), and each query's `rdf:reifies <<( … )>>` branch, which only
//! matches RDF 1.2 data, is removed from the text sent to Virtuoso.
//!
//! Skips when `virtuoso-t` is not installed, except under `CI`, where it fails.

mod common;

use common::ok;
use std::collections::BTreeMap;
use std::io::Read;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// The running server; killed (and its directory removed) when dropped.
struct Virtuoso {
    child: Child,
    http: u16,
    _dir: tempfile::TempDir,
}

impl Drop for Virtuoso {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_virtuoso() -> Option<Virtuoso> {
    let found = Command::new("virtuoso-t").arg("-?").output().is_ok();
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "virtuoso-t is not installed (apt-get install virtuoso-opensource); required under CI"
        );
        eprintln!("skipped: virtuoso-t is not installed");
        return None;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path().display().to_string();
    let (server, http) = (free_port(), free_port());
    let ini = format!(
        "[Database]\nDatabaseFile = {d}/virtuoso.db\nErrorLogFile = {d}/virtuoso.log\n\
         LockFile = {d}/virtuoso.lck\nTransactionFile = {d}/virtuoso.trx\n\
         xa_persistent_file = {d}/virtuoso.pxa\nErrorLogLevel = 7\nFileExtend = 200\n\
         MaxCheckpointRemap = 2000\nStriping = 0\nTempStorage = TempDatabase\n\n\
         [TempDatabase]\nDatabaseFile = {d}/virtuoso-temp.db\nTransactionFile = {d}/virtuoso-temp.trx\n\
         MaxCheckpointRemap = 2000\nStriping = 0\n\n\
         [Parameters]\nServerPort = 127.0.0.1:{server}\nDisableUnixSocket = 1\n\
         NumberOfBuffers = 10000\nMaxDirtyBuffers = 6000\nDirsAllowed = ., {d}\n\n\
         [HTTPServer]\nServerPort = 127.0.0.1:{http}\nServerRoot = {d}\n\
         MaxClientConnections = 4\nServerThreads = 4\n\n\
         [SPARQL]\nResultSetMaxRows = 100000\nMaxQueryExecutionTime = 60\n"
    );
    std::fs::write(dir.path().join("virtuoso.ini"), ini).expect("write ini");
    let child = Command::new("virtuoso-t")
        .args(["-f", "-c", "virtuoso.ini"])
        .current_dir(dir.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("virtuoso-t starts");
    let v = Virtuoso {
        child,
        http,
        _dir: dir,
    };
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        if sparql(&v, "ASK {}", &[]).is_ok() {
            return Some(v);
        }
        assert!(
            Instant::now() < deadline,
            "Virtuoso did not come up on port {http}"
        );
        std::thread::sleep(Duration::from_millis(300));
    }
}

/// Runs a query on Virtuoso's `/sparql` over `graphs`, returning its CSV.
fn sparql(v: &Virtuoso, query: &str, graphs: &[String]) -> Result<String, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut req = agent
        .get(format!("http://127.0.0.1:{}/sparql", v.http))
        .query("query", query)
        .header("Accept", "text/csv");
    for g in graphs {
        req = req
            .query("default-graph-uri", g)
            .query("named-graph-uri", g);
    }
    if !graphs.is_empty() {
        // The background facts are a named graph outside the default graph, as locally.
        req = req.query("named-graph-uri", "https://w3id.org/newsgraph/background");
    }
    let mut resp = req.call().map_err(|e| e.to_string())?;
    let mut body = String::new();
    resp.body_mut()
        .as_reader()
        .read_to_string(&mut body)
        .map_err(|e| e.to_string())?;
    if resp.status().is_success() {
        Ok(body)
    } else {
        Err(format!("HTTP {}: {body}", resp.status()))
    }
}

/// Removes `{ ?r rdf:reifies <<( … )>> } UNION` branches: RDF 1.2 syntax Virtuoso cannot
/// parse, and that matches nothing in RDF 1.1 data anyway.
fn without_rdf12(query: &str) -> String {
    let mut q = query.to_string();
    while let Some(at) = q.find("rdf:reifies <<(") {
        let open = q[..at].rfind('{').expect("branch opens");
        let close = at + q[at..].find(")>>").expect("triple term closes") + 3;
        let brace = close + q[close..].find('}').expect("branch closes") + 1;
        let rest = q[brace..].trim_start();
        let rest = rest.strip_prefix("UNION").expect("UNION after the branch");
        q = format!("{}{}", &q[..open], rest.trim_start());
    }
    q
}

/// Parses CSV (RFC 4180 quoting) into rows; the header is dropped.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut field) = (Vec::new(), String::new());
    let (mut quoted, mut chars) = (false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows.into_iter().skip(1).collect()
}

/// Rows as a sorted multiset, with the value quirks of the two servers evened out.
fn normalised(rows: Vec<Vec<String>>) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = rows
        .into_iter()
        .map(|r| {
            r.into_iter()
                .map(|v| {
                    // Virtuoso prints xsd:decimal 0.9 as 0.9 and Oxigraph too, but
                    // Virtuoso writes whole decimals as "1" where Oxigraph writes "1.0".
                    // GROUP_CONCAT's order is unspecified: compare its parts as a set.
                    let sep = if v.contains(" | ") { " | " } else { " " };
                    let v = if v.contains(" | ") || (v.contains(' ') && v.starts_with("https://")) {
                        let mut w: Vec<&str> = v.split(sep).collect();
                        w.sort();
                        w.join(sep)
                    } else {
                        v
                    };
                    // Virtuoso's CSV writes booleans as 1 and 0.
                    let v = match v.as_str() {
                        "true" => "1".to_string(),
                        "false" => "0".to_string(),
                        _ => v,
                    };
                    match v.strip_suffix(".0") {
                        Some(whole) if whole.chars().all(|c| c.is_ascii_digit()) => {
                            whole.to_string()
                        }
                        _ => v,
                    }
                })
                .collect()
        })
        .collect();
    // Virtuoso's default graph made of several graphs repeats a triple once per graph that
    // states it (the local store's is a set): rows are compared as a set.
    out.sort();
    out.dedup();
    out
}

/// Queries Virtuoso 7.2.5 cannot run, and why (checked by hand; see README "Performance").
const VIRTUOSO_LIMITS: [(&str, &str); 5] = [
    (
        "edge-support.rq",
        "MIN/MAX over an edge whose articles are partly undated: Oxigraph leaves the first/last date unbound, Virtuoso skips the undated rows",
    ),
    (
        "changed-since.rq",
        "Virtuoso's SQL compiler fails on the aggregate subquery (error SQ156, Bad dfe in sqlo_place_exp)",
    ),
    (
        "articles-per-entity.rq",
        "Virtuoso refuses ORDER BY on a SAMPLE(…) alias (error SP031), which SPARQL 1.1 allows",
    ),
    (
        "ego-network.rq",
        "the query makes Virtuoso 7.2.5's server process exit",
    ),
    (
        "timeline.rq",
        "the query makes Virtuoso 7.2.5's server process exit",
    ),
];

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples")
}

#[test]
fn push_to_virtuoso_and_query_it_like_the_local_store() {
    let Some(v) = start_virtuoso() else { return };
    let endpoint = format!("http://127.0.0.1:{}/sparql-graph-crud-auth", v.http);
    let samples = samples();
    let samples = samples.to_str().expect("UTF-8 path");
    let push = |extra: &[&str]| {
        let mut args = vec![
            "push",
            "--endpoint",
            &endpoint,
            "--user",
            "dba",
            "--password",
            "dba",
        ];
        args.extend_from_slice(extra);
        args.push(samples);
        let out = common::run(&args);
        assert!(
            out.status.success(),
            "push failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    push(&[]);

    // A wrong password is refused in one line, exit 1.
    let bad = common::run(&[
        "push",
        "--endpoint",
        &endpoint,
        "--user",
        "dba",
        "--password",
        "wrong",
        samples,
    ]);
    assert_eq!(bad.status.code(), Some(1));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains("HTTP 401") && err.lines().count() == 1,
        "{err}"
    );

    // The local store of the same articles, in the same (RDF 1.1) form.
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("db");
    let store = store.to_str().expect("UTF-8 path");
    ok(&["ingest", "--rdf11", "--store", store, samples]);
    let graphs: Vec<String> = csv_rows(&ok(&[
        "query",
        "--store",
        store,
        "--format",
        "csv",
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?a a schema:NewsArticle } } ORDER BY ?g",
    ]))
    .into_iter()
    .map(|r| r[0].clone())
    .collect();
    assert!(graphs.len() >= 8, "{graphs:?}");

    let count = |v: &Virtuoso| {
        csv_rows(
            &sparql(
                v,
                "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), \"https://w3id.org/newsgraph/article/\")) }",
                &graphs,
            )
            .expect("count query"),
        )[0][0]
            .clone()
    };
    let local_count = csv_rows(&ok(&[
        "query",
        "--store",
        store,
        "--format",
        "csv",
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), \"https://w3id.org/newsgraph/article/\")) }",
    ]))[0][0]
        .clone();
    let first = count(&v);
    assert_eq!(first, local_count, "quads on the server vs in the store");
    // Pushing again replaces each graph: nothing doubles.
    push(&[]);
    assert_eq!(count(&v), first);

    let mut queries: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("queries"))
            .expect("queries/")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "rq"))
            .collect();
    queries.sort();
    assert!(queries.len() >= 10);
    let mut differences = BTreeMap::new();
    for q in &queries {
        let name = q.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if let Some((_, why)) = VIRTUOSO_LIMITS.iter().find(|(n, _)| *n == name) {
            eprintln!("not compared on Virtuoso: {name}: {why}");
            continue;
        }
        let text = std::fs::read_to_string(q).expect("query file");
        let local = normalised(csv_rows(&ok(&[
            "query",
            "--store",
            store,
            "--format",
            "csv",
            q.to_str().expect("UTF-8 path"),
        ])));
        let remote = match sparql(&v, &without_rdf12(&text), &graphs) {
            Ok(csv) => normalised(csv_rows(&csv)),
            Err(e) => {
                differences.insert(q.display().to_string(), format!("Virtuoso: {e}"));
                continue;
            }
        };
        if local != remote {
            let only_local: Vec<_> = local
                .iter()
                .filter(|r| !remote.contains(r))
                .take(3)
                .collect();
            let only_remote: Vec<_> = remote
                .iter()
                .filter(|r| !local.contains(r))
                .take(3)
                .collect();
            differences.insert(
                q.display().to_string(),
                format!(
                    "{} local rows, {} on Virtuoso; only local: {only_local:?}; only Virtuoso: {only_remote:?}",
                    local.len(),
                    remote.len()
                ),
            );
        }
    }
    assert!(
        differences.is_empty(),
        "queries answering differently:\n{differences:#?}"
    );
}
