//! Declaration order among equals. ELK's crossing minimisation orders a layer by barycentres
//! and leaves ties where its sweeps happened to put them (elkrs has no model-order
//! comparators), so `a -> [zeta, alpha, mid, beta]` may come out `beta, zeta, alpha, mid`.
//!
//! Nodes that are interchangeable (same container, same layer, the same edges in and out) can
//! trade places without adding a crossing. This stage finds such classes in a first layout and,
//! where one is out of declaration order, gives every node a place in its layer (the slots of a
//! class handed out in declaration order) for a second, semi-interactive ELK run.

use std::collections::BTreeMap;

use super::geometry::{Point, Rect};
use super::graph_index::{Endpoint, GraphIndex};
use super::layout_engine::Placement;
use crate::view::{Direction, Graph};

/// Where each node should sit across its layer (the coordinate ELK orders a layer by), or
/// `None` when every class of interchangeable nodes is already in declaration order.
pub fn places(g: &Graph, idx: &GraphIndex, nodes: &[Rect]) -> Option<Vec<f64>> {
    let across = |r: &Rect| match g.direction {
        Direction::Right | Direction::Left => r.y + r.h / 2.0,
        Direction::Down | Direction::Up => r.x + r.w / 2.0,
    };
    // Along the flow: the span a node takes in its layer's direction.
    let along = |r: &Rect| match g.direction {
        Direction::Right | Direction::Left => (r.x, r.x + r.w),
        Direction::Down | Direction::Up => (r.y, r.y + r.h),
    };
    let mut place: Vec<f64> = nodes.iter().map(across).collect();
    let mut moved = false;
    for class in classes(g, idx) {
        // Split a class into layers: nodes whose spans along the flow overlap.
        let mut layers: Vec<Vec<usize>> = Vec::new();
        for n in class {
            let (a, b) = along(&nodes[n]);
            match layers.iter_mut().find(|l| {
                let (c, d) = along(&nodes[l[0]]);
                a < d && c < b
            }) {
                Some(l) => l.push(n),
                None => layers.push(vec![n]),
            }
        }
        for members in layers.into_iter().filter(|l| l.len() > 1) {
            // `members` is in declaration order (node order); the slots in layer order.
            let mut slots: Vec<f64> = members.iter().map(|&n| place[n]).collect();
            slots.sort_by(f64::total_cmp);
            for (&n, &slot) in members.iter().zip(&slots) {
                if place[n] != slot {
                    place[n] = slot;
                    moved = true;
                }
            }
        }
    }
    moved.then_some(place)
}

/// Classes of interchangeable nodes, each in node (declaration) order: same container and the
/// same multiset of edges in and out (by the other end), with at least one edge.
fn classes(g: &Graph, idx: &GraphIndex) -> Vec<Vec<usize>> {
    type Ends = (Vec<Option<Endpoint>>, Vec<Option<Endpoint>>);
    let mut ends: Vec<Ends> = vec![(Vec::new(), Vec::new()); g.nodes.len()];
    for &(a, b) in &idx.ends {
        // A self loop is keyed as `None`, so two nodes each with a loop still match.
        let other = |me: Endpoint, other: Endpoint| (me != other).then_some(other);
        if let Endpoint::Node(n) = a {
            ends[n].1.push(other(a, b));
        }
        if let Endpoint::Node(n) = b {
            ends[n].0.push(other(b, a));
        }
    }
    let mut by_key: BTreeMap<(Option<usize>, Ends), Vec<usize>> = BTreeMap::new();
    for (n, (mut ins, mut outs)) in ends.into_iter().enumerate() {
        if ins.is_empty() && outs.is_empty() {
            continue;
        }
        ins.sort();
        outs.sort();
        by_key
            .entry((idx.parent_of(Endpoint::Node(n)), (ins, outs)))
            .or_default()
            .push(n);
    }
    by_key.into_values().filter(|c| c.len() > 1).collect()
}

/// Whether the second layout (`relaid`, equals in declaration order) should replace the
/// first: swapping equals adds no crossing and changes no size, but ELK's second sweep may
/// route some long edges worse, or spread the drawing; then the first layout stands.
pub fn keeps(first: &Placement, relaid: &Placement) -> bool {
    crossings(&relaid.edges) <= crossings(&first.edges) && area(relaid) <= area(first) * MAX_GROWTH
}

/// How much larger (in area) the second layout may be: two diagrams of `examples/` grow by
/// more than a tenth with their equals in order, and read as well.
const MAX_GROWTH: f64 = 1.25;

/// The area of the box around every node, cluster, route and label of a layout.
fn area(p: &Placement) -> f64 {
    let rects = p
        .nodes
        .iter()
        .chain(&p.clusters)
        .chain(p.edge_labels.iter().flatten());
    let corners = rects
        .flat_map(|r| [Point::new(r.x, r.y), Point::new(r.right(), r.bottom())])
        .chain(p.edges.iter().flatten().copied());
    let (mut lo, mut hi) = (
        Point::new(f64::MAX, f64::MAX),
        Point::new(f64::MIN, f64::MIN),
    );
    for c in corners {
        (lo.x, lo.y) = (lo.x.min(c.x), lo.y.min(c.y));
        (hi.x, hi.y) = (hi.x.max(c.x), hi.y.max(c.y));
    }
    ((hi.x - lo.x) * (hi.y - lo.y)).max(0.0)
}

/// Proper crossings between the routes of different edges (segments that cross, not ones
/// that only touch or share a port).
///
/// ELK's routes are orthogonal, so this is a sweep across x of the horizontal segments,
/// each vertical one counting the horizontals open at its x and strictly within its span;
/// a slanted segment (none in practice) is checked against every other.
fn crossings(edges: &[Vec<Point>]) -> usize {
    // Coordinates in 1/1024 px: the comparisons below are exact.
    let q = |v: f64| (v * 1024.0).round() as i64;
    let mut horizontal = Vec::new(); // (x0, x1, y, edge)
    let mut vertical = Vec::new(); // (x, y0, y1, edge)
    let mut slanted = Vec::new(); // (a, b, edge)
    for (e, pts) in edges.iter().enumerate() {
        for w in pts.windows(2) {
            let (a, b) = (w[0], w[1]);
            let (x0, x1, y0, y1) = (q(a.x), q(b.x), q(a.y), q(b.y));
            if y0 == y1 && x0 != x1 {
                horizontal.push((x0.min(x1), x0.max(x1), y0, e));
            } else if x0 == x1 && y0 != y1 {
                vertical.push((x0, y0.min(y1), y0.max(y1), e));
            } else if x0 != x1 {
                slanted.push((a, b, e));
            }
        }
    }
    // At one x: a horizontal ending there is closed, then verticals counted, then horizontals
    // starting there opened: touching an end is not crossing.
    #[derive(PartialEq, Eq, PartialOrd, Ord)]
    enum Event {
        Close(usize),
        Count(usize),
        Open(usize),
    }
    let mut events: Vec<(i64, Event)> = Vec::with_capacity(2 * horizontal.len() + vertical.len());
    for (i, h) in horizontal.iter().enumerate() {
        events.push((h.0, Event::Open(i)));
        events.push((h.1, Event::Close(i)));
    }
    for (i, v) in vertical.iter().enumerate() {
        events.push((v.0, Event::Count(i)));
    }
    events.sort_unstable();
    let mut open: BTreeMap<(i64, usize), usize> = BTreeMap::new();
    let mut count = 0;
    for (_, event) in events {
        match event {
            Event::Open(i) => {
                open.insert((horizontal[i].2, i), horizontal[i].3);
            }
            Event::Close(i) => {
                open.remove(&(horizontal[i].2, i));
            }
            Event::Count(i) => {
                let (_, y0, y1, e) = vertical[i];
                count += open
                    .range((y0 + 1, 0)..(y1, 0))
                    .filter(|&(_, &h)| h != e)
                    .count();
            }
        }
    }
    let point = |x: i64, y: i64| Point::new(x as f64 / 1024.0, y as f64 / 1024.0);
    let straight = horizontal
        .iter()
        .map(|&(x0, x1, y, e)| (point(x0, y), point(x1, y), e))
        .chain(
            vertical
                .iter()
                .map(|&(x, y0, y1, e)| (point(x, y0), point(x, y1), e)),
        );
    for (k, &(a, b, i)) in slanted.iter().enumerate() {
        let others = slanted[k + 1..].iter().copied().chain(straight.clone());
        count += others
            .filter(|&(c, d, j)| i != j && cross(a, b, c, d))
            .count();
    }
    count
}

fn cross(a: Point, b: Point, c: Point, d: Point) -> bool {
    let orient = |p: Point, q: Point, r: Point| {
        let v = (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x);
        if v.abs() < 1e-9 { 0.0 } else { v.signum() }
    };
    let (o1, o2, o3, o4) = (
        orient(a, b, c),
        orient(a, b, d),
        orient(c, d, a),
        orient(c, d, b),
    );
    o1 * o2 < 0.0 && o3 * o4 < 0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(x: f64, y: f64) -> Point {
        Point::new(x, y)
    }

    #[test]
    fn crossings_count_proper_crossings_of_different_edges_only() {
        let plus = [
            vec![p(0.0, 5.0), p(10.0, 5.0)],
            vec![p(5.0, 0.0), p(5.0, 10.0)],
        ];
        assert_eq!(crossings(&plus), 1);
        // Meeting at a shared port, or one ending on the other, is not a crossing.
        let touch = [
            vec![p(0.0, 0.0), p(10.0, 0.0)],
            vec![p(10.0, 0.0), p(10.0, 10.0)],
        ];
        assert_eq!(crossings(&touch), 0);
        let tee = [
            vec![p(0.0, 5.0), p(10.0, 5.0)],
            vec![p(5.0, 5.0), p(5.0, 10.0)],
        ];
        assert_eq!(crossings(&tee), 0);
        // An edge that crosses itself is not counted; two edges crossing twice are.
        let own = [vec![
            p(0.0, 5.0),
            p(10.0, 5.0),
            p(10.0, 0.0),
            p(5.0, 0.0),
            p(5.0, 10.0),
        ]];
        assert_eq!(crossings(&own), 0);
        let twice = [
            vec![p(0.0, 5.0), p(20.0, 5.0)],
            vec![p(5.0, 0.0), p(5.0, 10.0), p(15.0, 10.0), p(15.0, 0.0)],
        ];
        assert_eq!(crossings(&twice), 2);
        // A slanted segment is checked against the straight ones and the other slanted ones.
        let slant = [
            vec![p(0.0, 0.0), p(10.0, 10.0)],
            vec![p(0.0, 10.0), p(10.0, 0.0)],
            vec![p(0.0, 5.0), p(10.0, 5.0)],
        ];
        assert_eq!(crossings(&slant), 3);
    }

    #[test]
    fn a_second_layout_with_more_crossings_or_much_larger_is_not_kept() {
        let layout = |w: f64, edges: Vec<Vec<Point>>| Placement {
            nodes: vec![Rect::new(0.0, 0.0, w, 10.0)],
            clusters: Vec::new(),
            edge_labels: vec![None; edges.len()],
            edges,
        };
        let apart = || {
            vec![
                vec![p(0.0, 0.0), p(0.0, 10.0)],
                vec![p(5.0, 0.0), p(5.0, 10.0)],
            ]
        };
        let crossed = || {
            vec![
                vec![p(0.0, 5.0), p(10.0, 5.0)],
                vec![p(5.0, 0.0), p(5.0, 10.0)],
            ]
        };
        let first = layout(100.0, apart());
        assert!(keeps(&first, &layout(100.0, apart())));
        assert!(keeps(&first, &layout(124.0, apart())), "24% larger is fine");
        assert!(
            !keeps(&first, &layout(126.0, apart())),
            "more than 25% larger"
        );
        assert!(
            !keeps(&first, &layout(100.0, crossed())),
            "one more crossing"
        );
        assert!(keeps(&layout(100.0, crossed()), &first), "one fewer");
    }

    /// The sweep agrees with checking every pair of segments, on random orthogonal routes.
    #[test]
    fn the_sweep_counts_what_every_pair_counts() {
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) % n) as f64
        };
        for _ in 0..50 {
            let edges: Vec<Vec<Point>> = (0..8)
                .map(|_| {
                    let mut at = p(next(20), next(20));
                    let mut pts = vec![at];
                    for k in 0..4 {
                        at = if k % 2 == 0 {
                            p(next(20), at.y)
                        } else {
                            p(at.x, next(20))
                        };
                        pts.push(at);
                    }
                    pts
                })
                .collect();
            let segs: Vec<(usize, Point, Point)> = edges
                .iter()
                .enumerate()
                .flat_map(|(i, pts)| pts.windows(2).map(move |w| (i, w[0], w[1])))
                .collect();
            let mut pairs = 0;
            for (k, &(i, a, b)) in segs.iter().enumerate() {
                for &(j, c, d) in &segs[k + 1..] {
                    if i != j && cross(a, b, c, d) {
                        pairs += 1;
                    }
                }
            }
            assert_eq!(crossings(&edges), pairs, "{edges:?}");
        }
    }
}
