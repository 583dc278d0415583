//! Model -> Graph, one function per diagram. No geometry here.

pub mod graph;

pub use graph::{Cluster, Direction, Edge, EdgeStyle, Graph, Node, Shape};
