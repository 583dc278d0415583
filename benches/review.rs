//! Review throughput: `analysis::run` (facts and every rule) on the reference spec and on a
//! generated spec of 300 components (sync chains, stores, entities, models, two regions).
//! Targets: < 10 ms and < 100 ms.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

/// `n` components: services calling each other in sync chains with budgets, a store per ten
/// services holding an entity, a model server per ten, an api, and two regions.
fn generated(n: usize) -> String {
    let mut s = String::from(
        "system \"Generated\" { summary: \"benchmark\" }\nuser viewer\nrequirements { non_functional { latency_p99: 200ms; survives: region } }\nsecurity { pii_retention: 30d }\n",
    );
    let groups = n.div_ceil(10);
    for g in 0..groups {
        s.push_str(&format!(
            "entity E{g} {{ id: string @pii; x: float; volume {{ rate: 1k/s; retention: 60d; stored_in: [db{g}] }} }}\n"
        ));
        s.push_str(&format!(
            "model m{g} {{ task: ranking; inputs: [E{g}] }}\ndatabase db{g} {{ backup_every: 1d }}\nmodel_server ms{g} {{ model: m{g}; replicas: 2; capacity: 1k/s }}\n"
        ));
        for i in g * 10..((g + 1) * 10).min(n).saturating_sub(2) {
            s.push_str(&format!("service s{i} {{ replicas: 3; capacity: 5k/s }}\n"));
        }
    }
    let services: Vec<usize> = (0..groups)
        .flat_map(|g| g * 10..((g + 1) * 10).min(n).saturating_sub(2))
        .collect();
    s.push_str(&format!("viewer -> s{}\n", services[0]));
    for (k, i) in services.iter().enumerate() {
        let j = services[(k * 7 + 3) % services.len()];
        let g = i / 10;
        s.push_str(&format!(
            "s{i} -> s{j} -> ms{g} {{ latency: 20ms; timeout: 50ms; rate: 500/s }}\n"
        ));
        s.push_str(&format!("s{i} -> db{g} {{ returns: E{g} }}\n"));
    }
    s.push_str(&format!(
        "entity R {{ ok: bool }}\napi a {{ protocol: rest; served_by: s{}\n get x \"/x\" {{ response: R; latency_p99: 150ms }}\n}}\n",
        services[0]
    ));
    s.push_str("deployment {\n region east {\n");
    for i in &services {
        s.push_str(&format!("  run s{i} {{ replicas: 2 }}\n"));
    }
    s.push_str(" }\n region west {\n");
    for i in &services {
        s.push_str(&format!("  run s{i} {{ replicas: 1 }}\n"));
    }
    s.push_str(" }\n}\noperations { disaster_recovery { rpo: 1h; rto: 10min } }\n");
    s
}

fn bench(c: &mut Criterion) {
    let reference = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/specs/feed_ranking.mlsd"
    ))
    .unwrap();
    let big = generated(300);
    let reference = mlsd::analyze(reference.as_bytes());
    let big = mlsd::analyze(big.as_bytes());
    assert!(!reference.has_errors());
    assert!(
        !big.has_errors(),
        "{}",
        mlsd::diagnostic::render(&big.diagnostics, "gen", &big.source, false)
    );
    assert!(big.model.components.len() >= 300);
    let mut group = c.benchmark_group("review");
    group.bench_function("reference", |b| {
        b.iter(|| mlsd::analysis::run(black_box(&reference.model)))
    });
    group.bench_function("generated_300", |b| {
        b.iter(|| mlsd::analysis::run(black_box(&big.model)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
