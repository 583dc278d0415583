//! Model -> `design/ml_pipeline.md`: the pipeline diagram, every pipeline with its stages in
//! order, and every model with its metrics, version, labels and label delay.

use super::super::Ctx;
use super::super::markdown::{Markdown, code, escape, link};
use super::super::paths::{self, ML_PIPELINE};
use super::super::text::{self, none_yet};
use crate::analysis::lifecycle::Lifecycle;
use crate::model::quantity::{human_count, human_time};
use crate::model::{ModelId, Pipeline};

pub fn document(ctx: &Ctx) -> String {
    let m = ctx.m;
    let mut md = ctx.doc("ML pipeline");
    ctx.embed(&mut md, ML_PIPELINE, paths::ML_PIPELINE_SVG, "ML pipeline");

    md.heading(2, "Pipelines");
    if m.pipelines.is_empty() {
        md.para(&none_yet(
            "pipeline",
            "pipeline NAME { kind: training; stage ... }",
        ));
    }
    for p in &m.pipelines {
        pipeline(&mut md, ctx, p);
    }

    md.heading(2, "Models");
    if m.models.is_empty() {
        md.para(&none_yet(
            "model",
            "model NAME { task: ...; framework: ... }",
        ));
    }
    for i in 0..m.models.len() {
        model(&mut md, ctx, ModelId(i));
    }
    md.para(&format!(
        "Experiments and the rollout plan are in the {}; model-quality alerts and drift checks \
         in {} and {}.",
        link("detailed design", ML_PIPELINE, paths::DETAILED),
        link("alerts", ML_PIPELINE, paths::ALERTS),
        link("observability", ML_PIPELINE, paths::OBSERVABILITY)
    ));
    md.finish()
}

fn pipeline(md: &mut Markdown, ctx: &Ctx, p: &Pipeline) {
    let m = ctx.m;
    md.heading_md(3, &text::title(&p.named));
    let mut facts = Vec::new();
    if let Some(k) = p.kind {
        facts.push(format!("Kind: {k}"));
    }
    if let Some(x) = p.mode {
        facts.push(format!("Mode: {x}"));
    }
    if let Some(s) = &p.schedule {
        facts.push(format!("Schedule: {}", code(s)));
    }
    if let Some(o) = &p.orchestrator {
        facts.push(format!("Orchestrator: {}", escape(o)));
    }
    if let Some(d) = &p.description {
        md.prose(d, 4);
    }
    if !facts.is_empty() {
        md.bullets(facts);
    }
    if p.stages.is_empty() {
        md.para(&none_yet("stage", "stage NAME \"Label\" { reads: [...] }"));
        return;
    }
    let rows: Vec<Vec<String>> = p
        .order
        .iter()
        .enumerate()
        .filter_map(|(n, i)| {
            let s = p.stages.get(*i)?;
            let mut models = Vec::new();
            if !s.trains.is_empty() {
                models.push(format!("trains {}", text::models(m, &s.trains)));
            }
            if !s.uses.is_empty() {
                models.push(format!("uses {}", text::models(m, &s.uses)));
            }
            let runs_on = [s.tech.as_deref(), s.resources.as_deref()]
                .into_iter()
                .flatten()
                .map(escape)
                .collect::<Vec<_>>()
                .join(", ");
            Some(vec![
                (n + 1).to_string(),
                format!("{} ({})", escape(&s.named.label), code(&s.named.name)),
                text::data_refs(m, &s.reads),
                text::data_refs(m, &s.writes),
                models.join("; "),
                runs_on,
                text::opt_qty(&s.duration),
            ])
        })
        .collect();
    md.table(
        &[
            "#", "Stage", "Reads", "Writes", "Models", "Runs on", "Duration",
        ],
        &rows,
    );
    if p.arrows.is_empty() {
        md.para("The stages run in the order written.");
    } else {
        let linear = p.arrows.len() + 1 == p.stages.len()
            && p.arrows.windows(2).all(|w| w[0].to == w[1].from)
            && p.arrows.iter().all(|a| a.label.is_none());
        if linear {
            let names: Vec<String> = std::iter::once(p.arrows[0].from)
                .chain(p.arrows.iter().map(|a| a.to))
                .map(|i| stage_name(p, i))
                .collect();
            md.para(&format!("Order: {}.", names.join(" → ")));
        } else {
            md.para("Dependencies:");
            md.bullets(p.arrows.iter().map(|a| {
                let label = a
                    .label
                    .as_deref()
                    .map(|l| format!(": {}", escape(l)))
                    .unwrap_or_default();
                format!("{} → {}{label}", stage_name(p, a.from), stage_name(p, a.to))
            }));
        }
    }
    let notes: Vec<String> = p
        .order
        .iter()
        .filter_map(|i| p.stages.get(*i))
        .flat_map(|s| {
            let name = code(&s.named.name);
            let mut v = Vec::new();
            if let Some(g) = &s.gate {
                v.push(format!("{name} gate: {}", code(g)));
            }
            if let Some(t) = &s.timeout {
                v.push(format!("{name} timeout: {}", text::qty(t)));
            }
            if let Some(f) = &s.fallback {
                v.push(format!("{name} fallback: {}", escape(f)));
            }
            if let Some(d) = &s.description {
                v.push(format!("{name}: {}", escape(d)));
            }
            v
        })
        .collect();
    if !notes.is_empty() {
        md.para("Stage notes:");
        md.bullets(notes);
    }
}

/// A stage's name as code (`?` for an index the resolver would never produce).
fn stage_name(p: &Pipeline, i: usize) -> String {
    code(p.stages.get(i).map_or("?", |s| s.named.name.as_str()))
}

fn model(md: &mut Markdown, ctx: &Ctx, id: ModelId) {
    let m = ctx.m;
    let x = m.model(id);
    md.heading_md(3, &text::title(&x.named));
    if let Some(d) = &x.description {
        md.prose(d, 4);
    }
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row = |k: &str, v: String| {
        if !v.is_empty() {
            rows.push(vec![k.to_string(), v]);
        }
    };
    row(
        "Task",
        x.task
            .map(|t| t.as_str().replace('_', " "))
            .unwrap_or_default(),
    );
    row(
        "Framework",
        x.framework.map(|t| t.to_string()).unwrap_or_default(),
    );
    row(
        "Architecture",
        x.architecture.as_deref().map(escape).unwrap_or_default(),
    );
    row(
        "Parameters",
        x.parameters.map(human_count).unwrap_or_default(),
    );
    row(
        "Version",
        x.version.as_deref().map(escape).unwrap_or_default(),
    );
    row("Inputs", text::entities(m, &x.inputs));
    row(
        "Output",
        x.output.map(|e| text::entity(m, e)).unwrap_or_default(),
    );
    row(
        "Baseline",
        x.baseline.as_deref().map(escape).unwrap_or_default(),
    );
    row("Offline metrics", text::words(&x.offline_metrics));
    row("Online metrics", text::words(&x.online_metrics));
    row(
        "Labels",
        x.labels.map(|e| text::entity(m, e)).unwrap_or_default(),
    );
    row("Label delay", text::opt_qty(&x.label_delay));
    let servers: Vec<String> = m
        .components
        .iter()
        .filter(|c| c.models.contains(&id))
        .map(|c| code(&c.named.name))
        .collect();
    row("Served by", servers.join(", "));
    let stages = |pick: fn(&crate::model::Stage) -> &Vec<ModelId>| -> String {
        m.pipelines
            .iter()
            .flat_map(|p| {
                p.stages
                    .iter()
                    .filter(move |s| pick(s).contains(&id))
                    .map(move |s| code(&format!("{}.{}", p.named.name, s.named.name)))
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    row("Trained by", stages(|s| &s.trains));
    row("Used by", stages(|s| &s.uses));
    md.table(&["Attribute", "Value"], &rows);
    if let Some(l) = ctx.review.facts.lifecycles.iter().find(|l| l.model == id) {
        md.para(&lifecycle_line(m, l));
    }
    let mut gaps = Vec::new();
    if x.labels.is_none() {
        gaps.push("`labels` (the entity that carries ground truth)");
    }
    if x.offline_metrics.is_empty() {
        gaps.push("`offline_metrics`");
    }
    if x.online_metrics.is_empty() {
        gaps.push("`online_metrics`");
    }
    if !gaps.is_empty() {
        md.para(&format!("Not declared yet: {}.", gaps.join(", ")));
    }
}

/// One line: data → training (schedule) → gate → registry → serving → monitoring →
/// retraining, with label delay and freshness; a step the spec does not state says so.
fn lifecycle_line(m: &crate::model::Model, l: &Lifecycle) -> String {
    let join = |v: Vec<String>| {
        v.into_iter()
            .map(|n| code(&n))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let comps = |v: &[crate::model::ComponentId]| {
        join(
            v.iter()
                .map(|c| m.component(*c).named.name.clone())
                .collect(),
        )
    };
    let data = if l.data.is_empty() {
        "no training data declared".to_string()
    } else {
        comps(&l.data)
    };
    let schedules = join(l.schedules.clone());
    let training = if l.training.is_empty() {
        "no training pipeline".to_string()
    } else {
        let pipelines = join(
            l.training
                .iter()
                .map(|p| m.pipeline(*p).named.name.clone())
                .collect(),
        );
        if schedules.is_empty() {
            format!("training {pipelines} (no schedule)")
        } else {
            format!("training {pipelines} ({schedules})")
        }
    };
    let gate = if l.gates.is_empty() {
        "no gate".to_string()
    } else {
        format!("gate {}", join(l.gates.clone()))
    };
    let registry = if l.registries.is_empty() {
        "no registry written".to_string()
    } else {
        format!("registry {}", comps(&l.registries))
    };
    let serving = if l.servers.is_empty() {
        "not served".to_string()
    } else {
        format!("served by {}", comps(&l.servers))
    };
    let mut watched = Vec::new();
    if !l.metrics.is_empty() {
        let names = l
            .metrics
            .iter()
            .filter_map(|i| m.monitoring.metrics.get(*i))
            .map(|x| x.named.name.clone())
            .collect();
        watched.push(format!("metrics {}", join(names)));
    }
    if !l.drifts.is_empty() {
        let names = l
            .drifts
            .iter()
            .filter_map(|i| m.monitoring.drifts.get(*i))
            .map(|x| x.named.name.clone())
            .collect();
        watched.push(format!("drift checks {}", join(names)));
    }
    let monitoring = if watched.is_empty() {
        "no metric or drift check".to_string()
    } else {
        watched.join(" and ")
    };
    let retraining = if schedules.is_empty() {
        "no retraining schedule".to_string()
    } else {
        format!("retrained on {schedules}")
    };
    let label = match l.label_delay {
        Some(d) => format!("labels arrive {} after serving", human_time(d)),
        None => "label delay not declared".to_string(),
    };
    let fresh = match l.freshness {
        Some(f) => format!("inputs fresh within {}", human_time(f)),
        None => "input freshness not declared".to_string(),
    };
    format!(
        "Lifecycle: {data} → {training} → {gate} → {registry} → {serving} → {monitoring} → \
         {retraining}; {label}, {fresh}."
    )
}
