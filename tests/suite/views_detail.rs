//! Overview and detail: a large architecture is drawn as an overview (top-level groups
//! collapsed, flows between them merged) plus one diagram per top-level group; every
//! diagram of generated specs of 45-300 components is laid out within the invariants.

use mlsd::build::{self, BuildOptions};
use mlsd::layout::{self, LayoutOptions};
use mlsd::model::{Model, View};
use mlsd::view::{self, Diagram};

use crate::spec_gen as specs;
use crate::views::assert_well_formed;

fn model(text: &str) -> Model {
    let a = mlsd::analyze(text.as_bytes());
    let errors: Vec<String> = a
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{} {}", d.code, d.message))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    a.model
}

/// Each edge of a graph as (from, to, label).
fn edge_ends(g: &mlsd::view::Graph) -> Vec<(&str, &str, Option<&str>)> {
    (g.edges.iter())
        .map(|e| (e.from.as_str(), e.to.as_str(), e.label.as_deref()))
        .collect()
}

fn find<'a>(all: &'a [Diagram], stem: &str) -> &'a Diagram {
    all.iter()
        .find(|d| d.stem == stem)
        .unwrap_or_else(|| panic!("no diagram `{stem}`"))
}

#[test]
fn generated_specs_get_a_small_overview_and_clean_detail_views() {
    for (components, groups, flows) in [(45, 6, 70), (120, 10, 200), (300, 14, 500)] {
        let m = model(&specs::spec(components, groups, flows, components as u64));
        let all = view::all(&m);
        let overview = find(&all, "architecture");
        assert!(
            overview.graph.nodes.len() <= 30,
            "{components}: the overview has {} nodes",
            overview.graph.nodes.len()
        );
        let details: Vec<&Diagram> = all
            .iter()
            .filter(|d| d.stem.starts_with("architecture/"))
            .collect();
        assert_eq!(details.len(), groups, "{components}: one detail per group");
        // Every component appears expanded in exactly one detail diagram.
        let expanded: usize = details
            .iter()
            .map(|d| d.graph.nodes.iter().filter(|n| n.cluster.is_some()).count())
            .sum();
        assert_eq!(expanded, components - 3);
        for d in &all {
            let what = format!("{components}/{}", d.stem);
            assert_well_formed(&d.graph, &what);
            let l = layout::run(&d.graph, &LayoutOptions::default())
                .unwrap_or_else(|e| panic!("{what}: {e}"));
            let violations = layout::check(&d.graph, &l);
            assert!(violations.is_empty(), "{what}: {violations:?}");
        }
    }
}

const TWO_GROUPS: &str = r#"
system "Two groups" { summary: "Overview test." }
user u "User"
group front "Front end" {
  gateway gw "Gateway"
  service api "API"
  cache hot "Hot cache"
}
group back "Back end" {
  service ranker "Ranker"
  database db "Store"
  group jobs "Jobs" {
    worker trainer "Trainer"
  }
}
u -> gw: "opens"
gw -> api
api -> hot
api -> ranker: "rank" { protocol: grpc }
api -> db: "read" { protocol: sql }
api -> trainer: "enqueue" { mode: async }
trainer -> db { mode: batch }
diagrams { architecture { detail: always } }
"#;

#[test]
fn the_overview_collapses_groups_counts_kinds_and_merges_flows() {
    let m = model(TWO_GROUPS);
    let all = view::all(&m);
    let o = &find(&all, "architecture").graph;
    let ids: Vec<&str> = o.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["front", "back", "u"]);
    assert!(o.clusters.is_empty());
    let front = &o.nodes[0];
    assert_eq!(front.label, "Front end");
    assert_eq!(
        front.captions,
        ["group · 3 components", "1 gateway · 1 service", "1 cache"]
    );
    // api -> ranker, api -> db, api -> trainer: one edge, its count and modes; the flows
    // inside a group (gw -> api, trainer -> db) are not drawn.
    assert_eq!(
        edge_ends(o),
        [
            ("u", "front", Some("opens")),
            ("front", "back", Some("3 flows · sync, async")),
        ]
    );
    assert_eq!(o.edges[1].style, mlsd::view::EdgeStyle::Sync);
}

#[test]
fn a_detail_view_nests_sub_groups_and_draws_outside_partners_as_neighbours() {
    let m = model(TWO_GROUPS);
    let all = view::all(&m);
    let stems: Vec<&str> = all.iter().map(|d| d.stem.as_str()).collect();
    assert_eq!(
        stems,
        [
            "architecture",
            "ml_pipeline",
            "data_flow",
            "deployment",
            "architecture/front",
            "architecture/back"
        ]
    );
    let back = &find(&all, "architecture/back").graph;
    let clusters: Vec<(&str, Option<usize>)> = back
        .clusters
        .iter()
        .map(|c| (c.id.as_str(), c.parent))
        .collect();
    assert_eq!(clusters, [("back", None), ("jobs", Some(0))]);
    let api = back.nodes.iter().find(|n| n.id == "api").expect("api");
    assert_eq!(api.kind, "neighbour");
    assert_eq!(api.cluster, None);
    assert_eq!(api.captions, ["service · in Front end"]);
    assert!(!back.nodes.iter().any(|n| n.id == "gw" || n.id == "u"));
    assert_eq!(back.edges.len(), 4, "{:?}", back.edges);
    assert!(back.title.ends_with("Back end"));
}

#[test]
fn detail_never_keeps_one_picture_and_small_specs_stay_whole() {
    let big = specs::spec(45, 5, 60, 7)
        + "diagrams { architecture { detail: never } data_flow { detail: never } }\n";
    let all = view::all(&model(&big));
    assert_eq!(all.len(), View::ALL.len());
    assert_eq!(find(&all, "architecture").graph.nodes.len(), 45);
    let small = TWO_GROUPS.replace("detail: always", "direction: down");
    let all = view::all(&model(&small));
    assert_eq!(all.len(), View::ALL.len());
    assert_eq!(find(&all, "architecture").graph.clusters.len(), 3);
    // Above 25 components the split is automatic.
    let auto = view::all(&model(&specs::spec(26, 3, 30, 1)));
    let arch = auto
        .iter()
        .filter(|d| d.stem.starts_with("architecture/"))
        .count();
    assert_eq!(arch, 3);
}

#[test]
fn a_bad_detail_value_or_place_is_reported() {
    for (text, code) in [
        ("diagrams { architecture { detail: sometimes } }", "E039"),
        ("diagrams { ml_pipeline { detail: always } }", "E032"),
    ] {
        let a = mlsd::analyze(format!("system \"x\" {{}}\n{text}\n").as_bytes());
        let codes: Vec<&str> = a.diagnostics.iter().map(|d| d.code).collect();
        assert!(codes.contains(&code), "{text}: {codes:?}");
    }
}

#[test]
fn the_build_writes_detail_files_and_the_documents_link_them() {
    let m = model(TWO_GROUPS);
    let options = BuildOptions {
        png: false,
        ..BuildOptions::default()
    };
    let files = build::render_all(&m, "two.mlsd", &options).expect("builds");
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for p in [
        "diagrams/architecture.svg",
        "diagrams/architecture/front.svg",
        "diagrams/architecture/back.svg",
    ] {
        assert!(paths.contains(&p), "{p} in {paths:?}");
    }
    let high = files
        .iter()
        .find(|f| f.path == "design/high_level.md")
        .expect("high-level design");
    let text = String::from_utf8_lossy(&high.contents);
    assert!(
        text.contains("[Front end](../diagrams/architecture/front.svg)"),
        "{text}"
    );
    assert!(text.contains("[Back end](../diagrams/architecture/back.svg)"));
}

/// The data-flow view of a model, whole (as drawn with `detail: never`).
fn whole_data_flow(m: &Model) -> mlsd::view::Graph {
    let mut m = m.clone();
    m.diagrams.views.entry(View::DataFlow).or_default().detail = Some(mlsd::model::Detail::Never);
    view::build(&m, View::DataFlow)
}

#[test]
fn a_large_data_flow_gets_an_overview_and_a_detail_per_group() {
    for (components, groups, flows) in [(45, 6, 70), (120, 10, 200), (300, 14, 500)] {
        let m = model(&specs::spec(
            components,
            groups,
            flows,
            components as u64 + 1,
        ));
        let whole = whole_data_flow(&m);
        assert!(
            whole.nodes.len() > 25,
            "{components}: {}",
            whole.nodes.len()
        );
        let all = view::all(&m);
        let overview = find(&all, "data_flow");
        assert!(
            overview.graph.nodes.len() <= 30,
            "{components}: the data-flow overview has {} nodes",
            overview.graph.nodes.len()
        );
        assert!(
            overview
                .graph
                .nodes
                .iter()
                .any(|n| n.kind == "group_overview")
        );
        let details: Vec<&Diagram> = all
            .iter()
            .filter(|d| d.stem.starts_with("data_flow/"))
            .collect();
        assert!(!details.is_empty() && details.len() <= groups);
        // Every node of the whole view is drawn expanded in exactly one detail diagram,
        // or kept as it is in the overview.
        for n in &whole.nodes {
            let expanded = details
                .iter()
                .filter(|d| {
                    d.graph
                        .nodes
                        .iter()
                        .any(|x| x.id == n.id && x.kind != "neighbour")
                })
                .count();
            // A stage is folded into its pipeline's node in the overview.
            let kept = overview.graph.nodes.iter().any(|x| {
                x.id == n.id
                    || (n.kind == "stage"
                        && x.kind == "pipeline"
                        && x.id
                            .strip_prefix("pipeline.")
                            .is_some_and(|p| n.id.starts_with(p)))
            });
            assert_eq!(
                expanded + usize::from(kept),
                1,
                "{components}: `{}` drawn {expanded} times expanded, kept: {kept}",
                n.id
            );
        }
        // Every edge of the whole view is in some detail diagram or in the overview: as it is,
        // or merged into the edge to a folded neighbour (its outside end drawn as that end's
        // top-level group, when the detail has more than `NEIGHBOUR_LIMIT` neighbours).
        let top_group_of = |id: &str| -> Option<String> {
            let c = m.components.iter().find(|c| c.named.name == id)?;
            let mut g = c.group?;
            while let Some(p) = m.group(g).parent {
                g = p;
            }
            Some(m.group(g).named.name.clone())
        };
        let mut folded = 0;
        for e in &whole.edges {
            let in_detail = details.iter().any(|d| {
                let drawn = |id: &str| -> Option<String> {
                    if d.graph.nodes.iter().any(|n| n.id == id) {
                        return Some(id.to_string());
                    }
                    let group = top_group_of(id)?;
                    let node = d.graph.nodes.iter().find(|n| n.id == group)?;
                    (node.kind == "neighbour").then_some(group)
                };
                let (Some(from), Some(to)) = (drawn(&e.from), drawn(&e.to)) else {
                    return false;
                };
                if d.graph.edges.contains(e) {
                    return true;
                }
                let merged = d.graph.edges.iter().any(|x| x.from == from && x.to == to);
                folded += usize::from(merged);
                merged
            });
            let in_overview = overview.graph.edges.contains(e);
            assert!(
                in_detail || in_overview,
                "{components}: {e:?} is drawn nowhere"
            );
        }
        // The details of the largest spec have many neighbours: some flows are drawn merged.
        assert!(
            components < 300 || folded > 0,
            "{components}: nothing was folded"
        );
        // A detail with many neighbours draws at most one per outside group.
        for d in &details {
            let neighbours: Vec<&str> = (d.graph.nodes.iter())
                .filter(|n| n.kind == "neighbour")
                .map(|n| n.id.as_str())
                .collect();
            if neighbours.len() <= view::overview::NEIGHBOUR_LIMIT {
                continue;
            }
            let mut groups_seen = std::collections::BTreeSet::new();
            for id in neighbours.iter().filter_map(|id| top_group_of(id)) {
                assert!(
                    groups_seen.insert(id.clone()),
                    "{}: two neighbours in `{id}`",
                    d.stem
                );
            }
        }
        for d in all.iter().filter(|d| d.view == View::DataFlow) {
            let what = format!("{components}/{}", d.stem);
            assert_well_formed(&d.graph, &what);
            let l = layout::run(&d.graph, &LayoutOptions::default())
                .unwrap_or_else(|e| panic!("{what}: {e}"));
            let violations = layout::check(&d.graph, &l);
            assert!(violations.is_empty(), "{what}: {violations:?}");
        }
    }
}

#[test]
fn data_flow_detail_always_and_never_are_honoured() {
    let always = TWO_GROUPS.replace(
        "architecture { detail: always }",
        "architecture { detail: always } data_flow { detail: always }",
    );
    assert_ne!(always, TWO_GROUPS);
    let m = model(&always);
    let all = view::all(&m);
    let stems: Vec<&str> = all
        .iter()
        .filter(|d| d.stem.starts_with("data_flow"))
        .map(|d| d.stem.as_str())
        .collect();
    let whole = whole_data_flow(&m);
    assert!(stems.contains(&"data_flow"), "{stems:?}");
    assert!(stems.len() > 1, "{stems:?}: {whole:?}");
    let never = specs::spec(120, 10, 200, 3) + "diagrams { data_flow { detail: never } }\n";
    let m = model(&never);
    let all = view::all(&m);
    assert!(!all.iter().any(|d| d.stem.starts_with("data_flow/")));
    assert_eq!(find(&all, "data_flow").graph, {
        let mut g = whole_data_flow(&m);
        g.title = find(&all, "data_flow").graph.title.clone();
        g
    });
}

#[test]
fn the_build_writes_data_flow_detail_files() {
    let text = specs::spec(45, 4, 70, 9);
    let m = model(&text);
    let options = BuildOptions {
        png: false,
        ..BuildOptions::default()
    };
    let files = build::render_all(&m, "gen.mlsd", &options).expect("builds");
    let details: Vec<&str> = files
        .iter()
        .map(|f| f.path.as_str())
        .filter(|p| p.starts_with("diagrams/data_flow/") && p.ends_with(".svg"))
        .collect();
    assert!(!details.is_empty());
    for p in &details {
        let group = p
            .trim_start_matches("diagrams/data_flow/")
            .trim_end_matches(".svg");
        assert!(m.groups.iter().any(|g| g.named.name == group), "{p}");
    }
    let doc = files
        .iter()
        .find(|f| f.path == "design/data_flow.md")
        .expect("data-flow document");
    let text = String::from_utf8_lossy(&doc.contents);
    for p in &details {
        let link = format!("(../{p})");
        assert!(text.contains(&link), "design/data_flow.md has no {link}");
    }
    // The README lists every diagram: each group's detail of both views.
    let readme = files
        .iter()
        .find(|f| f.path == "README.md")
        .expect("README");
    let readme = String::from_utf8_lossy(&readme.contents);
    let drawn: Vec<&str> = files
        .iter()
        .map(|f| f.path.as_str())
        .filter(|p| {
            (p.starts_with("diagrams/data_flow/") || p.starts_with("diagrams/architecture/"))
                && p.ends_with(".svg")
        })
        .collect();
    assert!(drawn.len() > details.len());
    for p in drawn {
        let link = format!("]({p})");
        assert!(readme.contains(&link), "README.md has no {link}");
    }
}

#[test]
fn a_data_flow_neighbour_drawn_in_a_box_says_which() {
    let m = model(
        r#"
system "Lake" { summary: "A stage writes to a grouped store." }
service api "API"
group data "Data" {
  database db "Store"
  storage lake "Lake"
}
api -> db: "write" { protocol: sql }
pipeline nightly "Nightly export" {
  stage dump "Dump" { reads: [db]; writes: [lake] }
}
diagrams { data_flow { detail: always } }
"#,
    );
    let all = view::all(&m);
    let detail = find(&all, "data_flow/data");
    let dump = detail
        .graph
        .nodes
        .iter()
        .find(|n| n.label == "Dump")
        .expect("the stage as a neighbour");
    assert_eq!(dump.kind, "neighbour");
    assert_eq!(dump.cluster, None);
    assert_eq!(dump.captions, ["stage · in Nightly export"]);
    let overview = find(&all, "data_flow");
    assert!(
        overview
            .graph
            .nodes
            .iter()
            .any(|n| n.id == "data" && n.kind == "group_overview")
    );
    // The overview draws the pipeline as one node, joined to the group's box both ways.
    let p = overview
        .graph
        .nodes
        .iter()
        .find(|n| n.id == "pipeline.nightly")
        .expect("the pipeline as one node");
    assert_eq!(p.captions.last().map(String::as_str), Some("1 stage"));
    assert!(overview.graph.clusters.is_empty());
    let ends: Vec<(&str, &str)> = overview
        .graph
        .edges
        .iter()
        .map(|e| (e.from.as_str(), e.to.as_str()))
        .collect();
    assert!(ends.contains(&("data", "pipeline.nightly")), "{ends:?}");
    assert!(ends.contains(&("pipeline.nightly", "data")), "{ends:?}");
    let l = layout::run(&overview.graph, &LayoutOptions::default()).unwrap();
    assert!(layout::check(&overview.graph, &l).is_empty());
    let l = layout::run(&detail.graph, &LayoutOptions::default()).unwrap();
    assert!(layout::check(&detail.graph, &l).is_empty());
}

/// Group `a` has one service calling 14 services of group `b` and one of group `c`.
fn many_neighbours() -> String {
    let mut s = String::from(
        "system \"Wide\" {}\ngroup a \"Front\" { service a0 \"Entry\" }\ngroup c \"Side\" { service c0 \"Lone\" }\ngroup b \"Back\" {\n",
    );
    for i in 0..14 {
        s.push_str(&format!("  service b{i} \"Back {i}\"\n"));
    }
    s.push_str("}\n");
    for i in 0..14 {
        s.push_str(&format!("a0 -> b{i}: \"call {i}\"\n"));
    }
    s.push_str("b3 -> a0: \"callback\" { mode: async }\na0 -> c0: \"ask\"\n");
    s + "diagrams { architecture { detail: always } }\n"
}

#[test]
fn a_detail_with_many_neighbours_draws_one_node_per_outside_group() {
    let m = model(&many_neighbours());
    let all = view::all(&m);
    let a = &find(&all, "architecture/a").graph;
    let ids: Vec<&str> = a.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["a0", "c0", "b"], "{ids:?}");
    let b = a.nodes.iter().find(|n| n.id == "b").unwrap();
    assert_eq!(b.kind, "neighbour");
    assert_eq!(b.label, "Back");
    assert_eq!(b.captions, ["group · 14 of its components"]);
    // One group with a single neighbour keeps it as it is.
    let c0 = a.nodes.iter().find(|n| n.id == "c0").unwrap();
    assert_eq!(c0.captions, ["service · in Side"]);
    assert_eq!(
        edge_ends(a),
        [
            ("a0", "b", Some("14 flows · sync")),
            ("b", "a0", Some("callback")),
            ("a0", "c0", Some("ask")),
        ]
    );
    // The folded group opens its own detail diagram, and its tooltip counts its flows.
    let files = build::render_all(
        &m,
        "wide.mlsd",
        &BuildOptions {
            png: false,
            ..BuildOptions::default()
        },
    )
    .expect("builds");
    let svg = files
        .iter()
        .find(|f| f.path == "diagrams/architecture/a.svg")
        .expect("the detail of a");
    let svg = String::from_utf8_lossy(&svg.contents);
    assert!(svg.contains(r#"href="b.svg""#), "{svg}");
    assert_eq!(find(&all, "architecture/b").graph.nodes.len(), 15);
}
