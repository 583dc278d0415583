//! Model -> `design/{high_level,detailed_design,ml_pipeline,data_flow}.md`, each with its
//! diagram embedded.

mod data_flow;
mod detailed;
mod high_level;
mod ml_pipeline;
mod walkthrough;

use super::Ctx;
use super::paths::{DATA_FLOW, DETAILED, HIGH_LEVEL, ML_PIPELINE};

pub fn documents(ctx: &Ctx) -> Vec<(&'static str, String)> {
    vec![
        (HIGH_LEVEL, high_level::document(ctx)),
        (DETAILED, detailed::document(ctx)),
        (ML_PIPELINE, ml_pipeline::document(ctx)),
        (DATA_FLOW, data_flow::document(ctx)),
    ]
}
