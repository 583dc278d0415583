//! Focus views: `diagrams { view NAME "Title" { include: [...]; exclude: [...] } }` draws
//! only what it includes, in its groups, with the flows between what it shows.

use mlsd::build::{self, BuildOptions};
use mlsd::layout::{self, LayoutOptions};
use mlsd::view;

use crate::views::assert_well_formed;

const SPEC: &str = r#"
system "Focus" { summary: "Focus view test." }
user u "User"
group online "Online" {
  gateway gw "Gateway"
  service api "API"
  group models "Models" {
    model_server scorer "Scorer"
    model_server heavy "Heavy scorer"
  }
}
group data "Data" {
  database db "Store"
  warehouse lake "Lake"
}
u -> gw: "opens"
gw -> api
api -> scorer: "score"
api -> heavy
api -> db: "read"
db -> lake { mode: batch }
"#;

fn with_view(view: &str) -> mlsd::Analysis {
    mlsd::analyze(format!("{SPEC}diagrams {{\n  {view}\n}}\n").as_bytes())
}

fn codes(a: &mlsd::Analysis) -> Vec<&'static str> {
    a.diagnostics.iter().map(|d| d.code).collect()
}

#[test]
fn a_focus_view_shows_what_it_includes_less_what_it_excludes() {
    let a = with_view(
        r#"view serving "Serving path" { include: [online, db]; exclude: [heavy]; direction: down }"#,
    );
    assert!(!a.has_errors(), "{:?}", codes(&a));
    let all = view::all(&a.model);
    let d = all
        .iter()
        .find(|d| d.stem == "views/serving")
        .expect("views/serving");
    let g = &d.graph;
    let nodes: Vec<&str> = g.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(nodes, ["gw", "api", "scorer", "db"]);
    let clusters: Vec<(&str, Option<usize>)> = g
        .clusters
        .iter()
        .map(|c| (c.id.as_str(), c.parent))
        .collect();
    assert_eq!(
        clusters,
        [("online", None), ("models", Some(0)), ("data", None)]
    );
    let edges: Vec<(&str, &str)> = g
        .edges
        .iter()
        .map(|e| (e.from.as_str(), e.to.as_str()))
        .collect();
    assert_eq!(edges, [("gw", "api"), ("api", "scorer"), ("api", "db")]);
    assert_eq!(g.title, "Serving path");
    assert_eq!(g.direction, mlsd::view::Direction::Down);
    assert_well_formed(g, "views/serving");
    let l = layout::run(g, &LayoutOptions::default()).expect("laid out");
    assert!(layout::check(g, &l).is_empty());
}

#[test]
fn the_build_writes_each_focus_view_and_the_documents_link_it() {
    let a = with_view(r#"view serving "Serving path" { include: [online] }"#);
    let options = BuildOptions {
        png: false,
        ..BuildOptions::default()
    };
    let files = build::render_all(&a.model, "f.mlsd", &options).expect("builds");
    assert!(files.iter().any(|f| f.path == "diagrams/views/serving.svg"));
    let high = files
        .iter()
        .find(|f| f.path == "design/high_level.md")
        .expect("high-level design");
    let text = String::from_utf8_lossy(&high.contents);
    assert!(
        text.contains("[Serving path](../diagrams/views/serving.svg)"),
        "{text}"
    );
}

#[test]
fn bad_focus_views_are_reported() {
    for (view, code) in [
        ("view serving { include: [onlin] }", "E035"),
        ("view serving { include: [Item] }", "E036"),
        ("view serving { exclude: [db] }", "E045"),
        ("view serving { include: [db]; pin: [db] }", "E032"),
        (
            "view serving { include: [db] }\n  view serving { include: [gw] }",
            "E034",
        ),
        ("view { include: [db] }", "E045"),
        (
            "view serving { include: [db]; direction: sideways }",
            "E039",
        ),
        ("view serving { include: \"db\" }", "E037"),
    ] {
        let a = mlsd::analyze(
            format!("{SPEC}entity Item {{ id: string }}\ndiagrams {{\n  {view}\n}}\n").as_bytes(),
        );
        assert!(codes(&a).contains(&code), "{view}: {:?}", codes(&a));
    }
}
