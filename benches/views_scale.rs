//! Overview and detail at scale: every diagram (overview, one detail per group, the other
//! views) of generated specs, SVG only and SVG + PNG. The target is 5,000 components
//! in 50 groups with 10,000 flows in under 10 s; the smaller sizes show how time grows.
//! `cargo bench --bench views_scale` (peak memory: `/usr/bin/time -v` around the same run).

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use mlsd::build::{self, BuildOptions};

#[path = "common/specs.rs"]
mod specs;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("views_scale");
    group.sample_size(10);
    for (components, groups, flows) in [(300, 14, 500), (1000, 20, 2000), (5000, 50, 10000)] {
        let text = specs::spec(components, groups, flows, 1);
        let analysis = mlsd::analyze(text.as_bytes());
        assert!(!analysis.has_errors(), "the generated spec is valid");
        let model = analysis.model;
        for png in [false, true] {
            let options = BuildOptions {
                png,
                ..BuildOptions::default()
            };
            let name = format!("{components}_{}", if png { "svg_png" } else { "svg" });
            group.bench_function(name, |b| {
                b.iter(|| black_box(build::diagrams(&model, &options)))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
