//! Options of the layout stage: which engine, and the limits that keep it safe.

/// The algorithm that places boxes and routes edges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Engine {
    /// ELK layered (through `elkrs`): nested clusters, orthogonal routes, placed edge labels.
    #[default]
    Elk,
    /// `layout-rs` (Graphviz-style, flat): opt-in, no clusters, small graphs only.
    LayoutRs,
}

impl Engine {
    pub fn as_str(self) -> &'static str {
        match self {
            Engine::Elk => "elk",
            Engine::LayoutRs => "layout-rs",
        }
    }

    /// Parses the `--layout` value.
    pub fn parse(s: &str) -> Option<Engine> {
        match s {
            "elk" => Some(Engine::Elk),
            "layout-rs" | "layout_rs" | "layoutrs" => Some(Engine::LayoutRs),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct LayoutOptions {
    pub engine: Engine,
    /// Node labels wrap at this width (px).
    pub label_wrap: f64,
    /// Edge labels wrap at this width (px).
    pub edge_label_wrap: f64,
    /// Graphs with more nodes are refused rather than risking minutes of layout (3,000
    /// generated nodes: 7 s of layout and 0.5 GB peak for the whole SVG + PNG run).
    pub max_nodes: usize,
    /// `layout-rs` is refused above this many nodes (its DAG check is exponential).
    pub layout_rs_max_nodes: usize,
    /// Lay out the turned direction on a second thread from the start (mid-sized graphs),
    /// in case the first drawing is too stretched. Worth it for one diagram; a build that
    /// already draws a diagram per core turns it off, the spare work would slow the others.
    pub speculate: bool,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            engine: Engine::Elk,
            label_wrap: 170.0,
            edge_label_wrap: 140.0,
            max_nodes: 3000,
            layout_rs_max_nodes: 100,
            speculate: true,
        }
    }
}
