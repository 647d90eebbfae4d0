//! Force-directed layout for the SVG and HTML pictures: Fruchterman and Reingold's algorithm
//! ("Graph drawing by force-directed placement", 1991) with their grid variant for repulsion,
//! so that each step costs about O(nodes + edges) instead of O(nodes²), plus a weak pull to the
//! centre that keeps unconnected entities near the rest.
//!
//! Deterministic: starting positions come from a fixed seed and node order, and only `+ − × ÷`
//! and `sqrt` (exact in IEEE 754) touch the coordinates, so the same graph always gets the same
//! picture. Graphviz is not needed (nor used, so the output does not depend on the machine).

use super::model::View;
use super::style;
use std::collections::HashMap;

/// A position in the picture, in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// Horizontal, growing rightwards.
    pub x: f64,
    /// Vertical, growing downwards.
    pub y: f64,
}

/// Layout parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LayoutOptions {
    /// Number of steps (the temperature falls to zero over them).
    pub iterations: usize,
    /// The ideal distance between joined nodes, in pixels (FR's `k`).
    pub distance: f64,
    /// Seed of the starting positions.
    pub seed: u64,
    /// Strength of the pull towards the centre (scaled by 1/√nodes).
    pub gravity: f64,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            iterations: 300,
            distance: 90.0,
            seed: 0x6e65_7773_6772_6170, // "newsgrap"
            gravity: 2.0,
        }
    }
}

/// SplitMix64: a tiny, well-mixed generator, enough for starting positions.
fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A number in [0, 1) from a seed.
fn unit(z: u64) -> f64 {
    (splitmix(z) >> 11) as f64 / (1u64 << 53) as f64
}

/// Lays out `n` nodes joined by `edges` (`(a, b, weight)`, indices below `n`). Returns one point
/// per node, shifted so that the smallest coordinates are 0.
pub fn force_directed(n: usize, edges: &[(usize, usize, f64)], opts: &LayoutOptions) -> Vec<Point> {
    if n == 0 {
        return Vec::new();
    }
    let k = opts.distance.max(1.0);
    let side = k * (n as f64).sqrt();
    let mut pos: Vec<Point> = (0..n as u64)
        .map(|i| {
            let base = opts.seed ^ i.wrapping_mul(0x2545_f491_4f6c_dd1d);
            Point {
                x: (unit(base) - 0.5) * side,
                y: (unit(base ^ 0xdead_beef) - 0.5) * side,
            }
        })
        .collect();
    let edges: Vec<(usize, usize, f64)> = edges
        .iter()
        .filter(|(a, b, _)| a != b && *a < n && *b < n)
        // Heavier edges pull harder, but only by the square root of their weight: one edge
        // stated by twenty articles must not collapse its two ends onto each other.
        .map(|&(a, b, w)| (a, b, 0.5 + 0.5 * w.max(1.0).sqrt()))
        .collect();
    let cell = 2.0 * k;
    let k2 = k * k;
    let gravity = opts.gravity / (n as f64).sqrt();
    let t0 = (side / 10.0).max(k);
    let mut disp = vec![Point { x: 0.0, y: 0.0 }; n];
    let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    let cell_of = |p: Point| ((p.x / cell).floor() as i64, (p.y / cell).floor() as i64);
    for step in 0..opts.iterations {
        let t = t0 * (1.0 - step as f64 / opts.iterations as f64);
        for v in grid.values_mut() {
            v.clear();
        }
        for (i, p) in pos.iter().enumerate() {
            grid.entry(cell_of(*p)).or_default().push(i);
        }
        // Repulsion k²/d between nodes closer than 2k (FR's grid variant): only the 3×3
        // neighbouring cells need looking at.
        for i in 0..n {
            let p = pos[i];
            let (cx, cy) = cell_of(p);
            let mut d = Point { x: 0.0, y: 0.0 };
            for gx in cx - 1..=cx + 1 {
                for gy in cy - 1..=cy + 1 {
                    let Some(members) = grid.get(&(gx, gy)) else {
                        continue;
                    };
                    for &j in members {
                        if j == i {
                            continue;
                        }
                        let mut dx = p.x - pos[j].x;
                        let mut dy = p.y - pos[j].y;
                        let mut dist2 = dx * dx + dy * dy;
                        if dist2 >= cell * cell {
                            continue;
                        }
                        if dist2 < 1e-6 {
                            // Two nodes on one spot: push them apart in a direction fixed by
                            // their indices.
                            dx = if i < j { 0.1 } else { -0.1 };
                            dy = ((i + j) % 7) as f64 * 0.01;
                            dist2 = dx * dx + dy * dy;
                        }
                        d.x += dx * k2 / dist2;
                        d.y += dy * k2 / dist2;
                    }
                }
            }
            // The pull to the centre grows with the distance from it.
            d.x -= p.x * gravity;
            d.y -= p.y * gravity;
            disp[i] = d;
        }
        // Attraction d²/k along each edge.
        for &(a, b, w) in &edges {
            let dx = pos[a].x - pos[b].x;
            let dy = pos[a].y - pos[b].y;
            let dist = (dx * dx + dy * dy).sqrt();
            if dist < 1e-9 {
                continue;
            }
            let f = w * dist / k; // (d²/k) · (dx/d)
            disp[a].x -= dx * f;
            disp[a].y -= dy * f;
            disp[b].x += dx * f;
            disp[b].y += dy * f;
        }
        // Each node moves along its displacement, at most the temperature.
        for (p, d) in pos.iter_mut().zip(&disp) {
            let len = (d.x * d.x + d.y * d.y).sqrt();
            if len > 1e-12 {
                let m = len.min(t) / len;
                p.x += d.x * m;
                p.y += d.y * m;
            }
        }
    }
    normalise(&mut pos);
    pos
}

/// Pushes apart nodes whose boxes overlap (`half` = half width and half height of each node's
/// box, centred on its point), for at most `rounds` rounds or until nothing overlaps. Each round
/// moves both nodes of an overlapping pair half the overlap apart along the axis where the
/// overlap is smaller, so the picture keeps its shape. Pairs are found with a sweep along x.
pub fn remove_overlaps(pos: &mut [Point], half: &[(f64, f64)], rounds: usize) {
    let n = pos.len().min(half.len());
    let widest = half[..n].iter().map(|h| h.0).fold(0.0, f64::max);
    let mut order: Vec<usize> = (0..n).collect();
    let mut shift = vec![Point { x: 0.0, y: 0.0 }; n];
    for _ in 0..rounds {
        order.sort_by(|&a, &b| pos[a].x.total_cmp(&pos[b].x).then(a.cmp(&b)));
        shift.fill(Point { x: 0.0, y: 0.0 });
        let mut moved = false;
        for (oi, &i) in order.iter().enumerate() {
            for &j in &order[oi + 1..] {
                let dx = pos[j].x - pos[i].x;
                if dx >= half[i].0 + widest {
                    break;
                }
                let dy = pos[j].y - pos[i].y;
                let ox = half[i].0 + half[j].0 - dx.abs();
                let oy = half[i].1 + half[j].1 - dy.abs();
                if ox <= 0.0 || oy <= 0.0 {
                    continue;
                }
                moved = true;
                // Ties (same spot) part by index, so the result stays deterministic.
                let sign = |d: f64| {
                    if d > 0.0 || (d == 0.0 && i < j) {
                        1.0
                    } else {
                        -1.0
                    }
                };
                if ox < oy {
                    let m = sign(dx) * ox / 2.0;
                    shift[i].x -= m;
                    shift[j].x += m;
                } else {
                    let m = sign(dy) * oy / 2.0;
                    shift[i].y -= m;
                    shift[j].y += m;
                }
            }
        }
        if !moved {
            break;
        }
        for (p, s) in pos.iter_mut().zip(&shift) {
            p.x += s.x;
            p.y += s.y;
        }
    }
}

/// Lays out a view: one point per node, in node index order. After the force-directed layout,
/// nodes whose shapes or labels (about 6 px a character, below the shape) would overlap are
/// pushed apart.
pub fn layout(view: &View, opts: &LayoutOptions) -> Vec<Point> {
    let edges: Vec<(usize, usize, f64)> = view
        .edges()
        .map(|(_, s, t, e)| (s.index(), t.index(), e.weight as f64))
        .collect();
    let mut pos = force_directed(view.graph().node_count(), &edges, opts);
    let half: Vec<(f64, f64)> = view
        .nodes()
        .map(|(_, n)| {
            let r = style::node_radius(n.articles);
            let label = 3.0 * n.label.chars().count() as f64;
            (r.max(label) + 4.0, r + 10.0)
        })
        .collect();
    remove_overlaps(&mut pos, &half, 100);
    normalise(&mut pos);
    pos
}

/// Shifts points so that the smallest coordinates are 0.
fn normalise(pos: &mut [Point]) {
    let min_x = pos.iter().map(|p| p.x).fold(f64::INFINITY, f64::min);
    let min_y = pos.iter().map(|p| p.y).fold(f64::INFINITY, f64::min);
    for p in pos {
        p.x -= min_x;
        p.y -= min_y;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring(n: usize) -> Vec<(usize, usize, f64)> {
        (0..n).map(|i| (i, (i + 1) % n, 1.0)).collect()
    }

    #[test]
    fn layout_is_deterministic_and_finite() {
        let opts = LayoutOptions::default();
        let a = force_directed(50, &ring(50), &opts);
        let b = force_directed(50, &ring(50), &opts);
        assert_eq!(a, b);
        assert!(a.iter().all(|p| p.x.is_finite() && p.y.is_finite()));
        assert!(a.iter().all(|p| p.x >= 0.0 && p.y >= 0.0));
    }

    #[test]
    fn joined_nodes_end_closer_than_unjoined_ones() {
        let pos = force_directed(40, &ring(40), &LayoutOptions::default());
        let dist = |a: usize, b: usize| {
            let (p, q) = (pos[a], pos[b]);
            ((p.x - q.x).powi(2) + (p.y - q.y).powi(2)).sqrt()
        };
        let joined: f64 = (0..40).map(|i| dist(i, (i + 1) % 40)).sum::<f64>() / 40.0;
        let across: f64 = (0..20).map(|i| dist(i, i + 20)).sum::<f64>() / 20.0;
        assert!(joined < across, "joined {joined} vs across {across}");
    }

    #[test]
    fn overlapping_boxes_are_pushed_apart() {
        let mut pos = vec![Point { x: 0.0, y: 0.0 }; 4];
        pos[1].x = 5.0;
        pos[3].y = 1.0;
        let half = vec![(20.0, 10.0); 4];
        remove_overlaps(&mut pos, &half, 200);
        for i in 0..4 {
            for j in i + 1..4 {
                let ox = 40.0 - (pos[i].x - pos[j].x).abs();
                let oy = 20.0 - (pos[i].y - pos[j].y).abs();
                assert!(ox <= 1e-6 || oy <= 1e-6, "{i} and {j} overlap: {pos:?}");
            }
        }
    }

    #[test]
    fn no_two_nodes_share_a_spot() {
        let pos = force_directed(30, &[], &LayoutOptions::default());
        for i in 0..30 {
            for j in i + 1..30 {
                let d = ((pos[i].x - pos[j].x).powi(2) + (pos[i].y - pos[j].y).powi(2)).sqrt();
                assert!(d > 5.0, "{i} and {j} are {d} apart");
            }
        }
    }
}
