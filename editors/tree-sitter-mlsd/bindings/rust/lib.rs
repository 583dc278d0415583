//! The tree-sitter grammar of mlsd for Rust: the language and its queries.
//!
//! Load it with `parser.set_language(&tree_sitter_mlsd::LANGUAGE.into())` (the `tree-sitter`
//! crate, 0.25 or later); tests/suite/tree_sitter_grammar.rs does so for every spec.

use tree_sitter_language::LanguageFn;

unsafe extern "C" {
    fn tree_sitter_mlsd() -> *const ();
}

/// The tree-sitter language of mlsd (the parser generated from grammar.js).
// SAFETY: `tree_sitter_mlsd` is the generated parser's entry point: it takes nothing and
// returns a pointer to a static `TSLanguage`, which is what `LanguageFn` expects.
pub const LANGUAGE: LanguageFn = unsafe { LanguageFn::from_raw(tree_sitter_mlsd) };

/// The highlight query (keywords come from the checker's vocabulary).
pub const HIGHLIGHTS_QUERY: &str = include_str!("../../queries/highlights.scm");

/// The fold query.
pub const FOLDS_QUERY: &str = include_str!("../../queries/folds.scm");

/// The indent query (Neovim/Helix captures).
pub const INDENTS_QUERY: &str = include_str!("../../queries/indents.scm");

/// The node types of the grammar, as JSON (src/node-types.json).
pub const NODE_TYPES: &str = include_str!("../../src/node-types.json");

/// The indent query with Helix's captures (`@indent`, `@outdent`).
pub const HELIX_INDENTS_QUERY: &str = include_str!("../../queries/helix/indents.scm");
