//! Model -> `design/data_flow.md`: the data-flow diagram, every flow with its entity,
//! direction, mode, rate, timeout and fallback, stage reads and writes, entity freshness, and
//! the PII fields with everywhere they travel.

use super::super::Ctx;
use super::super::markdown::{Markdown, code, escape, link};
use super::super::paths::{self, DATA_FLOW};
use super::super::text::{self, none_yet};
use crate::model::{DataRef, EntityId, FieldType, FlowMode, Model};

pub fn document(ctx: &Ctx) -> String {
    let m = ctx.m;
    let mut md = ctx.doc("Data flow");
    ctx.embed(&mut md, DATA_FLOW, paths::DATA_FLOW_SVG, "Data flow");
    detail_links(ctx, &mut md);

    md.heading(2, "Flows");
    flows(&mut md, m);

    md.heading(2, "Pipeline reads and writes");
    let rows: Vec<Vec<String>> = m
        .pipelines
        .iter()
        .flat_map(|p| {
            p.order.iter().filter_map(move |i| {
                let s = p.stages.get(*i)?;
                (!s.reads.is_empty() || !s.writes.is_empty()).then(|| {
                    vec![
                        code(&format!("{}.{}", p.named.name, s.named.name)),
                        text::data_refs(m, &s.reads),
                        text::data_refs(m, &s.writes),
                    ]
                })
            })
        })
        .collect();
    if rows.is_empty() {
        md.para(&none_yet(
            "stage that reads or writes data",
            "stage NAME { reads: [store]; writes: [Entity] }",
        ));
    } else {
        md.table(&["Stage", "Reads", "Writes"], &rows);
    }

    md.heading(2, "Stored data and freshness");
    let rows: Vec<Vec<String>> = m
        .entities
        .iter()
        .filter_map(|e| {
            let v = e.volume.as_ref()?;
            Some(vec![
                code(&e.named.name),
                text::list(
                    v.stored_in
                        .iter()
                        .map(|c| code(&m.component(*c).named.name)),
                ),
                v.rate.as_ref().map(text::per_day).unwrap_or_default(),
                text::opt_qty(&v.retention),
                text::opt_qty(&v.freshness),
            ])
        })
        .collect();
    if rows.is_empty() {
        md.para(&none_yet(
            "entity with a `volume`",
            "entity NAME { volume { rate: 2B/day; retention: 90d; stored_in: [lake]; freshness: 1h } }",
        ));
    } else {
        md.table(
            &[
                "Entity",
                "Stored in",
                "Rate",
                "Retention",
                "Freshness (max staleness)",
            ],
            &rows,
        );
        md.para(&format!(
            "Storage sizes are in {}.",
            link("capacity planning", DATA_FLOW, paths::CAPACITY)
        ));
    }

    md.heading(2, "Personal data");
    pii(&mut md, m);
    md.finish()
}

fn mode_word(mode: FlowMode) -> &'static str {
    match mode.normalized() {
        FlowMode::Sync => "sync",
        FlowMode::Async => "async",
        FlowMode::Batch => "batch",
        _ => "stream",
    }
}

fn flows(md: &mut Markdown, m: &Model) {
    if m.flows.is_empty() {
        md.para(&none_yet(
            "flow",
            "a -> b: \"label\" { data: Entity; rate: 1k/s }",
        ));
        return;
    }
    md.para(
        "A sync flow points from caller to callee: the caller sends its data with the call \
         and the callee returns its answer. Other modes point from producer to consumer.",
    );
    let rows: Vec<Vec<String>> = m
        .flows
        .iter()
        .map(|f| {
            let mut carries = Vec::new();
            if !f.data.is_empty() {
                carries.push(format!("sends {}", text::entities(m, &f.data)));
            }
            if !f.returns.is_empty() {
                carries.push(format!("returns {}", text::entities(m, &f.returns)));
            }
            let mode = match &f.protocol {
                Some(p) => format!("{} ({})", mode_word(f.mode), escape(p)),
                None => mode_word(f.mode).to_string(),
            };
            vec![
                code(&m.endpoint_name(f.from)),
                code(&m.endpoint_name(f.to)),
                f.label.as_deref().map(escape).unwrap_or_default(),
                carries.join("; "),
                mode,
                text::opt_qty(&f.rate),
                text::opt_qty(&f.latency),
                text::opt_qty(&f.timeout),
                f.fallback.as_deref().map(escape).unwrap_or_default(),
            ]
        })
        .collect();
    md.table(
        &[
            "From",
            "To",
            "Label",
            "Data",
            "Mode",
            "Rate",
            "Latency budget",
            "Timeout",
            "Fallback",
        ],
        &rows,
    );
    let chained = m.flows.iter().any(|f| f.latency.is_some());
    if chained {
        md.para(
            "A latency budget belongs to the whole call chain it was written on, so each arrow \
             of the chain shows the same figure.",
        );
    }
}

/// Whether a type mentions `target` (directly, in a list, map or optional).
fn mentions(ty: &FieldType, target: EntityId) -> bool {
    match ty {
        FieldType::Entity(e) => *e == target,
        FieldType::List(t) | FieldType::Optional(t) => mentions(t, target),
        FieldType::Map(k, v) => mentions(k, target) || mentions(v, target),
        _ => false,
    }
}

fn pii(md: &mut Markdown, m: &Model) {
    let with_pii: Vec<usize> = m
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.fields.iter().any(|f| f.pii))
        .map(|(i, _)| i)
        .collect();
    if with_pii.is_empty() {
        md.para(&none_yet(
            "field marked as personal data",
            "field: string @pii",
        ));
        return;
    }
    for i in with_pii {
        let id = EntityId(i);
        let e = m.entity(id);
        let fields: Vec<String> = e
            .fields
            .iter()
            .filter(|f| f.pii)
            .map(|f| code(&f.name))
            .collect();
        md.heading(3, &e.named.name);
        let mut places = vec![format!("PII fields: {}", fields.join(", "))];
        let holders: Vec<String> = m
            .entities
            .iter()
            .filter(|o| o.fields.iter().any(|f| mentions(&f.ty, id)))
            .map(|o| code(&o.named.name))
            .collect();
        if !holders.is_empty() {
            places.push(format!("Embedded in: {}", holders.join(", ")));
        }
        let travels: Vec<String> = m
            .flows
            .iter()
            .filter(|f| f.data.contains(&id) || f.returns.contains(&id))
            .map(|f| {
                let (from, to) = (code(&m.endpoint_name(f.from)), code(&m.endpoint_name(f.to)));
                if f.data.contains(&id) {
                    format!("{from} → {to}")
                } else {
                    format!("{to} → {from} (returned)")
                }
            })
            .collect();
        if !travels.is_empty() {
            places.push(format!("Flows: {}", travels.join(", ")));
        }
        if let Some(v) = &e.volume
            && !v.stored_in.is_empty()
        {
            places.push(format!(
                "Stored in: {}",
                text::list(
                    v.stored_in
                        .iter()
                        .map(|c| code(&m.component(*c).named.name))
                )
            ));
        }
        let eps: Vec<String> = m
            .apis
            .iter()
            .flat_map(|a| {
                a.endpoints
                    .iter()
                    .filter(|ep| ep.request == Some(id) || ep.response == Some(id))
                    .map(move |ep| code(&format!("{}.{}", a.named.name, ep.name)))
            })
            .collect();
        if !eps.is_empty() {
            places.push(format!("API endpoints: {}", eps.join(", ")));
        }
        let stages: Vec<String> = m
            .pipelines
            .iter()
            .flat_map(|p| {
                p.stages
                    .iter()
                    .filter(|s| {
                        s.reads.contains(&DataRef::Entity(id))
                            || s.writes.contains(&DataRef::Entity(id))
                    })
                    .map(move |s| code(&format!("{}.{}", p.named.name, s.named.name)))
            })
            .collect();
        if !stages.is_empty() {
            places.push(format!("Pipeline stages: {}", stages.join(", ")));
        }
        let models: Vec<String> = m
            .models
            .iter()
            .filter(|x| x.inputs.contains(&id) || x.labels == Some(id) || x.output == Some(id))
            .map(|x| code(&x.named.name))
            .collect();
        if !models.is_empty() {
            places.push(format!("Models: {}", models.join(", ")));
        }
        md.bullets(places);
    }
    match m.security.as_ref().and_then(|s| s.get("privacy")) {
        Some(v) => md.para(&format!(
            "Privacy policy (`security.privacy`): {}",
            super::super::requirements::doc_value(v)
        )),
        None => md.para(&none_yet("privacy policy", "security { privacy: \"...\" }")),
    }
}

/// When the data flow is drawn as an overview, a link to each group's detail diagram.
fn detail_links(ctx: &Ctx, md: &mut Markdown) {
    let m = ctx.m;
    let links: Vec<String> = crate::view::overview::detail_groups(m, crate::model::View::DataFlow)
        .into_iter()
        .filter_map(|g| {
            let name = &m.group(g).named.name;
            let target = ctx.diagram(&format!("diagrams/data_flow/{name}.svg"))?;
            Some(link(&m.group(g).named.label, DATA_FLOW, &target))
        })
        .collect();
    if links.is_empty() {
        return;
    }
    md.para("The overview draws each group as one box; the data flow of each group in detail:");
    md.bullets(links);
}
