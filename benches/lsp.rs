//! Language-server latency on the reference spec: re-analysis after a change (diagnostics,
//! target 50 ms), completion and hover (target 20 ms each).

use criterion::{Criterion, criterion_group, criterion_main};
use lsp_types::{Position, Uri};
use mlsd::lsp::{Document, completion, diagnostics, hover};
use std::hint::black_box;

fn position_of(text: &str, needle: &str, skip: usize) -> Position {
    let at = text.find(needle).expect("needle in the reference spec") + skip;
    let before = &text[..at];
    let line = before.matches('\n').count() as u32;
    let col = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .encode_utf16()
        .count() as u32;
    Position::new(line, col)
}

fn bench(c: &mut Criterion) {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/specs/feed_ranking.mlsd"
    ))
    .unwrap();
    let uri: Uri = "file:///feed_ranking.mlsd".parse().unwrap();
    // A change: one replica count edited.
    let changed = text.replacen("replicas: 40", "replicas: 41", 1);
    c.bench_function("lsp/diagnostics_after_change", |b| {
        b.iter(|| {
            let doc = Document::new(black_box(changed.clone()), 2);
            black_box(diagnostics::to_lsp(&doc, &uri))
        })
    });
    let doc = Document::new(text.clone(), 1);
    let served = position_of(&text, "served_by: feed_service", 11);
    c.bench_function("lsp/completion", |b| {
        b.iter(|| black_box(completion::complete(&doc, black_box(served))))
    });
    let name = position_of(&text, "-> ranker_server", 4);
    c.bench_function("lsp/hover", |b| {
        b.iter(|| black_box(hover::hover(&doc, black_box(name))))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
