//! The data models' tests: `examples::NAME()` builds a value of each entity from its fields
//! (the first value of an enum, one element in a list...), and a test per entity checks it
//! survives a round trip through serde. The pipeline and api tests reuse the examples.
//!
//! An entity whose every value would contain itself without an `Option` or a collection in
//! between has no finite value: it gets no example (nor does anything that needs one).
//! Elsewhere a field that leads back to its own entity is left empty (`None`, `[]`), so
//! building an example always ends.

use proc_macro2::TokenStream;
use quote::quote;

use super::Ctx;
use super::data_models::variant_names;
use crate::codegen::names::{Scope, rust_ident, snake_case};
use crate::model::{EntityId, FieldType};

/// The examples of one crate.
pub struct Examples<'c, 'm> {
    ctx: &'c Ctx<'m>,
    /// By entity id: whether a finite value exists.
    inhabited: Vec<bool>,
    /// By entity id: the name of its example function.
    fns: Vec<String>,
    /// Whether an example holds a one-entry map (the `one` helper is written).
    maps: std::cell::Cell<bool>,
}

impl<'c, 'm> Examples<'c, 'm> {
    pub fn new(ctx: &'c Ctx<'m>) -> Self {
        let entities = &ctx.model.entities;
        let mut inhabited = vec![false; entities.len()];
        // The least fixed point: an entity has a value once every field it cannot leave
        // empty has one.
        loop {
            let mut changed = false;
            for (i, e) in entities.iter().enumerate() {
                if !inhabited[i] && e.fields.iter().all(|f| fills(&f.ty, &inhabited)) {
                    inhabited[i] = true;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        let mut scope = Scope::with_reserved(&["tests", "super", "self", "crate", "one"]);
        let fns = ctx
            .names
            .entities
            .iter()
            .map(|n| scope.claim(&snake_case(n)))
            .collect();
        Examples {
            ctx,
            inhabited,
            fns,
            maps: std::cell::Cell::new(false),
        }
    }

    /// Whether entity `e` has an example.
    pub fn has(&self, e: EntityId) -> bool {
        self.inhabited.get(e.0).copied().unwrap_or(false)
    }

    /// The `examples` module and the round-trip tests (nothing when no entity has a value).
    pub fn tokens(&self) -> TokenStream {
        let ctx = self.ctx;
        let mut fns = Vec::new();
        let mut tests = Vec::new();
        for id in ctx.graph.order() {
            if !self.has(id) {
                continue;
            }
            let entity = ctx.model.entity(id);
            let ty = rust_ident(ctx.names.entity(id));
            let f = rust_ident(&self.fns[id.0]);
            let mut scope = Scope::default();
            let fields: Vec<TokenStream> = entity
                .fields
                .iter()
                .enumerate()
                .map(|(fi, field)| {
                    let enums = ctx
                        .names
                        .enums_of(crate::codegen::type_names::Owner::Entity {
                            entity: id.0,
                            field: fi,
                        });
                    let mut it = enums.iter();
                    let value = self
                        .value(&field.ty, id, false, &mut it)
                        .unwrap_or_else(|| quote!(Default::default()));
                    let name = rust_ident(&scope.claim(&snake_case(&field.name)));
                    quote!(#name: #value)
                })
                .collect();
            let doc = format!(" An example `{}`, every field set.", entity.named.name);
            fns.push(quote! {
                #[doc = #doc]
                pub fn #f() -> #ty {
                    #ty { #(#fields),* }
                }
            });
            let test = rust_ident(&format!("{}_round_trips_through_serde", self.fns[id.0]));
            tests.push(quote! {
                #[test]
                fn #test() {
                    let value = examples::#f();
                    let json = serde_json::to_string(&value).expect("serializes");
                    let back: #ty = serde_json::from_str(&json).expect("deserializes");
                    assert_eq!(back, value);
                }
            });
        }
        if fns.is_empty() {
            return TokenStream::new();
        }
        let one = if self.maps.get() {
            quote! {
                /// A map of one entry.
                fn one<K: Ord, V>(key: K, value: V) -> BTreeMap<K, V> {
                    BTreeMap::from([(key, value)])
                }
            }
        } else {
            TokenStream::new()
        };
        quote! {
            /// An example value of each entity, for tests.
            #[cfg(test)]
            pub mod examples {
                use super::*;

                #(#fns)*

                #one
            }

            #[cfg(test)]
            mod tests {
                use super::*;

                #(#tests)*
            }
        }
    }

    /// An example value of `ty` written inside entity `owner`, or `None` when it has none
    /// (the caller leaves it empty). Consumes the enum names of `ty` in the order
    /// `types::rust_type` does.
    fn value(
        &self,
        ty: &FieldType,
        owner: EntityId,
        in_collection: bool,
        enums: &mut std::slice::Iter<'_, &str>,
    ) -> Option<TokenStream> {
        let ctx = self.ctx;
        Some(match ty {
            FieldType::String => quote!(String::from("example")),
            FieldType::Int => quote!(1),
            FieldType::Float => quote!(1.5),
            FieldType::Bool => quote!(true),
            FieldType::Timestamp => quote!(chrono::DateTime::<chrono::Utc>::default()),
            FieldType::Date => quote!(chrono::NaiveDate::default()),
            FieldType::Bytes => quote!(vec![1, 2, 3]),
            FieldType::Uuid => quote!(uuid::Uuid::nil()),
            FieldType::Json => quote!(serde_json::json!({ "example": 1 })),
            FieldType::Vector(0) => quote!(Vec::new()),
            FieldType::Vector(n) => {
                let n = proc_macro2::Literal::usize_unsuffixed(*n as usize);
                quote!(vec![0.5; #n])
            }
            FieldType::Enum(_) => {
                let name = enums.next().copied()?;
                let def = ctx.names.enums.iter().find(|d| d.name == name)?;
                let variant = rust_ident(variant_names(def).first()?);
                let e = rust_ident(name);
                quote!(#e::#variant)
            }
            FieldType::Entity(e) => {
                let cyclic = ctx.graph.reaches(*e, owner);
                if !self.has(*e) || (cyclic && in_collection) {
                    return None;
                }
                let call = self.call_local(*e);
                if cyclic {
                    quote!(Box::new(#call))
                } else {
                    call
                }
            }
            FieldType::Optional(t) => {
                let leads_back =
                    matches!(&**t, FieldType::Entity(e) if ctx.graph.reaches(*e, owner));
                match self.value(t, owner, true, enums) {
                    Some(v) if !leads_back => quote!(Some(#v)),
                    _ => quote!(None),
                }
            }
            FieldType::List(t) => match self.value(t, owner, true, enums) {
                Some(v) => quote!(vec![#v]),
                None => quote!(Vec::new()),
            },
            FieldType::Map(k, v) => {
                let key = if super::types::ordered(k) {
                    self.key(k, enums)
                } else {
                    super::types::skip_enums(k, enums);
                    Some(quote!(String::from("key")))
                };
                let value = self.value(v, owner, true, enums);
                match (key, value) {
                    (Some(k), Some(v)) => {
                        self.maps.set(true);
                        quote!(one(#k, #v))
                    }
                    _ => quote!(BTreeMap::new()),
                }
            }
        })
    }

    /// A map key JSON keeps as it was (a string, a number, an enum value, a uuid), or
    /// `None` for the others (the map is left empty).
    fn key(&self, ty: &FieldType, enums: &mut std::slice::Iter<'_, &str>) -> Option<TokenStream> {
        match ty {
            FieldType::String => Some(quote!(String::from("key"))),
            FieldType::Int => Some(quote!(1)),
            FieldType::Uuid => Some(quote!(uuid::Uuid::nil())),
            FieldType::Enum(_) => {
                let name = enums.next().copied()?;
                let def = self.ctx.names.enums.iter().find(|d| d.name == name)?;
                let variant = rust_ident(variant_names(def).first()?);
                let e = rust_ident(name);
                Some(quote!(#e::#variant))
            }
            other => {
                super::types::skip_enums(other, enums);
                None
            }
        }
    }

    /// `NAME()` inside the `examples` module.
    fn call_local(&self, e: EntityId) -> TokenStream {
        let f = rust_ident(&self.fns[e.0]);
        quote!(#f())
    }
}

/// Whether a field of type `ty` can be given a value when the entities marked in
/// `inhabited` can (an `Option`, a list or a map may always be left empty).
fn fills(ty: &FieldType, inhabited: &[bool]) -> bool {
    match ty {
        FieldType::Entity(e) => inhabited.get(e.0).copied().unwrap_or(false),
        FieldType::Enum(values) => !values.is_empty(),
        _ => true,
    }
}
