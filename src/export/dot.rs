//! `Graph` -> Graphviz DOT: clusters as `subgraph cluster_*`, edge styles as DOT styles.
//! An edge to a cluster goes to an invisible point inside it, clipped with `lhead`/`ltail`.

use std::collections::BTreeSet;
use std::fmt::Write;

use super::{Tree, lines};
use crate::view::{Direction, EdgeStyle, Graph, Shape};

pub fn write(g: &Graph) -> String {
    let tree = Tree::new(g);
    let cluster_ids: BTreeSet<&str> = g.clusters.iter().map(|c| c.id.as_str()).collect();
    let anchored: BTreeSet<&str> = g
        .edges
        .iter()
        .flat_map(|e| [e.from.as_str(), e.to.as_str()])
        .filter(|id| cluster_ids.contains(id))
        .collect();
    let mut out = String::new();
    let rankdir = match g.direction {
        Direction::Right => "LR",
        Direction::Down => "TB",
        Direction::Left => "RL",
        Direction::Up => "BT",
    };
    let _ = writeln!(out, "digraph {} {{", quote(&g.title));
    let _ = writeln!(
        out,
        "  graph [label={}, labelloc=t, rankdir={rankdir}, compound=true, fontname=\"Helvetica\"];",
        quote(&g.title)
    );
    out.push_str("  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n");
    out.push_str("  edge [fontname=\"Helvetica\"];\n");
    let w = Writer {
        g,
        tree: &tree,
        anchored: &anchored,
    };
    for &n in &tree.top_nodes {
        w.node(&mut out, n, 1);
    }
    for &c in &tree.top_clusters {
        w.cluster(&mut out, c, 1);
    }
    for e in &g.edges {
        let mut attrs = Vec::new();
        let from = endpoint(&e.from, &cluster_ids, "ltail", &mut attrs);
        let to = endpoint(&e.to, &cluster_ids, "lhead", &mut attrs);
        if let Some(label) = &e.label {
            attrs.push(format!("label={}", quote(label)));
        }
        match e.style {
            EdgeStyle::Sync => {}
            EdgeStyle::Async => attrs.push("style=dashed".into()),
            EdgeStyle::Stream => attrs.push("style=dotted, penwidth=2".into()),
            EdgeStyle::Batch => attrs.push("style=bold".into()),
            EdgeStyle::Relation => attrs.push("color=gray50, arrowhead=open".into()),
        }
        let _ = write!(out, "  {} -> {}", quote(&from), quote(&to));
        if !attrs.is_empty() {
            let _ = write!(out, " [{}]", attrs.join(", "));
        }
        out.push_str(";\n");
    }
    out.push_str("}\n");
    out
}

/// The DOT node an edge end is drawn to: a cluster's anchor, clipped at the cluster.
fn endpoint(id: &str, clusters: &BTreeSet<&str>, clip: &str, attrs: &mut Vec<String>) -> String {
    if clusters.contains(id) {
        attrs.push(format!("{clip}={}", quote(&cluster_name(id))));
        anchor(id)
    } else {
        id.to_string()
    }
}

fn anchor(cluster_id: &str) -> String {
    format!("{cluster_id} (anchor)")
}

fn cluster_name(id: &str) -> String {
    format!("cluster_{id}")
}

struct Writer<'a> {
    g: &'a Graph,
    tree: &'a Tree,
    anchored: &'a BTreeSet<&'a str>,
}

impl Writer<'_> {
    fn node(&self, out: &mut String, i: usize, depth: usize) {
        let n = &self.g.nodes[i];
        let pad = "  ".repeat(depth);
        let label = lines(&n.label, &n.captions).join("\n");
        let _ = writeln!(
            out,
            "{pad}{} [label={}, {}];",
            quote(&n.id),
            quote(&label),
            shape(n.shape)
        );
    }

    fn cluster(&self, out: &mut String, i: usize, depth: usize) {
        let c = &self.g.clusters[i];
        let pad = "  ".repeat(depth);
        let _ = writeln!(out, "{pad}subgraph {} {{", quote(&cluster_name(&c.id)));
        let label = lines(&c.label, &c.captions).join("\n");
        let _ = writeln!(out, "{pad}  label={};", quote(&label));
        let _ = writeln!(out, "{pad}  style=rounded;");
        // Graphviz does not draw an empty cluster: an invisible point keeps it.
        let empty = self.tree.child_nodes[i].is_empty() && self.tree.child_clusters[i].is_empty();
        if empty || self.anchored.contains(c.id.as_str()) {
            let _ = writeln!(
                out,
                "{pad}  {} [shape=point, style=invis, label=\"\"];",
                quote(&anchor(&c.id))
            );
        }
        for &n in &self.tree.child_nodes[i] {
            self.node(out, n, depth + 1);
        }
        for &child in &self.tree.child_clusters[i] {
            self.cluster(out, child, depth + 1);
        }
        let _ = writeln!(out, "{pad}}}");
    }
}

fn shape(s: Shape) -> &'static str {
    match s {
        Shape::Box => "shape=box, style=rounded",
        Shape::Cylinder => "shape=cylinder",
        Shape::Pipe => "shape=box, style=\"rounded,diagonals\"",
        Shape::Person => "shape=egg",
        Shape::Hexagon => "shape=hexagon",
        Shape::Folder => "shape=folder",
        Shape::External => "shape=box, style=dashed",
        Shape::Device => "shape=box3d",
        Shape::Pill => "shape=box, style=\"rounded,filled\", fillcolor=\"#eef2ff\"",
        Shape::Note => "shape=note",
        Shape::Clock => "shape=octagon",
        Shape::Monitor => "shape=component",
    }
}

/// A DOT double-quoted string: `"` and `\` escaped, line breaks as `\n`.
pub(super) fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in crate::output::text::prose(text).chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn quotes_and_escapes() {
        assert_eq!(quote("a \"b\" \\ c\nd"), r#""a \"b\" \\ c\nd""#);
    }
}
