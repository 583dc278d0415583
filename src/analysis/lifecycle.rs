//! Facts for `design/ml_pipeline.md` (owned by `vocab`, read by the documents): per model, its
//! lifecycle from the spec alone: the data its training reads, the training stage and its
//! schedule, the gate, the registry, the servers, what watches it, and how fresh it stays.
//! Nothing is guessed: a step the spec does not state is `None` / empty.

use crate::model::kinds::ComponentKind;
use crate::model::quantity::Quantity;
use crate::model::{DataRef, Endpoint, Model, ModelId, PipelineId};

/// Where a model is trained.
#[derive(Debug, Clone, PartialEq)]
pub struct Training {
    pub pipeline: PipelineId,
    /// `pipeline.stage` of the stage that `trains` the model.
    pub stage: String,
    /// The pipeline's `schedule`, as written.
    pub schedule: Option<String>,
}

/// One model's lifecycle: data → training (schedule) → gate → registry → serving →
/// monitoring → retraining.
#[derive(Debug, Clone, PartialEq)]
pub struct Lifecycle {
    pub model: ModelId,
    /// What the training pipeline's stages read: store and entity names, in order, once each.
    pub data: Vec<String>,
    pub training: Option<Training>,
    /// `stage: gate` of the stages of the training pipeline that declare a `gate`.
    pub gates: Vec<(String, String)>,
    /// `model_registry` components the training pipeline writes (a stage `writes` it, or a flow
    /// leaves the pipeline or one of its stages for it).
    pub registries: Vec<String>,
    /// Components whose `model` names it.
    pub servers: Vec<String>,
    /// Metrics whose `source` is one of its servers.
    pub metrics: Vec<String>,
    /// Drift checks on a field of one of its input entities, as `Entity.field`.
    pub drifts: Vec<String>,
    pub label_delay: Option<Quantity>,
    /// The tightest `volume.freshness` among its input entities.
    pub freshness: Option<Quantity>,
}

/// The lifecycle of every model, in declaration order.
pub fn lifecycles(m: &Model) -> Vec<Lifecycle> {
    (0..m.models.len())
        .map(|i| lifecycle(m, ModelId(i)))
        .collect()
}

fn push_once(v: &mut Vec<String>, s: String) {
    if !v.contains(&s) {
        v.push(s);
    }
}

fn lifecycle(m: &Model, id: ModelId) -> Lifecycle {
    let x = m.model(id);
    let trained = m.pipelines.iter().enumerate().find_map(|(pi, p)| {
        p.stages
            .iter()
            .find(|s| s.trains.contains(&id))
            .map(|s| (PipelineId(pi), format!("{}.{}", p.named.name, s.named.name)))
    });
    let mut data = Vec::new();
    let mut gates = Vec::new();
    let mut registries = Vec::new();
    let training = trained.map(|(pid, stage)| {
        let p = m.pipeline(pid);
        for i in &p.order {
            let Some(s) = p.stages.get(*i) else { continue };
            for r in &s.reads {
                push_once(&mut data, data_name(m, *r));
            }
            for w in &s.writes {
                if let DataRef::Component(c) = w
                    && m.component(*c).kind == ComponentKind::ModelRegistry
                {
                    push_once(&mut registries, m.component(*c).named.name.clone());
                }
            }
            if let Some(g) = &s.gate {
                gates.push((s.named.name.clone(), g.clone()));
            }
        }
        for f in &m.flows {
            let from_here = match &f.from {
                Endpoint::Pipeline(q) => *q == pid,
                Endpoint::Stage(s) => s.pipeline == pid,
                _ => false,
            };
            if let (true, Endpoint::Component(c)) = (from_here, &f.to)
                && m.component(*c).kind == ComponentKind::ModelRegistry
            {
                push_once(&mut registries, m.component(*c).named.name.clone());
            }
        }
        Training {
            pipeline: pid,
            stage,
            schedule: p.schedule.clone(),
        }
    });
    let server_ids: Vec<usize> = (0..m.components.len())
        .filter(|i| m.components[*i].models.contains(&id))
        .collect();
    let servers = server_ids
        .iter()
        .map(|i| m.components[*i].named.name.clone())
        .collect();
    let metrics = m
        .monitoring
        .metrics
        .iter()
        .filter(|k| k.source.is_some_and(|c| server_ids.contains(&c.0)))
        .map(|k| k.named.name.clone())
        .collect();
    let drifts = m
        .monitoring
        .drifts
        .iter()
        .filter_map(|d| d.feature)
        .filter(|(e, _)| x.inputs.contains(e))
        .map(|(e, f)| {
            let entity = m.entity(e);
            let field = entity.fields.get(f).map_or("?", |f| f.name.as_str());
            format!("{}.{field}", entity.named.name)
        })
        .collect();
    let freshness = x
        .inputs
        .iter()
        .filter_map(|e| m.entity(*e).volume.as_ref()?.freshness)
        .min_by(|a, b| a.value.total_cmp(&b.value));
    Lifecycle {
        model: id,
        data,
        training,
        gates,
        registries,
        servers,
        metrics,
        drifts,
        label_delay: x.label_delay,
        freshness,
    }
}

fn data_name(m: &Model, r: DataRef) -> String {
    match r {
        DataRef::Component(c) => m.component(c).named.name.clone(),
        DataRef::Entity(e) => m.entity(e).named.name.clone(),
    }
}
