//! mlsd against Graphviz `dot` on the same clustered graphs (10, 50, 200, 1000 nodes): median
//! wall time of SVG and of PNG output, and the ratio mlsd/dot. Writes both tools' SVGs to
//! `$BENCH_OUT` (default target/bench-vs-dot) for `svgcheck.py`.
//! usage: cargo bench --bench vs_dot [-- SIZES...]   (needs `dot` on PATH)

#[path = "common/dot.rs"]
mod dot;
#[path = "common/graphs.rs"]
mod graphs;

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use mlsd::render::{DiagramOptions, diagram};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn time<F: FnMut()>(runs: usize, mut f: F) -> f64 {
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect(),
    )
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if args.is_empty() {
        vec![10, 50, 200, 1000]
    } else {
        args
    };
    let out =
        PathBuf::from(std::env::var("BENCH_OUT").unwrap_or_else(|_| "target/bench-vs-dot".into()));
    std::fs::create_dir_all(&out).expect("output dir");
    println!(
        "| nodes | edges | mlsd svg ms | dot svg ms | svg ratio | mlsd png ms | dot png ms | png ratio |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|");
    for n in sizes {
        let g = graphs::generated(n, 1);
        let runs = if n >= 1000 { 3 } else { 7 };
        let dot_file = out.join(format!("g{n}.dot"));
        std::fs::write(&dot_file, dot::to_dot(&g)).expect("write dot");
        let svg_opts = DiagramOptions {
            png: false,
            ..DiagramOptions::default()
        };
        let png_opts = DiagramOptions::default();
        let m_svg = time(runs, || {
            diagram(&g, &svg_opts).expect("mlsd svg");
        });
        let m_png = time(runs, || {
            diagram(&g, &png_opts).expect("mlsd png");
        });
        let r = diagram(&g, &png_opts).expect("mlsd");
        std::fs::write(out.join(format!("mlsd_{n}.svg")), &r.svg).expect("write");
        std::fs::write(out.join(format!("mlsd_{n}.png")), r.png.unwrap_or_default())
            .expect("write");
        let dot_failed = std::cell::Cell::new(false);
        let run_dot = |fmt: &str| {
            let target = out.join(format!("dot_{n}.{fmt}"));
            let st = Command::new("dot")
                .arg(format!("-T{fmt}"))
                .arg(&dot_file)
                .arg("-o")
                .arg(&target)
                .stderr(std::process::Stdio::null())
                .status()
                .expect("run dot (apt-get install graphviz)");
            // dot reports routing errors on some clustered graphs and exits non-zero, yet
            // still writes a picture: time it all the same, and say so.
            if !st.success() {
                dot_failed.set(true);
            }
        };
        let d_svg = time(runs, || run_dot("svg"));
        let d_png = time(runs, || run_dot("png"));
        println!(
            "| {n} | {} | {m_svg:.1} | {d_svg:.1}{} | {:.2} | {m_png:.1} | {d_png:.1} | {:.2} |",
            g.edges.len(),
            if dot_failed.get() {
                " (dot exit != 0)"
            } else {
                ""
            },
            m_svg / d_svg,
            m_png / d_png
        );
    }
}
