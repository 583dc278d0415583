//! The failure table of `scaling/capacity_planning.md`: for every region and zone, what is
//! left of each capacity-planned component after losing it. The figures are the analysis
//! stage's (`analysis::placement`); this file only phrases them.

use super::super::Ctx;
use super::super::markdown::{Markdown, code};
use super::super::text::rate;

pub fn failure_section(ctx: &Ctx, md: &mut Markdown) {
    let m = ctx.m;
    let placement = &ctx.review.facts.placement;
    if placement.losses.is_empty() {
        md.para(
            "The deployment declares no region or zone, so no failure of one can be computed \
             (add `region NAME { zone NAME { run ... } }` under `deployment`).",
        );
        return;
    }
    md.para(
        "For each region and zone: the capacity left of every capacity-planned component with \
         replicas there once it is lost, as (total − lost) × capacity per replica, against the \
         component's load. Replicas placed outside every region are never lost.",
    );
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut untouched = Vec::new();
    for loss in &placement.losses {
        if loss.rows.is_empty() {
            untouched.push(code(&loss.place.name()));
            continue;
        }
        for r in &loss.rows {
            let left_replicas = r.total.saturating_sub(r.lost);
            let verdict = if r.short() {
                format!("**short by {}**", rate(r.load - r.left))
            } else {
                format!("covered ({} spare)", rate(r.left - r.load))
            };
            rows.push(vec![
                code(&loss.place.name()),
                code(&m.component(r.component).named.name),
                format!("{} − {} = {}", r.total, r.lost, left_replicas),
                format!(
                    "{left_replicas} × {} = {}",
                    rate(r.capacity),
                    rate_or_zero(r.left)
                ),
                rate(r.load),
                verdict,
            ]);
        }
    }
    if !rows.is_empty() {
        md.table(
            &[
                "Lost",
                "Component",
                "Replicas left",
                "Capacity left",
                "Load",
                "Verdict",
            ],
            &rows,
        );
    }
    if !untouched.is_empty() {
        md.para(&format!(
            "Losing {} takes no replica of a capacity-planned component.",
            untouched.join(", ")
        ));
    }
}

/// A rate, with nothing left written `0/s` (not `0/d`).
fn rate_or_zero(per_second: f64) -> String {
    if per_second > 0.0 {
        rate(per_second)
    } else {
        "0/s".to_string()
    }
}
