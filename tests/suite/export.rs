//! `mlsd export FILE --to dot|mermaid|d2 [--view VIEW]` -> another tool's text. Every DOT
//! and D2 export of every spec goes through the real tool (`dot -Tsvg`, `d2`; see
//! scripts/install-export-tools.sh); Mermaid and D2 of the reference spec are compared with
//! reviewed golden files under `tests/golden/export/`.

use std::io::Write;
use std::process::{Command, Stdio};

use mlsd::export::{Target, export, graph};
use mlsd::model::View;
use mlsd::view::{Cluster, Edge, EdgeStyle, Graph, Node};

use crate::support::{Test, golden, root, spec_files};

fn model(path: &std::path::Path) -> mlsd::model::Model {
    let analysis = mlsd::analyze(&std::fs::read(path).unwrap());
    assert!(!analysis.has_errors(), "{}", path.display());
    analysis.model
}

/// Whether `tool` runs here. Missing in CI is a failure, not a skip.
fn available(tool: &str) -> bool {
    let found = Command::new(tool).arg("--version").output().is_ok();
    if !found && std::env::var_os("CI").is_some() {
        panic!("`{tool}` is missing; run scripts/install-export-tools.sh");
    }
    if !found {
        eprintln!("skipped: `{tool}` is not installed (set CI to make this a failure)");
    }
    found
}

fn dot_available() -> bool {
    available("dot")
}

/// Compiles D2 text to SVG with the real `d2`: the SVG, or a panic with d2's complaint.
fn d2_svg(text: &str, what: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let (input, output) = (dir.path().join("in.d2"), dir.path().join("out.svg"));
    std::fs::write(&input, text).unwrap();
    let out = Command::new("d2")
        .args(["--layout", "dagre"])
        .arg(&input)
        .arg(&output)
        .output()
        .expect("d2 starts");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "d2 rejected {what}: {stderr}\n{text}");
    std::fs::read_to_string(&output).unwrap()
}

/// Runs `dot -Tsvg` on `text`: its stdout, or a panic with its stderr.
fn dot_svg(text: &str, what: &str) -> String {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dot starts");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "dot rejected {what}: {stderr}\n{text}"
    );
    assert!(
        !stderr.contains("syntax error"),
        "dot complained about {what}: {stderr}"
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_dot_export_of_every_spec_renders_with_graphviz() {
    if !dot_available() {
        return;
    }
    for path in spec_files() {
        let m = model(&path);
        for &view in View::ALL {
            let g = mlsd::view::build(&m, view);
            let text = export(&m, view, Target::Dot);
            let svg = dot_svg(&text, &format!("{} {view}", path.display()));
            assert!(svg.contains("<svg"));
            // Every node made it into the drawing (Graphviz titles a node's group by its id).
            for n in &g.nodes {
                let title = format!("<title>{}</title>", n.id);
                assert!(svg.contains(&title), "{view}: node `{}` missing", n.id);
            }
            assert_eq!(svg.matches("class=\"cluster\"").count(), g.clusters.len());
        }
    }
}

#[test]
fn every_d2_export_of_every_spec_compiles_with_d2() {
    if !available("d2") {
        return;
    }
    for path in spec_files() {
        let m = model(&path);
        for &view in View::ALL {
            let g = mlsd::view::build(&m, view);
            let svg = d2_svg(
                &export(&m, view, Target::D2),
                &format!("{} {view}", path.display()),
            );
            // Every node's first label line is drawn (D2 writes text as-is, XML-escaped).
            for n in &g.nodes {
                let text = n
                    .label
                    .replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;")
                    .replace('\'', "&#39;")
                    .replace('"', "&#34;");
                assert!(
                    svg.contains(&text),
                    "{view}: `{}` missing from the D2 drawing",
                    n.label
                );
            }
        }
    }
}

#[test]
fn goldens_of_the_reference_spec() {
    let m = model(&root().join("specs/feed_ranking.mlsd"));
    for &view in View::ALL {
        for (target, ext) in [(Target::Mermaid, "mmd"), (Target::D2, "d2")] {
            let path = root().join(format!("tests/golden/export/feed_ranking.{view}.{ext}"));
            golden(&path, &export(&m, view, target));
        }
    }
}

#[test]
fn exports_are_deterministic() {
    for path in spec_files() {
        let m = model(&path);
        for &view in View::ALL {
            for &t in Target::ALL {
                assert_eq!(export(&m, view, t), export(&m, view, t));
            }
        }
    }
}

/// A graph with the awkward parts: quotes, backslashes, line breaks, `#`, `<>`, ids with
/// dots, reserved words, edges to clusters, nested clusters and every edge style.
fn awkward() -> Graph {
    let node = |id: &str, label: &str, cluster| Node {
        id: id.into(),
        label: label.into(),
        captions: vec!["cap \"1\"".into()],
        kind: "service".into(),
        cluster,
        ..Default::default()
    };
    let cluster = |id: &str, parent| Cluster {
        id: id.into(),
        label: format!("Box {id}"),
        parent,
        ..Default::default()
    };
    let edge = |from: &str, to: &str, style, label: Option<&str>| Edge {
        from: from.into(),
        to: to.into(),
        style,
        label: label.map(str::to_string),
        ..Default::default()
    };
    Graph {
        title: "T \"quoted\"\\".into(),
        clusters: vec![cluster("outer", None), cluster("outer.inner", Some(0))],
        nodes: vec![
            node("end", "say \"hi\" <b> #1 | \\n", None),
            node("outer.inner.x", "multi\nline", Some(1)),
            node("style", "S", Some(0)),
            node("X", "upper", Some(1)),
        ],
        edges: vec![
            edge("end", "outer.inner.x", EdgeStyle::Sync, Some("a \"b\"")),
            edge("end", "outer", EdgeStyle::Async, None),
            edge("outer.inner", "style", EdgeStyle::Stream, Some("x|y")),
            edge("style", "end", EdgeStyle::Batch, None),
            edge("X", "end", EdgeStyle::Relation, Some("r")),
        ],
        ..Default::default()
    }
}

#[test]
fn awkward_graphs_escape_cleanly() {
    let g = awkward();
    let dot = graph(&g, Target::Dot);
    assert!(dot.contains("subgraph \"cluster_outer\" {"));
    assert!(dot.contains("lhead=\"cluster_outer\""));
    assert!(dot.contains("ltail=\"cluster_outer.inner\""));
    assert!(
        dot.contains("style=dashed") && dot.contains("style=bold") && dot.contains("style=dotted")
    );
    assert!(dot.contains(r#"label="say \"hi\" <b> #1 | \\n\ncap \"1\"""#));
    if dot_available() {
        dot_svg(&dot, "the awkward graph");
    }
    let mermaid = graph(&g, Target::Mermaid);
    assert!(mermaid.contains(
        "id_end[\"say #quot;hi#quot; #lt;b#gt; #35;1 #124; \\n<br/>cap #quot;1#quot;\"]"
    ));
    assert!(mermaid.contains("subgraph outer_inner[\"Box outer.inner\"]"));
    assert!(mermaid.contains("id_end -->|\"a #quot;b#quot;\"| outer_inner_x"));
    assert!(mermaid.contains("id_end -.-> outer\n"));
    assert!(mermaid.contains("style ==> id_end") || mermaid.contains("id_style ==> id_end"));
    let d2 = graph(&g, Target::D2);
    assert!(d2.contains("outer: \"Box outer\" {"));
    assert!(d2.contains("\"style\": \"S"));
    if available("d2") {
        let svg = d2_svg(&d2, "the awkward graph");
        // Quoted keywords are shapes, not keywords: their labels are drawn.
        assert!(svg.contains(">S<") || svg.contains(">S\n"), "{svg}");
    }
    // `x` and `X` are one key to D2, so the first keeps more of its id.
    assert!(
        d2.contains("    \"inner.x\": \"multi\\nline") && d2.contains("    X: \"upper"),
        "{d2}"
    );
    assert!(
        d2.contains("end -> outer.inner.\"inner.x\": \"a \\\"b\\\"\""),
        "{d2}"
    );
    assert!(d2.contains("end -> outer { style.stroke-dash: 5 }"));
}

#[test]
fn directions_follow_the_view() {
    let mut g = awkward();
    for (dir, dot, mermaid, d2) in [
        (
            mlsd::view::Direction::Right,
            "rankdir=LR",
            "flowchart LR",
            "direction: right",
        ),
        (
            mlsd::view::Direction::Down,
            "rankdir=TB",
            "flowchart TD",
            "direction: down",
        ),
        (
            mlsd::view::Direction::Left,
            "rankdir=RL",
            "flowchart RL",
            "direction: left",
        ),
        (
            mlsd::view::Direction::Up,
            "rankdir=BT",
            "flowchart BT",
            "direction: up",
        ),
    ] {
        g.direction = dir;
        assert!(graph(&g, Target::Dot).contains(dot));
        assert!(graph(&g, Target::Mermaid).contains(mermaid));
        assert!(graph(&g, Target::D2).contains(d2));
    }
}

#[test]
fn cli_prints_the_export_on_stdout() {
    let spec = std::fs::read_to_string(root().join("specs/feed_ranking.mlsd")).unwrap();
    let out = Test::new()
        .spec(&spec)
        .args(&[
            "export",
            "spec.mlsd",
            "--to",
            "mermaid",
            "--view",
            "ml_pipeline",
        ])
        .run()
        .code(0);
    let m = model(&root().join("specs/feed_ranking.mlsd"));
    assert_eq!(out.stdout, export(&m, View::MlPipeline, Target::Mermaid));
    let out = Test::new()
        .spec(&spec)
        .args(&["export", "spec.mlsd", "--to", "dot"])
        .run()
        .code(0);
    assert_eq!(out.stdout, export(&m, View::Architecture, Target::Dot));
}

#[test]
fn cli_refuses_errors_and_bad_arguments() {
    Test::new()
        .spec("service a { replics: 3 }")
        .args(&["export", "spec.mlsd", "--to", "d2"])
        .run()
        .code(1)
        .stderr_has("E032")
        .stderr_has("nothing was exported");
    Test::new()
        .spec("")
        .args(&["export", "spec.mlsd", "--to", "svg"])
        .run()
        .code(2);
    Test::new()
        .spec("")
        .args(&["export", "spec.mlsd", "--to", "d2", "--view", "nope"])
        .run()
        .code(2);
    Test::new()
        .args(&["export", "missing.mlsd", "--to", "d2"])
        .run()
        .code(2);
}

#[test]
fn completions_for_each_shell() {
    for (shell, marker) in [
        ("bash", "_mlsd()"),
        ("zsh", "#compdef mlsd"),
        ("fish", "complete -c mlsd"),
    ] {
        let out = Test::new().args(&["completions", shell]).run().code(0);
        assert!(
            out.stdout.contains(marker),
            "{shell}: {}",
            &out.stdout[..out.stdout.len().min(200)]
        );
        assert!(out.stdout.contains("export") && out.stdout.contains("fmt"));
    }
}

#[test]
fn a_closed_stdout_pipe_is_not_a_crash() {
    let spec = root().join("specs/llm_assistant.mlsd");
    for args in [
        vec!["completions".to_string(), "bash".into()],
        vec![
            "export".into(),
            spec.display().to_string(),
            "--to".into(),
            "dot".into(),
        ],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mlsd"))
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    }
}
