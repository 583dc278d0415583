//! Interactive SVG: every node and edge of every diagram carries a `<title>` tooltip with
//! its facts (read from the analysis) and a link into the documents that resolves; an
//! overview group links to its detail diagram; spec text cannot break out of either.

use std::collections::BTreeMap;

use mlsd::analysis::{self, format};
use mlsd::build::{self, BuildOptions};
use mlsd::model::Model;

use crate::support::root;

fn model(text: &str) -> Model {
    let a = mlsd::analyze(text.as_bytes());
    assert!(
        !a.diagnostics.iter().any(|d| d.is_error()),
        "{:?}",
        a.diagnostics
    );
    a.model
}

fn svg_only() -> BuildOptions {
    BuildOptions {
        png: false,
        ..BuildOptions::default()
    }
}

/// Every file of the design folder, by path.
fn files(m: &Model) -> BTreeMap<String, String> {
    build::render_all(m, "spec.mlsd", &svg_only())
        .expect("builds")
        .into_iter()
        .filter_map(|f| Some((f.path, String::from_utf8(f.contents).ok()?)))
        .collect()
}

fn reference() -> String {
    std::fs::read_to_string(root().join("specs/feed_ranking.mlsd"))
        .or_else(|_| std::fs::read_to_string("/work/shared/design/feed_ranking.mlsd"))
        .expect("reference spec")
}

/// The `<g class="node|edge ...">...</g>` lines of an SVG.
fn items(svg: &str) -> Vec<&str> {
    svg.lines()
        .filter(|l| l.starts_with(r#"<g class="node "#) || l.starts_with(r#"<g class="edge "#))
        .collect()
}

fn title_of(item: &str) -> Option<String> {
    let start = item.find("<title>")? + "<title>".len();
    let end = item[start..].find("</title>")? + start;
    Some(unescape(&item[start..end]))
}

fn href_of(item: &str) -> Option<String> {
    let start = item.find(r#"<a href=""#)? + r#"<a href=""#.len();
    let end = item[start..].find('"')? + start;
    Some(unescape(&item[start..end]))
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#10;", "\n")
        .replace("&amp;", "&")
}

/// `dir/a/../b` -> `dir/b`.
fn resolve(from_file: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = from_file.split('/').collect();
    parts.pop();
    for p in rel.split('/') {
        match p {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// The anchors of a Markdown document: explicit `<a id>` and GitHub heading slugs.
fn anchors(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in md.lines() {
        if let Some(rest) = line.strip_prefix(r#"<a id=""#) {
            out.push(rest.split('"').next().unwrap_or_default().to_string());
        } else if line.starts_with('#') {
            let text = line.trim_start_matches('#').trim().replace('`', "");
            out.push(
                text.to_lowercase()
                    .chars()
                    .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
                    .map(|c| if c == ' ' { '-' } else { c })
                    .collect(),
            );
        }
    }
    out
}

/// Every item of every diagram has a tooltip and a link; every link names a file of the
/// folder and, with a `#`, an anchor of it.
fn assert_links_resolve(all: &BTreeMap<String, String>) {
    let svgs: Vec<(&String, &String)> = all.iter().filter(|(p, _)| p.ends_with(".svg")).collect();
    assert!(!svgs.is_empty());
    for (path, svg) in svgs {
        for item in items(svg) {
            let head: String = item.chars().take(120).collect();
            let t = title_of(item).unwrap_or_else(|| panic!("{path}: no tooltip on {head}"));
            assert!(!t.trim().is_empty(), "{path}: empty tooltip on {head}");
            let href = href_of(item).unwrap_or_else(|| panic!("{path}: no link on {head}"));
            let (file, anchor) = href.split_once('#').unwrap_or((&href, ""));
            let target = resolve(path, file);
            let text = all
                .get(&target)
                .unwrap_or_else(|| panic!("{path}: link `{href}` -> missing `{target}`"));
            if !anchor.is_empty() {
                assert!(
                    anchors(text).iter().any(|a| a == anchor),
                    "{path}: link `{href}`: no anchor `{anchor}` in `{target}`"
                );
            }
        }
    }
}

#[test]
fn every_node_and_edge_of_the_reference_has_a_tooltip_and_a_link_that_resolves() {
    let m = model(&reference());
    let all = files(&m);
    for stem in ["architecture", "ml_pipeline", "data_flow", "deployment"] {
        let svg = &all[&format!("diagrams/{stem}.svg")];
        assert!(items(svg).len() > 5, "{stem}: too few nodes and edges");
    }
    assert_links_resolve(&all);
}

#[test]
fn a_component_tooltip_states_the_capacity_facts_of_the_analysis() {
    let m = model(&reference());
    let facts = analysis::run(&m).facts;
    let all = files(&m);
    let svg = &all["diagrams/architecture.svg"];
    let item = items(svg)
        .into_iter()
        .find(|i| i.contains(r#"id="node-feed_service""#))
        .expect("feed_service node");
    let t = title_of(item).unwrap();
    let id = m
        .components
        .iter()
        .position(|c| c.named.name == "feed_service")
        .unwrap();
    let plan = facts
        .capacity
        .components
        .iter()
        .find(|p| p.id.0 == id)
        .unwrap();
    assert!(t.starts_with("Feed service (feed_service)\n"), "{t}");
    assert!(t.contains("kind: service · tech: Go"), "{t}");
    assert!(
        t.contains(&format!("replicas: {}", plan.replicas.total)),
        "{t}"
    );
    assert!(
        t.contains(&format!(
            "capacity: {} per replica, {} in total",
            format::rate(plan.per_replica),
            format::rate(plan.total_capacity)
        )),
        "{t}"
    );
    let load = plan.load.expect("the reference has traffic");
    let headroom = plan.headroom().unwrap() * 100.0;
    assert!(
        t.contains(&format!(
            "load at peak: {} · headroom {headroom:.0}%",
            format::rate(load)
        )),
        "{t}"
    );
    assert_eq!(
        href_of(item).as_deref(),
        Some("../design/detailed_design.md#component-feed_service")
    );
}

#[test]
fn an_edge_tooltip_states_budget_timeout_and_fallback() {
    let m = model(&reference());
    let all = files(&m);
    let svg = &all["diagrams/architecture.svg"];
    let item = items(svg)
        .into_iter()
        .find(|i| i.contains(r#"data-from="feed_service" data-to="candidate_gen""#))
        .expect("edge");
    let t = title_of(item).unwrap();
    assert!(
        t.starts_with("feed_service → candidate_gen (sync, grpc)"),
        "{t}"
    );
    assert!(t.contains("\nbudget: 40 ms"), "{t}");
    assert!(t.contains("\ntimeout: 60 ms"), "{t}");
    assert!(t.contains("\nfallback: serve the cached feed"), "{t}");
}

const SPLIT: &str = r#"
system "Split" {}
group online "Online <serving>" {
  service api { tech: "Go" }
  cache hot
}
group offline "Offline" {
  worker trainer
  storage lake
}
service edge "Edge"
edge -> api: "GET /x"
api -> hot
api -> trainer { mode: async }
trainer -> lake { mode: batch }
diagrams { architecture { detail: always } }
"#;

#[test]
fn an_overview_group_links_to_its_detail_diagram() {
    let m = model(SPLIT);
    let all = files(&m);
    let svg = &all["diagrams/architecture.svg"];
    let item = items(svg)
        .into_iter()
        .find(|i| i.contains(r#"id="node-online""#))
        .expect("online box");
    assert_eq!(href_of(item).as_deref(), Some("architecture/online.svg"));
    let t = title_of(item).unwrap();
    assert!(t.starts_with("Online <serving> (online)\n"), "{t}");
    assert!(t.contains("2 components"), "{t}");
    // The merged edge between the two boxes names each flow it stands for.
    let merged = items(svg)
        .into_iter()
        .find(|i| i.contains(r#"data-from="online" data-to="offline""#))
        .expect("merged edge");
    assert!(title_of(merged).unwrap().contains("api → trainer (async)"));
    assert!(all.contains_key("diagrams/architecture/online.svg"));
    assert_links_resolve(&all);
}

#[test]
fn spec_text_in_tooltips_is_escaped_and_output_is_deterministic() {
    let spec = r#"
system "S" {}
service a "A</title><script>alert(1)</script>" { tech: "x\" onload=\"y & z" }
service b "B"
a -> b: "<a href='javascript:x'>" { fallback: "]]> & <!--" }
"#;
    let m = model(spec);
    let all = files(&m);
    for (path, svg) in all.iter().filter(|(p, _)| p.ends_with(".svg")) {
        assert!(!svg.contains("<script"), "{path}");
        for href in svg.split(r#"href=""#).skip(1) {
            let href = href.split('"').next().unwrap_or_default();
            assert!(
                !href.contains(':'),
                "{path}: `{href}` is not a relative link"
            );
        }
        assert!(!svg.contains("<!--"), "{path}");
        usvg::Tree::from_str(svg, &usvg::Options::default())
            .unwrap_or_else(|e| panic!("{path}: not valid SVG: {e}"));
    }
    let arch = &all["diagrams/architecture.svg"];
    let node = items(arch)
        .into_iter()
        .find(|i| i.contains(r#"id="node-a""#))
        .unwrap();
    assert!(
        title_of(node)
            .unwrap()
            .contains("A</title><script>alert(1)</script> (a)")
    );
    assert_eq!(all, files(&m), "two builds differ");
}
