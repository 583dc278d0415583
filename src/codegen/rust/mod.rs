//! Model -> the Rust stub crate of `implementation/rust/`.

use crate::model::Model;
use crate::output::GeneratedFile;

pub fn generate(_model: &Model, _spec_name: &str) -> Vec<GeneratedFile> {
    Vec::new()
}
