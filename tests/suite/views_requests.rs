//! Request views: one sequence diagram per api endpoint (`diagrams/requests/API.ENDPOINT`),
//! drawn from the analysis' timing facts: lifelines, calls with their budgets and cumulative
//! times, `par` frames around parallel calls, the verdict against the latency target.

use std::collections::BTreeSet;

use mlsd::analysis;
use mlsd::build::{self, BuildOptions};
use mlsd::layout::TextMeasurer;
use mlsd::model::Model;
use mlsd::model::quantity::human_time;
use mlsd::scene::{self, Anchor, Element, Scene, Theme};
use mlsd::view::sequence::{self, SequenceDiagram, Step};

use crate::support;

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

fn reference() -> Model {
    let path = support::root().join("specs/feed_ranking.mlsd");
    model(&std::fs::read_to_string(path).unwrap())
}

fn views(m: &Model) -> Vec<SequenceDiagram> {
    sequence::all(m, &analysis::run(m).facts.timing)
}

/// Every text run of the scene with its box (x0, y0, x1, y1).
fn text_boxes(sc: &Scene) -> Vec<(String, [f64; 4])> {
    let m = TextMeasurer::new();
    sc.groups
        .iter()
        .flat_map(|g| &g.elements)
        .filter_map(|e| match e {
            Element::Text {
                x,
                y,
                text,
                size,
                weight,
                anchor,
                ..
            } => {
                let w = m.width(text, *size, *weight);
                let x0 = match anchor {
                    Anchor::Start => *x,
                    Anchor::Middle => x - w / 2.0,
                    Anchor::End => x - w,
                };
                // DejaVu Sans: ascent 1901/2048, descent 483/2048 of the size.
                let (up, down) = (size * 1901.0 / 2048.0, size * 483.0 / 2048.0);
                Some((text.clone(), [x0, y - up, x0 + w, y + down]))
            }
            _ => None,
        })
        .collect()
}

fn assert_no_text_overlaps(sc: &Scene, what: &str) {
    let boxes = text_boxes(sc);
    for (i, (ta, a)) in boxes.iter().enumerate() {
        assert!(
            a[0] >= 0.0 && a[1] >= 0.0 && a[2] <= sc.width && a[3] <= sc.height,
            "{what}: `{ta}` {a:?} leaves the {}x{} canvas",
            sc.width,
            sc.height
        );
        for (tb, b) in &boxes[i + 1..] {
            let apart = a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1];
            assert!(apart, "{what}: `{ta}` {a:?} overlaps `{tb}` {b:?}");
        }
    }
}

fn assert_well_formed_svg(svg: &str, what: &str) {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_eq!(doc.root_element().tag_name().name(), "svg", "{what}");
}

fn texts(sc: &Scene) -> Vec<String> {
    text_boxes(sc).into_iter().map(|(t, _)| t).collect()
}

#[test]
fn every_endpoint_of_the_reference_spec_gets_an_svg_and_a_png() {
    let m = reference();
    let files = build::request_views(
        &m,
        &mlsd::analysis::facts(&m),
        &BuildOptions::default(),
        &Theme::light(),
    )
    .unwrap();
    let got: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let mut want = BTreeSet::new();
    for api in m.apis.iter().filter(|a| a.served_by.is_some()) {
        for e in &api.endpoints {
            for ext in ["svg", "png"] {
                want.insert(format!(
                    "diagrams/requests/{}.{}.{ext}",
                    api.named.name, e.name
                ));
            }
        }
    }
    assert_eq!(want.len(), 4, "feed_api has two endpoints");
    assert_eq!(got, want.iter().map(String::as_str).collect());
    for f in &files {
        if f.path.ends_with(".svg") {
            assert_well_formed_svg(std::str::from_utf8(&f.contents).unwrap(), &f.path);
        } else {
            assert!(f.contents.starts_with(b"\x89PNG"), "{}", f.path);
        }
    }
    // Deterministic bytes.
    let again = build::request_views(
        &m,
        &mlsd::analysis::facts(&m),
        &BuildOptions::default(),
        &Theme::light(),
    )
    .unwrap();
    assert_eq!(files, again);
}

#[test]
fn labels_carry_the_analysis_numbers_and_the_verdict() {
    let m = reference();
    let timing = analysis::run(&m).facts.timing;
    let t = &timing.apis[0];
    let views = views(&m);
    let feed = views
        .iter()
        .find(|d| d.stem == "requests/feed_api.feed")
        .expect("feed view");
    let sc = scene::sequence::build(feed, &Theme::light());
    let all = texts(&sc);
    let budgeted: Vec<_> = t
        .hops
        .iter()
        .filter(|h| !h.call.unbudgeted && m.flows[h.call.flow].chain_first)
        .collect();
    assert!(!budgeted.is_empty());
    for h in budgeted {
        let line = format!(
            "budget {} · cumulative {}",
            human_time(h.call.budget),
            human_time(h.cumulative)
        );
        assert!(all.contains(&line), "no `{line}` in {all:?}");
        if let Some(to) = h.call.timeout {
            let fb = h.call.fallback.as_deref().unwrap_or("");
            let guard = format!("timeout {} · fallback: {fb}", human_time(to));
            assert!(all.contains(&guard), "no `{guard}` in {all:?}");
        }
    }
    let verdict = format!(
        "p99 budget {} of {}: ok",
        human_time(t.inner),
        human_time(t.target.unwrap())
    );
    assert!(all.contains(&verdict), "no `{verdict}` in {all:?}");
    // One lifeline per component of the call tree, plus the caller; each call answered.
    let mut components: BTreeSet<usize> = t.hops.iter().map(|h| h.call.to.0).collect();
    components.insert(t.served_by.0);
    assert_eq!(feed.participants.len(), components.len() + 1);
    let calls = feed
        .steps
        .iter()
        .filter(|s| matches!(s, Step::Call { .. }))
        .count();
    let returns = feed
        .steps
        .iter()
        .filter(|s| matches!(s, Step::Return { .. }))
        .count();
    assert_eq!(calls, t.hops.len() + 1);
    assert_eq!(returns, calls);
    // Each called component is busy (an activation bar) from its call to its return.
    let bars = sc
        .groups
        .iter()
        .find(|g| g.class == "activations")
        .expect("activation bars");
    assert_eq!(bars.elements.len(), calls);
}

const PARALLEL: &str = r#"
system "Par" { summary: "Parallel calls." }
service front "Front"
service search "Search"
search_index bm25 "BM25"
vector_db ann "ANN"
model_server rank "Ranker"
cache hot "Hot cache"
front -> search { latency: 20ms }
search -> hot { latency: 5ms; timeout: 10ms; fallback: "skip <the> \"cache\" & go" }
search -> bm25: "lexical" { latency: 30ms; parallel: true }
search -> ann: "semantic" { latency: 45ms; parallel: true; timeout: 80ms }
search -> rank { latency: 25ms }
api search_api "Search API" {
  protocol: rest
  served_by: search
  get search "/search" { latency_p99: 60ms }
  get suggest "/suggest" { latency_p99: 30ms }
}
"#;

#[test]
fn parallel_calls_are_drawn_in_a_par_frame_and_the_verdict_says_over() {
    let m = model(PARALLEL);
    let t = analysis::run(&m).facts.timing.apis[0].clone();
    let views = views(&m);
    let stems: Vec<&str> = views.iter().map(|d| d.stem.as_str()).collect();
    assert_eq!(
        stems,
        ["requests/search_api.search", "requests/search_api.suggest"]
    );
    let d = &views[0];
    // Serial calls first, then both parallel ones in one frame, split once.
    let kinds: Vec<&str> = d
        .steps
        .iter()
        .map(|s| match s {
            Step::Call { .. } => "call",
            Step::Return { .. } => "return",
            Step::ParStart => "par",
            Step::ParElse => "else",
            Step::ParEnd => "end",
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "call", "call", "return", "call", "return", "par", "call", "return", "else", "call",
            "return", "end", "return"
        ]
    );
    let sc = scene::sequence::build(d, &Theme::light());
    let frames: Vec<_> = sc.groups.iter().filter(|g| g.class == "par").collect();
    assert_eq!(frames.len(), 1);
    let all = texts(&sc);
    assert!(all.contains(&"par".to_string()));
    // 5 + 25 serial, then max(30, 45) in parallel: the analysis' 75 ms, over 60 ms.
    assert!((t.inner - 0.075).abs() < 1e-9, "{}", t.inner);
    let verdict = format!("p99 budget {} of 60 ms: over by 15 ms", human_time(t.inner));
    assert!(all.contains(&verdict), "{all:?}");
    assert!(
        all.contains(&"budget 45 ms · cumulative 75 ms".to_string()),
        "{all:?}"
    );
    assert_no_text_overlaps(&sc, "parallel");
    // The api's target is the loosest endpoint's; an endpoint with its own says so.
    let suggest = texts(&scene::sequence::build(&views[1], &Theme::light()));
    assert!(
        suggest.contains(&"target p99 30 ms".to_string()),
        "{suggest:?}"
    );
    assert!(suggest.contains(&verdict), "{suggest:?}");
    assert!(
        suggest
            .iter()
            .any(|l| l.starts_with("suggest declares latency_p99 30 ms")),
        "{suggest:?}"
    );
    assert!(!all.iter().any(|l| l.contains("declares")), "{all:?}");
    // Spec text is escaped, never markup.
    let svg = mlsd::render::svg(&sc);
    assert_well_formed_svg(&svg, "parallel");
    assert!(svg.contains("skip &lt;the&gt; &quot;cache&quot; &amp; go"));
    // The frame encloses both parallel calls' arrows.
    let frame = match &frames[0].elements[0] {
        Element::Rect { x, y, w, h, .. } => [*x, *y, x + w, y + h],
        e => panic!("{e:?}"),
    };
    for g in sc.groups.iter().filter(|g| g.class == "call") {
        let to = &g.data.iter().find(|(k, _)| k == "to").unwrap().1;
        if to == "bm25" || to == "ann" {
            for (_, b) in text_boxes(&Scene {
                groups: vec![g.clone()],
                ..sc.clone()
            }) {
                assert!(
                    b[0] > frame[0] && b[2] < frame[2] && b[1] > frame[1] && b[3] < frame[3],
                    "{to}: {b:?} outside {frame:?}"
                );
            }
        }
    }
}

#[test]
fn no_text_overlaps_in_any_request_view_of_any_spec() {
    let mut n = 0;
    for path in support::spec_files() {
        let m = model(&std::fs::read_to_string(&path).unwrap());
        for d in views(&m) {
            let what = format!("{}: {}", path.display(), d.stem);
            for theme in [Theme::light(), Theme::dark()] {
                let sc = scene::sequence::build(&d, &theme);
                assert_no_text_overlaps(&sc, &what);
                assert_well_formed_svg(&mlsd::render::svg(&sc), &what);
            }
            n += 1;
        }
    }
    assert!(n >= 20, "{n} request views");
}

#[test]
fn a_call_tree_with_a_cycle_and_a_call_to_itself_is_drawn() {
    let m = model(
        r#"
system "Cycle" { summary: "A calls B calls A." }
service a "A"
service b "B with a rather long label that wraps over more than one line"
a -> b { latency: 10ms }
b -> a { latency: 5ms }
b -> b: "recurse" { latency: 1ms }
api x "X" { protocol: grpc; served_by: a; rpc Call { latency_p99: 1s } }
"#,
    );
    let views = views(&m);
    assert_eq!(views.len(), 1);
    assert_eq!(views[0].stem, "requests/x.Call");
    let sc = scene::sequence::build(&views[0], &Theme::light());
    assert_no_text_overlaps(&sc, "cycle");
    assert_well_formed_svg(&mlsd::render::svg(&sc), "cycle");
}

#[test]
fn an_api_without_served_by_has_no_request_view_and_names_are_safe() {
    let m = model(
        r#"
system "No server" { summary: "An api nobody serves." }
service a "A"
api x "X" { protocol: rest; get one "/one" }
"#,
    );
    assert!(views(&m).is_empty());
    assert_eq!(sequence::stem("a.b/../c", "d e"), "requests/a_b____c.d_e");
}

#[test]
fn the_documents_link_every_request_view_and_each_link_resolves() {
    let m = reference();
    let options = BuildOptions::default();
    let views: BTreeSet<String> =
        build::request_views(&m, &mlsd::analysis::facts(&m), &options, &Theme::light())
            .unwrap()
            .into_iter()
            .map(|f| f.path)
            .collect();
    let docs = build::stubs_and_documents(&m, "feed_ranking.mlsd", &options);
    let doc = |path: &str| {
        let f = docs.iter().find(|f| f.path == path).unwrap();
        String::from_utf8(f.contents.clone()).unwrap()
    };
    // From design/high_level.md the folder is one level up; from README.md it is here.
    for (path, prefix) in [
        ("design/high_level.md", "../diagrams/requests/"),
        ("README.md", "diagrams/requests/"),
    ] {
        let text = doc(path);
        let linked: BTreeSet<String> = text
            .match_indices(prefix)
            .map(|(i, _)| {
                let rest = &text[i + prefix.len()..];
                let end = rest.find(')').unwrap();
                format!("diagrams/requests/{}", &rest[..end])
            })
            .collect();
        let svgs: BTreeSet<String> = views
            .iter()
            .filter(|p| path == "design/high_level.md" || p.ends_with(".svg"))
            .filter(|p| p.ends_with(".svg"))
            .cloned()
            .collect();
        assert!(
            svgs.is_subset(&linked),
            "{path}: links {linked:?}, views {svgs:?}"
        );
        assert!(linked.is_subset(&views), "{path}: {linked:?} not all drawn");
    }
}
