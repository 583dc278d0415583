//! The integration suite: one crate, a module per feature.

mod check_cli;
mod docs;
mod docs_capacity;
mod error_corpus;
mod robustness;
mod specs;
mod support;
