//! Why a graph could not be laid out.

use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum LayoutError {
    /// Two nodes or clusters share an id.
    DuplicateId(String),
    /// An edge names an id that is neither a node nor a cluster.
    UnknownEndpoint { edge: usize, id: String },
    /// A cluster index (node's cluster or cluster's parent) is out of range or out of order.
    BadCluster { id: String, index: usize },
    /// The graph is larger than the engine accepts.
    TooLarge {
        engine: &'static str,
        nodes: usize,
        limit: usize,
    },
    /// The engine cannot draw this graph (e.g. clusters with `layout-rs`).
    Unsupported {
        engine: &'static str,
        reason: String,
    },
    /// The engine failed or produced something unusable.
    Engine {
        engine: &'static str,
        message: String,
    },
}

impl fmt::Display for LayoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LayoutError::DuplicateId(id) => write!(f, "id `{id}` is used twice in the diagram"),
            LayoutError::UnknownEndpoint { edge, id } => {
                write!(
                    f,
                    "edge #{edge} ends at `{id}`, which is not a node or a cluster"
                )
            }
            LayoutError::BadCluster { id, index } => {
                write!(
                    f,
                    "`{id}` refers to cluster #{index}, which does not exist or comes after it"
                )
            }
            LayoutError::TooLarge {
                engine,
                nodes,
                limit,
            } => {
                write!(
                    f,
                    "the {engine} layout accepts at most {limit} nodes, this diagram has {nodes}"
                )
            }
            LayoutError::Unsupported { engine, reason } => {
                write!(f, "the {engine} layout cannot draw this diagram: {reason}")
            }
            LayoutError::Engine { engine, message } => {
                write!(f, "the {engine} layout failed: {message}")
            }
        }
    }
}

impl std::error::Error for LayoutError {}
