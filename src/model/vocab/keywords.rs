//! Declaration keywords: which words open a statement inside which block, and which names an
//! attribute's value refers to. The checker reports against these lists (E030's `help:` lists
//! a block's keywords, compared in tests/suite/lsp_vocabulary.rs); the language server
//! completes them and the editor grammars highlight them (tests/suite/lsp_editors.rs).

use super::{ALL_BLOCKS, Block, DECLARATIONS, SECTIONS, Target, ValueType};
use crate::model::kinds::{ComponentKind, Level, Method, View};

/// Keywords valid at the start of a top-level statement, in the checker's order: the
/// sections, the repeatable declarations, the component kinds.
pub fn top_keywords() -> Vec<&'static str> {
    SECTIONS
        .iter()
        .chain(DECLARATIONS)
        .chain(ComponentKind::WORDS)
        .copied()
        .collect()
}

/// Declaration keywords valid inside a block opened by `keyword` (`""`: the top level).
pub fn inner_keywords(keyword: &str) -> Vec<&'static str> {
    if keyword == "deployment" || Level::parse(keyword).is_some() {
        // Containers nest region > zone > cluster > node_pool, each level optional, and any
        // of them places components with `run`.
        let outer = Level::parse(keyword);
        return Level::ALL
            .iter()
            .filter(|l| outer.is_none_or(|o| **l > o))
            .map(|l| l.as_str())
            .chain(["run"])
            .collect();
    }
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
        k if Method::parse(k).is_some() => vec!["params"],
        "requirements" => vec!["functional", "non_functional", "constraints"],
        "scaling" => vec!["traffic", "bottleneck", "optimization"],
        "monitoring" => vec!["metric", "alert", "drift"],
        "operations" => vec!["experiment", "rollout", "disaster_recovery"],
        "alternatives" => vec!["tradeoff", "technology", "future"],
        "diagrams" => View::WORDS.iter().copied().chain(["view"]).collect(),
        _ => Vec::new(),
    }
}

/// Every declaration keyword of the language, sorted: what editors highlight as a keyword.
pub fn all_keywords() -> Vec<&'static str> {
    let mut all: Vec<&'static str> = Vec::new();
    let mut todo = vec![""];
    while let Some(block) = todo.pop() {
        for k in inner_keywords(block) {
            if !all.contains(&k) {
                all.push(k);
                todo.push(k);
            }
        }
    }
    all.sort_unstable();
    all
}

/// The table of attributes of the block opened by `keyword` (`flow` or `->`: an arrow's).
fn table(keyword: &str) -> Option<&'static Block> {
    super::block(if keyword == "flow" { "->" } else { keyword })
}

/// What the value of attribute `key` names inside a `keyword` block, if it names declarations
/// (`None` for a field path, which [`takes_field`] answers). An unknown block answers for the
/// first block that takes `key` as a name.
pub fn takes_names(keyword: &str, key: &str) -> Option<Target> {
    let of = |b: &Block| match b.get(key)?.value {
        ValueType::Name(t) | ValueType::Names(t) => Some(t),
        _ => None,
    };
    match table(keyword) {
        Some(b) => of(b),
        None => ALL_BLOCKS.iter().find_map(|b| of(b)),
    }
}

/// Whether attribute `key` inside a `keyword` block takes `Entity.field`.
pub fn takes_field(keyword: &str, key: &str) -> bool {
    let is_path = |b: &Block| b.get(key).is_some_and(|a| a.value == ValueType::FieldPath);
    match table(keyword) {
        Some(b) => is_path(b),
        None => ALL_BLOCKS.iter().any(|b| is_path(b)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_reach_every_block() {
        let all = all_keywords();
        for k in [
            "system",
            "service",
            "params",
            "run",
            "node_pool",
            "future",
            "data_flow",
        ] {
            assert!(all.contains(&k), "{k}");
        }
        // Every table's keyword can be written somewhere (`->` is an arrow, not a keyword).
        for b in ALL_BLOCKS {
            for k in b
                .keywords
                .iter()
                .filter(|k| k.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
            {
                assert!(all.contains(k) || *k == "namespace", "{k}");
            }
        }
    }

    #[test]
    fn names_come_from_the_tables() {
        assert_eq!(takes_names("service", "model"), Some(Target::Model));
        assert_eq!(takes_names("flow", "data"), Some(Target::Entity));
        assert_eq!(
            takes_names("stage", "reads"),
            Some(Target::ComponentOrEntity)
        );
        assert_eq!(takes_names("service", "tech"), None);
        assert_eq!(takes_names("", "served_by"), Some(Target::Component));
        assert!(takes_field("drift", "feature"));
        assert!(!takes_field("drift", "method"));
    }
}
