//! `mlsd lsp`: a language server over stdio (lsp-server + lsp-types, synchronous like the rest
//! of mlsd). One open file is one model. A module per feature; `vocabulary` is the one place
//! the server reads the checker's vocabulary from.

pub mod code_actions;
pub mod completion;
pub mod context;
pub mod diagnostics;
pub mod document;
pub mod folding;
pub mod formatting;
pub mod hover;
pub mod index;
pub mod navigation;
pub mod position;
mod server;
pub mod symbols;
pub mod vocabulary;

pub use document::Document;
pub use server::{DEBOUNCE, run};
