//! Renders the sample architecture graph (and optionally a generated one) to SVG and PNG.
//! usage: render_sample OUT_DIR [light|dark] [NODES [elk|layout-rs] | diamonds | pipeline]

#[path = "../../benches/common/graphs.rs"]
mod graphs;

use mlsd::layout::{Engine, LayoutOptions};
use mlsd::render::{DiagramOptions, diagram};
use mlsd::scene::Theme;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let dir = std::path::PathBuf::from(args.get(1).map(String::as_str).unwrap_or("target/sample"));
    std::fs::create_dir_all(&dir)?;
    let theme =
        Theme::by_name(args.get(2).map(String::as_str).unwrap_or("light")).unwrap_or_default();
    let engine = args
        .get(4)
        .and_then(|e| Engine::parse(e))
        .unwrap_or_default();
    let (name, g) = match args.get(3).and_then(|n| n.parse::<usize>().ok()) {
        _ if args.get(3).map(String::as_str) == Some("diamonds") => {
            ("diamonds".to_string(), graphs::diamonds(12))
        }
        _ if args.get(3).map(String::as_str) == Some("pipeline") => {
            ("pipeline".to_string(), graphs::pipeline(30))
        }
        Some(n) if engine == Engine::LayoutRs => {
            (format!("flat_{n}_layout_rs"), graphs::flat(n, 7))
        }
        Some(n) => (format!("generated_{n}"), graphs::generated(n, 7)),
        None => ("architecture".to_string(), graphs::architecture()),
    };
    let t = std::time::Instant::now();
    let out = diagram(
        &g,
        &DiagramOptions {
            theme: theme.clone(),
            layout: LayoutOptions {
                engine,
                ..LayoutOptions::default()
            },
            ..DiagramOptions::default()
        },
    )?;
    eprintln!("{name}: {:?}", t.elapsed());
    let stem = format!("{name}_{}", theme.name);
    std::fs::write(dir.join(format!("{stem}.svg")), &out.svg)?;
    if let Some(png) = &out.png {
        std::fs::write(dir.join(format!("{stem}.png")), png)?;
    }
    Ok(())
}
