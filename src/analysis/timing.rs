//! Inner times of components and the latency walk of every api: budgets of the sync calls a
//! component waits for (serial calls add up, `parallel` calls count by their largest).

use super::request_path::RequestPath;
use crate::model::{ApiId, ComponentId, Endpoint, Model};

/// One sync call a component makes, with the budget it counts for.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// Index of the flow in `Model::flows`.
    pub flow: usize,
    pub to: ComponentId,
    /// Seconds: the chain's `latency` on a first arrow, 0 otherwise.
    pub budget: f64,
    /// A first arrow without a `latency`.
    pub unbudgeted: bool,
    pub parallel: bool,
    /// Seconds.
    pub timeout: Option<f64>,
    pub fallback: Option<String>,
}

/// The time a component waits for its own sync calls.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct InnerTime {
    pub calls: Vec<Call>,
    /// Seconds: serial budgets summed plus the largest parallel budget.
    pub total: f64,
}

impl InnerTime {
    /// The inner time with one call's budget replaced by `budget`.
    pub fn with_budget(&self, flow: usize, budget: f64) -> f64 {
        let b = |c: &Call| if c.flow == flow { budget } else { c.budget };
        let serial: f64 = self.calls.iter().filter(|c| !c.parallel).map(b).sum();
        let parallel = self
            .calls
            .iter()
            .filter(|c| c.parallel)
            .map(b)
            .fold(0.0, f64::max);
        serial + parallel
    }

    pub fn unbudgeted(&self) -> impl Iterator<Item = &Call> {
        self.calls.iter().filter(|c| c.unbudgeted)
    }
}

/// Where an api's latency target comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum TargetSource {
    /// The endpoint (by index) with the largest `latency_p99`.
    Endpoint(usize),
    NonFunctional,
}

/// One hop of a request walk-through.
#[derive(Debug, Clone, PartialEq)]
pub struct Hop {
    /// 1 for the served_by's own calls, 2 for theirs...
    pub depth: usize,
    pub call: Call,
    /// Seconds from the request's start to the end of this call's budget, serial calls of
    /// each caller laid end to end (parallel calls start together after them).
    pub cumulative: f64,
}

/// The latency facts of one api.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiTiming {
    pub api: ApiId,
    pub served_by: ComponentId,
    /// Seconds.
    pub target: Option<f64>,
    pub source: Option<TargetSource>,
    /// Seconds: the served_by's inner time.
    pub inner: f64,
    /// The call tree below the served_by, depth first.
    pub hops: Vec<Hop>,
    /// Whether the inner time fits the target (`None` without a target).
    pub within: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Timing {
    /// Per component.
    pub inner: Vec<InnerTime>,
    pub apis: Vec<ApiTiming>,
}

impl Timing {
    pub fn build(m: &Model, rp: &RequestPath) -> Timing {
        let inner: Vec<InnerTime> = (0..m.components.len())
            .map(|c| inner_time(m, &rp.calls[c]))
            .collect();
        let nf_target =
            m.requirements
                .non_functional
                .as_ref()
                .and_then(|nf| match nf.get("latency_p99") {
                    Some(crate::model::DocValue::Quantity(q)) => Some(q.value),
                    _ => None,
                });
        let apis = m
            .apis
            .iter()
            .enumerate()
            .filter_map(|(i, a)| {
                let served_by = a.served_by?;
                let endpoint = a
                    .endpoints
                    .iter()
                    .enumerate()
                    .filter_map(|(k, e)| e.latency_p99.map(|q| (k, q.value)))
                    .fold(None, |best: Option<(usize, f64)>, (k, v)| match best {
                        Some((_, b)) if b >= v => best,
                        _ => Some((k, v)),
                    });
                let (target, source) = match endpoint {
                    Some((k, v)) => (Some(v), Some(TargetSource::Endpoint(k))),
                    None => (nf_target, nf_target.map(|_| TargetSource::NonFunctional)),
                };
                let total = inner[served_by.0].total;
                let mut hops = Vec::new();
                walk(&inner, served_by, 1, 0.0, &mut vec![served_by], &mut hops);
                Some(ApiTiming {
                    api: ApiId(i),
                    served_by,
                    target,
                    source,
                    inner: total,
                    hops,
                    within: target.map(|t| total <= t + 1e-12),
                })
            })
            .collect();
        Timing { inner, apis }
    }
}

fn inner_time(m: &Model, flows: &[usize]) -> InnerTime {
    let calls: Vec<Call> = flows
        .iter()
        .filter_map(|&i| {
            let f = &m.flows[i];
            let Endpoint::Component(to) = f.to else {
                return None;
            };
            let first = f.chain_first;
            Some(Call {
                flow: i,
                to,
                budget: if first {
                    f.latency.map_or(0.0, |q| q.value)
                } else {
                    0.0
                },
                unbudgeted: first && f.latency.is_none(),
                parallel: first && f.parallel,
                timeout: f.timeout.map(|q| q.value),
                fallback: f.fallback.clone(),
            })
        })
        .collect();
    let mut it = InnerTime { calls, total: 0.0 };
    it.total = it.with_budget(usize::MAX, 0.0);
    it
}

fn walk(
    inner: &[InnerTime],
    c: ComponentId,
    depth: usize,
    start: f64,
    seen: &mut Vec<ComponentId>,
    out: &mut Vec<Hop>,
) {
    let calls = &inner[c.0].calls;
    let mut t = start;
    let serial_end: f64 = start
        + calls
            .iter()
            .filter(|k| !k.parallel)
            .map(|k| k.budget)
            .sum::<f64>();
    for call in calls {
        let begin = if call.parallel { serial_end } else { t };
        let end = begin + call.budget;
        if !call.parallel {
            t = end;
        }
        out.push(Hop {
            depth,
            call: call.clone(),
            cumulative: end,
        });
        if !seen.contains(&call.to) {
            seen.push(call.to);
            walk(inner, call.to, depth + 1, begin, seen, out);
            seen.pop();
        }
    }
}
