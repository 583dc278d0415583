//! Per-diagram stage timings (layout, scene, svg, png) of a generated spec's whole diagram set.
//! usage: views_timing COMPONENTS GROUPS FLOWS [--no-png] [--uniform]
//! (`--uniform`: the worst-case spec of random flows between any groups, instead of the
//! structured one)

#[path = "../../benches/common/specs.rs"]
mod specs;

use std::time::{Duration, Instant};

use mlsd::layout::{self, LayoutOptions};
use mlsd::render;
use mlsd::scene::{self, Theme};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let num = |i: usize, d: usize| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(d);
    let (n, groups, flows) = (num(1, 5000), num(2, 50), num(3, 10000));
    let png = !args.iter().any(|a| a == "--no-png");
    let t = Instant::now();
    let text = if args.iter().any(|a| a == "--uniform") {
        specs::spec(n, groups, flows, 1)
    } else {
        specs::structured(n, groups, flows, 1)
    };
    if let Ok(path) = std::env::var("WRITE") {
        std::fs::write(&path, &text).expect("write the spec");
        return;
    }
    let analysis = mlsd::analyze(text.as_bytes());
    assert!(!analysis.has_errors(), "the generated spec is valid");
    let ta = t.elapsed();
    let t = Instant::now();
    let jobs = mlsd::view::all(&analysis.model);
    let tv = t.elapsed();
    println!("analyze {ta:?} views {tv:?} diagrams {}", jobs.len());
    if std::env::var("SIZES").is_ok() {
        for d in &jobs {
            println!(
                "{} n={} e={} c={}",
                d.stem,
                d.graph.nodes.len(),
                d.graph.edges.len(),
                d.graph.clusters.len()
            );
        }
        return;
    }
    if let Ok(stem) = std::env::var("EXP") {
        let mut d = jobs.into_iter().find(|d| d.stem == stem).expect("stem");
        if std::env::var("FLAT").is_ok() {
            d.graph.clusters.clear();
            d.graph.nodes.iter_mut().for_each(|n| n.cluster = None);
        }
        if std::env::var("NOLABELS").is_ok() {
            d.graph.edges.iter_mut().for_each(|e| e.label = None);
        }
        if std::env::var("UNDIRECTED").is_ok() {
            let mut seen = std::collections::HashSet::new();
            d.graph.edges.retain(|e| {
                let k = if e.from < e.to {
                    (e.from.clone(), e.to.clone())
                } else {
                    (e.to.clone(), e.from.clone())
                };
                seen.insert(k)
            });
        }
        println!("n={} e={}", d.graph.nodes.len(), d.graph.edges.len());
        let index = layout::GraphIndex::new(&d.graph).expect("index");
        let m = layout::TextMeasurer::new();
        let measured = layout::Measured::new(&d.graph, &m, &LayoutOptions::default());
        let input = layout::EngineInput {
            graph: &d.graph,
            index: &index,
            measured: &measured,
        };
        let base = layout::ElkEngine::default().to_json(&input);
        let variants: Vec<(&str, Vec<(&str, &str)>)> = vec![
            ("base", vec![]),
            (
                "separate",
                vec![("elk.hierarchyHandling", "SEPARATE_CHILDREN")],
            ),
            ("thor1", vec![("elk.layered.thoroughness", "1")]),
            (
                "greedyhierOFF",
                vec![(
                    "elk.layered.crossingMinimization.greedySwitchHierarchical.type",
                    "OFF",
                )],
            ),
            (
                "thor1+ghOFF",
                vec![
                    ("elk.layered.thoroughness", "1"),
                    (
                        "elk.layered.crossingMinimization.greedySwitchHierarchical.type",
                        "OFF",
                    ),
                ],
            ),
            (
                "sweep-1",
                vec![(
                    "elk.layered.crossingMinimization.hierarchicalSweepiness",
                    "-1",
                )],
            ),
            (
                "cmNONE",
                vec![("elk.layered.crossingMinimization.strategy", "NONE")],
            ),
            (
                "thor1+ghOFF+gOFF",
                vec![
                    ("elk.layered.thoroughness", "1"),
                    (
                        "elk.layered.crossingMinimization.greedySwitchHierarchical.type",
                        "OFF",
                    ),
                    ("elk.layered.crossingMinimization.greedySwitch.type", "OFF"),
                ],
            ),
        ];
        for (name, kv) in variants {
            let mut doc = base.clone();
            for (k, v) in kv {
                doc["layoutOptions"][k] = serde_json::json!(v);
            }
            let text = doc.to_string();
            let t = Instant::now();
            let r = elkrs::create_elk().layout_json(&text);
            println!("{name}: {:?} ok={}", t.elapsed(), r.is_ok());
        }
        return;
    }
    let mut rows = Vec::new();
    for d in &jobs {
        let t = Instant::now();
        if std::env::var("ELK1").is_ok() {
            let index = layout::GraphIndex::new(&d.graph).expect("index");
            let m = layout::TextMeasurer::new();
            let measured = layout::Measured::new(&d.graph, &m, &LayoutOptions::default());
            let input = layout::EngineInput {
                graph: &d.graph,
                index: &index,
                measured: &measured,
            };
            use mlsd::layout::LayoutEngine;
            let _ = layout::ElkEngine::default().place(&input);
            println!("{} one elk place {:?}", d.stem, t.elapsed());
        }
        let t = Instant::now();
        let l = match layout::run(&d.graph, &LayoutOptions::default()) {
            Ok(l) => l,
            Err(e) => {
                println!("{}: {e}", d.stem);
                continue;
            }
        };
        let t1 = t.elapsed();
        let sc = scene::build(&d.graph, &l, &Theme::light());
        let t2 = t.elapsed();
        let svg = render::svg(&sc);
        let t3 = t.elapsed();
        let p = if png {
            render::png(&svg).map(|p| p.len()).unwrap_or(0)
        } else {
            0
        };
        let t4 = t.elapsed();
        rows.push(Row {
            stem: d.stem.clone(),
            nodes: d.graph.nodes.len(),
            edges: d.graph.edges.len(),
            total: t4,
            stages: [t1, t2 - t1, t3 - t2, t4 - t3],
            size: (l.width, l.height),
            bytes: (svg.len(), p),
        });
    }
    let total: Duration = rows.iter().map(|r| r.total).sum();
    let stage = |i: usize| -> Duration { rows.iter().map(|r| r.stages[i]).sum() };
    println!(
        "total (sequential) {total:?}: layout {:?} scene {:?} svg {:?} png {:?}",
        stage(0),
        stage(1),
        stage(2),
        stage(3)
    );
    rows.sort_by_key(|r| std::cmp::Reverse(r.total));
    for r in rows.iter().take(12) {
        println!(
            "{:<28} n={:<5} e={:<5} total {:>9.1?} layout {:>9.1?} scene {:>8.1?} svg {:>8.1?} png {:>9.1?} {:.0}x{:.0} svg {} KB png {} KB",
            r.stem,
            r.nodes,
            r.edges,
            r.total,
            r.stages[0],
            r.stages[1],
            r.stages[2],
            r.stages[3],
            r.size.0,
            r.size.1,
            r.bytes.0 / 1024,
            r.bytes.1 / 1024
        );
    }
}

/// One diagram's timings: layout, scene, SVG, PNG.
struct Row {
    stem: String,
    nodes: usize,
    edges: usize,
    total: Duration,
    stages: [Duration; 4],
    size: (f64, f64),
    bytes: (usize, usize),
}
