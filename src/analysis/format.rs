//! Number formatting for findings, the same as the documents use.

use crate::model::quantity::{Dimension, human, human_time};
use crate::model::{ComponentId, Model};

/// `139k/s`.
pub fn rate(per_second: f64) -> String {
    human(per_second, Dimension::RATE)
}

/// `150 ms`, `21.6 min`.
pub fn time(seconds: f64) -> String {
    human_time(seconds)
}

/// `` `name` `` of a component.
pub fn comp(m: &Model, c: ComponentId) -> String {
    format!("`{}`", m.component(c).named.name)
}

/// `` `a`, `b` and `c` ``.
pub fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// `1 replica`, `20 replicas`.
pub fn replicas(n: u64) -> String {
    crate::model::quantity::plural(n, "replica")
}
