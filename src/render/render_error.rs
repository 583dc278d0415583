//! Why a picture could not be rendered.

use std::fmt;

use crate::layout::LayoutError;

#[derive(Debug, Clone, PartialEq)]
pub enum RenderError {
    /// The layout stage refused or failed.
    Layout(LayoutError),
    /// usvg could not read the SVG.
    Svg(String),
    /// The picture has no area or is too large to rasterise.
    Size { width: f64, height: f64 },
    /// PNG encoding failed.
    Png(String),
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::Layout(e) => write!(f, "{e}"),
            RenderError::Svg(m) => write!(f, "cannot read the generated svg: {m}"),
            RenderError::Size { width, height } => {
                write!(f, "cannot rasterise a {width} x {height} picture")
            }
            RenderError::Png(m) => write!(f, "cannot encode the png: {m}"),
        }
    }
}

impl std::error::Error for RenderError {}

impl From<LayoutError> for RenderError {
    fn from(e: LayoutError) -> Self {
        RenderError::Layout(e)
    }
}
