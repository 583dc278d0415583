//! The data-flow view: data stores and the services, pipelines and stages that move data
//! between them, edges labelled with the entity they carry and its rate.

use std::collections::BTreeSet;

use super::ml_pipeline::stage_id;
use super::{
    Cluster, Edge, EdgeStyle, Graph, Node, Shape, component_node, pipeline_node, style_of,
};
use crate::model::quantity::{Dimension, human};
use crate::model::{
    ComponentId, DataRef, Endpoint, EntityId, Model, PipelineId, PipelineMode, StageId,
};

/// What a data-flow node stands for.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Item {
    Component(ComponentId),
    Pipeline(PipelineId),
    Stage(StageId),
    Entity(EntityId),
}

pub fn build(model: &Model) -> Graph {
    let mut items: BTreeSet<Item> = BTreeSet::new();
    let mut edges: Vec<(Item, Item, Option<String>, EdgeStyle)> = Vec::new();
    let is_store = |e: Endpoint| matches!(e, Endpoint::Component(c) if model.component(c).kind.is_data_store());
    for f in &model.flows {
        let carries = !f.data.is_empty() || !f.returns.is_empty();
        if !carries && !is_store(f.from) && !is_store(f.to) {
            continue;
        }
        let (Some(from), Some(to)) = (item_of(f.from), item_of(f.to)) else {
            continue;
        };
        // One edge per flow, caller to callee: what it sends, its rate, and what comes back.
        let mut parts: Vec<String> = entity_names(model, &f.data)
            .or_else(|| f.label.clone())
            .into_iter()
            .collect();
        if let Some(rate) = f.rate {
            parts.push(human(rate.value, Dimension::RATE));
        }
        if let Some(returns) = entity_names(model, &f.returns) {
            parts.push(format!("returns {returns}"));
        }
        let label = (!parts.is_empty()).then(|| parts.join(" · "));
        items.extend([from, to]);
        edges.push((from, to, label, style_of(f.mode)));
    }
    for (pi, p) in model.pipelines.iter().enumerate() {
        let style = match p.mode {
            Some(PipelineMode::Batch) => EdgeStyle::Batch,
            Some(PipelineMode::Streaming) => EdgeStyle::Stream,
            _ => EdgeStyle::Relation,
        };
        for (si, s) in p.stages.iter().enumerate() {
            let stage = Item::Stage(StageId {
                pipeline: PipelineId(pi),
                index: si,
            });
            for d in &s.reads {
                for (store, label) in data_items(model, *d) {
                    items.extend([store, stage]);
                    edges.push((store, stage, label, style));
                }
            }
            for d in &s.writes {
                for (store, label) in data_items(model, *d) {
                    items.extend([store, stage]);
                    edges.push((stage, store, label, style));
                }
            }
        }
    }
    for (ei, e) in model.entities.iter().enumerate() {
        let Some(v) = &e.volume else { continue };
        for c in &v.stored_in {
            let entity = Item::Entity(EntityId(ei));
            let label = v
                .rate
                .map(|r| human(r.value, Dimension::RATE))
                .unwrap_or_else(|| "stored in".into());
            items.extend([entity, Item::Component(*c)]);
            edges.push((
                entity,
                Item::Component(*c),
                Some(label),
                EdgeStyle::Relation,
            ));
        }
    }
    let mut g = Graph::default();
    let mut pipeline_cluster: Vec<(PipelineId, usize)> = Vec::new();
    // A pipeline whose stages are drawn is its box: flows to it end at the box, not at a node.
    let boxed: BTreeSet<PipelineId> = items
        .iter()
        .filter_map(|i| {
            if let Item::Stage(s) = i {
                Some(s.pipeline)
            } else {
                None
            }
        })
        .collect();
    for item in &items {
        let node = match *item {
            Item::Component(c) => {
                component_node(model, c, model.component(c).named.name.clone(), None)
            }
            Item::Pipeline(p) if boxed.contains(&p) => continue,
            Item::Pipeline(p) => pipeline_node(model, p, None),
            Item::Entity(e) => Node {
                id: format!("entity.{}", model.entity(e).named.name),
                label: model.entity(e).named.name.clone(),
                captions: vec![entity_caption(model, e)],
                kind: "entity".into(),
                shape: Shape::Note,
                cluster: None,
                ..Default::default()
            },
            Item::Stage(s) => {
                let cluster = match pipeline_cluster.iter().find(|(p, _)| *p == s.pipeline) {
                    Some((_, c)) => *c,
                    None => {
                        let p = model.pipeline(s.pipeline);
                        g.clusters.push(Cluster {
                            id: format!("pipeline.{}", p.named.name),
                            label: p.named.label.clone(),
                            captions: p.kind.iter().map(|k| format!("{k} pipeline")).collect(),
                            kind: "pipeline".into(),
                            parent: None,
                        });
                        pipeline_cluster.push((s.pipeline, g.clusters.len() - 1));
                        g.clusters.len() - 1
                    }
                };
                let p = model.pipeline(s.pipeline);
                Node {
                    id: stage_id(&p.named.name, &p.stages[s.index].named.name),
                    label: p.stages[s.index].named.label.clone(),
                    captions: vec!["stage".into()],
                    kind: "stage".into(),
                    shape: Shape::Box,
                    cluster: Some(cluster),
                    ..Default::default()
                }
            }
        };
        g.nodes.push(node);
    }
    let id = |item: Item| -> String {
        match item {
            Item::Component(c) => model.component(c).named.name.clone(),
            Item::Pipeline(p) if boxed.contains(&p) => {
                format!("pipeline.{}", model.pipeline(p).named.name)
            }
            Item::Pipeline(p) => model.pipeline(p).named.name.clone(),
            Item::Entity(e) => format!("entity.{}", model.entity(e).named.name),
            Item::Stage(s) => {
                let p = model.pipeline(s.pipeline);
                stage_id(&p.named.name, &p.stages[s.index].named.name)
            }
        }
    };
    // Flows that draw the same edge are drawn once.
    let mut seen: BTreeSet<(Item, Item, Option<String>, EdgeStyle)> = BTreeSet::new();
    for (from, to, label, style) in edges {
        if seen.insert((from, to, label.clone(), style)) {
            g.edges.push(Edge {
                from: id(from),
                to: id(to),
                label,
                style,
                ..Default::default()
            });
        }
    }
    g
}

fn item_of(e: Endpoint) -> Option<Item> {
    match e {
        Endpoint::Component(c) => Some(Item::Component(c)),
        Endpoint::Pipeline(p) => Some(Item::Pipeline(p)),
        Endpoint::Stage(s) => Some(Item::Stage(s)),
        Endpoint::Group(_) => None,
    }
}

/// Where a stage's `reads`/`writes` entry lives: a component, or the stores an entity is kept
/// in (the entity itself when it names none), with the label of the edge.
fn data_items(model: &Model, d: DataRef) -> Vec<(Item, Option<String>)> {
    match d {
        DataRef::Component(c) => vec![(Item::Component(c), None)],
        DataRef::Entity(e) => {
            let entity = model.entity(e);
            let label = Some(entity.named.name.clone());
            match entity.volume.as_ref().filter(|v| !v.stored_in.is_empty()) {
                Some(v) => v
                    .stored_in
                    .iter()
                    .map(|c| (Item::Component(*c), label.clone()))
                    .collect(),
                None => vec![(Item::Entity(e), None)],
            }
        }
    }
}

/// "entity", or the entity's label when it has one ("entity · One watch of one video").
fn entity_caption(model: &Model, e: EntityId) -> String {
    let named = &model.entity(e).named;
    if named.explicit_label {
        format!("entity · {}", named.label)
    } else {
        "entity".into()
    }
}

fn entity_names(model: &Model, ids: &[EntityId]) -> Option<String> {
    if ids.is_empty() {
        return None;
    }
    let names: Vec<&str> = ids
        .iter()
        .map(|e| model.entity(*e).named.name.as_str())
        .collect();
    Some(names.join(", "))
}

/// The component a data-flow node draws (components keep their names as node ids).
fn component_of(model: &Model) -> impl Fn(&Node) -> Option<ComponentId> + '_ {
    let names = model.endpoints_by_name();
    move |n: &Node| match names.get(n.id.as_str()) {
        Some(Endpoint::Component(c)) if model.component(*c).kind.as_str() == n.kind => Some(*c),
        _ => None,
    }
}

/// The data-flow overview: each top-level group's components in one box.
pub fn overview(model: &Model) -> Graph {
    let folded = fold_pipelines(build(model));
    super::collapse::collapse(model, &folded, &component_of(model))
}

/// Each pipeline drawn as a box of stages becomes one node (its id is the box's, so the
/// flows that end at the box still do): its label, kind and number of stages. Edges between
/// two stages of one pipeline are dropped; the overview merges the rest.
fn fold_pipelines(full: Graph) -> Graph {
    let boxes: Vec<usize> = (0..full.clusters.len())
        .filter(|&i| full.clusters[i].kind == "pipeline" && full.clusters[i].parent.is_none())
        .collect();
    let mut renamed: std::collections::HashMap<String, String> = Default::default();
    let mut g = Graph {
        title: full.title.clone(),
        direction: full.direction,
        ..Graph::default()
    };
    let mut new_index = vec![None; full.clusters.len()];
    for (i, c) in full.clusters.iter().enumerate() {
        if !boxes.contains(&i) {
            new_index[i] = Some(g.clusters.len());
            let mut c = c.clone();
            c.parent = c.parent.and_then(|p| new_index[p]);
            g.clusters.push(c);
        }
    }
    for &b in &boxes {
        let c = &full.clusters[b];
        let stages = full.nodes.iter().filter(|n| n.cluster == Some(b)).count();
        let mut captions = c.captions.clone();
        captions.push(match stages {
            1 => "1 stage".to_string(),
            n => format!("{n} stages"),
        });
        g.nodes.push(Node {
            id: c.id.clone(),
            label: c.label.clone(),
            captions,
            kind: "pipeline".into(),
            shape: Shape::Pill,
            cluster: None,
            ..Default::default()
        });
    }
    for n in full.nodes {
        match n.cluster {
            Some(c) if boxes.contains(&c) => {
                renamed.insert(n.id, full.clusters[c].id.clone());
            }
            _ => {
                let mut n = n;
                n.cluster = n.cluster.and_then(|c| new_index[c]);
                g.nodes.push(n);
            }
        }
    }
    for mut e in full.edges {
        let (from, to) = (
            renamed.get(&e.from).cloned().unwrap_or(e.from),
            renamed.get(&e.to).cloned().unwrap_or(e.to),
        );
        if from == to {
            continue;
        }
        (e.from, e.to) = (from, to);
        g.edges.push(e);
    }
    g
}

/// One detail diagram per top-level group with a component in the data-flow view:
/// (group, graph).
pub fn details(model: &Model) -> Vec<(crate::model::GroupId, Graph)> {
    let full = build(model);
    let of = component_of(model);
    super::collapse::groups_in(model, &full, &of)
        .into_iter()
        .map(|grp| (grp, super::collapse::expand(model, &full, grp, &of)))
        .collect()
}

/// The top-level groups with a component in the data-flow view, in declaration order.
pub(super) fn groups(model: &Model) -> Vec<crate::model::GroupId> {
    super::collapse::groups_in(model, &build(model), &component_of(model))
}
