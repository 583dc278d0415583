//! Model -> the type names of one target language: a class per entity and an enum per
//! `enum<...>` occurrence (in entity fields and endpoint params), unique in one namespace.

use std::collections::BTreeMap;

use super::names::{Scope, pascal_case};
use crate::model::{FieldType, Model};

/// Where an `enum<...>` was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Owner {
    /// Field `field` of entity `entity`.
    Entity { entity: usize, field: usize },
    /// Param `param` of endpoint `endpoint` of api `api`.
    Param {
        api: usize,
        endpoint: usize,
        param: usize,
    },
}

/// One generated enum.
#[derive(Debug, Clone)]
pub struct EnumDef {
    pub name: String,
    pub values: Vec<String>,
    pub owner: Owner,
    /// `Entity.field` or `api.endpoint.param`, for docs.
    pub origin: String,
}

/// Type names of one target language.
#[derive(Debug, Clone)]
pub struct TypeNames {
    /// By entity id.
    pub entities: Vec<String>,
    pub enums: Vec<EnumDef>,
    by_owner: BTreeMap<Owner, Vec<usize>>,
}

impl TypeNames {
    /// Names for `model`; `reserved` are names the target's prelude and imports own.
    pub fn new(model: &Model, reserved: &[&str]) -> Self {
        let mut scope = Scope::with_reserved(reserved);
        let entities: Vec<String> = model
            .entities
            .iter()
            .map(|e| scope.claim(&pascal_case(&e.named.name)))
            .collect();
        let mut names = TypeNames {
            entities,
            enums: Vec::new(),
            by_owner: BTreeMap::new(),
        };
        for (ei, e) in model.entities.iter().enumerate() {
            for (fi, f) in e.fields.iter().enumerate() {
                let base = format!("{}{}", names.entities[ei], pascal_case(&f.name));
                let origin = format!("{}.{}", e.named.name, f.name);
                names.add(
                    &mut scope,
                    &f.ty,
                    Owner::Entity {
                        entity: ei,
                        field: fi,
                    },
                    &base,
                    &origin,
                );
            }
        }
        for (ai, api) in model.apis.iter().enumerate() {
            for (pi, ep) in api.endpoints.iter().enumerate() {
                for (qi, p) in ep.params.iter().enumerate() {
                    let base = format!("{}{}", pascal_case(&ep.name), pascal_case(&p.name));
                    let origin = format!("{}.{}.{}", api.named.name, ep.name, p.name);
                    let owner = Owner::Param {
                        api: ai,
                        endpoint: pi,
                        param: qi,
                    };
                    names.add(&mut scope, &p.ty, owner, &base, &origin);
                }
            }
        }
        names
    }

    fn add(&mut self, scope: &mut Scope, ty: &FieldType, owner: Owner, base: &str, origin: &str) {
        let mut found = Vec::new();
        enums_in(ty, &mut found);
        for values in found {
            let idx = self.enums.len();
            self.enums.push(EnumDef {
                name: scope.claim(base),
                values: values.clone(),
                owner,
                origin: origin.to_string(),
            });
            self.by_owner.entry(owner).or_default().push(idx);
        }
    }

    /// The enums of one field or param, in the pre-order of its type.
    pub fn enums_of(&self, owner: Owner) -> Vec<&str> {
        self.by_owner
            .get(&owner)
            .map(|v| v.iter().map(|&i| self.enums[i].name.as_str()).collect())
            .unwrap_or_default()
    }

    pub fn entity(&self, id: crate::model::EntityId) -> &str {
        self.entities.get(id.0).map_or("Unknown", String::as_str)
    }
}

fn enums_in<'a>(ty: &'a FieldType, out: &mut Vec<&'a Vec<String>>) {
    match ty {
        FieldType::Enum(v) => out.push(v),
        FieldType::List(t) | FieldType::Optional(t) => enums_in(t, out),
        FieldType::Map(k, v) => {
            enums_in(k, out);
            enums_in(v, out);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enums_and_entities_share_one_namespace() {
        let a = crate::analyze(
            b"system \"s\"\n\
              entity feed_item { kind: enum<a, b> }\n\
              entity FeedItemKind { x: int }\n\
              entity FeedItem { tags: map<enum<x>, list<enum<y, z>>> }\n\
              api api { protocol: rest\n  get list \"/l\" { params { kind: enum<p, q> } }\n}\n",
        );
        let m = a.model;
        let names = TypeNames::new(&m, &["Enum"]);
        assert_eq!(names.entities, ["FeedItem", "FeedItemKind", "FeedItem2"]);
        // The enum of `feed_item.kind` would be `FeedItemKind`, which an entity took first.
        assert_eq!(
            names.enums_of(Owner::Entity {
                entity: 0,
                field: 0
            }),
            ["FeedItemKind2"]
        );
        assert_eq!(
            names.enums_of(Owner::Entity {
                entity: 2,
                field: 0
            }),
            ["FeedItem2Tags", "FeedItem2Tags2"]
        );
        let param = Owner::Param {
            api: 0,
            endpoint: 0,
            param: 0,
        };
        assert_eq!(names.enums_of(param), ["ListKind"]);
        assert_eq!(
            m.type_text(&m.entities[2].fields[0].ty),
            "map<enum<x>, list<enum<y, z>>>"
        );
    }
}
