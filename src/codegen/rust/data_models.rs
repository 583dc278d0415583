//! Entities -> `src/data_models.rs`: a serde struct per entity in dependency order and an
//! enum per `enum<...>`, keys, PII and `@doc` in the field docs.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::types::{TypeSite, rust_type};
use super::{Ctx, doc_attrs, unparse_file};
use crate::codegen::names::{Scope, pascal_case, rust_ident, snake_case, words};
use crate::codegen::type_names::{EnumDef, Owner};
use crate::model::{Entity, FieldType};

pub fn render(ctx: &Ctx) -> String {
    let mut items = Vec::new();
    for id in ctx.graph.order() {
        for def in ctx
            .names
            .enums
            .iter()
            .filter(|d| matches!(d.owner, Owner::Entity { entity, .. } if entity == id.0))
        {
            items.push(enum_item(def));
        }
        items.push(struct_item(ctx, id.0, ctx.model.entity(id)));
    }
    let serde = if items.is_empty() {
        TokenStream::new()
    } else {
        quote! { use serde::{Deserialize, Serialize}; }
    };
    let doc = format!(
        "Data models of {}: one struct per entity, referenced entities first.",
        ctx.system()
    );
    let tests = super::examples::Examples::new(ctx).tokens();
    let items = quote! { #(#items)* };
    let map = super::types::use_btree_map(&items);
    unparse_file(&ctx.header, &doc, quote! { #serde #map #items #tests })
}

/// A fieldless enum with serde names equal to the spec's values.
pub fn enum_item(def: &EnumDef) -> TokenStream {
    let name = rust_ident(&def.name);
    let doc = doc_attrs(&format!("Values of `{}`.", def.origin));
    let variants = variant_names(def);
    let allow = if repetitive(&def.name, &variants) {
        quote!(#[allow(clippy::enum_variant_names)])
    } else {
        TokenStream::new()
    };
    let vs = def.values.iter().zip(&variants).map(|(value, variant)| {
        let id = rust_ident(variant);
        quote! {
            #[serde(rename = #value)]
            #id
        }
    });
    quote! {
        #doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[derive(Serialize, Deserialize)]
        #allow
        pub enum #name {
            #(#vs,)*
        }
    }
}

/// The Rust names of an enum's variants, in the spec's order.
pub fn variant_names(def: &EnumDef) -> Vec<String> {
    let mut scope = Scope::with_reserved(&["Self"]);
    def.values
        .iter()
        .map(|v| scope.claim(&pascal_case(v)))
        .collect()
}

/// Whether clippy's `enum_variant_names` would fire: three or more variants sharing a first
/// or last word, or a variant that starts or ends with the enum's name.
fn repetitive(enum_name: &str, variants: &[String]) -> bool {
    let lower = enum_name.to_lowercase();
    if variants.iter().any(|v| {
        let v = v.to_lowercase();
        v != lower && (v.starts_with(&lower) || v.ends_with(&lower))
    }) {
        return true;
    }
    if variants.len() < 3 {
        return false;
    }
    let split: Vec<Vec<String>> = variants.iter().map(|v| words(v)).collect();
    let same = |pick: fn(&Vec<String>) -> Option<&String>| {
        let first = pick(&split[0]);
        first.is_some() && split.iter().all(|w| w.len() > 1 && pick(w) == first)
    };
    same(|w| w.first()) || same(|w| w.last())
}

fn struct_item(ctx: &Ctx, idx: usize, entity: &Entity) -> TokenStream {
    let name = rust_ident(&ctx.names.entities[idx]);
    let doc = doc_attrs(&entity_doc(entity));
    let mut scope = Scope::default();
    let mut used = BTreeSet::new();
    let fields = entity.fields.iter().enumerate().map(|(fi, f)| {
        let enums = ctx.names.enums_of(Owner::Entity {
            entity: idx,
            field: fi,
        });
        let mut site = TypeSite {
            owner: Some(crate::model::EntityId(idx)),
            used: &mut used,
        };
        let ty = rust_type(ctx, &f.ty, &mut enums.iter(), &mut site);
        let fname = scope.claim(&snake_case(&f.name));
        let ident = rust_ident(&fname);
        let plain = ident.to_string().trim_start_matches("r#").to_string();
        let rename = if plain != f.name {
            let n = &f.name;
            quote!(#[serde(rename = #n)])
        } else {
            TokenStream::new()
        };
        let default = if f.ty.is_optional() {
            quote!(#[serde(default)])
        } else {
            TokenStream::new()
        };
        let fdoc = doc_attrs(&field_doc(f));
        quote! {
            #fdoc
            #rename
            #default
            pub #ident: #ty
        }
    });
    let fields: Vec<TokenStream> = fields.collect();
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        pub struct #name {
            #(#fields,)*
        }
    }
}

fn entity_doc(e: &Entity) -> String {
    let mut doc = if e.named.explicit_label {
        format!("{}.", one_line(&e.named.label).trim_end_matches('.'))
    } else {
        format!("The `{}` entity.", e.named.name)
    };
    let keys: Vec<&str> = e
        .fields
        .iter()
        .filter(|f| f.key)
        .map(|f| f.name.as_str())
        .collect();
    if !keys.is_empty() {
        doc.push_str(&format!("\n\nKey: `{}`.", keys.join("`, `")));
    }
    doc
}

fn field_doc(f: &crate::model::Field) -> String {
    let mut notes = Vec::new();
    if f.key {
        notes.push("Key.".to_string());
    }
    if f.pii {
        notes.push("PII.".to_string());
    }
    if let Some(d) = &f.doc {
        let d = capitalise(&one_line(d));
        notes.push(if d.ends_with('.') { d } else { format!("{d}.") });
    }
    match f.ty.inner() {
        FieldType::Vector(n) => notes.push(format!("`vector<{n}>`: {n} floats.")),
        FieldType::Json => notes.push("Any JSON value.".into()),
        _ => {}
    }
    if notes.is_empty() {
        format!("`{}`.", f.name)
    } else {
        notes.join(" ")
    }
}

/// Prose on one line: keeps Markdown list syntax in spec text from confusing rustdoc.
pub fn one_line(s: &str) -> String {
    crate::output::text::one_line(s)
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or(String::new(), |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}
