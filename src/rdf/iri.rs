//! The IRI scheme. Entity IRIs depend only on what the entity is, never on the article or the
//! machine, so that graphs made separately merge by plain union:
//!
//! - states `https://w3id.org/newsgraph/id/state/{ISO 3166-1 alpha-2}` (e.g. `…/state/JP`),
//! - alliances `…/id/alliance/{lexicon id}` (e.g. `…/alliance/NATO`),
//! - places `…/id/place/{slug}`, organisations `…/id/org/{slug}`,
//! - people `…/id/person/{slug of the canonical name}` (`…/person/fumio-kishida`),
//! - articles `https://w3id.org/newsgraph/article/{id}` (the named graph too),
//! - the lexicon's background facts: the named graph `https://w3id.org/newsgraph/background`,
//! - the store's index of people by name words: the named graph `https://w3id.org/newsgraph/entities`,
//! - articles whose batch is half written: the named graph `https://w3id.org/newsgraph/pending`
//!   (empty except after a crash in the middle of a batch; see `GraphStore::open`),
//! - reifiers `{article IRI}#edge-{first 16 hex digits of SHA-256 of subject, predicate,
//!   object, evidence offsets}`.

use crate::lexicon::EntityKind;
use crate::resolve::EntityKey;

/// Base of entity IRIs.
pub const ENTITY_BASE: &str = "https://w3id.org/newsgraph/id/";
/// The named graph of the lexicon's background facts (alliance members, bodies' parents).
pub const BACKGROUND: &str = "https://w3id.org/newsgraph/background";
/// Base of article IRIs.
pub const ARTICLE_BASE: &str = "https://w3id.org/newsgraph/article/";
/// The store's entities index: each merged person with every word of their names
/// (`ng:nameToken`), so that merging finds the people a new article may be about. Derived from
/// the article graphs; not part of the default graph.
pub const ENTITIES: &str = "https://w3id.org/newsgraph/entities";

/// The store's journal of a batch being written: its new article graphs, each as `<graph> a
/// ng:PendingArticle`, while they are stored but the batch's other changes are not yet (a
/// crash then leaves them here, and the next writer takes them out again). Not part of the
/// default graph.
pub const PENDING: &str = "https://w3id.org/newsgraph/pending";

/// Whether a named graph's triples belong to the store's default graph: the article graphs do;
/// the lexicon's background facts and the entities index do not.
pub fn in_default_graph(graph: &str) -> bool {
    graph.starts_with(ARTICLE_BASE)
}

/// Percent-encodes anything outside IRI-unreserved ASCII (non-ASCII letters are kept, IRIs
/// allow them).
fn encode(segment: &str) -> String {
    let mut out = String::new();
    for c in segment.chars() {
        if c.is_ascii_alphanumeric()
            || matches!(c, '-' | '_' | '.' | '~' | '%')
            || (!c.is_ascii() && c.is_alphanumeric())
        {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// The IRI of an article (already made IRI-safe by `input::safe_id`).
pub fn article(safe_id: &str) -> String {
    format!("{ARTICLE_BASE}{}", encode(safe_id))
}

/// The IRI of an entity.
pub fn entity(key: &EntityKey) -> String {
    match key {
        EntityKey::Lexicon(kind, id) => {
            let k = match kind {
                EntityKind::State => "state",
                EntityKind::Alliance => "alliance",
                EntityKind::Place => "place",
                EntityKind::Organisation => "org",
            };
            format!("{ENTITY_BASE}{k}/{}", encode(id))
        }
        EntityKey::Person(slug) => format!("{ENTITY_BASE}person/{}", encode(slug)),
        EntityKey::Named(kind, slug) => {
            let k = match kind {
                EntityKind::Place => "place",
                _ => "org",
            };
            format!("{ENTITY_BASE}{k}/{}", encode(slug))
        }
    }
}

/// The Wikidata IRI of a QID.
pub fn wikidata(qid: &str) -> String {
    format!("{}{}", crate::rdf::vocab::WD, encode(qid))
}
