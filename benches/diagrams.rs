//! Criterion benches of the diagram back end: layout, SVG and PNG at 10, 50, 200 and 1000
//! nodes (generated clustered graphs). `cargo bench --bench diagrams`.

#[path = "common/graphs.rs"]
mod graphs;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use mlsd::layout::{self, LayoutOptions};
use mlsd::render;
use mlsd::scene::{self, Theme};

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("diagram");
    group.sample_size(10);
    for n in [10, 50, 200, 1000] {
        let g = graphs::generated(n, 1);
        group.bench_with_input(BenchmarkId::new("layout", n), &g, |b, g| {
            b.iter(|| layout::run(g, &LayoutOptions::default()).expect("layout"))
        });
        let l = layout::run(&g, &LayoutOptions::default()).expect("layout");
        let svg = render::svg(&scene::build(&g, &l, &Theme::light()));
        group.bench_with_input(BenchmarkId::new("scene+svg", n), &l, |b, l| {
            b.iter(|| render::svg(&scene::build(&g, l, &Theme::light())))
        });
        group.bench_with_input(BenchmarkId::new("png", n), &svg, |b, svg| {
            b.iter(|| render::png(svg).expect("png"))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
