//! mlsd: a compiler for ML system designs.
//!
//! text --syntax::parse--> ast::Spec --model::resolve--> Model --view--> Graph --layout--> Layout
//! --scene--> Scene --render--> SVG/PNG; Model --codegen/docs--> generated files.
#![forbid(unsafe_code)]

pub mod analysis;
pub mod build;
pub mod codegen;
pub mod codes;
pub mod diagnostic;
pub mod docs;
pub mod export;
pub mod fmt;
pub mod layout;
pub mod lsp;
pub mod model;
pub mod new;
pub mod output;
pub mod render;
pub mod scene;
pub mod site;
pub mod span;
pub mod syntax;
pub mod view;

use diagnostic::Diagnostic;

/// A spec read from bytes: its text (lossy when not UTF-8), the model when it parsed, and
/// every diagnostic, sorted by position.
#[derive(Debug)]
pub struct Analysis {
    pub source: String,
    pub model: model::Model,
    pub diagnostics: Vec<Diagnostic>,
}

impl Analysis {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    pub fn warning_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| !d.is_error()).count()
    }
}

/// Parses, resolves and checks a spec (the front end, all of language.md §1–§3 and §5).
pub fn analyze(bytes: &[u8]) -> Analysis {
    let (source, bad_encoding) = syntax::decode(bytes);
    if let Some(diag) = bad_encoding {
        return Analysis {
            source,
            model: model::Model::default(),
            diagnostics: vec![diag],
        };
    }
    let parsed = syntax::parse(&source);
    let mut diagnostics = parsed.diagnostics;
    let (model, more) =
        if diagnostics.iter().any(Diagnostic::is_error) && parsed.spec.statements.is_empty() {
            (model::Model::default(), Vec::new())
        } else {
            model::analyze(&parsed.spec)
        };
    let syntax_errors = diagnostics.iter().any(Diagnostic::is_error);
    // After a syntax error, resolution still runs to report more errors, but not warnings.
    diagnostics.extend(more.into_iter().filter(|d| !syntax_errors || d.is_error()));
    diagnostic::sort(&mut diagnostics);
    Analysis {
        source,
        model,
        diagnostics,
    }
}
