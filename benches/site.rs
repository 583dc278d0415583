//! What tooltips/links and the design site cost on the reference spec: the SVG build without
//! and with `--site`, the site alone (from built files), and the tooltip pass alone
//! (analysis facts + `view::annotate` over every diagram). Report ratios, not times.
//! `cargo bench --bench site`.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use mlsd::build::{self, BuildOptions};

fn bench(c: &mut Criterion) {
    let spec = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/specs/feed_ranking.mlsd"
    ))
    .expect("reference spec");
    let model = mlsd::analyze(spec.as_bytes()).model;
    let svg = BuildOptions {
        png: false,
        ..BuildOptions::default()
    };
    let site = BuildOptions {
        site: true,
        ..svg.clone()
    };
    let mut group = c.benchmark_group("site");
    group.sample_size(20);
    group.bench_function("svg_build", |b| {
        b.iter(|| build::render_all(black_box(&model), "feed_ranking.mlsd", &svg).expect("builds"))
    });
    group.bench_function("svg_build_with_site", |b| {
        b.iter(|| build::render_all(black_box(&model), "feed_ranking.mlsd", &site).expect("builds"))
    });
    let files = build::render_all(&model, "feed_ranking.mlsd", &svg).expect("builds");
    group.bench_function("site_alone", |b| {
        b.iter(|| mlsd::site::build(black_box(&files)))
    });
    let diagrams = mlsd::view::all(&model);
    group.bench_function("tooltips_alone", |b| {
        b.iter(|| {
            let mut d = diagrams.clone();
            let facts = mlsd::analysis::facts(black_box(&model));
            mlsd::view::annotate::annotate(&model, &facts, &mut d);
            d
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
