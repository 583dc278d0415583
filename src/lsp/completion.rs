//! Completion that knows the grammar context: keywords and attributes at a statement start,
//! names filtered by what the attribute takes, enum words, field types, annotations and units.

use lsp_types::{CompletionItem, CompletionItemKind, Documentation, Position};

use super::context::{self, Context};
use super::document::Document;
use super::index::{DefKind, Index};
use super::vocabulary::{self, Takes};
use crate::model::kinds::ComponentKind;

pub fn complete(doc: &Document, position: Position) -> Vec<CompletionItem> {
    let ctx = context::at(&doc.text, doc.offset(position));
    if ctx.in_text {
        return Vec::new();
    }
    items(&ctx, &doc.names)
}

/// The completion items for a cursor context, given the names known.
pub fn items(ctx: &Context, names: &Index) -> Vec<CompletionItem> {
    let block = ctx.block();
    let prefix = ctx.prefix.as_str();
    if let Some(at) = prefix.rfind('@')
        && prefix[at + 1..].chars().all(is_word)
    {
        return words(vocabulary::ANNOTATIONS, CompletionItemKind::KEYWORD, |a| {
            format!("field annotation `@{a}`")
        });
    }
    if prefix.contains("->") {
        return if block == "pipeline" {
            defs(names, |d| d.kind == DefKind::Stage)
        } else {
            defs(names, |d| {
                d.kind == DefKind::Global
                    && (ComponentKind::parse(&d.keyword).is_some() || d.keyword == "pipeline")
            })
        };
    }
    if let Some((key, value)) = prefix.split_once(':')
        && key.trim().chars().all(is_word)
    {
        return value_items(block, key.trim(), value, names);
    }
    if !prefix.chars().all(is_word) {
        return Vec::new();
    }
    let mut out = words(
        &vocabulary::block_keywords(block),
        CompletionItemKind::KEYWORD,
        |k| vocabulary::keyword_doc(k).unwrap_or_default(),
    );
    let mut keys: Vec<&str> = vocabulary::attributes(block).to_vec();
    keys.extend(vocabulary::free_keys(block));
    for key in keys {
        out.push(CompletionItem {
            label: key.to_string(),
            kind: Some(CompletionItemKind::PROPERTY),
            detail: Some(vocabulary::attribute_doc(block, key)),
            insert_text: Some(format!("{key}: ")),
            ..Default::default()
        });
    }
    if matches!(block, "" | "group") {
        // A flow starts with a component's name.
        out.extend(defs(names, |d| {
            d.kind == DefKind::Global && ComponentKind::parse(&d.keyword).is_some()
        }));
    }
    out
}

fn value_items(block: &str, key: &str, value: &str, names: &Index) -> Vec<CompletionItem> {
    let last = value
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '[' | ',' | '<' | '('))
        .next()
        .unwrap_or("");
    if last.starts_with(|c: char| c.is_ascii_digit() || c == '$') {
        return words(vocabulary::UNITS, CompletionItemKind::UNIT, |u| {
            format!("unit `{u}`")
        });
    }
    let enums = vocabulary::enum_words(block, key);
    if !enums.is_empty() {
        return words(enums, CompletionItemKind::ENUM_MEMBER, |w| {
            format!("`{key}: {w}`")
        });
    }
    if matches!(block, "entity" | "params") {
        let mut out = words(
            vocabulary::FIELD_TYPES,
            CompletionItemKind::TYPE_PARAMETER,
            |t| format!("field type `{t}`"),
        );
        out.extend(defs(names, |d| {
            d.kind == DefKind::Global && d.keyword == "entity"
        }));
        return out;
    }
    let is = |d: &super::index::Def, kw: &str| d.kind == DefKind::Global && d.keyword == kw;
    let component = |d: &super::index::Def| {
        d.kind == DefKind::Global && ComponentKind::parse(&d.keyword).is_some()
    };
    match vocabulary::takes(block, key) {
        Some(Takes::Components) => defs(names, component),
        Some(Takes::Entities) => defs(names, |d| is(d, "entity")),
        Some(Takes::Models) => defs(names, |d| is(d, "model")),
        Some(Takes::ComponentsOrEntities) => defs(names, |d| component(d) || is(d, "entity")),
        Some(Takes::Fields) => names
            .defs
            .iter()
            .filter(|d| d.kind == DefKind::Field)
            .filter_map(|f| {
                let entity = &names.defs[f.parent?];
                Some(CompletionItem {
                    label: format!("{}.{}", entity.name, f.name),
                    kind: Some(CompletionItemKind::FIELD),
                    detail: Some(format!("field of entity `{}`", entity.name)),
                    ..Default::default()
                })
            })
            .collect(),
        None => Vec::new(),
    }
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn words(
    list: &[&str],
    kind: CompletionItemKind,
    doc: impl Fn(&str) -> String,
) -> Vec<CompletionItem> {
    list.iter()
        .map(|w| CompletionItem {
            label: w.to_string(),
            kind: Some(kind),
            detail: Some(doc(w)).filter(|d| !d.is_empty()),
            ..Default::default()
        })
        .collect()
}

fn defs(names: &Index, keep: impl Fn(&super::index::Def) -> bool) -> Vec<CompletionItem> {
    let mut seen = std::collections::BTreeSet::new();
    names
        .defs
        .iter()
        .filter(|d| keep(d) && seen.insert(d.name.clone()))
        .map(|d| CompletionItem {
            label: d.name.clone(),
            kind: Some(match d.keyword.as_str() {
                "entity" => CompletionItemKind::STRUCT,
                "model" => CompletionItemKind::CLASS,
                "stage" | "pipeline" => CompletionItemKind::FUNCTION,
                _ => CompletionItemKind::MODULE,
            }),
            detail: Some(format!("{} `{}`", d.keyword, d.name)),
            documentation: None::<Documentation>,
            ..Default::default()
        })
        .collect()
}
