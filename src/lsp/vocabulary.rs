//! The one adapter between the language server and the checker's vocabulary: keywords per
//! block, attribute names per block, enum words, units, and which attributes take names.
//!
//! Closed word lists come straight from `model::kinds`; attribute names, what an attribute's
//! value names, and the declaration keywords of every block from the checker's vocabulary
//! (`model::vocab`). The test suite (`tests/suite/lsp_vocabulary.rs`) also compares every
//! list with the checker's own answer (the `help:` of E030/E032 lists what a block takes).

use crate::model::kinds::*;
use crate::model::vocab::RequirementKey;

/// Sections that appear at most once: the checker's own list.
pub use crate::model::vocab::SECTIONS;

/// Keywords valid at the start of a top-level statement, and inside a block opened by a
/// keyword (`""`: the top level): the checker's own lists.
pub use crate::model::vocab::{all_keywords, top_keywords};

/// Declaration keywords valid inside a block opened by `keyword`.
pub fn block_keywords(keyword: &str) -> Vec<&'static str> {
    crate::model::vocab::inner_keywords(keyword)
}

/// Attribute names valid inside a block opened by `keyword` (`flow` for an arrow's block), from
/// the checker's own tables (`model::vocab`).
pub fn attributes(keyword: &str) -> Vec<&'static str> {
    let table = match keyword {
        "flow" => "->",
        k => k,
    };
    crate::model::vocab::block(table)
        .map(|b| b.names())
        .unwrap_or_default()
}

/// Suggested keys of a free-form block (its keys are not checked, but these are read): the
/// checker's requirement keys written in that block.
pub fn free_keys(keyword: &str) -> Vec<&'static str> {
    RequirementKey::ALL
        .iter()
        .filter(|k| k.section() == keyword)
        .map(|k| k.as_str())
        .collect()
}

/// What names an attribute takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Takes {
    Components,
    Entities,
    Models,
    ComponentsOrEntities,
    /// `Entity.field`.
    Fields,
}

/// The names attribute `key` refers to inside a `keyword` block (`flow` for an arrow's), if it
/// takes names: read from the value type in the checker's table.
pub fn takes(keyword: &str, key: &str) -> Option<Takes> {
    use crate::model::vocab::{Target, takes_field, takes_names};
    if takes_field(keyword, key) {
        return Some(Takes::Fields);
    }
    Some(match takes_names(keyword, key)? {
        Target::Component => Takes::Components,
        Target::Entity => Takes::Entities,
        Target::Model => Takes::Models,
        Target::ComponentOrEntity => Takes::ComponentsOrEntities,
    })
}

/// Whether the value of `key` inside a `keyword` block names declarations.
pub fn takes_reference(keyword: &str, key: &str) -> bool {
    takes(keyword, key).is_some()
}

/// The closed set of words `key` takes inside a `keyword` block, if it is one.
pub fn enum_words(keyword: &str, key: &str) -> &'static [&'static str] {
    match (keyword, key) {
        ("flow", "mode") => FlowMode::WORDS,
        ("pipeline", "mode") => PipelineMode::WORDS,
        ("pipeline", "kind") => PipelineKind::WORDS,
        ("model", "task") => ModelTask::WORDS,
        ("model", "framework") => Framework::WORDS,
        ("api", "protocol") => ApiProtocol::WORDS,
        ("metric", "type") => MetricType::WORDS,
        ("alert", "severity") => Severity::WORDS,
        ("drift", "method") => DriftMethod::WORDS,
        ("rollout", "strategy") => RolloutStrategy::WORDS,
        ("diagrams", "theme") => Theme::WORDS,
        ("output", "stubs") => StubWord::WORDS,
        ("output", "formats") => DiagramFormat::WORDS,
        (_, "direction") => Direction::WORDS,
        _ => &[],
    }
}

/// Units that may follow a number: the checker's list.
pub use crate::model::vocab::UNITS;

/// Field types besides entity names, and field annotations: the checker's own lists.
pub use crate::model::vocab::{ANNOTATIONS, FIELD_TYPES};

/// A line of reference for a keyword (hover and completion details).
pub fn keyword_doc(keyword: &str) -> Option<String> {
    if let Some(kind) = ComponentKind::parse(keyword) {
        let store = if kind.is_data_store() {
            " (a data store)"
        } else {
            ""
        };
        return Some(format!(
            "component kind `{keyword}`{store}: `{keyword} name \"Label\" {{ {} }}`",
            attributes(keyword).join(", ")
        ));
    }
    let inner = block_keywords(keyword);
    let attrs = attributes(keyword);
    if inner.is_empty() && attrs.is_empty() && !SECTIONS.contains(&keyword) {
        return None;
    }
    let mut doc = format!("`{keyword}` block");
    if !attrs.is_empty() {
        doc.push_str(&format!("; attributes: {}", attrs.join(", ")));
    }
    if !inner.is_empty() {
        doc.push_str(&format!("; declarations: {}", inner.join(", ")));
    }
    Some(doc)
}

/// A line of reference for attribute `key` in a `keyword` block: what its value is.
pub fn attribute_doc(keyword: &str, key: &str) -> String {
    let words = enum_words(keyword, key);
    if !words.is_empty() {
        return format!("`{key}`: one of {}", words.join(", "));
    }
    let what = match takes(keyword, key) {
        Some(Takes::Components) => "a component name (or a list of them)",
        Some(Takes::Entities) => "an entity name (or a list of them)",
        Some(Takes::Models) => "a model name (or a list of them)",
        Some(Takes::ComponentsOrEntities) => "a list of components or entities",
        Some(Takes::Fields) => "`Entity.field`",
        None => return format!("`{key}` of a `{keyword}`"),
    };
    format!("`{key}`: {what}")
}
