//! Pushing article graphs to a SPARQL 1.1 Graph Store HTTP Protocol server (Virtuoso, Fuseki,
//! GraphDB, Oxigraph's server…): one HTTP `PUT ?graph=<article IRI>` per article, which
//! replaces the graph on the server, so pushing an updated article again is an update.
//! Authentication: HTTP digest (RFC 7616, MD5, `qop=auth`; what Virtuoso asks for) or basic,
//! whichever the server's challenge names.

use crate::error::{Error, Result};
use md5::{Digest, Md5};
use std::io::Read;

/// A user name and password for the server.
#[derive(Debug, Clone)]
pub struct Credentials {
    /// User name.
    pub user: String,
    /// Password.
    pub password: String,
}

/// A server's `WWW-Authenticate` challenge, kept to answer the next requests without a
/// round trip each.
#[derive(Debug, Clone, PartialEq)]
enum Challenge {
    Basic,
    Digest {
        realm: String,
        nonce: String,
        opaque: Option<String>,
        qop_auth: bool,
    },
}

/// A client of one Graph Store endpoint.
#[derive(Debug)]
pub struct GraphStoreClient {
    agent: ureq::Agent,
    endpoint: String,
    credentials: Option<Credentials>,
    challenge: Option<Challenge>,
    nonce_count: u32,
}

/// The lowercase hex MD5 of `s`.
fn md5_hex(s: &str) -> String {
    Md5::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Percent-encodes a query parameter value (everything but unreserved ASCII).
fn encode_query(v: &str) -> String {
    let mut out = String::with_capacity(v.len() * 3);
    for b in v.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn base64(input: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in input.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Parses `Digest realm="x", nonce="y", qop="auth"` (or `Basic realm=…`).
fn parse_challenge(header: &str) -> Option<Challenge> {
    let (scheme, rest) = header.trim().split_once(' ').unwrap_or((header.trim(), ""));
    if scheme.eq_ignore_ascii_case("basic") {
        return Some(Challenge::Basic);
    }
    if !scheme.eq_ignore_ascii_case("digest") {
        return None;
    }
    let mut params = std::collections::HashMap::new();
    let mut s = rest;
    while let Some((key, after)) = s.split_once('=') {
        let key = key
            .trim()
            .trim_start_matches(',')
            .trim()
            .to_ascii_lowercase();
        let after = after.trim_start();
        let (value, next) = if let Some(q) = after.strip_prefix('"') {
            let end = q.find('"')?;
            (&q[..end], &q[end + 1..])
        } else {
            let end = after.find(',').unwrap_or(after.len());
            (after[..end].trim(), &after[end..])
        };
        params.insert(key, value.to_string());
        s = next;
    }
    if let Some(alg) = params.get("algorithm") {
        // MD5 is what Debian's Virtuoso and most servers offer; SHA-256 digest is rare.
        if !alg.eq_ignore_ascii_case("md5") {
            return None;
        }
    }
    Some(Challenge::Digest {
        realm: params.get("realm").cloned().unwrap_or_default(),
        nonce: params.get("nonce")?.clone(),
        opaque: params.get("opaque").cloned(),
        qop_auth: params
            .get("qop")
            .is_some_and(|q| q.split(',').any(|x| x.trim() == "auth")),
    })
}

/// The best challenge of a 401 response: digest first, never sending a password in the clear
/// when the server can do better.
fn challenges(resp: &ureq::http::Response<ureq::Body>) -> Option<Challenge> {
    let all: Vec<Challenge> = resp
        .headers()
        .get_all("www-authenticate")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(parse_challenge)
        .collect();
    all.iter()
        .find(|c| matches!(c, Challenge::Digest { .. }))
        .or(all.first())
        .cloned()
}

impl GraphStoreClient {
    /// A client for `endpoint` (the Graph Store URL, e.g.
    /// `http://host:8890/sparql-graph-crud-auth`).
    pub fn new(endpoint: &str, credentials: Option<Credentials>) -> Result<GraphStoreClient> {
        if !(endpoint.starts_with("http://") || endpoint.starts_with("https://")) {
            return Err(Error::BadInput(format!(
                "--endpoint {endpoint:?}: not an http:// or https:// URL"
            )));
        }
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            // No kept-alive connections: Virtuoso closes one after a 401, and a PUT written
            // into a closed connection fails with a broken pipe. A connection per graph costs
            // little next to the graph.
            .max_idle_connections_per_host(0)
            .timeout_global(Some(std::time::Duration::from_secs(300)))
            .build();
        Ok(GraphStoreClient {
            agent: config.into(),
            endpoint: endpoint.to_string(),
            credentials,
            challenge: None,
            nonce_count: 0,
        })
    }

    fn remote(&self, message: impl std::fmt::Display) -> Error {
        Error::Remote {
            endpoint: self.endpoint.clone(),
            message: message.to_string(),
        }
    }

    /// The `Authorization` header answering the kept challenge for `method` on `url`.
    fn authorization(&mut self, method: &str, url: &str) -> Option<String> {
        let c = self.credentials.as_ref()?;
        match self.challenge.as_ref()? {
            Challenge::Basic => Some(format!(
                "Basic {}",
                base64(format!("{}:{}", c.user, c.password).as_bytes())
            )),
            Challenge::Digest {
                realm,
                nonce,
                opaque,
                qop_auth,
            } => {
                // The digest covers the request-target: the path and query of the URL.
                let after_scheme = url.split_once("://").map_or(url, |x| x.1);
                let uri = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
                let ha1 = md5_hex(&format!("{}:{realm}:{}", c.user, c.password));
                let ha2 = md5_hex(&format!("{method}:{uri}"));
                self.nonce_count += 1;
                let nc = format!("{:08x}", self.nonce_count);
                let cnonce =
                    md5_hex(&format!("{nonce}:{nc}:{}", std::process::id()))[..16].to_string();
                let mut h = format!(
                    "Digest username=\"{}\", realm=\"{realm}\", nonce=\"{nonce}\", uri=\"{uri}\", algorithm=MD5",
                    c.user
                );
                let response = if *qop_auth {
                    h.push_str(&format!(", qop=auth, nc={nc}, cnonce=\"{cnonce}\""));
                    md5_hex(&format!("{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}"))
                } else {
                    md5_hex(&format!("{ha1}:{nonce}:{ha2}"))
                };
                h.push_str(&format!(", response=\"{response}\""));
                if let Some(o) = opaque {
                    h.push_str(&format!(", opaque=\"{o}\""));
                }
                Some(h)
            }
        }
    }

    /// Replaces named graph `graph` on the server with `body` (Turtle or N-Triples, sent as
    /// `text/turtle`: N-Triples is Turtle too). Answers a 401 challenge once, then keeps it
    /// for the next graphs.
    pub fn put_graph(&mut self, graph: &str, body: &[u8]) -> Result<()> {
        let sep = if self.endpoint.contains('?') {
            '&'
        } else {
            '?'
        };
        let url = format!("{}{sep}graph={}", self.endpoint, encode_query(graph));
        if self.credentials.is_some() && self.challenge.is_none() {
            // Learn the server's challenge with a bodiless request first: a server refusing
            // a big unauthenticated PUT may close the connection before reading it.
            let resp = self.agent.head(&url).call().map_err(|e| self.remote(e))?;
            self.challenge = challenges(&resp);
        }
        for attempt in 0..4 {
            let mut req = self
                .agent
                .put(&url)
                .header("Content-Type", "text/turtle; charset=utf-8");
            if let Some(auth) = self.authorization("PUT", &url) {
                req = req.header("Authorization", &auth);
            }
            let mut resp = match req.send(body) {
                Ok(r) => r,
                // A kept-alive connection the server had closed (Virtuoso closes after a 401):
                // PUT is idempotent, so once more on a fresh connection.
                // It may also have refused a stale nonce before reading the body: ask again.
                Err(ureq::Error::Io(_)) if attempt < 3 => {
                    if self.credentials.is_some() {
                        let resp = self.agent.head(&url).call().map_err(|e| self.remote(e))?;
                        self.challenge = challenges(&resp);
                        self.nonce_count = 0;
                        // A server that refuses the credentials may close the connection
                        // before reading the body, so the refusal shows as a broken pipe:
                        // ask without a body whether it takes them.
                        let mut probe = self.agent.head(&url);
                        if let Some(auth) = self.authorization("HEAD", &url) {
                            probe = probe.header("Authorization", &auth);
                        }
                        let resp = probe.call().map_err(|e| self.remote(e))?;
                        if resp.status().as_u16() == 401 {
                            return Err(self.remote(format!(
                                "HTTP 401 for graph <{graph}> (check --user and --password)"
                            )));
                        }
                        if let Some(best) = challenges(&resp) {
                            self.challenge = Some(best);
                            self.nonce_count = 0;
                        }
                    }
                    continue;
                }
                Err(e) => return Err(self.remote(e)),
            };
            let status = resp.status().as_u16();
            if (200..300).contains(&status) {
                return Ok(());
            }
            if status == 401 && attempt < 3 && self.credentials.is_some() {
                let best = challenges(&resp);
                if best.is_some() {
                    self.challenge = best;
                    self.nonce_count = 0;
                    continue;
                }
            }
            let mut text = String::new();
            let _ = resp
                .body_mut()
                .as_reader()
                .take(4096)
                .read_to_string(&mut text);
            let first = text
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .unwrap_or("");
            let hint = if status == 401 {
                " (check --user and --password)"
            } else {
                ""
            };
            return Err(self.remote(format!("HTTP {status} for graph <{graph}>{hint}: {first}")));
        }
        Err(self.remote(format!(
            "HTTP 401 for graph <{graph}> (check --user and --password)"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_challenges_parse() {
        let c = parse_challenge(
            r#"Digest realm="virtuoso", domain="/sparql-graph-crud-auth", nonce="abc", opaque="5ebe", stale=false, qop="auth", algorithm="MD5""#,
        );
        assert_eq!(
            c,
            Some(Challenge::Digest {
                realm: "virtuoso".into(),
                nonce: "abc".into(),
                opaque: Some("5ebe".into()),
                qop_auth: true
            })
        );
        assert_eq!(parse_challenge("Basic realm=\"x\""), Some(Challenge::Basic));
        assert_eq!(parse_challenge("Bearer"), None);
    }

    #[test]
    fn rfc_2617_example_response() {
        // The worked example of RFC 2617 section 3.5 (MD5, qop=auth).
        let ha1 = md5_hex("Mufasa:testrealm@host.com:Circle Of Life");
        let ha2 = md5_hex("GET:/dir/index.html");
        let r = md5_hex(&format!(
            "{ha1}:dcd98b7102dd2f0e8b11d0f600bfb0c093:00000001:0a4f113b:auth:{ha2}"
        ));
        assert_eq!(r, "6629fae49393a05397450978507c4ef1");
        assert_eq!(
            base64(b"Aladdin:open sesame"),
            "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        );
        assert_eq!(encode_query("https://x/a b"), "https%3A%2F%2Fx%2Fa%20b");
    }
}
