//! view `Graph` -> text in another tool's language: Graphviz DOT, Mermaid flowchart, D2
//! (`mlsd export`). Each writer is deterministic: nodes, clusters and edges in graph order.

mod d2;
mod dot;
mod mermaid;

use crate::model::{Model, View};
use crate::view::{self, Graph};

/// The languages `mlsd export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Dot,
    Mermaid,
    D2,
}

impl Target {
    pub const ALL: &'static [Target] = &[Target::Dot, Target::Mermaid, Target::D2];

    pub fn as_str(self) -> &'static str {
        match self {
            Target::Dot => "dot",
            Target::Mermaid => "mermaid",
            Target::D2 => "d2",
        }
    }

    pub fn parse(word: &str) -> Option<Self> {
        Target::ALL.iter().copied().find(|t| t.as_str() == word)
    }
}

/// One view of the model in the target language.
pub fn export(model: &Model, view: View, target: Target) -> String {
    graph(&view::build(model, view), target)
}

/// A graph in the target language.
pub fn graph(graph: &Graph, target: Target) -> String {
    match target {
        Target::Dot => dot::write(graph),
        Target::Mermaid => mermaid::write(graph),
        Target::D2 => d2::write(graph),
    }
}

/// The children of each cluster (by index) and the top level (`None`), in graph order.
struct Tree {
    /// Cluster indices whose parent is `None`, then per cluster its child clusters.
    top_clusters: Vec<usize>,
    child_clusters: Vec<Vec<usize>>,
    top_nodes: Vec<usize>,
    child_nodes: Vec<Vec<usize>>,
}

impl Tree {
    fn new(g: &Graph) -> Self {
        let n = g.clusters.len();
        let mut t = Tree {
            top_clusters: Vec::new(),
            child_clusters: vec![Vec::new(); n],
            top_nodes: Vec::new(),
            child_nodes: vec![Vec::new(); n],
        };
        for (i, c) in g.clusters.iter().enumerate() {
            // A parent index that is out of range or not before its child is treated as top
            // level, so a malformed graph cannot loop.
            match c.parent.filter(|&p| p < i) {
                Some(p) => t.child_clusters[p].push(i),
                None => t.top_clusters.push(i),
            }
        }
        for (i, node) in g.nodes.iter().enumerate() {
            match node.cluster.filter(|&c| c < n) {
                Some(c) => t.child_nodes[c].push(i),
                None => t.top_nodes.push(i),
            }
        }
        t
    }
}

/// The label and captions of a node, one per line.
fn lines(label: &str, captions: &[String]) -> Vec<String> {
    let mut out = vec![label.to_string()];
    out.extend(captions.iter().filter(|c| !c.is_empty()).cloned());
    out
}
