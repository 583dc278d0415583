//! The output of the layout stage: every box, title, route and label in absolute
//! coordinates, origin at the top-left of the drawing.

use super::geometry::{Point, Rect};
use super::layout_options::Engine;
use super::text_block::TextBlock;

/// A placed node: its outline box and the area its text is centred in.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NodeBox {
    pub rect: Rect,
    /// Where label and captions go (the box minus the shape's decorations and padding).
    pub content: Rect,
    pub label: TextBlock,
    pub captions: TextBlock,
}

/// A placed cluster: its box and the header band its title sits in.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ClusterBox {
    pub rect: Rect,
    /// Title and captions are drawn left-aligned from this rectangle's top-left.
    pub header: Rect,
    pub title: TextBlock,
    pub captions: TextBlock,
}

/// A placed edge label: its box (text plus padding) and the text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LabelBox {
    pub rect: Rect,
    pub text: TextBlock,
}

/// A routed edge: a polyline from the source's border to the target's border.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EdgeRoute {
    pub points: Vec<Point>,
    pub label: Option<LabelBox>,
}

/// Everything placed, indexed like the graph's nodes, clusters and edges.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layout {
    pub engine: Engine,
    pub width: f64,
    pub height: f64,
    pub nodes: Vec<NodeBox>,
    pub clusters: Vec<ClusterBox>,
    pub edges: Vec<EdgeRoute>,
}

impl Layout {
    /// Moves everything so that the bounding box of all geometry starts at (0, 0).
    pub(crate) fn normalize(&mut self) {
        let mut bb: Option<Rect> = None;
        let mut add = |r: Rect| bb = Some(bb.map_or(r, |b| b.union(&r)));
        self.nodes.iter().for_each(|n| add(n.rect));
        self.clusters.iter().for_each(|c| add(c.rect));
        for e in &self.edges {
            e.points
                .iter()
                .for_each(|p| add(Rect::new(p.x, p.y, 0.0, 0.0)));
            if let Some(l) = &e.label {
                add(l.rect);
            }
        }
        let Some(bb) = bb else {
            self.width = 0.0;
            self.height = 0.0;
            return;
        };
        self.translate(-bb.x, -bb.y);
        self.width = bb.w;
        self.height = bb.h;
    }

    /// Moves every coordinate by `(dx, dy)`.
    pub fn translate(&mut self, dx: f64, dy: f64) {
        for n in &mut self.nodes {
            n.rect = n.rect.translate(dx, dy);
            n.content = n.content.translate(dx, dy);
        }
        for c in &mut self.clusters {
            c.rect = c.rect.translate(dx, dy);
            c.header = c.header.translate(dx, dy);
        }
        for e in &mut self.edges {
            for p in &mut e.points {
                p.x += dx;
                p.y += dy;
            }
            if let Some(l) = &mut e.label {
                l.rect = l.rect.translate(dx, dy);
            }
        }
    }
}
