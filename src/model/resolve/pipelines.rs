//! Pipelines, their stages and stage arrows: the arrows must stay inside the pipeline, cover
//! every stage and form no cycle.

use super::Resolver;
use super::attrs::Want;
use super::symbols::SymKind;
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::model::kinds::{PipelineKind, PipelineMode};
use crate::model::quantity::Dimension;
use crate::model::suggest;
use crate::model::types::*;
use crate::model::vocab;
use crate::syntax::ast::{Decl, Ident, Stmt};

impl Resolver<'_> {
    pub(super) fn pipeline(&mut self, d: &Decl) {
        let Some(name) = self.require_name(d, "a `pipeline`") else {
            return;
        };
        let attrs = self.attrs(d.body.as_ref(), "a `pipeline`", &vocab::PIPELINE);
        let mut stages: Vec<Stage> = Vec::new();
        for s in d.body.iter().flat_map(|b| &b.statements) {
            match s {
                Stmt::Decl(inner) if inner.keyword.name == "stage" => {
                    if let Some(stage) = self.stage(inner, &stages) {
                        stages.push(stage);
                    }
                }
                Stmt::Decl(inner) => self.bad_keyword(inner, "inside a `pipeline`", &["stage"]),
                Stmt::Item(_) => self.stray(s, "inside a `pipeline`"),
                _ => {}
            }
        }
        let mut arrows = Vec::new();
        for s in d.body.iter().flat_map(|b| &b.statements) {
            let Stmt::Edge(e) = s else { continue };
            if let Some(body) = &e.body {
                self.error(
                    Diagnostic::error(codes::E032, body.span, "a stage arrow takes no attributes")
                        .with_help(
                            "describe the stage itself, or label the arrow: `a -> b: \"label\"`",
                        ),
                );
            }
            let idx: Vec<Option<usize>> = e
                .chain
                .iter()
                .map(|p| self.arrow_end(&name.name, &stages, p))
                .collect();
            for pair in idx.windows(2) {
                if let [Some(from), Some(to)] = pair {
                    arrows.push(StageArrow {
                        from: *from,
                        to: *to,
                        label: e.label.as_ref().map(|l| l.value.clone()),
                        span: e.span,
                    });
                }
            }
        }
        if !arrows.is_empty() {
            for (i, stage) in stages.iter().enumerate() {
                if !arrows.iter().any(|a| a.from == i || a.to == i) {
                    self.error(
                        Diagnostic::error(
                            codes::E041,
                            stage.named.name_span,
                            format!(
                                "stage `{}` is in none of the arrows of `{}`",
                                stage.named.name, name.name
                            ),
                        )
                        .with_help(format!(
                            "add it to the arrows, as in `... -> {} -> ...`, or remove the stage",
                            stage.named.name
                        )),
                    );
                }
            }
        }
        let schedule = self.string(&attrs, "schedule");
        let daily_start = schedule.as_deref().and_then(daily_start);
        let deadline = self.deadline(&attrs, schedule.is_some(), daily_start.is_some());
        let pipeline = Pipeline {
            named: self.named(d, name),
            kind: self.word(&attrs, "kind", PipelineKind::parse, PipelineKind::WORDS),
            mode: self.word(&attrs, "mode", PipelineMode::parse, PipelineMode::WORDS),
            schedule,
            deadline,
            daily_start,
            orchestrator: self.text_or_word(&attrs, "orchestrator"),
            description: self.string(&attrs, "description"),
            stages,
            arrows,
            order: Vec::new(),
        };
        self.place(name.span, pipeline, |m| &mut m.pipelines);
    }

    /// `deadline: "HH:MM"`: only with a daily schedule (`M H * * *`).
    fn deadline(
        &mut self,
        attrs: &super::attrs::Attrs,
        has_schedule: bool,
        daily: bool,
    ) -> Option<(u32, crate::span::Span)> {
        let a = attrs.get("deadline")?;
        let text = self.string(attrs, "deadline")?;
        let span = a.value.span();
        let Some(minutes) = clock_minutes(&text) else {
            self.error(
                Diagnostic::error(
                    codes::E054,
                    span,
                    format!("`{text}` is not a time of day as `HH:MM`"),
                )
                .with_help(
                    "write the UTC time the run must be finished by, as in `deadline: \"06:00\"`",
                ),
            );
            return None;
        };
        if !daily {
            let what = if has_schedule {
                "this pipeline's `schedule` is not daily"
            } else {
                "this pipeline has no `schedule`"
            };
            self.error(
                Diagnostic::error(
                    codes::E054,
                    a.key.span,
                    format!("`deadline` needs a daily schedule, and {what}"),
                )
                .with_help(
                    "add a daily schedule such as `schedule: \"0 2 * * *\"` (minute hour, UTC)",
                ),
            );
            return None;
        }
        Some((minutes, span))
    }

    fn stage(&mut self, d: &Decl, earlier: &[Stage]) -> Option<Stage> {
        let name = self.require_name(d, "a `stage`")?;
        if let Some(first) = earlier.iter().find(|s| s.named.name == name.name) {
            let first = first.named.name_span;
            self.error(
                Diagnostic::error(
                    codes::E033,
                    name.span,
                    format!("stage `{}` is declared twice in this pipeline", name.name),
                )
                .with_help("rename one of them")
                .with_note(first, "first declared here"),
            );
            return None;
        }
        let attrs = self.attrs(d.body.as_ref(), "a `stage`", &vocab::STAGE);
        self.decls(d.body.as_ref(), "inside a `stage`", |r, inner| {
            r.bad_keyword(inner, "inside a `stage`", &[])
        });
        let data = |r: &mut Self, key: &str| -> Vec<DataRef> {
            r.refs(&attrs, key, Want::ComponentsOrEntities)
                .into_iter()
                .map(|s| match s.kind {
                    SymKind::Entity => DataRef::Entity(EntityId(s.id)),
                    _ => DataRef::Component(ComponentId(s.id)),
                })
                .collect()
        };
        let reads = data(self, "reads");
        let writes = data(self, "writes");
        let models = |r: &mut Self, key: &str| -> Vec<ModelId> {
            r.refs(&attrs, key, Want::Models)
                .into_iter()
                .map(|s| ModelId(s.id))
                .collect()
        };
        let trains = models(self, "trains");
        let uses = models(self, "uses");
        Some(Stage {
            named: self.named(d, name),
            reads,
            writes,
            trains,
            uses,
            tech: self.string(&attrs, "tech"),
            resources: self.string(&attrs, "resources"),
            duration: self.quantity(&attrs, "duration", Dimension::TIME),
            timeout: self.quantity(&attrs, "timeout", Dimension::TIME),
            fallback: self.string(&attrs, "fallback"),
            gate: self.string(&attrs, "gate"),
            description: self.string(&attrs, "description"),
        })
    }

    /// A stage arrow end: a stage of this pipeline (`train` or `training.train`).
    fn arrow_end(
        &mut self,
        pipeline: &str,
        stages: &[Stage],
        path: &crate::syntax::ast::Path,
    ) -> Option<usize> {
        let segs = &path.segments;
        let stage = match segs.as_slice() {
            [s] => s,
            [p, s] if p.name == pipeline => s,
            [p, _] => {
                self.error(
                    Diagnostic::error(codes::E049, path.span, format!("an arrow inside `{pipeline}` cannot reach a stage of `{}`", p.name))
                        .with_help("stage arrows join stages of the same pipeline; connect pipelines with a flow at the top level"),
                );
                return None;
            }
            _ => {
                self.error(
                    Diagnostic::error(
                        codes::E037,
                        path.span,
                        format!("`{}` is not a stage", path.text()),
                    )
                    .with_help("name a stage of this pipeline"),
                );
                return None;
            }
        };
        match stages.iter().position(|s| s.named.name == stage.name) {
            Some(i) => Some(i),
            None => {
                self.unknown_stage(pipeline, stages, stage);
                None
            }
        }
    }

    fn unknown_stage(&mut self, pipeline: &str, stages: &[Stage], stage: &Ident) {
        let names: Vec<&str> = stages.iter().map(|s| s.named.name.as_str()).collect();
        let help = suggest::did_you_mean(&stage.name, names.iter().copied())
            .unwrap_or_else(|| format!("the stages of `{pipeline}` are: {}", names.join(", ")));
        self.error(
            Diagnostic::error(
                codes::E035,
                stage.span,
                format!("pipeline `{pipeline}` has no stage `{}`", stage.name),
            )
            .with_help(help),
        );
    }

    /// The index of a stage in an already resolved pipeline (for flows to `pipeline.stage`).
    pub(super) fn stage_index(&mut self, pipeline: usize, stage: &Ident) -> Option<usize> {
        let p = self.model.pipelines.get(pipeline)?;
        if let Some(i) = p.stages.iter().position(|s| s.named.name == stage.name) {
            return Some(i);
        }
        let (name, stages) = (p.named.name.clone(), p.stages.clone());
        self.unknown_stage(&name, &stages, stage);
        None
    }
}

/// Orders the stages of every pipeline and reports cycles (E040).
pub(super) fn order_all(r: &mut Resolver<'_>) {
    for i in 0..r.model.pipelines.len() {
        let p = &r.model.pipelines[i];
        match topo_order(p.stages.len(), &p.arrows) {
            Ok(order) => r.model.pipelines[i].order = order,
            Err(cycle) => {
                let names: Vec<String> = cycle
                    .iter()
                    .map(|s| p.stages[*s].named.name.clone())
                    .collect();
                // The arrow statement that closes the cycle: the last written one on it.
                let span = p
                    .arrows
                    .iter()
                    .filter(|a| cycle.contains(&a.from) && cycle.contains(&a.to))
                    .map(|a| a.span)
                    .max_by_key(|s| s.start)
                    .unwrap_or(p.named.name_span);
                let shown = format!("{} -> {}", names.join(" -> "), names[0]);
                let pname = p.named.name.clone();
                r.model.pipelines[i].order = (0..r.model.pipelines[i].stages.len()).collect();
                r.error(
                    Diagnostic::error(codes::E040, span, format!("the stages of `{pname}` form a cycle: {shown}"))
                        .with_help("a pipeline's stages must form a graph without cycles; remove one of these arrows"),
                );
            }
        }
    }
}

/// Kahn's algorithm, taking the earliest-written ready stage first; with no arrows, the
/// written order. On a cycle, returns the stages of one cycle in arrow order.
fn topo_order(n: usize, arrows: &[StageArrow]) -> Result<Vec<usize>, Vec<usize>> {
    let mut indegree = vec![0usize; n];
    let mut next: Vec<Vec<usize>> = vec![Vec::new(); n];
    for a in arrows {
        indegree[a.to] += 1;
        next[a.from].push(a.to);
    }
    let mut ready: std::collections::BTreeSet<usize> =
        (0..n).filter(|i| indegree[*i] == 0).collect();
    let mut order = Vec::with_capacity(n);
    while let Some(i) = ready.pop_first() {
        order.push(i);
        for &j in &next[i] {
            indegree[j] -= 1;
            if indegree[j] == 0 {
                ready.insert(j);
            }
        }
    }
    if order.len() == n {
        return Ok(order);
    }
    // Walk from a stage left on the cycle until a stage repeats.
    let start = (0..n).find(|i| indegree[*i] > 0).unwrap_or(0);
    let mut path = vec![start];
    let mut cur = start;
    loop {
        let Some(&nx) = next[cur].iter().find(|j| indegree[**j] > 0) else {
            return Err(path);
        };
        if let Some(pos) = path.iter().position(|p| *p == nx) {
            return Err(path[pos..].to_vec());
        }
        path.push(nx);
        cur = nx;
    }
}

/// `"HH:MM"` as minutes after midnight.
pub fn clock_minutes(text: &str) -> Option<u32> {
    let (h, m) = text.split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let h: u32 = h.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    (h < 24 && m < 60).then_some(h * 60 + m)
}

/// The start of a daily cron schedule `M H * * *` (integers) as minutes after midnight.
pub fn daily_start(schedule: &str) -> Option<u32> {
    let parts: Vec<&str> = schedule.split_whitespace().collect();
    let [m, h, "*", "*", "*"] = parts.as_slice() else {
        return None;
    };
    let m: u32 = m.parse().ok()?;
    let h: u32 = h.parse().ok()?;
    (h < 24 && m < 60).then_some(h * 60 + m)
}
