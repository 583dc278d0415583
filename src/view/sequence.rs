//! Model + timing facts -> one request view per api endpoint: the call tree below the api's
//! `served_by` as a sequence of steps between lifelines (no geometry: `scene::sequence`
//! places it). The figures are the analysis stage's (`analysis::timing`); this file only
//! orders and phrases them.

use crate::analysis::timing::{ApiTiming, Hop, TargetSource, Timing};
use crate::model::quantity::human_time;
use crate::model::{Api, ApiEndpoint, ComponentId, Endpoint, Model};

use super::{Shape, shape_of};

/// One lifeline: the caller of the endpoint (index 0) or a component.
#[derive(Debug, Clone, PartialEq)]
pub struct Participant {
    /// The component's name, or `request` for the caller.
    pub id: String,
    pub label: String,
    /// Its kind (and technology).
    pub caption: String,
    pub shape: Shape,
}

/// One row of a sequence diagram, top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// A sync call (or the request itself) from lifeline `from` to `to`, labelled.
    Call {
        from: usize,
        to: usize,
        lines: Vec<String>,
    },
    /// The answer to the matching call.
    Return {
        from: usize,
        to: usize,
        lines: Vec<String>,
    },
    /// Opens a frame of calls that run concurrently (`parallel`).
    ParStart,
    /// Separates two concurrent branches of the open frame.
    ParElse,
    ParEnd,
}

/// The request view of one endpoint.
#[derive(Debug, Clone, PartialEq)]
pub struct SequenceDiagram {
    /// The path under `diagrams/` without extension: `requests/feed_api.feed`.
    pub stem: String,
    pub title: String,
    pub participants: Vec<Participant>,
    pub steps: Vec<Step>,
    /// The verdict against the latency target, and where the target comes from.
    pub verdict: Vec<String>,
    /// `Some(false)` when the inner time is over the target.
    pub within: Option<bool>,
}

/// The directory of the request views under `diagrams/`.
pub const DIR: &str = "requests";

/// The stem of an endpoint's request view: `requests/API.ENDPOINT`, each name reduced to
/// letters, digits, `_` and `-` (names already are; this keeps a file name safe regardless).
pub fn stem(api: &str, endpoint: &str) -> String {
    format!("{DIR}/{}.{}", safe(api), safe(endpoint))
}

fn safe(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.is_empty() { "_".into() } else { s }
}

/// The request an endpoint answers: `GET /v1/feed/{user_id}`, or `rpc Score` without a path.
pub fn request_line(api: &Api, e: &ApiEndpoint) -> String {
    match &e.path {
        Some(p) => format!(
            "{} {}{p}",
            e.method.as_str().to_uppercase(),
            api.base_path.as_deref().unwrap_or("").trim_end_matches('/')
        ),
        None => format!("{} {}", e.method.as_str(), e.name),
    }
}

/// Every request view of the model: per api with a `served_by`, one per endpoint, in
/// declaration order.
pub fn all(model: &Model, timing: &Timing) -> Vec<SequenceDiagram> {
    let mut out = Vec::new();
    for t in &timing.apis {
        let api = &model.apis[t.api.0];
        for k in 0..api.endpoints.len() {
            out.push(endpoint_view(model, t, k));
        }
    }
    out
}

/// The request view of endpoint `k` of the api timed by `t`.
pub fn endpoint_view(model: &Model, t: &ApiTiming, k: usize) -> SequenceDiagram {
    let api = &model.apis[t.api.0];
    let e = &api.endpoints[k];
    let request = request_line(api, e);
    let what = format!("{}: {request}", api.named.label);
    let title = if model.system.name.is_empty() {
        what
    } else {
        format!("{}: {what}", model.system.name)
    };

    let mut b = Builder {
        model,
        participants: vec![Participant {
            id: "request".into(),
            label: "Caller".into(),
            caption: format!("{} client", api.protocol.as_str()),
            shape: Shape::Person,
        }],
        ids: Vec::new(),
        steps: Vec::new(),
    };
    let server = b.lifeline(t.served_by);
    let mut first = vec![request];
    if let Some(target) = e.latency_p99.map(|q| q.value).or(t.target) {
        first.push(format!("target p99 {}", human_time(target)));
    }
    b.steps.push(Step::Call {
        from: 0,
        to: server,
        lines: first,
    });
    let tree = Tree::of(&t.hops);
    b.calls(&t.hops, &tree, &tree.roots);
    let answer = e
        .response
        .map(|r| model.entities[r.0].named.name.clone())
        .unwrap_or_else(|| "response".into());
    b.steps.push(Step::Return {
        from: server,
        to: 0,
        lines: vec![answer, format!("after {}", human_time(t.inner))],
    });

    SequenceDiagram {
        stem: stem(&api.named.name, &e.name),
        title,
        participants: b.participants,
        steps: b.steps,
        verdict: verdict(model, t, k),
        within: t.within,
    }
}

/// `p99 budget 85 ms of 120 ms: ok`, then where the target comes from, and the endpoint's
/// own `latency_p99` when it is not the api's target (the call tree is traced per api).
fn verdict(model: &Model, t: &ApiTiming, k: usize) -> Vec<String> {
    let inner = human_time(t.inner);
    let api = &model.apis[t.api.0];
    let source = match &t.source {
        Some(TargetSource::Endpoint(i)) => api
            .endpoints
            .get(*i)
            .map(|e| format!("target: latency_p99 of {}.{}", api.named.name, e.name)),
        Some(TargetSource::NonFunctional) => {
            Some("target: requirements non_functional latency_p99".to_string())
        }
        None => None,
    };
    let head = match (t.target, t.within) {
        (Some(target), Some(true)) => format!("p99 budget {inner} of {}: ok", human_time(target)),
        (Some(target), _) => format!(
            "p99 budget {inner} of {}: over by {}",
            human_time(target),
            human_time(t.inner - target)
        ),
        (None, _) => format!("p99 budget {inner}: no latency target"),
    };
    let tail = source.unwrap_or_else(|| {
        "add latency_p99 to an endpoint or to non_functional to set one".to_string()
    });
    let mut out = vec![head, tail];
    let e = &api.endpoints[k];
    if let Some(own) = e.latency_p99
        && t.source != Some(TargetSource::Endpoint(k))
    {
        out.push(format!(
            "{} declares latency_p99 {}; the calls above are the api's, traced from its served_by",
            e.name,
            human_time(own.value)
        ));
    }
    out
}

/// The call tree of the hops: each hop's children are the hops directly below it.
struct Tree {
    roots: Vec<usize>,
    children: Vec<Vec<usize>>,
}

impl Tree {
    fn of(hops: &[Hop]) -> Tree {
        let mut roots = Vec::new();
        let mut children = vec![Vec::new(); hops.len()];
        let mut open: Vec<usize> = Vec::new();
        for (i, h) in hops.iter().enumerate() {
            while open.last().is_some_and(|&p| hops[p].depth >= h.depth) {
                open.pop();
            }
            match open.last() {
                Some(&p) => children[p].push(i),
                None => roots.push(i),
            }
            open.push(i);
        }
        Tree { roots, children }
    }
}

struct Builder<'a> {
    model: &'a Model,
    participants: Vec<Participant>,
    /// The component of each lifeline after the caller's.
    ids: Vec<ComponentId>,
    steps: Vec<Step>,
}

impl Builder<'_> {
    /// The lifeline of a component, added on first use (so lifelines read in call order).
    fn lifeline(&mut self, c: ComponentId) -> usize {
        if let Some(i) = self.ids.iter().position(|x| *x == c) {
            return i + 1;
        }
        let comp = self.model.component(c);
        let caption = match &comp.tech {
            Some(tech) => format!("{} · {tech}", comp.kind.caption()),
            None => comp.kind.caption(),
        };
        self.ids.push(c);
        self.participants.push(Participant {
            id: comp.named.name.clone(),
            label: comp.named.label.clone(),
            caption,
            shape: shape_of(comp.kind),
        });
        self.participants.len() - 1
    }

    /// The calls `list` (siblings): serial ones in order, then the `parallel` ones together
    /// in a frame (they start when the serial calls are done).
    fn calls(&mut self, hops: &[Hop], tree: &Tree, list: &[usize]) {
        let (par, serial): (Vec<usize>, Vec<usize>) =
            list.iter().partition(|&&i| hops[i].call.parallel);
        for i in serial {
            self.call(hops, tree, i);
        }
        if !par.is_empty() {
            self.steps.push(Step::ParStart);
            for (n, i) in par.into_iter().enumerate() {
                if n > 0 {
                    self.steps.push(Step::ParElse);
                }
                self.call(hops, tree, i);
            }
            self.steps.push(Step::ParEnd);
        }
    }

    fn call(&mut self, hops: &[Hop], tree: &Tree, i: usize) {
        let h = &hops[i];
        let f = &self.model.flows[h.call.flow];
        let Endpoint::Component(caller) = f.from else {
            return;
        };
        let from = self.lifeline(caller);
        let to = self.lifeline(h.call.to);
        let mut lines = Vec::new();
        if let Some(label) = &f.label {
            lines.push(label.clone());
        } else if let Some(p) = &f.protocol {
            lines.push(p.clone());
        }
        let in_chain = !h.call.unbudgeted && !f.chain_first;
        lines.push(if h.call.unbudgeted {
            "no budget (counts 0)".to_string()
        } else if in_chain {
            "inside its chain's budget".to_string()
        } else {
            format!(
                "budget {} · cumulative {}",
                human_time(h.call.budget),
                human_time(h.cumulative)
            )
        });
        let mut guard = Vec::new();
        if let Some(t) = h.call.timeout {
            guard.push(format!("timeout {}", human_time(t)));
        }
        if let Some(fb) = &h.call.fallback {
            guard.push(format!("fallback: {fb}"));
        }
        if !guard.is_empty() {
            lines.push(guard.join(" · "));
        }
        self.steps.push(Step::Call { from, to, lines });
        self.calls(hops, tree, &tree.children[i]);
        let answer = f
            .returns
            .iter()
            .map(|r| self.model.entities[r.0].named.name.clone())
            .collect::<Vec<_>>()
            .join(", ");
        self.steps.push(Step::Return {
            from: to,
            to: from,
            lines: if answer.is_empty() {
                Vec::new()
            } else {
                vec![answer]
            },
        });
    }
}
