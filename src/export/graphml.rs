//! GraphML (<http://graphml.graphdrawing.org/>) for Gephi, yEd, Cytoscape and NetworkX: typed
//! `<key>` declarations, then nodes `n0…` and edges `e0…` with their attributes as `<data>`.
//!
//! Node ids are `n{index}` rather than IRIs because GraphML ids are XML `NMTOKEN`s, which may
//! not hold `/`; the IRI is the `iri` attribute. Attribute names follow Gephi's conventions where
//! it has them (`label`, `weight`, and `r`/`g`/`b` for the node colour). Symmetric relations are
//! `directed="false"` edges in a directed graph.

use super::model::View;
use super::style;
use super::xml_escape as esc;

/// `(id, for, attr.name, attr.type)` of every key.
const KEYS: [(&str, &str, &str, &str); 16] = [
    ("label", "node", "label", "string"),
    ("kind", "node", "kind", "string"),
    ("iri", "node", "iri", "string"),
    ("qid", "node", "qid", "string"),
    ("altLabels", "node", "altLabels", "string"),
    ("articles", "node", "articles", "int"),
    ("r", "node", "r", "int"),
    ("g", "node", "g", "int"),
    ("b", "node", "b", "int"),
    ("relation", "edge", "relation", "string"),
    ("edgeLabel", "edge", "label", "string"),
    ("weight", "edge", "weight", "double"),
    ("symmetric", "edge", "symmetric", "boolean"),
    ("titles", "edge", "titles", "string"),
    ("evidence", "edge", "evidence", "string"),
    ("statedIn", "edge", "statedIn", "string"),
];

fn rgb(hex: &str) -> (u8, u8, u8) {
    let c = |i: usize| {
        hex.get(i..i + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            .unwrap_or(0)
    };
    (c(1), c(3), c(5))
}

fn data(out: &mut String, key: &str, value: &str) {
    out.push_str(&format!(
        "      <data key=\"{key}\">{}</data>\n",
        esc(value)
    ));
}

/// The GraphML text of a view.
pub fn render(view: &View) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
         http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    for (id, domain, name, ty) in KEYS {
        out.push_str(&format!(
            "  <key id=\"{id}\" for=\"{domain}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>\n"
        ));
    }
    out.push_str("  <graph id=\"newsgraph\" edgedefault=\"directed\">\n");
    for (i, n) in view.nodes() {
        out.push_str(&format!("    <node id=\"n{}\">\n", i.index()));
        data(&mut out, "label", &n.label);
        data(&mut out, "kind", style::kind_name(n.kind));
        data(&mut out, "iri", &n.iri);
        if let Some(q) = &n.qid {
            data(&mut out, "qid", q);
        }
        if !n.alt_labels.is_empty() {
            let alt: Vec<&str> = n.alt_labels.iter().map(|l| l.value.as_str()).collect();
            data(&mut out, "altLabels", &alt.join(" | "));
        }
        data(&mut out, "articles", &n.articles.to_string());
        let (r, gr, b) = rgb(style::kind_colours(n.kind).1);
        data(&mut out, "r", &r.to_string());
        data(&mut out, "g", &gr.to_string());
        data(&mut out, "b", &b.to_string());
        out.push_str("    </node>\n");
    }
    for (i, s, t, e) in view.edges() {
        out.push_str(&format!(
            "    <edge id=\"e{}\" source=\"n{}\" target=\"n{}\"{}>\n",
            i.index(),
            s.index(),
            t.index(),
            if e.symmetric {
                " directed=\"false\""
            } else {
                ""
            }
        ));
        data(&mut out, "relation", e.relation.name());
        data(&mut out, "edgeLabel", e.relation.name());
        data(&mut out, "weight", &e.weight.to_string());
        data(
            &mut out,
            "symmetric",
            if e.symmetric { "true" } else { "false" },
        );
        if !e.titles.is_empty() {
            let titles: Vec<String> = e
                .titles
                .iter()
                .map(|t| format!("{}@{}", t.value, t.lang))
                .collect();
            data(&mut out, "titles", &titles.join(" | "));
        }
        if !e.evidence.is_empty() {
            let ev: Vec<String> = e
                .evidence
                .iter()
                .map(|v| format!("{} <{}>", v.sentence, v.article))
                .collect();
            data(&mut out, "evidence", &ev.join("\n"));
        }
        data(&mut out, "statedIn", &e.stated_in.join(" "));
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}
