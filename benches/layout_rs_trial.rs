//! A fair trial of the `layout-rs` engine against ELK on flat graphs: time and invariant
//! violations per size. usage: layout_rs_trial [MAX_NODES]

#[path = "common/graphs.rs"]
mod graphs;

use std::collections::BTreeMap;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use mlsd::layout::{self, Engine, LayoutOptions, Violation, check};
use mlsd::view::Graph;

fn kind(v: &Violation) -> &'static str {
    match v {
        Violation::NodesOverlap(..) => "node_overlap",
        Violation::LabelOutsideNode(_) | Violation::LabelOutsideEdgeBox(_) => "label_outside",
        Violation::EdgeLabelOverNode { .. } => "edge_label_over_node",
        Violation::EdgeLabelsOverlap(..) => "edge_labels_overlap",
        Violation::EdgeThroughNode { .. } => "edge_through_node",
        Violation::EdgeNotAttached(_) => "edge_detached",
        Violation::Stretched { .. } => "stretched",
        _ => "cluster",
    }
}

fn trial(name: &str, g: Graph, engine: Engine) {
    let (tx, rx) = mpsc::channel();
    let n = g.nodes.len();
    std::thread::spawn(move || {
        let opts = LayoutOptions {
            engine,
            layout_rs_max_nodes: usize::MAX,
            ..LayoutOptions::default()
        };
        let t = Instant::now();
        let r = layout::run(&g, &opts);
        let dt = t.elapsed();
        let summary = match r {
            Ok(l) => {
                let mut k: BTreeMap<&str, usize> = BTreeMap::new();
                for v in check(&g, &l) {
                    *k.entry(kind(&v)).or_default() += 1;
                }
                format!("{:>7.0}x{:<7.0} {:?}", l.width, l.height, k)
            }
            Err(e) => format!("error: {e}"),
        };
        let _ = tx.send((dt, summary));
    });
    match rx.recv_timeout(Duration::from_secs(20)) {
        Ok((dt, s)) => println!(
            "{name:<14} n={n:<5} {:<10} {:>9.1} ms  {s}",
            engine.as_str(),
            dt.as_secs_f64() * 1e3
        ),
        Err(_) => println!(
            "{name:<14} n={n:<5} {:<10}  timeout (>20 s)",
            engine.as_str()
        ),
    }
}

fn main() {
    let max: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1000);
    for n in [10, 25, 50, 100, 200, 400, 1000]
        .into_iter()
        .filter(|&n| n <= max)
    {
        for engine in [Engine::Elk, Engine::LayoutRs] {
            trial("flat", graphs::flat(n, 1), engine);
        }
    }
    for k in [5, 10, 20, 40].into_iter().filter(|&k| 4 * k < max) {
        for engine in [Engine::Elk, Engine::LayoutRs] {
            trial("diamonds", graphs::diamonds(k), engine);
        }
    }
    std::process::exit(0);
}
