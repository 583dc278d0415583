//! The checked requirement keys: the entries of `requirements.non_functional` (and
//! `constraints.budget`) whose values mlsd checks and reasons with. Other keys are free text.

use super::ValueType::{self, OneOf, Quantity};
use crate::model::quantity::Dimension;
use crate::model::types::Survives;

macro_rules! requirement_keys {
    ($($variant:ident = $word:literal, $section:literal, $value:expr, $doc:literal;)+) => {
        /// A checked requirement key.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum RequirementKey { $($variant),+ }

        impl RequirementKey {
            pub const ALL: &'static [RequirementKey] = &[$(RequirementKey::$variant),+];

            /// The key as written in a spec.
            pub fn as_str(self) -> &'static str {
                match self { $(RequirementKey::$variant => $word),+ }
            }

            pub fn parse(word: &str) -> Option<Self> {
                match word { $($word => Some(RequirementKey::$variant),)+ _ => None }
            }

            /// The block of `requirements` it is written in.
            pub fn section(self) -> &'static str {
                match self { $(RequirementKey::$variant => $section),+ }
            }

            /// What its value must be.
            pub fn value(self) -> ValueType {
                match self { $(RequirementKey::$variant => $value),+ }
            }

            /// One line for hover and the language reference.
            pub fn doc(self) -> &'static str {
                match self { $(RequirementKey::$variant => $doc),+ }
            }
        }
    };
}

requirement_keys! {
    LatencyP50 = "latency_p50", "non_functional", Quantity(Dimension::TIME), "median latency target";
    LatencyP95 = "latency_p95", "non_functional", Quantity(Dimension::TIME), "95th-percentile latency target";
    LatencyP99 = "latency_p99", "non_functional", Quantity(Dimension::TIME), "99th-percentile latency target; endpoints may set their own";
    Availability = "availability", "non_functional", Quantity(Dimension::PERCENT), "share of the month the system answers";
    Durability = "durability", "non_functional", Quantity(Dimension::PERCENT), "share of stored data that survives";
    Throughput = "throughput", "non_functional", Quantity(Dimension::RATE), "average requests per second";
    PeakThroughput = "peak_throughput", "non_functional", Quantity(Dimension::RATE), "peak requests per second, checked against `scaling.traffic`";
    Freshness = "freshness", "non_functional", Quantity(Dimension::TIME), "how old served data may be";
    Survives = "survives", "non_functional", OneOf(Survives::WORDS), "the loss (`zone` or `region`) the system must keep serving its peak through";
    PiiRetention = "pii_retention", "security", Quantity(Dimension::TIME), "the longest time personal data may be kept";
    Budget = "budget", "constraints", Quantity(Dimension::MONEY_RATE), "the most the deployment may cost, checked against the node pools";
}

impl RequirementKey {
    /// The dimension of a quantity-valued key (`None` for `survives`).
    pub fn dimension(self) -> Option<Dimension> {
        match self.value() {
            Quantity(d) => Some(d),
            _ => None,
        }
    }

    /// The keys checked in `non_functional`.
    pub fn non_functional() -> impl Iterator<Item = RequirementKey> {
        Self::ALL
            .iter()
            .copied()
            .filter(|k| k.section() == "non_functional")
    }

    pub fn is_latency(self) -> bool {
        matches!(
            self,
            RequirementKey::LatencyP50 | RequirementKey::LatencyP95 | RequirementKey::LatencyP99
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        for k in RequirementKey::ALL {
            assert_eq!(RequirementKey::parse(k.as_str()), Some(*k));
        }
        assert_eq!(RequirementKey::non_functional().count(), 9);
        assert_eq!(RequirementKey::parse("latncy_p99"), None);
    }
}
