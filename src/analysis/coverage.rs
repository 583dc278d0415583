//! Requirement coverage: per non-functional requirement mlsd checks, the parts of the design
//! that bear on it (endpoint p99 budgets, the latency-budgeted call chains and the longest,
//! the alerts about it, regions and fallbacks). `requirements/non_functional.md` phrases it.

use crate::model::Model;

/// A latency-budgeted call chain: its budget (seconds) and the names along it.
#[derive(Debug, Clone, PartialEq)]
pub struct Chain {
    pub budget: f64,
    pub names: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Coverage {
    /// Endpoints with a `latency_p99`: (`api.endpoint`, seconds), in spec order.
    pub endpoint_p99: Vec<(String, f64)>,
    /// How many call chains carry a `latency`.
    pub chains: usize,
    /// The chain with the largest budget (the last of equals, in flow order).
    pub longest_chain: Option<Chain>,
    /// Alerts about latency, about errors and availability, about freshness (names).
    pub latency_alerts: Vec<String>,
    pub error_alerts: Vec<String>,
    pub freshness_alerts: Vec<String>,
    /// Regions in the deployment.
    pub regions: usize,
    /// Flows with a `fallback`.
    pub fallbacks: usize,
}

impl Coverage {
    pub fn build(m: &Model) -> Coverage {
        let endpoint_p99 = m
            .apis
            .iter()
            .flat_map(|a| {
                a.endpoints.iter().filter_map(move |e| {
                    e.latency_p99
                        .map(|l| (format!("{}.{}", a.named.name, e.name), l.value))
                })
            })
            .collect();
        let mut chains: Vec<usize> = Vec::new();
        for f in m.flows.iter().filter(|f| f.latency.is_some()) {
            if !chains.contains(&f.chain) {
                chains.push(f.chain);
            }
        }
        let longest_chain = chains
            .iter()
            .filter_map(|c| {
                let flows: Vec<_> = m.flows.iter().filter(|f| f.chain == *c).collect();
                let first = flows.first()?;
                let mut names = vec![m.endpoint_name(first.from)];
                names.extend(flows.iter().map(|f| m.endpoint_name(f.to)));
                Some(Chain {
                    budget: first.latency?.value,
                    names,
                })
            })
            .fold(None::<Chain>, |best, c| match best {
                Some(b) if b.budget > c.budget => Some(b),
                _ => Some(c),
            });
        Coverage {
            endpoint_p99,
            chains: chains.len(),
            longest_chain,
            latency_alerts: alerts_about(m, &["latency", "duration", "_seconds"]),
            error_alerts: alerts_about(m, &["error", "availability", "5xx", "down"]),
            freshness_alerts: alerts_about(m, &["fresh", "lag", "stale"]),
            regions: m
                .containers()
                .iter()
                .filter(|(c, _)| c.level == crate::model::Level::Region)
                .count(),
            fallbacks: m.flows.iter().filter(|f| f.fallback.is_some()).count(),
        }
    }

    /// The endpoints whose `latency_p99` exceeds `target` (seconds).
    pub fn endpoints_over(&self, target: f64) -> Vec<&(String, f64)> {
        self.endpoint_p99
            .iter()
            .filter(|(_, l)| *l > target + 1e-12)
            .collect()
    }
}

/// Alerts whose name, expression or summary mentions one of `words`.
fn alerts_about(m: &Model, words: &[&str]) -> Vec<String> {
    m.monitoring
        .alerts
        .iter()
        .filter(|a| {
            let hay = format!(
                "{} {} {}",
                a.named.name,
                a.expr.as_deref().unwrap_or_default(),
                a.summary.as_deref().unwrap_or_default()
            )
            .to_lowercase();
            words.iter().any(|w| hay.contains(w))
        })
        .map(|a| a.named.name.clone())
        .collect()
}
