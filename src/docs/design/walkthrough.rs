//! The request walk-through of `design/high_level.md`: per api, the call tree below its
//! server with each hop's budget, the cumulative time, timeouts and fallbacks, and the
//! verdict against the api's latency target. The figures are the analysis stage's
//! (`analysis::timing`); this file only phrases them.

use super::super::Ctx;
use super::super::markdown::{Markdown, code, escape, link};
use super::super::paths;
use crate::analysis::timing::TargetSource;
use crate::model::Endpoint;
use crate::model::quantity::human_time;

pub fn walkthrough_section(ctx: &Ctx, md: &mut Markdown) {
    let m = ctx.m;
    let timing = &ctx.review.facts.timing;
    if timing.apis.is_empty() {
        md.para("No api declares a `served_by`, so there is no request to walk through.");
        return;
    }
    md.para(
        "Per api: the sync calls its server waits for, depth first. A hop's budget is its \
         chain's `latency`; serial calls add up, `parallel` calls count by the largest. \
         Cumulative is the time from the request's start to the end of the hop's budget.",
    );
    for t in &timing.apis {
        let api = &m.apis[t.api.0];
        let server = code(&m.component(t.served_by).named.name);
        md.heading_md(
            3,
            &format!("{} (served by {server})", code(&api.named.name)),
        );
        request_links(ctx, md, api);
        if t.hops.is_empty() {
            md.para(&format!(
                "{server} answers without a sync call: its inner time is 0 ms."
            ));
        } else {
            let rows: Vec<Vec<String>> = t
                .hops
                .iter()
                .map(|h| {
                    let f = &m.flows[h.call.flow];
                    let caller = match &f.from {
                        Endpoint::Component(c) => code(&m.component(*c).named.name),
                        _ => "?".to_string(),
                    };
                    let indent = "· ".repeat(h.depth.saturating_sub(1));
                    let in_chain = !h.call.unbudgeted && !f.chain_first;
                    let budget = if h.call.unbudgeted {
                        "none (counts 0)".to_string()
                    } else if in_chain {
                        "inside its chain's".to_string()
                    } else {
                        human_time(h.call.budget)
                    };
                    let cumulative = if in_chain {
                        "-".to_string()
                    } else {
                        human_time(h.cumulative)
                    };
                    vec![
                        format!(
                            "{indent}{caller} → {}{}",
                            code(&m.component(h.call.to).named.name),
                            if h.call.parallel { " (parallel)" } else { "" }
                        ),
                        budget,
                        cumulative,
                        h.call.timeout.map(human_time).unwrap_or_default(),
                        h.call.fallback.as_deref().map(escape).unwrap_or_default(),
                    ]
                })
                .collect();
            md.table(
                &["Call", "Budget", "Cumulative", "Timeout", "Fallback"],
                &rows,
            );
        }
        let source = match &t.source {
            Some(TargetSource::Endpoint(i)) => api
                .endpoints
                .get(*i)
                .map(|e| format!(" (`latency_p99` of {})", code(&e.name)))
                .unwrap_or_default(),
            Some(TargetSource::NonFunctional) => " (`non_functional.latency_p99`)".to_string(),
            None => String::new(),
        };
        let verdict = match (t.target, t.within) {
            (Some(target), Some(true)) => format!(
                "Verdict: {server} waits {} for its calls, within the target of {}{source}.",
                human_time(t.inner),
                human_time(target)
            ),
            (Some(target), _) => format!(
                "Verdict: **{server} waits {} for its calls, over the target of {}{source} by \
                 {}.**",
                human_time(t.inner),
                human_time(target),
                human_time(t.inner - target)
            ),
            (None, _) => format!(
                "Verdict: {server} waits {} for its calls; no latency target is set (add \
                 `latency_p99` to an endpoint or to `non_functional`).",
                human_time(t.inner)
            ),
        };
        md.para(&verdict);
    }
}

/// A link to the request view (sequence diagram) of each endpoint of the api.
fn request_links(ctx: &Ctx, md: &mut Markdown, api: &crate::model::Api) {
    let links: Vec<String> = api
        .endpoints
        .iter()
        .filter_map(|e| {
            let stem = crate::view::sequence::stem(&api.named.name, &e.name);
            let target = ctx.diagram(&format!("diagrams/{stem}.svg"))?;
            Some(link(
                &crate::view::sequence::request_line(api, e),
                paths::HIGH_LEVEL,
                &target,
            ))
        })
        .collect();
    if !links.is_empty() {
        md.para(&format!(
            "Sequence diagram of each endpoint: {}.",
            links.join(", ")
        ));
    }
}
