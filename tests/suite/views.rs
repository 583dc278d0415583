//! The four views of every spec in specs/: well-formed graphs that show what the language
//! says each diagram draws, laid out within every invariant of the diagrams issue.

use std::collections::BTreeSet;

use mlsd::layout::{self, LayoutOptions};
use mlsd::model::{Model, View};
use mlsd::view::{self, Graph};

use crate::support::spec_files;

fn models() -> Vec<(String, Model)> {
    spec_files()
        .into_iter()
        .map(|p| {
            let a = mlsd::analyze(&std::fs::read(&p).unwrap());
            assert!(!a.has_errors(), "{}", p.display());
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                a.model,
            )
        })
        .collect()
}

/// Ids unique across nodes and clusters; edges end at one of them; clusters come after
/// their parents; nodes name existing clusters.
pub fn assert_well_formed(g: &Graph, what: &str) {
    let mut ids = BTreeSet::new();
    for id in g
        .nodes
        .iter()
        .map(|n| &n.id)
        .chain(g.clusters.iter().map(|c| &c.id))
    {
        assert!(ids.insert(id.as_str()), "{what}: id `{id}` is used twice");
        assert!(
            id.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.'),
            "{what}: id `{id}`"
        );
    }
    for e in &g.edges {
        assert!(
            ids.contains(e.from.as_str()) && ids.contains(e.to.as_str()),
            "{what}: edge {e:?} ends nowhere"
        );
    }
    for (i, c) in g.clusters.iter().enumerate() {
        assert!(
            c.parent.is_none_or(|p| p < i),
            "{what}: cluster `{}` comes before its parent",
            c.id
        );
    }
    for n in &g.nodes {
        assert!(
            n.cluster.is_none_or(|c| c < g.clusters.len()),
            "{what}: node `{}`",
            n.id
        );
    }
}

#[test]
fn every_view_of_every_spec_is_well_formed_and_laid_out_cleanly() {
    for (name, model) in models() {
        // The four views, and the detail and focus diagrams beside them.
        for d in view::all(&model) {
            let what = format!("{name}/{}", d.stem);
            let g = d.graph;
            assert_well_formed(&g, &what);
            let l = layout::run(&g, &LayoutOptions::default())
                .unwrap_or_else(|e| panic!("{what}: {e}"));
            let violations = layout::check(&g, &l);
            assert!(violations.is_empty(), "{what}: {violations:?}");
        }
    }
}

#[test]
fn architecture_shows_every_component_in_its_group_and_every_flow() {
    for (name, m) in models() {
        if view::overview::wants_detail(&m) {
            // Split: each grouped component is expanded in its top-level group's detail
            // diagram, each ungrouped one stands in the overview.
            let all = view::all(&m);
            for c in &m.components {
                let found = all.iter().any(|d| {
                    d.graph.nodes.iter().any(|n| {
                        n.id == c.named.name
                            && match c.group {
                                Some(grp) => {
                                    d.stem.starts_with("architecture/")
                                        && n.cluster.map(|i| d.graph.clusters[i].id.as_str())
                                            == Some(m.group(grp).named.name.as_str())
                                }
                                None => d.stem == "architecture",
                            }
                    })
                });
                assert!(found, "{name}: {}", c.named.name);
            }
            continue;
        }
        let g = view::build(&m, View::Architecture);
        for c in &m.components {
            let node = g
                .nodes
                .iter()
                .find(|n| n.id == c.named.name)
                .unwrap_or_else(|| panic!("{name}: {}", c.named.name));
            let group = c.group.map(|grp| m.group(grp).named.name.clone());
            assert_eq!(
                node.cluster.map(|i| g.clusters[i].id.clone()),
                group,
                "{name}: {}",
                c.named.name
            );
        }
        assert_eq!(g.edges.len(), m.flows.len(), "{name}");
    }
}

#[test]
fn ml_pipeline_shows_every_stage_in_its_pipeline_box() {
    for (name, m) in models() {
        let g = view::build(&m, View::MlPipeline);
        for p in &m.pipelines {
            let cluster = g
                .clusters
                .iter()
                .position(|c| c.id == p.named.name)
                .expect("pipeline box");
            for s in &p.stages {
                let id = format!("{}.{}", p.named.name, s.named.name);
                let node = g
                    .nodes
                    .iter()
                    .find(|n| n.id == id)
                    .unwrap_or_else(|| panic!("{name}: {id}"));
                assert_eq!(node.cluster, Some(cluster));
            }
            for s in &p.stages {
                for model in s.trains.iter().chain(&s.uses) {
                    assert!(
                        g.nodes.iter().any(|n| n.id == m.model(*model).named.name),
                        "{name}: model node"
                    );
                }
            }
        }
    }
}

#[test]
fn deployment_places_every_run_with_its_replicas() {
    for (name, m) in models() {
        let g = view::build(&m, View::Deployment);
        let runs = m.runs();
        assert_eq!(g.nodes.len(), runs.len(), "{name}");
        for r in runs {
            let replicas = r
                .replicas
                .or(m.component(r.component).replicas)
                .unwrap_or(1);
            let label = &m.component(r.component).named.label;
            assert!(
                g.nodes
                    .iter()
                    .any(|n| &n.label == label && n.captions.contains(&format!("x{replicas}"))),
                "{name}: {label} x{replicas}"
            );
        }
        assert_eq!(g.clusters.len(), m.containers().len(), "{name}");
    }
}

#[test]
fn data_flow_shows_stores_and_the_entities_they_carry() {
    for (name, m) in models() {
        // A large data flow is drawn as an overview plus a diagram per group: look at them all.
        let mut g = Graph::default();
        for d in view::all(&m)
            .into_iter()
            .filter(|d| d.view == View::DataFlow)
        {
            g.nodes.extend(d.graph.nodes);
            g.edges.extend(d.graph.edges);
        }
        for f in m.flows.iter().filter(|f| !f.data.is_empty()) {
            let entity = &m.entity(f.data[0]).named.name;
            assert!(
                g.edges.iter().any(|e| e
                    .label
                    .as_deref()
                    .is_some_and(|l| l.contains(entity.as_str()))),
                "{name}: no edge carries {entity}"
            );
        }
        for e in m
            .entities
            .iter()
            .filter(|e| e.volume.as_ref().is_some_and(|v| !v.stored_in.is_empty()))
        {
            assert!(
                g.nodes
                    .iter()
                    .any(|n| n.id == format!("entity.{}", e.named.name)),
                "{name}: {}",
                e.named.name
            );
        }
    }
}

#[test]
fn svg_names_every_node_and_cluster_of_the_view() {
    let (_, m) = models()
        .into_iter()
        .find(|(n, _)| n == "feed_ranking")
        .unwrap();
    for v in View::ALL {
        let g = view::build(&m, *v);
        let svg = mlsd::render::diagram(
            &g,
            &mlsd::render::DiagramOptions {
                png: false,
                ..Default::default()
            },
        )
        .unwrap()
        .svg;
        for n in &g.nodes {
            assert!(
                svg.contains(&format!("id=\"node-{}\"", n.id)),
                "{v}: node {}",
                n.id
            );
        }
        for c in &g.clusters {
            assert!(
                svg.contains(&format!("id=\"cluster-{}\"", c.id)),
                "{v}: cluster {}",
                c.id
            );
        }
    }
}
