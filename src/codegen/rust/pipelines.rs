//! Pipelines of some kinds -> `src/training_pipeline.rs` or `src/inference_pipeline.rs`: a
//! module per pipeline with a function per stage returning `Result`, its `run()` calling
//! them in topological order, and a top-level `run()` over every pipeline.

use quote::quote;

use super::data_models::one_line;
use super::{Ctx, doc_attrs, unparse_file};
use crate::codegen::names::{Scope, rust_ident, snake_case};
use crate::model::{DataRef, Pipeline, PipelineKind, Stage};

pub fn render(ctx: &Ctx, kinds: &[PipelineKind], default_here: bool) -> String {
    let pipelines: Vec<&Pipeline> = ctx
        .model
        .pipelines
        .iter()
        .filter(|p| p.kind.map_or(default_here, |k| kinds.contains(&k)))
        .collect();
    let mut modules = Scope::default();
    let mut items = Vec::new();
    let mut runs = Vec::new();
    for p in &pipelines {
        let module = rust_ident(&modules.claim(&snake_case(&p.named.name)));
        let mut fns = Scope::with_reserved(&["run"]);
        let names: Vec<proc_macro2::Ident> = p
            .stages
            .iter()
            .map(|s| rust_ident(&fns.claim(&snake_case(&s.named.name))))
            .collect();
        let stage_fns = p.stages.iter().zip(&names).map(|(s, f)| {
            let doc = doc_attrs(&stage_doc(ctx, s));
            let message = format!("write stage `{}.{}`", p.named.name, s.named.name);
            quote! {
                #doc
                pub fn #f() -> crate::Result<()> {
                    todo!(#message)
                }
            }
        });
        let calls = p
            .order
            .iter()
            .filter_map(|&i| names.get(i))
            .map(|f| quote!(#f()?;));
        let module_doc = doc_attrs(&format!(
            "The `{}` pipeline: {}.",
            p.named.name,
            one_line(&p.named.label).trim_end_matches('.')
        ));
        let run_doc = doc_attrs(&run_doc(p));
        items.push(quote! {
            #module_doc
            pub mod #module {
                #(#stage_fns)*

                #run_doc
                pub fn run() -> crate::Result<()> {
                    #(#calls)*
                    Ok(())
                }
            }
        });
        runs.push(quote!(#module::run()?;));
    }
    let words: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
    let run_doc = doc_attrs(&if pipelines.is_empty() {
        format!(
            "The spec declares no pipeline of kind {}: nothing to run.",
            words.join(" or ")
        )
    } else {
        "Runs every pipeline of this module, in the order the spec declares them.".to_string()
    });
    let doc = format!(
        "{} pipelines of {}: one function per stage, `run()` calls them in order.",
        capitalise(&words.join(" and ")),
        ctx.system()
    );
    let tokens = quote! {
        #(#items)*

        #run_doc
        pub fn run() -> crate::Result<()> {
            #(#runs)*
            Ok(())
        }
    };
    unparse_file(&ctx.header, &doc, tokens)
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or(String::new(), |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}

fn run_doc(p: &Pipeline) -> String {
    let mut facts = vec!["Runs the stages in order.".to_string()];
    if let Some(s) = &p.schedule {
        facts.push(format!("Schedule: `{s}`."));
    }
    if let Some(o) = &p.orchestrator {
        facts.push(format!("Orchestrator: {}.", one_line(o)));
    }
    facts.join(" ")
}

fn stage_doc(ctx: &Ctx, s: &Stage) -> String {
    let m = ctx.model;
    let data = |refs: &[DataRef]| -> String {
        refs.iter()
            .map(|r| match r {
                DataRef::Component(c) => format!("`{}`", m.component(*c).named.name),
                DataRef::Entity(e) => format!("`{}`", m.entity(*e).named.name),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let models = |ids: &[crate::model::ModelId]| -> String {
        ids.iter()
            .map(|i| format!("`{}`", m.model(*i).named.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut doc = format!("{}.", one_line(&s.named.label).trim_end_matches('.'));
    let mut facts = Vec::new();
    if let Some(d) = &s.description {
        facts.push(format!("{}.", one_line(d).trim_end_matches('.')));
    }
    for (word, value) in [
        ("Reads", data(&s.reads)),
        ("Writes", data(&s.writes)),
        ("Trains", models(&s.trains)),
        ("Uses", models(&s.uses)),
    ] {
        if !value.is_empty() {
            facts.push(format!("{word}: {value}."));
        }
    }
    for (word, value) in [
        ("Tech", s.tech.clone()),
        ("Resources", s.resources.clone()),
        (
            "Duration",
            s.duration.as_ref().map(|d| format!("about {d}")),
        ),
        ("Timeout", s.timeout.as_ref().map(|d| d.to_string())),
        ("Fallback", s.fallback.clone()),
    ] {
        if let Some(v) = value {
            facts.push(format!("{word}: {}.", one_line(&v).trim_end_matches('.')));
        }
    }
    if let Some(g) = &s.gate {
        facts.push(format!("Gate: `{}` must hold to continue.", one_line(g)));
    }
    if !facts.is_empty() {
        doc.push_str("\n\n");
        doc.push_str(&facts.join(" "));
    }
    doc
}
