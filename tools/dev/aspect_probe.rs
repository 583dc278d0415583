//! Compares a cheap aspect estimate with ELK's real drawings (calibration aid).

#[path = "../../benches/common/graphs.rs"]
mod graphs;

use mlsd::layout::{
    ElkEngine, EngineInput, GraphIndex, LayoutEngine, LayoutOptions, Measured, TextMeasurer,
};
use mlsd::view::{Direction, Graph};

fn bbox(p: &mlsd::layout::Placement) -> f64 {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for r in p.nodes.iter().chain(p.clusters.iter()) {
        x0 = x0.min(r.x);
        y0 = y0.min(r.y);
        x1 = x1.max(r.right());
        y1 = y1.max(r.bottom());
    }
    (x1 - x0) / (y1 - y0)
}

fn main() {
    let mut cases: Vec<(String, Graph)> = vec![("arch".into(), graphs::architecture())];
    for n in [10, 30, 50, 100, 200, 500, 1000] {
        for seed in [1, 2, 7] {
            cases.push((format!("g{n}s{seed}"), graphs::generated(n, seed)));
        }
    }
    for (name, g) in cases {
        let index = GraphIndex::new(&g).expect("graph");
        let m = Measured::new(&g, &TextMeasurer::new(), &LayoutOptions::default());
        let est = mlsd::layout::estimate_aspect(&g, &index, &m);
        let mut real = Vec::new();
        for d in [Direction::Right, Direction::Down] {
            let mut gg = g.clone();
            gg.direction = d;
            let p = ElkEngine::default()
                .place(&EngineInput {
                    graph: &gg,
                    index: &index,
                    measured: &m,
                })
                .expect("elk");
            real.push(bbox(&p));
        }
        println!(
            "{name:<10} est right {:.2} real right {:.2} down {:.2}",
            est, real[0], real[1]
        );
    }
}
