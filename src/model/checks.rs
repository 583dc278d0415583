//! The warnings of language.md §5: the design checklist, unused components and entities,
//! near-miss requirement keys, peak consistency, budget and capacity.

use super::capacity;
use super::kinds::{ComponentKind, PipelineKind};
use super::quantity::{Dimension, fmt_num, human, human_count, human_money};
use super::resolve::symbols::article;
use super::types::*;
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::model::vocab::RequirementKey;
use crate::span::Span;

/// One item of the design checklist: whether the spec has it, and how to add it.
pub struct ChecklistItem {
    pub title: &'static str,
    pub done: bool,
    /// The construct that fills it.
    pub construct: &'static str,
}

/// The key sections of a design (language.md §5), in a fixed order.
pub fn checklist(m: &Model) -> Vec<ChecklistItem> {
    let nonempty = |s: &Option<FreeSection>| s.as_ref().is_some_and(|s| !s.is_empty());
    let constraints = m
        .requirements
        .constraints
        .as_ref()
        .is_some_and(|s| !s.is_empty());
    let item = |title, done, construct| ChecklistItem {
        title,
        done,
        construct,
    };
    vec![
        item(
            "functional requirement",
            nonempty(&m.requirements.functional),
            "requirements { functional { \"...\" } }",
        ),
        item(
            "non-functional requirement",
            nonempty(&m.requirements.non_functional),
            "requirements { non_functional { latency_p99: 150ms } }",
        ),
        item(
            "constraint",
            constraints,
            "requirements { constraints { budget: $40k/mo } }",
        ),
        item(
            "model",
            !m.models.is_empty(),
            "model NAME { task: ...; framework: ... }",
        ),
        item(
            "training pipeline",
            m.pipelines
                .iter()
                .any(|p| p.kind == Some(PipelineKind::Training)),
            "pipeline NAME { kind: training ... }",
        ),
        item(
            "inference path",
            m.pipelines
                .iter()
                .any(|p| p.kind == Some(PipelineKind::Inference))
                || m.components
                    .iter()
                    .any(|c| c.kind == ComponentKind::ModelServer),
            "pipeline NAME { kind: inference ... } or a model_server",
        ),
        item("api", !m.apis.is_empty(), "api NAME { protocol: rest ... }"),
        item(
            "alert",
            !m.monitoring.alerts.is_empty(),
            "monitoring { alert NAME { expr: \"...\" } }",
        ),
        item(
            "drift check",
            !m.monitoring.drifts.is_empty(),
            "monitoring { drift NAME { feature: Entity.field } }",
        ),
        item(
            "experiment",
            !m.operations.experiments.is_empty(),
            "operations { experiment NAME { split: 5% } }",
        ),
        item(
            "rollback strategy",
            m.operations.rollback.is_some() || m.operations.rollout.is_some(),
            "operations { rollback: \"...\" } or operations { rollout { ... } }",
        ),
        item(
            "disaster recovery",
            m.operations.disaster_recovery.is_some(),
            "operations { disaster_recovery { rpo: 1h; rto: 15min } }",
        ),
        item(
            "security section",
            m.security.as_ref().is_some_and(|s| !s.is_empty()),
            "security { authentication: \"...\" }",
        ),
    ]
}

/// Every warning, unordered.
pub fn warnings(m: &Model) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let anchor = Span::new(
        m.system.span.start,
        m.system.span.start + "system".len().min(m.system.span.end - m.system.span.start),
    );
    for item in checklist(m).iter().filter(|i| !i.done) {
        out.push(
            Diagnostic::warning(
                codes::W001,
                anchor,
                format!("the design has no {}", item.title),
            )
            .with_help(format!("add `{}`", item.construct)),
        );
    }
    unused_components(m, &mut out);
    unused_entities(m, &mut out);
    near_miss_keys(m, &mut out);
    peak_consistency(m, &mut out);
    budget(m, &mut out);
    capacity_check(m, &mut out);
    out
}

fn unused_components(m: &Model, out: &mut Vec<Diagnostic>) {
    let mut used = vec![false; m.components.len()];
    for f in &m.flows {
        for e in [f.from, f.to] {
            if let Endpoint::Component(c) = e {
                used[c.0] = true;
            }
        }
    }
    for p in &m.pipelines {
        for s in &p.stages {
            for d in s.reads.iter().chain(&s.writes) {
                if let DataRef::Component(c) = d {
                    used[c.0] = true;
                }
            }
        }
    }
    for (c, used) in m.components.iter().zip(used) {
        if !used {
            out.push(
                Diagnostic::warning(codes::W002, c.named.name_span, format!("component `{}` takes part in no flow", c.named.name))
                    .with_help(format!("connect it with a flow (`{} -> OTHER`) or a stage's `reads`/`writes`, or remove it", c.named.name)),
            );
        }
    }
}

fn unused_entities(m: &Model, out: &mut Vec<Diagnostic>) {
    let mut used = vec![false; m.entities.len()];
    let mut mark = |e: EntityId| used[e.0] = true;
    fn mark_type(t: &FieldType, mark: &mut dyn FnMut(EntityId)) {
        match t {
            FieldType::Entity(e) => mark(*e),
            FieldType::List(t) | FieldType::Optional(t) => mark_type(t, mark),
            FieldType::Map(k, v) => {
                mark_type(k, mark);
                mark_type(v, mark);
            }
            _ => {}
        }
    }
    for e in &m.entities {
        for f in &e.fields {
            mark_type(&f.ty, &mut mark);
        }
    }
    for api in &m.apis {
        for ep in &api.endpoints {
            ep.request
                .into_iter()
                .chain(ep.response)
                .for_each(&mut mark);
            for p in &ep.params {
                mark_type(&p.ty, &mut mark);
            }
        }
    }
    for model in &m.models {
        model
            .inputs
            .iter()
            .copied()
            .chain(model.output)
            .chain(model.labels)
            .for_each(&mut mark);
    }
    for f in &m.flows {
        f.data.iter().chain(&f.returns).copied().for_each(&mut mark);
    }
    for p in &m.pipelines {
        for s in &p.stages {
            for d in s.reads.iter().chain(&s.writes) {
                if let DataRef::Entity(e) = d {
                    mark(*e);
                }
            }
        }
    }
    for d in &m.monitoring.drifts {
        if let Some((e, _)) = d.feature {
            mark(e);
        }
    }
    for (i, e) in m.entities.iter().enumerate() {
        if e.volume.is_some() {
            used[i] = true;
        }
    }
    for (e, used) in m.entities.iter().zip(used) {
        if !used {
            out.push(
                Diagnostic::warning(codes::W003, e.named.name_span, format!("entity `{}` is used nowhere", e.named.name))
                    .with_help("use it as a field type, request, response, model input/output, flow `data` or stage `reads`/`writes`, or remove it"),
            );
        }
    }
}

fn near_miss_keys(m: &Model, out: &mut Vec<Diagnostic>) {
    let Some(nf) = &m.requirements.non_functional else {
        return;
    };
    for e in &nf.entries {
        if RequirementKey::parse(&e.key).is_some() {
            continue;
        }
        let close = RequirementKey::non_functional()
            .map(|k| (strsim::damerau_levenshtein(&e.key, k.as_str()), k.as_str()))
            .filter(|(d, _)| *d <= 2)
            .min();
        if let Some((_, key)) = close {
            let key_span = Span::new(e.span.start, e.span.start + e.key.len());
            out.push(
                Diagnostic::warning(
                    codes::W004,
                    key_span,
                    format!(
                        "`{}` is not a checked requirement; did you mean `{key}`?",
                        e.key
                    ),
                )
                .with_help(format!(
                    "write `{key}` so its value is checked, or pick a clearly different name"
                )),
            );
        }
    }
}

fn peak_consistency(m: &Model, out: &mut Vec<Diagnostic>) {
    let Some(t) = capacity::traffic(m) else {
        return;
    };
    let Some(nf) = &m.requirements.non_functional else {
        return;
    };
    let Some(entry) = nf
        .entries
        .iter()
        .find(|e| e.key == RequirementKey::PeakThroughput.as_str())
    else {
        return;
    };
    let DocValue::Quantity(q) = &entry.value else {
        return;
    };
    if t.peak <= 0.0 || ((q.value - t.peak) / t.peak).abs() <= 0.10 {
        return;
    }
    out.push(
        Diagnostic::warning(
            codes::W005,
            q.span,
            format!(
                "`peak_throughput` is {} but the traffic implies a peak of {}",
                human(q.value, Dimension::RATE),
                human(t.peak, Dimension::RATE)
            ),
        )
        .with_help(format!(
            "daily_active_users x requests_per_user x peak_factor = {}/s; make the two agree within 10%",
            human_count(t.peak)
        )),
    );
}

fn budget(m: &Model, out: &mut Vec<Diagnostic>) {
    let (Some(budget), Some(cost)) = (m.requirements.budget, capacity::monthly_cost(m)) else {
        return;
    };
    let budget_monthly = budget.value * capacity::MONTH;
    if cost <= budget_monthly + 1e-6 {
        return;
    }
    let span = m.deployment.as_ref().map_or(budget.span, |d| {
        Span::new(d.span.start, d.span.start + "deployment".len())
    });
    out.push(
        Diagnostic::warning(
            codes::W006,
            span,
            format!(
                "the deployment costs {}/mo, over the budget of {}/mo",
                human_money(cost),
                human_money(budget_monthly)
            ),
        )
        .with_help("shrink the node pools, or raise `constraints.budget`")
        .with_note(budget.span, "the budget is set here"),
    );
}

fn capacity_check(m: &Model, out: &mut Vec<Diagnostic>) {
    let loads = capacity::loads(m);
    let all_replicas = capacity::all_replicas(m);
    for ((c, load), replicas) in m.components.iter().zip(loads).zip(all_replicas) {
        let Some(cap) = c.capacity else { continue };
        let Some((load, source)) = load else { continue };
        let total = replicas.total as f64 * cap.value;
        if total + 1e-9 >= load {
            continue;
        }
        let needed = (load / cap.value).ceil();
        let from = match source {
            capacity::LoadSource::Flows(_) => "the rates of its incoming flows".to_string(),
            capacity::LoadSource::ImpliedPeak => "the implied peak".to_string(),
        };
        out.push(
            Diagnostic::warning(
                codes::W007,
                cap.span,
                format!(
                    "{} `{}` handles {} with {}, below its load of {} ({from})",
                    article(&c.kind.caption()),
                    c.named.name,
                    human(total, Dimension::RATE),
                    crate::model::quantity::plural(replicas.total, "replica"),
                    human(load, Dimension::RATE),
                ),
            )
            .with_help(format!(
                "it needs at least {} replicas at {} each",
                fmt_num(needed),
                human(cap.value, Dimension::RATE)
            )),
        );
    }
}
