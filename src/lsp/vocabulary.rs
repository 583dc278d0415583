//! The one adapter between the language server and the checker's vocabulary: keywords per
//! block, attribute names per block, enum words, units, and which attributes take names.
//!
//! Closed word lists come straight from `model::kinds`, attribute names from the checker's
//! tables (`model::vocab`). The block keywords are still listed here; the test suite
//! (`tests/suite/lsp_vocabulary.rs`) compares every list with the checker's own answer (the
//! `help:` of E030/E032 lists what a block takes), so the two cannot drift silently.

use crate::model::kinds::*;
use crate::model::vocab::RequirementKey;

/// Sections that appear at most once: the checker's own list.
pub use crate::model::vocab::SECTIONS;

/// Keywords valid at the start of a top-level statement, in the checker's order.
pub fn top_keywords() -> Vec<&'static str> {
    SECTIONS
        .iter()
        .copied()
        .chain(["group", "entity", "model", "pipeline", "api"])
        .chain(ComponentKind::WORDS.iter().copied())
        .collect()
}

/// Declaration keywords valid inside a block opened by `keyword`.
pub fn block_keywords(keyword: &str) -> Vec<&'static str> {
    match keyword {
        "" => top_keywords(),
        "group" => ComponentKind::WORDS
            .iter()
            .copied()
            .chain(["group"])
            .collect(),
        "entity" => vec!["volume"],
        "pipeline" => vec!["stage"],
        "api" => Method::WORDS.to_vec(),
        "get" | "post" | "put" | "patch" | "delete" | "rpc" => vec!["params"],
        "deployment" => vec!["region"],
        "region" => vec!["zone", "cluster", "node_pool"],
        "zone" => vec!["cluster", "node_pool"],
        "cluster" => vec!["node_pool"],
        "node_pool" => vec!["run"],
        "requirements" => vec!["functional", "non_functional", "constraints"],
        "scaling" => vec!["traffic", "bottleneck", "optimization"],
        "monitoring" => vec!["metric", "alert", "drift"],
        "operations" => vec!["experiment", "rollout", "disaster_recovery"],
        "alternatives" => vec!["tradeoff", "technology", "future"],
        "diagrams" => View::WORDS[..3].to_vec(),
        _ => Vec::new(),
    }
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

/// Suggested keys of a free-form block (its keys are not checked, but these are read).
pub fn free_keys(keyword: &str) -> Vec<&'static str> {
    match keyword {
        "non_functional" => RequirementKey::non_functional()
            .map(RequirementKey::as_str)
            .collect(),
        "security" => vec!["pii_retention"],
        "constraints" => vec!["budget"],
        _ => Vec::new(),
    }
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

/// The names an attribute `key` refers to, if it takes names.
pub fn takes(key: &str) -> Option<Takes> {
    Some(match key {
        "served_by" | "stored_in" | "component" | "target" | "source" => Takes::Components,
        "data" | "returns" | "inputs" | "output" | "labels" | "request" | "response" => {
            Takes::Entities
        }
        "model" | "trains" | "uses" => Takes::Models,
        "reads" | "writes" => Takes::ComponentsOrEntities,
        "feature" => Takes::Fields,
        _ => return None,
    })
}

/// Whether the value of `key` names declarations.
pub fn takes_reference(key: &str) -> bool {
    takes(key).is_some()
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

/// Units that may follow a number.
pub const UNITS: &[&str] = &[
    "ms", "s", "min", "h", "d", "w", "mo", "y", "KB", "MB", "GB", "TB", "PB", "KiB", "MiB", "GiB",
    "TiB", "%", "k", "M", "B", "/s", "/min", "/h", "/d", "/mo",
];

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
    let what = match takes(key) {
        Some(Takes::Components) => "a component name (or a list of them)",
        Some(Takes::Entities) => "an entity name (or a list of them)",
        Some(Takes::Models) => "a model name (or a list of them)",
        Some(Takes::ComponentsOrEntities) => "a list of components or entities",
        Some(Takes::Fields) => "`Entity.field`",
        None => return format!("`{key}` of a `{keyword}`"),
    };
    format!("`{key}`: {what}")
}
