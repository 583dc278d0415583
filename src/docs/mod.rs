//! Model -> the Markdown documents of the design folder (and the Prometheus rule file).

use crate::model::Model;
use crate::output::GeneratedFile;

/// The documents for `model`; `spec_name` goes into each file's header.
pub fn build(_model: &Model, _spec_name: &str) -> Vec<GeneratedFile> {
    Vec::new()
}
