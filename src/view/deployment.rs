//! The deployment view: regions > zones > clusters > node pools as nested boxes, with each
//! placed component and its replica count. Without a `deployment` block: every component
//! that runs somewhere (not users, clients or external systems) with its replicas, in one box
//! saying they are not placed yet and what to add; when the architecture is large enough to
//! be drawn as an overview, the grouped ones are summed up per top-level group as there.

use indexmap::IndexMap;

use super::overview::{group_box, top_group, wants_detail};
use super::{Cluster, Graph, component_node};
use crate::model::quantity::human_money;
use crate::model::{ComponentId, ComponentKind, Container, GroupId, Model, Run};

pub fn build(model: &Model) -> Graph {
    let mut g = Graph::default();
    match &model.deployment {
        Some(d) => {
            for c in &d.containers {
                add_container(model, &mut g, c, None);
            }
            add_runs(model, &mut g, &d.runs, None, "deployment");
        }
        None => unplaced(model, &mut g),
    }
    g
}

/// No `deployment` block: what is known (the components and their replicas), unplaced.
fn unplaced(model: &Model, g: &mut Graph) {
    let runs: Vec<Run> = model
        .components
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            !matches!(
                c.kind,
                ComponentKind::User | ComponentKind::Client | ComponentKind::External
            )
        })
        .map(|(i, _)| Run {
            component: ComponentId(i),
            replicas: None,
            span: crate::span::Span::default(),
        })
        .collect();
    if runs.is_empty() {
        return;
    }
    g.clusters.push(Cluster {
        id: "deploy.unplaced".to_string(),
        label: "Not placed yet".to_string(),
        captions: vec!["add `deployment { region NAME { run COMPONENT } }`".to_string()],
        kind: "region".to_string(),
        parent: None,
    });
    if !wants_detail(model) {
        add_runs(model, g, &runs, Some(0), "unplaced");
        return;
    }
    // Thousands of unplaced boxes say no more than a count per group, and cannot be drawn.
    let mut counts: IndexMap<GroupId, IndexMap<ComponentKind, usize>> = IndexMap::new();
    let mut loose = Vec::new();
    for r in runs {
        match model.component(r.component).group {
            Some(grp) => {
                let kinds = counts.entry(top_group(model, grp)).or_default();
                *kinds.entry(model.component(r.component).kind).or_default() += 1;
            }
            None => loose.push(r),
        }
    }
    counts.sort_keys();
    for (grp, kinds) in &counts {
        let id = format!("run.unplaced.group.{}", model.group(*grp).named.name);
        g.nodes.push(group_box(model, *grp, kinds, id, Some(0)));
    }
    add_runs(model, g, &loose, Some(0), "unplaced");
}

fn add_container(model: &Model, g: &mut Graph, c: &Container, parent: Option<usize>) {
    let mut captions = vec![match &c.provider {
        Some(p) => format!("{} · {p}", c.level.as_str().replace('_', " ")),
        None => c.level.as_str().replace('_', " "),
    }];
    if c.instance.is_some() || c.count.is_some() {
        let mut line = match (&c.instance, c.count) {
            (Some(i), Some(n)) => format!("{n} x {i}"),
            (Some(i), None) => i.clone(),
            (None, Some(n)) => format!("{n} nodes"),
            (None, None) => String::new(),
        };
        if let Some(cost) = c.cost {
            line.push_str(&format!(" · {}/h each", human_money(cost.value * 3600.0)));
        }
        captions.push(line);
    }
    g.clusters.push(Cluster {
        id: format!("deploy.{}", c.qualified),
        label: c.named.label.clone(),
        captions,
        kind: c.level.as_str().to_string(),
        parent,
    });
    let me = g.clusters.len() - 1;
    for child in &c.children {
        add_container(model, g, child, Some(me));
    }
    add_runs(model, g, &c.runs, Some(me), &c.qualified);
}

fn add_runs(model: &Model, g: &mut Graph, runs: &[Run], cluster: Option<usize>, prefix: &str) {
    for r in runs {
        let comp = model.component(r.component);
        let id = format!("run.{prefix}.{}", comp.named.name);
        if g.nodes.iter().any(|n| n.id == id) {
            continue;
        }
        let mut node = component_node(model, r.component, id, cluster);
        let replicas = r.replicas.or(comp.replicas).unwrap_or(1);
        node.captions.push(format!("x{replicas}"));
        g.nodes.push(node);
    }
}
