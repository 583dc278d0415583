//! Entities and the entity-typed fields between them -> a dependency order (referenced
//! entities first, written order among equals) and the cycles that need indirection.

use crate::model::{EntityId, FieldType, Model};

/// Which entities each entity refers to through its fields.
#[derive(Debug, Clone)]
pub struct EntityGraph {
    deps: Vec<Vec<usize>>,
}

impl EntityGraph {
    pub fn new(model: &Model) -> Self {
        let deps = model
            .entities
            .iter()
            .map(|e| {
                let mut d = Vec::new();
                for f in &e.fields {
                    collect(&f.ty, &mut d);
                }
                d.sort_unstable();
                d.dedup();
                d
            })
            .collect();
        EntityGraph { deps }
    }

    /// Every entity, dependencies before dependents; members of a cycle in written order.
    pub fn order(&self) -> Vec<EntityId> {
        let n = self.deps.len();
        let mut done = vec![false; n];
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            // The first entity (in written order) whose dependencies are all placed; when a
            // cycle blocks every one, the first unplaced entity breaks it.
            let ready = (0..n)
                .find(|&i| !done[i] && self.deps[i].iter().all(|&d| d == i || done[d]))
                .or_else(|| (0..n).find(|&i| !done[i]));
            let Some(i) = ready else { break };
            done[i] = true;
            out.push(EntityId(i));
        }
        out
    }

    /// Whether `to` can be reached from `from` through fields (itself included).
    pub fn reaches(&self, from: EntityId, to: EntityId) -> bool {
        let mut seen = vec![false; self.deps.len()];
        let mut stack = vec![from.0];
        while let Some(i) = stack.pop() {
            if i == to.0 {
                return true;
            }
            if std::mem::replace(&mut seen[i], true) {
                continue;
            }
            stack.extend(self.deps[i].iter().copied());
        }
        false
    }

    /// `roots` and every entity they refer to, transitively, in dependency order.
    pub fn closure(&self, roots: &[EntityId]) -> Vec<EntityId> {
        let mut keep = vec![false; self.deps.len()];
        let mut stack: Vec<usize> = roots.iter().map(|r| r.0).collect();
        while let Some(i) = stack.pop() {
            if i < keep.len() && !std::mem::replace(&mut keep[i], true) {
                stack.extend(self.deps[i].iter().copied());
            }
        }
        self.order().into_iter().filter(|e| keep[e.0]).collect()
    }
}

fn collect(ty: &FieldType, out: &mut Vec<usize>) {
    match ty {
        FieldType::Entity(e) => out.push(e.0),
        FieldType::List(t) | FieldType::Optional(t) => collect(t, out),
        FieldType::Map(k, v) => {
            collect(k, out);
            collect(v, out);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(spec: &str) -> Model {
        let a = crate::analyze(spec.as_bytes());
        assert!(!a.has_errors(), "{:?}", a.diagnostics);
        a.model
    }

    fn names(m: &Model, ids: &[EntityId]) -> Vec<String> {
        ids.iter()
            .map(|i| m.entity(*i).named.name.clone())
            .collect()
    }

    #[test]
    fn dependencies_first_then_written_order_and_cycles_broken() {
        let m = model(
            "system \"s\"\n\
             entity A { b: B; c: list<C> }\n\
             entity B { x: int }\n\
             entity C { d: map<string, D>? }\n\
             entity D { x: int }\n\
             entity E { f: F? }\n\
             entity F { e: E? }\n",
        );
        let g = EntityGraph::new(&m);
        assert_eq!(names(&m, &g.order()), ["B", "D", "C", "A", "E", "F"]);
        assert!(g.reaches(EntityId(4), EntityId(5)) && g.reaches(EntityId(5), EntityId(4)));
        assert!(!g.reaches(EntityId(1), EntityId(0)));
        assert_eq!(names(&m, &g.closure(&[EntityId(2)])), ["D", "C"]);
    }
}
