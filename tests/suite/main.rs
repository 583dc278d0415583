//! The integration suite: one crate, a module per feature.

mod check_cli;
mod codegen;
mod error_corpus;
mod output;
mod robustness;
mod specs;
mod support;
