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
    let between: Vec<_> = o
        .edges
        .iter()
        .map(|e| (e.from.as_str(), e.to.as_str(), e.label.as_deref()))
        .collect();
    assert_eq!(
        between,
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
    let big = specs::spec(45, 5, 60, 7) + "diagrams { architecture { detail: never } }\n";
    let all = view::all(&model(&big));
    assert_eq!(all.len(), View::ALL.len());
    assert_eq!(find(&all, "architecture").graph.nodes.len(), 45);
    let small = TWO_GROUPS.replace("detail: always", "direction: down");
    let all = view::all(&model(&small));
    assert_eq!(all.len(), View::ALL.len());
    assert_eq!(find(&all, "architecture").graph.clusters.len(), 3);
    // Above 25 components the split is automatic.
    let auto = view::all(&model(&specs::spec(26, 3, 30, 1)));
    assert_eq!(auto.len(), View::ALL.len() + 3);
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
