//! Tooltips and links for every diagram: each node that stands for a component, group,
//! pipeline or entity, and each edge that stands for flows, gets a plain-text hover text
//! (its facts, read from the analysis) and a link to its section in the documents; an
//! overview group links to its detail diagram. Runs after the views are built, so the views
//! stay about shapes and the facts stay in the analysis.

use std::collections::{HashMap, HashSet};

use super::Diagram;
use crate::analysis::Facts;
use crate::analysis::capacity::ComponentPlan;
use crate::analysis::format;
use crate::analysis::timing::Call;
use crate::model::{ComponentId, Endpoint, GroupId, Model};
use crate::output::text::one_line;

/// The anchor of a component's section in `design/detailed_design.md`.
pub fn component_anchor(name: &str) -> String {
    format!("component-{name}")
}

// The documents the links point at (paths in the design folder).
use crate::docs::paths::{DATA_FLOW, DETAILED as DETAILED_DESIGN, ML_PIPELINE};

/// What a node id of some view stands for.
#[derive(Debug, Clone, Copy)]
enum Subject {
    Component(ComponentId),
    Group(GroupId),
    Pipeline(usize),
    Stage(usize, usize),
    Entity(usize),
    MlModel(usize),
}

/// Sets `tooltip` and `link` on the nodes and edges of every diagram. Links are relative to
/// the diagram's own file (`diagrams/{stem}.svg`).
pub fn annotate(model: &Model, facts: &Facts, diagrams: &mut [Diagram]) {
    let idx = Index::new(model, facts);
    // A group's box links to the group's detail diagram of the same view, when there is one.
    let stems: HashSet<String> = diagrams.iter().map(|d| d.stem.clone()).collect();
    for d in diagrams {
        let file = format!("diagrams/{}.svg", d.stem);
        let view_stem = d.stem.split('/').next().unwrap_or_default().to_string();
        // (The deployment has no details of its own: its group boxes open the architecture's.)
        let detail_of = |g: GroupId| {
            let name = &model.group(g).named.name;
            [view_stem.as_str(), "architecture"]
                .iter()
                .map(|v| format!("{v}/{name}"))
                .find(|stem| stems.contains(stem))
                .map(|stem| format!("diagrams/{stem}.svg"))
        };
        let rel = |to: &str| crate::docs::markdown::relative(&file, to);
        let mut links: HashMap<&str, String> = HashMap::new();
        for n in &mut d.graph.nodes {
            let Some(subject) = idx.subject(&n.id) else {
                continue;
            };
            n.tooltip = Some(idx.node_tooltip(subject));
            n.link = Some(rel(&match subject {
                Subject::Component(c) => format!(
                    "{DETAILED_DESIGN}#{}",
                    component_anchor(&model.component(c).named.name)
                ),
                Subject::Group(g) => detail_of(g).unwrap_or_else(|| DETAILED_DESIGN.to_string()),
                Subject::Pipeline(_) | Subject::Stage(..) | Subject::MlModel(_) => {
                    ML_PIPELINE.to_string()
                }
                Subject::Entity(_) => format!("{DETAILED_DESIGN}#data-models"),
            }));
            if let Some(l) = &n.link {
                links.insert(n.id.as_str(), l.clone());
            }
        }
        for e in &mut d.graph.edges {
            let flows = idx.flows_between(&e.from, &e.to, e.label.as_deref());
            let head = format!("{} → {}", e.from, e.to);
            e.tooltip = Some(if flows.is_empty() {
                match &e.label {
                    Some(l) => format!("{head}\n{}", one_line(l)),
                    None => head,
                }
            } else {
                let parts: Vec<String> = flows.iter().map(|f| idx.flow_tooltip(*f)).collect();
                parts.join("\n\n")
            });
            // An edge that is not a flow (a stage reads a store...) links where its source does.
            e.link = if flows.is_empty() {
                links.get(e.from.as_str()).cloned()
            } else {
                Some(rel(&format!("{DATA_FLOW}#flows")))
            };
        }
    }
}

/// Lookups built once per build.
struct Index<'a> {
    model: &'a Model,
    names: HashMap<String, Subject>,
    plans: HashMap<ComponentId, &'a ComponentPlan>,
    calls: HashMap<usize, &'a Call>,
    /// (from id, to id) -> flows, for every id a flow end can be drawn at.
    flows: HashMap<(String, String), Vec<usize>>,
}

impl<'a> Index<'a> {
    fn new(model: &'a Model, facts: &'a Facts) -> Self {
        let mut names = HashMap::new();
        for (i, p) in model.pipelines.iter().enumerate() {
            names.insert(p.named.name.clone(), Subject::Pipeline(i));
            names.insert(format!("pipeline.{}", p.named.name), Subject::Pipeline(i));
        }
        for (i, m) in model.models.iter().enumerate() {
            names.insert(m.named.name.clone(), Subject::MlModel(i));
        }
        for (i, e) in model.entities.iter().enumerate() {
            names.insert(e.named.name.clone(), Subject::Entity(i));
            names.insert(format!("entity.{}", e.named.name), Subject::Entity(i));
        }
        for (i, p) in model.pipelines.iter().enumerate() {
            for (k, st) in p.stages.iter().enumerate() {
                let id = super::ml_pipeline::stage_id(&p.named.name, &st.named.name);
                names.insert(id, Subject::Stage(i, k));
            }
        }
        for (i, g) in model.groups.iter().enumerate() {
            names.insert(g.named.name.clone(), Subject::Group(GroupId(i)));
        }
        for (i, c) in model.components.iter().enumerate() {
            names.insert(c.named.name.clone(), Subject::Component(ComponentId(i)));
        }
        let plans = facts
            .capacity
            .components
            .iter()
            .map(|p| (p.id, p))
            .collect();
        let calls = facts
            .timing
            .inner
            .iter()
            .flat_map(|t| t.calls.iter())
            .map(|c| (c.flow, c))
            .collect();
        let mut flows: HashMap<(String, String), Vec<usize>> = HashMap::new();
        for (i, f) in model.flows.iter().enumerate() {
            for a in end_ids(model, f.from) {
                for b in end_ids(model, f.to) {
                    flows.entry((a.clone(), b)).or_default().push(i);
                }
            }
        }
        Index {
            model,
            names,
            plans,
            calls,
            flows,
        }
    }

    /// The subject of a node id: a name, a deployment's `run.PLACE.NAME`, or the box of a
    /// group of unplaced components, `run.unplaced.group.NAME`.
    fn subject(&self, id: &str) -> Option<Subject> {
        if let Some(s) = self.names.get(id) {
            return Some(*s);
        }
        let rest = id.strip_prefix("run.")?;
        rest.match_indices('.')
            .filter_map(|(i, _)| match self.names.get(&rest[i + 1..]) {
                Some(Subject::Component(c)) => Some(Subject::Component(*c)),
                Some(Subject::Group(g)) if rest[..i].ends_with("group") => Some(Subject::Group(*g)),
                _ => None,
            })
            .next()
    }

    /// The flows an edge stands for; those whose label the edge shows when there are some.
    fn flows_between(&self, from: &str, to: &str, label: Option<&str>) -> Vec<usize> {
        let Some(all) = self.flows.get(&(from.to_string(), to.to_string())) else {
            return Vec::new();
        };
        let labelled: Vec<usize> = all
            .iter()
            .copied()
            .filter(|i| {
                let f = &self.model.flows[*i];
                label.is_some() && f.label.as_deref().or(f.protocol.as_deref()) == label
            })
            .collect();
        if labelled.is_empty() {
            all.clone()
        } else {
            labelled
        }
    }

    fn node_tooltip(&self, s: Subject) -> String {
        let m = self.model;
        match s {
            Subject::Component(c) => self.component_tooltip(c),
            Subject::Group(g) => {
                let grp = m.group(g);
                let n = m
                    .components
                    .iter()
                    .filter(|c| {
                        c.group
                            .is_some_and(|cg| super::overview::top_group(m, cg) == g || cg == g)
                    })
                    .count();
                format!(
                    "{}\ngroup · {}",
                    title(&grp.named.label, &grp.named.name),
                    crate::model::quantity::plural(n as u64, "component")
                )
            }
            Subject::Pipeline(p) => {
                let p = &m.pipelines[p];
                let mut lines = vec![title(&p.named.label, &p.named.name)];
                lines.push(match p.kind {
                    Some(k) => format!("{k} pipeline"),
                    None => "pipeline".into(),
                });
                lines.push(format!(
                    "stages: {}",
                    p.stages
                        .iter()
                        .map(|s| s.named.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
                lines.join("\n")
            }
            Subject::Stage(p, k) => {
                let p = &m.pipelines[p];
                let st = &p.stages[k];
                let mut lines = vec![
                    title(&st.named.label, &st.named.name),
                    format!("stage of {}", p.named.name),
                ];
                if let Some(t) = &st.tech {
                    lines.push(format!("tech: {}", one_line(t)));
                }
                if let Some(d) = &st.duration {
                    lines.push(format!("duration: {d}"));
                }
                if let Some(t) = &st.timeout {
                    lines.push(format!("timeout: {t}"));
                }
                if let Some(f) = &st.fallback {
                    lines.push(format!("fallback: {}", one_line(f)));
                }
                lines.join("\n")
            }
            Subject::MlModel(i) => {
                let md = &m.models[i];
                let mut lines = vec![title(&md.named.label, &md.named.name), "model".into()];
                if let Some(a) = &md.architecture {
                    lines.push(format!("architecture: {}", one_line(a)));
                }
                if let Some(v) = &md.version {
                    lines.push(format!("version: {}", one_line(v)));
                }
                lines.join("\n")
            }
            Subject::Entity(e) => {
                let e = &m.entities[e];
                format!(
                    "{}\nentity · {}",
                    title(&e.named.label, &e.named.name),
                    crate::model::quantity::plural(e.fields.len() as u64, "field")
                )
            }
        }
    }

    fn component_tooltip(&self, id: ComponentId) -> String {
        let c = self.model.component(id);
        let mut lines = vec![title(&c.named.label, &c.named.name)];
        let mut kind = format!("kind: {}", c.kind.caption());
        if let Some(t) = &c.tech {
            kind.push_str(&format!(" · tech: {}", one_line(t)));
        }
        lines.push(kind);
        if let Some(p) = self.plans.get(&id) {
            lines.push(format!("replicas: {}", p.replicas.total));
            if p.per_replica > 0.0 {
                lines.push(format!(
                    "capacity: {} per replica, {} in total",
                    format::rate(p.per_replica),
                    format::rate(p.total_capacity)
                ));
            }
            if let Some(load) = p.load {
                let mut l = format!("load at peak: {}", format::rate(load));
                if let Some(h) = p.headroom() {
                    l.push_str(&format!(" · headroom {:.0}%", h * 100.0));
                }
                lines.push(l);
            }
        }
        lines.join("\n")
    }

    fn flow_tooltip(&self, i: usize) -> String {
        let m = self.model;
        let f = &m.flows[i];
        let mut head = format!(
            "{} → {} ({}",
            m.endpoint_name(f.from),
            m.endpoint_name(f.to),
            f.mode
        );
        if let Some(p) = &f.protocol {
            head.push_str(&format!(", {}", one_line(p)));
        }
        head.push(')');
        let mut lines = vec![head];
        if let Some(l) = &f.label {
            lines.push(one_line(l));
        }
        let entities = |ids: &[crate::model::EntityId]| {
            ids.iter()
                .map(|e| m.entity(*e).named.name.clone())
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !f.data.is_empty() {
            lines.push(format!("data: {}", entities(&f.data)));
        }
        if !f.returns.is_empty() {
            lines.push(format!("returns: {}", entities(&f.returns)));
        }
        if let Some(r) = &f.rate {
            lines.push(format!("rate: {r}"));
        }
        let call = self.calls.get(&i);
        match (call, &f.latency) {
            (Some(c), _) if !c.unbudgeted => {
                lines.push(format!("budget: {}", format::time(c.budget)))
            }
            (_, Some(l)) => lines.push(format!("budget: {l}")),
            _ => {}
        }
        match (call.and_then(|c| c.timeout), &f.timeout) {
            (Some(t), _) => lines.push(format!("timeout: {}", format::time(t))),
            (None, Some(t)) => lines.push(format!("timeout: {t}")),
            _ => {}
        }
        if let Some(fb) = call
            .and_then(|c| c.fallback.as_ref())
            .or(f.fallback.as_ref())
        {
            lines.push(format!("fallback: {}", one_line(fb)));
        }
        lines.join("\n")
    }
}

/// `Label (name)`, or the name alone when the label is the name.
fn title(label: &str, name: &str) -> String {
    if label == name {
        name.to_string()
    } else {
        format!("{} ({name})", one_line(label))
    }
}

/// Every node id a flow end can be drawn at: its own name, the pipeline of a stage (also as
/// `pipeline.NAME`), and every group around a component (overview boxes, neighbours).
fn end_ids(model: &Model, e: Endpoint) -> Vec<String> {
    let mut ids = vec![model.endpoint_name(e)];
    match e {
        Endpoint::Stage(s) => {
            let p = &model.pipeline(s.pipeline).named.name;
            ids.push(p.clone());
            ids.push(format!("pipeline.{p}"));
        }
        Endpoint::Pipeline(p) => ids.push(format!("pipeline.{}", model.pipeline(p).named.name)),
        Endpoint::Component(c) => {
            let mut g = model.component(c).group;
            while let Some(grp) = g {
                ids.push(model.group(grp).named.name.clone());
                g = model.group(grp).parent;
            }
        }
        Endpoint::Group(mut grp) => {
            while let Some(p) = model.group(grp).parent {
                ids.push(model.group(p).named.name.clone());
                grp = p;
            }
        }
    }
    ids
}
