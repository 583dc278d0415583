//! Scene -> `@font-face` rules embedding the glyphs the scene uses (to be written).

use crate::scene::Scene;

/// CSS embedding the fonts the scene needs; empty when nothing can be embedded.
pub fn font_face_css(_scene: &Scene) -> String {
    String::new()
}
