//! Graphs of long flows, for the engines' limits and the wrapping of stretched drawings:
//! flat generated graphs, chains of diamonds, a long pipeline inside a group.
#![allow(dead_code)]

use mlsd::view::{Cluster, Direction, Edge, EdgeStyle, Graph, Node, Shape};

use super::{edge, generated, node};

/// `generated(n, seed)` without clusters (for flat engines).
pub fn flat(n: usize, seed: u64) -> Graph {
    let mut g = generated(n, seed);
    g.clusters.clear();
    g.nodes.iter_mut().for_each(|x| x.cluster = None);
    g.edges
        .retain(|e| e.from.starts_with('n') && e.to.starts_with('n'));
    g
}

/// A chain of `k` diamonds (fan-out to 3, fan-in), the shape that makes path-walking
/// DAG checks exponential: 4k+1 nodes.
pub fn diamonds(k: usize) -> Graph {
    let mut nodes = vec![node("d0", "start", "service", Shape::Box, None, &[])];
    let mut edges = Vec::new();
    for i in 0..k {
        let top = format!("d{}", 4 * i);
        let bottom = format!("d{}", 4 * i + 4);
        for j in 1..=3 {
            let mid = format!("d{}", 4 * i + j);
            nodes.push(node(
                &mid,
                &format!("step {i}.{j}"),
                "service",
                Shape::Box,
                None,
                &[],
            ));
            edges.push(edge(&top, &mid, None, EdgeStyle::Sync));
            edges.push(edge(&mid, &bottom, None, EdgeStyle::Sync));
        }
        nodes.push(node(
            &bottom,
            &format!("join {i}"),
            "service",
            Shape::Box,
            None,
            &[],
        ));
    }
    Graph {
        first: Vec::new(),
        last: Vec::new(),
        title: format!("{k} diamonds"),
        direction: Direction::Right,
        nodes,
        clusters: Vec::new(),
        edges,
    }
}

/// The ml_pipeline view's shape: a pipeline box holding `stages` stages in order, with the
/// stores some stages read outside it.
pub fn pipeline(stages: usize) -> Graph {
    let mut nodes: Vec<Node> = (0..stages)
        .map(|i| {
            node(
                &format!("p.s{i}"),
                &format!("Stage {i}"),
                "stage",
                Shape::Box,
                Some(0),
                &["stage"],
            )
        })
        .collect();
    nodes.extend((0..4).map(|i| {
        node(
            &format!("d{i}"),
            &format!("Store {i}"),
            "database",
            Shape::Cylinder,
            None,
            &[],
        )
    }));
    let mut edges: Vec<Edge> = (1..stages)
        .map(|i| {
            edge(
                &format!("p.s{}", i - 1),
                &format!("p.s{i}"),
                Some("ok"),
                EdgeStyle::Sync,
            )
        })
        .collect();
    for d in 0..4 {
        let s = (d * stages / 4).min(stages.saturating_sub(1));
        edges.push(edge(
            &format!("d{d}"),
            &format!("p.s{s}"),
            Some("reads"),
            EdgeStyle::Relation,
        ));
    }
    let clusters = vec![Cluster {
        id: "p".into(),
        label: "Training pipeline".into(),
        captions: vec!["batch · daily".into()],
        kind: "pipeline".into(),
        parent: None,
    }];
    Graph {
        first: Vec::new(),
        last: Vec::new(),
        title: format!("Pipeline of {stages} stages"),
        direction: Direction::Right,
        nodes,
        clusters,
        edges,
    }
}
