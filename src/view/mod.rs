//! Model -> Graph, one function per diagram. No geometry here: layout measures and places.

pub mod annotate;
mod architecture;
pub mod collapse;
mod data_flow;
mod deployment;
mod focus;
pub mod graph;
mod ml_pipeline;
pub mod overview;
pub mod sequence;

pub use graph::{Cluster, Direction, Edge, EdgeStyle, Graph, Node, Shape};

use crate::model::{self, ComponentKind, Model, View};

/// One diagram file of the design folder: `diagrams/{stem}.svg` (and `.png`).
#[derive(Debug, Clone, PartialEq)]
pub struct Diagram {
    /// The path under `diagrams/` without extension: `architecture`, `architecture/online`.
    pub stem: String,
    /// The view it belongs to (a detail diagram belongs to the architecture).
    pub view: View,
    pub graph: Graph,
}

/// Every diagram of the model: the four views, then, when the architecture is split, one
/// detail diagram per top-level group (`architecture` is then the overview).
pub fn all(model: &Model) -> Vec<Diagram> {
    let mut out: Vec<Diagram> = View::ALL
        .iter()
        .map(|v| Diagram {
            stem: v.as_str().to_string(),
            view: *v,
            graph: build(model, *v),
        })
        .collect();
    if overview::wants_detail(model) {
        for g in overview::detailed_groups(model) {
            let mut graph = overview::group_detail(model, g);
            decorate(model, View::Architecture, &mut graph);
            let label = &model.group(g).named.label;
            graph.title = if model.system.name.is_empty() {
                format!("Architecture: {label}")
            } else {
                format!("{}: {label}", model.system.name)
            };
            out.push(Diagram {
                stem: format!("architecture/{}", model.group(g).named.name),
                view: View::Architecture,
                graph,
            });
        }
    }
    if overview::splits(model, View::DataFlow) {
        for (g, mut graph) in data_flow::details(model) {
            decorate(model, View::DataFlow, &mut graph);
            graph.title = format!("{}: {}", graph.title, model.group(g).named.label);
            out.push(Diagram {
                stem: format!("data_flow/{}", model.group(g).named.name),
                view: View::DataFlow,
                graph,
            });
        }
    }
    for fv in &model.diagrams.focus {
        let mut graph = focus::build(model, fv);
        graph.direction = fv.direction.map_or(Direction::Right, direction_of);
        graph.title = if fv.named.explicit_label || model.system.name.is_empty() {
            fv.named.label.clone()
        } else {
            format!("{}: {}", model.system.name, fv.named.label)
        };
        pin(model, &mut graph, &fv.first, &fv.last);
        out.push(Diagram {
            stem: format!("views/{}", fv.named.name),
            view: View::Architecture,
            graph,
        });
    }
    out
}

fn direction_of(d: model::Direction) -> Direction {
    match d {
        model::Direction::Right => Direction::Right,
        model::Direction::Down => Direction::Down,
        model::Direction::Left => Direction::Left,
        model::Direction::Up => Direction::Up,
    }
}

/// The graph of one view of the model (the architecture's overview when it is split).
pub fn build(model: &Model, view: View) -> Graph {
    let mut graph = match view {
        View::Architecture if overview::wants_detail(model) => overview::overview(model),
        View::Architecture => architecture::build(model),
        View::MlPipeline => ml_pipeline::build(model),
        View::DataFlow if overview::splits(model, view) => data_flow::overview(model),
        View::DataFlow => data_flow::build(model),
        View::Deployment => deployment::build(model),
    };
    decorate(model, view, &mut graph);
    graph
}

/// The direction and title the spec's `diagrams` block gives a view.
fn decorate(model: &Model, view: View, graph: &mut Graph) {
    let settings = model.diagrams.views.get(&view);
    if let Some(s) = settings {
        pin(model, graph, &s.first, &s.last);
    }
    graph.direction = settings
        .and_then(|s| s.direction)
        .map_or_else(|| default_direction(view), direction_of);
    graph.title = settings.and_then(|s| s.title.clone()).unwrap_or_else(|| {
        let what = match view {
            View::Architecture => "Architecture",
            View::MlPipeline => "ML pipeline",
            View::DataFlow => "Data flow",
            View::Deployment => "Deployment",
        };
        if model.system.name.is_empty() {
            what.to_string()
        } else {
            format!("{}: {what}", model.system.name)
        }
    });
}

/// The nodes of `graph` that `first: [...]` and `last: [...]` name: a component's own node
/// (the deployment's `run.WHERE.NAME` boxes too), a group's box where it is collapsed and its
/// components' nodes where it is expanded. Names the diagram does not show pin nothing.
fn pin(model: &Model, graph: &mut Graph, first: &[model::Endpoint], last: &[model::Endpoint]) {
    let ids = |parts: &[model::Endpoint]| -> Vec<String> {
        let mut names: Vec<&str> = Vec::new();
        for p in parts {
            match *p {
                model::Endpoint::Component(c) => names.push(&model.component(c).named.name),
                model::Endpoint::Group(g) => {
                    names.push(&model.group(g).named.name);
                    for c in &model.components {
                        let mut at = c.group;
                        while let Some(x) = at {
                            if x == g {
                                names.push(&c.named.name);
                                break;
                            }
                            at = model.group(x).parent;
                        }
                    }
                }
                _ => {}
            }
        }
        graph
            .nodes
            .iter()
            .filter(|n| {
                names.iter().any(|name| {
                    n.id == *name
                        || (n.id.starts_with("run.") && n.id.ends_with(&format!(".{name}")))
                })
            })
            .map(|n| n.id.clone())
            .collect()
    };
    let (f, l) = (ids(first), ids(last));
    graph.first = f;
    // A node named in both stays first.
    graph.last = l
        .into_iter()
        .filter(|id| !graph.first.contains(id))
        .collect();
}

fn default_direction(view: View) -> Direction {
    match view {
        View::Deployment => Direction::Down,
        _ => Direction::Right,
    }
}

/// The outline of a component kind.
pub fn shape_of(kind: ComponentKind) -> Shape {
    use ComponentKind::*;
    match kind {
        User => Shape::Person,
        Client => Shape::Device,
        Gateway | LoadBalancer => Shape::Hexagon,
        Service | Worker | ModelServer => Shape::Box,
        ModelRegistry | FeatureStore | Database | Warehouse | Cache | VectorDb | SearchIndex => {
            Shape::Cylinder
        }
        Queue | Stream => Shape::Pipe,
        Storage => Shape::Folder,
        Scheduler => Shape::Clock,
        Monitor => Shape::Monitor,
        External => Shape::External,
    }
}

/// A cluster for a group, inside the cluster at index `parent`.
pub fn group_cluster(group: &model::Group, parent: Option<usize>) -> Cluster {
    Cluster {
        id: group.named.name.clone(),
        label: group.named.label.clone(),
        captions: Vec::new(),
        kind: "group".into(),
        parent,
    }
}

/// A node for a component: label, kind caption and technology.
pub fn component_node(
    model: &Model,
    id: model::ComponentId,
    node_id: String,
    cluster: Option<usize>,
) -> Node {
    let c = model.component(id);
    let mut captions = vec![c.kind.caption()];
    if let Some(tech) = &c.tech {
        captions[0] = format!("{} · {tech}", c.kind.caption());
    }
    Node {
        id: node_id,
        label: c.named.label.clone(),
        captions,
        kind: c.kind.as_str().to_string(),
        shape: shape_of(c.kind),
        cluster,
        ..Default::default()
    }
}

/// The label of a flow's edge: its label, else its protocol, drawn once per chain
/// (`a -> b -> c: "reads"` shares one label; it goes on the first of its arrows drawn, which
/// `labelled` remembers by chain number).
pub fn chain_label(
    f: &model::Flow,
    labelled: &mut std::collections::BTreeSet<usize>,
) -> Option<String> {
    if !labelled.insert(f.chain) {
        return None;
    }
    f.label.clone().or_else(|| f.protocol.clone())
}

/// The edge style of a flow mode.
pub fn style_of(mode: model::FlowMode) -> EdgeStyle {
    match mode.normalized() {
        model::FlowMode::Sync => EdgeStyle::Sync,
        model::FlowMode::Async => EdgeStyle::Async,
        model::FlowMode::Batch => EdgeStyle::Batch,
        _ => EdgeStyle::Stream,
    }
}

/// A node for a pipeline drawn as one box.
pub fn pipeline_node(model: &Model, id: model::PipelineId, cluster: Option<usize>) -> Node {
    let p = model.pipeline(id);
    let caption = match p.kind {
        Some(k) => format!("{k} pipeline"),
        None => "pipeline".to_string(),
    };
    Node {
        id: p.named.name.clone(),
        label: p.named.label.clone(),
        captions: vec![caption],
        kind: "pipeline".into(),
        shape: Shape::Pill,
        cluster,
        ..Default::default()
    }
}
