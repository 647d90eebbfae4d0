//! The fixed IRIs of the public vocabulary (SPEC.md, shipped as `data/ontology.ttl`).

/// The newsgraph ontology namespace.
pub const NG: &str = "https://w3id.org/newsgraph/ontology#";
/// schema.org.
pub const SCHEMA: &str = "http://schema.org/";
/// RDF Schema.
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
/// RDF.
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
/// SKOS.
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
/// OWL.
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
/// PROV-O.
pub const PROV: &str = "http://www.w3.org/ns/prov#";
/// Wikidata entities.
pub const WD: &str = "http://www.wikidata.org/entity/";
/// XML Schema datatypes.
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

/// The prefixes written in Turtle/TriG output and accepted in queries without declaration.
pub const PREFIXES: [(&str, &str); 15] = [
    ("ng", NG),
    ("schema", SCHEMA),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("skos", SKOS),
    ("owl", OWL),
    ("prov", PROV),
    ("wd", WD),
    ("xsd", XSD),
    ("person", "https://w3id.org/newsgraph/id/person/"),
    ("state", "https://w3id.org/newsgraph/id/state/"),
    ("alliance", "https://w3id.org/newsgraph/id/alliance/"),
    ("place", "https://w3id.org/newsgraph/id/place/"),
    ("organisation", "https://w3id.org/newsgraph/id/org/"),
    ("article", crate::rdf::iri::ARTICLE_BASE),
];

/// `PREFIX` declarations for all of [`PREFIXES`], for prepending to user queries.
pub fn sparql_prefixes() -> String {
    PREFIXES
        .iter()
        .map(|(p, ns)| format!("PREFIX {p}: <{ns}>\n"))
        .collect()
}
