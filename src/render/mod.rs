//! Scene -> SVG string (hand-written, fixed precision, embedded font subset) -> PNG bytes
//! (usvg + resvg, embedded fonts only). `diagram` runs layout, scene and render in one call.

mod diagram;
mod font_subset;
mod png;
mod png_encode;
mod png_labels;
mod png_reuse;
mod png_text;
mod render_error;
mod svg_writer;

pub use diagram::{DiagramOptions, RenderedDiagram, diagram};
pub use png::{MAX_PIXELS, MAX_SIDE, PNG_PIXELS_ATTRIBUTE, pixels_per_png, png, scale_for};
pub use png_reuse::{PngReuse, SOFTWARE};
pub use render_error::RenderError;
pub use svg_writer::svg;
