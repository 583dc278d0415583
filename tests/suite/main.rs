//! The integration suite: one crate, a module per feature.

mod check_cli;
mod error_corpus;
mod export;
mod fmt;
mod new_cmd;
mod robustness;
mod specs;
mod support;
