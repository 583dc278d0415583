//! Declarations and references of one spec, with spans: what go-to-definition, references,
//! rename and hover stand on. Built from the syntax tree with the resolver's scoping rules:
//! top-level names are global (components, groups, entities, models, pipelines, apis and the
//! named items of document sections), stages are local to their pipeline, fields to their
//! entity (`Entity.field`).

use std::collections::HashMap;

use super::vocabulary;
use crate::model::kinds::ComponentKind;
use crate::model::resolve::symbols::ITEM_SECTIONS;
use crate::span::Span;
use crate::syntax::ast::{Block, Decl, Path, Spec, Stmt, TypeArg, Value};

/// What a declaration declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefKind {
    /// A global name.
    Global,
    /// A stage of the pipeline `parent`.
    Stage,
    /// A field of the entity `parent`.
    Field,
}

/// One declaration.
#[derive(Debug, Clone)]
pub struct Def {
    pub name: String,
    pub kind: DefKind,
    /// The declaring keyword (`service`, `entity`, `stage`), or `field`.
    pub keyword: String,
    pub name_span: Span,
    /// The whole declaration.
    pub span: Span,
    /// The enclosing pipeline (stages) or entity (fields), as an index into `defs`.
    pub parent: Option<usize>,
}

/// Every declaration and every reference to one.
#[derive(Debug, Default, Clone)]
pub struct Index {
    pub defs: Vec<Def>,
    /// (span of the name as written, the declaration it names).
    pub refs: Vec<(Span, usize)>,
    globals: HashMap<String, usize>,
}

impl Index {
    pub fn build(spec: &Spec) -> Index {
        let mut index = Index::default();
        index.declare_all(&spec.statements, false);
        index.reference_all(&spec.statements, "", None);
        index.refs.sort_by_key(|(span, _)| span.start);
        index
    }

    /// The first declaration of a global name.
    pub fn global(&self, name: &str) -> Option<usize> {
        self.globals.get(name).copied()
    }

    /// Whether `name` is already declared where `def` lives (its scope).
    pub fn taken(&self, def: usize, name: &str) -> bool {
        let d = &self.defs[def];
        match d.kind {
            DefKind::Global => self.globals.contains_key(name),
            DefKind::Stage | DefKind::Field => self
                .defs
                .iter()
                .any(|o| o.parent == d.parent && o.kind == d.kind && o.name == name),
        }
    }

    /// The declaration named at `offset` (on a declaration's name or on a reference), with the
    /// span of the name there. A cursor just after a name still counts.
    pub fn at(&self, offset: usize) -> Option<(usize, Span)> {
        let hit = |s: &Span| s.start <= offset && offset <= s.end;
        if let Some((span, def)) = self.refs.iter().find(|(s, _)| hit(s)) {
            return Some((*def, *span));
        }
        self.defs
            .iter()
            .position(|d| hit(&d.name_span))
            .map(|i| (i, self.defs[i].name_span))
    }

    /// The spans of every reference to `def`.
    pub fn references(&self, def: usize) -> Vec<Span> {
        self.refs
            .iter()
            .filter(|(_, d)| *d == def)
            .map(|(s, _)| *s)
            .collect()
    }

    fn declare(&mut self, d: &Decl, kind: DefKind, parent: Option<usize>) -> Option<usize> {
        let name = d.name.as_ref()?;
        let i = self.defs.len();
        self.defs.push(Def {
            name: name.name.clone(),
            kind,
            keyword: d.keyword.name.clone(),
            name_span: name.span,
            span: d.span,
            parent,
        });
        if kind == DefKind::Global {
            self.globals.entry(name.name.clone()).or_insert(i);
        }
        Some(i)
    }

    fn declare_all(&mut self, stmts: &[Stmt], in_group: bool) {
        for stmt in stmts {
            let Stmt::Decl(d) = stmt else { continue };
            let kw = d.keyword.name.as_str();
            let body = d.body.iter().flat_map(|b| &b.statements);
            if ComponentKind::parse(kw).is_some() {
                self.declare(d, DefKind::Global, None);
            } else if kw == "group" {
                if self.declare(d, DefKind::Global, None).is_some() {
                    self.declare_all(d.body.as_ref().map_or(&[], |b| &b.statements), true);
                }
            } else if in_group {
                continue;
            } else if kw == "entity" {
                let me = self.declare(d, DefKind::Global, None);
                for s in body {
                    if let Stmt::Attr(a) = s {
                        self.defs.push(Def {
                            name: a.key.name.clone(),
                            kind: DefKind::Field,
                            keyword: "field".into(),
                            name_span: a.key.span,
                            span: a.span,
                            parent: me,
                        });
                    }
                }
            } else if kw == "pipeline" {
                let me = self.declare(d, DefKind::Global, None);
                for s in body {
                    if let Stmt::Decl(stage) = s
                        && stage.keyword.name == "stage"
                    {
                        self.declare(stage, DefKind::Stage, me);
                    }
                }
            } else if matches!(kw, "model" | "api") {
                self.declare(d, DefKind::Global, None);
            } else if let Some((_, items)) = ITEM_SECTIONS.iter().find(|(s, _)| *s == kw) {
                for s in body {
                    if let Stmt::Decl(item) = s
                        && items.contains(&item.keyword.name.as_str())
                    {
                        self.declare(item, DefKind::Global, None);
                    }
                }
            }
        }
    }

    /// Records references in `stmts`, the body of a `context` block (`""` at the top level)
    /// inside `pipeline` (for stage names).
    fn reference_all(&mut self, stmts: &[Stmt], context: &str, pipeline: Option<usize>) {
        for stmt in stmts {
            match stmt {
                Stmt::Decl(d) => {
                    let kw = d.keyword.name.as_str();
                    // `run NAME` places a component: its name is a reference.
                    if kw == "run"
                        && let Some(n) = &d.name
                        && let Some(def) = self.global(&n.name)
                    {
                        self.refs.push((n.span, def));
                    }
                    let inner_pipeline = if kw == "pipeline" {
                        d.name.as_ref().and_then(|n| {
                            self.defs
                                .iter()
                                .position(|x| x.name_span == n.span && x.kind == DefKind::Global)
                        })
                    } else {
                        pipeline
                    };
                    if let Some(Block { statements, .. }) = &d.body {
                        self.reference_all(statements, kw, inner_pipeline);
                    }
                }
                Stmt::Edge(e) => {
                    for path in &e.chain {
                        self.reference_path(path, pipeline);
                    }
                    if let Some(b) = &e.body {
                        self.reference_all(&b.statements, "flow", pipeline);
                    }
                }
                Stmt::Attr(a) => {
                    let types = matches!(context, "entity" | "params");
                    if types || vocabulary::takes_reference(context, &a.key.name) {
                        self.reference_value(&a.value);
                    }
                }
                Stmt::Item(_) => {}
            }
        }
    }

    fn reference_value(&mut self, v: &Value) {
        match v {
            Value::List(items, _) => items.iter().for_each(|i| self.reference_value(i)),
            Value::Type(t) => {
                self.reference_path(&t.path, None);
                for arg in t.args.iter().flatten() {
                    if let TypeArg::Type(inner) = arg {
                        self.reference_value(&Value::Type(inner.clone()));
                    }
                }
            }
            Value::Str(_) | Value::Quantity(_) => {}
        }
    }

    fn reference_path(&mut self, path: &Path, pipeline: Option<usize>) {
        let Some(first) = path.segments.first() else {
            return;
        };
        let stage = pipeline.and_then(|p| {
            self.defs.iter().position(|d| {
                d.kind == DefKind::Stage && d.parent == Some(p) && d.name == first.name
            })
        });
        let Some(def) = stage.or_else(|| self.global(&first.name)) else {
            return;
        };
        self.refs.push((first.span, def));
        if let Some(second) = path.segments.get(1) {
            let field = self.defs.iter().position(|d| {
                d.kind == DefKind::Field && d.parent == Some(def) && d.name == second.name
            });
            if let Some(f) = field {
                self.refs.push((second.span, f));
            }
        }
    }
}
