//! Pipelines of some kinds -> `src/training_pipeline.rs` or `src/inference_pipeline.rs`: a
//! module per pipeline with a function per stage returning `Result`, a `Stages` trait with
//! a method per stage, `run_with` calling them in topological order (and `run()` calling the
//! stage functions through it), a test that records the calls, and a top-level `run()` over
//! every pipeline.

use proc_macro2::TokenStream;
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
        let mut fns = Scope::with_reserved(&["run", "run_with", "tests"]);
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
        let methods = p.stages.iter().zip(&names).map(|(s, f)| {
            let doc = doc_attrs(&format!("Stage `{}`.", s.named.name));
            quote! {
                #doc
                fn #f(&mut self) -> crate::Result<()>;
            }
        });
        let stub_methods = names.iter().map(|f| {
            quote! {
                fn #f(&mut self) -> crate::Result<()> {
                    #f()
                }
            }
        });
        let in_order: Vec<usize> = p
            .order
            .iter()
            .copied()
            .filter(|&i| i < names.len())
            .collect();
        let calls = in_order.iter().map(|&i| {
            let f = &names[i];
            quote!(stages.#f()?;)
        });
        let records = p.stages.iter().zip(&names).map(|(s, f)| {
            let name = &s.named.name;
            quote! {
                fn #f(&mut self) -> crate::Result<()> {
                    self.0.push(#name);
                    Ok(())
                }
            }
        });
        let expected: Vec<&str> = in_order
            .iter()
            .map(|&i| p.stages[i].named.name.as_str())
            .collect();
        // One short assert per stage: the same text whatever formats it.
        let n = proc_macro2::Literal::usize_unsuffixed(expected.len());
        let each = expected.iter().enumerate().map(|(i, name)| {
            let i = proc_macro2::Literal::usize_unsuffixed(i);
            quote!(assert_eq!(calls[#i], #name);)
        });
        let check = if expected.is_empty() {
            quote!(assert!(recorder.0.is_empty(), "{:?}", recorder.0);)
        } else {
            quote! {
                let calls = recorder.0;
                assert_eq!(calls.len(), #n, "{calls:?}");
                #(#each)*
            }
        };
        let unused = if in_order.is_empty() {
            quote!(let _ = stages;)
        } else {
            TokenStream::new()
        };
        let module_doc = doc_attrs(&format!(
            "The `{}` pipeline: {}.",
            p.named.name,
            one_line(&p.named.label).trim_end_matches('.')
        ));
        let run_doc = doc_attrs(&run_doc(p));
        items.push(quote! {
            #module_doc
            pub mod #module {
                /// The stages, one method each: `run_with` calls them in the spec's order.
                pub trait Stages {
                    #(#methods)*
                }

                /// The stage functions of this module as [`Stages`].
                pub struct Stubs;

                impl Stages for Stubs {
                    #(#stub_methods)*
                }

                #(#stage_fns)*

                #run_doc
                pub fn run() -> crate::Result<()> {
                    run_with(&mut Stubs)
                }

                /// Runs `stages` in the spec's order, stopping at the first error.
                pub fn run_with(stages: &mut impl Stages) -> crate::Result<()> {
                    #(#calls)*
                    #unused
                    Ok(())
                }

                #[cfg(test)]
                mod tests {
                    use super::*;

                    /// Records the stages called.
                    struct Recorder(Vec<&'static str>);

                    impl Stages for Recorder {
                        #(#records)*
                    }

                    #[test]
                    fn run_calls_the_stages_in_order() {
                        let mut recorder = Recorder(Vec::new());
                        run_with(&mut recorder).expect("every stage succeeds");
                        #check
                    }
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
