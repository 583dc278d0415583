//! Front-end throughput: parse + resolve + check on the reference spec, a generated spec of
//! 300 components and 600 flows, and a 1 MB spec.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

/// A spec with `n` services in groups of ten and two flows per service.
fn generated(n: usize) -> String {
    let mut s = String::from("system \"Generated\" { summary: \"benchmark\" }\nuser viewer\n");
    for g in 0..n.div_ceil(10) {
        s.push_str(&format!("group g{g} \"Group {g}\" {{\n"));
        for i in g * 10..((g + 1) * 10).min(n) {
            s.push_str(&format!(
                "  service s{i} \"Service {i}\" {{ tech: \"Go\"; replicas: 3; capacity: 5k/s }}\n"
            ));
        }
        s.push_str("}\n");
    }
    for i in 0..n {
        let j = (i * 7 + 3) % n;
        s.push_str(&format!(
            "viewer -> s{i}: \"call {i}\" {{ protocol: grpc; rate: 1k/s; timeout: 50ms }}\n"
        ));
        s.push_str(&format!("s{i} -> s{j} {{ mode: async }}\n"));
    }
    s
}

fn bench(c: &mut Criterion) {
    let reference = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/specs/feed_ranking.mlsd"
    ))
    .unwrap();
    let medium = generated(300);
    let mut big = generated(300);
    let mut n = 300;
    while big.len() < 1 << 20 {
        n += 300;
        big = generated(n);
    }
    let mut group = c.benchmark_group("frontend");
    for (name, text) in [
        ("reference", &reference),
        ("300_components_600_flows", &medium),
        ("1MB", &big),
    ] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| mlsd::analyze(black_box(text.as_bytes())))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
