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

/// Proper crossings between the routes of different edges (segments that cross, not ones
/// that only touch or share a port).
pub fn crossings(edges: &[Vec<Point>]) -> usize {
    let segs: Vec<(usize, Point, Point)> = edges
        .iter()
        .enumerate()
        .flat_map(|(i, pts)| pts.windows(2).map(move |w| (i, w[0], w[1])))
        .collect();
    let mut count = 0;
    for (k, &(i, a, b)) in segs.iter().enumerate() {
        for &(j, c, d) in &segs[k + 1..] {
            if i != j && cross(a, b, c, d) {
                count += 1;
            }
        }
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
    }
}
