//! Model -> every file of the design folder, in memory: diagrams, stubs and documents.

use crate::codegen::{self, StubOptions};
use crate::docs;
use crate::model::Model;
use crate::output::GeneratedFile;

/// What `mlsd build` produces.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub stubs: StubOptions,
}

/// Every generated file, sorted by path.
pub fn render_all(model: &Model, spec_name: &str, options: &BuildOptions) -> Vec<GeneratedFile> {
    let mut files = Vec::new();
    files.extend(codegen::generate(model, spec_name, &options.stubs));
    files.extend(docs::build(model, spec_name));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}
