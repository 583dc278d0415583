//! `Graph` -> D2: clusters as nested containers, so a node's key is its `a.b.c` path of
//! container keys; edges at the top level between those paths. Async edges are dashed
//! (`style.stroke-dash`), streams dotted and wider, batches thick, relations grey.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::{Tree, lines};
use crate::view::{Direction, EdgeStyle, Graph, Shape};

/// Keys D2 reads as keywords; quoted when a graph id is one of them.
const RESERVED: &[&str] = &[
    "label",
    "shape",
    "style",
    "icon",
    "near",
    "width",
    "height",
    "direction",
    "tooltip",
    "link",
    "constraint",
    "class",
    "classes",
    "vars",
    "grid-rows",
    "grid-columns",
    "top",
    "left",
    "source-arrowhead",
    "target-arrowhead",
    "layers",
    "scenarios",
    "steps",
    "_",
];

pub fn write(g: &Graph) -> String {
    let tree = Tree::new(g);
    let paths = Paths::new(g, &tree);
    let mut out = String::new();
    let _ = writeln!(out, "# {}", crate::output::text::one_line(&g.title));
    let dir = match g.direction {
        Direction::Right => "right",
        Direction::Down => "down",
        Direction::Left => "left",
        Direction::Up => "up",
    };
    let _ = writeln!(out, "direction: {dir}");
    for &n in &tree.top_nodes {
        node(&mut out, g, &paths, n, 0);
    }
    for &c in &tree.top_clusters {
        cluster(&mut out, g, &tree, &paths, c, 0);
    }
    for e in &g.edges {
        let from = paths.get(&e.from);
        let to = paths.get(&e.to);
        let _ = write!(out, "{from} -> {to}");
        if let Some(label) = &e.label {
            let _ = write!(out, ": {}", quote(label));
        }
        let style: &[&str] = match e.style {
            EdgeStyle::Sync => &[],
            EdgeStyle::Async => &["style.stroke-dash: 5"],
            EdgeStyle::Stream => &["style.stroke-dash: 2", "style.stroke-width: 3"],
            EdgeStyle::Batch => &["style.stroke-width: 4"],
            EdgeStyle::Relation => &["style.stroke: \"#999999\""],
        };
        if !style.is_empty() {
            let _ = write!(out, " {{ {} }}", style.join("; "));
        }
        out.push('\n');
    }
    out
}

fn node(out: &mut String, g: &Graph, paths: &Paths, i: usize, depth: usize) {
    let n = &g.nodes[i];
    let pad = "  ".repeat(depth);
    let label = lines(&n.label, &n.captions).join("\n");
    let mut attrs = vec![format!("shape: {}", shape(n.shape))];
    if n.shape == Shape::External {
        attrs.push("style.stroke-dash: 3".into());
    }
    let _ = writeln!(
        out,
        "{pad}{}: {} {{ {} }}",
        paths.key(&n.id),
        quote(&label),
        attrs.join("; ")
    );
}

fn cluster(out: &mut String, g: &Graph, tree: &Tree, paths: &Paths, i: usize, depth: usize) {
    let c = &g.clusters[i];
    let pad = "  ".repeat(depth);
    let label = lines(&c.label, &c.captions).join("\n");
    let _ = writeln!(out, "{pad}{}: {} {{", paths.key(&c.id), quote(&label));
    for &n in &tree.child_nodes[i] {
        node(out, g, paths, n, depth + 1);
    }
    for &child in &tree.child_clusters[i] {
        cluster(out, g, tree, paths, child, depth + 1);
    }
    let _ = writeln!(out, "{pad}}}");
}

fn shape(s: Shape) -> &'static str {
    match s {
        Shape::Box | Shape::External | Shape::Device | Shape::Monitor => "rectangle",
        Shape::Cylinder => "cylinder",
        Shape::Pipe => "queue",
        Shape::Person => "person",
        Shape::Hexagon => "hexagon",
        Shape::Folder => "package",
        Shape::Pill => "oval",
        Shape::Note => "page",
        Shape::Clock => "circle",
    }
}

/// Each graph id's own key in its container and its full `a.b.c` path.
struct Paths {
    keys: BTreeMap<String, String>,
    paths: BTreeMap<String, String>,
}

impl Paths {
    fn new(g: &Graph, tree: &Tree) -> Self {
        let mut p = Paths {
            keys: BTreeMap::new(),
            paths: BTreeMap::new(),
        };
        p.level(g, tree, "", &tree.top_nodes, &tree.top_clusters);
        p
    }

    /// Assigns keys to the members of one container (whose path is `prefix`): each member
    /// gets the shortest dotted suffix of its id that no sibling shares (`training.train` in
    /// the `training` box is `train`). D2 keys ignore case, so siblings are compared in
    /// lower case, and a clash left over gets a numbered suffix.
    fn level(&mut self, g: &Graph, tree: &Tree, prefix: &str, nodes: &[usize], clusters: &[usize]) {
        let ids: Vec<&String> = nodes
            .iter()
            .map(|&n| &g.nodes[n].id)
            .chain(clusters.iter().map(|&c| &g.clusters[c].id))
            .collect();
        let lower: Vec<Vec<String>> = ids
            .iter()
            .map(|id| id.split('.').map(str::to_ascii_lowercase).collect())
            .collect();
        let mut taken = std::collections::BTreeSet::new();
        for (i, id) in ids.iter().enumerate() {
            let segments: Vec<&str> = id.split('.').collect();
            let n = segments.len();
            let k = (1..=n)
                .find(|&k| {
                    let mine = &lower[i][n - k..];
                    !lower.iter().enumerate().any(|(j, other)| {
                        j != i && other.len() >= k && &other[other.len() - k..] == mine
                    })
                })
                .unwrap_or(n);
            let base = segments[n - k..].join(".");
            let mut own = base.clone();
            let mut counter = 2;
            while !taken.insert(own.to_ascii_lowercase()) {
                own = format!("{base}_{counter}");
                counter += 1;
            }
            let key = key_text(&own);
            let path = if prefix.is_empty() {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            self.keys.insert((*id).clone(), key);
            self.paths.insert((*id).clone(), path);
        }
        for &c in clusters {
            let id = &g.clusters[c].id;
            let path = self.paths[id].clone();
            self.level(
                g,
                tree,
                &path,
                &tree.child_nodes[c],
                &tree.child_clusters[c],
            );
        }
    }

    fn key(&self, id: &str) -> String {
        self.keys.get(id).cloned().unwrap_or_else(|| key_text(id))
    }

    fn get(&self, id: &str) -> String {
        self.paths.get(id).cloned().unwrap_or_else(|| key_text(id))
    }
}

/// A key as D2 reads it: quoted when it holds anything but `[A-Za-z0-9_]` or is a keyword.
fn key_text(id: &str) -> String {
    let plain = !id.is_empty()
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !RESERVED.contains(&id.to_ascii_lowercase().as_str());
    if plain { id.to_string() } else { quote(id) }
}

/// A D2 double-quoted string: `"`, `\` and `$` escaped, line breaks as `\n`.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in crate::output::text::prose(text).chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            // `${x}` is a substitution in a D2 string.
            '$' => out.push_str("\\$"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
