//! A focus view (`diagrams { view NAME { include: [...]; exclude: [...] } }`): the included
//! components and the members of included groups, less the excluded ones, in their groups,
//! with the flows between them.

use std::collections::BTreeSet;

use indexmap::IndexMap;

use super::{Edge, Graph, component_node, group_cluster, style_of};
use crate::model::{ComponentId, Endpoint, FocusView, GroupId, Model};

pub fn build(model: &Model, view: &FocusView) -> Graph {
    let covers = |part: &Endpoint, c: ComponentId| match *part {
        Endpoint::Component(x) => x == c,
        Endpoint::Group(g) => within(model, model.component(c).group, g),
        _ => false,
    };
    let shown: BTreeSet<ComponentId> = (0..model.components.len())
        .map(ComponentId)
        .filter(|c| view.include.iter().any(|p| covers(p, *c)))
        .filter(|c| !view.exclude.iter().any(|p| covers(p, *c)))
        .collect();
    // The groups around a shown component, outermost first (declaration order).
    let mut kept: BTreeSet<GroupId> = BTreeSet::new();
    for c in &shown {
        let mut g = model.component(*c).group;
        while let Some(id) = g {
            kept.insert(id);
            g = model.group(id).parent;
        }
    }
    let mut g = Graph::default();
    let mut cluster_of: IndexMap<GroupId, usize> = IndexMap::new();
    for id in &kept {
        let grp = model.group(*id);
        cluster_of.insert(*id, g.clusters.len());
        let parent = grp.parent.and_then(|p| cluster_of.get(&p).copied());
        g.clusters.push(group_cluster(grp, parent));
    }
    for c in &shown {
        let cluster = model
            .component(*c)
            .group
            .and_then(|grp| cluster_of.get(&grp).copied());
        g.nodes.push(component_node(
            model,
            *c,
            model.component(*c).named.name.clone(),
            cluster,
        ));
    }
    let drawn = |e: Endpoint| match e {
        Endpoint::Component(c) => shown.contains(&c),
        Endpoint::Group(grp) => cluster_of.contains_key(&grp),
        _ => false,
    };
    let mut labelled = std::collections::BTreeSet::new();
    for f in &model.flows {
        if drawn(f.from) && drawn(f.to) {
            g.edges.push(Edge {
                from: model.endpoint_name(f.from),
                to: model.endpoint_name(f.to),
                label: super::chain_label(f, &mut labelled),
                style: style_of(f.mode),
                ..Default::default()
            });
        }
    }
    g
}

/// Whether group `inner` is `outer` or nested in it.
fn within(model: &Model, mut inner: Option<GroupId>, outer: GroupId) -> bool {
    while let Some(g) = inner {
        if g == outer {
            return true;
        }
        inner = model.group(g).parent;
    }
    false
}
