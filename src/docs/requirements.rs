//! `requirements` -> `requirements/{functional,non_functional,constraints}.md`: the items and
//! entries as written, and for each non-functional target where the design meets or checks it.

use super::Ctx;
use super::markdown::{Markdown, code, escape, link};
use super::paths::{self, CAPACITY, CONSTRAINTS, FUNCTIONAL, NON_FUNCTIONAL};
use super::text::{self, none_yet, percent, rate};
use crate::model::quantity::{human_money, human_time};
use crate::model::{DocValue, FreeSection};

pub fn documents(ctx: &Ctx) -> Vec<(&'static str, String)> {
    vec![
        (FUNCTIONAL, functional(ctx)),
        (NON_FUNCTIONAL, non_functional(ctx)),
        (CONSTRAINTS, constraints(ctx)),
    ]
}

/// A value of a free-form section as Markdown.
pub fn doc_value(v: &DocValue) -> String {
    match v {
        DocValue::Text(t) => escape(t),
        DocValue::Word(w) => code(w),
        DocValue::Quantity(q) => text::qty(q),
        DocValue::List(vs) => vs.iter().map(doc_value).collect::<Vec<_>>().join(", "),
    }
}

/// The items (single lines as a list, multi-line prose as paragraphs) and the entries of a
/// free-form section (one-line values in a table, multi-line text as its own section).
pub fn free_section(md: &mut Markdown, s: &FreeSection, numbered: bool, level: usize) {
    let (lines, prose): (Vec<&String>, Vec<&String>) =
        s.items.iter().partition(|i| !i.trim().contains('\n'));
    let lines: Vec<String> = lines.iter().map(|i| escape(i.trim())).collect();
    if numbered {
        md.numbered(lines);
    } else {
        md.bullets(lines);
    }
    for p in prose {
        md.prose(p, level + 1);
    }
    let (long, short): (Vec<_>, Vec<_>) = s
        .entries
        .iter()
        .partition(|e| matches!(&e.value, DocValue::Text(t) if t.contains('\n')));
    if !short.is_empty() {
        let rows: Vec<Vec<String>> = short
            .iter()
            .map(|e| vec![code(&e.key), doc_value(&e.value)])
            .collect();
        md.table(&["Key", "Value"], &rows);
    }
    for e in long {
        md.heading(level, &crate::model::default_label(&e.key));
        if let DocValue::Text(t) = &e.value {
            md.prose(t, level + 1);
        }
    }
}

fn functional(ctx: &Ctx) -> String {
    let m = ctx.m;
    let mut md = ctx.doc("Functional requirements");
    match &m.requirements.functional {
        Some(s) if !s.is_empty() => free_section(&mut md, s, true, 2),
        _ => md.para(&none_yet(
            "functional requirement",
            "requirements { functional { \"...\" } }",
        )),
    }
    md.heading(2, "Where they are served");
    if m.apis.is_empty() {
        md.para(&none_yet("API", "api NAME { protocol: rest ... }"));
    } else {
        let items: Vec<String> = m
            .apis
            .iter()
            .map(|a| {
                let eps: Vec<String> = a
                    .endpoints
                    .iter()
                    .map(|e| text::endpoint_call(a, e))
                    .collect();
                let served = a
                    .served_by
                    .map(|c| format!(", served by {}", code(&m.component(c).named.name)))
                    .unwrap_or_default();
                format!(
                    "**{}** ({}, {}{served}): {}",
                    escape(&a.named.label),
                    code(&a.named.name),
                    match a.protocol {
                        crate::model::ApiProtocol::Rest => "REST",
                        crate::model::ApiProtocol::Grpc => "gRPC",
                    },
                    if eps.is_empty() {
                        "no endpoints yet".to_string()
                    } else {
                        eps.join(", ")
                    }
                )
            })
            .collect();
        md.bullets(items);
        md.para(&format!(
            "Endpoint details are in the {}.",
            link("detailed design", FUNCTIONAL, paths::DETAILED)
        ));
    }
    md.finish()
}

fn non_functional(ctx: &Ctx) -> String {
    let m = ctx.m;
    let mut md = ctx.doc("Non-functional requirements");
    let Some(s) = m
        .requirements
        .non_functional
        .as_ref()
        .filter(|s| !s.is_empty())
    else {
        md.para(&none_yet(
            "non-functional requirement",
            "requirements { non_functional { latency_p99: 150ms } }",
        ));
        return md.finish();
    };
    let rows: Vec<Vec<String>> = s
        .entries
        .iter()
        .map(|e| {
            vec![
                code(&e.key),
                doc_value(&e.value),
                where_met(ctx, &e.key, &e.value),
            ]
        })
        .collect();
    if !rows.is_empty() {
        md.table(
            &["Requirement", "Target", "Where it is met or checked"],
            &rows,
        );
    }
    let items: Vec<String> = s.items.iter().map(|i| escape(i.trim())).collect();
    if !items.is_empty() {
        md.heading(2, "Other requirements");
        md.bullets(items);
    }
    md.finish()
}

/// Alert names as code spans.
fn alert_names(names: &[String]) -> Vec<String> {
    names.iter().map(|n| code(n)).collect()
}

fn where_met(ctx: &Ctx, key: &str, value: &DocValue) -> String {
    let m = ctx.m;
    let from = NON_FUNCTIONAL;
    let mut parts: Vec<String> = Vec::new();
    match key {
        "latency_p50" | "latency_p95" | "latency_p99" => {
            let target = match value {
                DocValue::Quantity(q) => Some(q.value),
                _ => None,
            };
            let cov = &ctx.review.facts.coverage;
            let eps = &cov.endpoint_p99;
            if key == "latency_p99" && !eps.is_empty() {
                let over: Vec<String> = target
                    .map(|t| cov.endpoints_over(t))
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(n, l)| format!("{} ({})", code(n), human_time(*l)))
                    .collect();
                if over.is_empty() && eps.len() == 1 {
                    parts.push(format!(
                        "endpoint p99 budget within the target ({} {})",
                        code(&eps[0].0),
                        human_time(eps[0].1)
                    ));
                } else if over.is_empty() {
                    parts.push(format!(
                        "{} endpoint p99 budgets, all within the target",
                        eps.len()
                    ));
                } else {
                    parts.push(format!(
                        "endpoint p99 budgets above the target: {}",
                        over.join(", ")
                    ));
                }
            }
            if let Some(longest) = &cov.longest_chain {
                let chain = longest.names.join(" -> ");
                parts.push(if cov.chains == 1 {
                    format!(
                        "call-chain budget {} on {}",
                        human_time(longest.budget),
                        code(&chain)
                    )
                } else {
                    format!(
                        "{} call-chain budgets, the longest {} on {}",
                        cov.chains,
                        human_time(longest.budget),
                        code(&chain)
                    )
                });
            }
            let alerts = alert_names(&cov.latency_alerts);
            if !alerts.is_empty() {
                parts.push(format!("alerts: {}", alerts.join(", ")));
            }
            parts.push(format!("see {}", link("data flow", from, paths::DATA_FLOW)));
        }
        "throughput" | "peak_throughput" => {
            if let (Some(t), DocValue::Quantity(q)) = (&ctx.plan.traffic, value) {
                let implied = if key == "peak_throughput" {
                    t.peak
                } else {
                    t.average
                };
                let what = if key == "peak_throughput" {
                    "implied peak"
                } else {
                    "implied average"
                };
                if implied > 0.0 {
                    let diff = (q.value - implied) / implied;
                    let delta = if diff.abs() < 0.0005 {
                        "matches".to_string()
                    } else {
                        format!(
                            "{}{}",
                            if diff > 0.0 { "+" } else { "−" },
                            percent(diff.abs())
                        )
                    };
                    parts.push(format!("{what} {} ({delta})", rate(implied)));
                }
            }
            let short = ctx.plan.components.iter().filter(|c| c.is_short()).count();
            let planned = ctx.plan.components.len();
            if planned > 0 {
                parts.push(format!(
                    "{planned} components sized, {short} short of their load"
                ));
            }
            parts.push(format!("see {}", link("capacity planning", from, CAPACITY)));
        }
        "availability" => {
            let cov = &ctx.review.facts.coverage;
            let regions = cov.regions;
            if regions > 0 {
                parts.push(format!(
                    "{regions} region{} in the deployment",
                    if regions == 1 { "" } else { "s" }
                ));
            }
            let fallbacks = cov.fallbacks;
            if fallbacks > 0 {
                parts.push(format!("{fallbacks} flows with a fallback"));
            }
            if let Some(dr) = &m.operations.disaster_recovery
                && let Some(rto) = &dr.rto
            {
                parts.push(format!("RTO {}", text::qty(rto)));
            }
            let alerts = alert_names(&cov.error_alerts);
            if !alerts.is_empty() {
                parts.push(format!("alerts: {}", alerts.join(", ")));
            }
            parts.push(format!(
                "see {}",
                link("detailed design", from, paths::DETAILED)
            ));
        }
        "durability" => {
            if let Some(dr) = &m.operations.disaster_recovery {
                if let Some(rpo) = &dr.rpo {
                    parts.push(format!("RPO {}", text::qty(rpo)));
                }
                if let Some(b) = &dr.backups {
                    parts.push(format!("backups: {}", escape(b)));
                }
            }
            parts.push(format!(
                "see {}",
                link("detailed design", from, paths::DETAILED)
            ));
        }
        "freshness" => {
            let fresh: Vec<String> = m
                .entities
                .iter()
                .filter_map(|e| {
                    let f = e.volume.as_ref()?.freshness?;
                    Some(format!("{} {}", code(&e.named.name), text::qty(&f)))
                })
                .collect();
            if !fresh.is_empty() {
                parts.push(format!("entity freshness: {}", fresh.join(", ")));
            }
            let alerts = alert_names(&ctx.review.facts.coverage.freshness_alerts);
            if !alerts.is_empty() {
                parts.push(format!("alerts: {}", alerts.join(", ")));
            }
            parts.push(format!("see {}", link("data flow", from, paths::DATA_FLOW)));
        }
        _ => parts.push("not checked by mlsd: review by hand".to_string()),
    }
    parts.join("; ")
}

fn constraints(ctx: &Ctx) -> String {
    let m = ctx.m;
    let mut md = ctx.doc("Constraints");
    match &m.requirements.constraints {
        Some(s) if !s.is_empty() => free_section(&mut md, s, false, 2),
        _ => md.para(&none_yet(
            "constraint",
            "requirements { constraints { budget: $40k/mo } }",
        )),
    }
    md.heading(2, "Budget");
    let plan = ctx.plan;
    match (plan.budget_monthly, plan.monthly_cost) {
        (Some(b), Some(c)) => md.para(&format!(
            "The deployment's node pools cost {}/mo against a budget of {}/mo ({} of it, {}). \
             The arithmetic is in {}.",
            human_money(c),
            human_money(b),
            percent(c / b.max(f64::MIN_POSITIVE)),
            if c <= b + 1e-6 {
                "within budget"
            } else {
                "**over budget**"
            },
            link("capacity planning", CONSTRAINTS, CAPACITY)
        )),
        (Some(b), None) => md.para(&format!(
            "Budget {}/mo; no node pool declares a `cost`, so the deployment's cost is unknown \
             (add {}).",
            human_money(b),
            code("node_pool NAME { count: 8; cost: $3.67/h }")
        )),
        (None, _) => md.para(&none_yet(
            "budget",
            "requirements { constraints { budget: $40k/mo } }",
        )),
    }
    md.finish()
}
