//! Layout control: `first: [...]` / `last: [...]` on a focus view or a built-in view's block
//! pin components (or a group's members) to the first or last layer of the drawing.

use mlsd::layout::{self, LayoutOptions};
use mlsd::view;

const SPEC: &str = r#"
system "Pins" { summary: "Layer pins." }
group front "Front" {
  gateway gw "Gateway"
  service api "API"
}
service ranker "Ranker"
database db "Store"
cache hot "Hot cache"
gw -> api
api -> ranker
ranker -> db
api -> hot
"#;

fn analysis(diagrams: &str) -> mlsd::Analysis {
    mlsd::analyze(format!("{SPEC}diagrams {{\n  {diagrams}\n}}\n").as_bytes())
}

/// The left edge of each node of the diagram `stem`, by node id, with the graph's pins.
fn xs(diagrams: &str, stem: &str) -> (Vec<(String, f64)>, view::Graph) {
    let a = analysis(diagrams);
    let errors: Vec<_> = a.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let all = view::all(&a.model);
    let d = all
        .iter()
        .find(|d| d.stem == stem)
        .unwrap_or_else(|| panic!("no `{stem}`"));
    let l = layout::run(&d.graph, &LayoutOptions::default()).expect("laid out");
    assert!(layout::check(&d.graph, &l).is_empty());
    let xs = d
        .graph
        .nodes
        .iter()
        .zip(&l.nodes)
        .map(|(n, b)| (n.id.clone(), b.rect.x))
        .collect();
    (xs, d.graph.clone())
}

fn x(xs: &[(String, f64)], id: &str) -> f64 {
    xs.iter()
        .find(|(n, _)| n == id)
        .unwrap_or_else(|| panic!("no node `{id}`"))
        .1
}

#[test]
fn without_pins_the_cache_sits_beside_the_ranker() {
    let (xs, g) = xs("architecture { direction: right }", "architecture");
    assert!(g.first.is_empty() && g.last.is_empty());
    // The cache is one hop from the api, like the ranker: same layer, before the store.
    assert!(x(&xs, "hot") < x(&xs, "db"), "{xs:?}");
}

#[test]
fn last_pins_a_component_to_the_last_layer_of_a_built_in_view() {
    let (xs, g) = xs(
        "architecture { direction: right; last: [hot] }",
        "architecture",
    );
    assert_eq!(g.last, vec!["hot".to_string()]);
    let hot = x(&xs, "hot");
    for (id, at) in &xs {
        assert!(*at <= hot, "`{id}` is right of the pinned cache: {xs:?}");
    }
}

#[test]
fn first_pins_a_group_s_members_and_last_a_component_in_a_focus_view() {
    let (xs, g) = xs(
        r#"view serving "Serving" { include: [front, ranker, db, hot]; first: [front]; last: [db] }"#,
        "views/serving",
    );
    assert!(g.first.contains(&"gw".to_string()) && g.first.contains(&"api".to_string()));
    assert_eq!(g.last, vec!["db".to_string()]);
    let db = x(&xs, "db");
    for (id, at) in &xs {
        assert!(*at <= db, "`{id}` is right of the last one: {xs:?}");
    }
}

#[test]
fn a_pin_must_name_a_component_or_a_group() {
    let a = analysis(r#"view v "V" { include: [front]; first: [nowhere] }"#);
    assert!(a.has_errors(), "an unknown name in `first` is an error");
    let a = analysis("deployment { first: [db, front] }");
    assert!(!a.has_errors());
    let settings = &a.model.diagrams.views[&mlsd::model::View::Deployment];
    assert_eq!(settings.first.len(), 2);
}

#[test]
fn an_edge_into_a_node_pinned_first_still_ends_at_that_node() {
    let a = analysis("architecture { direction: right; first: [db] }");
    assert!(!a.has_errors());
    let g = view::build(&a.model, mlsd::model::View::Architecture);
    let l = layout::run(&g, &LayoutOptions::default()).expect("laid out");
    assert!(layout::check(&g, &l).is_empty());
    let i = |id: &str| g.nodes.iter().position(|n| n.id == id).expect("node");
    let (ranker, db) = (l.nodes[i("ranker")].rect, l.nodes[i("db")].rect);
    assert!(db.x < ranker.x, "the store is drawn first");
    let e = g
        .edges
        .iter()
        .position(|e| e.from == "ranker" && e.to == "db")
        .expect("ranker -> db");
    let pts = &l.edges[e].points;
    let (start, end) = (pts[0], pts[pts.len() - 1]);
    let near = |p: mlsd::layout::Point, r: mlsd::layout::Rect| {
        p.x >= r.x - 1.0 && p.x <= r.x + r.w + 1.0 && p.y >= r.y - 1.0 && p.y <= r.y + r.h + 1.0
    };
    assert!(near(start, ranker), "starts at the ranker: {pts:?}");
    assert!(near(end, db), "ends at the store (the arrow head): {pts:?}");
}

#[test]
fn the_legend_tells_stage_order_from_sync_calls() {
    let a = mlsd::analyze(include_bytes!("../../specs/feed_ranking.mlsd"));
    assert!(!a.has_errors());
    let files = mlsd::build::diagrams(
        &a.model,
        &mlsd::build::BuildOptions {
            png: false,
            ..mlsd::build::BuildOptions::default()
        },
    )
    .expect("drawn");
    let svg = |path: &str| {
        let f = files.iter().find(|f| f.path == path).expect(path);
        let text = String::from_utf8_lossy(&f.contents).into_owned();
        let at = text.find("id=\"legend\"").expect("a legend");
        text[at..].to_string()
    };
    let pipeline = svg("diagrams/ml_pipeline.svg");
    assert!(pipeline.contains(">stage order<"), "{pipeline}");
    let architecture = svg("diagrams/architecture.svg");
    assert!(architecture.contains(">sync<"), "{architecture}");
    assert!(!architecture.contains("stage order"), "{architecture}");
}

/// Distance between a rectangle and an axis-aligned (or any) segment's bounding box: exact
/// for the orthogonal routes ELK draws.
fn gap(r: mlsd::layout::Rect, a: mlsd::layout::Point, b: mlsd::layout::Point) -> f64 {
    let (x0, x1) = (a.x.min(b.x), a.x.max(b.x));
    let (y0, y1) = (a.y.min(b.y), a.y.max(b.y));
    let dx = (r.x - x1).max(x0 - (r.x + r.w)).max(0.0);
    let dy = (r.y - y1).max(y0 - (r.y + r.h)).max(0.0);
    dx.hypot(dy)
}

fn route_gap(r: mlsd::layout::Rect, pts: &[mlsd::layout::Point]) -> f64 {
    pts.windows(2)
        .map(|w| gap(r, w[0], w[1]))
        .fold(f64::INFINITY, f64::min)
}

#[test]
fn every_edge_label_sits_next_to_its_own_edge() {
    let mut checked = 0;
    for path in crate::support::spec_files() {
        let spec = path.display();
        let a = mlsd::analyze(&std::fs::read(&path).expect("spec"));
        assert!(!a.has_errors(), "{spec}");
        for d in view::all(&a.model) {
            let l = layout::run(&d.graph, &LayoutOptions::default()).expect("laid out");
            for (i, e) in l.edges.iter().enumerate() {
                let Some(label) = &e.label else { continue };
                let own = route_gap(label.rect, &e.points);
                let nearest_other = l
                    .edges
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .map(|(_, o)| route_gap(label.rect, &o.points))
                    .fold(f64::INFINITY, f64::min);
                assert!(
                    own <= 8.0 && own <= nearest_other,
                    "{spec}/{}: the label `{}` is {own:.1} px from its edge and {nearest_other:.1} px from another",
                    d.stem,
                    label.text.lines.join(" ")
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 50, "{checked} labels checked");
}

#[test]
fn a_chain_s_label_is_drawn_once() {
    let spec = "system \"S\" {}\nservice a\nservice b\nservice c\nservice d\na -> b -> c: \"reads\" { protocol: grpc }\nc -> d { protocol: grpc }\ndiagrams {\n  view part \"Part\" { include: [b, c, d] }\n}\n";
    let a = mlsd::analyze(spec.as_bytes());
    assert!(!a.has_errors());
    let all = view::all(&a.model);
    let labels = |stem: &str| -> Vec<Option<String>> {
        let d = all.iter().find(|d| d.stem == stem).expect(stem);
        d.graph.edges.iter().map(|e| e.label.clone()).collect()
    };
    let some = |s: &str| Some(s.to_string());
    // The chain's label on its first arrow only; a flow of its own keeps its protocol.
    assert_eq!(
        labels("architecture"),
        vec![some("reads"), None, some("grpc")]
    );
    // The focus view does not draw `a -> b`: the label goes on the chain's first arrow shown.
    assert_eq!(labels("views/part"), vec![some("reads"), some("grpc")]);
}

/// Four interchangeable workers (the same edge in, the same edge out), declared in an order
/// no sort by name or label would give; `group` puts them in a group.
fn fan(direction: &str, group: bool) -> String {
    let (open, close) = if group {
        ("group workers \"Workers\" {\n", "}\n")
    } else {
        ("", "")
    };
    let mut spec = format!(
        "system \"Fan\" {{ summary: \"Equals keep their order.\" }}\nservice src \"Source\"\n{open}"
    );
    for w in ["zeta", "alpha", "mid", "beta"] {
        spec += &format!("service {w}\n");
    }
    spec += &format!("{close}database store \"Store\"\n");
    for (w, label) in [("zeta", "z"), ("alpha", "a"), ("mid", "m"), ("beta", "b")] {
        spec += &format!("src -> {w}: \"{label}\"\n{w} -> store\n");
    }
    spec + &format!("diagrams {{\n  architecture {{ direction: {direction} }}\n}}\n")
}

#[test]
fn declaration_order_is_honoured_among_equals() {
    for direction in ["right", "down", "left", "up"] {
        for group in [false, true] {
            let a = mlsd::analyze(fan(direction, group).as_bytes());
            assert!(!a.has_errors(), "{:?}", a.diagnostics);
            let g = view::build(&a.model, mlsd::model::View::Architecture);
            let l = layout::run(&g, &LayoutOptions::default()).expect("laid out");
            assert!(
                layout::check(&g, &l).is_empty(),
                "{direction}, group {group}"
            );
            // Across the layer: down the page when the flow runs across it, else left to right.
            let across = |id: &str| {
                let r = l.nodes[g.nodes.iter().position(|n| n.id == id).expect(id)].rect;
                if matches!(direction, "right" | "left") {
                    r.y
                } else {
                    r.x
                }
            };
            let order: Vec<f64> = ["zeta", "alpha", "mid", "beta"]
                .iter()
                .map(|w| across(w))
                .collect();
            assert!(
                order.windows(2).all(|w| w[0] < w[1]),
                "{direction}, group {group}: {order:?}"
            );
        }
    }
}
