//! Flow rates against an entity's declared volume: per entity with `volume.rate`, the rated
//! async, stream and batch flows that carry it, the largest per-destination sum, its daily
//! average (÷ peak factor) and whether it lies outside [rate ÷ k, rate × k] with
//! k = max(peak factor, 2). Rule R022 reports it; the capacity plan phrases it.

use crate::model::{Endpoint, EntityId, FlowMode, Model};

/// How the flows compare with the volume.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The daily average is above `k × volume.rate`.
    MoreThan,
    /// The daily average is below `volume.rate ÷ k`, and every carrying flow is rated.
    LessThan,
}

/// One entity's flows against its volume.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowVolume {
    pub entity: EntityId,
    /// `volume.rate`, rows per second.
    pub volume: f64,
    /// The rated non-sync flows carrying it, in flow order (indices in `Model::flows`).
    pub rated: Vec<usize>,
    /// Whether every non-sync flow carrying it has a `rate`.
    pub all_rated: bool,
    /// The destination with the largest summed rate, and that sum (per second).
    pub largest: Option<(Endpoint, f64)>,
    /// `scaling.traffic.peak_factor`, else 1.
    pub peak_factor: f64,
    /// max(peak factor, 2).
    pub k: f64,
    /// The largest sum ÷ peak factor.
    pub average: f64,
    /// The finding's verdict and the bound crossed, if any.
    pub verdict: Option<(Verdict, f64)>,
}

/// One entry per entity with a `volume.rate`, in entity order.
pub fn build(m: &Model) -> Vec<FlowVolume> {
    let pf = m
        .scaling
        .traffic
        .as_ref()
        .and_then(|t| t.peak_factor)
        .unwrap_or(1.0);
    let k = pf.max(2.0);
    let mut out = Vec::new();
    for (i, e) in m.entities.iter().enumerate() {
        let Some(volume) = e.volume.as_ref().and_then(|v| v.rate) else {
            continue;
        };
        let id = EntityId(i);
        let carrying: Vec<usize> = (0..m.flows.len())
            .filter(|&f| m.flows[f].mode != FlowMode::Sync && m.flows[f].data.contains(&id))
            .collect();
        let rated: Vec<usize> = carrying
            .iter()
            .copied()
            .filter(|&f| m.flows[f].rate.is_some())
            .collect();
        let mut per_dest: Vec<(Endpoint, f64)> = Vec::new();
        for &f in &rated {
            let fl = &m.flows[f];
            let r = fl.rate.map_or(0.0, |q| q.value);
            match per_dest.iter_mut().find(|(d, _)| *d == fl.to) {
                Some(slot) => slot.1 += r,
                None => per_dest.push((fl.to, r)),
            }
        }
        let largest =
            per_dest
                .iter()
                .copied()
                .fold(None, |a: Option<(Endpoint, f64)>, b| match a {
                    Some(x) if x.1 >= b.1 => a,
                    _ => Some(b),
                });
        let all_rated = rated.len() == carrying.len();
        let average = largest.map_or(0.0, |(_, s)| s / pf);
        let verdict = largest.and_then(|_| {
            if average > k * volume.value {
                Some((Verdict::MoreThan, k * volume.value))
            } else if average < volume.value / k && all_rated {
                Some((Verdict::LessThan, volume.value / k))
            } else {
                None
            }
        });
        out.push(FlowVolume {
            entity: id,
            volume: volume.value,
            rated,
            all_rated,
            largest,
            peak_factor: pf,
            k,
            average,
            verdict,
        });
    }
    out
}
