//! Graph sizes -> ELK JSON -> `elkrs` layered layout -> Placement. Clusters become compound
//! nodes (hierarchy handling INCLUDE_CHILDREN), edge labels real ELK labels with measured
//! sizes (ELK reserves room for them, so they never collide), routes orthogonal.

use std::collections::{BTreeMap, BTreeSet};
use std::panic::{AssertUnwindSafe, catch_unwind};

use serde_json::{Value, json};

use super::declaration_order;
use super::geometry::{Point, Rect};
use super::graph_index::{Endpoint, GraphIndex};
use super::layout_engine::{EngineInput, LayoutEngine, Placement};
use super::layout_error::LayoutError;
use super::measured::{CLUSTER_PAD, Measured};
use crate::view::Direction;

const NAME: &str = "elk";

/// ELK's layered algorithm.
#[derive(Debug, Clone, Copy, Default)]
pub struct ElkEngine {
    /// Cut long flows into rows (ELK's graph wrapping); flat graphs only.
    pub wrap: bool,
}

fn node_key(e: Endpoint) -> String {
    match e {
        Endpoint::Node(i) => format!("n{i}"),
        Endpoint::Cluster(i) => format!("c{i}"),
    }
}

fn direction(d: Direction) -> &'static str {
    match d {
        Direction::Right => "RIGHT",
        Direction::Down => "DOWN",
        Direction::Left => "LEFT",
        Direction::Up => "UP",
    }
}

impl ElkEngine {
    /// The ELK JSON document for a graph (public for debugging and tests).
    pub fn to_json(&self, input: &EngineInput<'_>) -> Value {
        self.json_widened(input, &vec![0.0; input.graph.clusters.len()], None)
    }

    /// The ELK JSON document, each cluster's right padding grown by `widen[cluster]`; with
    /// `places`, each node keeps that place across its layer (`declaration_order`).
    fn json_widened(
        &self,
        input: &EngineInput<'_>,
        widen: &[f64],
        places: Option<&[f64]>,
    ) -> Value {
        let (g, idx, m) = (input.graph, input.index, input.measured);
        // Each edge goes in the container ELK expects it in, computed once per edge.
        let mut edges_in: BTreeMap<Option<usize>, Vec<usize>> = BTreeMap::new();
        for (i, &(a, b)) in idx.ends.iter().enumerate() {
            edges_in.entry(idx.container(a, b)).or_default().push(i);
        }
        let pinned = Pinned::new(g, idx);
        let shape = Shape {
            wrap: self.wrap,
            widen,
            pinned: &pinned,
            places,
        };
        let mut root = build_container(idx, m, &edges_in, None, &shape);
        let obj = root.as_object_mut().expect("container is an object");
        obj.insert("id".into(), json!("root"));
        let mut options = json!({
            "elk.algorithm": "layered",
            "elk.hierarchyHandling": "INCLUDE_CHILDREN",
            "elk.direction": direction(g.direction),
            "elk.edgeRouting": "ORTHOGONAL",
            "elk.randomSeed": "1",
            "elk.padding": "[top=0,left=0,bottom=0,right=0]",
            "elk.spacing.nodeNode": "30",
            "elk.layered.spacing.nodeNodeBetweenLayers": "50",
            "elk.spacing.edgeNode": "18",
            "elk.spacing.edgeEdge": "12",
            "elk.layered.spacing.edgeNodeBetweenLayers": "20",
            "elk.layered.spacing.edgeEdgeBetweenLayers": "12",
            "elk.spacing.edgeLabel": "4",
            "elk.spacing.componentComponent": "50",
            "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
            "elk.layered.nodePlacement.bk.fixedAlignment": "BALANCED",
            "elk.layered.thoroughness": thoroughness(g.nodes.len()).to_string(),
        });
        shape.container_options(&mut options);
        obj.insert("layoutOptions".into(), options);
        if g.edges.is_empty() {
            pack_rectangles(&mut root);
        }
        root
    }
}

/// A graph with no edges (a deployment: boxes in boxes) has no flow for layers to follow:
/// ELK's layered algorithm puts every box of a container in one layer, a single long column
/// or row. Rectangle packing fills each container in rows towards a 1.6 aspect instead.
fn pack_rectangles(container: &mut Value) {
    let Some(o) = container.as_object_mut() else {
        return;
    };
    if let Some(lo) = o.get_mut("layoutOptions").and_then(Value::as_object_mut) {
        lo.insert("elk.algorithm".into(), json!("rectpacking"));
        lo.insert("elk.hierarchyHandling".into(), json!("SEPARATE_CHILDREN"));
        lo.insert("elk.aspectRatio".into(), json!("1.6"));
        lo.insert("elk.spacing.nodeNode".into(), json!("30"));
        lo.insert("elk.expandNodes".into(), json!("false"));
    }
    if let Some(children) = o.get_mut("children").and_then(Value::as_array_mut) {
        for child in children.iter_mut().filter(|c| c.get("children").is_some()) {
            if child.get("layoutOptions").is_none()
                && let Some(c) = child.as_object_mut()
            {
                c.insert("layoutOptions".into(), json!({}));
            }
            pack_rectangles(child);
        }
    }
}

/// Crossing-minimisation effort: ELK's default (7) on small graphs, less above, where its
/// layer sweeps dominate (1,000 nodes: 3.2 s at 7, 0.9 s at 1, about the same drawing size;
/// 50 nodes: the same drawing at 7, 5, 3 and 1; a 150-node detail diagram with a group:
/// 1.6 s at 3, 0.5 s at 1).
fn thoroughness(nodes: usize) -> u32 {
    match nodes {
        0..=30 => 7,
        31..=100 => 3,
        _ => 1,
    }
}

/// The layer each node is pinned to (`first`/`last` of the view), by node index, and the
/// edges handed to ELK reversed for it.
///
/// ELK wants no edge into a FIRST node and none out of a LAST one: such an edge is given to
/// it the other way round and its route turned back when read. An edge between two nodes
/// pinned to the same end cannot be drawn across layers, so its target (first) or source
/// (last) is left unpinned.
///
/// Sync edges (request paths) also get priority for direction and straightness, so the
/// main path reads in the view's direction and runs straight where ELK can manage it.
struct Pinned {
    layer: BTreeMap<usize, &'static str>,
    reversed: BTreeSet<usize>,
    sync: BTreeSet<usize>,
}

impl Pinned {
    fn new(g: &crate::view::Graph, idx: &GraphIndex) -> Pinned {
        let mut layer = BTreeMap::new();
        for (i, n) in g.nodes.iter().enumerate() {
            if g.first.contains(&n.id) {
                layer.insert(i, "FIRST");
            } else if g.last.contains(&n.id) {
                layer.insert(i, "LAST");
            }
        }
        let node = |e: Endpoint| match e {
            Endpoint::Node(i) => Some(i),
            Endpoint::Cluster(_) => None,
        };
        // Unpin until no edge joins two nodes pinned to the same end (edges in order: the
        // result does not depend on anything but the graph).
        loop {
            let mut changed = false;
            for &(a, b) in &idx.ends {
                let (Some(a), Some(b)) = (node(a), node(b)) else {
                    continue;
                };
                match (layer.get(&a).copied(), layer.get(&b).copied()) {
                    (Some("FIRST"), Some("FIRST")) if a != b => {
                        layer.remove(&b);
                        changed = true;
                    }
                    (Some("LAST"), Some("LAST")) if a != b => {
                        layer.remove(&a);
                        changed = true;
                    }
                    _ => {}
                }
            }
            if !changed {
                break;
            }
        }
        let reversed = idx
            .ends
            .iter()
            .enumerate()
            .filter(|(_, (a, b))| {
                let pin = |e: Endpoint| node(e).and_then(|i| layer.get(&i).copied());
                pin(*b) == Some("FIRST") || pin(*a) == Some("LAST")
            })
            .map(|(i, _)| i)
            .collect();
        let sync = g
            .edges
            .iter()
            .enumerate()
            .filter(|(_, e)| e.style == crate::view::EdgeStyle::Sync)
            .map(|(i, _)| i)
            .collect();
        Pinned {
            layer,
            reversed,
            sync,
        }
    }
}

/// ELK's option that keeps the nodes of a layer in the order of their `elk.position`.
const SEMI_INTERACTIVE: &str = "elk.layered.crossingMinimization.semiInteractive";

/// What shapes every container of one ELK document beyond the graph itself.
struct Shape<'a> {
    wrap: bool,
    widen: &'a [f64],
    pinned: &'a Pinned,
    places: Option<&'a [f64]>,
}

impl Shape<'_> {
    /// The options ELK reads per container, so the root and every cluster get them: wrapping
    /// (a long flow inside a group wraps too) and the places of declaration order.
    fn container_options(&self, options: &mut Value) {
        if self.places.is_some() {
            options[SEMI_INTERACTIVE] = json!(true);
        }
        if self.wrap {
            options["elk.layered.wrapping.strategy"] = json!("MULTI_EDGE");
            options["elk.aspectRatio"] = json!("1.6");
        }
    }
}

/// The JSON children and edges of one container (`None` = root).
fn build_container(
    idx: &GraphIndex,
    m: &Measured,
    edges_in: &BTreeMap<Option<usize>, Vec<usize>>,
    at: Option<usize>,
    shape: &Shape<'_>,
) -> Value {
    let (widen, pinned) = (shape.widen, shape.pinned);
    let mut children = Vec::new();
    for &n in idx.child_nodes.get(&at).map(Vec::as_slice).unwrap_or(&[]) {
        let t = &m.nodes[n];
        let mut child = json!({"id": format!("n{n}"), "width": t.width, "height": t.height});
        let mut options = serde_json::Map::new();
        if let Some(layer) = pinned.layer.get(&n) {
            options.insert("elk.layered.layering.layerConstraint".into(), json!(layer));
        }
        if let Some(p) = shape.places.and_then(|p| p.get(n)) {
            // The same value on both axes: ELK sorts by y, after turning the graph for
            // its direction or not.
            options.insert("elk.position".into(), json!(format!("({p},{p})")));
        }
        if !options.is_empty() {
            child["layoutOptions"] = Value::Object(options);
        }
        children.push(child);
    }
    for &c in idx
        .child_clusters
        .get(&at)
        .map(Vec::as_slice)
        .unwrap_or(&[])
    {
        let mut v = build_container(idx, m, edges_in, Some(c), shape);
        let right = CLUSTER_PAD + widen.get(c).copied().unwrap_or(0.0);
        let t = &m.clusters[c];
        let top = t.header + 8.0;
        let o = v.as_object_mut().expect("container is an object");
        o.insert("id".into(), json!(format!("c{c}")));
        let mut options = json!({
            "elk.padding": format!("[top={top},left={CLUSTER_PAD},bottom={CLUSTER_PAD},right={right}]"),
            "elk.nodeSize.constraints": "[MINIMUM_SIZE]",
            "elk.nodeSize.minimum": format!("({}, {})", t.min_width, top + 40.0),
        });
        shape.container_options(&mut options);
        o.insert("layoutOptions".into(), options);
        children.push(v);
    }
    let mut edges = Vec::new();
    for &i in edges_in.get(&at).map(Vec::as_slice).unwrap_or(&[]) {
        let (a, b) = if pinned.reversed.contains(&i) {
            (idx.ends[i].1, idx.ends[i].0)
        } else {
            idx.ends[i]
        };
        let mut e =
            json!({"id": format!("e{i}"), "sources": [node_key(a)], "targets": [node_key(b)]});
        if pinned.sync.contains(&i) {
            e.as_object_mut().expect("edge is an object").insert(
                "layoutOptions".into(),
                json!({
                    "elk.layered.priority.direction": "10",
                    "elk.layered.priority.straightness": "10",
                }),
            );
        }
        if let Some((text, w, h)) = &m.edges[i] {
            // ELK skips labels with empty text, so the real text goes along with the size.
            let text = text.lines.join(" ");
            e.as_object_mut().expect("edge is an object").insert(
                "labels".into(),
                json!([{"id": format!("l{i}"), "text": text, "width": w, "height": h}]),
            );
        }
        edges.push(e);
    }
    json!({"children": children, "edges": edges})
}

fn num(v: &Value, k: &str) -> f64 {
    v.get(k)
        .and_then(Value::as_f64)
        .filter(|x| x.is_finite())
        .unwrap_or(0.0)
}

fn point(v: &Value, dx: f64, dy: f64) -> Point {
    Point::new(num(v, "x") + dx, num(v, "y") + dy)
}

/// Reads one laid-out container back, `(dx, dy)` being its absolute origin.
fn read_container(v: &Value, dx: f64, dy: f64, out: &mut Placement) {
    for child in v
        .get("children")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
    {
        let id = child.get("id").and_then(Value::as_str).unwrap_or("");
        let (x, y) = (num(child, "x") + dx, num(child, "y") + dy);
        let r = Rect::new(x, y, num(child, "width"), num(child, "height"));
        let Ok(i) = id.get(1..).unwrap_or("").parse::<usize>() else {
            continue;
        };
        if id.starts_with('n') && i < out.nodes.len() {
            out.nodes[i] = r;
        } else if id.starts_with('c') && i < out.clusters.len() {
            out.clusters[i] = r;
            read_container(child, x, y, out);
        }
    }
    for e in v
        .get("edges")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
    {
        let id = e.get("id").and_then(Value::as_str).unwrap_or("");
        let Ok(i) = id.trim_start_matches('e').parse::<usize>() else {
            continue;
        };
        if i >= out.edges.len() {
            continue;
        }
        if let Some(s) = e.get("sections").and_then(|s| s.get(0)) {
            let mut pts = vec![point(&s["startPoint"], dx, dy)];
            for b in s
                .get("bendPoints")
                .and_then(Value::as_array)
                .map(Vec::as_slice)
                .unwrap_or(&[])
            {
                pts.push(point(b, dx, dy));
            }
            pts.push(point(&s["endPoint"], dx, dy));
            out.edges[i] = pts;
        }
        if let Some(l) = e.get("labels").and_then(|l| l.get(0)) {
            let p = point(l, dx, dy);
            out.edge_labels[i] = Some(Rect::new(p.x, p.y, num(l, "width"), num(l, "height")));
        }
    }
}

/// The stack of the threads that lay out and draw: the stages recurse once per level of
/// group nesting, and this is enough for the deepest nesting `check` accepts. It is only
/// reserved: a thread uses as much as its graph is deep.
pub const DEEP_STACK: usize = 256 << 20;

/// `Elk::layout_json` without its text step: import the value, lay it out, export it.
fn layout_value(doc: &Value) -> Result<Value, String> {
    let elk = elkrs::create_elk();
    let mut graph = elkrs::core::json::JsonImporter::new(&elk.options).import_graph(doc)?;
    elkrs::core::engine::RecursiveGraphLayoutEngine::new(&elk.algorithms).layout(&mut graph)?;
    Ok(elkrs::core::json::JsonExporter::new(&elk.options).export(&graph))
}

impl LayoutEngine for ElkEngine {
    fn name(&self) -> &'static str {
        NAME
    }

    fn place(&self, input: &EngineInput<'_>) -> Result<Placement, LayoutError> {
        let g = input.graph;
        let out = Placement {
            nodes: vec![Rect::default(); g.nodes.len()],
            clusters: vec![Rect::default(); g.clusters.len()],
            edges: vec![Vec::new(); g.edges.len()],
            edge_labels: vec![None; g.edges.len()],
        };
        if g.nodes.is_empty() && g.clusters.is_empty() {
            return Ok(out);
        }
        let mut widen = vec![0.0; g.clusters.len()];
        let first = self.place_widened(input, None, &mut widen, out)?;
        if g.nodes.len() > REORDER_MAX_NODES {
            return Ok(first);
        }
        let Some(places) = declaration_order::places(g, input.index, &first.nodes) else {
            return Ok(first);
        };
        // The second layout is a refinement: if ELK fails on it, the first one stands.
        Ok(
            match self.place_widened(input, Some(&places), &mut widen, first.clone()) {
                Ok(second) if declaration_order::keeps(&first, &second) => second,
                _ => first,
            },
        )
    }
}

/// Above this many nodes a diagram is not laid out a second time for declaration order: the
/// detail diagrams of a 5,000-component design (108 nodes, thousands of crossings) took
/// 100 ms more each, 4.5 s of CPU in all, and there the order of equals is lost in the
/// crossings anyway.
const REORDER_MAX_NODES: usize = 100;

impl ElkEngine {
    /// One layout, again with wider clusters where ELK made one narrower than its title;
    /// `widen` is the padding each cluster has gained, kept for the next layout.
    fn place_widened(
        &self,
        input: &EngineInput<'_>,
        places: Option<&[f64]>,
        widen: &mut [f64],
        mut out: Placement,
    ) -> Result<Placement, LayoutError> {
        // ELK does not always honour a compound node's minimum size: a cluster may come out
        // narrower than its title. Such a cluster gets that much more padding on its right and
        // the graph is laid out again (twice at most).
        for _ in 0..3 {
            out = self.place_once(input, widen, places, out)?;
            let mut again = false;
            for (c, rect) in out.clusters.iter().enumerate() {
                let deficit = input.measured.clusters[c].min_width - rect.w;
                if deficit > 0.5 {
                    widen[c] += deficit.ceil();
                    again = true;
                }
            }
            if !again {
                break;
            }
        }
        Ok(out)
    }

    fn place_once(
        &self,
        input: &EngineInput<'_>,
        widen: &[f64],
        places: Option<&[f64]>,
        mut out: Placement,
    ) -> Result<Placement, LayoutError> {
        // The graph goes to elkrs as a JSON value, never as text: parsing text would stop at
        // serde_json's recursion limit (groups nested 63 deep), below what `check` accepts.
        let doc = self.json_widened(input, widen, places);
        // elkrs mirrors ELK's Java code, which throws on a few degenerate inputs; a panic
        // there must become an error, not abort the compiler.
        // ELK recurses once per level of nesting: a deep graph gets a deep stack, on a thread
        // of its own (the stack is only reserved, and used as deep as the graph goes).
        let result = std::thread::scope(|s| {
            std::thread::Builder::new()
                .name("elk-layout".into())
                .stack_size(DEEP_STACK)
                .spawn_scoped(s, || catch_unwind(AssertUnwindSafe(|| layout_value(&doc))))
                .map_err(|e| e.to_string())
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Ok(Err("elkrs panicked".into())))
                })
        });
        let result = match result {
            Ok(r) => r,
            Err(message) => {
                return Err(LayoutError::Engine {
                    engine: NAME,
                    message,
                });
            }
        };
        let laid = match result {
            Ok(Ok(v)) => v,
            Ok(Err(message)) => {
                return Err(LayoutError::Engine {
                    engine: NAME,
                    message,
                });
            }
            Err(_) => {
                return Err(LayoutError::Engine {
                    engine: NAME,
                    message: "elkrs panicked".into(),
                });
            }
        };
        read_container(&laid, 0.0, 0.0, &mut out);
        // Edges given to ELK the other way round for a pinned layer run their own way again.
        for i in Pinned::new(input.graph, input.index).reversed {
            if let Some(pts) = out.edges.get_mut(i) {
                pts.reverse();
            }
        }
        for (i, pts) in out.edges.iter_mut().enumerate() {
            if pts.len() < 2 {
                return Err(LayoutError::Engine {
                    engine: NAME,
                    message: format!("edge #{i} was not routed"),
                });
            }
        }
        Ok(out)
    }
}
