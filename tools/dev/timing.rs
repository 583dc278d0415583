//! Stage timings (measure, layout, scene, svg, png) for a generated graph.
//! usage: timing NODES

#[path = "../../benches/common/graphs.rs"]
mod graphs;

use std::time::Instant;

use mlsd::layout::{self, LayoutOptions, Measured, TextMeasurer};
use mlsd::render;
use mlsd::scene::{self, Theme};

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1000);
    let g = graphs::generated(n, 1);
    let t = Instant::now();
    let m = TextMeasurer::new();
    let t0 = t.elapsed();
    let _ = Measured::new(&g, &m, &LayoutOptions::default());
    let tm = t.elapsed() - t0;
    let t = Instant::now();
    let l = layout::run(&g, &LayoutOptions::default()).expect("layout");
    let t1 = t.elapsed();
    let sc = scene::build(&g, &l, &Theme::light());
    let t2 = t.elapsed();
    let svg = render::svg(&sc);
    let t3 = t.elapsed();
    let png = render::png(&svg).expect("png");
    let t4 = t.elapsed();
    println!(
        "n={n} measurer {t0:?} measure {tm:?} layout {:?} scene {:?} svg {:?} png {:?}; {:.0}x{:.0} svg {} KB png {} KB",
        t1,
        t2 - t1,
        t3 - t2,
        t4 - t3,
        l.width,
        l.height,
        svg.len() / 1024,
        png.len() / 1024
    );
}
