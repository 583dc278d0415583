//! Diagrams: layout invariants on real and generated graphs, SVG structure, PNG output,
//! determinism and graceful errors. Property tests live in `diagrams/proptests.rs`.

mod golden;
mod layout_rs;
mod proptests;

use mlsd::layout::{self, LayoutError, LayoutOptions, check};
use mlsd::render::{self, DiagramOptions, MAX_PIXELS, MAX_SIDE, diagram, scale_for};
use mlsd::scene::{self, Theme};
use mlsd::view::{Cluster, Direction, Edge, EdgeStyle, Graph, Node, Shape};

use crate::graphs;

fn assert_sound(g: &Graph, what: &str) -> layout::Layout {
    let l = layout::run(g, &LayoutOptions::default()).unwrap_or_else(|e| panic!("{what}: {e}"));
    let v = check(g, &l);
    assert!(
        v.is_empty(),
        "{what}: {} violations, first: {:?}",
        v.len(),
        &v[..v.len().min(8)]
    );
    l
}

/// PNG width and height from the IHDR chunk.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let w = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
    let h = u32::from_be_bytes([png[20], png[21], png[22], png[23]]);
    (w, h)
}

#[test]
fn architecture_layout_meets_every_invariant() {
    assert_sound(&graphs::architecture(), "architecture");
}

#[test]
fn every_direction_meets_every_invariant() {
    for d in [
        Direction::Right,
        Direction::Down,
        Direction::Left,
        Direction::Up,
    ] {
        let mut g = graphs::generated(40, 3);
        g.direction = d;
        assert_sound(&g, &format!("{d:?}"));
    }
}

#[test]
fn generated_graphs_meet_every_invariant() {
    for n in [5, 12, 30, 50, 100, 200] {
        for seed in [1, 2] {
            assert_sound(&graphs::generated(n, seed), &format!("n={n} seed={seed}"));
        }
    }
}

#[test]
fn a_500_node_graph_meets_every_invariant() {
    assert_sound(&graphs::generated(500, 1), "n=500");
}

#[test]
fn svg_has_the_documented_structure() {
    let g = graphs::architecture();
    let svg = diagram(
        &g,
        &DiagramOptions {
            png: false,
            ..DiagramOptions::default()
        },
    )
    .unwrap()
    .svg;
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "));
    assert!(svg.contains("<title>Feed ranking: architecture</title>"));
    for n in &g.nodes {
        let open = format!(r#"<g class="node {}" id="node-{}">"#, n.kind, n.id);
        let at = svg.find(&open).unwrap_or_else(|| panic!("missing {open}"));
        let body = &svg[at + open.len()..];
        let first = &body[..body.find("</g>").unwrap()];
        assert!(
            first.starts_with("<rect") || first.starts_with("<path"),
            "{}: first child {first:.40}",
            n.id
        );
        assert!(
            first.contains(&format!(">{}</text>", n.label)),
            "{} label",
            n.id
        );
    }
    for c in &g.clusters {
        assert!(svg.contains(&format!(
            r#"<g class="cluster group" id="cluster-{}">"#,
            c.id
        )));
    }
    for e in &g.edges {
        let open = format!(
            r#"<g class="edge {}" id="edge-{}-{}-0" data-from="{}" data-to="{}">"#,
            e.style.as_str(),
            e.from,
            e.to,
            e.from,
            e.to
        );
        assert!(svg.contains(&open), "missing {open}");
    }
    assert!(svg.contains(r#"<g class="legend" id="legend">"#));
    assert_eq!(svg.matches("<g class=\"edge").count(), g.edges.len());
}

#[test]
fn repeated_edges_get_numbered_ids() {
    let mut g = graphs::architecture();
    g.edges.push(g.edges[0].clone());
    let svg = diagram(
        &g,
        &DiagramOptions {
            png: false,
            ..DiagramOptions::default()
        },
    )
    .unwrap()
    .svg;
    assert!(
        svg.contains(r#"id="edge-user-client-0""#) && svg.contains(r#"id="edge-user-client-1""#)
    );
}

#[test]
fn output_is_byte_identical_between_runs() {
    let g = graphs::generated(60, 9);
    let a = diagram(&g, &DiagramOptions::default()).unwrap();
    let b = diagram(&g, &DiagramOptions::default()).unwrap();
    assert_eq!(a.svg, b.svg);
    assert_eq!(a.png, b.png);
}

#[test]
fn png_is_twice_the_svg_size_and_has_drawn_text() {
    let g = graphs::architecture();
    let out = diagram(&g, &DiagramOptions::default()).unwrap();
    let vb: Vec<f64> = out.svg["<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ".len()..]
        .split('"')
        .next()
        .unwrap()
        .split(' ')
        .map(|v| v.parse().unwrap())
        .collect();
    let (w, h) = png_size(out.png.as_ref().unwrap());
    assert_eq!(
        (w, h),
        ((vb[0] * 2.0).ceil() as u32, (vb[1] * 2.0).ceil() as u32)
    );
}

#[test]
fn png_renders_text_with_the_embedded_font_only() {
    // A title alone: if no font were found, the picture would be blank.
    let g = Graph {
        title: "Hello".into(),
        ..Graph::default()
    };
    let l = layout::run(&g, &LayoutOptions::default()).unwrap();
    let svg = render::svg(&scene::build(&g, &l, &Theme::light()));
    let with_text = render::png(&svg).unwrap();
    let blank = render::png(&svg.replace(">Hello<", "><")).unwrap();
    assert_ne!(with_text, blank);
}

#[test]
fn huge_pictures_are_scaled_down_to_fit() {
    for (w, h) in [
        (24_000.0, 17_000.0),
        (100_000.0, 300.0),
        (500.0, 400.0),
        (16_000.0, 16_000.0),
    ] {
        let s = scale_for(w, h);
        assert!(
            w * s <= MAX_SIDE && h * s <= MAX_SIDE && w * h * s * s <= MAX_PIXELS * 1.0001,
            "{w}x{h} at {s}"
        );
    }
    assert_eq!(scale_for(500.0, 400.0), 2.0);
}

#[test]
fn dark_theme_changes_colours_not_geometry() {
    let g = graphs::architecture();
    let l = layout::run(&g, &LayoutOptions::default()).unwrap();
    let light = render::svg(&scene::build(&g, &l, &Theme::light()));
    let dark = render::svg(&scene::build(&g, &l, &Theme::dark()));
    assert_ne!(light, dark);
    assert!(dark.contains(Theme::dark().background));
    assert_eq!(
        light.matches("<path").count(),
        dark.matches("<path").count()
    );
}

#[test]
fn edges_may_end_at_clusters() {
    let mut g = graphs::architecture();
    g.edges.push(Edge {
        from: "data".into(),
        to: "serving.ranking".into(),
        label: Some("syncs".into()),
        style: EdgeStyle::Batch,
        ..Default::default()
    });
    assert_sound(&g, "cluster to cluster");
}

#[test]
fn malformed_graphs_are_errors_not_panics() {
    let n = |id: &str| Node {
        id: id.into(),
        label: id.into(),
        ..Node::default()
    };
    let dup = Graph {
        nodes: vec![n("a"), n("a")],
        ..Graph::default()
    };
    assert_eq!(
        layout::run(&dup, &LayoutOptions::default()).unwrap_err(),
        LayoutError::DuplicateId("a".into())
    );
    let unknown = Graph {
        nodes: vec![n("a")],
        edges: vec![Edge {
            from: "a".into(),
            to: "b".into(),
            ..Edge::default()
        }],
        ..Graph::default()
    };
    assert!(matches!(
        layout::run(&unknown, &LayoutOptions::default()),
        Err(LayoutError::UnknownEndpoint { .. })
    ));
    let bad_cluster = Graph {
        nodes: vec![Node {
            cluster: Some(3),
            ..n("a")
        }],
        ..Graph::default()
    };
    assert!(matches!(
        layout::run(&bad_cluster, &LayoutOptions::default()),
        Err(LayoutError::BadCluster { .. })
    ));
    let cyclic_parent = Graph {
        clusters: vec![Cluster {
            id: "c".into(),
            parent: Some(0),
            ..Cluster::default()
        }],
        ..Graph::default()
    };
    assert!(matches!(
        layout::run(&cyclic_parent, &LayoutOptions::default()),
        Err(LayoutError::BadCluster { .. })
    ));
}

#[test]
fn empty_and_tiny_graphs_render() {
    for g in [
        Graph::default(),
        Graph {
            nodes: vec![Node {
                id: "a".into(),
                ..Node::default()
            }],
            ..Graph::default()
        },
        Graph {
            clusters: vec![Cluster {
                id: "c".into(),
                label: "Empty group".into(),
                ..Cluster::default()
            }],
            ..Graph::default()
        },
    ] {
        let out = diagram(&g, &DiagramOptions::default()).unwrap();
        assert!(out.svg.contains("viewBox") && out.png.is_some());
    }
}

#[test]
fn long_labels_wrap_and_fit() {
    let mut g = graphs::architecture();
    g.nodes[3].label =
        "A feed service with a very long descriptive name that must wrap over lines".into();
    g.edges[2].label =
        Some("a long edge label describing the protocol and the payload in detail".into());
    let l = assert_sound(&g, "long labels");
    assert!(l.nodes[3].label.lines.len() >= 3);
    assert!(l.edges[2].label.as_ref().unwrap().text.lines.len() >= 2);
}

#[test]
fn shapes_all_draw_inside_their_box() {
    let shapes = [
        Shape::Box,
        Shape::Cylinder,
        Shape::Pipe,
        Shape::Person,
        Shape::Hexagon,
        Shape::Folder,
        Shape::External,
        Shape::Device,
        Shape::Pill,
        Shape::Note,
        Shape::Clock,
        Shape::Monitor,
    ];
    let nodes = shapes
        .iter()
        .enumerate()
        .map(|(i, &shape)| Node {
            id: format!("n{i}"),
            label: format!("{shape:?}"),
            captions: vec!["kind".into()],
            shape,
            ..Node::default()
        })
        .collect();
    let edges = (1..shapes.len())
        .map(|i| Edge {
            from: format!("n{}", i - 1),
            to: format!("n{i}"),
            ..Edge::default()
        })
        .collect();
    let g = Graph {
        nodes,
        edges,
        ..Graph::default()
    };
    assert_sound(&g, "shapes");
}

#[test]
fn graphs_above_the_node_limit_are_refused() {
    let opts = LayoutOptions {
        max_nodes: 40,
        ..LayoutOptions::default()
    };
    let err = layout::run(&graphs::generated(41, 1), &opts).unwrap_err();
    assert!(matches!(
        err,
        LayoutError::TooLarge {
            nodes: 41,
            limit: 40,
            ..
        }
    ));
    assert_eq!(
        err.to_string(),
        "the elk layout accepts at most 40 nodes, this diagram has 41"
    );
}

#[test]
fn svg_embeds_a_working_subset_of_the_font() {
    use base64::Engine as _;
    let svg = diagram(
        &graphs::architecture(),
        &DiagramOptions {
            png: false,
            ..DiagramOptions::default()
        },
    )
    .unwrap()
    .svg;
    let fonts: Vec<Vec<u8>> = svg
        .split("base64,")
        .skip(1)
        .map(|rest| {
            base64::engine::general_purpose::STANDARD
                .decode(&rest[..rest.find(')').unwrap()])
                .unwrap()
        })
        .collect();
    assert_eq!(fonts.len(), 2, "regular and bold faces");
    for font in fonts {
        assert!(font.len() < 60_000, "subset of {} bytes", font.len());
        let face = harfrust::FontRef::new(&font).expect("valid font");
        let data = harfrust::ShaperData::new(&face);
        let shaper = data.shaper(&face).build();
        let mut buf = harfrust::UnicodeBuffer::new();
        buf.push_str("Feed");
        buf.guess_segment_properties();
        let out = shaper.shape(buf, harfrust::ShapeOptions::new());
        assert!(
            out.glyph_infos().iter().all(|g| g.glyph_id != 0),
            "every glyph of `Feed` is in the subset"
        );
        assert!(out.glyph_positions().iter().all(|p| p.x_advance > 0));
    }
}

#[test]
fn long_flat_flows_are_wrapped_into_rows() {
    // A chain of diamonds is stretched in either direction; ELK's wrapping cuts it into rows.
    let l = assert_sound(&graphs::diamonds(20), "diamonds");
    let aspect = l.width / l.height;
    assert!((0.25..=4.0).contains(&aspect), "{aspect}");
    // A labelled 40-stage pipeline too, although chains are exempt from the rule.
    let mut chain = graphs::diamonds(0);
    chain.nodes = (0..40)
        .map(|i| Node {
            id: format!("s{i}"),
            label: format!("Stage {i}"),
            ..Node::default()
        })
        .collect();
    chain.edges = (1..40)
        .map(|i| Edge {
            from: format!("s{}", i - 1),
            to: format!("s{i}"),
            label: Some(format!("out {i}")),
            style: EdgeStyle::Batch,
            ..Default::default()
        })
        .collect();
    let l = assert_sound(&chain, "chain");
    assert!(
        (0.25..=4.0).contains(&(l.width / l.height)),
        "{}",
        l.width / l.height
    );
}

#[test]
fn a_long_pipeline_inside_a_group_is_wrapped() {
    assert_sound(&graphs::pipeline(14), "pipeline of 14");
    // 30 stages are too long for one row or one column: they are wrapped inside the box.
    let l = assert_sound(&graphs::pipeline(30), "pipeline of 30");
    let aspect = l.width / l.height;
    assert!((0.25..=4.0).contains(&aspect), "{aspect}");
}
