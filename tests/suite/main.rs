//! The integration suite: one crate, a module per feature.

#[path = "../../benches/common/graphs.rs"]
mod graphs;

mod check_cli;
mod codegen;
mod diagrams;
mod docs;
mod docs_capacity;
mod error_corpus;
mod export;
mod fmt;
mod lsp;
mod lsp_client;
mod lsp_editors;
mod lsp_neovim;
mod lsp_robustness;
mod lsp_tree_sitter;
mod lsp_vocabulary;
mod new_cmd;
mod output;
mod review;
mod robustness;
mod specs;
mod support;
mod views;
mod watch;
mod watch_browser;
