//! Models -> `src/ml_models.rs`: a trait per model (`predict`, or `generate` for generative
//! huggingface models, and `fit` for frameworks that train in-process), typed with the
//! model's entities, its facts in the docs.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::data_models::one_line;
use super::{Ctx, doc_attrs, unparse_file, use_data_models};
use crate::codegen::names::{Scope, pascal_case, rust_ident, snake_case};
use crate::model::{Framework, MlModel, ModelTask};

pub fn render(ctx: &Ctx) -> String {
    let mut used = BTreeSet::new();
    let mut scope = super::scope_after_data_models(ctx);
    let items: Vec<TokenStream> = ctx
        .model
        .models
        .iter()
        .map(|m| {
            let name = scope.claim(&pascal_case(&m.named.name));
            let example = scope.claim(&format!("{name}Example"));
            model_trait(ctx, m, (&name, &example), &mut used)
        })
        .collect();
    let uses = use_data_models(&used);
    let doc = format!(
        "ML models of {}: one trait per model; implement it with the framework's bindings or a \
         call to the serving endpoint.",
        ctx.system()
    );
    unparse_file(&ctx.header, &doc, quote! { #uses #(#items)* })
}

/// `names`: the trait's and the example tuple alias's.
fn model_trait(
    ctx: &Ctx,
    m: &MlModel,
    (name, example): (&str, &str),
    used: &mut BTreeSet<String>,
) -> TokenStream {
    let trait_name = rust_ident(name);
    let example_name = rust_ident(example);
    let mut alias = TokenStream::new();
    let doc = doc_attrs(&model_doc(ctx, m));
    let mut params = Scope::with_reserved(&["self", "examples", "labels"]);
    let mut entity = |id: crate::model::EntityId| {
        let n = ctx.names.entity(id).to_string();
        used.insert(n.clone());
        rust_ident(&n)
    };
    let inputs: Vec<(proc_macro2::Ident, proc_macro2::Ident)> = m
        .inputs
        .iter()
        .map(|e| {
            let p = rust_ident(&params.claim(&snake_case(&ctx.model.entity(*e).named.name)));
            (p, entity(*e))
        })
        .collect();
    let output = match m.output {
        Some(o) => {
            let o = entity(o);
            quote!(#o)
        }
        None => quote!(Vec<f64>),
    };
    let args = inputs.iter().map(|(p, t)| quote!(#p: &#t));
    let generative =
        m.framework == Some(Framework::Huggingface) && m.task == Some(ModelTask::Generation);
    let verb = rust_ident(if generative { "generate" } else { "predict" });
    let verb_doc = doc_attrs(if generative {
        "Generates the output for one input."
    } else {
        "Predicts the output for one input."
    });
    let many = inputs.len() > 7;
    let allow = if many {
        quote!(#[allow(clippy::too_many_arguments)])
    } else {
        TokenStream::new()
    };
    let fit = if matches!(
        m.framework,
        Some(Framework::Sklearn | Framework::Xgboost | Framework::Lightgbm | Framework::Tensorflow)
    ) {
        let examples = match inputs.as_slice() {
            [] => quote!(Vec<f64>),
            [(_, t)] => quote!(#t),
            many => {
                // A named tuple type keeps `fit`'s signature readable (and clippy's
                // type_complexity quiet).
                let ts = many.iter().map(|(_, t)| t);
                let doc = doc_attrs(&format!("One training example of [`{name}`]: its inputs."));
                alias = quote! {
                    #doc
                    pub type #example_name = (#(#ts),*);
                };
                quote!(#example_name)
            }
        };
        let labels = match m.labels {
            Some(l) => {
                let l = entity(l);
                quote!(, labels: &[#l])
            }
            None if matches!(
                m.task,
                Some(ModelTask::Clustering | ModelTask::AnomalyDetection)
            ) =>
            {
                TokenStream::new()
            }
            None => quote!(, labels: &[#output]),
        };
        quote! {
            /// Trains on examples (and their labels).
            fn fit(&mut self, examples: &[#examples] #labels) -> crate::Result<()>;
        }
    } else {
        TokenStream::new()
    };
    quote! {
        #alias

        #doc
        pub trait #trait_name {
            #verb_doc
            #allow
            fn #verb(&self, #(#args),*) -> crate::Result<#output>;
            #fit
        }
    }
}

fn model_doc(ctx: &Ctx, m: &MlModel) -> String {
    let name = |e: crate::model::EntityId| format!("`{}`", ctx.model.entity(e).named.name);
    let mut doc = if m.named.explicit_label {
        format!("{}.", one_line(&m.named.label).trim_end_matches('.'))
    } else {
        format!("The `{}` model.", m.named.name)
    };
    let mut facts = Vec::new();
    let task = m.task.map_or("unspecified".to_string(), |t| t.to_string());
    let fw = m
        .framework
        .map_or("unspecified".to_string(), |f| f.to_string());
    facts.push(format!("Task: {task}. Framework: {fw}."));
    if let Some(a) = &m.architecture {
        facts.push(format!(
            "Architecture: {}.",
            one_line(a).trim_end_matches('.')
        ));
    }
    if let Some(l) = m.labels {
        facts.push(format!("Labels: {}.", name(l)));
    }
    if !m.offline_metrics.is_empty() {
        facts.push(format!(
            "Offline metrics: `{}`.",
            m.offline_metrics.join("`, `")
        ));
    }
    if !m.online_metrics.is_empty() {
        facts.push(format!(
            "Online metrics: `{}`.",
            m.online_metrics.join("`, `")
        ));
    }
    if let Some(b) = &m.baseline {
        facts.push(format!("Baseline: {}.", one_line(b).trim_end_matches('.')));
    }
    doc.push_str("\n\n");
    doc.push_str(&facts.join(" "));
    doc
}
