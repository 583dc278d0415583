//! Time to rasterise SVG files to PNG (best of several runs each, one thread).
//! usage: png_timing FILE.svg...

use std::time::{Duration, Instant};

fn main() {
    let mut total = Duration::ZERO;
    for path in std::env::args().skip(1) {
        let svg = std::fs::read_to_string(&path).expect("read the SVG");
        let best = (0..5)
            .map(|_| {
                let t = Instant::now();
                let png = mlsd::render::png(&svg).expect("png");
                std::hint::black_box(png);
                t.elapsed()
            })
            .min()
            .unwrap_or_default();
        total += best;
        println!("{path}: {best:?}");
    }
    println!("total {total:?}");
}
