//! Graph -> checked index: ids resolved to nodes/clusters, cluster ancestry, edge containers.
//! Every malformed graph is turned into a `LayoutError` here, so engines can index freely.

use std::collections::BTreeMap;

use super::layout_error::LayoutError;
use crate::view::Graph;

/// What an edge end (an id) refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Endpoint {
    Node(usize),
    Cluster(usize),
}

/// A validated view of a graph.
#[derive(Debug, Clone)]
pub struct GraphIndex {
    /// Source and target of each edge.
    pub ends: Vec<(Endpoint, Endpoint)>,
    /// Child clusters of each cluster, in graph order; `None` key = the root.
    pub child_clusters: BTreeMap<Option<usize>, Vec<usize>>,
    /// Nodes directly inside each cluster, in graph order; `None` key = the root.
    pub child_nodes: BTreeMap<Option<usize>, Vec<usize>>,
    cluster_parent: Vec<Option<usize>>,
    node_cluster: Vec<Option<usize>>,
}

impl GraphIndex {
    pub fn new(g: &Graph) -> Result<GraphIndex, LayoutError> {
        let mut ids: BTreeMap<&str, Endpoint> = BTreeMap::new();
        for (i, n) in g.nodes.iter().enumerate() {
            if ids.insert(n.id.as_str(), Endpoint::Node(i)).is_some() {
                return Err(LayoutError::DuplicateId(n.id.clone()));
            }
        }
        for (i, c) in g.clusters.iter().enumerate() {
            if ids.insert(c.id.as_str(), Endpoint::Cluster(i)).is_some() {
                return Err(LayoutError::DuplicateId(c.id.clone()));
            }
            if let Some(p) = c.parent.filter(|&p| p >= i) {
                return Err(LayoutError::BadCluster {
                    id: c.id.clone(),
                    index: p,
                });
            }
        }
        for n in &g.nodes {
            if let Some(c) = n.cluster.filter(|&c| c >= g.clusters.len()) {
                return Err(LayoutError::BadCluster {
                    id: n.id.clone(),
                    index: c,
                });
            }
        }
        let mut ends = Vec::with_capacity(g.edges.len());
        for (i, e) in g.edges.iter().enumerate() {
            let find = |id: &str| {
                ids.get(id)
                    .copied()
                    .ok_or_else(|| LayoutError::UnknownEndpoint {
                        edge: i,
                        id: id.to_string(),
                    })
            };
            ends.push((find(&e.from)?, find(&e.to)?));
        }
        let mut child_clusters: BTreeMap<Option<usize>, Vec<usize>> = BTreeMap::new();
        let mut child_nodes: BTreeMap<Option<usize>, Vec<usize>> = BTreeMap::new();
        for (i, c) in g.clusters.iter().enumerate() {
            child_clusters.entry(c.parent).or_default().push(i);
        }
        for (i, n) in g.nodes.iter().enumerate() {
            child_nodes.entry(n.cluster).or_default().push(i);
        }
        Ok(GraphIndex {
            ends,
            child_clusters,
            child_nodes,
            cluster_parent: g.clusters.iter().map(|c| c.parent).collect(),
            node_cluster: g.nodes.iter().map(|n| n.cluster).collect(),
        })
    }

    /// The cluster directly holding an endpoint (`None` = the root).
    pub fn parent_of(&self, e: Endpoint) -> Option<usize> {
        match e {
            Endpoint::Node(n) => self.node_cluster[n],
            Endpoint::Cluster(c) => self.cluster_parent[c],
        }
    }

    /// Clusters enclosing `e`, innermost first (not `e` itself).
    pub fn ancestors(&self, e: Endpoint) -> Vec<usize> {
        let mut out = Vec::new();
        let mut cur = self.parent_of(e);
        while let Some(c) = cur {
            out.push(c);
            cur = self.cluster_parent[c];
        }
        out
    }

    /// All nodes inside cluster `c`, at any depth.
    pub fn members(&self, c: usize) -> Vec<usize> {
        (0..self.node_cluster.len())
            .filter(|&n| self.ancestors(Endpoint::Node(n)).contains(&c))
            .collect()
    }

    /// The cluster an edge between `a` and `b` belongs to (ELK's containment rule): the end
    /// that encloses the other, else the innermost common ancestor.
    pub fn container(&self, a: Endpoint, b: Endpoint) -> Option<usize> {
        if let Endpoint::Cluster(c) = a
            && self.ancestors(b).contains(&c)
        {
            return Some(c);
        }
        if let Endpoint::Cluster(c) = b
            && self.ancestors(a).contains(&c)
        {
            return Some(c);
        }
        let pa = self.ancestors(a);
        self.ancestors(b).into_iter().find(|c| pa.contains(c))
    }
}
