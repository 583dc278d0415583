//! Graphs shared by the tests, the examples and the benches: a realistic architecture
//! diagram and a deterministic generator of clustered graphs of any size.
#![allow(dead_code)]

use mlsd::view::{Cluster, Direction, Edge, EdgeStyle, Graph, Node, Shape};

#[path = "flows.rs"]
mod flows;
#[allow(unused_imports)]
pub use flows::{diamonds, flat, pipeline};

fn node(
    id: &str,
    label: &str,
    kind: &str,
    shape: Shape,
    cluster: Option<usize>,
    captions: &[&str],
) -> Node {
    Node {
        id: id.into(),
        label: label.into(),
        captions: captions.iter().map(|c| c.to_string()).collect(),
        kind: kind.into(),
        shape,
        cluster,
        ..Default::default()
    }
}

fn edge(from: &str, to: &str, label: Option<&str>, style: EdgeStyle) -> Edge {
    Edge {
        from: from.into(),
        to: to.into(),
        label: label.map(str::to_string),
        style,
        ..Default::default()
    }
}

/// A feed-ranking system as the architecture view would draw it.
pub fn architecture() -> Graph {
    let cl = |id: &str, label: &str, parent: Option<usize>| Cluster {
        id: id.into(),
        label: label.into(),
        captions: Vec::new(),
        kind: "group".into(),
        parent,
    };
    let clusters = vec![
        cl("serving", "Online serving", None),
        cl("serving.ranking", "Ranking", Some(0)),
        cl("data", "Data platform", None),
        cl("data.storage", "Storage", Some(2)),
    ];
    let nodes = vec![
        node("user", "User", "user", Shape::Person, None, &["user"]),
        node(
            "client",
            "Mobile app",
            "client",
            Shape::Device,
            None,
            &["client"],
        ),
        node(
            "serving.gateway",
            "API gateway",
            "gateway",
            Shape::Hexagon,
            Some(0),
            &["gateway"],
        ),
        node(
            "serving.feed",
            "Feed service",
            "service",
            Shape::Box,
            Some(0),
            &["service · x30"],
        ),
        node(
            "serving.ranking.ranker",
            "Ranker",
            "service",
            Shape::Box,
            Some(1),
            &["service · x12"],
        ),
        node(
            "serving.ranking.model_server",
            "Model server",
            "model_server",
            Shape::Box,
            Some(1),
            &["model_server · GPU"],
        ),
        node(
            "serving.cache",
            "Feature cache",
            "cache",
            Shape::Cylinder,
            Some(0),
            &["cache · redis"],
        ),
        node(
            "data.events",
            "Event stream",
            "stream",
            Shape::Pipe,
            Some(2),
            &["stream · kafka"],
        ),
        node(
            "data.storage.warehouse",
            "Warehouse",
            "warehouse",
            Shape::Cylinder,
            Some(3),
            &["warehouse"],
        ),
        node(
            "data.storage.features",
            "Feature store",
            "feature_store",
            Shape::Cylinder,
            Some(3),
            &["feature_store"],
        ),
        node(
            "data.storage.vectors",
            "Vector DB",
            "vector_db",
            Shape::Cylinder,
            Some(3),
            &["vector_db"],
        ),
        node(
            "data.registry",
            "Model registry",
            "registry",
            Shape::Folder,
            Some(2),
            &["registry"],
        ),
        node(
            "training",
            "Training pipeline",
            "pipeline",
            Shape::Pill,
            None,
            &["pipeline · daily"],
        ),
        node(
            "scheduler",
            "Scheduler",
            "scheduler",
            Shape::Clock,
            None,
            &["scheduler"],
        ),
        node(
            "monitor",
            "Monitoring",
            "monitor",
            Shape::Monitor,
            None,
            &["monitor"],
        ),
        node(
            "payments",
            "Ads partner API",
            "external",
            Shape::External,
            None,
            &["external"],
        ),
    ];
    let edges = vec![
        edge("user", "client", Some("opens feed"), EdgeStyle::Sync),
        edge("client", "serving.gateway", Some("HTTPS"), EdgeStyle::Sync),
        edge(
            "serving.gateway",
            "serving.feed",
            Some("gRPC"),
            EdgeStyle::Sync,
        ),
        edge(
            "serving.feed",
            "serving.ranking.ranker",
            Some("rank candidates"),
            EdgeStyle::Sync,
        ),
        edge(
            "serving.ranking.ranker",
            "serving.ranking.model_server",
            Some("score"),
            EdgeStyle::Sync,
        ),
        edge(
            "serving.ranking.ranker",
            "serving.cache",
            Some("lookup features"),
            EdgeStyle::Sync,
        ),
        edge(
            "serving.ranking.ranker",
            "data.storage.vectors",
            Some("ANN query"),
            EdgeStyle::Sync,
        ),
        edge(
            "serving.feed",
            "data.events",
            Some("impressions"),
            EdgeStyle::Async,
        ),
        edge(
            "client",
            "data.events",
            Some("click events"),
            EdgeStyle::Stream,
        ),
        edge(
            "data.events",
            "data.storage.warehouse",
            Some("hourly load"),
            EdgeStyle::Batch,
        ),
        edge(
            "data.events",
            "data.storage.features",
            Some("streaming features"),
            EdgeStyle::Stream,
        ),
        edge(
            "data.storage.features",
            "serving.cache",
            Some("materialize"),
            EdgeStyle::Batch,
        ),
        edge(
            "data.storage.warehouse",
            "training",
            Some("training set"),
            EdgeStyle::Batch,
        ),
        edge(
            "training",
            "data.registry",
            Some("publish model"),
            EdgeStyle::Async,
        ),
        edge(
            "data.registry",
            "serving.ranking.model_server",
            Some("deploy"),
            EdgeStyle::Async,
        ),
        edge(
            "scheduler",
            "training",
            Some("triggers daily"),
            EdgeStyle::Relation,
        ),
        edge("monitor", "serving", Some("watches"), EdgeStyle::Relation),
        edge(
            "serving.feed",
            "payments",
            Some("fetch ads"),
            EdgeStyle::Sync,
        ),
    ];
    Graph {
        first: Vec::new(),
        last: Vec::new(),
        title: "Feed ranking: architecture".into(),
        direction: Direction::Right,
        nodes,
        clusters,
        edges,
    }
}

/// A small deterministic PRNG (SplitMix64), so generated graphs are the same everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "feature",
    "ranking",
    "user",
    "events",
    "model",
    "cache",
    "store",
    "stream",
    "batch",
    "index",
    "search",
    "profile",
    "ads",
    "embedding",
    "training",
    "serving",
    "gateway",
    "queue",
    "warehouse",
    "monitor",
    "candidate",
    "retrieval",
];
const SHAPES: &[(Shape, &str)] = &[
    (Shape::Box, "service"),
    (Shape::Box, "worker"),
    (Shape::Cylinder, "database"),
    (Shape::Pipe, "queue"),
    (Shape::Hexagon, "gateway"),
    (Shape::Folder, "storage"),
    (Shape::External, "external"),
    (Shape::Pill, "pipeline"),
    (Shape::Person, "user"),
    (Shape::Device, "client"),
    (Shape::Note, "entity"),
    (Shape::Clock, "scheduler"),
    (Shape::Monitor, "monitor"),
];
const STYLES: &[EdgeStyle] = &[
    EdgeStyle::Sync,
    EdgeStyle::Async,
    EdgeStyle::Stream,
    EdgeStyle::Batch,
    EdgeStyle::Relation,
];

/// A clustered, mostly forward graph of `n` nodes: about n/6 clusters nested up to three
/// deep holding runs of neighbouring nodes, ~1.3 edges per node between near neighbours (a
/// few pointing back, a few to clusters), labels on ~40%.
pub fn generated(n: usize, seed: u64) -> Graph {
    let mut r = Rng::new(seed ^ (n as u64).wrapping_mul(0x1000_0001));
    let mut clusters: Vec<Cluster> = Vec::new();
    let want = n / 6;
    for i in 0..want {
        // Nested groups hold neighbouring runs too: a group's parent is one of the two
        // groups just before it.
        let parent = if i > 0 && r.below(2) > 0 {
            let p = i - 1 - r.below(2.min(i));
            let depth = {
                let mut d = 0;
                let mut c = Some(p);
                while let Some(x) = c {
                    d += 1;
                    c = clusters[x].parent;
                }
                d
            };
            if depth < 3 { Some(p) } else { None }
        } else {
            None
        };
        let w = WORDS[r.below(WORDS.len())];
        clusters.push(Cluster {
            id: format!("g{i}"),
            label: format!(
                "{} {}",
                capital(w),
                if r.below(2) == 0 { "tier" } else { "domain" }
            ),
            captions: if r.below(3) == 0 {
                vec!["group".into()]
            } else {
                Vec::new()
            },
            kind: "group".into(),
            parent,
        });
    }
    let mut nodes = Vec::new();
    for i in 0..n {
        let (shape, kind) = SHAPES[r.below(SHAPES.len())];
        let words = 1 + r.below(3) + if r.below(10) == 0 { 5 } else { 0 };
        let label: Vec<&str> = (0..words).map(|_| WORDS[r.below(WORDS.len())]).collect();
        // Groups hold runs of neighbouring nodes, as in real specs where a group's components
        // talk to each other; a few nodes sit in a nearby group or in none.
        let cluster = if clusters.is_empty() || r.below(5) == 0 {
            None
        } else if r.below(8) == 0 {
            Some(
                ((i * clusters.len() / n) + r.below(3))
                    .saturating_sub(1)
                    .min(clusters.len() - 1),
            )
        } else {
            Some((i * clusters.len() / n).min(clusters.len() - 1))
        };
        nodes.push(Node {
            id: format!("n{i}"),
            label: capital(&label.join(" ")),
            captions: if r.below(2) == 0 {
                vec![kind.to_string()]
            } else {
                Vec::new()
            },
            kind: kind.into(),
            shape,
            cluster,
            ..Default::default()
        });
    }
    let mut edges = Vec::new();
    for i in 1..n {
        let k = 1 + usize::from(r.below(3) == 0);
        for _ in 0..k {
            let window = 12.min(i);
            let j = i - 1 - r.below(window);
            let (from, to) = if r.below(12) == 0 { (i, j) } else { (j, i) };
            let style = STYLES[r.below(STYLES.len())];
            let label = if r.below(5) < 2 {
                Some(format!("{} {}", WORDS[r.below(WORDS.len())], r.below(100)))
            } else {
                None
            };
            edges.push(Edge {
                from: format!("n{from}"),
                to: format!("n{to}"),
                label,
                style,
                ..Default::default()
            });
        }
    }
    for c in 0..clusters.len() / 4 {
        // from a node just before the group's run of nodes
        let start = c * n / clusters.len();
        let from = format!("n{}", start.saturating_sub(1 + r.below(6)));
        edges.push(Edge {
            from,
            to: format!("g{c}"),
            label: None,
            style: EdgeStyle::Relation,
            ..Default::default()
        });
    }
    Graph {
        first: Vec::new(),
        last: Vec::new(),
        title: format!("Generated graph, {n} nodes"),
        direction: Direction::Right,
        nodes,
        clusters,
        edges,
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}
