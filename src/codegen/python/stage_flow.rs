//! A pipeline -> what its stages pass each other: each stage returns what it `writes`, and
//! takes as parameters what it `reads` that an earlier stage (in run order) wrote; what no
//! stage wrote it reads itself. An entity is a `list[Entity]` (a batch of records); a store is
//! a `list[Entity]` of the one entity whose volume is stored in it, else `Any`. Stages of a
//! pipeline with arrows that share a level of the graph (none waits for another) are
//! parallel branches.

use std::collections::BTreeMap;

use super::Ctx;
use super::imports::{Group, Imports};
use crate::codegen::names::{Scope, python_ident, snake_case};
use crate::model::{DataRef, Pipeline};

/// A value passed between stages: its variable in `run()` and its annotation.
#[derive(Clone)]
pub struct Value {
    pub var: String,
    pub ty: String,
}

/// One stage's signature and its outputs' use.
pub struct StageIo {
    pub params: Vec<Value>,
    pub outputs: Vec<Value>,
    /// Per output, whether a later stage reads it (else `run()` does not keep it).
    pub used: Vec<bool>,
}

impl StageIo {
    /// The return annotation: `None`, the one output, or a tuple.
    pub fn returns(&self) -> String {
        match self.outputs.as_slice() {
            [] => "None".into(),
            [one] => one.ty.clone(),
            many => {
                let tys: Vec<&str> = many.iter().map(|v| v.ty.as_str()).collect();
                format!("tuple[{}]", tys.join(", "))
            }
        }
    }
}

pub struct StageFlow {
    /// By stage index.
    pub stages: Vec<StageIo>,
    /// Groups of stage indices (two or more) on one level of the stage graph.
    pub parallel: Vec<Vec<usize>>,
    /// The order `run()` calls the stages in: the pipeline's order, level by level when it
    /// has arrows, so each parallel group is called in a row.
    pub run_order: Vec<usize>,
}

fn key(r: &DataRef) -> (u8, usize) {
    match r {
        DataRef::Component(c) => (0, c.0),
        DataRef::Entity(e) => (1, e.0),
    }
}

/// `taken`: the module's names, which `run()`'s variables must not shadow.
pub fn flow(ctx: &Ctx, p: &Pipeline, taken: &[String], imports: &mut Imports) -> StageFlow {
    let m = ctx.model;
    let mut scope = Scope::with_reserved(&taken.iter().map(String::as_str).collect::<Vec<_>>());
    let mut values: BTreeMap<(u8, usize), Value> = BTreeMap::new();
    let mut value = |r: &DataRef, imports: &mut Imports| -> Value {
        values
            .entry(key(r))
            .or_insert_with(|| {
                let (name, ty) = match r {
                    DataRef::Entity(e) => (
                        m.entity(*e).named.name.clone(),
                        format!("list[{}]", ctx.entity_ref(*e, imports)),
                    ),
                    DataRef::Component(c) => {
                        let held: Vec<_> = m
                            .entities
                            .iter()
                            .enumerate()
                            .filter(|(_, e)| {
                                e.volume.as_ref().is_some_and(|v| v.stored_in.contains(c))
                            })
                            .map(|(i, _)| crate::model::EntityId(i))
                            .collect();
                        let ty = match held.as_slice() {
                            [one] => format!("list[{}]", ctx.entity_ref(*one, imports)),
                            _ => {
                                imports.from(Group::Std, "typing", "Any");
                                "Any".to_string()
                            }
                        };
                        (m.component(*c).named.name.clone(), ty)
                    }
                };
                Value {
                    var: scope.claim(&python_ident(&snake_case(&name))),
                    ty,
                }
            })
            .clone()
    };
    let mut stages: Vec<StageIo> = p
        .stages
        .iter()
        .map(|_| StageIo {
            params: Vec::new(),
            outputs: Vec::new(),
            used: Vec::new(),
        })
        .collect();
    // Who last wrote each value, in run order; a stage's data predecessors.
    let mut writer: BTreeMap<(u8, usize), usize> = BTreeMap::new();
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); p.stages.len()];
    for a in &p.arrows {
        if a.to < preds.len() {
            preds[a.to].push(a.from);
        }
    }
    for &i in &p.order {
        let Some(s) = p.stages.get(i) else { continue };
        let mut seen = Vec::new();
        for r in &s.reads {
            if seen.contains(&key(r)) {
                continue;
            }
            seen.push(key(r));
            if let Some(&w) = writer.get(&key(r)) {
                let v = value(r, imports);
                stages[i].params.push(v.clone());
                if let Some(pos) = stages[w].outputs.iter().position(|o| o.var == v.var) {
                    stages[w].used[pos] = true;
                }
                preds[i].push(w);
            }
        }
        let mut seen = Vec::new();
        for r in &s.writes {
            if seen.contains(&key(r)) {
                continue;
            }
            seen.push(key(r));
            let v = value(r, imports);
            stages[i].outputs.push(v);
            stages[i].used.push(false);
            writer.insert(key(r), i);
        }
    }
    let mut parallel = Vec::new();
    let mut run_order = p.order.clone();
    if !p.arrows.is_empty() {
        let mut level = vec![0usize; p.stages.len()];
        for &i in &p.order {
            if i < level.len() {
                level[i] = preds[i]
                    .iter()
                    .filter_map(|&j| level.get(j).map(|l| l + 1))
                    .max()
                    .unwrap_or(0);
            }
        }
        let mut by_level: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &i in &p.order {
            if i < level.len() {
                by_level.entry(level[i]).or_default().push(i);
            }
        }
        run_order = by_level.values().flatten().copied().collect();
        parallel = by_level.into_values().filter(|g| g.len() > 1).collect();
    }
    StageFlow {
        stages,
        parallel,
        run_order,
    }
}
