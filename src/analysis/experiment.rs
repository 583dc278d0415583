//! Experiment sizes: requests needed per arm against the requests the treatment arm gets.

use crate::model::Model;

/// `n = 15.7 × p(1−p) / (p·d)²`: two-sided 5%, power 80% (15.7 ≈ 2 × (1.96 + 0.84)²).
pub const Z_FACTOR: f64 = 15.7;

#[derive(Debug, Clone, PartialEq)]
pub struct ExperimentSize {
    /// Index in `operations.experiments`.
    pub experiment: usize,
    /// Control rate, 0..=1.
    pub baseline: f64,
    /// Relative effect, 0..=1.
    pub effect: f64,
    /// Requests needed per arm.
    pub needed: f64,
    /// Requests the treatment arm receives over the duration (`None` without traffic).
    pub available: Option<f64>,
}

pub fn build(m: &Model) -> Vec<ExperimentSize> {
    let t = m.scaling.traffic.as_ref();
    let daily =
        t.and_then(|t| Some(t.daily_active_users?.value * t.requests_per_user?.value * 86_400.0));
    m.operations
        .experiments
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let p = e.baseline? / 100.0;
            let d = e.min_detectable_effect.unwrap_or(0.0) / 100.0;
            let needed = if p * d > 0.0 {
                Z_FACTOR * p * (1.0 - p) / (p * d).powi(2)
            } else {
                f64::INFINITY
            };
            let split = e.split.unwrap_or(0.0) / 100.0;
            let days = e.duration.map_or(0.0, |q| q.value / 86_400.0);
            Some(ExperimentSize {
                experiment: i,
                baseline: p,
                effect: d,
                needed,
                available: daily.map(|per_day| per_day * split * days),
            })
        })
        .collect()
}
