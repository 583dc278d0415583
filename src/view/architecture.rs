//! The architecture view: every component in its nested groups, pipelines that take part in
//! flows as single nodes, every flow.

use super::{Edge, Graph, component_node, group_cluster, pipeline_node, style_of};
use crate::model::{ComponentId, Endpoint, Model, PipelineId};

pub fn build(model: &Model) -> Graph {
    let mut g = Graph::default();
    // Groups keep their declaration order, so a parent precedes its children.
    for group in &model.groups {
        g.clusters
            .push(group_cluster(group, group.parent.map(|p| p.0)));
    }
    for (i, c) in model.components.iter().enumerate() {
        g.nodes.push(component_node(
            model,
            ComponentId(i),
            c.named.name.clone(),
            c.group.map(|grp| grp.0),
        ));
    }
    let mut pipelines: Vec<PipelineId> = Vec::new();
    for f in &model.flows {
        for e in [f.from, f.to] {
            let p = match e {
                Endpoint::Pipeline(p) => p,
                Endpoint::Stage(s) => s.pipeline,
                _ => continue,
            };
            if !pipelines.contains(&p) {
                pipelines.push(p);
            }
        }
    }
    pipelines.sort();
    for p in pipelines {
        g.nodes.push(pipeline_node(model, p, None));
    }
    let mut labelled = std::collections::BTreeSet::new();
    for f in &model.flows {
        g.edges.push(Edge {
            from: end_id(model, f.from),
            to: end_id(model, f.to),
            label: super::chain_label(f, &mut labelled),
            style: style_of(f.mode),
            ..Default::default()
        });
    }
    g
}

/// The node or cluster id a flow end is drawn at (a stage is drawn as its pipeline).
fn end_id(model: &Model, e: Endpoint) -> String {
    match e {
        Endpoint::Stage(s) => model.pipeline(s.pipeline).named.name.clone(),
        other => model.endpoint_name(other),
    }
}
