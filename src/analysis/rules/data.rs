//! R008/R009 model inputs missing from training or serving, R010 store read but never
//! written, R011 queue or stream with no consumer, R013 personal data kept too long, R014
//! personal data leaves the system, R022 flow rates disagree with the volume.

use crate::analysis::Facts;
use crate::analysis::finding::{Finding, Level};
use crate::analysis::format::{comp, list, rate, time};
use crate::codes;
use crate::model::{
    ComponentId, ComponentKind, DataRef, Endpoint, EntityId, FlowMode, Model, ModelId, Pipeline,
    PipelineId,
};

pub fn check(m: &Model, f: &Facts, out: &mut Vec<Finding>) {
    r008(m, f, out);
    r009(m, f, out);
    r010(m, f, out);
    r011(m, out);
    r013(m, f, out);
    r014(m, f, out);
    r022(m, f, out);
}

fn ent(m: &Model, e: EntityId) -> String {
    format!("`{}`", m.entity(e).named.name)
}

/// Whether an entity is present in a pipeline: held by a store a stage reads, named in a
/// stage's `reads`, carried by a flow into the pipeline, or the output of a model a stage uses.
fn present(m: &Model, f: &Facts, pid: PipelineId, p: &Pipeline, e: EntityId) -> bool {
    let held = &f.holds.stores[e.0];
    let read = p.stages.iter().flat_map(|s| &s.reads).any(|r| match r {
        DataRef::Component(c) => held.contains(c),
        DataRef::Entity(x) => *x == e,
    });
    let flow = m.flows.iter().any(|fl| {
        let into = match fl.to {
            Endpoint::Pipeline(q) => q == pid,
            Endpoint::Stage(s) => s.pipeline == pid,
            _ => false,
        };
        into && fl.data.contains(&e)
    });
    let output = p
        .stages
        .iter()
        .flat_map(|s| &s.uses)
        .any(|u| m.model(*u).output == Some(e));
    read || flow || output
}

fn r008(m: &Model, f: &Facts, out: &mut Vec<Finding>) {
    for (mi, model) in m.models.iter().enumerate() {
        for (pi, p) in m.pipelines.iter().enumerate() {
            if !p.stages.iter().any(|s| s.trains.contains(&ModelId(mi))) {
                continue;
            }
            let missing: Vec<String> = model
                .inputs
                .iter()
                .filter(|e| {
                    let written = p
                        .stages
                        .iter()
                        .flat_map(|s| &s.writes)
                        .any(|w| *w == DataRef::Entity(**e));
                    !written && !present(m, f, PipelineId(pi), p, **e)
                })
                .map(|e| ent(m, *e))
                .collect();
            if missing.is_empty() {
                continue;
            }
            out.push(
                Finding::new(
                    codes::R008,
                    Level::Medium,
                    &model.named.name,
                    model.named.name_span,
                    format!(
                        "model `{}` is trained by `{}`, which reads no store holding {}, an input of the model",
                        model.named.name,
                        p.named.name,
                        list(&missing)
                    ),
                )
                .number("missing inputs", missing.len().to_string())
                .fix(format!(
                    "make a stage of `{}` read a store that holds {}",
                    p.named.name,
                    list(&missing)
                )),
            );
        }
    }
}

fn r009(m: &Model, f: &Facts, out: &mut Vec<Finding>) {
    for (mi, model) in m.models.iter().enumerate() {
        let id = ModelId(mi);
        let servers: Vec<ComponentId> = (0..m.components.len())
            .map(ComponentId)
            .filter(|c| m.component(*c).models.contains(&id))
            .collect();
        let Some(&server) = servers.first() else {
            continue;
        };
        let reaches = |s: ComponentId, e: EntityId| {
            m.flows.iter().any(|fl| {
                (fl.from == Endpoint::Component(s)
                    && fl.mode == FlowMode::Sync
                    && fl.returns.contains(&e))
                    || (fl.to == Endpoint::Component(s) && fl.data.contains(&e))
            })
        };
        let in_pipeline = |e: EntityId| {
            m.pipelines.iter().enumerate().any(|(pi, p)| {
                p.stages.iter().any(|s| s.uses.contains(&id)) && present(m, f, PipelineId(pi), p, e)
            })
        };
        let missing: Vec<String> = model
            .inputs
            .iter()
            .filter(|e| !servers.iter().all(|s| reaches(*s, **e)) && !in_pipeline(**e))
            .map(|e| ent(m, *e))
            .collect();
        if missing.is_empty() {
            continue;
        }
        out.push(
            Finding::new(
                codes::R009,
                Level::Medium,
                &model.named.name,
                model.named.name_span,
                format!(
                    "model `{}` is served by {}, which receives no {}, an input of the model",
                    model.named.name,
                    comp(m, server),
                    list(&missing)
                ),
            )
            .number("missing inputs", missing.len().to_string())
            .fix(format!(
                "add a sync call from {} that `returns` {}, or a flow that brings it",
                comp(m, server),
                list(&missing)
            )),
        );
    }
}

pub fn is_durable(kind: ComponentKind) -> bool {
    kind.is_data_store()
        && !matches!(
            kind,
            ComponentKind::Cache | ComponentKind::Queue | ComponentKind::Stream
        )
}

fn r010(m: &Model, f: &Facts, out: &mut Vec<Finding>) {
    for (i, c) in m.components.iter().enumerate() {
        if !is_durable(c.kind) {
            continue;
        }
        let me = Endpoint::Component(ComponentId(i));
        let stage_reads = m
            .pipelines
            .iter()
            .flat_map(|p| &p.stages)
            .any(|s| s.reads.contains(&DataRef::Component(ComponentId(i))));
        let read = stage_reads
            || m.flows.iter().any(|fl| {
                fl.from == me
                    || (fl.to == me && fl.mode == FlowMode::Sync && !fl.returns.is_empty())
            });
        if !read {
            continue;
        }
        let holds = f.holds.stores.iter().any(|s| s.contains(&ComponentId(i)));
        let written_by_call = m
            .flows
            .iter()
            .any(|fl| fl.to == me && fl.mode == FlowMode::Sync && !fl.data.is_empty());
        let written_by_stage = m
            .pipelines
            .iter()
            .flat_map(|p| &p.stages)
            .any(|s| s.writes.contains(&DataRef::Component(ComponentId(i))));
        if holds || written_by_call || written_by_stage {
            continue;
        }
        out.push(
            Finding::new(
                codes::R010,
                Level::Medium,
                &c.named.name,
                c.named.name_span,
                format!(
                    "`{}` is read but nothing writes it: it holds no entity, no call sends it `data` and no stage `writes` it",
                    c.named.name
                ),
            )
            .fix(format!(
                "add the pipeline stage or flow that fills `{}` (`writes: [{}]` or a flow with `data`)",
                c.named.name, c.named.name
            )),
        );
    }
}

fn r011(m: &Model, out: &mut Vec<Finding>) {
    for (i, c) in m.components.iter().enumerate() {
        if !matches!(c.kind, ComponentKind::Queue | ComponentKind::Stream) {
            continue;
        }
        let me = Endpoint::Component(ComponentId(i));
        let incoming = m.flows.iter().filter(|fl| fl.to == me).count();
        if incoming == 0 {
            continue;
        }
        let consumed = m.flows.iter().any(|fl| {
            fl.from == me || (fl.to == me && fl.mode == FlowMode::Sync && !fl.returns.is_empty())
        }) || m
            .pipelines
            .iter()
            .flat_map(|p| &p.stages)
            .any(|s| s.reads.contains(&DataRef::Component(ComponentId(i))));
        if consumed {
            continue;
        }
        out.push(
            Finding::new(
                codes::R011,
                Level::Low,
                &c.named.name,
                c.named.name_span,
                format!(
                    "{} `{}` receives {} but nothing consumes it",
                    c.kind.as_str(),
                    c.named.name,
                    crate::model::quantity::plural(incoming as u64, "flow")
                ),
            )
            .number("incoming flows", incoming.to_string())
            .fix(format!(
                "add the consumer: a flow out of `{}` or a stage that `reads` it",
                c.named.name
            )),
        );
    }
}

fn r013(m: &Model, f: &Facts, out: &mut Vec<Finding>) {
    let Some(limit) = m.pii_retention else { return };
    for (i, e) in m.entities.iter().enumerate() {
        if !f.holds.personal[i] || f.holds.stores[i].is_empty() {
            continue;
        }
        let retention = e.volume.as_ref().and_then(|v| v.retention);
        match retention {
            Some(r) if r.value > limit.value => out.push(
                Finding::new(
                    codes::R013,
                    Level::High,
                    &e.named.name,
                    r.span,
                    format!(
                        "`{}` carries personal data and is kept {}, longer than the {} `pii_retention`",
                        e.named.name,
                        time(r.value),
                        time(limit.value)
                    ),
                )
                .number("retention", time(r.value))
                .number("pii_retention", time(limit.value))
                .fix(format!(
                    "set `retention: {}` or less, or drop the personal fields",
                    time(limit.value).replace(' ', "")
                )),
            ),
            Some(_) => {}
            None => out.push(
                Finding::new(
                    codes::R013,
                    Level::Medium,
                    &e.named.name,
                    e.named.name_span,
                    format!(
                        "`{}` carries personal data and has no `volume.retention` to compare with the {} `pii_retention`",
                        e.named.name,
                        time(limit.value)
                    ),
                )
                .number("pii_retention", time(limit.value))
                .fix(format!(
                    "add `volume {{ retention: {} }}` or less",
                    time(limit.value).replace(' ', "")
                )),
            ),
        }
    }
}

fn r014(m: &Model, f: &Facts, out: &mut Vec<Finding>) {
    let external = |e: Endpoint| match e {
        Endpoint::Component(c) if m.component(c).kind == ComponentKind::External => Some(c),
        _ => None,
    };
    for fl in &m.flows {
        let mut leaks: Vec<(ComponentId, EntityId, &str)> = Vec::new();
        if let Some(x) = external(fl.to) {
            leaks.extend(
                fl.data
                    .iter()
                    .filter(|e| f.holds.personal[e.0])
                    .map(|e| (x, *e, "sends")),
            );
        }
        if let Some(x) = external(fl.from)
            && fl.mode == FlowMode::Sync
        {
            leaks.extend(
                fl.returns
                    .iter()
                    .filter(|e| f.holds.personal[e.0])
                    .map(|e| (x, *e, "returns")),
            );
        }
        for (x, e, how) in leaks {
            out.push(
                Finding::new(
                    codes::R014,
                    Level::Medium,
                    &m.component(x).named.name,
                    fl.span,
                    format!(
                        "a flow {how} {}, which carries personal data, to the external {}",
                        ent(m, e),
                        comp(m, x)
                    ),
                )
                .fix("send a tokenised or anonymised entity instead, or keep the call inside the system"),
            );
        }
    }
}

fn r022(m: &Model, facts: &Facts, out: &mut Vec<Finding>) {
    use crate::analysis::volume::Verdict;
    for v in &facts.volumes {
        let (Some((dest, sum)), Some((verdict, bound))) = (v.largest, v.verdict) else {
            continue;
        };
        let e = m.entity(v.entity);
        let Some(volume) = e.volume.as_ref().and_then(|x| x.rate) else {
            continue;
        };
        let (pf, k, avg) = (v.peak_factor, v.k, v.average);
        let verdict = match verdict {
            Verdict::MoreThan => "more than",
            Verdict::LessThan => "less than",
        };
        out.push(
            Finding::new(
                codes::R022,
                Level::Low,
                &e.named.name,
                volume.span,
                format!(
                    "flows carry {} of `{}` into `{}`, a daily average of {} ÷ {} = {}, {verdict} {} the `volume.rate` of {}",
                    rate(sum),
                    e.named.name,
                    m.endpoint_name(dest),
                    rate(sum),
                    crate::model::quantity::fmt_num(pf),
                    rate(avg),
                    if verdict == "more than" {
                        format!("{} ×", crate::model::quantity::fmt_num(k))
                    } else {
                        format!("1/{} of", crate::model::quantity::fmt_num(k))
                    },
                    crate::model::quantity::human(volume.value, volume.dim)
                ),
            )
            .number("flow rate", rate(sum))
            .number("daily average", rate(avg))
            .number("volume.rate", rate(volume.value))
            .number("bound", rate(bound))
            .fix("correct the flow `rate`s or the entity's `volume.rate` so that they agree"),
        );
    }
}
