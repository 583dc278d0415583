//! Graph + DiagramOptions -> SVG (and PNG): the whole back end in one call.

use super::png::png;
use super::render_error::RenderError;
use super::svg_writer::svg;
use crate::layout::{self, LayoutOptions};
use crate::scene::{self, Theme};
use crate::view::Graph;

/// How to draw a diagram.
#[derive(Debug, Clone, PartialEq)]
pub struct DiagramOptions {
    pub layout: LayoutOptions,
    pub theme: Theme,
    /// Also rasterise to PNG.
    pub png: bool,
    /// The most pixels the PNG may have, when fewer than [`super::MAX_PIXELS`] (written into
    /// the SVG, see [`super::pixels_per_png`]).
    pub png_pixels: Option<u32>,
}

impl Default for DiagramOptions {
    fn default() -> Self {
        DiagramOptions {
            layout: LayoutOptions::default(),
            theme: Theme::light(),
            png: true,
            png_pixels: None,
        }
    }
}

/// The outputs of one diagram.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderedDiagram {
    pub svg: String,
    pub png: Option<Vec<u8>>,
}

/// Lays out, draws and serialises `graph`.
pub fn diagram(graph: &Graph, opts: &DiagramOptions) -> Result<RenderedDiagram, RenderError> {
    let l = layout::run(graph, &opts.layout)?;
    let mut sc = scene::build(graph, &l, &opts.theme);
    // Written only where it changes the PNG: a diagram that fits the budget keeps its SVG.
    let pixels_at_full_scale = sc.width * sc.height * super::png::SCALE * super::png::SCALE;
    sc.png_pixels = opts
        .png_pixels
        .filter(|&px| pixels_at_full_scale > f64::from(px));
    let s = svg(&sc);
    let p = if opts.png { Some(png(&s)?) } else { None };
    Ok(RenderedDiagram { svg: s, png: p })
}
