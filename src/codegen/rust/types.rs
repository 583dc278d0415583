//! Spec field types -> Rust type tokens (`Vec<f32>` for vectors, `chrono`/`uuid` types,
//! `BTreeMap` for maps, `Box` where an entity would contain itself), recording which crates
//! and data-model names the module uses.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::Ctx;
use crate::codegen::names::rust_ident;
use crate::model::{EntityId, FieldType};

/// Where a type is written: inside entity `owner` (for cycle boxing) or elsewhere, and which
/// data-model names it refers to.
pub struct TypeSite<'s> {
    pub owner: Option<EntityId>,
    pub used: &'s mut BTreeSet<String>,
}

/// The Rust type of `ty`; `enums` are the names of the enums in it, in pre-order.
pub fn rust_type(
    ctx: &Ctx,
    ty: &FieldType,
    enums: &mut std::slice::Iter<'_, &str>,
    site: &mut TypeSite<'_>,
) -> TokenStream {
    ty_inner(ctx, ty, enums, site, false)
}

fn ty_inner(
    ctx: &Ctx,
    ty: &FieldType,
    enums: &mut std::slice::Iter<'_, &str>,
    site: &mut TypeSite<'_>,
    in_collection: bool,
) -> TokenStream {
    match ty {
        FieldType::String => quote!(String),
        FieldType::Int => quote!(i64),
        FieldType::Float => quote!(f64),
        FieldType::Bool => quote!(bool),
        FieldType::Timestamp => {
            ctx.deps.borrow_mut().chrono = true;
            quote!(chrono::DateTime<chrono::Utc>)
        }
        FieldType::Date => {
            ctx.deps.borrow_mut().chrono = true;
            quote!(chrono::NaiveDate)
        }
        FieldType::Bytes => quote!(Vec<u8>),
        FieldType::Uuid => {
            ctx.deps.borrow_mut().uuid = true;
            quote!(uuid::Uuid)
        }
        FieldType::Json => {
            ctx.deps.borrow_mut().serde_json = true;
            quote!(serde_json::Value)
        }
        FieldType::List(t) => {
            let t = ty_inner(ctx, t, enums, site, true);
            quote!(Vec<#t>)
        }
        FieldType::Map(k, v) => {
            let key = if ordered(k) {
                ty_inner(ctx, k, enums, site, true)
            } else {
                skip_enums(k, enums);
                quote!(String)
            };
            let v = ty_inner(ctx, v, enums, site, true);
            quote!(BTreeMap<#key, #v>)
        }
        FieldType::Vector(_) => quote!(Vec<f32>),
        FieldType::Enum(_) => {
            // Enums are defined in the module that uses them: never imported.
            let name = enums.next().copied().unwrap_or("String");
            let id = rust_ident(name);
            quote!(#id)
        }
        FieldType::Entity(e) => {
            let name = ctx.names.entity(*e).to_string();
            site.used.insert(name.clone());
            let id = rust_ident(&name);
            // A struct that contains itself (through any chain) needs indirection.
            let cyclic = site.owner.is_some_and(|o| ctx.graph.reaches(*e, o));
            if cyclic && !in_collection {
                quote!(Box<#id>)
            } else {
                quote!(#id)
            }
        }
        FieldType::Optional(t) => {
            let t = ty_inner(ctx, t, enums, site, in_collection);
            quote!(Option<#t>)
        }
    }
}

/// `use std::collections::BTreeMap;` when `tokens` name it (a map type; `BTreeMap` is a
/// reserved name, so no declaration of the spec is called that).
pub fn use_btree_map(tokens: &TokenStream) -> TokenStream {
    fn names(tokens: &TokenStream) -> bool {
        tokens.clone().into_iter().any(|t| match t {
            proc_macro2::TokenTree::Ident(i) => i == "BTreeMap",
            proc_macro2::TokenTree::Group(g) => names(&g.stream()),
            _ => false,
        })
    }
    if names(tokens) {
        quote!(
            use std::collections::BTreeMap;
        )
    } else {
        TokenStream::new()
    }
}

/// Key types that are `Ord` in Rust; others fall back to `String`.
pub fn ordered(ty: &FieldType) -> bool {
    matches!(
        ty,
        FieldType::String
            | FieldType::Int
            | FieldType::Bool
            | FieldType::Timestamp
            | FieldType::Date
            | FieldType::Uuid
            | FieldType::Bytes
            | FieldType::Enum(_)
    )
}

pub fn skip_enums(ty: &FieldType, enums: &mut std::slice::Iter<'_, &str>) {
    match ty {
        FieldType::Enum(_) => {
            enums.next();
        }
        FieldType::List(t) | FieldType::Optional(t) => skip_enums(t, enums),
        FieldType::Map(k, v) => {
            skip_enums(k, enums);
            skip_enums(v, enums);
        }
        _ => {}
    }
}
