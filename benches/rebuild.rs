//! Rebuild latency of `mlsd watch` on the reference spec: a one-byte change of
//! `specs/feed_ranking.mlsd` -> new files on disk (`build_source` + `output::write` into a temp
//! folder), and each stage on its own to see which dominates.
//! `cargo bench --bench rebuild`; `benches/watch_latency.sh` times the real process.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use mlsd::build::{self, BuildOptions, build_source};
use mlsd::output::{self, WriteOptions};

/// The reference spec and the same spec with one byte changed in a label.
fn variants() -> [Vec<u8>; 2] {
    let spec = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/specs/feed_ranking.mlsd"
    ))
    .expect("reference spec");
    let changed = spec.replacen("\"Feed service\"", "\"Feed servicf\"", 1);
    assert_ne!(spec, changed, "the label to change is in the spec");
    [spec.into_bytes(), changed.into_bytes()]
}

fn bench(c: &mut Criterion) {
    let specs = variants();
    let options = BuildOptions::default();
    let mut group = c.benchmark_group("rebuild");
    group.sample_size(20);

    // What a save costs: each iteration builds the other variant and writes what changed.
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("feed_ranking");
    let mut turn = 0usize;
    group.bench_function("save_to_disk", |b| {
        b.iter(|| {
            turn += 1;
            let built = build_source(&specs[turn % 2], "feed_ranking.mlsd", &options);
            let files = built.files.expect("no errors").expect("builds");
            output::write(&out, &files, &WriteOptions::default()).expect("write")
        })
    });

    // The stages.
    group.bench_function("analyze", |b| {
        b.iter(|| mlsd::analyze(black_box(&specs[1])))
    });
    let model = mlsd::analyze(&specs[1]).model;
    let svg_only = BuildOptions {
        png: false,
        ..BuildOptions::default()
    };
    group.bench_function("diagrams_svg", |b| {
        b.iter(|| build::diagrams(&model, &svg_only).expect("diagrams"))
    });
    group.bench_function("diagrams_svg_png", |b| {
        b.iter(|| build::diagrams(&model, &options).expect("diagrams"))
    });
    group.bench_function("codegen", |b| {
        b.iter(|| mlsd::codegen::generate(&model, "feed_ranking.mlsd", &options.stubs))
    });
    let formats = mlsd::docs::DocsOptions {
        svg: true,
        png: true,
    };
    group.bench_function("docs", |b| {
        b.iter(|| mlsd::docs::build_with(&model, "feed_ranking.mlsd", &formats))
    });
    group.bench_function("render_all", |b| {
        b.iter(|| build::render_all(&model, "feed_ranking.mlsd", &options).expect("render"))
    });
    let sets: Vec<_> = specs
        .iter()
        .map(|s| {
            build_source(s, "feed_ranking.mlsd", &options)
                .files
                .expect("no errors")
                .expect("builds")
        })
        .collect();
    let out2 = dir.path().join("write_only");
    group.bench_function("write_changed", |b| {
        b.iter(|| {
            turn += 1;
            output::write(&out2, &sets[turn % 2], &WriteOptions::default()).expect("write")
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
