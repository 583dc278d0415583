//! The integration suite: one crate, a module per feature.

#[path = "../../benches/common/graphs.rs"]
mod graphs;

mod diagrams;
