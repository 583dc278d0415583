//! One open spec and what the server knows about it: its text, the checker's analysis and the
//! name index. One file is one model.

use super::index::Index;
use super::position::LineIndex;
use crate::syntax::{self, ast::Spec};

/// An open document, analysed.
pub struct Document {
    pub text: String,
    pub version: i32,
    pub lines: LineIndex,
    /// The front end's answer, the same as `mlsd check`.
    pub analysis: crate::Analysis,
    pub spec: Spec,
    pub index: Index,
    /// The review's findings (`mlsd review`), when the spec has no errors.
    pub findings: Vec<crate::analysis::Finding>,
    /// The names completion offers: this text's, or while the text does not parse, those of
    /// the last version that did.
    pub names: Index,
}

impl Document {
    pub fn new(text: String, version: i32) -> Document {
        let (analysis, spec) = analyze(&text);
        let index = Index::build(&spec);
        let findings = if analysis.has_errors() {
            Vec::new()
        } else {
            crate::analysis::run(&analysis.model).findings
        };
        Document {
            findings,
            names: index.clone(),
            lines: LineIndex::new(&text),
            text,
            version,
            analysis,
            spec,
            index,
        }
    }

    /// Like `new`, keeping the names of `previous` for completion when this text has none.
    pub fn after(text: String, version: i32, previous: Option<&Document>) -> Document {
        let mut doc = Document::new(text, version);
        if doc.index.defs.is_empty()
            && let Some(prev) = previous
        {
            doc.names = prev.names.clone();
        }
        doc
    }

    pub fn offset(&self, position: lsp_types::Position) -> usize {
        self.lines.offset(&self.text, position)
    }

    pub fn range(&self, span: crate::span::Span) -> lsp_types::Range {
        self.lines.range(&self.text, span)
    }
}

/// `crate::analyze` on text that is already UTF-8, keeping the syntax tree: the same steps,
/// with one parse instead of two (parsing dominates the time to re-analyse after an edit).
/// `tests/suite/lsp_vocabulary.rs` checks that both give the same diagnostics on every spec
/// and on the error corpus.
pub fn analyze(text: &str) -> (crate::Analysis, Spec) {
    use crate::diagnostic::{self, Diagnostic};
    let parsed = syntax::parse(text);
    let mut diagnostics = parsed.diagnostics;
    let (model, more) =
        if diagnostics.iter().any(Diagnostic::is_error) && parsed.spec.statements.is_empty() {
            (crate::model::Model::default(), Vec::new())
        } else {
            crate::model::analyze(&parsed.spec)
        };
    let syntax_errors = diagnostics.iter().any(Diagnostic::is_error);
    diagnostics.extend(more.into_iter().filter(|d| !syntax_errors || d.is_error()));
    diagnostic::sort(&mut diagnostics);
    let analysis = crate::Analysis {
        source: text.to_string(),
        model,
        diagnostics,
    };
    (analysis, parsed.spec)
}
