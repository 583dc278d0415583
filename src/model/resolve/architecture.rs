//! Components, groups and flows.

use super::Resolver;
use super::attrs::Want;
use super::symbols::SymKind;
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::model::kinds::{ComponentKind, FlowMode};
use crate::model::quantity::Dimension;
use crate::model::types::*;
use crate::model::vocab;
use crate::syntax::ast::{Decl, EdgeStmt, Path, Stmt};

impl<'t> Resolver<'t> {
    pub(super) fn component(&mut self, d: &Decl, group: Option<GroupId>) {
        let kind = ComponentKind::parse(&d.keyword.name).expect("caller checked the kind");
        let Some(name) = self.require_name(d, &format!("`{}`", kind.as_str())) else {
            return;
        };
        let context = format!("`{}`", kind.as_str());
        let attrs = self.attrs(d.body.as_ref(), &context, &vocab::COMPONENT);
        self.decls(
            d.body.as_ref(),
            &format!("inside a {context}"),
            |r, inner| r.bad_keyword(inner, &format!("inside a {context}"), &[]),
        );
        if let Some(a) = attrs.get("model")
            && !kind.serves_models()
        {
            self.error(
                Diagnostic::error(
                    codes::E032,
                    a.key.span,
                    format!("a `{}` cannot serve a model", kind.as_str()),
                )
                .with_help("`model` is taken by `model_server`, `service` and `worker`"),
            );
        }
        if let Some(a) = attrs.get("backup_every")
            && !kind.is_data_store()
        {
            self.error(
                Diagnostic::error(
                    codes::E032,
                    a.key.span,
                    format!("a `{}` is not a data store and has no backups", kind.as_str()),
                )
                .with_help("`backup_every` is taken by data stores (`database`, `warehouse`, ...) and by `disaster_recovery`"),
            );
        }
        let models = if kind.serves_models() {
            self.refs(&attrs, "model", Want::Models)
                .into_iter()
                .map(|s| ModelId(s.id))
                .collect()
        } else {
            Vec::new()
        };
        let component = Component {
            named: self.named(d, name),
            kind,
            tech: self.string(&attrs, "tech"),
            description: self.string(&attrs, "description"),
            replicas: self.count(&attrs, "replicas"),
            capacity: self.quantity(&attrs, "capacity", Dimension::RATE),
            models,
            owner: self.text_or_word(&attrs, "owner"),
            tags: self.strings(&attrs, "tags"),
            group,
            backup_every: if kind.is_data_store() {
                self.quantity(&attrs, "backup_every", Dimension::TIME)
            } else {
                None
            },
        };
        self.place(name.span, component, |m| &mut m.components);
    }

    /// Puts an item at the index the symbol table gave its declaration.
    pub(super) fn place<T>(
        &mut self,
        name_span: crate::span::Span,
        item: T,
        vec: impl Fn(&mut Model) -> &mut Vec<T>,
    ) {
        let v = vec(&mut self.model);
        debug_assert_eq!(self.symbols.id_of(name_span), Some(v.len()));
        v.push(item);
    }

    pub(super) fn group(&mut self, d: &'t Decl, parent: Option<GroupId>) {
        let Some(name) = self.require_name(d, "a `group`") else {
            return;
        };
        let id = GroupId(self.model.groups.len());
        let named = self.named(d, name);
        self.place(name.span, Group { named, parent }, |m| &mut m.groups);
        let valid: Vec<&str> = ComponentKind::WORDS
            .iter()
            .copied()
            .chain(["group"])
            .collect();
        let _ = self.attrs(d.body.as_ref(), "a `group`", &vocab::NO_ATTRS);
        for s in d.body.iter().flat_map(|b| &b.statements) {
            match s {
                Stmt::Decl(inner) if inner.keyword.name == "group" => self.group(inner, Some(id)),
                Stmt::Decl(inner) if ComponentKind::parse(&inner.keyword.name).is_some() => {
                    self.component(inner, Some(id))
                }
                Stmt::Decl(inner) => self.bad_keyword(inner, "inside a `group`", &valid),
                Stmt::Edge(e) => self.edges.push((e, Some(id))),
                other => self.stray(other, "inside a `group`"),
            }
        }
    }

    /// One flow per arrow of the chain, sharing label and attributes.
    pub(super) fn flow(&mut self, e: &EdgeStmt, _group: Option<GroupId>) {
        let ends: Vec<Option<Endpoint>> = e.chain.iter().map(|p| self.endpoint(p)).collect();
        let attrs = self.attrs(e.body.as_ref(), "a flow", &vocab::FLOW);
        self.decls(e.body.as_ref(), "inside a flow", |r, inner| {
            r.bad_keyword(inner, "inside a flow", &[])
        });
        let mode = self
            .word(&attrs, "mode", FlowMode::parse, FlowMode::WORDS)
            .map_or(FlowMode::Sync, FlowMode::normalized);
        let returns: Vec<EntityId> = self
            .refs(&attrs, "returns", Want::Entities)
            .into_iter()
            .map(|s| EntityId(s.id))
            .collect();
        if mode != FlowMode::Sync
            && let Some(a) = attrs.get("returns")
        {
            self.error(
                Diagnostic::error(
                    codes::E046,
                    a.key.span,
                    format!("`returns` is only for `sync` flows, and this flow is `{mode}`"),
                )
                .with_help("an asynchronous flow sends `data` and gets nothing back: use `data`"),
            );
        }
        let parallel = self.boolean(&attrs, "parallel").unwrap_or(false);
        if mode != FlowMode::Sync
            && let Some(a) = attrs.get("parallel")
        {
            self.error(
                Diagnostic::error(
                    codes::E046,
                    a.key.span,
                    format!("`parallel` is only for `sync` flows, and this flow is `{mode}`"),
                )
                .with_help("only a synchronous call makes its caller wait: remove `parallel`"),
            );
        }
        let chain = self.chains;
        self.chains += 1;
        let template = Flow {
            from: Endpoint::Component(ComponentId(0)),
            to: Endpoint::Component(ComponentId(0)),
            label: e.label.as_ref().map(|l| l.value.clone()),
            protocol: self.text_or_word(&attrs, "protocol"),
            mode,
            data: self
                .refs(&attrs, "data", Want::Entities)
                .into_iter()
                .map(|s| EntityId(s.id))
                .collect(),
            returns,
            rate: self.quantity(&attrs, "rate", Dimension::RATE),
            latency: self.quantity(&attrs, "latency", Dimension::TIME),
            timeout: self.quantity(&attrs, "timeout", Dimension::TIME),
            fallback: self.string(&attrs, "fallback"),
            parallel,
            chain,
            chain_first: true,
            span: e.span,
        };
        for (i, pair) in ends.windows(2).enumerate() {
            if let [Some(from), Some(to)] = pair {
                self.model.flows.push(Flow {
                    from: *from,
                    to: *to,
                    chain_first: i == 0,
                    ..template.clone()
                });
            }
        }
    }

    /// A flow end: a component, group or pipeline name, or `pipeline.stage`.
    fn endpoint(&mut self, path: &Path) -> Option<Endpoint> {
        let wanted = "a component, group, pipeline or stage";
        let accepts = |k: SymKind| {
            matches!(
                k,
                SymKind::Component(_) | SymKind::Group | SymKind::Pipeline
            )
        };
        let first = &path.segments[0];
        if path.segments.len() > 2 {
            self.error(
                Diagnostic::error(
                    codes::E037,
                    path.span,
                    format!("`{}` is not a flow end", path.text()),
                )
                .with_help(
                    "a flow joins components, groups, pipelines or stages (`pipeline.stage`)",
                ),
            );
            return None;
        }
        if path.segments.len() == 2 {
            let sym = self.lookup(
                &Path {
                    segments: vec![first.clone()],
                    span: first.span,
                },
                "a pipeline",
                |k| k == SymKind::Pipeline,
                "a flow",
            )?;
            let stage = &path.segments[1];
            return self.stage_index(sym.id, stage).map(|index| {
                Endpoint::Stage(StageId {
                    pipeline: PipelineId(sym.id),
                    index,
                })
            });
        }
        let sym = self.lookup(path, wanted, accepts, "a flow")?;
        Some(match sym.kind {
            SymKind::Group => Endpoint::Group(GroupId(sym.id)),
            SymKind::Pipeline => Endpoint::Pipeline(PipelineId(sym.id)),
            _ => Endpoint::Component(ComponentId(sym.id)),
        })
    }
}
