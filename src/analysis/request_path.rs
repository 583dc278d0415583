//! The request path: the sync graph between components, its entries, the components reached
//! from them and the shortest path to each (from a `user`, else a `client`, else an api's
//! `served_by`, else an `external`).

use std::collections::VecDeque;

use crate::model::{ComponentId, ComponentKind, Endpoint, FlowMode, Model};

/// The sync graph and what the requests reach.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RequestPath {
    /// Per component: indices of its outgoing sync flows to components, in spec order.
    pub calls: Vec<Vec<usize>>,
    /// Per component: indices of the sync flows from components into it.
    pub callers: Vec<Vec<usize>>,
    /// Entry components, in spec order.
    pub entries: Vec<ComponentId>,
    /// Per component: whether it is on the request path (users, clients and externals never).
    pub on_path: Vec<bool>,
    /// Per component: the shortest path to it, entry first (only for reached components).
    pub paths: Vec<Option<Vec<ComponentId>>>,
}

impl RequestPath {
    pub fn build(m: &Model) -> RequestPath {
        let n = m.components.len();
        let mut calls = vec![Vec::new(); n];
        let mut callers = vec![Vec::new(); n];
        for (i, f) in m.flows.iter().enumerate() {
            if let (Endpoint::Component(a), Endpoint::Component(b), FlowMode::Sync) =
                (f.from, f.to, f.mode)
            {
                calls[a.0].push(i);
                callers[b.0].push(i);
            }
        }
        let is_outer = |c: ComponentId| {
            matches!(
                m.component(c).kind,
                ComponentKind::User | ComponentKind::Client | ComponentKind::External
            )
        };
        let served: Vec<ComponentId> = m.apis.iter().filter_map(|a| a.served_by).collect();
        let of_kind = |k: ComponentKind| -> Vec<ComponentId> {
            (0..n)
                .map(ComponentId)
                .filter(|c| m.component(*c).kind == k && !calls[c.0].is_empty())
                .collect()
        };
        let users = of_kind(ComponentKind::User);
        let clients = of_kind(ComponentKind::Client);
        let externals = of_kind(ComponentKind::External);
        let mut entries: Vec<ComponentId> = users
            .iter()
            .chain(&clients)
            .chain(&externals)
            .chain(&served)
            .copied()
            .collect();
        entries.sort();
        entries.dedup();
        let mut paths: Vec<Option<Vec<ComponentId>>> = vec![None; n];
        for sources in [&users, &clients, &served, &externals] {
            let found = bfs(m, &calls, sources);
            for (slot, p) in paths.iter_mut().zip(found) {
                if slot.is_none() {
                    *slot = p;
                }
            }
        }
        let on_path = (0..n)
            .map(|i| paths[i].is_some() && !is_outer(ComponentId(i)))
            .collect();
        RequestPath {
            calls,
            callers,
            entries,
            on_path,
            paths,
        }
    }

    /// The path to a component as text: `viewer → mobile_app → api_gateway`.
    pub fn path_text(&self, m: &Model, c: ComponentId) -> String {
        self.paths[c.0]
            .as_ref()
            .map(|p| {
                p.iter()
                    .map(|c| m.component(*c).named.name.as_str())
                    .collect::<Vec<_>>()
                    .join(" → ")
            })
            .unwrap_or_default()
    }
}

/// Shortest paths from a set of sources through the sync graph.
fn bfs(m: &Model, calls: &[Vec<usize>], sources: &[ComponentId]) -> Vec<Option<Vec<ComponentId>>> {
    let n = calls.len();
    let mut prev: Vec<Option<Option<ComponentId>>> = vec![None; n];
    let mut queue = VecDeque::new();
    for s in sources {
        if prev[s.0].is_none() {
            prev[s.0] = Some(None);
            queue.push_back(*s);
        }
    }
    while let Some(c) = queue.pop_front() {
        for &f in &calls[c.0] {
            if let Endpoint::Component(to) = m.flows[f].to
                && prev[to.0].is_none()
            {
                prev[to.0] = Some(Some(c));
                queue.push_back(to);
            }
        }
    }
    (0..n)
        .map(|i| {
            prev[i]?;
            let mut path = vec![ComponentId(i)];
            let mut cur = ComponentId(i);
            while let Some(Some(p)) = prev[cur.0] {
                path.push(p);
                cur = p;
            }
            path.reverse();
            Some(path)
        })
        .collect()
}
