//! `CapacityPlan` + `scaling` -> `scaling/{capacity_planning,bottlenecks,optimization}.md`:
//! the arithmetic step by step with units, then the named bottlenecks and optimizations.

mod failures;
mod storage;

use super::Ctx;
use super::markdown::{Markdown, code, escape, link};
use super::paths::{self, BOTTLENECKS, CAPACITY, OPTIMIZATION};
use super::text::{self, dollars, grouped, none_yet, percent, price, rate};
use crate::analysis::capacity::{ComponentPlan, month_hours};
use crate::model::capacity::LoadSource;
use crate::model::quantity::{human_count, human_money};
use crate::model::{ComponentId, Model};
use failures::failure_section;
use storage::storage_section;

pub fn documents(ctx: &Ctx) -> Vec<(&'static str, String)> {
    vec![
        (CAPACITY, capacity_planning(ctx)),
        (BOTTLENECKS, bottlenecks(ctx)),
        (OPTIMIZATION, optimization(ctx)),
    ]
}

fn capacity_planning(ctx: &Ctx) -> String {
    let (m, plan) = (ctx.m, ctx.plan);
    let mut md = ctx.doc("Capacity planning");
    md.para(
        "Every figure below is computed from the spec. Rates are per second unless a unit says \
         otherwise; a month is 30 days (720 h), as in the language; sizes are 1000-based \
         (1 KB = 1,000 bytes).",
    );

    md.heading(2, "Traffic");
    match &plan.traffic {
        None => md.para(&none_yet(
            "traffic estimate",
            "scaling { traffic { daily_active_users: 200M; requests_per_user: 20/d; peak_factor: 3 } }",
        )),
        Some(t) => {
            let mut steps = vec![
                format!(
                    "Daily active users: {} ({}).",
                    grouped(t.daily_active_users, 2),
                    human_count(t.daily_active_users)
                ),
                format!(
                    "Requests per user: {} a day.",
                    grouped(t.requests_per_user_per_day, 3)
                ),
                format!(
                    "Average rate = {} users × {} requests/day ÷ 86,400 s/day = **{}/s** ({}).",
                    grouped(t.daily_active_users, 2),
                    grouped(t.requests_per_user_per_day, 3),
                    grouped(t.average, 1),
                    rate(t.average)
                ),
            ];
            let factor = if t.explicit_peak_factor {
                format!("peak factor {}", grouped(t.peak_factor, 3))
            } else {
                "peak factor 1 (no `peak_factor` given)".to_string()
            };
            steps.push(format!(
                "Peak rate = {}/s × {factor} = **{}/s** ({}).",
                grouped(t.average, 1),
                grouped(t.peak, 1),
                rate(t.peak)
            ));
            if let Some((stated, diff)) = stated_peak(m, t.peak) {
                let verdict = if diff.abs() <= 0.10 {
                    "within the 10% the checks allow"
                } else {
                    "**more than 10% away**: one of the two needs correcting"
                };
                steps.push(format!(
                    "The stated `peak_throughput` is {} ({}/s), {} the implied peak: {verdict}.",
                    rate(stated),
                    grouped(stated, 1),
                    signed_percent(diff)
                ));
            }
            md.numbered(steps);
        }
    }

    md.heading(2, "Components");
    component_section(ctx, &mut md);

    md.heading(2, "Failure table");
    failure_section(ctx, &mut md);

    md.heading(2, "Storage");
    storage_section(ctx, &mut md);

    md.heading(2, "Cost");
    cost_section(ctx, &mut md);
    md.para("Where the replicas run:");
    ctx.embed(&mut md, CAPACITY, paths::DEPLOYMENT_SVG, "Deployment");
    md.finish()
}

/// The stated `peak_throughput` and its relative difference from the implied peak.
fn stated_peak(m: &Model, implied: f64) -> Option<(f64, f64)> {
    let nf = m.requirements.non_functional.as_ref()?;
    let crate::model::DocValue::Quantity(q) = nf.get("peak_throughput")? else {
        return None;
    };
    (implied > 0.0).then(|| (q.value, (q.value - implied) / implied))
}

fn signed_percent(f: f64) -> String {
    if f.abs() < 0.0005 {
        "equal to".to_string()
    } else if f > 0.0 {
        format!("{} above", percent(f))
    } else {
        format!("{} below", percent(-f))
    }
}

fn component_section(ctx: &Ctx, md: &mut Markdown) {
    let (m, plan) = (ctx.m, ctx.plan);
    if plan.components.is_empty() {
        md.para(&none_yet(
            "component with a `capacity`",
            "service NAME { capacity: 5k/s; replicas: 4 }",
        ));
        return;
    }
    md.para(
        "A component's load is the sum of the `rate`s of its incoming flows when any declares \
         one, else the implied peak. Replicas needed = ⌈load ÷ capacity per replica⌉; the \
         total counts every `run` of the component (or its `replicas` when it is not deployed). \
         Headroom is the capacity left at peak: (total capacity − load) ÷ total capacity.",
    );
    let rows: Vec<Vec<String>> = plan
        .components
        .iter()
        .map(|c| {
            vec![
                code(&m.component(c.id).named.name),
                c.load.map(rate).unwrap_or_default(),
                rate(c.per_replica),
                c.needed.map(|n| n.to_string()).unwrap_or_default(),
                c.replicas
                    .declared
                    .map(|n| n.to_string())
                    .unwrap_or_default(),
                c.replicas
                    .deployed
                    .map(|n| n.to_string())
                    .unwrap_or_default(),
                c.replicas.total.to_string(),
                rate(c.total_capacity),
                headroom_cell(c),
            ]
        })
        .collect();
    md.table(
        &[
            "Component",
            "Load at peak",
            "Capacity per replica",
            "Needed",
            "Declared",
            "Deployed",
            "Total",
            "Total capacity",
            "Headroom",
        ],
        &rows,
    );
    md.bullets(plan.components.iter().map(|c| component_steps(ctx, c)));
    let without: Vec<String> = m
        .components
        .iter()
        .enumerate()
        .filter(|(i, c)| {
            c.capacity.is_none()
                && !plan.components.iter().any(|p| p.id == ComponentId(*i))
                && !matches!(
                    c.kind,
                    crate::model::ComponentKind::User | crate::model::ComponentKind::External
                )
        })
        .map(|(_, c)| code(&c.named.name))
        .collect();
    if !without.is_empty() {
        md.para(&format!(
            "Not planned (no `capacity` declared): {}.",
            without.join(", ")
        ));
    }
}

fn headroom_cell(c: &ComponentPlan) -> String {
    match c.headroom() {
        None => String::new(),
        Some(_) if c.is_short() => "**short**".to_string(),
        Some(h) => percent(h),
    }
}

fn component_steps(ctx: &Ctx, c: &ComponentPlan) -> String {
    let m = ctx.m;
    let name = code(&m.component(c.id).named.name);
    let Some(load) = c.load else {
        return format!(
            "{name}: no load known: no incoming flow declares a `rate` and there is no `scaling.traffic`."
        );
    };
    let source = match &c.source {
        Some(LoadSource::Flows(flows)) => {
            let parts: Vec<String> = flows
                .iter()
                .map(|i| {
                    let f = &m.flows[*i];
                    format!(
                        "{} from {}",
                        f.rate.map(|r| rate(r.value)).unwrap_or_default(),
                        code(&m.endpoint_name(f.from))
                    )
                })
                .collect();
            if parts.len() == 1 {
                format!("{} (its one rated incoming flow)", parts[0])
            } else {
                parts.join(" + ")
            }
        }
        _ => "the implied peak".to_string(),
    };
    let needed = c.needed.unwrap_or_default();
    let mut s = format!(
        "{name}: load = {source} = {}/s; needed = ⌈{} ÷ {}⌉ = {needed} replica{}; ",
        grouped(load, 1),
        grouped(load, 1),
        grouped(c.per_replica, 2),
        if needed == 1 { "" } else { "s" }
    );
    s.push_str(&format!(
        "total = {} ({}) × {}/s = {}/s",
        c.replicas.total,
        replica_origin(m, c.id),
        grouped(c.per_replica, 2),
        grouped(c.total_capacity, 1),
    ));
    if c.is_short() {
        s.push_str(&format!(
            ": **short by {} replica(s)**.",
            needed.saturating_sub(c.replicas.total)
        ));
    } else if let Some(h) = c.headroom() {
        s.push_str(&format!(", headroom {}.", percent(h)));
    }
    s
}

/// Where a component's total replicas come from: `40 in us_east.cpu_pool + 10 in ...`.
fn replica_origin(m: &Model, id: ComponentId) -> String {
    let c = m.component(id);
    let default = c.replicas.unwrap_or(1);
    let mut parts = Vec::new();
    if let Some(d) = &m.deployment {
        for r in d.runs.iter().filter(|r| r.component == id) {
            parts.push(format!(
                "{} at the top level",
                r.replicas.unwrap_or(default)
            ));
        }
    }
    for (container, _) in m.containers() {
        for r in container.runs.iter().filter(|r| r.component == id) {
            parts.push(format!(
                "{} in {}",
                r.replicas.unwrap_or(default),
                code(&container.qualified)
            ));
        }
    }
    if parts.is_empty() {
        match c.replicas {
            Some(_) => "declared `replicas`, not deployed".to_string(),
            None => "default of 1, not deployed".to_string(),
        }
    } else {
        parts.join(" + ")
    }
}

fn cost_section(ctx: &Ctx, md: &mut Markdown) {
    let plan = ctx.plan;
    if plan.pools.is_empty() {
        md.para(&none_yet(
            "node pool with a `cost`",
            "deployment { node_pool NAME { count: 8; cost: $3.67/h } }",
        ));
    } else {
        let hours = month_hours();
        let rows: Vec<Vec<String>> = plan
            .pools
            .iter()
            .map(|p| {
                vec![
                    code(&p.qualified),
                    p.instance.as_deref().map(escape).unwrap_or_default(),
                    p.count.to_string(),
                    format!("{}/h", price(p.hourly)),
                    if p.active < 1.0 {
                        format!(
                            "{} × {} × {} h × {}% = {}",
                            p.count,
                            price(p.hourly),
                            grouped(hours, 0),
                            crate::model::quantity::fmt_num(p.active * 100.0),
                            dollars(p.monthly)
                        )
                    } else {
                        format!(
                            "{} × {} × {} h = {}",
                            p.count,
                            price(p.hourly),
                            grouped(hours, 0),
                            dollars(p.monthly)
                        )
                    },
                ]
            })
            .collect();
        md.table(
            &[
                "Node pool",
                "Instance",
                "Nodes",
                "Cost per node",
                "Per month",
            ],
            &rows,
        );
    }
    let total = plan.monthly_cost;
    let mut lines = Vec::new();
    if let Some(total) = total {
        let sum: Vec<String> = plan.pools.iter().map(|p| dollars(p.monthly)).collect();
        lines.push(format!(
            "Total = {} = **{}/mo** ({}/mo).",
            sum.join(" + "),
            dollars(total),
            human_money(total)
        ));
    }
    match (total, plan.budget_monthly) {
        (Some(total), Some(budget)) if budget > 0.0 => {
            let share = total / budget;
            if total <= budget + 1e-6 {
                lines.push(format!(
                    "Budget (`constraints.budget`): {}/mo. The deployment uses {} of it, leaving {}/mo.",
                    human_money(budget),
                    percent(share),
                    human_money(budget - total)
                ));
            } else {
                lines.push(format!(
                    "Budget (`constraints.budget`): {}/mo. **The deployment is over budget by {}/mo** ({} of it).",
                    human_money(budget),
                    human_money(total - budget),
                    percent(share)
                ));
            }
        }
        (_, None) => lines.push(format!(
            "No budget to compare with: add {}.",
            code("requirements { constraints { budget: $40k/mo } }")
        )),
        (None, Some(budget)) => lines.push(format!(
            "Budget (`constraints.budget`): {}/mo; no node pool declares a `cost` to compare.",
            human_money(budget)
        )),
        _ => {}
    }
    md.para(&lines.join("\n"));
}

fn bottlenecks(ctx: &Ctx) -> String {
    let m = ctx.m;
    let mut md = ctx.doc("Bottlenecks");
    if m.scaling.bottlenecks.is_empty() {
        md.para(&none_yet(
            "bottleneck",
            "scaling { bottleneck NAME \"Label\" { component: X; mitigation: \"...\" } }",
        ));
    }
    for b in &m.scaling.bottlenecks {
        md.heading(2, &b.named.label);
        let mut facts = vec![format!("Name: {}", code(&b.named.name))];
        if let Some(c) = b.component {
            facts.push(format!("Component: {}", text::component(m, c)));
            if let Some(p) = ctx.plan.components.iter().find(|p| p.id == c)
                && let Some(load) = p.load
            {
                facts.push(format!(
                    "At peak: {} on {} replicas × {} = {} ({} used; see {})",
                    rate(load),
                    p.replicas.total,
                    rate(p.per_replica),
                    rate(p.total_capacity),
                    percent(load / p.total_capacity.max(f64::MIN_POSITIVE)),
                    link("capacity planning", BOTTLENECKS, CAPACITY)
                ));
            }
        }
        facts.push(match &b.mitigation {
            Some(t) => format!("Mitigation: {}", escape(t)),
            None => format!(
                "Mitigation: none written yet (add {})",
                code("mitigation: \"...\"")
            ),
        });
        if let Some(d) = &b.description {
            md.prose(d, 3);
        }
        md.bullets(facts);
    }
    md.para(&format!(
        "Capacity figures for every component are in {}.",
        link("capacity planning", BOTTLENECKS, CAPACITY)
    ));
    md.finish()
}

fn optimization(ctx: &Ctx) -> String {
    let m = ctx.m;
    let mut md = ctx.doc("Optimizations");
    if m.scaling.optimizations.is_empty() {
        md.para(&none_yet(
            "optimization",
            "scaling { optimization NAME \"Label\" { target: X; gain: \"...\" } }",
        ));
    } else {
        let rows: Vec<Vec<String>> = m
            .scaling
            .optimizations
            .iter()
            .map(|o| {
                vec![
                    text::named(&o.named),
                    o.target.map(|c| text::component(m, c)).unwrap_or_default(),
                    o.gain.as_deref().map(escape).unwrap_or_default(),
                    o.description.as_deref().map(escape).unwrap_or_default(),
                ]
            })
            .collect();
        md.table(&["Optimization", "Target", "Expected gain", "Notes"], &rows);
    }
    md.para(&format!(
        "Known bottlenecks are in {}.",
        link("bottlenecks", OPTIMIZATION, BOTTLENECKS)
    ));
    md.finish()
}
