//! Capacity arithmetic shared by the checks and the capacity-planning document: implied
//! peak, component loads and replicas, row sizes and storage, node-pool cost.

use super::quantity::seconds_in;
use super::types::*;

/// Seconds in a month as the language counts it (30 days).
pub const MONTH: f64 = 2_592_000.0;

/// Average and peak request rate (per second) implied by `scaling.traffic`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Traffic {
    pub average: f64,
    pub peak_factor: f64,
    pub peak: f64,
}

pub fn traffic(model: &Model) -> Option<Traffic> {
    let t = model.scaling.traffic.as_ref()?;
    let average = t.daily_active_users?.value * t.requests_per_user?.value;
    let peak_factor = t.peak_factor.unwrap_or(1.0);
    Some(Traffic {
        average,
        peak_factor,
        peak: average * peak_factor,
    })
}

/// Replicas of a component: declared on it, placed by `run`s, and the total that counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Replicas {
    pub declared: Option<u64>,
    /// Sum over `run`s; `None` when the component is not deployed.
    pub deployed: Option<u64>,
    pub total: u64,
}

pub fn replicas(model: &Model, id: ComponentId) -> Replicas {
    let c = model.component(id);
    let default = c.replicas.unwrap_or(1);
    let runs: Vec<&Run> = model
        .runs()
        .into_iter()
        .filter(|r| r.component == id)
        .collect();
    let deployed =
        (!runs.is_empty()).then(|| runs.iter().map(|r| r.replicas.unwrap_or(default)).sum());
    Replicas {
        declared: c.replicas,
        deployed,
        total: deployed.unwrap_or(default),
    }
}

/// Where a load figure comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadSource {
    /// The sum of the declared `rate`s of these incoming flows.
    Flows(Vec<usize>),
    /// No incoming flow declares a rate: the implied peak.
    ImpliedPeak,
}

/// The load on a component in requests per second (language.md §5).
pub fn load(model: &Model, id: ComponentId) -> Option<(f64, LoadSource)> {
    let incoming: Vec<usize> = model
        .flows
        .iter()
        .enumerate()
        .filter(|(_, f)| f.to == Endpoint::Component(id) && f.rate.is_some())
        .map(|(i, _)| i)
        .collect();
    load_from(model, incoming)
}

/// The loads of every component at once, in one pass over the flows.
pub fn loads(model: &Model) -> Vec<Option<(f64, LoadSource)>> {
    let mut incoming: Vec<Vec<usize>> = vec![Vec::new(); model.components.len()];
    for (i, f) in model.flows.iter().enumerate() {
        if let (Endpoint::Component(c), Some(_)) = (f.to, f.rate) {
            incoming[c.0].push(i);
        }
    }
    incoming
        .into_iter()
        .map(|flows| load_from(model, flows))
        .collect()
}

fn load_from(model: &Model, incoming: Vec<usize>) -> Option<(f64, LoadSource)> {
    if incoming.is_empty() {
        return traffic(model).map(|t| (t.peak, LoadSource::ImpliedPeak));
    }
    let sum = incoming
        .iter()
        .filter_map(|i| model.flows[*i].rate)
        .map(|q| q.value)
        .sum();
    Some((sum, LoadSource::Flows(incoming)))
}

/// The replicas of every component at once, in one pass over the deployment.
pub fn all_replicas(model: &Model) -> Vec<Replicas> {
    let mut deployed: Vec<Option<u64>> = vec![None; model.components.len()];
    for r in model.runs() {
        let default = model.component(r.component).replicas.unwrap_or(1);
        let slot = &mut deployed[r.component.0];
        *slot = Some(slot.unwrap_or(0) + r.replicas.unwrap_or(default));
    }
    model
        .components
        .iter()
        .zip(deployed)
        .map(|(c, deployed)| Replicas {
            declared: c.replicas,
            deployed,
            total: deployed.unwrap_or(c.replicas.unwrap_or(1)),
        })
        .collect()
}

/// Bytes of one value of a field (the size table of language.md §3).
pub fn field_size(model: &Model, field: &Field) -> f64 {
    if let Some(size) = field.size {
        return size;
    }
    let len = field.len.map(|l| l as f64);
    type_size(model, &field.ty, len, 0)
}

fn type_size(model: &Model, ty: &FieldType, len: Option<f64>, depth: usize) -> f64 {
    match ty {
        FieldType::Bool | FieldType::Enum(_) => 1.0,
        FieldType::Date => 4.0,
        FieldType::Int | FieldType::Float | FieldType::Timestamp => 8.0,
        FieldType::Uuid => 16.0,
        FieldType::String | FieldType::Bytes | FieldType::Json => 32.0,
        FieldType::Vector(n) => 4.0 * *n as f64,
        FieldType::List(t) => len.unwrap_or(10.0) * type_size(model, t, None, depth),
        FieldType::Map(k, v) => {
            len.unwrap_or(10.0)
                * (type_size(model, k, None, depth) + type_size(model, v, None, depth))
        }
        FieldType::Optional(t) => type_size(model, t, len, depth),
        FieldType::Entity(e) => key_size(model, *e, depth),
    }
}

/// The size of an entity's `@key` fields (16 bytes when it has none): what a reference costs.
fn key_size(model: &Model, id: EntityId, depth: usize) -> f64 {
    if depth > 16 {
        return 16.0;
    }
    let keys: Vec<&Field> = model.entity(id).fields.iter().filter(|f| f.key).collect();
    if keys.is_empty() {
        return 16.0;
    }
    keys.iter()
        .map(|f| {
            f.size
                .unwrap_or_else(|| type_size(model, &f.ty, f.len.map(|l| l as f64), depth + 1))
        })
        .sum()
}

/// Bytes of one row of an entity.
pub fn row_size(model: &Model, id: EntityId) -> f64 {
    model
        .entity(id)
        .fields
        .iter()
        .map(|f| field_size(model, f))
        .sum()
}

/// Storage of an entity: rows per day, bytes per day and bytes kept over its retention.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Storage {
    pub row_bytes: f64,
    pub rows_per_day: f64,
    pub bytes_per_day: f64,
    pub retention_days: f64,
    pub stored_bytes: f64,
}

pub fn storage(model: &Model, id: EntityId) -> Option<Storage> {
    let v = model.entity(id).volume.as_ref()?;
    let rate = v.rate?;
    let retention = v.retention?;
    let day = seconds_in("d").unwrap_or(86_400.0);
    let row_bytes = row_size(model, id);
    let rows_per_day = rate.value * day;
    let bytes_per_day = row_bytes * rows_per_day;
    let retention_days = retention.value / day;
    Some(Storage {
        row_bytes,
        rows_per_day,
        bytes_per_day,
        retention_days,
        stored_bytes: bytes_per_day * retention_days,
    })
}

/// A node pool's monthly cost.
#[derive(Debug, Clone, PartialEq)]
pub struct PoolCost<'m> {
    pub pool: &'m Container,
    pub count: u64,
    /// Dollars per hour per node.
    pub hourly: f64,
    /// Share of the month the nodes run (`active`), 0..=1.
    pub active: f64,
    /// `count × hourly × 720 h × active`.
    pub monthly: f64,
}

pub fn pool_costs(model: &Model) -> Vec<PoolCost<'_>> {
    model
        .containers()
        .into_iter()
        .filter_map(|(c, _)| {
            let cost = c.cost?;
            let count = c.count.unwrap_or(1);
            let active = c.active.unwrap_or(100.0) / 100.0;
            Some(PoolCost {
                pool: c,
                count,
                hourly: cost.value * 3600.0,
                active,
                monthly: count as f64 * cost.value * MONTH * active,
            })
        })
        .collect()
}

/// Total monthly cost of the deployment, if any node pool declares a cost.
pub fn monthly_cost(model: &Model) -> Option<f64> {
    let pools = pool_costs(model);
    (!pools.is_empty()).then(|| pools.iter().map(|p| p.monthly).sum())
}
