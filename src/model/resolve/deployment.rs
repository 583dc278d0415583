//! Deployment: regions > zones > clusters > node pools, and `run` placements.

use super::Resolver;
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::model::kinds::Level;
use crate::model::quantity::Dimension;
use crate::model::types::*;
use crate::model::vocab;
use crate::syntax::ast::{Block, Decl, Path};

impl Resolver<'_> {
    pub(super) fn deployment(&mut self, d: &Decl) {
        let _ = self.attrs(d.body.as_ref(), "`deployment`", &vocab::NO_ATTRS);
        let (containers, runs) = self.container_body(d.body.as_ref(), None, "");
        self.model.deployment = Some(Deployment {
            containers,
            runs,
            span: d.span,
        });
    }

    /// The containers and runs of a block inside a container of `level` (None: `deployment`).
    fn container_body(
        &mut self,
        block: Option<&Block>,
        level: Option<Level>,
        prefix: &str,
    ) -> (Vec<Container>, Vec<Run>) {
        let mut containers: Vec<Container> = Vec::new();
        let mut runs = Vec::new();
        let context = match level {
            Some(l) => format!("inside a `{l}`"),
            None => "inside `deployment`".to_string(),
        };
        let valid: Vec<&str> = Level::ALL
            .iter()
            .filter(|l| level.is_none_or(|outer| **l > outer))
            .map(|l| l.as_str())
            .chain(["run"])
            .collect();
        self.decls(block, &context, |r, inner| {
            let kw = inner.keyword.name.as_str();
            if kw == "run" {
                if let Some(run) = r.run(inner) {
                    runs.push(run);
                }
                return;
            }
            match Level::parse(kw) {
                Some(l) if level.is_none_or(|outer| l > outer) => {
                    let Some(name) = r.require_name(inner, &format!("a `{l}`")) else {
                        return;
                    };
                    if let Some(first) = containers.iter().find(|c| c.named.name == name.name) {
                        let first = first.named.name_span;
                        r.error(
                            Diagnostic::error(
                                codes::E033,
                                name.span,
                                format!("`{}` is declared twice here", name.name),
                            )
                            .with_help("rename one of them")
                            .with_note(first, "first declared here"),
                        );
                        return;
                    }
                    containers.push(r.container(inner, l, prefix));
                }
                Some(l) => r.error(
                    Diagnostic::error(
                        codes::E048,
                        inner.keyword.span,
                        format!("a `{l}` cannot stand {context}"),
                    )
                    .with_help(
                        "containers nest region > zone > cluster > node_pool (each level optional)",
                    ),
                ),
                None => r.bad_keyword(inner, &context, &valid),
            }
        });
        (containers, runs)
    }

    fn container(&mut self, d: &Decl, level: Level, prefix: &str) -> Container {
        let name = d.name.as_ref().expect("caller checked the name");
        let allowed = if level == Level::NodePool {
            &vocab::NODE_POOL
        } else {
            &vocab::CONTAINER
        };
        let attrs = self.attrs(d.body.as_ref(), &format!("a `{level}`"), allowed);
        let qualified = if prefix.is_empty() {
            name.name.clone()
        } else {
            format!("{prefix}.{}", name.name)
        };
        let (children, runs) = self.container_body(d.body.as_ref(), Some(level), &qualified);
        // Only a node pool's table has `instance`, `count` and `cost`.
        let pool = level == Level::NodePool;
        Container {
            level,
            named: self.named(d, name),
            qualified,
            provider: self.text_or_word(&attrs, "provider"),
            description: self.string(&attrs, "description"),
            instance: pool
                .then(|| self.text_or_word(&attrs, "instance"))
                .flatten(),
            count: pool.then(|| self.count(&attrs, "count")).flatten(),
            cost: pool
                .then(|| self.quantity(&attrs, "cost", Dimension::MONEY_RATE))
                .flatten(),
            active: pool.then(|| self.percent(&attrs, "active")).flatten(),
            children,
            runs,
        }
    }

    fn run(&mut self, d: &Decl) -> Option<Run> {
        let Some(name) = &d.name else {
            self.error(
                Diagnostic::error(
                    codes::E045,
                    d.keyword.span,
                    "`run` needs the component it places",
                )
                .with_help("write `run COMPONENT`"),
            );
            return None;
        };
        if let Some(l) = &d.label {
            self.error(
                Diagnostic::error(codes::E037, l.span, "`run` takes no label")
                    .with_help("the component's own label is shown"),
            );
        }
        let attrs = self.attrs(d.body.as_ref(), "`run`", &vocab::RUN);
        self.decls(d.body.as_ref(), "inside `run`", |r, inner| {
            r.bad_keyword(inner, "inside `run`", &[])
        });
        let path = Path {
            segments: vec![name.clone()],
            span: name.span,
        };
        let sym = self.lookup(
            &path,
            "a component",
            |k| matches!(k, super::symbols::SymKind::Component(_)),
            "`run`",
        )?;
        Some(Run {
            component: ComponentId(sym.id),
            replicas: self.count(&attrs, "replicas"),
            span: d.span,
        })
    }
}
