//! `alternatives` -> `alternatives/{trade_offs,technologies,future_improvements}.md`; the
//! future improvements also list what the design checklist still misses.

use super::Ctx;
use super::markdown::{code, escape, link};
use super::paths::{self, FUTURE, TECHNOLOGIES, TRADE_OFFS};
use super::text::{self, none_yet};
use crate::model::checks::checklist;

pub fn documents(ctx: &Ctx) -> Vec<(&'static str, String)> {
    vec![
        (TRADE_OFFS, trade_offs(ctx)),
        (TECHNOLOGIES, technologies(ctx)),
        (FUTURE, future(ctx)),
    ]
}

fn trade_offs(ctx: &Ctx) -> String {
    let m = ctx.m;
    let mut md = ctx.doc("Trade-offs");
    if m.alternatives.tradeoffs.is_empty() {
        md.para(&none_yet(
            "trade-off",
            "alternatives { tradeoff NAME \"Label\" { chosen: \"...\"; rejected: [\"...\"]; rationale: \"...\" } }",
        ));
    }
    for t in &m.alternatives.tradeoffs {
        md.heading(2, &t.named.label);
        let mut facts = Vec::new();
        facts.push(format!(
            "Chosen: {}",
            t.chosen
                .as_deref()
                .map(escape)
                .unwrap_or_else(|| "not written".into())
        ));
        if !t.rejected.is_empty() {
            facts.push(format!("Rejected: {}", text::strings(&t.rejected)));
        }
        match &t.rationale {
            Some(r) if !r.trim().contains('\n') => {
                facts.push(format!("Rationale: {}", escape(r.trim())))
            }
            Some(_) => {}
            None => facts.push(format!(
                "Rationale: not written yet (add {})",
                code("rationale: \"...\"")
            )),
        }
        md.bullets(facts);
        if let Some(r) = t.rationale.as_deref().filter(|r| r.trim().contains('\n')) {
            md.prose(r, 3);
        }
    }
    md.finish()
}

fn technologies(ctx: &Ctx) -> String {
    let m = ctx.m;
    let mut md = ctx.doc("Technologies");
    md.heading(2, "Choices");
    if m.alternatives.technologies.is_empty() {
        md.para(&none_yet(
            "technology choice",
            "alternatives { technology NAME { chosen: \"...\"; considered: [\"...\"]; rationale: \"...\" } }",
        ));
    } else {
        let rows: Vec<Vec<String>> = m
            .alternatives
            .technologies
            .iter()
            .map(|t| {
                vec![
                    text::named(&t.named),
                    t.chosen.as_deref().map(escape).unwrap_or_default(),
                    text::strings(&t.considered),
                    t.rationale.as_deref().map(escape).unwrap_or_default(),
                ]
            })
            .collect();
        md.table(&["Decision", "Chosen", "Considered", "Rationale"], &rows);
    }
    md.heading(2, "Technology by component");
    let rows: Vec<Vec<String>> = m
        .components
        .iter()
        .enumerate()
        .filter(|(_, c)| c.tech.is_some())
        .map(|(i, c)| {
            vec![
                text::component(m, crate::model::ComponentId(i)),
                c.kind.caption(),
                c.tech.as_deref().map(escape).unwrap_or_default(),
            ]
        })
        .collect();
    if rows.is_empty() {
        md.para(&none_yet(
            "component technology",
            "service NAME { tech: \"...\" }",
        ));
    } else {
        md.table(&["Component", "Kind", "Technology"], &rows);
    }
    let stages: Vec<Vec<String>> = m
        .pipelines
        .iter()
        .flat_map(|p| {
            p.stages.iter().filter(|s| s.tech.is_some()).map(move |s| {
                vec![
                    code(&format!("{}.{}", p.named.name, s.named.name)),
                    s.tech.as_deref().map(escape).unwrap_or_default(),
                ]
            })
        })
        .collect();
    if !stages.is_empty() {
        md.heading(2, "Technology by pipeline stage");
        md.table(&["Stage", "Technology"], &stages);
    }
    md.finish()
}

fn future(ctx: &Ctx) -> String {
    let m = ctx.m;
    let mut md = ctx.doc("Future improvements");
    md.heading(2, "Planned");
    if m.alternatives.future.is_empty() {
        md.para(&none_yet(
            "future improvement",
            "alternatives { future { \"...\" } }",
        ));
    } else {
        md.bullets(m.alternatives.future.iter().map(|f| escape(f.trim())));
    }
    md.heading(2, "Gaps in the design");
    let missing: Vec<String> = checklist(m)
        .iter()
        .filter(|i| !i.done)
        .map(|i| format!("No {}: add {}.", i.title, code(i.construct)))
        .collect();
    if missing.is_empty() {
        md.para(&format!(
            "Every item of the design checklist is covered (see the {}).",
            link("README", FUTURE, paths::README)
        ));
    } else {
        md.bullets(missing);
    }
    let short: Vec<String> = ctx
        .plan
        .components
        .iter()
        .filter(|c| c.is_short())
        .map(|c| code(&m.component(c.id).named.name))
        .collect();
    if !short.is_empty() {
        md.para(&format!(
            "Short of capacity at peak: {} (see {}).",
            short.join(", "),
            link("capacity planning", FUTURE, paths::CAPACITY)
        ));
    }
    md.finish()
}
