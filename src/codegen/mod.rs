//! Model -> skeleton implementation files: Python stubs (by default) and a Rust crate (on
//! request). Pure: nothing here touches the file system.

mod entity_graph;
pub mod names;
mod python;
mod rust;
mod type_names;

use crate::model::Model;
use crate::output::GeneratedFile;

/// Which stub languages to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StubOptions {
    pub python: bool,
    pub rust: bool,
}

impl Default for StubOptions {
    fn default() -> Self {
        StubOptions {
            python: true,
            rust: false,
        }
    }
}

/// The implementation files for `model`, sorted by path; `spec_name` goes into each file's
/// header. The same model gives the same bytes.
pub fn generate(model: &Model, spec_name: &str, options: &StubOptions) -> Vec<GeneratedFile> {
    let mut files = Vec::new();
    if options.python {
        files.extend(python::generate(model, spec_name));
    }
    if options.rust {
        files.extend(rust::generate(model, spec_name));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}
