//! Graph sizes -> `layout-rs` (Graphviz-style ranking, spline edges, flat) -> Placement.
//!
//! Opt-in, for small flat graphs. Guards against its known failure modes:
//! - clusters are refused (it has none) and so are edges to clusters;
//! - cycles are broken here (DFS back edges are reversed, then flipped back on output) and
//!   edges are inserted in topological order of their source, so its per-edge reachability
//!   walk finds nothing to walk (it is exponential on diamond DAGs otherwise), and its DAG
//!   validation (another all-paths walk) is switched off;
//! - it is never given an empty graph;
//! - elements are created with the flipped orientation it expects, and sizes are the
//!   measured ones (its own text sizing is a character count);
//! - graphs above `max_nodes` are refused, since its ranking and crossing steps still grow
//!   fast.
//!
//! Edge labels become ordinary boxes between the two ends, so they take room like nodes.
//!
//! Limits, measured with `examples/layout_rs_trial.rs` on flat generated graphs (ELK on the
//! same graphs has no violation at any size): edges through nodes 6 at 25 nodes, 9 at 50, 22
//! at 100 (118 ms), 40 at 200 (266 ms), 310 at 400 (6.8 s); 1,000 nodes did not finish in
//! 20 s. Drawings are about twice as wide as ELK's. Chains of diamonds, exponential in
//! layout-rs's own DAG check, take 3 ms at 161 nodes thanks to the insertion order. Hence the
//! default limit of 100 nodes and the advice to use it only for small, flat, Graphviz-style
//! views.

use layout::core::base::Orientation;
use layout::core::format::{ClipHandle, RenderBackend};
use layout::core::geometry::Point as LPoint;
use layout::core::style::StyleAttr;
use layout::std_shapes::shapes::{Arrow, Element, ShapeKind};
use layout::topo::layout::VisualGraph;

use super::geometry::{Point, Rect};
use super::graph_index::Endpoint;
use super::layout_engine::{EngineInput, LayoutEngine, Placement};
use super::layout_error::LayoutError;
use crate::view::Direction;

const NAME: &str = "layout-rs";

/// The `layout-rs` engine, refused above `max_nodes` nodes.
#[derive(Debug, Clone, Copy)]
pub struct LayoutRsEngine {
    pub max_nodes: usize,
}

/// Collects the arrows layout-rs "draws": (properties tag, bezier control path).
#[derive(Default)]
struct Recorder {
    arrows: Vec<(String, Vec<(LPoint, LPoint)>)>,
}

impl RenderBackend for Recorder {
    fn draw_rect(
        &mut self,
        _: LPoint,
        _: LPoint,
        _: &StyleAttr,
        _: Option<String>,
        _: Option<ClipHandle>,
    ) {
    }
    fn draw_line(&mut self, _: LPoint, _: LPoint, _: &StyleAttr, _: Option<String>) {}
    fn draw_circle(&mut self, _: LPoint, _: LPoint, _: &StyleAttr, _: Option<String>) {}
    fn draw_text(&mut self, _: LPoint, _: &str, _: &StyleAttr) {}
    fn draw_arrow(
        &mut self,
        path: &[(LPoint, LPoint)],
        _: bool,
        _: (bool, bool),
        _: &StyleAttr,
        properties: Option<String>,
        _: &str,
    ) {
        self.arrows
            .push((properties.unwrap_or_default(), path.to_vec()));
    }
    fn create_clip(&mut self, _: LPoint, _: LPoint, _: usize) -> ClipHandle {
        0
    }
}

fn cubic(p0: LPoint, p1: LPoint, p2: LPoint, p3: LPoint, t: f64) -> Point {
    let u = 1.0 - t;
    let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
    Point::new(
        a * p0.x + b * p1.x + c * p2.x + d * p3.x,
        a * p0.y + b * p1.y + c * p2.y + d * p3.y,
    )
}

/// layout-rs's `M C S S..` control path -> a polyline (8 samples per curve).
fn flatten(path: &[(LPoint, LPoint)]) -> Vec<Point> {
    if path.len() < 2 {
        return path.iter().map(|p| Point::new(p.0.x, p.0.y)).collect();
    }
    let mut out = vec![Point::new(path[0].0.x, path[0].0.y)];
    let (mut start, mut c1) = (path[0].0, path[0].1);
    for seg in &path[1..] {
        let (c2, end) = (seg.0, seg.1);
        for k in 1..=8 {
            out.push(cubic(start, c1, c2, end, f64::from(k) / 8.0));
        }
        // `S` reflects the previous second control point around the joint.
        c1 = LPoint::new(2.0 * end.x - c2.x, 2.0 * end.y - c2.y);
        start = end;
    }
    out
}

/// Reverse post-order of a DFS from every node in graph order: a topological order of the
/// graph without its back edges.
fn topo_rank(n: usize, edges: &[(usize, usize)]) -> Vec<usize> {
    let mut succ = vec![Vec::new(); n];
    for &(a, b) in edges {
        succ[a].push(b);
    }
    let mut state = vec![0u8; n];
    let mut post = Vec::with_capacity(n);
    for root in 0..n {
        if state[root] != 0 {
            continue;
        }
        let mut stack = vec![(root, 0usize)];
        state[root] = 1;
        while let Some(&mut (v, ref mut i)) = stack.last_mut() {
            if *i < succ[v].len() {
                let w = succ[v][*i];
                *i += 1;
                if state[w] == 0 {
                    state[w] = 1;
                    stack.push((w, 0));
                }
            } else {
                state[v] = 2;
                post.push(v);
                stack.pop();
            }
        }
    }
    let mut rank = vec![0; n];
    for (i, &v) in post.iter().rev().enumerate() {
        rank[v] = i;
    }
    rank
}

impl LayoutEngine for LayoutRsEngine {
    fn name(&self) -> &'static str {
        NAME
    }

    fn place(&self, input: &EngineInput<'_>) -> Result<Placement, LayoutError> {
        let (g, idx, m) = (input.graph, input.index, input.measured);
        let unsupported = |reason: &str| LayoutError::Unsupported {
            engine: NAME,
            reason: reason.into(),
        };
        if !g.clusters.is_empty() {
            return Err(unsupported("it has no clusters; use the elk layout"));
        }
        if g.nodes.len() > self.max_nodes {
            return Err(LayoutError::TooLarge {
                engine: NAME,
                nodes: g.nodes.len(),
                limit: self.max_nodes,
            });
        }
        let mut out = Placement {
            nodes: vec![Rect::default(); g.nodes.len()],
            clusters: Vec::new(),
            edges: vec![Vec::new(); g.edges.len()],
            edge_labels: vec![None; g.edges.len()],
        };
        if g.nodes.is_empty() {
            return Ok(out);
        }
        let mut ends = Vec::with_capacity(idx.ends.len());
        for &(a, b) in &idx.ends {
            match (a, b) {
                (Endpoint::Node(a), Endpoint::Node(b)) => ends.push((a, b)),
                _ => return Err(unsupported("an edge ends at a cluster")),
            }
        }
        let rank = topo_rank(g.nodes.len(), &ends);
        let orientation = match g.direction {
            Direction::Right | Direction::Left => Orientation::LeftToRight,
            Direction::Down | Direction::Up => Orientation::TopToBottom,
        };
        let mut vg = VisualGraph::new(orientation);
        vg.dag.set_validate(false);
        let element = |w: f64, h: f64| {
            Element::create(
                ShapeKind::new_box(""),
                StyleAttr::simple(),
                orientation.flip(),
                LPoint::new(w, h),
            )
        };
        let handles: Vec<_> = m
            .nodes
            .iter()
            .map(|t| vg.add_node(element(t.width, t.height)))
            .collect();
        // (sort key, from, to, tag); keys: 2*rank for nodes, 2*rank+1 for a label box placed
        // right after its source, so every edge's target has no out-edges yet when added.
        let mut pending = Vec::new();
        let mut label_handles = vec![None; g.edges.len()];
        for (i, &(a, b)) in ends.iter().enumerate() {
            if a == b {
                continue; // self-loops are drawn by hand below
            }
            let (s, t) = if rank[a] < rank[b] { (a, b) } else { (b, a) };
            if let Some((_, w, h)) = &m.edges[i] {
                let l = vg.add_node(element(*w, *h));
                label_handles[i] = Some(l);
                pending.push((2 * rank[s], handles[s], l, format!("{i}:0")));
                pending.push((2 * rank[s] + 1, l, handles[t], format!("{i}:1")));
            } else {
                pending.push((2 * rank[s], handles[s], handles[t], format!("{i}:0")));
            }
        }
        pending.sort_by_key(|p| p.0);
        for (_, from, to, tag) in pending {
            vg.add_edge(Arrow::simple_with_properties("", tag), from, to);
        }
        let mut rec = Recorder::default();
        vg.do_it(false, false, false, &mut rec);

        let rect_of = |vg: &VisualGraph, h| {
            let pos = vg.pos(h);
            let (c, s) = (pos.center(), pos.size(false));
            Rect::new(c.x - s.x / 2.0, c.y - s.y / 2.0, s.x, s.y)
        };
        for (i, &h) in handles.iter().enumerate() {
            out.nodes[i] = rect_of(&vg, h);
        }
        for (i, l) in label_handles.iter().enumerate() {
            out.edge_labels[i] = l.map(|h| rect_of(&vg, h));
        }
        let mut parts: Vec<[Vec<Point>; 2]> = vec![[Vec::new(), Vec::new()]; g.edges.len()];
        for (tag, path) in rec.arrows {
            let mut it = tag.split(':');
            let (Some(Ok(i)), Some(Ok(k))) = (
                it.next().map(str::parse::<usize>),
                it.next().map(str::parse::<usize>),
            ) else {
                continue;
            };
            if i < parts.len() && k < 2 {
                parts[i][k] = flatten(&path);
            }
        }
        for (i, &(a, b)) in ends.iter().enumerate() {
            let mut pts: Vec<Point> = parts[i].concat();
            if a == b {
                let r = out.nodes[a];
                let (x, y) = (r.right(), r.y + r.h / 2.0);
                pts = vec![
                    Point::new(x, y - 8.0),
                    Point::new(x + 18.0, y - 8.0),
                    Point::new(x + 18.0, y + 8.0),
                    Point::new(x, y + 8.0),
                ];
            } else if rank[a] > rank[b] {
                pts.reverse();
            }
            if pts.len() < 2 {
                return Err(LayoutError::Engine {
                    engine: NAME,
                    message: format!("edge #{i} was not routed"),
                });
            }
            out.edges[i] = pts;
        }
        // layout-rs only draws left-to-right and top-to-bottom: mirror for the other two.
        let flip_x = g.direction == Direction::Left;
        let flip_y = g.direction == Direction::Up;
        if flip_x || flip_y {
            let fx = |x: f64| if flip_x { -x } else { x };
            let fy = |y: f64| if flip_y { -y } else { y };
            let fr = |r: Rect| {
                Rect::new(
                    if flip_x { -r.right() } else { r.x },
                    if flip_y { -r.bottom() } else { r.y },
                    r.w,
                    r.h,
                )
            };
            out.nodes.iter_mut().for_each(|r| *r = fr(*r));
            out.edge_labels
                .iter_mut()
                .flatten()
                .for_each(|r| *r = fr(*r));
            for p in out.edges.iter_mut().flatten() {
                *p = Point::new(fx(p.x), fy(p.y));
            }
        }
        Ok(out)
    }
}
