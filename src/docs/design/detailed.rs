//! Model -> `design/detailed_design.md`: every component, every entity with its fields, the
//! models, the API endpoints, security and operations (experiments, rollout, rollback,
//! disaster recovery).

use super::super::Ctx;
use super::super::markdown::{Markdown, code, escape, link};
use super::super::paths::{self, DETAILED};
use super::super::requirements::free_section;
use super::super::text::{self, none_yet, percent, rate, yes};
use crate::model::capacity::{field_size, replicas, row_size};
use crate::model::{ApiProtocol, ComponentId, ComponentKind, DocValue, Endpoint, EntityId, Model};

pub fn document(ctx: &Ctx) -> String {
    let m = ctx.m;
    let mut md = ctx.doc("Detailed design");
    md.para(&format!(
        "Every component, data model, model, API and operating procedure of the design. The \
         {} gives the overview.",
        link("high-level design", DETAILED, paths::HIGH_LEVEL)
    ));
    ctx.embed(&mut md, DETAILED, paths::ARCHITECTURE_SVG, "Architecture");
    design_notes(&mut md, m);

    md.heading(2, "Components");
    if m.components.is_empty() {
        md.para(&none_yet("component", "service NAME { tech: \"...\" }"));
    }
    for i in 0..m.components.len() {
        component(&mut md, m, ComponentId(i));
        failure_mode(ctx, &mut md, ComponentId(i));
    }

    md.heading(2, "Data models");
    if m.entities.is_empty() {
        md.para(&none_yet("entity", "entity NAME { id: uuid @key }"));
    }
    for i in 0..m.entities.len() {
        entity(&mut md, m, EntityId(i));
    }
    md.para(&format!(
        "Field sizes follow the size table of the language; storage is worked out in {}.",
        link("capacity planning", DETAILED, paths::CAPACITY)
    ));

    md.heading(2, "Models");
    if m.models.is_empty() {
        md.para(&none_yet(
            "model",
            "model NAME { task: ...; framework: ... }",
        ));
    } else {
        let rows: Vec<Vec<String>> = m
            .models
            .iter()
            .map(|x| {
                vec![
                    text::named(&x.named),
                    x.task.map(|t| t.to_string()).unwrap_or_default(),
                    x.framework.map(|t| t.to_string()).unwrap_or_default(),
                    x.version.as_deref().map(escape).unwrap_or_default(),
                ]
            })
            .collect();
        md.table(&["Model", "Task", "Framework", "Version"], &rows);
        md.para(&format!(
            "Inputs, metrics, labels and the pipelines that train and use them are in {}.",
            link("ML pipeline", DETAILED, paths::ML_PIPELINE)
        ));
    }

    md.heading(2, "APIs");
    apis(&mut md, m);

    md.heading(2, "Security");
    match &m.security {
        Some(s) if !s.is_empty() => free_section(&mut md, s, false, 3),
        _ => md.para(&none_yet(
            "security section",
            "security { authentication: \"...\" }",
        )),
    }

    md.heading(2, "Operations");
    operations(&mut md, m);
    md.finish()
}

/// `design.details` and any other entry of the free-form `design` section but `overview`
/// (which opens the high-level design).
fn design_notes(md: &mut Markdown, m: &Model) {
    let Some(design) = &m.design else { return };
    let mut rest = design.clone();
    rest.entries
        .retain(|e| e.key != "overview" && e.key != "details");
    let details = match design.get("details") {
        Some(DocValue::Text(t)) => Some(t),
        _ => None,
    };
    if details.is_none() && rest.is_empty() {
        return;
    }
    md.heading(2, "Design notes");
    if let Some(t) = details {
        md.prose(t, 3);
    }
    free_section(md, &rest, false, 3);
}

fn component(md: &mut Markdown, m: &Model, id: ComponentId) {
    let c = m.component(id);
    md.anchor(&crate::view::annotate::component_anchor(&c.named.name));
    md.heading_md(3, &text::title(&c.named));
    let mut facts = vec![format!("Kind: {}", c.kind.caption())];
    if let Some(t) = &c.tech {
        facts.push(format!("Technology: {}", escape(t)));
    }
    if let Some(g) = c.group {
        facts.push(format!("Group: {}", text::named(&m.group(g).named)));
    }
    let r = replicas(m, id);
    let outside = matches!(
        c.kind,
        ComponentKind::User | ComponentKind::Client | ComponentKind::External
    );
    if !outside || r.deployed.is_some() || r.declared.is_some() {
        facts.push(match (r.declared, r.deployed) {
            (Some(d), Some(p)) if d != p => format!("Replicas: {p} deployed ({d} declared)"),
            (_, Some(p)) => format!("Replicas: {p} deployed"),
            (Some(d), None) => format!("Replicas: {d} (not deployed)"),
            (None, None) => "Replicas: 1 (default, not deployed)".to_string(),
        });
    }
    if let Some(cap) = &c.capacity {
        facts.push(format!(
            "Capacity: {} per replica, {} in total",
            rate(cap.value),
            rate(cap.value * r.total as f64)
        ));
    }
    if !c.models.is_empty() {
        facts.push(format!("Serves: {}", text::models(m, &c.models)));
    }
    if let Some(o) = &c.owner {
        facts.push(format!("Owner: {}", escape(o)));
    }
    if !c.tags.is_empty() {
        facts.push(format!("Tags: {}", text::words(&c.tags)));
    }
    let me = Endpoint::Component(id);
    let inbound: Vec<String> = m
        .flows
        .iter()
        .filter(|f| f.to == me)
        .map(|f| code(&m.endpoint_name(f.from)))
        .collect();
    let outbound: Vec<String> = m
        .flows
        .iter()
        .filter(|f| f.from == me)
        .map(|f| code(&m.endpoint_name(f.to)))
        .collect();
    if !inbound.is_empty() {
        facts.push(format!("Called or fed by: {}", dedup(inbound).join(", ")));
    }
    if !outbound.is_empty() {
        facts.push(format!("Calls or feeds: {}", dedup(outbound).join(", ")));
    }
    let stages: Vec<String> = m
        .pipelines
        .iter()
        .flat_map(|p| {
            p.stages.iter().filter_map(move |s| {
                let touches = s
                    .reads
                    .iter()
                    .chain(&s.writes)
                    .any(|d| matches!(d, crate::model::DataRef::Component(x) if *x == id));
                touches.then(|| code(&format!("{}.{}", p.named.name, s.named.name)))
            })
        })
        .collect();
    if !stages.is_empty() {
        facts.push(format!("Read or written by stages: {}", stages.join(", ")));
    }
    if let Some(d) = &c.description {
        md.prose(d, 4);
    }
    md.bullets(facts);
}

/// The component's failure mode, from the analysis: replicas and where they run, what its
/// sync callers do when it fails, and the review's findings about it.
fn failure_mode(ctx: &Ctx, md: &mut Markdown, id: ComponentId) {
    let m = ctx.m;
    let c = m.component(id);
    if matches!(
        c.kind,
        ComponentKind::User | ComponentKind::Client | ComponentKind::External
    ) {
        return;
    }
    let Some(f) = ctx.review.facts.failures.get(id.0) else {
        return;
    };
    let mut items = Vec::new();
    let replicas = crate::model::quantity::plural(f.replicas, "replica");
    let mut places: Vec<String> = f
        .regions
        .iter()
        .map(|(r, n)| {
            let zones: Vec<String> = f
                .zones
                .iter()
                .filter(|(z, _)| &z.region == r)
                .map(|(z, k)| format!("{} {k}", code(&z.name())))
                .collect();
            if zones.is_empty() {
                format!("{n} in {}", code(r))
            } else {
                format!("{n} in {} ({})", code(r), zones.join(", "))
            }
        })
        .collect();
    if f.global > 0 {
        places.push(format!(
            "{} outside every region (lost with none)",
            f.global
        ));
    }
    let no_regions = ctx.review.facts.placement.regions.is_empty();
    items.push(if !f.placed {
        format!("Runs: {replicas}, placed by no `run` of the deployment")
    } else if no_regions {
        format!("Runs: {replicas} (the deployment declares no region)")
    } else {
        format!("Runs: {replicas}: {}", places.join("; "))
    });
    let path = if f.on_request_path {
        "on the request path"
    } else {
        "off the request path"
    };
    let callers: Vec<String> = f
        .callers
        .iter()
        .map(|k| {
            let name = code(&m.component(k.component).named.name);
            match &k.fallback {
                Some(fb) => format!("{name} falls back ({})", escape(fb)),
                None => format!("{name} fails with it"),
            }
        })
        .collect();
    items.push(if callers.is_empty() {
        format!("When it fails: it is {path} and no component calls it synchronously")
    } else if f.degrades() {
        format!(
            "When it fails: it is {path}; its callers degrade: {}",
            callers.join(", ")
        )
    } else {
        format!("When it fails: it is {path}; {}", callers.join(", "))
    });
    let links = ctx.finding_links(DETAILED, &c.named.name);
    items.push(if links.is_empty() {
        "Review: no finding".to_string()
    } else {
        format!("Review: {}", links.join(", "))
    });
    md.para("Failure mode:");
    md.bullets(items);
}

fn dedup(mut v: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    v.retain(|x| seen.insert(x.clone()));
    v
}

fn entity(md: &mut Markdown, m: &Model, id: EntityId) {
    let e = m.entity(id);
    let title = if e.named.explicit_label {
        format!("{}: {}", e.named.name, e.named.label)
    } else {
        e.named.name.clone()
    };
    md.heading(3, &title);
    if e.fields.is_empty() {
        md.para("No fields.");
    } else {
        let rows: Vec<Vec<String>> = e
            .fields
            .iter()
            .map(|f| {
                vec![
                    code(&f.name),
                    code(&m.type_text(&f.ty)),
                    yes(f.key),
                    yes(f.pii),
                    text::grouped(field_size(m, f), 2),
                    f.doc.as_deref().map(escape).unwrap_or_default(),
                ]
            })
            .collect();
        md.table(&["Field", "Type", "Key", "PII", "Bytes", "Notes"], &rows);
    }
    let mut facts = vec![format!("Row size: {}", text::bytes(row_size(m, id)))];
    if let Some(v) = &e.volume {
        if let Some(r) = &v.rate {
            facts.push(format!("Rate: {}", text::per_day(r)));
        }
        if let Some(r) = &v.retention {
            facts.push(format!("Retention: {}", text::qty(r)));
        }
        if let Some(r) = &v.freshness {
            facts.push(format!("Freshness: {}", text::qty(r)));
        }
        if !v.stored_in.is_empty() {
            facts.push(format!(
                "Stored in: {}",
                text::list(
                    v.stored_in
                        .iter()
                        .map(|c| code(&m.component(*c).named.name))
                )
            ));
        }
    }
    md.para(&facts.join(" · "));
}

fn apis(md: &mut Markdown, m: &Model) {
    if m.apis.is_empty() {
        md.para(&none_yet("API", "api NAME { protocol: rest ... }"));
        return;
    }
    for a in &m.apis {
        md.heading_md(3, &text::title(&a.named));
        let mut facts = vec![format!(
            "Protocol: {}",
            match a.protocol {
                ApiProtocol::Rest => "REST",
                ApiProtocol::Grpc => "gRPC",
            }
        )];
        if let Some(b) = &a.base_path {
            facts.push(format!("Base path: {}", code(b)));
        }
        if let Some(x) = &a.auth {
            facts.push(format!("Auth: {}", escape(x)));
        }
        if let Some(c) = a.served_by {
            facts.push(format!("Served by: {}", text::component(m, c)));
        }
        if let Some(d) = &a.description {
            md.prose(d, 4);
        }
        md.bullets(facts);
        if a.endpoints.is_empty() {
            md.para(&none_yet(
                "endpoint",
                "get NAME \"/path\" { response: Entity }",
            ));
            continue;
        }
        let rows: Vec<Vec<String>> = a
            .endpoints
            .iter()
            .map(|e| {
                let target = text::endpoint_call(a, e);
                let params = text::list(
                    e.params
                        .iter()
                        .map(|p| format!("{}: {}", code(&p.name), m.type_text(&p.ty))),
                );
                vec![
                    code(&e.name),
                    target,
                    params,
                    e.request.map(|x| text::entity(m, x)).unwrap_or_default(),
                    e.response.map(|x| text::entity(m, x)).unwrap_or_default(),
                    text::opt_qty(&e.latency_p99),
                    text::opt_qty(&e.rate_limit),
                    e.description.as_deref().map(escape).unwrap_or_default(),
                ]
            })
            .collect();
        md.table(
            &[
                "Endpoint",
                "Call",
                "Params",
                "Request",
                "Response",
                "p99",
                "Rate limit",
                "Notes",
            ],
            &rows,
        );
    }
}

fn operations(md: &mut Markdown, m: &Model) {
    let ops = &m.operations;
    md.heading(3, "Experiments");
    if ops.experiments.is_empty() {
        md.para(&none_yet(
            "experiment",
            "operations { experiment NAME { split: 5% } }",
        ));
    } else {
        let rows: Vec<Vec<String>> = ops
            .experiments
            .iter()
            .map(|x| {
                vec![
                    text::named(&x.named),
                    x.split.map(|s| percent(s / 100.0)).unwrap_or_default(),
                    x.metric.as_deref().map(code).unwrap_or_default(),
                    x.min_detectable_effect
                        .map(|s| percent(s / 100.0))
                        .unwrap_or_default(),
                    text::opt_qty(&x.duration),
                    x.description.as_deref().map(escape).unwrap_or_default(),
                ]
            })
            .collect();
        md.table(
            &[
                "Experiment",
                "Treatment split",
                "Metric",
                "Min. detectable effect (relative)",
                "Duration",
                "Notes",
            ],
            &rows,
        );
    }
    md.heading(3, "Rollout");
    match &ops.rollout {
        None => md.para(&none_yet(
            "rollout",
            "operations { rollout { strategy: canary; steps: [1%, 10%, 100%] } }",
        )),
        Some(r) => {
            let strategy = r
                .strategy
                .map(|s| s.as_str().replace('_', "-"))
                .unwrap_or_else(|| "unspecified".to_string());
            let steps: Vec<String> = r.steps.iter().map(|s| percent(s / 100.0)).collect();
            if steps.is_empty() {
                md.para(&format!("Strategy: {strategy}."));
            } else {
                md.para(&format!(
                    "Strategy: {strategy}, in steps of traffic {}.",
                    steps.join(" → ")
                ));
            }
        }
    }
    md.heading(3, "Rollback");
    match &ops.rollback {
        Some(r) => md.para(&escape(r)),
        None => md.para(&none_yet(
            "rollback plan",
            "operations { rollback: \"...\" }",
        )),
    }
    md.heading(3, "Disaster recovery");
    match &ops.disaster_recovery {
        None => md.para(&none_yet(
            "disaster recovery plan",
            "operations { disaster_recovery { rpo: 1h; rto: 15min } }",
        )),
        Some(dr) => {
            let mut facts = Vec::new();
            if let Some(q) = &dr.rpo {
                facts.push(format!("Recovery point objective (RPO): {}", text::qty(q)));
            }
            if let Some(q) = &dr.rto {
                facts.push(format!("Recovery time objective (RTO): {}", text::qty(q)));
            }
            if let Some(b) = &dr.backups {
                facts.push(format!("Backups: {}", escape(b)));
            }
            if facts.is_empty() {
                facts.push("Declared without `rpo`, `rto` or `backups`.".to_string());
            }
            md.bullets(facts);
        }
    }
}
