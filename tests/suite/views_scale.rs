//! Large designs: no diagram of a generated spec grows with the number of components beyond
//! what a group holds, and a diagram still too big to lay out is refused with a message that
//! names the view and says how to split it.

use mlsd::build::{self, BuildOptions};
use mlsd::layout::{self, LayoutOptions};
use mlsd::model::Model;
use mlsd::view;

use crate::spec_gen as specs;

fn model(text: &str) -> Model {
    let a = mlsd::analyze(text.as_bytes());
    assert!(!a.has_errors(), "the spec is valid");
    a.model
}

#[test]
fn an_unplaced_large_design_is_summed_up_per_group_in_the_deployment() {
    let m = model(&specs::spec(300, 14, 500, 3));
    let all = view::all(&m);
    let d = all
        .iter()
        .find(|d| d.stem == "deployment")
        .expect("a deployment diagram");
    // 14 group boxes and the one ungrouped component that runs (metrics); users and clients
    // are not deployed.
    assert_eq!(d.graph.nodes.len(), 15, "{:?}", d.graph.nodes);
    let g0 = d
        .graph
        .nodes
        .iter()
        .find(|n| n.label == "Group 0")
        .expect("a box for group 0");
    assert_eq!(g0.kind, "group_overview");
    assert!(
        g0.captions.iter().any(|c| c.contains("components")),
        "{:?}",
        g0.captions
    );
    assert_eq!(d.graph.clusters[0].label, "Not placed yet");
    let l = layout::run(&d.graph, &LayoutOptions::default()).expect("laid out");
    assert!(layout::check(&d.graph, &l).is_empty());
}

#[test]
fn a_small_unplaced_design_still_shows_each_component() {
    let m = model(&specs::spec(20, 3, 30, 3));
    let all = view::all(&m);
    let d = all
        .iter()
        .find(|d| d.stem == "deployment")
        .expect("deployment");
    assert_eq!(d.graph.nodes.len(), 18, "17 grouped components and metrics");
    assert!(d.graph.nodes.iter().all(|n| n.kind != "group_overview"));
}

#[test]
fn a_diagram_too_big_to_lay_out_names_its_view_and_how_to_split_it() {
    let mut spec = String::from("system \"S\" {}\n");
    for i in 0..8 {
        spec.push_str(&format!("service s{i}\n"));
    }
    let m = model(&spec);
    let mut options = BuildOptions {
        png: false,
        ..BuildOptions::default()
    };
    options.layout.max_nodes = 5;
    let err = build::diagrams(&m, &options).expect_err("8 nodes are above the limit");
    let text = err.to_string();
    assert!(
        text.starts_with(
            "cannot draw the architecture diagram: the elk layout accepts at most 5 nodes, this diagram has 8\nhelp: "
        ),
        "{text}"
    );
    assert!(text.contains("top-level groups"), "{text}");
    assert!(text.contains("detail: always"), "{text}");
}

#[test]
fn a_detail_diagram_too_big_names_its_group() {
    // Two groups of 14 services: the architecture is split, the other views stay small.
    let mut spec = String::from("system \"S\" {}\n");
    for g in 0..2 {
        spec.push_str(&format!("group g{g} {{\n"));
        for i in 0..14 {
            spec.push_str(&format!("  service s{g}_{i}\n"));
        }
        spec.push_str("}\n");
    }
    for i in 0..13 {
        spec.push_str(&format!("s0_{i} -> s0_{}\n", i + 1));
    }
    spec.push_str("s0_13 -> s1_0\n");
    let m = model(&spec);
    let mut options = BuildOptions {
        png: false,
        ..BuildOptions::default()
    };
    options.layout.max_nodes = 10;
    let text = build::diagrams(&m, &options)
        .expect_err("a group of 14 components is above the limit")
        .to_string();
    assert!(
        text.starts_with("cannot draw the architecture diagram: the elk layout accepts at most 10 nodes, this diagram has 15 (in `diagrams/architecture/g0`)\nhelp: split the group `g0` into several top-level groups"),
        "{text}"
    );
}
