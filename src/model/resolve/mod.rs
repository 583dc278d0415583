//! `ast::Spec` -> `Model`: names are collected first (declaration order never matters), then
//! each declaration is read against the tables of language.md §3 with every error collected.

mod apis;
mod architecture;
mod attrs;
mod data;
mod deployment;
pub mod documents;
mod output;
mod pipelines;
pub mod symbols;
mod views;

use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::model::kinds::ComponentKind;
use crate::model::suggest;
use crate::model::types::*;
use crate::model::vocab;
use crate::span::Span;
use crate::syntax::ast::{Block, Decl, Spec, Stmt};
use symbols::SymbolTable;

pub use attrs::Want;

/// Resolves a parsed spec; the model holds whatever could be resolved.
pub fn resolve(spec: &Spec) -> (Model, Vec<Diagnostic>) {
    let symbols = SymbolTable::collect(spec);
    let mut r = Resolver {
        symbols: &symbols,
        model: Model::default(),
        diagnostics: Vec::new(),
        sections: Vec::new(),
        edges: Vec::new(),
        pending_features: Vec::new(),
        future_seen: false,
        chains: 0,
    };
    for (name, span, first) in &symbols.duplicates {
        r.error(
            Diagnostic::error(codes::E033, *span, format!("`{name}` is declared twice"))
                .with_help("rename one of them: names are global across the spec")
                .with_note(*first, "first declared here"),
        );
    }
    r.top(spec);
    (r.model, r.diagnostics)
}

pub struct Resolver<'t> {
    pub symbols: &'t SymbolTable,
    pub model: Model,
    pub diagnostics: Vec<Diagnostic>,
    /// Sections seen (name, span of the keyword), to report a second one.
    sections: Vec<(String, Span)>,
    /// Flow statements, resolved once every component and pipeline exists.
    edges: Vec<(&'t crate::syntax::ast::EdgeStmt, Option<GroupId>)>,
    /// Drift features (entity, field name, drift index), checked once every entity exists.
    pending_features: Vec<(usize, crate::syntax::ast::Ident, usize)>,
    /// Whether `alternatives` already had its `future` block.
    future_seen: bool,
    /// Flow statements read so far (each chain's number).
    chains: usize,
}

/// Top-level sections that appear at most once.
const SECTIONS: &[&str] = vocab::SECTIONS;

/// Where keywords that are not valid in some context belong, for "out of context" errors.
fn home_of(keyword: &str) -> Option<&'static str> {
    Some(match keyword {
        "stage" => "inside a `pipeline`",
        "get" | "post" | "put" | "patch" | "delete" | "rpc" => "inside an `api`",
        "params" => "inside an api endpoint",
        "volume" => "inside an `entity`",
        "region" | "zone" | "cluster" | "node_pool" | "run" => "inside `deployment`",
        "functional" | "non_functional" | "constraints" => "inside `requirements`",
        "traffic" | "bottleneck" | "optimization" => "inside `scaling`",
        "metric" | "alert" | "drift" => "inside `monitoring`",
        "experiment" | "rollout" | "disaster_recovery" => "inside `operations`",
        "tradeoff" | "technology" | "future" => "inside `alternatives`",
        "architecture" | "ml_pipeline" | "data_flow" | "view" => "inside `diagrams`",
        "system" | "entity" | "model" | "pipeline" | "api" | "deployment" | "requirements"
        | "scaling" | "monitoring" | "operations" | "security" | "design" | "alternatives"
        | "diagrams" | "review" | "output" => "at the top level",
        k if ComponentKind::parse(k).is_some() => "at the top level or inside a `group`",
        "group" => "at the top level or inside a `group`",
        _ => return None,
    })
}

/// The longest name a declaration may have, in characters: generated file names built from
/// it stay far below the 255 bytes file systems allow.
pub const MAX_NAME: usize = 100;

impl<'t> Resolver<'t> {
    pub fn error(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    /// Reports a declaration keyword that is not valid where it stands (E031 when it belongs
    /// elsewhere, E030 when it is no keyword at all), suggesting among `valid`.
    pub fn bad_keyword(&mut self, d: &Decl, context: &str, valid: &[&str]) {
        let kw = &d.keyword;
        let belongs_here = home_of(&kw.name)
            .is_some_and(|home| context.ends_with(home.trim_start_matches("inside ")))
            || valid.contains(&kw.name.as_str());
        if belongs_here {
            self.error(
                Diagnostic::error(
                    codes::E037,
                    d.name.as_ref().map_or(kw.span, |n| n.span),
                    format!("`{}` takes no name or label here", kw.name),
                )
                .with_help(format!("write `{} {{ ... }}`", kw.name)),
            );
            return;
        }
        match home_of(&kw.name) {
            Some(home) => self.error(
                Diagnostic::error(
                    codes::E031,
                    kw.span,
                    format!("`{}` cannot appear {context}", kw.name),
                )
                .with_help(format!("`{}` belongs {home}", kw.name)),
            ),
            None => {
                let help = suggest::did_you_mean(&kw.name, valid.iter().copied()).unwrap_or_else(|| {
                    if valid.is_empty() {
                        format!("no declaration may stand {context}; write attributes as `key: value`")
                    } else {
                        format!("{context} the keywords are: {}", valid.join(", "))
                    }
                });
                self.error(
                    Diagnostic::error(
                        codes::E030,
                        kw.span,
                        format!("unknown keyword `{}`", kw.name),
                    )
                    .with_help(help),
                );
            }
        }
    }

    /// Reports statements of a block that are neither attributes nor handled declarations:
    /// items, edges and declarations are passed to `other` which returns false when it did not
    /// take them.
    pub fn stray(&mut self, stmt: &Stmt, context: &str) {
        match stmt {
            Stmt::Item(s) => self.error(
                Diagnostic::error(codes::E037, s.span, format!("a free-text item cannot appear {context}"))
                    .with_help("give it a key, as in `description: \"...\"`"),
            ),
            Stmt::Edge(e) => self.error(
                Diagnostic::error(codes::E031, e.span, format!("an arrow cannot appear {context}"))
                    .with_help("flows stand at the top level or in a `group`; stage arrows in their `pipeline`"),
            ),
            _ => {}
        }
    }

    /// The declaration's name, or an error that it needs one.
    pub fn require_name<'d>(
        &mut self,
        d: &'d Decl,
        what: &str,
    ) -> Option<&'d crate::syntax::ast::Ident> {
        if d.name.is_none() {
            self.error(
                Diagnostic::error(codes::E045, d.keyword.span, format!("{what} needs a name"))
                    .with_help(format!("write `{} NAME`", d.keyword.name)),
            );
        }
        // A name becomes file names (`NAME.proto`, `.NAME.mlsd-tmp-...`) and identifiers:
        // one that cannot be a file name fails here, at `check`, not half-way through a build.
        if let Some(n) = &d.name
            && n.name.chars().count() > MAX_NAME
        {
            self.error(
                Diagnostic::error(
                    codes::E045,
                    n.span,
                    format!(
                        "this name is {} characters long; names have at most {MAX_NAME}",
                        n.name.chars().count()
                    ),
                )
                .with_help("names become file names in the design folder: shorten it"),
            );
            return None;
        }
        d.name.as_ref()
    }

    /// The `Named` of a declaration (label defaults from the name).
    pub fn named(&self, d: &Decl, name: &crate::syntax::ast::Ident) -> Named {
        Named {
            name: name.name.clone(),
            label: d
                .label
                .as_ref()
                .map_or_else(|| default_label(&name.name), |l| l.value.clone()),
            explicit_label: d.label.is_some(),
            span: d.span,
            name_span: name.span,
        }
    }

    /// Reports a block-less, name-less declaration (`foo` alone on a line).
    fn lone_word(&mut self, d: &Decl, context: &str, valid: &[&str]) -> bool {
        if d.name.is_none() && d.label.is_none() && d.body.is_none() {
            let known = home_of(&d.keyword.name).is_some();
            if known {
                self.error(
                    Diagnostic::error(
                        codes::E045,
                        d.keyword.span,
                        format!("`{}` needs a name, a label or a block", d.keyword.name),
                    )
                    .with_help(
                        if ComponentKind::parse(&d.keyword.name).is_some()
                            || d.keyword.name == "group"
                        {
                            format!("write `{} NAME`", d.keyword.name)
                        } else {
                            format!(
                                "write `{} NAME` or `{} {{ ... }}`",
                                d.keyword.name, d.keyword.name
                            )
                        },
                    ),
                );
            } else {
                self.bad_keyword(d, context, valid);
            }
            return true;
        }
        false
    }

    fn section_once(&mut self, d: &Decl) -> bool {
        let kw = d.keyword.name.clone();
        if let Some((_, first)) = self.sections.iter().find(|(n, _)| *n == kw) {
            let code = if kw == "system" {
                codes::E044
            } else {
                codes::E034
            };
            let message = if kw == "system" {
                "a spec describes exactly one `system`".to_string()
            } else {
                format!("`{kw}` appears twice")
            };
            let first = *first;
            self.error(
                Diagnostic::error(code, d.keyword.span, message)
                    .with_help(format!("merge the two `{kw}` blocks into one"))
                    .with_note(first, "first here"),
            );
            return false;
        }
        self.sections.push((kw, d.keyword.span));
        true
    }

    fn top(&mut self, spec: &'t Spec) {
        let valid: Vec<&str> = SECTIONS
            .iter()
            .copied()
            .chain(["group", "entity", "model", "pipeline", "api"])
            .chain(ComponentKind::WORDS.iter().copied())
            .collect();
        for stmt in &spec.statements {
            match stmt {
                Stmt::Decl(d) => {
                    if self.lone_word(d, "at the top level", &valid) {
                        continue;
                    }
                    let kw = d.keyword.name.as_str();
                    if SECTIONS.contains(&kw) && !self.section_once(d) {
                        continue;
                    }
                    match kw {
                        "system" => self.system(d),
                        "group" => self.group(d, None),
                        "entity" => self.entity(d),
                        "model" => self.ml_model(d),
                        "pipeline" => self.pipeline(d),
                        "api" => self.api(d),
                        "deployment" => self.deployment(d),
                        "requirements" => self.requirements(d),
                        "scaling" => self.scaling(d),
                        "monitoring" => self.monitoring(d),
                        "operations" => self.operations(d),
                        "security" => self.security(d),
                        "review" => self.review(d),
                        "design" => self.model.design = Some(self.free_section(d)),
                        "alternatives" => self.alternatives(d),
                        "diagrams" => self.diagrams(d),
                        "output" => self.output(d),
                        k if ComponentKind::parse(k).is_some() => self.component(d, None),
                        _ => self.bad_keyword(d, "at the top level", &valid),
                    }
                }
                Stmt::Edge(e) => self.edges.push((e, None)),
                Stmt::Attr(a) => self.error(
                    Diagnostic::error(codes::E031, a.key.span, format!("`{}` cannot stand at the top level", a.key.name))
                        .with_help("attributes go inside the block of the declaration they describe"),
                ),
                Stmt::Item(s) => self.error(
                    Diagnostic::error(codes::E031, s.span, "a free-text item cannot stand at the top level")
                        .with_help("items go in a list-like section such as `functional { ... }` or `future { ... }`"),
                ),
            }
        }
        if !self.sections.iter().any(|(n, _)| n == "system") {
            self.error(
                Diagnostic::error(codes::E043, Span::new(0, 0), "this spec has no `system`")
                    .with_help("start the spec with `system \"Name\" { summary: \"...\" }`"),
            );
        }
        let edges = std::mem::take(&mut self.edges);
        for (e, group) in edges {
            self.flow(e, group);
        }
        pipelines::order_all(self);
        self.entity_cycles();
        self.resolve_features();
    }

    fn resolve_features(&mut self) {
        for (entity, field, drift) in std::mem::take(&mut self.pending_features) {
            let Some(e) = self.model.entities.get(entity) else {
                continue;
            };
            match e.fields.iter().position(|f| f.name == field.name) {
                Some(i) => {
                    if let Some(f) = self.model.monitoring.drifts[drift].feature.as_mut() {
                        f.1 = i;
                    }
                }
                None => {
                    let names: Vec<&str> = e.fields.iter().map(|f| f.name.as_str()).collect();
                    let help = suggest::did_you_mean(&field.name, names.iter().copied())
                        .unwrap_or_else(|| {
                            format!("the fields of `{}` are: {}", e.named.name, names.join(", "))
                        });
                    let message =
                        format!("entity `{}` has no field `{}`", e.named.name, field.name);
                    self.model.monitoring.drifts[drift].feature = None;
                    self.error(Diagnostic::error(codes::E035, field.span, message).with_help(help));
                }
            }
        }
    }

    fn system(&mut self, d: &Decl) {
        let attrs = self.attrs(d.body.as_ref(), "`system`", &vocab::SYSTEM);
        for s in d.body.iter().flat_map(|b| &b.statements) {
            match s {
                Stmt::Decl(inner) => self.bad_keyword(inner, "inside `system`", &[]),
                other => self.stray(other, "inside `system`"),
            }
        }
        let name = d
            .label
            .as_ref()
            .map(|l| l.value.clone())
            .or_else(|| d.name.as_ref().map(|n| default_label(&n.name)))
            .unwrap_or_default();
        self.model.system = System {
            name,
            summary: self.string(&attrs, "summary"),
            description: self.string(&attrs, "description"),
            owners: self.strings(&attrs, "owners"),
            version: self.text_or_word(&attrs, "version"),
            status: self.text_or_word(&attrs, "status"),
            tags: self.strings(&attrs, "tags"),
            span: d.span,
        };
    }

    /// Statements of a block that are declarations, each passed to `f`; attributes are left to
    /// `attrs`, items and arrows reported.
    pub fn decls<'b>(
        &mut self,
        block: Option<&'b Block>,
        context: &str,
        mut f: impl FnMut(&mut Self, &'b Decl),
    ) {
        for s in block.iter().flat_map(|b| &b.statements) {
            match s {
                Stmt::Decl(d) => f(self, d),
                Stmt::Attr(_) => {}
                other => self.stray(other, context),
            }
        }
    }
}
