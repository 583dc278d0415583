//! The ML pipeline view: each pipeline as a box of its stages in order, and the models and
//! stores its stages read, write, train and use, outside the boxes.

use super::{Cluster, Edge, EdgeStyle, Graph, Node, Shape, component_node};
use crate::model::{DataRef, Model, ModelId, quantity::human_time};

pub fn build(model: &Model) -> Graph {
    let mut g = Graph::default();
    let mut outside: Vec<Outside> = Vec::new();
    for p in &model.pipelines {
        let cluster = g.clusters.len();
        let mut caption: Vec<String> = p.kind.iter().map(|k| k.to_string()).collect();
        caption.extend(p.mode.iter().map(|m| m.to_string()));
        caption.extend(p.schedule.iter().map(|s| format!("schedule {s}")));
        g.clusters.push(Cluster {
            id: p.named.name.clone(),
            label: p.named.label.clone(),
            captions: if caption.is_empty() {
                Vec::new()
            } else {
                vec![caption.join(" · ")]
            },
            kind: "pipeline".into(),
            parent: None,
        });
        for s in &p.stages {
            let mut captions = Vec::new();
            let mut details: Vec<String> = s.tech.iter().cloned().collect();
            details.extend(s.resources.iter().cloned());
            details.extend(s.duration.iter().map(|d| human_time(d.value)));
            if !details.is_empty() {
                captions.push(details.join(" · "));
            }
            if let Some(gate) = &s.gate {
                captions.push(format!("gate: {gate}"));
            }
            g.nodes.push(Node {
                id: stage_id(&p.named.name, &s.named.name),
                label: s.named.label.clone(),
                captions,
                kind: "stage".into(),
                shape: if s.gate.is_some() {
                    Shape::Hexagon
                } else {
                    Shape::Box
                },
                cluster: Some(cluster),
                ..Default::default()
            });
        }
        let arrows: Vec<(usize, usize, Option<String>)> = if p.arrows.is_empty() {
            p.order.windows(2).map(|w| (w[0], w[1], None)).collect()
        } else {
            p.arrows
                .iter()
                .map(|a| (a.from, a.to, a.label.clone()))
                .collect()
        };
        for (from, to, label) in arrows {
            g.edges.push(Edge {
                from: stage_id(&p.named.name, &p.stages[from].named.name),
                to: stage_id(&p.named.name, &p.stages[to].named.name),
                label,
                style: EdgeStyle::Sync,
                ..Default::default()
            });
        }
        for s in &p.stages {
            let me = stage_id(&p.named.name, &s.named.name);
            for d in &s.reads {
                outside_node(&mut outside, Outside::Data(*d));
                g.edges.push(relation(
                    id_of(model, Outside::Data(*d)),
                    me.clone(),
                    "reads",
                ));
            }
            for d in &s.writes {
                outside_node(&mut outside, Outside::Data(*d));
                g.edges.push(relation(
                    me.clone(),
                    id_of(model, Outside::Data(*d)),
                    "writes",
                ));
            }
            for m in &s.trains {
                outside_node(&mut outside, Outside::Model(*m));
                g.edges.push(relation(
                    me.clone(),
                    id_of(model, Outside::Model(*m)),
                    "trains",
                ));
            }
            for m in &s.uses {
                outside_node(&mut outside, Outside::Model(*m));
                g.edges.push(relation(
                    id_of(model, Outside::Model(*m)),
                    me.clone(),
                    "used by",
                ));
            }
        }
    }
    for o in outside {
        g.nodes.push(match o {
            Outside::Data(DataRef::Component(c)) => component_node(model, c, id_of(model, o), None),
            Outside::Data(DataRef::Entity(e)) => Node {
                id: id_of(model, o),
                label: model.entity(e).named.name.clone(),
                captions: vec!["entity".into()],
                kind: "entity".into(),
                shape: Shape::Note,
                cluster: None,
                ..Default::default()
            },
            Outside::Model(m) => model_node(model, m, id_of(model, o)),
        });
    }
    g
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Outside {
    Data(DataRef),
    Model(ModelId),
}

/// Remembers a node drawn outside the pipeline boxes, once.
fn outside_node(list: &mut Vec<Outside>, o: Outside) {
    if !list.contains(&o) {
        list.push(o);
    }
}

fn id_of(model: &Model, o: Outside) -> String {
    match o {
        Outside::Data(DataRef::Component(c)) => model.component(c).named.name.clone(),
        Outside::Data(DataRef::Entity(e)) => model.entity(e).named.name.clone(),
        Outside::Model(m) => model.model(m).named.name.clone(),
    }
}

pub fn stage_id(pipeline: &str, stage: &str) -> String {
    format!("{pipeline}.{stage}")
}

fn relation(from: String, to: String, label: &str) -> Edge {
    Edge {
        from,
        to,
        label: Some(label.to_string()),
        style: EdgeStyle::Relation,
        ..Default::default()
    }
}

/// A node for an ML model: its label with task, framework and version.
pub fn model_node(model: &Model, id: ModelId, node_id: String) -> Node {
    let m = model.model(id);
    let mut caption: Vec<String> = m
        .task
        .iter()
        .map(|t| t.as_str().replace('_', " "))
        .collect();
    caption.extend(m.framework.iter().map(|f| f.to_string()));
    caption.extend(m.version.iter().map(|v| format!("v{v}")));
    Node {
        id: node_id,
        label: m.named.label.clone(),
        captions: if caption.is_empty() {
            vec!["model".into()]
        } else {
            vec![format!("model · {}", caption.join(" · "))]
        },
        kind: "model".into(),
        shape: Shape::Pill,
        cluster: None,
        ..Default::default()
    }
}
