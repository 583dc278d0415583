//! Placement: where each component's replicas run (per region and per zone), and what is left
//! of each capacity-planned component after losing one region or zone.

use std::collections::BTreeMap;

use crate::model::capacity::{self, Replicas};
use crate::model::{ComponentId, Container, Level, Model, Run};
use crate::span::Span;

/// A region or a zone of the deployment. Zones are told apart by region and name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Place {
    pub region: String,
    /// `None` for the region itself.
    pub zone: Option<String>,
}

impl Place {
    /// `us_east` or `us_east.a`.
    pub fn name(&self) -> String {
        match &self.zone {
            Some(z) => format!("{}.{z}", self.region),
            None => self.region.clone(),
        }
    }
}

/// Where one component runs.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Placed {
    /// Replicas per region (region-level runs and runs in its zones).
    pub regions: BTreeMap<String, u64>,
    /// Replicas per zone.
    pub zones: BTreeMap<Place, u64>,
    /// Replicas outside every region (present everywhere, lost with none).
    pub global: u64,
    /// Whether any `run` places it.
    pub placed: bool,
}

impl Placed {
    pub fn in_place(&self, p: &Place) -> u64 {
        match &p.zone {
            None => self.regions.get(&p.region).copied().unwrap_or(0),
            Some(_) => self.zones.get(p).copied().unwrap_or(0),
        }
    }

    /// Whether it has replicas where `p` is (global replicas are everywhere).
    pub fn present_in_region(&self, region: &str) -> bool {
        self.global > 0 || self.regions.get(region).is_some_and(|n| *n > 0)
    }
}

/// What is left of one planned component after losing one place.
#[derive(Debug, Clone, PartialEq)]
pub struct LossRow {
    pub component: ComponentId,
    pub total: u64,
    pub lost: u64,
    /// Requests per second per replica.
    pub capacity: f64,
    /// `(total − lost) × capacity`.
    pub left: f64,
    /// Requests per second.
    pub load: f64,
}

impl LossRow {
    pub fn short(&self) -> bool {
        self.left < self.load
    }
}

/// The loss of one region or zone.
#[derive(Debug, Clone, PartialEq)]
pub struct Loss {
    pub place: Place,
    pub rows: Vec<LossRow>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Placement {
    /// Regions in spec order, with their spans.
    pub regions: Vec<(String, Span)>,
    /// Zones in spec order.
    pub zones: Vec<Place>,
    /// Per component.
    pub placed: Vec<Placed>,
    /// Per component: replicas as the capacity arithmetic counts them.
    pub replicas: Vec<Replicas>,
    /// Per component: load in requests per second, if known.
    pub loads: Vec<Option<f64>>,
    /// One entry per region, then per zone.
    pub losses: Vec<Loss>,
}

impl Placement {
    pub fn build(m: &Model) -> Placement {
        let n = m.components.len();
        let mut p = Placement {
            placed: vec![Placed::default(); n],
            replicas: capacity::all_replicas(m),
            loads: capacity::loads(m)
                .into_iter()
                .map(|l| l.map(|(v, _)| v))
                .collect(),
            ..Placement::default()
        };
        if let Some(d) = &m.deployment {
            p.add_runs(m, &d.runs, None, None);
            for c in &d.containers {
                p.walk(m, c, None, None);
            }
        }
        let places: Vec<Place> = p
            .regions
            .iter()
            .map(|(r, _)| Place {
                region: r.clone(),
                zone: None,
            })
            .chain(p.zones.iter().cloned())
            .collect();
        for place in places {
            let rows = (0..n)
                .filter_map(|i| {
                    let cap = m.components[i].capacity?.value;
                    let load = p.loads[i]?;
                    let lost = p.placed[i].in_place(&place);
                    (lost > 0).then(|| {
                        let total = p.replicas[i].total;
                        LossRow {
                            component: ComponentId(i),
                            total,
                            lost,
                            capacity: cap,
                            left: total.saturating_sub(lost) as f64 * cap,
                            load,
                        }
                    })
                })
                .collect();
            p.losses.push(Loss { place, rows });
        }
        p
    }

    fn walk(&mut self, m: &Model, c: &Container, region: Option<&str>, zone: Option<&str>) {
        let (region, zone) = match c.level {
            Level::Region => {
                self.regions.push((c.named.name.clone(), c.named.name_span));
                (Some(c.named.name.as_str()), None)
            }
            Level::Zone => {
                if let Some(r) = region {
                    self.zones.push(Place {
                        region: r.to_string(),
                        zone: Some(c.named.name.clone()),
                    });
                }
                (region, Some(c.named.name.as_str()))
            }
            _ => (region, zone),
        };
        self.add_runs(m, &c.runs, region, zone);
        for child in &c.children {
            self.walk(m, child, region, zone);
        }
    }

    fn add_runs(&mut self, m: &Model, runs: &[Run], region: Option<&str>, zone: Option<&str>) {
        for r in runs {
            let n = r
                .replicas
                .unwrap_or(m.component(r.component).replicas.unwrap_or(1));
            let slot = &mut self.placed[r.component.0];
            slot.placed = true;
            match region {
                None => slot.global += n,
                Some(reg) => {
                    *slot.regions.entry(reg.to_string()).or_default() += n;
                    if let Some(z) = zone {
                        *slot
                            .zones
                            .entry(Place {
                                region: reg.to_string(),
                                zone: Some(z.to_string()),
                            })
                            .or_default() += n;
                    }
                }
            }
        }
    }
}
