//! The analysis stage: Model -> typed facts about the design (request paths, inner times,
//! placement, the capacity plan, capacity after a loss, data holdings, batch timing, experiment sizes) and the
//! review findings of rules R001–R022. Outputs (review, documents, diagrams) only phrase
//! these facts; none recomputes one.
//!
//! Entry: [`run`]. Run it on a model without errors.

pub mod batch;
pub mod capacity;
pub mod coverage;
pub mod experiment;
pub mod failure;
pub mod finding;
pub mod format;
pub mod holds;
pub mod lifecycle;
pub mod placement;
pub mod report;
pub mod request_path;
pub mod rules;
pub mod timing;
pub mod volume;

use crate::model::Model;
pub use finding::{Finding, Level};

/// Every fact the rules and the documents read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Facts {
    /// The capacity plan: traffic, loads and replicas, storage, node-pool cost.
    pub capacity: capacity::CapacityPlan,
    /// What bears on each non-functional requirement mlsd checks.
    pub coverage: coverage::Coverage,
    pub request: request_path::RequestPath,
    pub timing: timing::Timing,
    pub placement: placement::Placement,
    pub holds: holds::Holds,
    pub batches: Vec<batch::BatchTiming>,
    pub experiments: Vec<experiment::ExperimentSize>,
    /// Per component: its replicas, placement and what its failure breaks.
    pub failures: Vec<failure::FailureMode>,
    /// Per entity with a `volume.rate`: its flows against it.
    pub volumes: Vec<volume::FlowVolume>,
    /// Per model.
    pub lifecycles: Vec<lifecycle::Lifecycle>,
}

/// The analysis of one model: its facts and its findings, most severe first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Analysis {
    pub facts: Facts,
    pub findings: Vec<Finding>,
}

impl Analysis {
    /// The findings about a subject (as declared).
    pub fn about<'a>(&'a self, subject: &'a str) -> impl Iterator<Item = &'a Finding> {
        self.findings.iter().filter(move |f| f.subject == subject)
    }

    /// Findings per level: (high, medium, low).
    pub fn counts(&self) -> (usize, usize, usize) {
        let n = |l: Level| self.findings.iter().filter(|f| f.level == l).count();
        (n(Level::High), n(Level::Medium), n(Level::Low))
    }
}

/// Computes the facts of a model.
pub fn facts(model: &Model) -> Facts {
    let request = request_path::RequestPath::build(model);
    let timing = timing::Timing::build(model, &request);
    let placement = placement::Placement::build(model);
    Facts {
        capacity: capacity::plan(model),
        coverage: coverage::Coverage::build(model),
        failures: failure::build(model, &request, &placement),
        timing,
        request,
        placement,
        holds: holds::Holds::build(model),
        batches: batch::build(model),
        experiments: experiment::build(model),
        volumes: volume::build(model),
        lifecycles: lifecycle::build(model),
    }
}

/// Analyses a resolved model: facts, then every rule, minus `review.allow`, most severe
/// first (then by position and code).
pub fn run(model: &Model) -> Analysis {
    let facts = facts(model);
    let mut findings = rules::check_all(model, &facts);
    findings.retain(|f| !model.review.allow.iter().any(|(c, _)| c == f.code));
    findings.sort_by(|a, b| {
        (a.level, a.span.start, a.code, &a.subject, &a.message).cmp(&(
            b.level,
            b.span.start,
            b.code,
            &b.subject,
            &b.message,
        ))
    });
    Analysis { facts, findings }
}

#[cfg(test)]
mod tests;
