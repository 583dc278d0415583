//! (Graph, Layout) -> the list of broken drawing rules: overlaps, text outside its box,
//! edges through nodes, clusters not holding their members, stretched pictures. Used by the
//! tests and by anyone who wants to vet a layout without a browser.

use super::geometry::Rect;
use super::graph_index::{Endpoint, GraphIndex};
use super::layout_data::Layout;
use super::measured::{EDGE_LABEL_PAD, NODE_PAD_X, NODE_PAD_Y};
use crate::view::Graph;

/// One broken rule, naming the items by index.
#[derive(Debug, Clone, PartialEq)]
pub enum Violation {
    NodesOverlap(usize, usize),
    LabelOutsideNode(usize),
    LabelOutsideEdgeBox(usize),
    EdgeLabelOverNode {
        edge: usize,
        node: usize,
    },
    EdgeLabelsOverlap(usize, usize),
    EdgeThroughNode {
        edge: usize,
        node: usize,
    },
    EdgeNotAttached(usize),
    ClusterMissesMember {
        cluster: usize,
        node: usize,
    },
    ClusterMissesChild {
        cluster: usize,
        child: usize,
    },
    NodeInForeignCluster {
        cluster: usize,
        node: usize,
    },
    ClustersOverlap(usize, usize),
    TitleOutsideCluster(usize),
    /// A node or another cluster covers a cluster's title.
    TitleCovered {
        cluster: usize,
        node: usize,
    },
    Stretched {
        aspect: f64,
    },
    NotFinite,
    /// The layout does not have one entry per node, cluster and edge of the graph.
    NotLaidOut,
}

/// How far from a border a point may lie and still count as on it.
const EPS: f64 = 1.0;

/// True when the graph is a simple path (or a set of them): such drawings may be long.
/// A graph with no edges is not one.
pub fn is_chain(g: &Graph) -> bool {
    let mut indeg = std::collections::BTreeMap::<&str, usize>::new();
    let mut outdeg = std::collections::BTreeMap::<&str, usize>::new();
    for e in &g.edges {
        *outdeg.entry(&e.from).or_default() += 1;
        *indeg.entry(&e.to).or_default() += 1;
    }
    // A graph without edges is boxes to arrange, not a path: it has no excuse to be long.
    !g.edges.is_empty() && indeg.values().all(|&d| d <= 1) && outdeg.values().all(|&d| d <= 1)
}

/// Checks every invariant; an empty list means the drawing is sound.
pub fn check(g: &Graph, l: &Layout) -> Vec<Violation> {
    let mut v = Vec::new();
    let Ok(idx) = GraphIndex::new(g) else {
        return v;
    };
    if l.nodes.len() != g.nodes.len()
        || l.clusters.len() != g.clusters.len()
        || l.edges.len() != g.edges.len()
    {
        return vec![Violation::NotLaidOut];
    }
    let finite =
        |r: &Rect| r.x.is_finite() && r.y.is_finite() && r.w.is_finite() && r.h.is_finite();
    if !l.nodes.iter().all(|n| finite(&n.rect))
        || !l
            .edges
            .iter()
            .all(|e| e.points.iter().all(|p| p.x.is_finite() && p.y.is_finite()))
    {
        return vec![Violation::NotFinite];
    }
    for i in 0..l.nodes.len() {
        for j in i + 1..l.nodes.len() {
            if l.nodes[i].rect.overlaps(&l.nodes[j].rect, 0.0) {
                v.push(Violation::NodesOverlap(i, j));
            }
        }
        let n = &l.nodes[i];
        let tw = n.label.width().max(n.captions.width()) + 2.0 * NODE_PAD_X;
        let th = n.label.height() + n.captions.height() + 2.0 * NODE_PAD_Y;
        if tw > n.content.w + EPS
            || th > n.content.h + EPS
            || !n.rect.contains_rect(&n.content, EPS)
        {
            v.push(Violation::LabelOutsideNode(i));
        }
    }
    let rect_of = |e: Endpoint| match e {
        Endpoint::Node(n) => l.nodes[n].rect,
        Endpoint::Cluster(c) => l.clusters[c].rect,
    };
    for (i, e) in l.edges.iter().enumerate() {
        let (a, b) = idx.ends[i];
        if let (Some(p), Some(q)) = (e.points.first(), e.points.last()) {
            let on_border = |r: Rect, p: super::geometry::Point| {
                r.inflate(EPS).strictly_contains(p, 0.0) && !r.strictly_contains(p, EPS)
            };
            if !on_border(rect_of(a), *p) || !on_border(rect_of(b), *q) {
                v.push(Violation::EdgeNotAttached(i));
            }
        } else {
            v.push(Violation::EdgeNotAttached(i));
        }
        for (k, n) in l.nodes.iter().enumerate() {
            if Endpoint::Node(k) == a || Endpoint::Node(k) == b {
                continue;
            }
            if e.points
                .windows(2)
                .any(|s| n.rect.segment_crosses(s[0], s[1], 2.0))
            {
                v.push(Violation::EdgeThroughNode { edge: i, node: k });
            }
        }
        if let Some(lb) = &e.label {
            if lb.text.width() + 2.0 * EDGE_LABEL_PAD > lb.rect.w + EPS
                || lb.text.height() + 2.0 * EDGE_LABEL_PAD > lb.rect.h + EPS
            {
                v.push(Violation::LabelOutsideEdgeBox(i));
            }
            for (k, n) in l.nodes.iter().enumerate() {
                if lb.rect.overlaps(&n.rect, 0.5) {
                    v.push(Violation::EdgeLabelOverNode { edge: i, node: k });
                }
            }
            for (j, o) in l.edges.iter().enumerate().skip(i + 1) {
                if let Some(ob) = &o.label
                    && lb.rect.overlaps(&ob.rect, 0.5)
                {
                    v.push(Violation::EdgeLabelsOverlap(i, j));
                }
            }
        }
    }
    for (c, cb) in l.clusters.iter().enumerate() {
        let title_w = cb.title.width().max(cb.captions.width());
        let title_h = cb.title.height() + cb.captions.height();
        if !cb.rect.contains_rect(&cb.header, EPS)
            || title_w > cb.header.w + EPS
            || title_h > cb.header.h + EPS
        {
            v.push(Violation::TitleOutsideCluster(c));
        }
        let members = idx.members(c);
        let title = Rect::new(cb.header.x, cb.header.y, title_w, title_h);
        for (k, n) in l.nodes.iter().enumerate() {
            if n.rect.overlaps(&title, 0.5) {
                v.push(Violation::TitleCovered {
                    cluster: c,
                    node: k,
                });
            }
            if members.contains(&k) {
                if !cb.rect.contains_rect(&n.rect, EPS) {
                    v.push(Violation::ClusterMissesMember {
                        cluster: c,
                        node: k,
                    });
                }
            } else if cb.rect.overlaps(&n.rect, EPS) {
                v.push(Violation::NodeInForeignCluster {
                    cluster: c,
                    node: k,
                });
            }
        }
        for &child in idx
            .child_clusters
            .get(&Some(c))
            .map(Vec::as_slice)
            .unwrap_or(&[])
        {
            if !cb.rect.contains_rect(&l.clusters[child].rect, EPS) {
                v.push(Violation::ClusterMissesChild { cluster: c, child });
            }
        }
    }
    for sibs in idx.child_clusters.values() {
        for (x, &i) in sibs.iter().enumerate() {
            for &j in &sibs[x + 1..] {
                if l.clusters[i].rect.overlaps(&l.clusters[j].rect, 0.0) {
                    v.push(Violation::ClustersOverlap(i, j));
                }
            }
        }
    }
    if l.width > 0.0 && l.height > 0.0 && !is_chain(g) {
        let aspect = l.width / l.height;
        if !(0.25..=4.0).contains(&aspect) {
            v.push(Violation::Stretched { aspect });
        }
    }
    v
}
