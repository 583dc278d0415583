//! Model -> skeleton implementation files (Python by default, a Rust crate on request).

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

/// The implementation files for `model`; `spec_name` goes into each file's header.
pub fn generate(_model: &Model, _spec_name: &str, _options: &StubOptions) -> Vec<GeneratedFile> {
    Vec::new()
}
