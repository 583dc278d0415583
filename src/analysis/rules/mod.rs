//! The review rules R001–R022: one table of their metadata (code, severity, title, why) that
//! the code registry and `mlsd explain` read, and the rule functions, one module per concern.

mod availability;
pub mod data;
mod latency;
pub mod ml;
pub mod operations;

use super::Facts;
use super::finding::Finding;
use crate::codes;
use crate::model::Model;

/// The severity of a rule as the contract states it (some rules choose per finding).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub code: &'static str,
    /// `high`, `medium`, `low`, or the contract's wording for rules that choose per finding.
    pub severity: &'static str,
    pub title: &'static str,
    /// Why it matters, one sentence.
    pub why: &'static str,
}

/// Every review rule, in code order.
pub const RULES: &[Rule] = &[
    Rule {
        code: codes::R001,
        severity: "high",
        title: "single point of failure",
        why: "a request-path component with one replica stops every request when it fails, and nothing degrades in its place",
    },
    Rule {
        code: codes::R002,
        severity: "high if `survives` names that level, else medium",
        title: "capacity after losing a region (zone)",
        why: "after a region or zone is lost the replicas left must carry the whole load, or the survivors overload and fail in turn",
    },
    Rule {
        code: codes::R003,
        severity: "high",
        title: "latency over target",
        why: "the calls a request waits for add up: when their budgets exceed the api's p99 target, the target cannot be met even when every call is on time",
    },
    Rule {
        code: codes::R004,
        severity: "medium",
        title: "call budget exceeded inside",
        why: "a component whose own calls take longer than its caller allows will miss that budget on every slow request",
    },
    Rule {
        code: codes::R005,
        severity: "medium",
        title: "timeout breaks the target",
        why: "a call that waits for its full timeout before falling back makes the fallback path itself miss the p99 target",
    },
    Rule {
        code: codes::R006,
        severity: "high",
        title: "recovery time over the availability budget",
        why: "one disaster recovered in `rto` spends more downtime than the availability target allows in a month",
    },
    Rule {
        code: codes::R007,
        severity: "high",
        title: "backups too rare for the RPO",
        why: "a store backed up less often than the RPO loses more data than the RPO allows when it is restored",
    },
    Rule {
        code: codes::R008,
        severity: "medium",
        title: "training data lacks a model input",
        why: "a model trained without one of its inputs cannot learn from it, or its training pipeline silently reads it from nowhere",
    },
    Rule {
        code: codes::R009,
        severity: "medium",
        title: "serving lacks a model input",
        why: "a served model whose server never receives one of its inputs cannot compute its prediction as designed",
    },
    Rule {
        code: codes::R010,
        severity: "medium",
        title: "store read but never written",
        why: "a durable store that is read but never written serves data nobody puts there",
    },
    Rule {
        code: codes::R011,
        severity: "low",
        title: "queue or stream with no consumer",
        why: "messages into a queue or stream that nothing reads pile up and are lost",
    },
    Rule {
        code: codes::R012,
        severity: "medium",
        title: "model without labels",
        why: "a served model without labels cannot be retrained or evaluated on fresh data",
    },
    Rule {
        code: codes::R013,
        severity: "high if over, medium if unknown",
        title: "personal data kept too long",
        why: "personal data kept past the privacy policy's retention breaks the policy and the law behind it",
    },
    Rule {
        code: codes::R014,
        severity: "medium",
        title: "personal data leaves the system",
        why: "personal data sent to an external party needs a processing agreement and usually tokenisation",
    },
    Rule {
        code: codes::R015,
        severity: "low / medium",
        title: "request path outside the deployment",
        why: "a request-path component that runs nowhere, or not where its caller runs, makes every call cross regions or fail",
    },
    Rule {
        code: codes::R016,
        severity: "low",
        title: "unknown cost",
        why: "a node pool without a cost leaves the monthly cost and the budget check incomplete",
    },
    Rule {
        code: codes::R017,
        severity: "high",
        title: "batch misses its deadline",
        why: "a nightly batch whose stages take longer than the time to its deadline delivers late every day",
    },
    Rule {
        code: codes::R018,
        severity: "medium",
        title: "served model not watched",
        why: "a served model with no alert on its server or no drift check on its inputs degrades silently",
    },
    Rule {
        code: codes::R019,
        severity: "low",
        title: "alert on an undeclared metric",
        why: "an alert on metrics the design does not declare may watch nothing",
    },
    Rule {
        code: codes::R020,
        severity: "high",
        title: "experiment cannot reach significance",
        why: "an experiment with too few requests per arm cannot detect the effect it is meant to measure",
    },
    Rule {
        code: codes::R021,
        severity: "low",
        title: "replicas disagree",
        why: "a component whose declared replicas differ from the sum of its placements leaves the real number in doubt",
    },
    Rule {
        code: codes::R022,
        severity: "low",
        title: "flow rates disagree with the volume",
        why: "flow rates far from the entity's declared volume mean one of the two figures is wrong, and so are the sizes built on it",
    },
];

/// The rule codes, for `review.allow`.
pub fn codes() -> Vec<&'static str> {
    RULES.iter().map(|r| r.code).collect()
}

/// The rule with this code.
pub fn rule(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code == code)
}

/// Every finding of every rule, unsorted.
pub fn check_all(model: &Model, facts: &Facts) -> Vec<Finding> {
    let mut out = Vec::new();
    availability::check(model, facts, &mut out);
    latency::check(model, facts, &mut out);
    data::check(model, facts, &mut out);
    ml::check(model, facts, &mut out);
    operations::check(model, facts, &mut out);
    out
}

#[cfg(test)]
mod registry_tests {
    use super::*;

    /// This table and the code registry (`crate::codes`) name the same rules, with the same
    /// titles, in the same order.
    #[test]
    fn rules_agree_with_the_code_registry() {
        let here: Vec<_> = RULES.iter().map(|r| (r.code, r.title)).collect();
        let registry: Vec<_> = codes::RULES.iter().map(|e| (e.code, e.title)).collect();
        assert_eq!(here, registry);
    }
}
