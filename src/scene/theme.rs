//! Colours of a diagram: background, text, node fills per shape family, cluster tints per
//! depth, one colour and dash pattern per edge style.

use super::scene_data::Stroke;
use crate::view::{EdgeStyle, Shape};

/// A palette. `Theme::light()` and `Theme::dark()` are the built-in ones.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: &'static str,
    pub background: &'static str,
    pub text: &'static str,
    pub muted: &'static str,
    /// Cluster fill by nesting depth (cycled), and their outline and title colours.
    pub cluster_fills: [&'static str; 3],
    pub cluster_stroke: &'static str,
    pub cluster_title: &'static str,
    /// (fill, stroke) for: neutral, data store, queue/stream, actor, gateway, pipeline/model,
    /// external, ops.
    pub families: [(&'static str, &'static str); 8],
    pub edge_sync: &'static str,
    pub edge_async: &'static str,
    pub edge_stream: &'static str,
    pub edge_batch: &'static str,
    pub edge_relation: &'static str,
    pub label_bg: &'static str,
}

impl Default for Theme {
    fn default() -> Self {
        Theme::light()
    }
}

impl Theme {
    pub fn light() -> Theme {
        Theme {
            name: "light",
            background: "#ffffff",
            text: "#1e293b",
            muted: "#64748b",
            cluster_fills: ["#f8fafc", "#f1f5f9", "#e9eef5"],
            cluster_stroke: "#cbd5e1",
            cluster_title: "#334155",
            families: [
                ("#eef2ff", "#6366f1"),
                ("#e0f2fe", "#0284c7"),
                ("#fff7ed", "#ea580c"),
                ("#f5f5f4", "#57534e"),
                ("#f3e8ff", "#9333ea"),
                ("#dcfce7", "#16a34a"),
                ("#ffffff", "#64748b"),
                ("#fef9c3", "#ca8a04"),
            ],
            edge_sync: "#334155",
            edge_async: "#2563eb",
            edge_stream: "#0d9488",
            edge_batch: "#c2410c",
            edge_relation: "#94a3b8",
            label_bg: "#ffffff",
        }
    }

    pub fn dark() -> Theme {
        Theme {
            name: "dark",
            background: "#0f172a",
            text: "#e2e8f0",
            muted: "#94a3b8",
            cluster_fills: ["#172033", "#1c2740", "#222e4a"],
            cluster_stroke: "#334155",
            cluster_title: "#cbd5e1",
            families: [
                ("#1e1b4b", "#818cf8"),
                ("#0c2a3f", "#38bdf8"),
                ("#3b1d0c", "#fb923c"),
                ("#292524", "#a8a29e"),
                ("#2e1065", "#c084fc"),
                ("#052e16", "#4ade80"),
                ("#0f172a", "#94a3b8"),
                ("#3a2e05", "#facc15"),
            ],
            edge_sync: "#cbd5e1",
            edge_async: "#60a5fa",
            edge_stream: "#2dd4bf",
            edge_batch: "#fb923c",
            edge_relation: "#64748b",
            label_bg: "#0f172a",
        }
    }

    /// Parses `--theme`.
    pub fn by_name(name: &str) -> Option<Theme> {
        match name {
            "light" => Some(Theme::light()),
            "dark" => Some(Theme::dark()),
            _ => None,
        }
    }

    /// (fill, stroke) of a node.
    pub fn node_colors(&self, shape: Shape) -> (&'static str, &'static str) {
        let family = match shape {
            Shape::Box | Shape::Device | Shape::Note => 0,
            Shape::Cylinder | Shape::Folder => 1,
            Shape::Pipe => 2,
            Shape::Person => 3,
            Shape::Hexagon => 4,
            Shape::Pill => 5,
            Shape::External => 6,
            Shape::Clock | Shape::Monitor => 7,
        };
        self.families[family]
    }

    /// The stroke an edge of this style is drawn with.
    pub fn edge_stroke(&self, style: EdgeStyle) -> Stroke {
        let s = |color: &str, width: f64, dash: &[f64], round: bool| Stroke {
            color: color.to_string(),
            width,
            dash: dash.to_vec(),
            round,
        };
        match style {
            EdgeStyle::Sync => s(self.edge_sync, 1.6, &[], false),
            EdgeStyle::Async => s(self.edge_async, 1.6, &[7.0, 5.0], false),
            EdgeStyle::Stream => s(self.edge_stream, 2.4, &[0.1, 5.0], true),
            EdgeStyle::Batch => s(self.edge_batch, 2.4, &[14.0, 4.0, 3.0, 4.0], false),
            EdgeStyle::Relation => s(self.edge_relation, 1.0, &[], false),
        }
    }
}
