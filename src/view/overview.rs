//! The architecture of a large design in pieces a reader can take in: an overview with each
//! top-level group collapsed into one box, and one detail diagram per top-level group with
//! its members expanded and the outside components it talks to drawn as compact neighbours.

use std::collections::{BTreeSet, HashMap};

use indexmap::IndexMap;

use super::{Edge, EdgeStyle, Graph, Node, Shape, component_node, group_cluster, pipeline_node};
use super::{shape_of, style_of};
use crate::model::{ComponentId, ComponentKind, Detail, Endpoint, GroupId, Model, View};

/// Above this many components the architecture is split (unless `detail` says otherwise).
pub const DETAIL_THRESHOLD: usize = 25;

/// Whether the architecture is drawn as an overview plus detail diagrams.
pub fn wants_detail(model: &Model) -> bool {
    splits(model, View::Architecture)
}

/// Whether `view` is drawn as an overview plus detail diagrams: `detail: always`, or by
/// default when it is large (the architecture above 25 components, the data-flow view above
/// 25 nodes). Only those two views split.
pub fn splits(model: &Model, view: View) -> bool {
    let detail = model
        .diagrams
        .views
        .get(&view)
        .and_then(|s| s.detail)
        .unwrap_or(Detail::Auto);
    match (detail, view) {
        (Detail::Never, _) => false,
        (Detail::Always, View::Architecture | View::DataFlow) => true,
        (Detail::Auto, View::Architecture) => model.components.len() > DETAIL_THRESHOLD,
        (Detail::Auto, View::DataFlow) => {
            super::data_flow::build(model).nodes.len() > DETAIL_THRESHOLD
        }
        _ => false,
    }
}

/// The top-level group a group belongs to (itself when it has no parent).
pub fn top_group(model: &Model, mut g: GroupId) -> GroupId {
    while let Some(p) = model.group(g).parent {
        g = p;
    }
    g
}

/// The top-level groups that hold at least one component, in declaration order: the ones
/// that get a detail diagram.
pub fn detailed_groups(model: &Model) -> Vec<GroupId> {
    let used: BTreeSet<GroupId> = model
        .components
        .iter()
        .filter_map(|c| c.group.map(|g| top_group(model, g)))
        .collect();
    used.into_iter().collect()
}

/// The top-level groups that get a detail diagram of `view`, `diagrams/VIEW/GROUP` (none when
/// the view is not split).
pub fn detail_groups(model: &Model, view: View) -> Vec<GroupId> {
    match view {
        _ if !splits(model, view) => Vec::new(),
        View::Architecture => detailed_groups(model),
        View::DataFlow => super::data_flow::groups(model),
        _ => Vec::new(),
    }
}

/// The overview: top-level groups collapsed, ungrouped components and pipelines as in the
/// architecture, flows between two boxes merged into one edge.
pub fn overview(model: &Model) -> Graph {
    let mut g = Graph::default();
    let mut counts: IndexMap<GroupId, IndexMap<ComponentKind, usize>> = IndexMap::new();
    for (i, grp) in model.groups.iter().enumerate() {
        if grp.parent.is_none() {
            counts.insert(GroupId(i), IndexMap::new());
        }
    }
    for c in &model.components {
        if let Some(grp) = c.group {
            let kinds = counts.entry(top_group(model, grp)).or_default();
            *kinds.entry(c.kind).or_default() += 1;
        }
    }
    for (grp, kinds) in &counts {
        let id = model.group(*grp).named.name.clone();
        g.nodes.push(group_box(model, *grp, kinds, id, None));
    }
    for (i, c) in model.components.iter().enumerate() {
        if c.group.is_none() {
            g.nodes.push(component_node(
                model,
                ComponentId(i),
                c.named.name.clone(),
                None,
            ));
        }
    }
    push_pipelines(model, &mut g);
    // Flows merged by (from, to): how many, and their modes.
    let mut merged: IndexMap<(String, String), Vec<usize>> = IndexMap::new();
    for (i, f) in model.flows.iter().enumerate() {
        let (from, to) = (overview_end(model, f.from), overview_end(model, f.to));
        if from != to {
            merged.entry((from, to)).or_default().push(i);
        }
    }
    for ((from, to), flows) in merged {
        let parts: Vec<EdgePart> = flows
            .iter()
            .map(|i| (flow_label(model, *i), style_of(model.flows[*i].mode)))
            .collect();
        g.edges.push(merged_edge(from, to, &parts));
    }
    g
}

/// The label and style of one of the edges merged into one.
pub(super) type EdgePart = (Option<String>, EdgeStyle);

/// One edge for the flows between two boxes of an overview: a single flow keeps its label,
/// several say how many and their modes; drawn in the most request-like style among them
/// (sync first), so the request path reads first.
pub(super) fn merged_edge(from: String, to: String, parts: &[EdgePart]) -> Edge {
    let styles: BTreeSet<EdgeStyle> = parts.iter().map(|(_, s)| *s).collect();
    let label = match parts {
        [(one, _)] => one.clone(),
        _ => {
            let modes: Vec<&str> = styles.iter().map(|s| s.as_str()).collect();
            Some(format!("{} flows · {}", parts.len(), modes.join(", ")))
        }
    };
    Edge {
        from,
        to,
        label,
        // A merged edge that carries a call is drawn as one: the request path reads first.
        style: styles.first().copied().unwrap_or_default(),
        ..Default::default()
    }
}

/// One top-level group expanded (its sub-groups nested), with every outside component,
/// group or pipeline it exchanges flows with as a compact neighbour node.
pub fn group_detail(model: &Model, top: GroupId) -> Graph {
    let mut g = Graph::default();
    let mut cluster_of: IndexMap<GroupId, usize> = IndexMap::new();
    for (i, grp) in model.groups.iter().enumerate() {
        let id = GroupId(i);
        if top_group(model, id) != top {
            continue;
        }
        cluster_of.insert(id, g.clusters.len());
        let parent = grp.parent.and_then(|p| cluster_of.get(&p).copied());
        g.clusters.push(group_cluster(grp, parent));
    }
    let inside = |e: Endpoint| match e {
        Endpoint::Component(c) => model
            .component(c)
            .group
            .is_some_and(|grp| cluster_of.contains_key(&grp)),
        Endpoint::Group(grp) => cluster_of.contains_key(&grp),
        _ => false,
    };
    for (i, c) in model.components.iter().enumerate() {
        if let Some(cluster) = c.group.and_then(|grp| cluster_of.get(&grp)) {
            g.nodes.push(component_node(
                model,
                ComponentId(i),
                c.named.name.clone(),
                Some(*cluster),
            ));
        }
    }
    let mut neighbours: BTreeSet<Endpoint> = BTreeSet::new();
    for f in &model.flows {
        let (a, b) = (inside(f.from), inside(f.to));
        if !a && !b {
            continue;
        }
        for (end, is_inside) in [(f.from, a), (f.to, b)] {
            let end = match end {
                Endpoint::Stage(s) => Endpoint::Pipeline(s.pipeline),
                other => other,
            };
            if !is_inside {
                neighbours.insert(end);
            }
        }
    }
    for n in neighbours {
        g.nodes.push(neighbour_node(model, n));
    }
    for (i, f) in model.flows.iter().enumerate() {
        if inside(f.from) || inside(f.to) {
            g.edges.push(Edge {
                from: end_id(model, f.from),
                to: end_id(model, f.to),
                label: flow_label(model, i),
                style: style_of(f.mode),
                ..Default::default()
            });
        }
    }
    fold_neighbours(model, g)
}

/// Above this many neighbours, a detail diagram draws the neighbours of one outside group as
/// a single node for that group.
pub const NEIGHBOUR_LIMIT: usize = 12;

/// A detail diagram with more than [`NEIGHBOUR_LIMIT`] neighbours: every outside top-level
/// group with two or more neighbours drawn as one neighbour node (its label and how many of
/// its components are involved), and the flows to them merged per pair of ends, as in the
/// overview. Members, pipelines and lone neighbours are kept as they are.
pub(super) fn fold_neighbours(model: &Model, g: Graph) -> Graph {
    let neighbours: Vec<&Node> = g.nodes.iter().filter(|n| n.kind == NEIGHBOUR).collect();
    if neighbours.len() <= NEIGHBOUR_LIMIT {
        return g;
    }
    let names = model.endpoints_by_name();
    let top_of = |id: &str| match names.get(id) {
        Some(Endpoint::Component(c)) => model.component(*c).group.map(|grp| top_group(model, grp)),
        Some(Endpoint::Group(grp)) => Some(top_group(model, *grp)),
        _ => None,
    };
    let mut by_group: IndexMap<GroupId, Vec<&str>> = IndexMap::new();
    for n in &neighbours {
        if let Some(top) = top_of(&n.id) {
            by_group.entry(top).or_default().push(n.id.as_str());
        }
    }
    by_group.retain(|_, ids| ids.len() >= 2);
    by_group.sort_keys();
    let renamed: HashMap<String, String> = by_group
        .iter()
        .flat_map(|(grp, ids)| {
            let to = model.group(*grp).named.name.clone();
            ids.iter().map(move |id| (id.to_string(), to.clone()))
        })
        .collect();
    let mut folded: HashMap<String, Node> = by_group
        .iter()
        .map(|(grp, ids)| Node {
            id: model.group(*grp).named.name.clone(),
            label: model.group(*grp).named.label.clone(),
            captions: vec![format!("group · {} of its components", ids.len())],
            kind: NEIGHBOUR.into(),
            shape: Shape::Box,
            ..Default::default()
        })
        .map(|n| (n.id.clone(), n))
        .collect();
    // A group's node takes the place of its first neighbour.
    let nodes = g
        .nodes
        .into_iter()
        .filter_map(|n| match renamed.get(&n.id) {
            Some(group) => folded.remove(group),
            None => Some(n),
        })
        .collect();
    // Edges to a folded neighbour merge per (from, to), at the place of the first one.
    let mut merged: IndexMap<(String, String), (usize, Vec<EdgePart>)> = IndexMap::new();
    let mut kept: Vec<Option<Edge>> = Vec::new();
    for e in g.edges {
        let rename = |id: &String| renamed.get(id).cloned();
        match (rename(&e.from), rename(&e.to)) {
            (None, None) => kept.push(Some(e)),
            (from, to) => {
                let key = (from.unwrap_or(e.from), to.unwrap_or(e.to));
                let slot = kept.len();
                let entry = merged.entry(key).or_insert_with(|| {
                    kept.push(None);
                    (slot, Vec::new())
                });
                entry.1.push((e.label, e.style));
            }
        }
    }
    for ((from, to), (slot, parts)) in merged {
        kept[slot] = Some(merged_edge(from, to, &parts));
    }
    Graph {
        nodes,
        edges: kept.into_iter().flatten().collect(),
        ..g
    }
}

/// The kind of a node drawn small in a detail diagram: something outside the detailed group.
pub(super) const NEIGHBOUR: &str = "neighbour";

/// A component, group or pipeline outside the detailed group, drawn small: its label and
/// where it lives.
pub(super) fn neighbour_node(model: &Model, e: Endpoint) -> Node {
    let outside = |grp: Option<GroupId>| match grp {
        Some(grp) => format!("in {}", model.group(top_group(model, grp)).named.label),
        None => "outside any group".to_string(),
    };
    match e {
        Endpoint::Component(c) => {
            let comp = model.component(c);
            Node {
                id: comp.named.name.clone(),
                label: comp.named.label.clone(),
                captions: vec![format!("{} · {}", comp.kind.caption(), outside(comp.group))],
                kind: NEIGHBOUR.into(),
                shape: shape_of(comp.kind),
                cluster: None,
                ..Default::default()
            }
        }
        Endpoint::Group(grp) => Node {
            id: model.group(grp).named.name.clone(),
            label: model.group(grp).named.label.clone(),
            captions: vec![format!("group · {}", outside(Some(grp)))],
            kind: NEIGHBOUR.into(),
            shape: Shape::Box,
            cluster: None,
            ..Default::default()
        },
        Endpoint::Pipeline(p) | Endpoint::Stage(crate::model::StageId { pipeline: p, .. }) => {
            let mut node = pipeline_node(model, p, None);
            node.kind = NEIGHBOUR.into();
            node
        }
    }
}

/// The pipelines that take part in flows, as single nodes (as in the architecture).
fn push_pipelines(model: &Model, g: &mut Graph) {
    let mut pipelines = BTreeSet::new();
    for f in &model.flows {
        for e in [f.from, f.to] {
            match e {
                Endpoint::Pipeline(p) => pipelines.insert(p),
                Endpoint::Stage(s) => pipelines.insert(s.pipeline),
                _ => false,
            };
        }
    }
    for p in pipelines {
        g.nodes.push(pipeline_node(model, p, None));
    }
}

/// Where a flow end is drawn in the overview: its top-level group's box, or itself.
fn overview_end(model: &Model, e: Endpoint) -> String {
    match e {
        Endpoint::Component(c) => match model.component(c).group {
            Some(grp) => model.group(top_group(model, grp)).named.name.clone(),
            None => model.component(c).named.name.clone(),
        },
        Endpoint::Group(grp) => model.group(top_group(model, grp)).named.name.clone(),
        Endpoint::Pipeline(p) => model.pipeline(p).named.name.clone(),
        Endpoint::Stage(s) => model.pipeline(s.pipeline).named.name.clone(),
    }
}

/// Where a flow end is drawn in a detail diagram (a stage is drawn as its pipeline).
fn end_id(model: &Model, e: Endpoint) -> String {
    match e {
        Endpoint::Stage(s) => model.pipeline(s.pipeline).named.name.clone(),
        other => model.endpoint_name(other),
    }
}

/// The label the architecture gives one flow.
fn flow_label(model: &Model, i: usize) -> Option<String> {
    let f = &model.flows[i];
    f.label.clone().or_else(|| f.protocol.clone())
}

/// A top-level group collapsed into one box: its label and its components counted by kind.
pub(super) fn group_box(
    model: &Model,
    grp: GroupId,
    kinds: &IndexMap<ComponentKind, usize>,
    id: String,
    cluster: Option<usize>,
) -> Node {
    Node {
        id,
        label: model.group(grp).named.label.clone(),
        captions: count_captions(kinds),
        kind: "group_overview".into(),
        shape: Shape::Box,
        cluster,
        ..Default::default()
    }
}

/// "12 components", then the counts by kind, most frequent first, two to a line.
pub(super) fn count_captions(kinds: &IndexMap<ComponentKind, usize>) -> Vec<String> {
    let total: usize = kinds.values().sum();
    let mut lines = vec![match total {
        1 => "group · 1 component".to_string(),
        n => format!("group · {n} components"),
    }];
    let mut sorted: Vec<(&ComponentKind, &usize)> = kinds.iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let parts: Vec<String> = sorted
        .into_iter()
        .map(|(k, n)| format!("{n} {}", plural(*k, *n)))
        .collect();
    lines.extend(parts.chunks(2).map(|pair| pair.join(" · ")));
    lines
}

/// The kind caption in the plural when `n` is not one ("3 search indexes").
fn plural(kind: ComponentKind, n: usize) -> String {
    let word = match kind {
        ComponentKind::External => "external system".to_string(),
        _ => kind.caption(),
    };
    if n == 1 || word.ends_with("storage") {
        word
    } else if word.ends_with('x') || word.ends_with('s') {
        format!("{word}es")
    } else {
        format!("{word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_read_as_english() {
        assert_eq!(plural(ComponentKind::SearchIndex, 2), "search indexes");
        assert_eq!(plural(ComponentKind::Service, 3), "services");
        assert_eq!(plural(ComponentKind::Service, 1), "service");
        assert_eq!(plural(ComponentKind::Storage, 4), "storage");
        assert_eq!(plural(ComponentKind::External, 2), "external systems");
    }

    #[test]
    fn counts_are_sorted_most_frequent_first_two_to_a_line() {
        let mut kinds = IndexMap::new();
        kinds.insert(ComponentKind::Database, 1);
        kinds.insert(ComponentKind::Service, 3);
        kinds.insert(ComponentKind::Cache, 2);
        assert_eq!(
            count_captions(&kinds),
            vec![
                "group · 6 components".to_string(),
                "3 services · 2 caches".to_string(),
                "1 database".to_string(),
            ]
        );
    }
}
