//! Graphviz DOT: a `digraph` with one statement per node and edge, ready for `dot`, `neato` or
//! `sfdp`. Node shape and colour follow the kind (people ellipses, states boxes, alliances
//! hexagons, others notes); edges are labelled with their relation, drawn wider the more
//! articles support them, and undirected (`dir=none`) for symmetric relations.

use super::model::View;
use super::style;

/// Quotes a string as a DOT double-quoted string. Inside one only `\"` is an escape for the
/// lexer, but labels read `\n`, `\l`, `\N`… as directives, so backslashes are doubled; line
/// breaks and other control characters become spaces.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// The DOT text of a view.
pub fn render(view: &View) -> String {
    let g = view.graph();
    let mut out = String::new();
    out.push_str(&format!(
        "// newsgraph export: {}, {}\ndigraph newsgraph {{\n",
        plural(g.node_count(), "node"),
        plural(g.edge_count(), "edge")
    ));
    out.push_str(
        "  graph [overlap=false, splines=true, outputorder=edgesfirst, fontname=\"Helvetica\"];\n  \
         node [style=filled, fontname=\"Helvetica\", fontsize=11, penwidth=1.2];\n  \
         edge [fontname=\"Helvetica\", fontsize=9, arrowsize=0.7];\n",
    );
    for (_, n) in view.nodes() {
        let (fill, stroke) = style::kind_colours(n.kind);
        let mut tip = format!(
            "{} · {}",
            style::kind_name(n.kind),
            plural(n.articles, "article")
        );
        if let Some(q) = &n.qid {
            tip.push_str(&format!(" · {q}"));
        }
        out.push_str(&format!(
            "  {} [label={}, shape={}, fillcolor=\"{fill}\", color=\"{stroke}\", tooltip={}];\n",
            quote(&n.iri),
            quote(&n.label),
            style::dot_shape(n.kind),
            quote(&tip)
        ));
    }
    for (_, s, t, e) in view.edges() {
        let colour = style::relation_colour(e.relation);
        let mut tip: Vec<String> = e
            .titles
            .iter()
            .filter(|t| t.lang == "en")
            .map(|t| t.value.clone())
            .collect();
        tip.push(plural(e.weight, "article"));
        out.push_str(&format!(
            "  {} -> {} [label={}, penwidth={:.2}, weight={}, color=\"{colour}\", fontcolor=\"{colour}\", tooltip={}{}];\n",
            quote(&g[s].iri),
            quote(&g[t].iri),
            quote(e.relation.name()),
            style::edge_width(e.weight),
            e.weight,
            quote(&tip.join(" · ")),
            if e.symmetric { ", dir=none" } else { "" }
        ));
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn quotes_and_backslashes_are_escaped() {
        assert_eq!(quote(r#"a "b" \n"#), r#""a \"b\" \\n""#);
        assert_eq!(quote("line\nbreak"), "\"line break\"");
    }
}
