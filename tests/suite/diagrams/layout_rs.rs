//! The opt-in `layout-rs` engine: refused where it cannot work, and what it does guarantee
//! on the small flat graphs it accepts.

use mlsd::layout::{self, Engine, LayoutError, LayoutOptions, Violation, check};
use mlsd::view::{Direction, Edge, EdgeStyle};

use crate::graphs;

#[test]
fn layout_rs_is_opt_in_and_guarded() {
    let opts = LayoutOptions {
        engine: Engine::LayoutRs,
        ..LayoutOptions::default()
    };
    // clusters are refused, large graphs too
    assert!(matches!(
        layout::run(&graphs::architecture(), &opts),
        Err(LayoutError::Unsupported { .. })
    ));
    let mut big = graphs::generated(200, 1);
    big.clusters.clear();
    big.nodes.iter_mut().for_each(|n| n.cluster = None);
    big.edges.retain(|e| e.to.starts_with('n'));
    assert!(matches!(
        layout::run(&big, &opts),
        Err(LayoutError::TooLarge { .. })
    ));
}

#[test]
fn layout_rs_draws_small_flat_graphs_without_overlaps() {
    let opts = LayoutOptions {
        engine: Engine::LayoutRs,
        ..LayoutOptions::default()
    };
    let mut cyclic = graphs::flat(30, 4);
    cyclic.edges.push(Edge {
        from: "n20".into(),
        to: "n1".into(),
        label: Some("back".into()),
        style: EdgeStyle::Async,
        ..Default::default()
    });
    cyclic.edges.push(Edge {
        from: "n3".into(),
        to: "n3".into(),
        label: None,
        style: EdgeStyle::Sync,
        ..Default::default()
    });
    for (name, mut g) in [("cyclic", cyclic), ("diamonds", graphs::diamonds(20))] {
        for d in [
            Direction::Right,
            Direction::Down,
            Direction::Left,
            Direction::Up,
        ] {
            g.direction = d;
            let l = layout::run(&g, &opts).unwrap_or_else(|e| panic!("{name} {d:?}: {e}"));
            // What layout-rs does guarantee; it does route edges through nodes (see the
            // engine's docs), so that rule is not asserted for it.
            let bad: Vec<Violation> = check(&g, &l)
                .into_iter()
                .filter(|v| {
                    matches!(
                        v,
                        Violation::NodesOverlap(..)
                            | Violation::LabelOutsideNode(_)
                            | Violation::EdgeLabelOverNode { .. }
                            | Violation::EdgeLabelsOverlap(..)
                            | Violation::NotFinite
                    )
                })
                .collect();
            assert!(bad.is_empty(), "{name} {d:?}: {bad:?}");
        }
    }
}
