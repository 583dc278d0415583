//! Time of `elkrs::create_elk()` and of one layout of a generated graph (debugging aid).

#[path = "../../benches/common/graphs.rs"]
mod graphs;

use mlsd::layout::{
    ElkEngine, EngineInput, GraphIndex, LayoutEngine, LayoutOptions, Measured, TextMeasurer,
};

fn main() {
    let t = std::time::Instant::now();
    for _ in 0..10 {
        let _ = elkrs::create_elk();
    }
    println!("create_elk x10: {:?}", t.elapsed());
    let n = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200);
    let g = graphs::generated(n, 1);
    let index = GraphIndex::new(&g).expect("graph");
    let measured = Measured::new(&g, &TextMeasurer::new(), &LayoutOptions::default());
    let input = EngineInput {
        graph: &g,
        index: &index,
        measured: &measured,
    };
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let json = ElkEngine::default().to_json(&input).to_string();
        let t1 = t.elapsed();
        let out = elkrs::create_elk().layout_json(&json).expect("elk");
        let t2 = t.elapsed();
        let _ = ElkEngine::default().place(&input).expect("place");
        println!(
            "json {t1:?} elk {:?} place {:?} ({} bytes, {} out keys)",
            t2 - t1,
            t.elapsed() - t2,
            json.len(),
            out.as_object().map_or(0, |o| o.len())
        );
    }
}
