//! Prints the ELK JSON of the sample architecture graph and ELK's answer (debugging aid).
//! usage: elk_json [in|out [NODES]] | elk_json raw < elk.json

#[path = "../../benches/common/graphs.rs"]
mod graphs;

use mlsd::layout::{ElkEngine, EngineInput, GraphIndex, LayoutOptions, Measured, TextMeasurer};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    if std::env::args().nth(1).as_deref() == Some("raw") {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)?;
        let out = elkrs::create_elk().layout_json(&s)?;
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(());
    }
    let g = match std::env::args()
        .nth(2)
        .and_then(|n| n.parse::<usize>().ok())
    {
        Some(n) => graphs::generated(
            n,
            std::env::var("SEED")
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(7),
        ),
        None => graphs::architecture(),
    };
    let index = GraphIndex::new(&g)?;
    let measured = Measured::new(&g, &TextMeasurer::new(), &LayoutOptions::default());
    let json = ElkEngine::default().to_json(&EngineInput {
        graph: &g,
        index: &index,
        measured: &measured,
    });
    if std::env::args().nth(1).as_deref() == Some("out") {
        let out = elkrs::create_elk().layout_json(&json.to_string())?;
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        println!("{}", serde_json::to_string_pretty(&json)?);
    }
    Ok(())
}
