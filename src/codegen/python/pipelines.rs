//! Pipelines of some kinds -> `training_pipeline.py` or `inference_pipeline.py`: a function
//! per stage with its facts in the docstring, typed by what it reads and writes
//! (`stage_flow`), a `run()` calling them in topological order and passing the values along
//! (parallel branches marked), and a `__main__` entry point.

use super::imports::Imports;
use super::stage_flow::flow;
use super::{Ctx, PyWriter, assemble, py_str};
use crate::codegen::names::{Scope, python_ident, snake_case};
use crate::model::{DataRef, Pipeline, PipelineKind, Stage};

/// The pipelines of a file with their function names: the runner and one name per stage.
pub struct Plan<'m> {
    pub pipeline: &'m Pipeline,
    pub runner: String,
    pub stages: Vec<String>,
}

/// The pipelines of the file `kinds` select (`default_here`: also those without a `kind`),
/// named the way the file names them.
pub fn plans<'m>(ctx: &Ctx<'m>, kinds: &[PipelineKind], default_here: bool) -> Vec<Plan<'m>> {
    let pipelines: Vec<&Pipeline> = ctx
        .model
        .pipelines
        .iter()
        .filter(|p| p.kind.map_or(default_here, |k| kinds.contains(&k)))
        .collect();
    let mut scope = Scope::with_reserved(&["run", "main"]);
    let many = pipelines.len() > 1;
    pipelines
        .into_iter()
        .map(|p| {
            let runner = if many {
                scope.claim(&format!("run_{}", python_ident(&snake_case(&p.named.name))))
            } else {
                "run".to_string()
            };
            let stages = p
                .stages
                .iter()
                .map(|s| {
                    let base = if many {
                        format!(
                            "{}_{}",
                            snake_case(&p.named.name),
                            snake_case(&s.named.name)
                        )
                    } else {
                        snake_case(&s.named.name)
                    };
                    scope.claim(&python_ident(&base))
                })
                .collect();
            Plan {
                pipeline: p,
                runner,
                stages,
            }
        })
        .collect()
}

/// `kinds` select the pipelines; `default_here` takes the pipelines without a `kind`.
pub fn render(ctx: &Ctx, module: &str, kinds: &[PipelineKind], default_here: bool) -> String {
    let kind_words: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
    let plans = plans(ctx, kinds, default_here);
    let many = plans.len() > 1;

    let mut w = PyWriter::default();
    let mut first = true;
    let mut sep = |w: &mut PyWriter| {
        if !std::mem::replace(&mut first, false) {
            w.blank();
            w.blank();
        }
    };
    let mut imports = Imports::default();
    let mut taken: Vec<String> = vec!["run".into()];
    for plan in &plans {
        taken.push(plan.runner.clone());
        taken.extend(plan.stages.iter().cloned());
    }
    for Plan {
        pipeline: p,
        runner,
        stages,
    } in &plans
    {
        let flow = flow(ctx, p, &taken, &mut imports);
        for (si, (s, fname)) in p.stages.iter().zip(stages).enumerate() {
            sep(&mut w);
            let io = &flow.stages[si];
            let params: Vec<String> = io
                .params
                .iter()
                .map(|v| format!("{}: {}", v.var, v.ty))
                .collect();
            w.def(fname, &params, &io.returns(), |w| {
                w.docstring(&stage_doc(ctx, p, s));
                let what = format!("write stage `{}.{}`", p.named.name, s.named.name);
                w.call("raise NotImplementedError", &[py_str(&what)]);
            });
        }
        sep(&mut w);
        w.block(format!("def {runner}() -> None"), |w| {
            w.docstring(&pipeline_doc(p));
            for &i in &flow.run_order {
                let (Some(f), Some(io)) = (stages.get(i), flow.stages.get(i)) else {
                    continue;
                };
                if let Some(group) = flow.parallel.iter().find(|g| g.first() == Some(&i)) {
                    let names: Vec<&str> = group
                        .iter()
                        .filter_map(|&j| stages.get(j).map(String::as_str))
                        .collect();
                    w.line(format!(
                        "# Parallel branches (none waits for another): {}.",
                        names.join(", ")
                    ));
                }
                let args: Vec<String> = io.params.iter().map(|v| v.var.clone()).collect();
                let targets: Vec<&str> = io
                    .outputs
                    .iter()
                    .zip(&io.used)
                    .map(|(v, &used)| if used { v.var.as_str() } else { "_" })
                    .collect();
                let head = if targets.iter().all(|t| *t == "_") {
                    f.clone()
                } else {
                    format!("{} = {f}", targets.join(", "))
                };
                w.call(&head, &args);
            }
        });
    }
    if many {
        sep(&mut w);
        w.block("def run() -> None", |w| {
            w.docstring("Runs every pipeline of this file, in the order the spec declares them.");
            for plan in &plans {
                w.line(format!("{}()", plan.runner));
            }
        });
    }
    if plans.is_empty() {
        sep(&mut w);
        w.block("def run() -> None", |w| {
            w.docstring(&format!(
                "The spec declares no pipeline of kind {}; nothing to run.",
                kind_words.join(" or ")
            ));
        });
    }
    sep(&mut w);
    w.block("if __name__ == \"__main__\"", |w| w.line("run()"));

    let doc = format!(
        "{} pipelines of {}: one function per stage, `run()` calls them in order.\n\n\
         Run from the design folder with `python -m implementation.{}`.",
        capitalise(&kind_words.join(" and ")),
        ctx.system(),
        module
    );
    assemble(&ctx.header, &doc, &imports, w)
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or(String::new(), |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}

fn pipeline_doc(p: &Pipeline) -> String {
    let mut doc = format!(
        "Runs the `{}` pipeline: {}.",
        p.named.name,
        p.named.label.trim_end_matches('.')
    );
    let mut facts = Vec::new();
    if let Some(k) = p.kind {
        facts.push(format!("Kind: {k}."));
    }
    if let Some(m) = p.mode {
        facts.push(format!("Mode: {m}."));
    }
    if let Some(s) = &p.schedule {
        facts.push(format!("Schedule: `{s}`."));
    }
    if let Some(o) = &p.orchestrator {
        facts.push(format!("Orchestrator: {o}."));
    }
    if let Some(d) = &p.description {
        facts.push(d.trim().to_string());
    }
    if !facts.is_empty() {
        doc.push_str("\n\n");
        doc.push_str(&facts.join("\n"));
    }
    doc
}

fn stage_doc(ctx: &Ctx, p: &Pipeline, s: &Stage) -> String {
    let m = ctx.model;
    let data = |refs: &[DataRef]| -> String {
        refs.iter()
            .map(|r| match r {
                DataRef::Component(c) => m.component(*c).named.name.clone(),
                DataRef::Entity(e) => m.entity(*e).named.name.clone(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let models = |ids: &[crate::model::ModelId]| -> String {
        ids.iter()
            .map(|i| m.model(*i).named.name.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut doc = format!("{}.", s.named.label.trim_end_matches('.'));
    let mut facts = Vec::new();
    if let Some(d) = &s.description {
        facts.push(d.trim().to_string());
    }
    let idx = p.stages.iter().position(|x| std::ptr::eq(x, s));
    let after: Vec<&str> = p
        .arrows
        .iter()
        .filter(|a| Some(a.to) == idx)
        .filter_map(|a| p.stages.get(a.from).map(|x| x.named.name.as_str()))
        .collect();
    if !after.is_empty() {
        facts.push(format!("After: {}.", after.join(", ")));
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
    if let Some(t) = &s.tech {
        facts.push(format!("Tech: {t}."));
    }
    if let Some(r) = &s.resources {
        facts.push(format!("Resources: {r}."));
    }
    if let Some(d) = &s.duration {
        facts.push(format!("Duration: about {d}."));
    }
    if let Some(t) = &s.timeout {
        facts.push(format!("Timeout: {t}."));
    }
    if let Some(f) = &s.fallback {
        facts.push(format!("Fallback: {f}."));
    }
    if let Some(g) = &s.gate {
        facts.push(format!("Gate: `{g}` must hold to continue."));
    }
    if !facts.is_empty() {
        doc.push_str("\n\n");
        doc.push_str(&facts.join("\n"));
    }
    doc
}
