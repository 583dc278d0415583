//! The geometry-free graph a view produces: nodes, nested clusters and edges.
//! Layout takes it from here; nothing in this file knows about coordinates.

/// Flow direction of the main axis of a diagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    #[default]
    Right,
    Down,
    Left,
    Up,
}

/// The outline a node is drawn with; chosen by the view from the component kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Shape {
    /// Plain rectangle with rounded corners (services, workers, stages...).
    #[default]
    Box,
    /// Cylinder: databases, warehouses, feature stores, vector dbs, registries.
    Cylinder,
    /// Horizontal pipe: queues and streams.
    Pipe,
    /// A person: users.
    Person,
    /// Hexagon: gateways and load balancers.
    Hexagon,
    /// Folder/bucket: object storage.
    Folder,
    /// Rectangle with a dashed outline: external systems.
    External,
    /// Device frame: clients.
    Device,
    /// Rounded "pill": pipelines drawn as one node, models in pipeline views.
    Pill,
    /// Note-like box with a folded corner: entities / documents.
    Note,
    /// Octagon-ish clock: schedulers.
    Clock,
    /// Box with a chart mark: monitors.
    Monitor,
}

/// How an edge is drawn; follows the flow `mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum EdgeStyle {
    /// Synchronous call: solid line.
    #[default]
    Sync,
    /// Asynchronous message: dashed line.
    Async,
    /// Continuous stream: dotted, thicker line.
    Stream,
    /// Periodic batch transfer: long-dash double-weight line.
    Batch,
    /// A relation that is not a flow (stage reads a store, trains a model...): thin grey.
    Relation,
}

impl EdgeStyle {
    /// The word used in CSS classes and the legend.
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeStyle::Sync => "sync",
            EdgeStyle::Async => "async",
            EdgeStyle::Stream => "stream",
            EdgeStyle::Batch => "batch",
            EdgeStyle::Relation => "relation",
        }
    }
}

/// A box in the diagram.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Node {
    /// Unique among nodes and clusters of the graph; made of `[A-Za-z0-9_.]` (qualified names).
    pub id: String,
    /// Main text, may be long: layout wraps it.
    pub label: String,
    /// Small secondary lines under the label (kind caption, tech, `x30`...).
    pub captions: Vec<String>,
    /// CSS class naming what the node is (`service`, `database`, `stage`, `model`...).
    pub kind: String,
    pub shape: Shape,
    /// Index into `Graph::clusters` of the innermost cluster holding this node.
    pub cluster: Option<usize>,
    /// The hover text (SVG `<title>`): the node's facts, plain text, lines split by `\n`.
    pub tooltip: Option<String>,
    /// Where a click goes: a path relative to the diagram's own file (`../design/x.md#a`).
    pub link: Option<String>,
}

/// A titled box around nodes and other clusters.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cluster {
    /// Unique among nodes and clusters of the graph.
    pub id: String,
    pub label: String,
    /// Small lines under the title (kind, instance type and count...).
    pub captions: Vec<String>,
    /// CSS class (`group`, `pipeline`, `region`, `cluster`, `node_pool`...).
    pub kind: String,
    /// Index into `Graph::clusters` of the enclosing cluster; parents come before children.
    pub parent: Option<usize>,
}

/// An arrow between two nodes or clusters (by id).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Edge {
    pub from: String,
    pub to: String,
    pub label: Option<String>,
    pub style: EdgeStyle,
    /// The hover text (SVG `<title>`): the flows the edge stands for.
    pub tooltip: Option<String>,
    /// Where a click goes, relative to the diagram's own file.
    pub link: Option<String>,
}

/// Everything one diagram shows, without geometry.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Graph {
    /// Shown as the diagram's title and in the SVG `<title>`.
    pub title: String,
    pub direction: Direction,
    pub nodes: Vec<Node>,
    pub clusters: Vec<Cluster>,
    pub edges: Vec<Edge>,
    /// Ids of the nodes drawn in the first layer (`first: [...]` of the view), and in the last.
    pub first: Vec<String>,
    pub last: Vec<String>,
}
