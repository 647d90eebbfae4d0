//! SVG: the view drawn with the built-in force-directed layout (see `layout`). Nodes are shaped
//! and coloured by kind (as in the DOT output), labelled below, with a `<title>` tooltip; edges
//! are coloured by relation family, wider the more articles support them, with an arrowhead
//! unless symmetric, and labelled with their relation. Several edges between the same two nodes
//! are drawn as separate curves. Plain SVG 1.1 attributes only (no CSS), so that browsers,
//! Inkscape and librsvg all draw it alike. The HTML viewer embeds the same drawing.

use super::layout::{layout, LayoutOptions, Point};
use super::model::View;
use super::style;
use super::xml_escape as esc;
use crate::graph::NodeKind;
use std::collections::{BTreeMap, BTreeSet};

/// Height of the legend strip above the graph.
const LEGEND: f64 = 28.0;

/// The SVG element drawing a node's shape centred on (x, y).
fn shape(kind: NodeKind, x: f64, y: f64, r: f64) -> String {
    let (fill, stroke) = style::kind_colours(kind);
    let paint = format!("fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.5\"");
    match kind {
        NodeKind::Person => format!("<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" {paint}/>"),
        NodeKind::State => format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"2\" {paint}/>",
            x - r,
            y - 0.75 * r,
            2.0 * r,
            1.5 * r
        ),
        NodeKind::Alliance => {
            // A flat-sided hexagon: (±r, 0), (±r/2, ±0.866r).
            let h = 0.866 * r;
            format!(
                "<polygon points=\"{:.1},{y:.1} {:.1},{:.1} {:.1},{:.1} {:.1},{y:.1} {:.1},{:.1} {:.1},{:.1}\" {paint}/>",
                x - r,
                x - r / 2.0,
                y - h,
                x + r / 2.0,
                y - h,
                x + r,
                x + r / 2.0,
                y + h,
                x - r / 2.0,
                y + h
            )
        }
        NodeKind::Organisation | NodeKind::Place => {
            // A note: a rectangle with its top-right corner folded.
            let (w, h, f) = (r, 0.8 * r, 0.45 * r);
            format!(
                "<path d=\"M{:.1},{:.1} H{:.1} L{:.1},{:.1} V{:.1} H{:.1} Z\" {paint}/>",
                x - w,
                y - h,
                x + w - f,
                x + w,
                y - h + f,
                y + h,
                x - w
            )
        }
    }
}

fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// Draws a view laid out with the default layout options; `interactive` adds the ids and
/// classes the HTML viewer uses (`n{i}`, `e{i}`).
pub fn render(view: &View, interactive: bool) -> String {
    let positions = layout(view, &LayoutOptions::default());
    render_at(view, &positions, interactive)
}

/// Draws a view at given positions (one per node, in node order).
pub fn render_at(view: &View, positions: &[Point], interactive: bool) -> String {
    let g = view.graph();
    let longest = view
        .nodes()
        .map(|(_, n)| n.label.chars().count())
        .max()
        .unwrap_or(0);
    // Labels are centred under nodes: leave room for half the longest one (≈ 6 px a character
    // at 11 px).
    let margin_x = (30.0 + 3.2 * longest as f64).min(200.0);
    let margin_y = 40.0;
    let max_x = positions.iter().map(|p| p.x).fold(0.0, f64::max);
    let max_y = positions.iter().map(|p| p.y).fold(0.0, f64::max);
    let width = (max_x + 2.0 * margin_x).max(360.0).ceil();
    let height = (max_y + 2.0 * margin_y + LEGEND).max(120.0).ceil();
    let at = |i: usize| {
        let p = positions
            .get(i)
            .copied()
            .unwrap_or(Point { x: 0.0, y: 0.0 });
        Point {
            x: p.x + margin_x,
            y: p.y + margin_y + LEGEND,
        }
    };
    let mut out = String::new();
    out.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" {}viewBox=\"0 0 {width} {height}\" font-family=\"Helvetica, Arial, sans-serif\">\n",
        if interactive {
            "id=\"graph\" width=\"100%\" height=\"100%\" ".to_string()
        } else {
            format!("width=\"{width}\" height=\"{height}\" ")
        }
    ));
    out.push_str(&format!(
        "<title>newsgraph: {}, {}</title>\n",
        plural(g.node_count(), "node"),
        plural(g.edge_count(), "edge")
    ));
    // One arrowhead per relation colour in use (SVG 1.1 markers cannot take the line's colour).
    let colours: BTreeSet<&str> = view
        .edges()
        .filter(|(_, _, _, e)| !e.symmetric)
        .map(|(_, _, _, e)| style::relation_colour(e.relation))
        .collect();
    out.push_str("<defs>\n");
    for c in &colours {
        out.push_str(&format!(
            "<marker id=\"arrow-{}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{c}\"/></marker>\n",
            c.trim_start_matches('#')
        ));
    }
    out.push_str("</defs>\n");
    out.push_str(&format!(
        "<rect id=\"background\" x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>\n"
    ));
    // Legend: the kinds present.
    let kinds: BTreeSet<NodeKind> = view.nodes().map(|(_, n)| n.kind).collect();
    out.push_str("<g id=\"legend\" font-size=\"11\" fill=\"#333333\">\n");
    let mut lx = 14.0;
    for k in style::KINDS.iter().filter(|k| kinds.contains(k)) {
        out.push_str(&shape(*k, lx + 7.0, 18.0, 7.0));
        let name = style::kind_name(*k);
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"22\">{name}</text>\n",
            lx + 18.0
        ));
        lx += 30.0 + 6.5 * name.len() as f64;
    }
    if g.node_count() == 0 {
        out.push_str("<text x=\"14\" y=\"60\">nothing to show</text>\n");
    }
    out.push_str("</g>\n");

    // Edges first, so that nodes sit on top. Edges between the same two nodes fan out as
    // curves bending to alternate sides.
    let mut between: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for (i, s, t, _) in view.edges() {
        let key = (s.index().min(t.index()), s.index().max(t.index()));
        between.entry(key).or_default().push(i.index());
    }
    let mut bend = vec![0.0; g.edge_count()];
    for ids in between.values() {
        let k = ids.len() as f64;
        for (m, &id) in ids.iter().enumerate() {
            bend[id] = (m as f64 - (k - 1.0) / 2.0) * 28.0;
        }
    }
    out.push_str("<g id=\"edges\" fill=\"none\">\n");
    for (i, s, t, e) in view.edges() {
        let (a, b) = (at(s.index()), at(t.index()));
        let colour = style::relation_colour(e.relation);
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let len = (dx * dx + dy * dy).sqrt().max(1e-6);
        let (ux, uy) = (dx / len, dy / len);
        // Control point: the midpoint pushed sideways by the bend, and the ends pulled back to
        // the node outlines so that arrowheads show.
        let off = bend[i.index()];
        let c = Point {
            x: (a.x + b.x) / 2.0 - uy * off,
            y: (a.y + b.y) / 2.0 + ux * off,
        };
        let pull = |from: Point, to: Point, r: f64| {
            let (vx, vy) = (to.x - from.x, to.y - from.y);
            let l = (vx * vx + vy * vy).sqrt().max(1e-6);
            let r = r.min(l / 2.0);
            Point {
                x: from.x + vx / l * r,
                y: from.y + vy / l * r,
            }
        };
        let start = pull(a, c, style::node_radius(g[s].articles) + 1.0);
        let end = pull(b, c, style::node_radius(g[t].articles) + 2.0);
        let path = if off == 0.0 {
            format!("M{:.1},{:.1} L{:.1},{:.1}", start.x, start.y, end.x, end.y)
        } else {
            format!(
                "M{:.1},{:.1} Q{:.1},{:.1} {:.1},{:.1}",
                start.x, start.y, c.x, c.y, end.x, end.y
            )
        };
        // The label sits at the middle of the curve, B(½) = (a + 2c + b) / 4.
        let mid = Point {
            x: (a.x + 2.0 * c.x + b.x) / 4.0,
            y: (a.y + 2.0 * c.y + b.y) / 4.0,
        };
        let mut tip = format!("{} —{}→ {}", g[s].label, e.relation.name(), g[t].label);
        for t in e.titles.iter().filter(|t| t.lang == "en") {
            tip.push_str(&format!(" · {}", t.value));
        }
        tip.push_str(&format!(" · {}", plural(e.weight, "article")));
        out.push_str(&format!(
            "<g{}><title>{}</title>{}<path d=\"{path}\" stroke=\"{colour}\" stroke-width=\"{:.2}\" stroke-opacity=\"0.75\"{}/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"8.5\" text-anchor=\"middle\" fill=\"{colour}\" stroke=\"#ffffff\" stroke-width=\"2.5\" paint-order=\"stroke\">{}</text></g>\n",
            if interactive {
                format!(" id=\"e{}\" class=\"edge\"", i.index())
            } else {
                String::new()
            },
            esc(&tip),
            // A wide invisible copy of the line makes thin edges easy to click.
            if interactive {
                format!("<path class=\"hit\" d=\"{path}\"/>")
            } else {
                String::new()
            },
            style::edge_width(e.weight),
            if e.symmetric {
                String::new()
            } else {
                format!(" marker-end=\"url(#arrow-{})\"", colour.trim_start_matches('#'))
            },
            mid.x,
            mid.y + 3.0,
            e.relation.name()
        ));
    }
    out.push_str("</g>\n<g id=\"nodes\">\n");
    for (i, n) in view.nodes() {
        let p = at(i.index());
        let r = style::node_radius(n.articles);
        let mut tip = format!("{} ({})", n.label, style::kind_name(n.kind));
        if let Some(q) = &n.qid {
            tip.push_str(&format!(" · {q}"));
        }
        tip.push_str(&format!(" · {}", plural(n.articles, "article")));
        out.push_str(&format!(
            "<g{}><title>{}</title>{}<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#222222\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\">{}</text></g>\n",
            if interactive {
                format!(" id=\"n{}\" class=\"node\"", i.index())
            } else {
                String::new()
            },
            esc(&tip),
            shape(n.kind, p.x, p.y, r),
            p.x,
            p.y + r + 12.0,
            esc(&n.label)
        ));
    }
    out.push_str("</g>\n</svg>\n");
    out
}
