//! R003 latency over target, R004 call budget exceeded inside, R005 timeout breaks the target.

use crate::analysis::Facts;
use crate::analysis::finding::{Finding, Level};
use crate::analysis::format::{comp, list, time};
use crate::analysis::timing::{InnerTime, TargetSource};
use crate::model::{ComponentId, Endpoint, Model};

pub fn check(m: &Model, f: &Facts, out: &mut Vec<Finding>) {
    r003(m, f, out);
    r004(m, f, out);
    r005(m, f, out);
}

/// `a 40 ms + b 60 ms + max(c 10 ms, d 20 ms)`.
fn working(m: &Model, it: &InnerTime, replace: Option<(usize, f64)>) -> String {
    let b = |c: &crate::analysis::timing::Call| match replace {
        Some((flow, v)) if flow == c.flow => v,
        _ => c.budget,
    };
    let mut parts: Vec<String> = it
        .calls
        .iter()
        .filter(|c| !c.parallel && (c.budget > 0.0 || replace.is_some_and(|r| r.0 == c.flow)))
        .map(|c| format!("{} {}", m.component(c.to).named.name, time(b(c))))
        .collect();
    let par: Vec<String> = it
        .calls
        .iter()
        .filter(|c| c.parallel)
        .map(|c| format!("{} {}", m.component(c.to).named.name, time(b(c))))
        .collect();
    if !par.is_empty() {
        parts.push(format!("max({})", par.join(", ")));
    }
    if parts.is_empty() {
        "no budgeted call".into()
    } else {
        parts.join(" + ")
    }
}

fn unbudgeted(m: &Model, it: &InnerTime) -> String {
    let names: Vec<String> = it.unbudgeted().map(|c| comp(m, c.to)).collect();
    if names.is_empty() {
        String::new()
    } else {
        format!("; calls without a budget (counted 0): {}", list(&names))
    }
}

fn r003(m: &Model, f: &Facts, out: &mut Vec<Finding>) {
    for a in &f.timing.apis {
        let (Some(target), Some(source)) = (a.target, &a.source) else {
            continue;
        };
        if a.within != Some(false) {
            continue;
        }
        let api = &m.apis[a.api.0];
        let (subject, span) = match source {
            TargetSource::Endpoint(k) => (
                format!("{}.{}", api.named.name, api.endpoints[*k].name),
                api.endpoints[*k].span,
            ),
            TargetSource::NonFunctional => (api.named.name.clone(), api.named.name_span),
        };
        let it = &f.timing.inner[a.served_by.0];
        out.push(
            Finding::new(
                "R003",
                Level::High,
                subject.clone(),
                span,
                format!(
                    "{} serves `{subject}` and waits {} for its calls ({}) against a p99 target of {}{}",
                    comp(m, a.served_by),
                    time(a.inner),
                    working(m, it, None),
                    time(target),
                    unbudgeted(m, it)
                ),
            )
            .number("inner time", time(a.inner))
            .number("target", time(target))
            .fix("cut the call budgets, run independent calls `parallel`, or raise the target"),
        );
    }
}

fn r004(m: &Model, f: &Facts, out: &mut Vec<Finding>) {
    for fl in &m.flows {
        let (Endpoint::Component(from), Endpoint::Component(to)) = (fl.from, fl.to) else {
            continue;
        };
        if fl.mode != crate::model::FlowMode::Sync || !fl.chain_first {
            continue;
        }
        let Some(budget) = fl.latency else { continue };
        let it = &f.timing.inner[to.0];
        if it.total <= budget.value + 1e-12 {
            continue;
        }
        out.push(
            Finding::new(
                "R004",
                Level::Medium,
                &m.component(to).named.name,
                fl.span,
                format!(
                    "{} waits {} for its own calls ({}), more than the {} budget of the call from {}",
                    comp(m, to),
                    time(it.total),
                    working(m, it, None),
                    time(budget.value),
                    comp(m, from)
                ),
            )
            .number("inner time", time(it.total))
            .number("budget", time(budget.value))
            .fix("raise the call's `latency`, or cut the budgets of the calls inside"),
        );
    }
}

fn r005(m: &Model, f: &Facts, out: &mut Vec<Finding>) {
    // flow -> (excess, api index, recomputed, target)
    let mut worst: std::collections::BTreeMap<usize, (f64, usize, f64, f64)> = Default::default();
    for (k, a) in f.timing.apis.iter().enumerate() {
        let Some(target) = a.target else { continue };
        let it = &f.timing.inner[a.served_by.0];
        for c in &it.calls {
            let Some(t) = c.timeout else { continue };
            let with = it.with_budget(c.flow, t);
            let excess = with - target;
            if excess <= 1e-12 {
                continue;
            }
            let e = worst.entry(c.flow).or_insert((excess, k, with, target));
            if excess > e.0 {
                *e = (excess, k, with, target);
            }
        }
    }
    for (flow, (_, k, with, target)) in worst {
        let a = &f.timing.apis[k];
        let fl = &m.flows[flow];
        let Endpoint::Component(to) = fl.to else {
            continue;
        };
        let it = &f.timing.inner[a.served_by.0];
        let timeout = fl.timeout.map_or(0.0, |q| q.value);
        out.push(
            Finding::new(
                "R005",
                Level::Medium,
                &m.component(to).named.name,
                fl.span,
                format!(
                    "when {} times out after {}, {} has waited {} ({}) against the p99 target of {} of `{}`",
                    comp(m, to),
                    time(timeout),
                    comp(m, a.served_by),
                    time(with),
                    working(m, it, Some((flow, timeout))),
                    time(target),
                    m.apis[a.api.0].named.name
                ),
            )
            .number("timeout", time(timeout))
            .number("with timeout", time(with))
            .number("target", time(target))
            .fix("lower the `timeout` so that the fallback still answers within the target"),
        );
    }
    let _ = ComponentId(0);
}
