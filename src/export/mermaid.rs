//! `Graph` -> Mermaid flowchart: clusters as `subgraph`, `-->` sync, `-.->` async and
//! stream, `==>` batch. Ids are the graph's ids made Mermaid-safe (`.` -> `_`), deduplicated.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use super::{Tree, lines};
use crate::view::{Direction, EdgeStyle, Graph};

/// Words Mermaid reads as syntax when used as an id.
const RESERVED: &[&str] = &[
    "end",
    "graph",
    "flowchart",
    "subgraph",
    "direction",
    "style",
    "class",
    "classdef",
    "click",
    "linkstyle",
    "default",
    "call",
    "href",
];

pub fn write(g: &Graph) -> String {
    let ids = Ids::new(g);
    let tree = Tree::new(g);
    let mut out = String::new();
    let _ = writeln!(out, "---\ntitle: {}\n---", yaml_quote(&g.title));
    let dir = match g.direction {
        Direction::Right => "LR",
        Direction::Down => "TD",
        Direction::Left => "RL",
        Direction::Up => "BT",
    };
    let _ = writeln!(out, "flowchart {dir}");
    for &n in &tree.top_nodes {
        node(&mut out, g, &ids, n, 1);
    }
    for &c in &tree.top_clusters {
        cluster(&mut out, g, &tree, &ids, c, 1);
    }
    let mut link_styles: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, e) in g.edges.iter().enumerate() {
        let arrow = match e.style {
            EdgeStyle::Sync | EdgeStyle::Relation => "-->",
            EdgeStyle::Async | EdgeStyle::Stream => "-.->",
            EdgeStyle::Batch => "==>",
        };
        match e.style {
            EdgeStyle::Stream => link_styles.entry("stroke-width:3px").or_default().push(i),
            EdgeStyle::Relation => link_styles.entry("stroke:#999999").or_default().push(i),
            _ => {}
        }
        let label = e
            .label
            .as_ref()
            .map(|l| format!("|\"{}\"|", escape(l)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {} {arrow}{label} {}",
            ids.get(&e.from),
            ids.get(&e.to)
        );
    }
    for (style, edges) in link_styles {
        let list: Vec<String> = edges.iter().map(usize::to_string).collect();
        let _ = writeln!(out, "  linkStyle {} {style}", list.join(","));
    }
    out
}

fn node(out: &mut String, g: &Graph, ids: &Ids, i: usize, depth: usize) {
    let n = &g.nodes[i];
    let text: Vec<String> = lines(&n.label, &n.captions)
        .iter()
        .map(|l| escape(l))
        .collect();
    let _ = writeln!(
        out,
        "{}{}[\"{}\"]",
        "  ".repeat(depth),
        ids.get(&n.id),
        text.join("<br/>")
    );
}

fn cluster(out: &mut String, g: &Graph, tree: &Tree, ids: &Ids, i: usize, depth: usize) {
    let c = &g.clusters[i];
    let pad = "  ".repeat(depth);
    let text: Vec<String> = lines(&c.label, &c.captions)
        .iter()
        .map(|l| escape(l))
        .collect();
    let _ = writeln!(
        out,
        "{pad}subgraph {}[\"{}\"]",
        ids.get(&c.id),
        text.join("<br/>")
    );
    for &n in &tree.child_nodes[i] {
        node(out, g, ids, n, depth + 1);
    }
    for &child in &tree.child_clusters[i] {
        cluster(out, g, tree, ids, child, depth + 1);
    }
    let _ = writeln!(out, "{pad}end");
}

/// Graph id -> Mermaid id.
struct Ids(BTreeMap<String, String>);

impl Ids {
    fn new(g: &Graph) -> Self {
        let mut map = BTreeMap::new();
        let mut taken = BTreeSet::new();
        let all = g
            .clusters
            .iter()
            .map(|c| &c.id)
            .chain(g.nodes.iter().map(|n| &n.id))
            .chain(g.edges.iter().flat_map(|e| [&e.from, &e.to]));
        for id in all {
            if map.contains_key(id) {
                continue;
            }
            let mut base: String = id
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || c == '_' {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            if base.is_empty() || RESERVED.contains(&base.to_ascii_lowercase().as_str()) {
                base = format!("id_{base}");
            }
            let mut candidate = base.clone();
            let mut k = 2;
            while !taken.insert(candidate.clone()) {
                candidate = format!("{base}_{k}");
                k += 1;
            }
            map.insert(id.clone(), candidate);
        }
        Ids(map)
    }

    fn get(&self, id: &str) -> &str {
        self.0.get(id).map_or("missing", String::as_str)
    }
}

/// Text inside a quoted Mermaid label: quotes, markup and `#` as entity codes.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::output::text::prose(text).chars() {
        match c {
            '#' => out.push_str("#35;"),
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '|' => out.push_str("#124;"),
            '\n' => out.push_str("<br/>"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// A YAML double-quoted scalar.
fn yaml_quote(text: &str) -> String {
    format!(
        "\"{}\"",
        crate::output::text::prose(text)
            .replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n")
            .replace('\r', "")
    )
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_label_text() {
        assert_eq!(
            escape("a \"b\" <c> #1 & d|e"),
            "a #quot;b#quot; #lt;c#gt; #35;1 #amp; d#124;e"
        );
    }
}
