//! Code actions: apply the replacement a diagnostic's `help: did you mean `x`?` suggests.

use std::collections::HashMap;

use lsp_types::{CodeAction, CodeActionKind, CodeActionParams, TextEdit, WorkspaceEdit};

use super::diagnostics::suggestion;
use super::document::Document;

// `WorkspaceEdit` keys its changes by `Uri`, which hashes by its text.
#[allow(clippy::mutable_key_type)]
pub fn code_actions(doc: &Document, params: &CodeActionParams) -> Vec<CodeAction> {
    let wanted = doc.offset(params.range.start)..=doc.offset(params.range.end);
    let mut actions = Vec::new();
    for d in &doc.analysis.diagnostics {
        let touches = d.span.start <= *wanted.end() && *wanted.start() <= d.span.end;
        let Some(word) = d.help.as_deref().and_then(suggestion) else {
            continue;
        };
        if !touches {
            continue;
        }
        let range = doc.range(d.span);
        let edit = TextEdit::new(range, word.to_string());
        let mut changes = HashMap::new();
        changes.insert(params.text_document.uri.clone(), vec![edit]);
        let lsp_diag = params
            .context
            .diagnostics
            .iter()
            .find(|x| x.range == range)
            .cloned();
        actions.push(CodeAction {
            title: format!("replace with `{word}`"),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: lsp_diag.map(|x| vec![x]),
            edit: Some(WorkspaceEdit::new(changes)),
            is_preferred: Some(true),
            ..Default::default()
        });
    }
    actions
}
