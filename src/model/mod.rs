//! `ast::Spec` -> `Model` (+ diagnostics): name resolution with typed ids, quantities with
//! dimensions, and every check of language.md §5.

pub mod capacity;
pub mod checks;
pub mod kinds;
pub mod quantity;
pub mod resolve;
pub mod suggest;
pub mod types;
pub mod vocab;

pub use kinds::*;
pub use quantity::{Dimension, Quantity};
pub use types::*;

use crate::diagnostic::Diagnostic;
use crate::syntax::ast::Spec;

/// Resolves a spec and runs the checks; diagnostics are sorted by position.
pub fn analyze(spec: &Spec) -> (Model, Vec<Diagnostic>) {
    let (model, mut diagnostics) = resolve::resolve(spec);
    if !diagnostics.iter().any(Diagnostic::is_error) {
        diagnostics.extend(checks::warnings(&model));
    }
    (model, diagnostics)
}
