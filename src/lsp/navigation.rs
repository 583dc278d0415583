//! Go to definition, find references and rename, on the name index.

use std::collections::HashMap;

use lsp_types::{Location, Position, PrepareRenameResponse, TextEdit, Uri, WorkspaceEdit};

use super::document::Document;
use super::vocabulary;

pub fn definition(doc: &Document, uri: &Uri, position: Position) -> Option<Location> {
    let (def, _) = doc.index.at(doc.offset(position))?;
    let span = doc.index.defs[def].name_span;
    Some(Location::new(uri.clone(), doc.range(span)))
}

pub fn references(
    doc: &Document,
    uri: &Uri,
    position: Position,
    include_declaration: bool,
) -> Vec<Location> {
    let Some((def, _)) = doc.index.at(doc.offset(position)) else {
        return Vec::new();
    };
    let mut spans = Vec::new();
    if include_declaration {
        spans.push(doc.index.defs[def].name_span);
    }
    spans.extend(doc.index.references(def));
    spans
        .into_iter()
        .map(|s| Location::new(uri.clone(), doc.range(s)))
        .collect()
}

pub fn prepare_rename(doc: &Document, position: Position) -> Option<PrepareRenameResponse> {
    let (def, span) = doc.index.at(doc.offset(position))?;
    Some(PrepareRenameResponse::RangeWithPlaceholder {
        range: doc.range(span),
        placeholder: doc.index.defs[def].name.clone(),
    })
}

/// The edits of a rename, or why it is refused.
// `WorkspaceEdit` keys its changes by `Uri`, which hashes by its text.
#[allow(clippy::mutable_key_type)]
pub fn rename(
    doc: &Document,
    uri: &Uri,
    position: Position,
    new_name: &str,
) -> Result<WorkspaceEdit, String> {
    let Some((def, _)) = doc.index.at(doc.offset(position)) else {
        return Err("there is no declared name here to rename".into());
    };
    let old = &doc.index.defs[def].name;
    if !is_identifier(new_name) {
        return Err(format!(
            "`{new_name}` is not a name: use letters, digits and `_`, starting with a letter or `_`"
        ));
    }
    if is_keyword(new_name) {
        return Err(format!("`{new_name}` is a keyword of the language"));
    }
    if new_name != old && doc.index.taken(def, new_name) {
        return Err(format!("`{new_name}` is already declared"));
    }
    let mut edits = vec![TextEdit::new(
        doc.range(doc.index.defs[def].name_span),
        new_name.to_string(),
    )];
    edits.extend(
        doc.index
            .references(def)
            .into_iter()
            .map(|s| TextEdit::new(doc.range(s), new_name.to_string())),
    );
    let mut changes = HashMap::new();
    changes.insert(uri.clone(), edits);
    Ok(WorkspaceEdit::new(changes))
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Declaration keywords and the words the language reserves for values.
fn is_keyword(name: &str) -> bool {
    let mut blocks = vec![""];
    blocks.extend(vocabulary::top_keywords());
    blocks.extend(["region", "zone", "cluster", "node_pool", "get"]);
    blocks
        .iter()
        .any(|b| vocabulary::block_keywords(b).contains(&name))
        || matches!(name, "true" | "false")
        || vocabulary::FIELD_TYPES.contains(&name)
}
