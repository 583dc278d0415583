//! Model -> Graph, one function per diagram. No geometry here: layout measures and places.

mod architecture;
mod data_flow;
mod deployment;
pub mod graph;
mod ml_pipeline;

pub use graph::{Cluster, Direction, Edge, EdgeStyle, Graph, Node, Shape};

use crate::model::{self, ComponentKind, Model, View};

/// The graph of one view of the model.
pub fn build(model: &Model, view: View) -> Graph {
    let mut graph = match view {
        View::Architecture => architecture::build(model),
        View::MlPipeline => ml_pipeline::build(model),
        View::DataFlow => data_flow::build(model),
        View::Deployment => deployment::build(model),
    };
    let settings = model.diagrams.views.get(&view);
    graph.direction = match settings.and_then(|s| s.direction) {
        Some(model::Direction::Right) => Direction::Right,
        Some(model::Direction::Down) => Direction::Down,
        Some(model::Direction::Left) => Direction::Left,
        Some(model::Direction::Up) => Direction::Up,
        None => default_direction(view),
    };
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
    graph
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
    }
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
    }
}
