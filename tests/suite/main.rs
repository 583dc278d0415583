//! The integration suite: one crate, a module per feature.

#[path = "../../benches/common/graphs.rs"]
mod graphs;
#[path = "../../benches/common/specs.rs"]
mod spec_gen;

mod check_cli;
mod codegen;
mod codegen_venv;
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
mod merge3;
mod new_cmd;
mod output;
mod output_options;
mod output_safety;
mod png_reuse;
mod redteam;
mod review;
mod robustness;
mod site;
mod site_browser;
mod specs;
mod support;
mod tree_sitter_grammar;
mod views;
mod views_detail;
mod views_focus;
mod views_layout;
mod views_requests;
mod views_scale;
mod views_tooltips;
mod watch;
mod watch_browser;
