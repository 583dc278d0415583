//! Graph -> Graphviz DOT, as close as DOT allows to what mlsd draws (same labels, captions,
//! clusters, edge labels and styles), so `dot` is timed on the same work.
#![allow(dead_code)]

use std::fmt::Write;

use mlsd::view::{Direction, EdgeStyle, Graph, Shape};

fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn shape(s: Shape) -> &'static str {
    match s {
        Shape::Box | Shape::External | Shape::Device | Shape::Clock | Shape::Monitor => "box",
        Shape::Cylinder | Shape::Pipe => "cylinder",
        Shape::Person => "box",
        Shape::Hexagon => "hexagon",
        Shape::Folder => "folder",
        Shape::Pill => "box",
        Shape::Note => "note",
    }
}

pub fn to_dot(g: &Graph) -> String {
    let mut o = String::new();
    let rankdir = match g.direction {
        Direction::Right => "LR",
        Direction::Down => "TB",
        Direction::Left => "RL",
        Direction::Up => "BT",
    };
    let _ = writeln!(
        o,
        "digraph G {{\n  compound=true; rankdir={rankdir}; label={};",
        q(&g.title)
    );
    let _ = writeln!(
        o,
        "  node [fontname=\"DejaVu Sans\" fontsize=14 style=\"rounded,filled\" fillcolor=\"#eef2ff\"];"
    );
    let _ = writeln!(o, "  edge [fontname=\"DejaVu Sans\" fontsize=11];");
    fn cluster(g: &Graph, c: Option<usize>, o: &mut String, depth: usize) {
        let pad = "  ".repeat(depth + 1);
        for (i, n) in g.nodes.iter().enumerate().filter(|(_, n)| n.cluster == c) {
            let mut label = n.label.clone();
            for cap in &n.captions {
                label.push('\n');
                label.push_str(cap);
            }
            let _ = writeln!(
                o,
                "{pad}n{i} [label={} shape={}];",
                q(&label),
                shape(n.shape)
            );
        }
        for (i, cl) in g
            .clusters
            .iter()
            .enumerate()
            .filter(|(_, cl)| cl.parent == c)
        {
            let _ = writeln!(
                o,
                "{pad}subgraph cluster_{i} {{ label={}; style=rounded;",
                q(&cl.label)
            );
            cluster(g, Some(i), o, depth + 1);
            let _ = writeln!(o, "{pad}}}");
        }
    }
    cluster(g, None, &mut o, 0);
    let id_of = |id: &str| -> Option<(String, Option<usize>)> {
        if let Some(i) = g.nodes.iter().position(|n| n.id == id) {
            return Some((format!("n{i}"), None));
        }
        let c = g.clusters.iter().position(|c| c.id == id)?;
        // DOT edges end at nodes: use a member and clip at the cluster (lhead/ltail).
        let member = g.nodes.iter().position(|n| {
            let mut cur = n.cluster;
            while let Some(x) = cur {
                if x == c {
                    return true;
                }
                cur = g.clusters[x].parent;
            }
            false
        })?;
        Some((format!("n{member}"), Some(c)))
    };
    for e in &g.edges {
        let (Some((a, ca)), Some((b, cb))) = (id_of(&e.from), id_of(&e.to)) else {
            continue;
        };
        let mut attrs = Vec::new();
        if let Some(l) = &e.label {
            attrs.push(format!("label={}", q(l)));
        }
        attrs.push(
            match e.style {
                EdgeStyle::Sync => "style=solid",
                EdgeStyle::Async => "style=dashed",
                EdgeStyle::Stream => "style=dotted penwidth=2",
                EdgeStyle::Batch => "style=bold",
                EdgeStyle::Relation => "color=gray",
            }
            .to_string(),
        );
        if let Some(c) = ca {
            attrs.push(format!("ltail=cluster_{c}"));
        }
        if let Some(c) = cb {
            attrs.push(format!("lhead=cluster_{c}"));
        }
        let _ = writeln!(o, "  {a} -> {b} [{}];", attrs.join(" "));
    }
    o.push_str("}\n");
    o
}
