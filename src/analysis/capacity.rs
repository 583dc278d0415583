//! Model -> `CapacityPlan`, a fact of the analysis stage: every number of the capacity-planning
//! document, computed once from `model::capacity` (traffic, loads and replicas, storage,
//! node-pool cost) so that the documents and the tests read the same figures.

use crate::model::capacity::{self, LoadSource, MONTH, Replicas, Storage};
use crate::model::{ComponentId, EntityId, Model};

/// Seconds in a day.
pub const DAY: f64 = 86_400.0;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct CapacityPlan {
    pub traffic: Option<TrafficPlan>,
    /// Every component that declares `capacity`, in spec order.
    pub components: Vec<ComponentPlan>,
    /// Every entity with a `volume` that has both `rate` and `retention`.
    pub storage: Vec<EntityStorage>,
    /// Entities with a `volume` that lacks `rate` or `retention`.
    pub not_sized: Vec<EntityId>,
    /// Sum of `stored_bytes` over `storage`: one copy of each entity.
    pub total_bytes: f64,
    pub pools: Vec<PoolPlan>,
    /// Dollars per month over every pool with a `cost`.
    pub monthly_cost: Option<f64>,
    /// `constraints.budget` in dollars per month.
    pub budget_monthly: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrafficPlan {
    pub daily_active_users: f64,
    pub requests_per_user_per_day: f64,
    /// Requests per second.
    pub average: f64,
    pub peak_factor: f64,
    /// Whether `peak_factor` was written (it defaults to 1).
    pub explicit_peak_factor: bool,
    /// Requests per second.
    pub peak: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ComponentPlan {
    pub id: ComponentId,
    /// Requests per second one replica handles.
    pub per_replica: f64,
    /// Requests per second at peak; `None` without traffic or rated incoming flows.
    pub load: Option<f64>,
    pub source: Option<LoadSource>,
    pub replicas: Replicas,
    /// The least replicas that carry the load: ceil(load / per_replica).
    pub needed: Option<u64>,
    /// `replicas.total * per_replica`.
    pub total_capacity: f64,
}

impl ComponentPlan {
    /// Spare capacity at peak as a share of the total: (capacity - load) / capacity.
    pub fn headroom(&self) -> Option<f64> {
        let load = self.load?;
        (self.total_capacity > 0.0).then(|| (self.total_capacity - load) / self.total_capacity)
    }

    pub fn is_short(&self) -> bool {
        self.load.is_some_and(|l| self.total_capacity + 1e-9 < l)
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EntityStorage {
    pub id: EntityId,
    pub storage: Storage,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PoolPlan {
    /// The pool's qualified name (`us_east.serving_cluster.cpu_pool`).
    pub qualified: String,
    pub name: String,
    pub instance: Option<String>,
    pub count: u64,
    /// Dollars per node-hour.
    pub hourly: f64,
    /// Dollars per month (30 days).
    /// Share of the month the nodes run (`active`), 0..=1.
    pub active: f64,
    pub monthly: f64,
}

/// Hours in a month as the language counts it.
pub fn month_hours() -> f64 {
    MONTH / 3600.0
}

pub fn plan(m: &Model) -> CapacityPlan {
    let traffic = m.scaling.traffic.as_ref().and_then(|t| {
        let users = t.daily_active_users?.value;
        let per_day = t.requests_per_user?.value * DAY;
        let computed = capacity::traffic(m)?;
        Some(TrafficPlan {
            daily_active_users: users,
            requests_per_user_per_day: per_day,
            average: computed.average,
            peak_factor: computed.peak_factor,
            explicit_peak_factor: t.peak_factor.is_some(),
            peak: computed.peak,
        })
    });
    // One pass over the flows and the deployment for every component.
    let mut loads = capacity::loads(m);
    let all_replicas = capacity::all_replicas(m);
    let components = m
        .components
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let per_replica = c.capacity?.value;
            let id = ComponentId(i);
            let replicas = *all_replicas.get(i)?;
            let (load, source) = match loads.get_mut(i).and_then(Option::take) {
                Some((l, s)) => (Some(l), Some(s)),
                None => (None, None),
            };
            let needed = load
                .filter(|_| per_replica > 0.0)
                .map(|l| (l / per_replica - 1e-9).ceil().max(0.0) as u64);
            Some(ComponentPlan {
                id,
                per_replica,
                load,
                source,
                replicas,
                needed,
                total_capacity: replicas.total as f64 * per_replica,
            })
        })
        .collect();
    let mut storage = Vec::new();
    let mut not_sized = Vec::new();
    for (i, e) in m.entities.iter().enumerate() {
        if e.volume.is_none() {
            continue;
        }
        match capacity::storage(m, EntityId(i)) {
            Some(s) => storage.push(EntityStorage {
                id: EntityId(i),
                storage: s,
            }),
            None => not_sized.push(EntityId(i)),
        }
    }
    let total_bytes = storage.iter().map(|s| s.storage.stored_bytes).sum();
    let pools: Vec<PoolPlan> = capacity::pool_costs(m)
        .into_iter()
        .map(|p| PoolPlan {
            qualified: p.pool.qualified.clone(),
            name: p.pool.named.name.clone(),
            instance: p.pool.instance.clone(),
            count: p.count,
            hourly: p.hourly,
            active: p.active,
            monthly: p.monthly,
        })
        .collect();
    CapacityPlan {
        traffic,
        components,
        storage,
        not_sized,
        total_bytes,
        monthly_cost: capacity::monthly_cost(m),
        pools,
        budget_monthly: m.requirements.budget.map(|b| b.value * MONTH),
    }
}
