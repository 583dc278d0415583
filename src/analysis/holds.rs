//! Which stores hold which entities, and which entities carry personal data.

use std::collections::BTreeSet;

use crate::model::{ComponentId, DataRef, Endpoint, EntityId, FieldType, Model};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Holds {
    /// Per entity: the data stores that hold it.
    pub stores: Vec<BTreeSet<ComponentId>>,
    /// Per entity: whether it carries personal data (a `@pii` field, or a field of such an
    /// entity, transitively).
    pub personal: Vec<bool>,
}

/// The entities a field type names (`E`, `list<E>`, `E?`, map values...).
pub fn entities_in(ty: &FieldType, out: &mut Vec<EntityId>) {
    match ty {
        FieldType::Entity(e) => out.push(*e),
        FieldType::List(t) | FieldType::Optional(t) => entities_in(t, out),
        FieldType::Map(k, v) => {
            entities_in(k, out);
            entities_in(v, out);
        }
        _ => {}
    }
}

impl Holds {
    pub fn build(m: &Model) -> Holds {
        let n = m.entities.len();
        let store = |c: ComponentId| m.component(c).kind.is_data_store();
        let mut stores: Vec<BTreeSet<ComponentId>> = vec![BTreeSet::new(); n];
        for (i, e) in m.entities.iter().enumerate() {
            if let Some(v) = &e.volume {
                stores[i].extend(v.stored_in.iter().copied().filter(|c| store(*c)));
            }
        }
        for f in &m.flows {
            if let Endpoint::Component(to) = f.to
                && store(to)
            {
                for e in &f.data {
                    stores[e.0].insert(to);
                }
            }
            if let Endpoint::Component(from) = f.from
                && store(from)
            {
                for e in f.data.iter().chain(&f.returns) {
                    stores[e.0].insert(from);
                }
            }
        }
        for p in &m.pipelines {
            for s in &p.stages {
                let written: Vec<ComponentId> = s
                    .writes
                    .iter()
                    .filter_map(|w| match w {
                        DataRef::Component(c) if store(*c) => Some(*c),
                        _ => None,
                    })
                    .collect();
                for w in &s.writes {
                    if let DataRef::Entity(e) = w {
                        stores[e.0].extend(written.iter().copied());
                    }
                }
            }
        }
        // A store that holds an entity holds the entities its fields name (to a fixpoint).
        let mut changed = true;
        while changed {
            changed = false;
            for (i, e) in m.entities.iter().enumerate() {
                let mut inner = Vec::new();
                for f in &e.fields {
                    entities_in(&f.ty, &mut inner);
                }
                for x in inner {
                    let add: Vec<ComponentId> =
                        stores[i].difference(&stores[x.0]).copied().collect();
                    if !add.is_empty() {
                        stores[x.0].extend(add);
                        changed = true;
                    }
                }
            }
        }
        let mut personal: Vec<bool> = m
            .entities
            .iter()
            .map(|e| e.fields.iter().any(|f| f.pii))
            .collect();
        let mut changed = true;
        while changed {
            changed = false;
            for (i, e) in m.entities.iter().enumerate() {
                if personal[i] {
                    continue;
                }
                let mut inner = Vec::new();
                for f in &e.fields {
                    entities_in(&f.ty, &mut inner);
                }
                if inner.iter().any(|x| personal[x.0]) {
                    personal[i] = true;
                    changed = true;
                }
            }
        }
        Holds { stores, personal }
    }
}
