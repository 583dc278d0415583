//! The language's vocabulary as data: for every block kind, the attributes it takes (name,
//! value type, whether it is required, a one-line doc); the checked requirement keys; the
//! keywords. The resolver opens every block with its [`Block`] table (unknown keys are
//! reported against it, and each getter checks that it reads a key of the table), and
//! editors read the same tables for completion and hover. A new attribute is one line in a
//! table plus the getter that stores its value.

mod blocks;
mod keywords;
mod requirements;
mod sections;
mod units;

pub use blocks::*;
pub use keywords::{all_keywords, inner_keywords, takes_field, takes_names, top_keywords};
pub use requirements::RequirementKey;
pub use sections::*;
pub use units::UNITS;

use crate::model::kinds;
use crate::model::quantity::Dimension;

/// What an attribute's value must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueType {
    /// A quoted string (`"..."` or `"""..."""`).
    Text,
    /// A quoted string or one bare word (`version: v2`).
    TextOrWord,
    /// A list of quoted strings or words.
    Texts,
    /// Exactly one of these words, bare.
    OneOf(&'static [&'static str]),
    /// A list of these words, bare (one word alone is a one-element list).
    SomeOf(&'static [&'static str]),
    /// A quantity of this dimension (`150ms`, `5k/s`, `$2/h`).
    Quantity(Dimension),
    /// A plain number.
    Number,
    /// A whole number ≥ 0.
    Count,
    /// A percentage, 0%–100%.
    Percent,
    /// A list of percentages, each 0–100, never decreasing.
    Percents,
    /// One name of this kind.
    Name(Target),
    /// One name or a list of names of this kind.
    Names(Target),
    /// `Entity.field`: an existing field of an existing entity.
    FieldPath,
    /// `true` or `false`.
    Bool,
    /// A list of review rule codes (`R001`).
    RuleCodes,
}

/// What a name must refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Component,
    ComponentOrEntity,
    Entity,
    Model,
}

impl ValueType {
    /// The value type as the language reference writes it: `time`, `name of entity`.
    pub fn describe(self) -> String {
        let target = |t: Target| match t {
            Target::Component => "component",
            Target::ComponentOrEntity => "component or entity",
            Target::Entity => "entity",
            Target::Model => "model",
        };
        match self {
            ValueType::Text => "string".into(),
            ValueType::TextOrWord => "string or word".into(),
            ValueType::Texts => "list of strings".into(),
            ValueType::OneOf(words) => format!("one of: {}", words.join(", ")),
            ValueType::SomeOf(words) => format!("list of: {}", words.join(", ")),
            ValueType::Quantity(d) => d.describe(),
            ValueType::Number => "number".into(),
            ValueType::Count => "whole number".into(),
            ValueType::Percent => "percentage".into(),
            ValueType::Percents => "list of percentages".into(),
            ValueType::Name(t) => format!("name of {}", target(t)),
            ValueType::Names(t) => format!("names of {}", target(t)),
            ValueType::FieldPath => "Entity.field".into(),
            ValueType::Bool => "boolean".into(),
            ValueType::RuleCodes => "list of rule codes".into(),
        }
    }
}

/// One attribute of a block kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attr {
    pub name: &'static str,
    pub value: ValueType,
    /// The block is incomplete without it (an error names it).
    pub required: bool,
    /// One line for hover and the language reference.
    pub doc: &'static str,
}

/// An optional attribute.
pub const fn attr(name: &'static str, value: ValueType, doc: &'static str) -> Attr {
    Attr {
        name,
        value,
        required: false,
        doc,
    }
}

/// A required attribute.
pub const fn required(name: &'static str, value: ValueType, doc: &'static str) -> Attr {
    Attr {
        name,
        value,
        required: true,
        doc,
    }
}

/// The attributes one kind of block takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    /// The keywords of the blocks this table is for (`service`, `worker`... share one).
    pub keywords: &'static [&'static str],
    pub attrs: &'static [Attr],
}

impl Block {
    pub fn get(&self, name: &str) -> Option<&'static Attr> {
        self.attrs.iter().find(|a| a.name == name)
    }

    pub fn names(&self) -> Vec<&'static str> {
        self.attrs.iter().map(|a| a.name).collect()
    }
}

/// A block that takes no attributes (`deployment`, `group`, `monitoring` itself...).
pub static NO_ATTRS: Block = Block {
    keywords: &[
        "deployment",
        "group",
        "requirements",
        "scaling",
        "monitoring",
        "alternatives",
    ],
    attrs: &[],
};

/// Every table, for editors: the block whose keyword is `keyword`, if it takes attributes.
pub fn block(keyword: &str) -> Option<&'static Block> {
    ALL_BLOCKS
        .iter()
        .copied()
        .find(|b| b.keywords.contains(&keyword))
}

/// The top-level keywords that open a section (each at most once).
pub const SECTIONS: &[&str] = &[
    "system",
    "requirements",
    "deployment",
    "scaling",
    "monitoring",
    "operations",
    "security",
    "design",
    "alternatives",
    "diagrams",
    "review",
    "output",
];

/// Every word a field type may start with besides an entity name: the scalars, then the
/// generics written with `<...>` (`list<T>`, `map<K, V>`, `vector<N>`, `enum<...>`).
pub const FIELD_TYPES: &[&str] = &[
    "string",
    "int",
    "float",
    "bool",
    "timestamp",
    "date",
    "bytes",
    "uuid",
    "json",
    "list",
    "map",
    "vector",
    "enum",
];

/// The scalar field types.
pub const FIELD_SCALARS: &[&str] = FIELD_TYPES.split_at(9).0;

/// The generic field types.
pub const FIELD_GENERICS: &[&str] = FIELD_TYPES.split_at(9).1;

/// Field annotations (`@key`, `@pii`, ...).
pub const ANNOTATIONS: &[&str] = &["key", "pii", "doc", "len", "size"];

/// The other top-level keywords: declarations that may repeat.
pub const DECLARATIONS: &[&str] = &["group", "entity", "model", "pipeline", "api"];

/// The component kinds (`service`, `model_server`...), the words that declare a component.
pub fn component_kinds() -> &'static [&'static str] {
    kinds::ComponentKind::WORDS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_have_unique_names_and_docs() {
        for b in ALL_BLOCKS {
            let mut names = b.names();
            names.sort();
            let len = names.len();
            names.dedup();
            assert_eq!(len, names.len(), "{:?} repeats a name", b.keywords);
            for a in b.attrs {
                assert!(!a.doc.is_empty() && !a.doc.ends_with('.'), "{}", a.name);
            }
        }
        let mut keywords: Vec<_> = ALL_BLOCKS.iter().flat_map(|b| b.keywords).collect();
        let len = keywords.len();
        keywords.sort();
        keywords.dedup();
        assert_eq!(len, keywords.len(), "a keyword has two tables");
    }

    #[test]
    fn lookup_by_keyword() {
        assert_eq!(
            block("worker")
                .and_then(|b| b.get("replicas"))
                .map(|a| a.value),
            Some(ValueType::Count)
        );
        assert!(block("cache").is_some_and(|b| b.get("model").is_some()));
        assert!(block("nothing").is_none());
        assert_eq!(
            ValueType::Quantity(Dimension::TIME).describe(),
            "a time (as in `150ms`)"
        );
    }
}
