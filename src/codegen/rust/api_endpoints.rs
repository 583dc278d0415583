//! Apis -> `src/api_endpoints.rs`: a trait per api with one method per endpoint (path and
//! query params typed, the request entity as `body`, the response entity returned), an
//! enum per `enum<...>` param, and the REST endpoints as an axum router (`router.rs`).

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::data_models::{enum_item, one_line};
use super::types::{TypeSite, rust_type};
use super::{Ctx, doc_attrs, unparse_file, use_data_models};
use crate::codegen::names::{Scope, pascal_case, rust_ident, snake_case};
use crate::codegen::type_names::Owner;
use crate::model::{Api, ApiEndpoint, ApiProtocol};

pub fn render(ctx: &Ctx) -> String {
    let mut used = BTreeSet::new();
    let mut scope = super::scope_after_data_models(ctx);
    let enums: Vec<TokenStream> = ctx
        .names
        .enums
        .iter()
        .filter(|d| matches!(d.owner, Owner::Param { .. }))
        .map(enum_item)
        .collect();
    let serde = if enums.is_empty() {
        TokenStream::new()
    } else {
        quote! { use serde::{Deserialize, Serialize}; }
    };
    let traits: Vec<TokenStream> = ctx
        .model
        .apis
        .iter()
        .enumerate()
        .map(|(ai, api)| {
            api_trait(
                ctx,
                ai,
                api,
                &scope.claim(&pascal_case(&api.named.name)),
                &mut used,
            )
        })
        .collect();
    let uses = use_data_models(&used);
    let map = super::types::use_btree_map(&quote! { #(#traits)* });
    let doc = format!(
        "Endpoints of {}: one trait per api, one method per endpoint; implement them in the \
         web or gRPC framework of your choice.",
        ctx.system()
    );
    let router = super::router::Router::new(ctx);
    if !router.is_empty() {
        ctx.deps.borrow_mut().axum = true;
    }
    let http = router.tokens();
    unparse_file(
        &ctx.header,
        &doc,
        quote! { #uses #serde #map #(#enums)* #(#traits)* #http },
    )
}

fn api_trait(
    ctx: &Ctx,
    ai: usize,
    api: &Api,
    name: &str,
    used: &mut BTreeSet<String>,
) -> TokenStream {
    let trait_name = rust_ident(name);
    let mut doc = format!(
        "{} (`{}`, {}).",
        one_line(&api.named.label).trim_end_matches('.'),
        api.named.name,
        api.protocol
    );
    if let Some(b) = &api.base_path {
        doc.push_str(&format!(" Base path: `{b}`."));
    }
    if let Some(a) = &api.auth {
        doc.push_str(&format!(" Auth: {}.", one_line(a).trim_end_matches('.')));
    }
    let doc = doc_attrs(&doc);
    let mut methods = Scope::default();
    let fns: Vec<TokenStream> = api
        .endpoints
        .iter()
        .enumerate()
        .map(|(ei, ep)| {
            method(
                ctx,
                ai,
                api,
                ei,
                ep,
                &methods.claim(&snake_case(&ep.name)),
                used,
            )
        })
        .collect();
    quote! {
        #doc
        pub trait #trait_name {
            #(#fns)*
        }
    }
}

fn method(
    ctx: &Ctx,
    ai: usize,
    api: &Api,
    ei: usize,
    ep: &ApiEndpoint,
    name: &str,
    used: &mut BTreeSet<String>,
) -> TokenStream {
    let fname = rust_ident(name);
    let mut locals = Scope::with_reserved(&["self"]);
    let mut args = Vec::new();
    for (pi, p) in ep.params.iter().enumerate() {
        let enums = ctx.names.enums_of(Owner::Param {
            api: ai,
            endpoint: ei,
            param: pi,
        });
        let mut site = TypeSite { owner: None, used };
        let ty = rust_type(ctx, &p.ty, &mut enums.iter(), &mut site);
        let id = rust_ident(&locals.claim(&snake_case(&p.name)));
        args.push(quote!(#id: #ty));
    }
    if let Some(r) = ep.request {
        let n = ctx.names.entity(r).to_string();
        used.insert(n.clone());
        let t = rust_ident(&n);
        let id = rust_ident(&locals.claim(if api.protocol == ApiProtocol::Grpc {
            "request"
        } else {
            "body"
        }));
        args.push(quote!(#id: #t));
    }
    let ret = match ep.response {
        Some(r) => {
            let n = ctx.names.entity(r).to_string();
            used.insert(n.clone());
            let t = rust_ident(&n);
            quote!(#t)
        }
        None => quote!(()),
    };
    let allow = if args.len() > 6 {
        quote!(#[allow(clippy::too_many_arguments)])
    } else {
        TokenStream::new()
    };
    let doc = doc_attrs(&endpoint_doc(api, ep));
    quote! {
        #doc
        #allow
        fn #fname(&self, #(#args),*) -> crate::Result<#ret>;
    }
}

fn endpoint_doc(api: &Api, ep: &ApiEndpoint) -> String {
    let mut doc = match &ep.path {
        Some(p) => format!(
            "`{} {}{}`.",
            ep.method.as_str().to_uppercase(),
            api.base_path.as_deref().unwrap_or("").trim_end_matches('/'),
            p
        ),
        None => format!("rpc `{}`.", ep.name),
    };
    let mut facts = Vec::new();
    if let Some(d) = &ep.description {
        facts.push(format!("{}.", one_line(d).trim_end_matches('.')));
    }
    for p in &ep.params {
        if let Some(d) = &p.doc {
            facts.push(format!(
                "`{}`: {}.",
                p.name,
                one_line(d).trim_end_matches('.')
            ));
        }
    }
    if let Some(l) = &ep.latency_p99 {
        facts.push(format!("Latency p99 budget: {l}."));
    }
    if let Some(r) = &ep.rate_limit {
        facts.push(format!("Rate limit: {r}."));
    }
    if !facts.is_empty() {
        doc.push_str("\n\n");
        doc.push_str(&facts.join(" "));
    }
    doc
}
