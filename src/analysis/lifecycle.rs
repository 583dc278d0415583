//! Model lifecycle facts: per model, where its training data comes from, the pipelines that
//! train it (schedule, gates, registry writes), its servers, and what watches it.

use crate::model::{ComponentId, ComponentKind, DataRef, Model, ModelId, PipelineId};

/// One model's lifecycle: data → training (schedule) → gate → registry → serving →
/// monitoring → retraining.
#[derive(Debug, Clone, PartialEq)]
pub struct Lifecycle {
    pub model: ModelId,
    /// Stores the training pipelines' stages read.
    pub data: Vec<ComponentId>,
    /// Pipelines with a stage that `trains` the model.
    pub training: Vec<PipelineId>,
    /// The training pipelines' `schedule`s, as written.
    pub schedules: Vec<String>,
    /// The `gate`s of the training pipelines' stages.
    pub gates: Vec<String>,
    /// Model registries the training pipelines write.
    pub registries: Vec<ComponentId>,
    /// Components that serve the model.
    pub servers: Vec<ComponentId>,
    /// Metrics sourced at a server (indices in `monitoring.metrics`).
    pub metrics: Vec<usize>,
    /// Drift checks on a field of an input (indices in `monitoring.drifts`).
    pub drifts: Vec<usize>,
    /// Seconds until labels arrive.
    pub label_delay: Option<f64>,
    /// Seconds: the largest `volume.freshness` among its inputs.
    pub freshness: Option<f64>,
}

pub fn build(m: &Model) -> Vec<Lifecycle> {
    m.models
        .iter()
        .enumerate()
        .map(|(i, model)| {
            let id = ModelId(i);
            let training: Vec<PipelineId> = m
                .pipelines
                .iter()
                .enumerate()
                .filter(|(_, p)| p.stages.iter().any(|s| s.trains.contains(&id)))
                .map(|(k, _)| PipelineId(k))
                .collect();
            let mut data = Vec::new();
            let mut registries = Vec::new();
            let mut gates = Vec::new();
            let mut schedules = Vec::new();
            for p in &training {
                let p = m.pipeline(*p);
                schedules.extend(p.schedule.clone());
                for s in &p.stages {
                    gates.extend(s.gate.clone());
                    for r in &s.reads {
                        if let DataRef::Component(c) = r
                            && !data.contains(c)
                        {
                            data.push(*c);
                        }
                    }
                    for w in &s.writes {
                        if let DataRef::Component(c) = w
                            && m.component(*c).kind == ComponentKind::ModelRegistry
                            && !registries.contains(c)
                        {
                            registries.push(*c);
                        }
                    }
                }
            }
            let servers: Vec<ComponentId> = (0..m.components.len())
                .map(ComponentId)
                .filter(|c| m.component(*c).models.contains(&id))
                .collect();
            let metrics = m
                .monitoring
                .metrics
                .iter()
                .enumerate()
                .filter(|(_, x)| x.source.is_some_and(|s| servers.contains(&s)))
                .map(|(k, _)| k)
                .collect();
            let drifts = m
                .monitoring
                .drifts
                .iter()
                .enumerate()
                .filter(|(_, d)| d.feature.is_some_and(|(e, _)| model.inputs.contains(&e)))
                .map(|(k, _)| k)
                .collect();
            let freshness = model
                .inputs
                .iter()
                .filter_map(|e| m.entity(*e).volume.as_ref()?.freshness.map(|q| q.value))
                .fold(None, |a: Option<f64>, b| Some(a.map_or(b, |a| a.max(b))));
            Lifecycle {
                model: id,
                data,
                training,
                schedules,
                gates,
                registries,
                servers,
                metrics,
                drifts,
                label_delay: model.label_delay.map(|q| q.value),
                freshness,
            }
        })
        .collect()
}
