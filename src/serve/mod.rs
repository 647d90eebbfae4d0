//! Serve stage: a read-only SPARQL 1.1 Protocol endpoint over the store and the graph viewer,
//! on Oxigraph's small HTTP server (`oxhttp`, one thread per connection).
//!
//! - `GET /sparql?query=…`, `POST /sparql` with an `application/sparql-query` body or an
//!   `application/x-www-form-urlencoded` body with `query=`. The default graph is the union
//!   of the article graphs and the vocabulary prefixes are predeclared, as in `newsgraph
//!   query`. Results are negotiated on `Accept` (see [`SOLUTION_TYPES`] and [`GRAPH_TYPES`]).
//! - Updates (`update=`, `application/sparql-update`) are refused with 403 unless the server
//!   was given an update token ([`Config::update_token`]); then an update needs the header
//!   `Authorization: Bearer TOKEN` (401 without it or with another token). An update may not
//!   write the default graph, which newsgraph keeps as the union of the article graphs (400);
//!   it runs in one transaction together with the recomputation of that union, so a reader
//!   never sees the two disagree.
//! - Limits: a request body limit (413), a per-query timeout enforced with Oxigraph's
//!   cancellation token (503), and a result-size limit that truncates SELECT rows and
//!   CONSTRUCT/DESCRIBE triples, flagged by the `X-Newsgraph-Truncated` header.
//! - `/` is the interactive HTML viewer of the whole graph and `/graph.json` its JSON, both
//!   rendered by `newsgraph::export` at request time.

use crate::error::{Error, Result};
use crate::export::{self, Format, Selection, View};
use crate::rdf::{write_quads, GraphStore, RdfOutput};
use oxhttp::model::header::{
    HeaderName, HeaderValue, ACCEPT, ALLOW, CONTENT_LENGTH, CONTENT_TYPE, VARY,
};
use oxhttp::model::{Body, Method, Request, Response, StatusCode};
use oxigraph::model::GraphName;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryEvaluationError, QueryResults};
use std::io::Read;
use std::net::SocketAddr;
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

/// The address `serve` listens on unless told otherwise (loopback only).
pub const DEFAULT_BIND: &str = "127.0.0.1:7878";

/// The header set when a result was cut at the row limit.
pub const TRUNCATED_HEADER: &str = "x-newsgraph-truncated";

/// Media types offered for SELECT and ASK results, the default first.
pub const SOLUTION_TYPES: [&str; 4] = [
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
];

/// Media types offered for CONSTRUCT and DESCRIBE results, the default first.
pub const GRAPH_TYPES: [&str; 4] = [
    "text/turtle",
    "application/n-triples",
    "application/ld+json",
    "application/rdf+xml",
];

/// Server settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on.
    pub bind: SocketAddr,
    /// Longest a query may run before it is cancelled (503).
    pub timeout: Duration,
    /// Most rows (SELECT) or triples (CONSTRUCT, DESCRIBE) in one answer; more are cut off.
    pub max_rows: usize,
    /// Largest request body accepted, in bytes (413 beyond).
    pub max_body: usize,
    /// Send `Access-Control-Allow-Origin: *` and answer CORS preflights.
    pub cors: bool,
    /// Most connections served at once (one thread each).
    pub max_connections: usize,
    /// SPARQL updates are allowed to requests bearing this token (`Authorization: Bearer …`);
    /// `None` keeps the endpoint read-only. The store must then be opened for writing.
    pub update_token: Option<String>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            bind: SocketAddr::from(([127, 0, 0, 1], 7878)),
            timeout: Duration::from_secs(30),
            max_rows: 100_000,
            max_body: 1024 * 1024,
            cors: false,
            max_connections: 128,
            update_token: None,
        }
    }
}

/// The request handler: the store and the settings. Cheap to share between threads.
#[derive(Debug)]
pub struct Endpoint {
    store: GraphStore,
    config: Config,
    /// Updates run one at a time: each rebuilds the default graph from the whole store.
    updates: std::sync::Mutex<()>,
}

/// What a `/sparql` request asks for.
enum Operation {
    Query(String),
    Update(String),
}

/// Starts listening on `config.bind` (in background threads) and returns the running server;
/// `join` it to serve until the process ends. A busy or forbidden address is an [`Error::Io`]
/// naming the address.
pub fn spawn(store: GraphStore, config: Config) -> Result<oxhttp::ListeningServer> {
    let bind = config.bind;
    let max_connections = config.max_connections.max(1);
    let socket_timeout = config.timeout + Duration::from_secs(30);
    let endpoint = Arc::new(Endpoint::new(store, config));
    oxhttp::Server::new(move |request| endpoint.handle(request))
        .bind(bind)
        .with_global_timeout(socket_timeout)
        .with_max_concurrent_connections(max_connections)
        .with_server_name(concat!("newsgraph/", env!("CARGO_PKG_VERSION")))
        .map_err(|e| Error::Output(e.to_string()))?
        .spawn()
        .map_err(|source| Error::Io {
            path: bind.to_string().into(),
            source,
        })
}

/// An answer that is not a result: status and a one-line plain-text message.
fn text(status: StatusCode, message: impl Into<String>) -> Response<Body> {
    let mut message = message.into();
    message.push('\n');
    response(status, "text/plain; charset=utf-8", message.into_bytes())
}

fn response(status: StatusCode, content_type: &str, body: Vec<u8>) -> Response<Body> {
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = status;
    if let Ok(v) = HeaderValue::from_str(content_type) {
        r.headers_mut().insert(CONTENT_TYPE, v);
    }
    r
}

/// A request refused before (or instead of) a result: status and message.
struct Refusal(StatusCode, String);

impl Refusal {
    fn new(status: StatusCode, message: impl Into<String>) -> Refusal {
        Refusal(status, message.into())
    }

    fn into_response(self) -> Response<Body> {
        text(self.0, self.1)
    }
}

const READ_ONLY: &str = "SPARQL updates are not allowed: this endpoint is read-only";

impl Endpoint {
    /// A handler over a store (open it with [`GraphStore::open_read_only`]).
    pub fn new(store: GraphStore, config: Config) -> Endpoint {
        Endpoint {
            store,
            config,
            updates: std::sync::Mutex::new(()),
        }
    }

    /// Answers one HTTP request.
    pub fn handle(&self, request: &mut Request<Body>) -> Response<Body> {
        let mut r = self.route(request);
        let unauthorised = r.status() == StatusCode::UNAUTHORIZED;
        let headers = r.headers_mut();
        if unauthorised {
            headers.insert(
                HeaderName::from_static("www-authenticate"),
                HeaderValue::from_static("Bearer realm=\"newsgraph\""),
            );
        }
        headers.insert(
            HeaderName::from_static("x-content-type-options"),
            HeaderValue::from_static("nosniff"),
        );
        if self.config.cors {
            headers.insert(
                HeaderName::from_static("access-control-allow-origin"),
                HeaderValue::from_static("*"),
            );
        }
        r
    }

    fn route(&self, request: &mut Request<Body>) -> Response<Body> {
        let path = request.uri().path().to_string();
        let method = request.method().clone();
        let allowed = match path.as_str() {
            "/sparql" => "GET, POST, OPTIONS",
            "/" | "/index.html" | "/graph.json" => "GET, OPTIONS",
            _ => return text(StatusCode::NOT_FOUND, format!("not found: {path}")),
        };
        if method == Method::OPTIONS {
            let mut r = Response::new(Body::empty());
            *r.status_mut() = StatusCode::NO_CONTENT;
            let h = r.headers_mut();
            h.insert(ALLOW, HeaderValue::from_static(allowed));
            if self.config.cors {
                // No Access-Control-Allow-Methods: oxhttp drops that header. GET and POST are
                // CORS-safelisted methods and need none; preflights are about the headers.
                h.insert(
                    HeaderName::from_static("access-control-allow-headers"),
                    HeaderValue::from_static("Accept, Content-Type"),
                );
                h.insert(
                    HeaderName::from_static("access-control-max-age"),
                    HeaderValue::from_static("86400"),
                );
            }
            return r;
        }
        let is_sparql_post = path == "/sparql" && method == Method::POST;
        if method != Method::GET && !is_sparql_post {
            let mut r = text(
                StatusCode::METHOD_NOT_ALLOWED,
                format!("method {method} not allowed on {path} (allowed: {allowed})"),
            );
            r.headers_mut()
                .insert(ALLOW, HeaderValue::from_static(allowed));
            return r;
        }
        match path.as_str() {
            "/sparql" => match self.operation(request) {
                Ok(Operation::Update(update)) => self.update(&update),
                Ok(Operation::Query(query)) => {
                    let accept = request
                        .headers()
                        .get(ACCEPT)
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_string);
                    self.answer(&query, accept.as_deref())
                }
                Err(refusal) => refusal.into_response(),
            },
            "/graph.json" => self.view(Format::Json, "application/json"),
            _ => self.view(Format::Html, "text/html; charset=utf-8"),
        }
    }

    /// The viewer or its JSON, for the whole store, rendered now.
    fn view(&self, format: Format, content_type: &str) -> Response<Body> {
        let selection = Selection {
            depth: 1,
            ..Selection::default()
        };
        let rendered = View::load(&self.store, &selection)
            .and_then(|view| export::write(format, &view, Vec::new()));
        match rendered {
            Ok(body) => response(StatusCode::OK, content_type, body),
            Err(e) => text(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        }
    }

    /// The query or update of a `/sparql` request, per the SPARQL 1.1 Protocol. Updates are
    /// refused here unless allowed and authorised.
    fn operation(&self, request: &mut Request<Body>) -> std::result::Result<Operation, Refusal> {
        let url_params = parse_form(request.uri().query().unwrap_or("").as_bytes())?;
        let mut params = url_params;
        if request.method() == Method::POST {
            let content_type = request
                .headers()
                .get(CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            match content_type.as_str() {
                "application/sparql-update" => {
                    self.authorise_update(request)?;
                    let body = self.body(request)?;
                    let update = String::from_utf8(body).map_err(|_| {
                        Refusal::new(StatusCode::BAD_REQUEST, "the update is not valid UTF-8")
                    })?;
                    if params.iter().any(|(k, _)| k == "query" || k == "update") {
                        return Err(Refusal::new(
                            StatusCode::BAD_REQUEST,
                            "an update in the body must not also be given in the URL",
                        ));
                    }
                    return Ok(Operation::Update(update));
                }
                "application/sparql-query" => {
                    let body = self.body(request)?;
                    let query = String::from_utf8(body).map_err(|_| {
                        Refusal::new(StatusCode::BAD_REQUEST, "the query is not valid UTF-8")
                    })?;
                    if params.iter().any(|(k, _)| k == "query" || k == "update") {
                        return Err(Refusal::new(
                            StatusCode::BAD_REQUEST,
                            "a query in the body must not also be given in the URL",
                        ));
                    }
                    params.push(("query".into(), query));
                }
                "application/x-www-form-urlencoded" => {
                    let body = self.body(request)?;
                    params.extend(parse_form(&body)?);
                }
                "" => {
                    return Err(Refusal::new(
                        StatusCode::UNSUPPORTED_MEDIA_TYPE,
                        "POST needs a Content-Type: application/sparql-query or \
                         application/x-www-form-urlencoded",
                    ))
                }
                other => {
                    return Err(Refusal::new(
                        StatusCode::UNSUPPORTED_MEDIA_TYPE,
                        format!(
                            "unsupported Content-Type {other:?} (use application/sparql-query \
                             or application/x-www-form-urlencoded)"
                        ),
                    ))
                }
            }
        }
        if params.iter().any(|(k, _)| k == "update") {
            // The protocol takes updates in a POST body only, never in a URL.
            if request.method() != Method::POST {
                return Err(Refusal::new(
                    StatusCode::BAD_REQUEST,
                    "an update must be sent with POST",
                ));
            }
            self.authorise_update(request)?;
            if params.iter().any(|(k, _)| k == "query") {
                return Err(Refusal::new(
                    StatusCode::BAD_REQUEST,
                    "a request is either a query or an update, not both",
                ));
            }
            let mut updates = params.into_iter().filter(|(k, _)| k == "update");
            return match (updates.next(), updates.next()) {
                (Some((_, u)), None) if !u.trim().is_empty() => Ok(Operation::Update(u)),
                (Some(_), Some(_)) => Err(Refusal::new(
                    StatusCode::BAD_REQUEST,
                    "more than one update parameter",
                )),
                _ => Err(Refusal::new(StatusCode::BAD_REQUEST, "empty update")),
            };
        }
        if let Some((k, _)) = params
            .iter()
            .find(|(k, _)| k == "default-graph-uri" || k == "named-graph-uri")
        {
            return Err(Refusal::new(
                StatusCode::BAD_REQUEST,
                format!("{k} is not supported: use FROM / FROM NAMED in the query"),
            ));
        }
        let mut queries = params.into_iter().filter(|(k, _)| k == "query");
        match (queries.next(), queries.next()) {
            (Some((_, q)), None) if !q.trim().is_empty() => Ok(Operation::Query(q)),
            (Some(_), Some(_)) => Err(Refusal::new(
                StatusCode::BAD_REQUEST,
                "more than one query parameter",
            )),
            _ => Err(Refusal::new(
                StatusCode::BAD_REQUEST,
                "missing query: send ?query=… (GET), an application/sparql-query body or a \
                 query= form field (POST)",
            )),
        }
    }

    /// Lets an update through only when updates are allowed (else 403) and the request bears
    /// the token (else 401).
    fn authorise_update(&self, request: &Request<Body>) -> std::result::Result<(), Refusal> {
        let Some(token) = &self.config.update_token else {
            return Err(Refusal::new(StatusCode::FORBIDDEN, READ_ONLY));
        };
        let given = request
            .headers()
            .get(oxhttp::model::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                let (scheme, credentials) = v.trim().split_once(' ')?;
                scheme
                    .eq_ignore_ascii_case("bearer")
                    .then(|| credentials.trim())
            });
        match given {
            Some(g) if same_secret(g.as_bytes(), token.as_bytes()) => Ok(()),
            Some(_) => Err(Refusal::new(
                StatusCode::UNAUTHORIZED,
                "SPARQL update refused: wrong token",
            )),
            None => Err(Refusal::new(
                StatusCode::UNAUTHORIZED,
                "SPARQL update refused: send the header Authorization: Bearer TOKEN",
            )),
        }
    }

    /// Parses, checks and runs an update, in one transaction with the rebuild of the default
    /// graph; 204 when done.
    fn update(&self, update: &str) -> Response<Body> {
        let mut parser = spargebra::SparqlParser::new();
        for (p, ns) in crate::rdf::vocab::PREFIXES {
            parser = match parser.with_prefix(p, ns) {
                Ok(parser) => parser,
                Err(e) => return text(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
            };
        }
        let parsed = match parser.parse_update(update) {
            Ok(u) => u,
            Err(e) => {
                let msg = e.to_string().replace('\n', " ");
                return text(
                    StatusCode::BAD_REQUEST,
                    format!("SPARQL syntax error: {msg}"),
                );
            }
        };
        if let Some(why) = writes_default_graph(&parsed) {
            return text(
                StatusCode::BAD_REQUEST,
                format!(
                    "SPARQL update refused: it {why}; the default graph is the union of the \
                     article graphs, kept by newsgraph: write into GRAPH <…> instead"
                ),
            );
        }
        let token = CancellationToken::new();
        let evaluator = match crate::query::evaluator() {
            Ok(e) => e.with_cancellation_token(token.clone()),
            Err(e) => return text(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        };
        // One update at a time; a poisoned lock only means an earlier update panicked, and
        // its transaction was never committed.
        let _one_at_a_time = self
            .updates
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let cancelled = token.clone();
        let done = match watchdog(token, self.config.timeout) {
            Ok(done) => done,
            Err(e) => return text(StatusCode::SERVICE_UNAVAILABLE, e.to_string()),
        };
        let result = (|| -> std::result::Result<(), (StatusCode, String)> {
            let internal = |e: &dyn std::fmt::Display| {
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    e.to_string().replace('\n', " "),
                )
            };
            let mut t = self
                .store
                .inner()
                .start_transaction()
                .map_err(|e| internal(&e))?;
            evaluator
                .for_update(parsed)
                .on_transaction(&mut t)
                .execute()
                .map_err(|e| match e {
                    _ if cancelled.is_cancelled() => (
                        StatusCode::SERVICE_UNAVAILABLE,
                        format!(
                            "update timed out after {} s",
                            self.config.timeout.as_secs_f64()
                        ),
                    ),
                    e => (
                        StatusCode::BAD_REQUEST,
                        format!("SPARQL update failed: {}", e.to_string().replace('\n', " ")),
                    ),
                })?;
            crate::rdf::check::rebuild_default_graph(&mut t).map_err(|e| internal(&e))?;
            t.commit().map_err(|e| internal(&e))
        })();
        drop(done);
        match result {
            Ok(()) => {
                let mut r = Response::new(Body::empty());
                *r.status_mut() = StatusCode::NO_CONTENT;
                r
            }
            Err((status, message)) => text(status, message),
        }
    }

    /// The request body, at most `max_body` bytes.
    fn body(&self, request: &mut Request<Body>) -> std::result::Result<Vec<u8>, Refusal> {
        let limit = self.config.max_body;
        let too_large = || {
            Refusal::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("request body larger than {limit} bytes"),
            )
        };
        let declared = request
            .headers()
            .get(CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        if declared.is_some_and(|n| n > limit as u64) {
            return Err(too_large());
        }
        let mut body = Vec::new();
        request
            .body_mut()
            .take(limit as u64 + 1)
            .read_to_end(&mut body)
            .map_err(|e| Refusal::new(StatusCode::BAD_REQUEST, format!("reading the body: {e}")))?;
        if body.len() > limit {
            return Err(too_large());
        }
        Ok(body)
    }

    /// Parses, evaluates (with the timeout) and serializes a query.
    fn answer(&self, query: &str, accept: Option<&str>) -> Response<Body> {
        let token = CancellationToken::new();
        let evaluator = match crate::query::evaluator() {
            Ok(e) => e.with_cancellation_token(token.clone()),
            Err(e) => return text(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        };
        let prepared = match evaluator.parse_query(query) {
            Ok(p) => p,
            Err(e) => {
                let msg = e.to_string().replace('\n', " ");
                return text(
                    StatusCode::BAD_REQUEST,
                    format!("SPARQL syntax error: {msg}"),
                );
            }
        };
        let timeout = self.config.timeout;
        let done = match watchdog(token.clone(), timeout) {
            Ok(done) => done,
            Err(e) => return text(StatusCode::SERVICE_UNAVAILABLE, e.to_string()),
        };
        let result = prepared
            .on_store(self.store.inner())
            .execute()
            .and_then(|results| self.serialize(results, accept));
        drop(done);
        match result {
            Ok(Ok((content_type, body, truncated))) => {
                let mut r = response(StatusCode::OK, content_type, body);
                r.headers_mut()
                    .insert(VARY, HeaderValue::from_static("Accept"));
                if truncated {
                    if let Ok(v) = HeaderValue::from_str(&self.config.max_rows.to_string()) {
                        r.headers_mut()
                            .insert(HeaderName::from_static(TRUNCATED_HEADER), v);
                    }
                }
                r
            }
            Ok(Err(refusal)) => refusal.into_response(),
            Err(QueryEvaluationError::Cancelled) => text(
                StatusCode::SERVICE_UNAVAILABLE,
                format!("query timed out after {} s", timeout.as_secs_f64()),
            ),
            Err(e) => text(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!(
                    "SPARQL evaluation failed: {}",
                    e.to_string().replace('\n', " ")
                ),
            ),
        }
    }

    /// Writes results in the negotiated format, at most `max_rows` rows or triples; returns the
    /// media type, the bytes and whether rows were cut off.
    #[allow(clippy::type_complexity)]
    fn serialize(
        &self,
        results: QueryResults<'_>,
        accept: Option<&str>,
    ) -> std::result::Result<
        std::result::Result<(&'static str, Vec<u8>, bool), Refusal>,
        QueryEvaluationError,
    > {
        let io = |e: std::io::Error| QueryEvaluationError::Unexpected(Box::new(e));
        let max = self.config.max_rows;
        match results {
            QueryResults::Solutions(solutions) => {
                let Some(media) = negotiate(accept, &SOLUTION_TYPES) else {
                    return Ok(Err(not_acceptable(&SOLUTION_TYPES)));
                };
                let variables = solutions.variables().to_vec();
                let mut ser = QueryResultsSerializer::from_format(results_format(media))
                    .serialize_solutions_to_writer(Vec::new(), variables)
                    .map_err(io)?;
                let mut truncated = false;
                for (i, solution) in solutions.enumerate() {
                    let solution = solution?;
                    if i >= max {
                        truncated = true;
                        break;
                    }
                    ser.serialize(&solution).map_err(io)?;
                }
                Ok(Ok((media, ser.finish().map_err(io)?, truncated)))
            }
            QueryResults::Boolean(b) => {
                let Some(media) = negotiate(accept, &SOLUTION_TYPES) else {
                    return Ok(Err(not_acceptable(&SOLUTION_TYPES)));
                };
                let body = QueryResultsSerializer::from_format(results_format(media))
                    .serialize_boolean_to_writer(Vec::new(), b)
                    .map_err(io)?;
                Ok(Ok((media, body, false)))
            }
            QueryResults::Graph(triples) => {
                let Some(media) = negotiate(accept, &GRAPH_TYPES) else {
                    return Ok(Err(not_acceptable(&GRAPH_TYPES)));
                };
                let mut quads = Vec::new();
                let mut truncated = false;
                for triple in triples {
                    let triple = triple?;
                    if quads.len() >= max {
                        truncated = true;
                        break;
                    }
                    quads.push(triple.in_graph(GraphName::DefaultGraph));
                }
                let syntax = match media {
                    "application/n-triples" => RdfOutput::NTriples,
                    "application/ld+json" => RdfOutput::JsonLd,
                    "application/rdf+xml" => RdfOutput::RdfXml,
                    _ => RdfOutput::Turtle,
                };
                match write_quads(&quads, syntax, Vec::new()) {
                    Ok(body) => Ok(Ok((media, body, truncated))),
                    Err(e) => Ok(Err(Refusal::new(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        e.to_string(),
                    ))),
                }
            }
        }
    }
}

/// Starts a thread that cancels `token` when `timeout` passes before the returned sender is
/// dropped (the work is done).
fn watchdog(token: CancellationToken, timeout: Duration) -> std::io::Result<mpsc::Sender<()>> {
    let (done, finished) = mpsc::channel::<()>();
    std::thread::Builder::new()
        .name("newsgraph query watchdog".into())
        .spawn(move || {
            if let Err(mpsc::RecvTimeoutError::Timeout) = finished.recv_timeout(timeout) {
                token.cancel();
            }
        })?;
    Ok(done)
}

/// Compares a given secret with the expected one in time independent of where they differ.
fn same_secret(given: &[u8], expected: &[u8]) -> bool {
    given.len() == expected.len()
        && given
            .iter()
            .zip(expected)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// Why an update would write the default graph directly, if it would. (`CLEAR ALL` and
/// `DROP ALL` are fine: the union of nothing is empty.)
fn writes_default_graph(update: &spargebra::Update) -> Option<&'static str> {
    use spargebra::algebra::GraphTarget;
    use spargebra::term::{GraphName, GraphNamePattern};
    use spargebra::GraphUpdateOperation as Op;
    update.operations.iter().find_map(|op| match op {
        Op::InsertData { data } if data.iter().any(|q| q.graph_name == GraphName::DefaultGraph) => {
            Some("inserts data into the default graph")
        }
        Op::DeleteData { data } if data.iter().any(|q| q.graph_name == GraphName::DefaultGraph) => {
            Some("deletes data from the default graph")
        }
        Op::DeleteInsert { delete, insert, .. }
            if delete
                .iter()
                .any(|q| q.graph_name == GraphNamePattern::DefaultGraph)
                || insert
                    .iter()
                    .any(|q| q.graph_name == GraphNamePattern::DefaultGraph) =>
        {
            Some("has a template outside GRAPH, which writes the default graph")
        }
        Op::Load { destination, .. } if *destination == GraphName::DefaultGraph => {
            Some("loads into the default graph")
        }
        Op::Clear { graph, .. } | Op::Drop { graph, .. } if *graph == GraphTarget::DefaultGraph => {
            Some("clears the default graph")
        }
        _ => None,
    })
}

fn results_format(media: &str) -> QueryResultsFormat {
    match media {
        "application/sparql-results+xml" => QueryResultsFormat::Xml,
        "text/csv" => QueryResultsFormat::Csv,
        "text/tab-separated-values" => QueryResultsFormat::Tsv,
        _ => QueryResultsFormat::Json,
    }
}

fn not_acceptable(offered: &[&str]) -> Refusal {
    Refusal::new(
        StatusCode::NOT_ACCEPTABLE,
        format!(
            "no acceptable result format for this query (offered: {})",
            offered.join(", ")
        ),
    )
}

/// Other names clients use for the offered media types.
fn canonical_media(media: &str) -> &str {
    match media {
        "application/json" => "application/sparql-results+json",
        "application/xml" | "text/xml" => "application/sparql-results+xml",
        "text/plain" => "application/n-triples",
        other => other,
    }
}

/// Picks the offered media type the `Accept` header likes best (ties go to the earlier offer,
/// so the first is the default); `None` when it accepts none of them.
pub fn negotiate(accept: Option<&str>, offered: &[&'static str]) -> Option<&'static str> {
    let accept = match accept.map(str::trim) {
        None | Some("") => return offered.first().copied(),
        Some(a) => a,
    };
    // (range, q, specificity) for each range of the header.
    let ranges: Vec<(String, f32, u8)> = accept
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.split(';');
            let range = pieces.next()?.trim().to_ascii_lowercase();
            if range.is_empty() {
                return None;
            }
            let mut q = 1.0f32;
            for param in pieces {
                if let Some((k, v)) = param.split_once('=') {
                    if k.trim().eq_ignore_ascii_case("q") {
                        q = v.trim().parse().unwrap_or(0.0);
                    }
                }
            }
            let specificity = if range == "*/*" {
                0
            } else if range.ends_with("/*") {
                1
            } else {
                2
            };
            Some((range, q, specificity))
        })
        .collect();
    let mut best: Option<(&'static str, f32)> = None;
    for &media in offered {
        let matching = ranges
            .iter()
            .filter(|(range, _, specificity)| match specificity {
                0 => true,
                1 => media.starts_with(&range[..range.len() - 1]),
                _ => canonical_media(range) == media,
            })
            .max_by_key(|(_, _, specificity)| *specificity);
        if let Some((_, q, _)) = matching {
            if *q > 0.0 && best.is_none_or(|(_, b)| *q > b) {
                best = Some((media, *q));
            }
        }
    }
    best.map(|(m, _)| m)
}

/// Decodes `application/x-www-form-urlencoded` (also a URL's query string).
fn parse_form(bytes: &[u8]) -> std::result::Result<Vec<(String, String)>, Refusal> {
    let bad = || {
        Refusal::new(
            StatusCode::BAD_REQUEST,
            "malformed form or query string (bad percent-encoding or not UTF-8)",
        )
    };
    let mut out = Vec::new();
    for pair in bytes.split(|b| *b == b'&').filter(|p| !p.is_empty()) {
        let mut it = pair.splitn(2, |b| *b == b'=');
        let key = percent_decode(it.next().unwrap_or_default()).ok_or_else(bad)?;
        let value = percent_decode(it.next().unwrap_or_default()).ok_or_else(bad)?;
        out.push((key, value));
    }
    Ok(out)
}

fn percent_decode(bytes: &[u8]) -> Option<String> {
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hi = hex(*bytes.get(i + 1)?)?;
                let lo = hex(*bytes.get(i + 2)?)?;
                out.push((hi * 16 + lo) as u8);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation_prefers_quality_then_offer_order() {
        let s = &SOLUTION_TYPES;
        assert_eq!(negotiate(None, s), Some("application/sparql-results+json"));
        assert_eq!(negotiate(Some("*/*"), s), Some(s[0]));
        assert_eq!(negotiate(Some("text/csv"), s), Some("text/csv"));
        assert_eq!(
            negotiate(Some("text/csv;q=0.5, application/sparql-results+xml"), s),
            Some("application/sparql-results+xml")
        );
        assert_eq!(
            negotiate(Some("text/*"), s),
            Some("text/csv"),
            "ties go to the earlier offer"
        );
        assert_eq!(negotiate(Some("application/json"), s), Some(s[0]));
        assert_eq!(negotiate(Some("image/png"), s), None);
        assert_eq!(negotiate(Some("*/*;q=0"), s), None);
        assert_eq!(
            negotiate(Some("text/html, */*;q=0.1"), &GRAPH_TYPES),
            Some("text/turtle")
        );
    }

    #[test]
    fn forms_decode() {
        let Ok(form) = parse_form(b"query=SELECT+%3Fs%20WHERE&x=&flag") else {
            panic!("form parses");
        };
        assert_eq!(
            form,
            vec![
                ("query".to_string(), "SELECT ?s WHERE".to_string()),
                ("x".to_string(), String::new()),
                ("flag".to_string(), String::new()),
            ]
        );
        assert!(parse_form(b"query=%E2%8").is_err());
        assert!(parse_form(b"query=%FF").is_err());
    }
}
