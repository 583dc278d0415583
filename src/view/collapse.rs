//! Any drawn view in pieces: its overview (the components of each top-level group collapsed
//! into one box, edges between boxes merged) and one detail per group (its components
//! expanded, the nodes they exchange with as neighbours). The data-flow view is split with
//! these; the architecture's own overview and details are in `overview`.

use std::collections::{BTreeSet, HashMap};

use indexmap::IndexMap;

use super::overview::{
    EdgePart, NEIGHBOUR, fold_neighbours, group_box, merged_edge, neighbour_node, top_group,
};
use super::{Edge, Graph, Node, Shape, group_cluster};
use crate::model::{ComponentId, ComponentKind, Endpoint, GroupId, Model};

/// The overview of a drawn view (`full`): the nodes of components in a top-level group
/// collapsed into one box per group (label and counts by kind), the others kept with their
/// clusters, edges between two boxes merged. `component_of` tells which nodes are
/// components.
pub fn collapse(
    model: &Model,
    full: &Graph,
    component_of: &dyn Fn(&Node) -> Option<ComponentId>,
) -> Graph {
    let top_of = |n: &Node| {
        component_of(n)
            .and_then(|c| model.component(c).group)
            .map(|grp| top_group(model, grp))
    };
    let mut counts: IndexMap<GroupId, IndexMap<ComponentKind, usize>> = IndexMap::new();
    for n in &full.nodes {
        if let (Some(top), Some(c)) = (top_of(n), component_of(n)) {
            *counts
                .entry(top)
                .or_default()
                .entry(model.component(c).kind)
                .or_default() += 1;
        }
    }
    counts.sort_keys();
    let mut g = Graph {
        title: full.title.clone(),
        direction: full.direction,
        ..Graph::default()
    };
    let mut renamed: IndexMap<&str, String> = IndexMap::new();
    for (grp, kinds) in &counts {
        let id = model.group(*grp).named.name.clone();
        g.nodes.push(group_box(model, *grp, kinds, id, None));
    }
    // Kept clusters: those holding a kept node, with their ancestors; indices renumbered.
    let mut keep = vec![false; full.clusters.len()];
    for n in &full.nodes {
        match top_of(n) {
            Some(top) => {
                renamed.insert(&n.id, model.group(top).named.name.clone());
            }
            None => {
                let mut c = n.cluster;
                while let Some(i) = c.filter(|&i| i < keep.len() && !keep[i]) {
                    keep[i] = true;
                    c = full.clusters[i].parent;
                }
            }
        }
    }
    let mut new_index = vec![None; full.clusters.len()];
    for (i, c) in full.clusters.iter().enumerate() {
        if keep[i] {
            new_index[i] = Some(g.clusters.len());
            let mut c = c.clone();
            c.parent = c.parent.and_then(|p| new_index.get(p).copied().flatten());
            g.clusters.push(c);
        }
    }
    for n in &full.nodes {
        if !renamed.contains_key(n.id.as_str()) {
            let mut n = n.clone();
            n.cluster = n.cluster.and_then(|c| new_index.get(c).copied().flatten());
            g.nodes.push(n);
        }
    }
    let end = |id: &str| renamed.get(id).cloned().unwrap_or_else(|| id.to_string());
    let mut merged: IndexMap<(String, String), Vec<EdgePart>> = IndexMap::new();
    for e in &full.edges {
        let (from, to) = (end(&e.from), end(&e.to));
        if from == to && e.from != e.to {
            continue;
        }
        merged
            .entry((from, to))
            .or_default()
            .push((e.label.clone(), e.style));
    }
    for ((from, to), parts) in merged {
        g.edges.push(merged_edge(from, to, &parts));
    }
    g
}

/// The top-level groups with a component node in `full`, in declaration order.
pub fn groups_in(
    model: &Model,
    full: &Graph,
    component_of: &dyn Fn(&Node) -> Option<ComponentId>,
) -> Vec<GroupId> {
    let set: BTreeSet<GroupId> = full
        .nodes
        .iter()
        .filter_map(|n| component_of(n).and_then(|c| model.component(c).group))
        .map(|grp| top_group(model, grp))
        .collect();
    set.into_iter().collect()
}

/// One top-level group of a drawn view (`full`) expanded: its component nodes inside its
/// groups (sub-groups nested), every other node an edge joins them to drawn as a compact
/// neighbour, and those edges.
pub fn expand(
    model: &Model,
    full: &Graph,
    top: GroupId,
    component_of: &dyn Fn(&Node) -> Option<ComponentId>,
) -> Graph {
    let group_of = |n: &Node| {
        component_of(n)
            .and_then(|c| model.component(c).group)
            .filter(|grp| top_group(model, *grp) == top)
    };
    // The groups under `top` that hold a drawn member, with their ancestors.
    let mut used: BTreeSet<GroupId> = BTreeSet::new();
    for n in &full.nodes {
        let mut grp = group_of(n);
        while let Some(x) = grp {
            if !used.insert(x) {
                break;
            }
            grp = model.group(x).parent;
        }
    }
    let mut g = Graph {
        title: full.title.clone(),
        direction: full.direction,
        ..Graph::default()
    };
    let mut cluster_of: IndexMap<GroupId, usize> = IndexMap::new();
    for (i, grp) in model.groups.iter().enumerate() {
        if used.contains(&GroupId(i)) {
            let parent = grp.parent.and_then(|p| cluster_of.get(&p).copied());
            cluster_of.insert(GroupId(i), g.clusters.len());
            g.clusters.push(group_cluster(grp, parent));
        }
    }
    let members: BTreeSet<&str> = full
        .nodes
        .iter()
        .filter(|n| group_of(n).is_some())
        .map(|n| n.id.as_str())
        .collect();
    for n in &full.nodes {
        if let Some(grp) = group_of(n) {
            let mut n = n.clone();
            n.cluster = cluster_of.get(&grp).copied();
            g.nodes.push(n);
        }
    }
    let touches = |e: &Edge| members.contains(e.from.as_str()) || members.contains(e.to.as_str());
    let mut outside: BTreeSet<&str> = BTreeSet::new();
    for e in full.edges.iter().filter(|e| touches(e)) {
        for id in [e.from.as_str(), e.to.as_str()] {
            if !members.contains(id) {
                outside.insert(id);
            }
        }
    }
    let by_id: HashMap<&str, &Node> = full.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    for id in outside {
        g.nodes.push(outside_node(
            model,
            full,
            by_id.get(id).copied(),
            id,
            component_of,
        ));
    }
    g.edges = full.edges.iter().filter(|e| touches(e)).cloned().collect();
    fold_neighbours(model, g)
}

/// A node of `full` (`node`, or else one of its clusters, `id`) outside the expanded group,
/// drawn as a compact neighbour: a component says where it lives.
fn outside_node(
    model: &Model,
    full: &Graph,
    node: Option<&Node>,
    id: &str,
    component_of: &dyn Fn(&Node) -> Option<ComponentId>,
) -> Node {
    if let Some(n) = node {
        if let Some(c) = component_of(n) {
            return neighbour_node(model, Endpoint::Component(c));
        }
        let mut n = n.clone();
        // A node drawn inside a box (a stage in its pipeline) says which.
        if let Some(box_label) = n
            .cluster
            .and_then(|c| full.clusters.get(c))
            .map(|c| &c.label)
        {
            match n.captions.first_mut() {
                Some(first) => *first = format!("{first} · in {box_label}"),
                None => n.captions.push(format!("in {box_label}")),
            }
        }
        n.cluster = None;
        n.kind = NEIGHBOUR.into();
        return n;
    }
    let c = full.clusters.iter().find(|c| c.id == id);
    Node {
        id: id.to_string(),
        label: c.map_or_else(|| id.to_string(), |c| c.label.clone()),
        captions: c.map_or_else(Vec::new, |c| c.captions.clone()),
        kind: NEIGHBOUR.into(),
        shape: Shape::Pill,
        cluster: None,
        ..Default::default()
    }
}
