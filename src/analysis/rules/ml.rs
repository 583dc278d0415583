//! R012 model without labels, R018 served model not watched, R020 experiment cannot reach
//! significance.

use crate::analysis::Facts;
use crate::analysis::finding::{Finding, Level};
use crate::analysis::format::{comp, list};
use crate::analysis::rules::operations::alert_identifiers;
use crate::model::quantity::human_count;
use crate::model::{ComponentId, Model, ModelId, ModelTask};

fn servers(m: &Model, id: ModelId) -> Vec<ComponentId> {
    (0..m.components.len())
        .map(ComponentId)
        .filter(|c| m.component(*c).models.contains(&id))
        .collect()
}

pub fn check(m: &Model, f: &Facts, out: &mut Vec<Finding>) {
    for (i, model) in m.models.iter().enumerate() {
        let served = servers(m, ModelId(i));
        if served.is_empty() {
            continue;
        }
        let exempt = matches!(
            model.task,
            Some(ModelTask::Embedding | ModelTask::AnomalyDetection | ModelTask::Clustering)
        );
        if model.labels.is_none() && !exempt {
            out.push(
                Finding::new(
                    "R012",
                    Level::Medium,
                    &model.named.name,
                    model.named.name_span,
                    format!(
                        "model `{}` is served by {} but has no `labels`",
                        model.named.name,
                        comp(m, served[0])
                    ),
                )
                .fix("name the entity that labels its predictions in `labels` (and its `label_delay`)"),
            );
        }
        r018(m, ModelId(i), &served, out);
    }
    r020(m, f, out);
}

fn r018(m: &Model, id: ModelId, served: &[ComponentId], out: &mut Vec<Finding>) {
    let model = m.model(id);
    let alerted = m.monitoring.alerts.iter().any(|a| {
        let ids = a.expr.as_deref().map(alert_identifiers).unwrap_or_default();
        m.monitoring.metrics.iter().any(|metric| {
            metric.source.is_some_and(|s| served.contains(&s))
                && ids.iter().any(|w| names_metric(w, &metric.named.name))
        })
    });
    let drifted = m
        .monitoring
        .drifts
        .iter()
        .any(|d| d.feature.is_some_and(|(e, _)| model.inputs.contains(&e)));
    let mut missing = Vec::new();
    if !alerted {
        missing.push(format!(
            "no alert on a metric of {}",
            list(&served.iter().map(|c| comp(m, *c)).collect::<Vec<_>>())
        ));
    }
    if !drifted {
        missing.push("no `drift` on a field of its inputs".to_string());
    }
    if missing.is_empty() {
        return;
    }
    out.push(
        Finding::new(
            "R018",
            Level::Medium,
            &model.named.name,
            model.named.name_span,
            format!("served model `{}` is not watched: {}", model.named.name, missing.join("; ")),
        )
        .number("missing", missing.len().to_string())
        .fix("declare a metric with its server as `source` and an alert on it, and a `drift` on an input field"),
    );
}

/// Whether an identifier of an alert names a metric (with `_total`, `_bucket`, `_count` or
/// `_sum` allowed).
pub fn names_metric(word: &str, metric: &str) -> bool {
    word == metric
        || ["_total", "_bucket", "_count", "_sum"]
            .iter()
            .any(|s| word.strip_suffix(s) == Some(metric))
}

fn r020(m: &Model, f: &Facts, out: &mut Vec<Finding>) {
    for size in &f.experiments {
        let e = &m.operations.experiments[size.experiment];
        match size.available {
            None => out.push(
                Finding::new(
                    "R020",
                    Level::Low,
                    &e.named.name,
                    e.named.name_span,
                    format!(
                        "experiment `{}` cannot be evaluated: `scaling.traffic` lacks `daily_active_users` or `requests_per_user`",
                        e.named.name
                    ),
                )
                .number("requests per arm needed", human_count(size.needed))
                .fix("declare `daily_active_users` and `requests_per_user` in `scaling.traffic`"),
            ),
            Some(avail) if size.needed > avail => out.push(
                Finding::new(
                    "R020",
                    Level::High,
                    &e.named.name,
                    e.named.name_span,
                    format!(
                        "experiment `{}` needs 15.7 × {p}% × {q}% / ({p}% × {d}%)² = {} requests per arm but its treatment arm gets {}",
                        e.named.name,
                        human_count(size.needed),
                        human_count(avail),
                        p = crate::model::quantity::fmt_num(size.baseline * 100.0),
                        q = crate::model::quantity::fmt_num((1.0 - size.baseline) * 100.0),
                        d = crate::model::quantity::fmt_num(size.effect * 100.0),
                    ),
                )
                .number("needed per arm", human_count(size.needed))
                .number("treatment requests", human_count(avail))
                .fix("raise the `split` or the `duration`, or aim at a larger `min_detectable_effect`"),
            ),
            Some(_) => {}
        }
    }
}
