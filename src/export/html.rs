//! The interactive HTML viewer: one self-contained page that needs no network. It holds the SVG
//! drawing (laid out in Rust, see `layout`), the view's JSON, and a small script and style sheet
//! of our own (`viewer.js`, `viewer.css`, inlined): pan and zoom, a search box over names and
//! alternative names, a filter by kind, and a side panel showing, for a clicked node, its names,
//! Wikidata id, offices, relations and articles, and for a clicked edge its titles and evidence
//! sentences with their article IRIs and headlines.

use super::layout::{layout, LayoutOptions};
use super::model::View;
use super::{json, style, svg, xml_escape as esc};
use crate::error::{Error, Result};
use std::collections::BTreeMap;

const SCRIPT: &str = include_str!("viewer.js");
const STYLE: &str = include_str!("viewer.css");

/// JSON made safe to sit inside `<script>`: `<`, `>` and `&` only occur inside JSON strings,
/// where `\u003c`… mean the same, and cannot then close the element or open a comment.
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The page for a view.
pub fn render(view: &View) -> Result<String> {
    let positions = layout(view, &LayoutOptions::default());
    let picture = svg::render_at(view, &positions, true);
    let data = serde_json::to_string(&json::document(view, Some(&positions)))
        .map_err(|e| Error::Output(e.to_string()))?;
    let g = view.graph();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, n) in view.nodes() {
        *counts.entry(style::kind_name(n.kind)).or_default() += 1;
    }
    let mut filters = String::new();
    for k in style::KINDS {
        let name = style::kind_name(k);
        let Some(n) = counts.get(name) else { continue };
        let (fill, stroke) = style::kind_colours(k);
        filters.push_str(&format!(
            "<label class=\"kind\"><input type=\"checkbox\" data-kind=\"{name}\" checked><span class=\"swatch\" style=\"background:{fill};border-color:{stroke}\"></span>{name} <small>{n}</small></label>\n"
        ));
    }
    let title = format!(
        "newsgraph — {} nodes, {} edges",
        g.node_count(),
        g.edge_count()
    );
    Ok(format!(
        "<!DOCTYPE html>
<html lang=\"en\">
<head>
<meta charset=\"utf-8\">
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">
<link rel=\"icon\" href=\"data:,\">
<title>{}</title>
<style>
{STYLE}</style>
</head>
<body>
<header>
<strong class=\"brand\">newsgraph</strong>
<input id=\"search\" type=\"search\" placeholder=\"Search names…\" autocomplete=\"off\" aria-label=\"Search names\">
<span id=\"matches\"></span>
<span id=\"kinds\">
{filters}</span>
<button id=\"fit\" type=\"button\" title=\"Show the whole graph\">Fit</button>
</header>
<main>
<div id=\"canvas\">
{picture}</div>
<aside id=\"panel\" aria-live=\"polite\">
<h2>{}</h2>
<p class=\"hint\">Click a node or an edge to see its names, offices and evidence sentences. Drag to pan, scroll to zoom, type in the search box to find a name.</p>
</aside>
</main>
<script type=\"application/json\" id=\"graph-data\">{}</script>
<script>
{SCRIPT}</script>
</body>
</html>
",
        esc(&title),
        esc(&title),
        script_safe(&data)
    ))
}

#[cfg(test)]
mod tests {
    use super::script_safe;

    #[test]
    fn json_cannot_close_the_script_element() {
        assert_eq!(
            script_safe(r#"{"a":"</script><!--&"}"#),
            r#"{"a":"\u003c/script\u003e\u003c!--\u0026"}"#
        );
    }
}
