//! The integration suite: one crate, a module per feature.

#[path = "../../benches/common/graphs.rs"]
mod graphs;
#[path = "../../benches/common/specs.rs"]
mod spec_gen;

mod check_cli;
mod codegen;
mod codes;
mod diagrams;
mod docs;
mod docs_capacity;
mod error_corpus;
mod export;
mod fmt;
mod hardening;
mod lsp;
mod lsp_client;
mod lsp_editors;
mod lsp_neovim;
mod lsp_robustness;
mod lsp_vocabulary;
mod new_cmd;
mod output;
mod output_safety;
mod png_reuse;
mod redteam;
mod review;
mod robustness;
mod specs;
mod support;
mod views;
mod views_detail;
mod views_focus;
mod views_layout;
mod views_scale;
mod watch;
mod watch_browser;
