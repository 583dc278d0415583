//! Property tests of the diagram back end: random graphs (nested clusters, edges to
//! clusters, self-loops, every direction) lay out soundly, deterministically, without panics.

use mlsd::layout::{self, LayoutOptions, Violation, check};
use mlsd::render::{DiagramOptions, diagram};
use mlsd::view::{Cluster, Direction, Edge, EdgeStyle, Graph, Node};
use proptest::prelude::*;

use crate::graphs;

fn arb_graph() -> impl Strategy<Value = Graph> {
    (
        1usize..14,
        0usize..5,
        proptest::collection::vec(
            (0usize..40, 0usize..40, 0usize..5, proptest::bool::ANY),
            0..24,
        ),
        0u64..1000,
    )
        .prop_map(|(n, nc, raw_edges, seed)| {
            let mut r = graphs::Rng::new(seed);
            let clusters: Vec<Cluster> = (0..nc)
                .map(|i| Cluster {
                    id: format!("c{i}"),
                    label: format!("Group {i}"),
                    parent: if i > 0 && r.below(2) == 0 {
                        Some(r.below(i))
                    } else {
                        None
                    },
                    ..Cluster::default()
                })
                .collect();
            let nodes: Vec<Node> = (0..n)
                .map(|i| Node {
                    id: format!("n{i}"),
                    label: "x".repeat(1 + r.below(30)),
                    cluster: if nc > 0 && r.below(3) > 0 {
                        Some(r.below(nc))
                    } else {
                        None
                    },
                    ..Node::default()
                })
                .collect();
            let styles = [
                EdgeStyle::Sync,
                EdgeStyle::Async,
                EdgeStyle::Stream,
                EdgeStyle::Batch,
                EdgeStyle::Relation,
            ];
            let edges = raw_edges
                .into_iter()
                .map(|(a, b, s, labelled)| Edge {
                    from: format!("n{}", a % n),
                    to: format!("n{}", b % n),
                    label: labelled.then(|| format!("flow {a}")),
                    style: styles[s],
                    ..Default::default()
                })
                .collect();
            Graph {
                first: Vec::new(),
                last: Vec::new(),
                title: "prop".into(),
                direction: Direction::Right,
                nodes,
                clusters,
                edges,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn small_random_graphs_lay_out_soundly(g in arb_graph()) {
        let l = layout::run(&g, &LayoutOptions::default()).expect("layout");
        let v: Vec<Violation> = check(&g, &l)
            .into_iter()
            // a stretched picture is acceptable for tiny random graphs
            .filter(|v| !matches!(v, Violation::Stretched { .. }))
            .collect();
        prop_assert!(v.is_empty(), "{:?}", v);
        let again = layout::run(&g, &LayoutOptions::default()).expect("layout");
        prop_assert_eq!(l, again);
    }
}

fn arb_any_graph() -> impl Strategy<Value = Graph> {
    (
        arb_graph(),
        proptest::collection::vec((0usize..40, 0usize..40), 0..6),
        any::<u8>(),
    )
        .prop_map(|(mut g, extra, dir)| {
            // edges from and to clusters, including a cluster and its own members
            let ids: Vec<String> = g
                .nodes
                .iter()
                .map(|n| n.id.clone())
                .chain(g.clusters.iter().map(|c| c.id.clone()))
                .collect();
            for (a, b) in extra {
                g.edges.push(Edge {
                    from: ids[a % ids.len()].clone(),
                    to: ids[b % ids.len()].clone(),
                    ..Edge::default()
                });
            }
            g.direction = [
                Direction::Right,
                Direction::Down,
                Direction::Left,
                Direction::Up,
            ][usize::from(dir % 4)];
            g
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Any graph either renders or is refused with an error; nothing panics, and what renders
    /// renders the same twice.
    #[test]
    fn any_graph_renders_or_errs(g in arb_any_graph()) {
        let opts = DiagramOptions { png: false, ..DiagramOptions::default() };
        let a = diagram(&g, &opts);
        let b = diagram(&g, &opts);
        prop_assert_eq!(a, b);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Edges to clusters (even a cluster's edge to its own member) keep every invariant.
    #[test]
    fn graphs_with_cluster_edges_lay_out_soundly(g in arb_any_graph()) {
        let l = layout::run(&g, &LayoutOptions::default()).expect("layout");
        let v: Vec<Violation> = check(&g, &l)
            .into_iter()
            .filter(|v| !matches!(v, Violation::Stretched { .. }))
            .collect();
        prop_assert!(v.is_empty(), "{:?}", v);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// The opt-in layout-rs engine never panics: it draws flat graphs (cycles, self-loops,
    /// every direction) or refuses clusters with an error.
    #[test]
    fn layout_rs_never_panics(g in arb_any_graph()) {
        let opts = LayoutOptions { engine: layout::Engine::LayoutRs, ..LayoutOptions::default() };
        match layout::run(&g, &opts) {
            Ok(l) => {
                prop_assert!(g.clusters.is_empty());
                prop_assert_eq!(l.nodes.len(), g.nodes.len());
            }
            Err(e) => prop_assert!(!g.clusters.is_empty() || g.nodes.len() > opts.layout_rs_max_nodes, "{}", e),
        }
        let mut flat = g.clone();
        flat.clusters.clear();
        flat.nodes.iter_mut().for_each(|n| n.cluster = None);
        flat.edges.retain(|e| e.from.starts_with('n') && e.to.starts_with('n'));
        prop_assert!(layout::run(&flat, &opts).is_ok());
    }
}
