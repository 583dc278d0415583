//! The review rules R001–R022: the rule functions, one module per concern. Their metadata
//! (code, severity, title, why, fix) is the code registry's table, `crate::codes::RULES`,
//! which `mlsd explain` prints too.

mod availability;
pub mod data;
mod latency;
pub mod ml;
pub mod operations;

use super::Facts;
use super::finding::Finding;
use crate::codes;
use crate::model::Model;

/// A rule's entry in the code registry (`crate::codes::RULES`): code, severities, title,
/// explanation, example, fix and why. The registry is the one table of the rules.
pub type Rule = codes::Entry;

/// Every review rule, in code order: the registry's table.
pub fn rules() -> &'static [Rule] {
    codes::RULES
}

/// The rule codes, for `review.allow`.
pub fn codes() -> Vec<&'static str> {
    codes::RULES.iter().map(|r| r.code).collect()
}

/// The rule with this code.
pub fn rule(code: &str) -> Option<&'static Rule> {
    codes::RULES.iter().find(|r| r.code == code)
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

    /// Every rule in the registry has a `why` (a finding prints it).
    #[test]
    fn every_rule_has_a_why() {
        for r in rules() {
            assert!(!r.why.is_empty(), "{} has no why", r.code);
            assert!(r.code.starts_with('R'), "{}", r.code);
        }
        assert_eq!(
            rule(codes::R001).map(|r| r.title),
            Some("single point of failure")
        );
        assert!(rule(codes::E032).is_none());
    }
}
