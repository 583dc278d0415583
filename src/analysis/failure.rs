//! Failure modes: per component, how many replicas it runs and where, and what happens to its
//! sync callers when it fails (they fail with it, or degrade through a `fallback`). Read from
//! the request path and the placement; the documents only phrase it.

use super::placement::{Place, Placement};
use super::request_path::RequestPath;
use crate::model::{ComponentId, Endpoint, Model};

/// One sync call into the component.
#[derive(Debug, Clone, PartialEq)]
pub struct Caller {
    pub component: ComponentId,
    /// Index of the flow in `Model::flows`.
    pub flow: usize,
    /// Whether a request reaches the caller (it is on the request path or an entry).
    pub on_request_path: bool,
    /// The flow's `fallback`: the caller degrades instead of failing.
    pub fallback: Option<String>,
}

/// What one component's failure does.
#[derive(Debug, Clone, PartialEq)]
pub struct FailureMode {
    pub component: ComponentId,
    /// Total replicas, as the capacity arithmetic counts them.
    pub replicas: u64,
    pub on_request_path: bool,
    /// Replicas per region, in spec order of the regions.
    pub regions: Vec<(String, u64)>,
    /// Replicas per zone, in spec order of the zones.
    pub zones: Vec<(Place, u64)>,
    /// Replicas outside every region (lost with none).
    pub global: u64,
    /// Whether any `run` places it.
    pub placed: bool,
    /// Its sync callers, in flow order.
    pub callers: Vec<Caller>,
}

impl FailureMode {
    /// Whether every sync call into it has a fallback (and there is at least one): its callers
    /// degrade instead of failing.
    pub fn degrades(&self) -> bool {
        !self.callers.is_empty() && self.callers.iter().all(|c| c.fallback.is_some())
    }
}

/// One failure mode per component, in component order.
pub fn build(m: &Model, request: &RequestPath, placement: &Placement) -> Vec<FailureMode> {
    (0..m.components.len())
        .map(|i| {
            let placed = &placement.placed[i];
            let regions = placement
                .regions
                .iter()
                .filter_map(|(r, _)| placed.regions.get(r).map(|n| (r.clone(), *n)))
                .filter(|(_, n)| *n > 0)
                .collect();
            let zones = placement
                .zones
                .iter()
                .filter_map(|z| placed.zones.get(z).map(|n| (z.clone(), *n)))
                .filter(|(_, n)| *n > 0)
                .collect();
            let callers = request.callers[i]
                .iter()
                .filter_map(|&f| {
                    let flow = &m.flows[f];
                    let Endpoint::Component(from) = flow.from else {
                        return None;
                    };
                    Some(Caller {
                        component: from,
                        flow: f,
                        on_request_path: request.paths[from.0].is_some(),
                        fallback: flow.fallback.clone(),
                    })
                })
                .collect();
            FailureMode {
                component: ComponentId(i),
                replicas: placement.replicas[i].total,
                on_request_path: request.on_path[i],
                regions,
                zones,
                global: placed.global,
                placed: placed.placed,
                callers,
            }
        })
        .collect()
}
