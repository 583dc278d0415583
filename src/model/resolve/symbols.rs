//! The global namespace: every named top-level declaration, collected before anything is
//! resolved so that a name may be used before it is declared.

use indexmap::IndexMap;
use std::collections::HashMap;

use crate::model::kinds::ComponentKind;
use crate::span::Span;
use crate::syntax::ast::{Decl, Spec, Stmt};

/// What a global name refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SymKind {
    Component(ComponentKind),
    Group,
    Entity,
    Model,
    Pipeline,
    Api,
    /// A named item of a document section (metric, alert, ...), by its keyword.
    Item(&'static str),
}

impl SymKind {
    /// "a warehouse", "an entity", "a model"...
    pub fn describe(self) -> String {
        let word = match self {
            SymKind::Component(k) => return article(&k.caption()),
            SymKind::Group => "group",
            SymKind::Entity => "entity",
            SymKind::Model => "model",
            SymKind::Pipeline => "pipeline",
            SymKind::Api => "api",
            SymKind::Item(k) => k,
        };
        article(&word.replace('_', " "))
    }
}

pub fn article(word: &str) -> String {
    let an = word.starts_with(['a', 'e', 'i', 'o']);
    format!("{} {word}", if an { "an" } else { "a" })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Symbol {
    pub kind: SymKind,
    /// Index into the model's vector for that kind.
    pub id: usize,
    pub span: Span,
}

/// Names to symbols (first declaration wins), the id given to each declaration (by the span
/// of its name), and the duplicates found.
#[derive(Debug, Default)]
pub struct SymbolTable {
    pub names: IndexMap<String, Symbol>,
    pub ids: HashMap<Span, usize>,
    pub duplicates: Vec<(String, Span, Span)>,
    /// Names declared by a statement that failed (an unknown keyword, as in `model_sever x`):
    /// known, so their uses raise nothing more than the one error of the declaration.
    pub failed: std::collections::HashSet<String>,
    counters: HashMap<&'static str, usize>,
}

/// Document sections whose named items join the global namespace, with their item keywords.
pub const ITEM_SECTIONS: &[(&str, &[&str])] = &[
    ("scaling", &["bottleneck", "optimization"]),
    ("monitoring", &["metric", "alert", "drift"]),
    ("operations", &["experiment"]),
    ("alternatives", &["tradeoff", "technology"]),
];

impl SymbolTable {
    pub fn collect(spec: &Spec) -> SymbolTable {
        let mut t = SymbolTable::default();
        t.walk_top(&spec.statements);
        t
    }

    fn walk_top(&mut self, stmts: &[Stmt]) {
        for stmt in stmts {
            let Stmt::Decl(d) = stmt else { continue };
            let kw = d.keyword.name.as_str();
            if let Some(kind) = ComponentKind::parse(kw) {
                self.add(d, SymKind::Component(kind), "component");
            }
            match kw {
                "group" => self.walk_group(d),
                "entity" => self.add(d, SymKind::Entity, "entity"),
                "model" => self.add(d, SymKind::Model, "model"),
                "pipeline" => self.add(d, SymKind::Pipeline, "pipeline"),
                "api" => self.add(d, SymKind::Api, "api"),
                _ if ComponentKind::parse(kw).is_some() => {}
                _ => {
                    self.failed_name(d);
                    if let Some((_, items)) = ITEM_SECTIONS.iter().find(|(s, _)| *s == kw) {
                        for s in d.body.iter().flat_map(|b| &b.statements) {
                            if let Stmt::Decl(item) = s
                                && let Some(k) = items.iter().find(|k| **k == item.keyword.name)
                            {
                                self.add(item, SymKind::Item(k), k);
                            }
                        }
                    }
                }
            }
        }
    }

    fn walk_group(&mut self, d: &Decl) {
        // The resolver drops an unnamed group with its members (E045), so they get no ids:
        // ids must match the order in which the resolver places items.
        if d.name.is_none() {
            return;
        }
        self.add(d, SymKind::Group, "group");
        for s in d.body.iter().flat_map(|b| &b.statements) {
            let Stmt::Decl(inner) = s else { continue };
            if let Some(kind) = ComponentKind::parse(&inner.keyword.name) {
                self.add(inner, SymKind::Component(kind), "component");
            } else if inner.keyword.name == "group" {
                self.walk_group(inner);
            } else {
                self.failed_name(inner);
            }
        }
    }

    /// A named declaration the resolver will reject (its keyword is not one it knows here).
    fn failed_name(&mut self, d: &Decl) {
        if let Some(name) = &d.name {
            self.failed.insert(name.name.clone());
        }
    }

    fn add(&mut self, d: &Decl, kind: SymKind, counter: &'static str) {
        let Some(name) = &d.name else { return };
        let n = self.counters.entry(counter).or_default();
        let id = *n;
        *n += 1;
        self.ids.insert(name.span, id);
        match self.names.get(&name.name) {
            Some(first) => self
                .duplicates
                .push((name.name.clone(), name.span, first.span)),
            None => {
                self.names.insert(
                    name.name.clone(),
                    Symbol {
                        kind,
                        id,
                        span: name.span,
                    },
                );
            }
        }
    }

    /// The id given to the declaration whose name is at `span`.
    pub fn id_of(&self, span: Span) -> Option<usize> {
        self.ids.get(&span).copied()
    }
}
