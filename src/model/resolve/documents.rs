//! The document sections: requirements, scaling, monitoring, operations, security, design,
//! alternatives and diagrams.

use super::Resolver;
use super::attrs::{Attrs, Want};
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::model::kinds::*;
use crate::model::quantity::{Dimension, Quantity};
use crate::model::types::*;
use crate::model::vocab;
use crate::syntax::ast::{Decl, Stmt, Value};

impl Resolver<'_> {
    /// A free-form section: items, `"""prose"""` and any `key: value`.
    pub(super) fn free_section(&mut self, d: &Decl) -> FreeSection {
        let context = format!("inside `{}`", d.keyword.name);
        let mut section = FreeSection {
            span: d.span,
            ..FreeSection::default()
        };
        for s in d.body.iter().flat_map(|b| &b.statements) {
            match s {
                Stmt::Item(text) => section.items.push(text.value.clone()),
                Stmt::Attr(a) => {
                    if let Some(first) = section.entries.iter().find(|e| e.key == a.key.name) {
                        let first = first.span;
                        self.error(
                            Diagnostic::error(
                                codes::E034,
                                a.key.span,
                                format!("`{}` is set twice {context}", a.key.name),
                            )
                            .with_help("keep one of them")
                            .with_note(first, "first set here"),
                        );
                        continue;
                    }
                    if let Some(value) = self.doc_value(&a.value) {
                        section.entries.push(Entry {
                            key: a.key.name.clone(),
                            value,
                            span: a.span,
                        });
                    }
                }
                Stmt::Decl(inner) => self.bad_keyword(inner, &context, &[]),
                Stmt::Edge(_) => self.stray(s, &context),
            }
        }
        section
    }

    fn doc_value(&mut self, v: &Value) -> Option<DocValue> {
        Some(match v {
            Value::Str(s) => DocValue::Text(s.value.clone()),
            Value::Quantity(lit) => match Quantity::from_literal(lit) {
                Ok(q) => DocValue::Quantity(q),
                Err(d) => {
                    self.error(d);
                    return None;
                }
            },
            Value::List(items, _) => {
                DocValue::List(items.iter().filter_map(|i| self.doc_value(i)).collect())
            }
            Value::Type(t) => DocValue::Word(match t.as_word() {
                Some(w) => w.name.clone(),
                None => t.path.text(),
            }),
        })
    }

    pub(super) fn requirements(&mut self, d: &Decl) {
        let _ = self.attrs(d.body.as_ref(), "`requirements`", &vocab::NO_ATTRS);
        self.model.requirements.span = Some(d.span);
        let mut seen: Vec<String> = Vec::new();
        self.decls(d.body.as_ref(), "inside `requirements`", |r, inner| {
            let kw = inner.keyword.name.as_str();
            if !["functional", "non_functional", "constraints"].contains(&kw) {
                r.bad_keyword(
                    inner,
                    "inside `requirements`",
                    &["functional", "non_functional", "constraints"],
                );
                return;
            }
            if seen.iter().any(|s| s == kw) {
                r.error(
                    Diagnostic::error(
                        codes::E034,
                        inner.keyword.span,
                        format!("`{kw}` appears twice in `requirements`"),
                    )
                    .with_help("merge the two blocks"),
                );
                return;
            }
            seen.push(kw.to_string());
            let section = r.free_section(inner);
            match kw {
                "functional" => r.model.requirements.functional = Some(section),
                "non_functional" => {
                    r.model.requirements.survives = r.check_non_functional(inner);
                    r.model.requirements.non_functional = Some(section);
                }
                _ => {
                    let attrs = r.attrs_of(inner);
                    r.model.requirements.budget =
                        r.checked_entry(&attrs, vocab::RequirementKey::Budget);
                    r.model.requirements.constraints = Some(section);
                }
            }
        });
    }

    /// The attributes of a free-form block, without checking keys.
    fn attrs_of<'a>(&mut self, d: &'a Decl) -> Attrs<'a> {
        let mut entries = indexmap::IndexMap::new();
        for s in d.body.iter().flat_map(|b| &b.statements) {
            if let Stmt::Attr(a) = s {
                entries.entry(a.key.name.as_str()).or_insert(a);
            }
        }
        Attrs {
            entries,
            table: None,
        }
    }

    /// The dimension check of a free-form entry whose value was already decoded (and its
    /// decoding errors reported) by `free_section`.
    fn checked_entry(&mut self, attrs: &Attrs, key: vocab::RequirementKey) -> Option<Quantity> {
        let (key, dim) = (key.as_str(), key.dimension()?);
        let a = attrs.get(key)?;
        if let Value::Quantity(lit) = &a.value
            && Quantity::from_literal(lit).is_err()
        {
            return None;
        }
        self.quantity_value(&a.value, key, dim)
    }

    fn check_non_functional(&mut self, d: &Decl) -> Option<(Survives, crate::span::Span)> {
        let attrs = self.attrs_of(d);
        for key in vocab::RequirementKey::non_functional() {
            if let Some(q) = self.checked_entry(&attrs, key)
                && key.dimension().map(|d| d.base) == Some(crate::model::quantity::Base::Percent)
            {
                self.check_percent(&q, key.as_str());
            }
        }
        let span = attrs.get("survives")?.value.span();
        self.word(&attrs, "survives", Survives::parse, Survives::WORDS)
            .map(|s| (s, span))
    }

    /// `security`: a free section whose `pii_retention` is checked.
    pub(super) fn security(&mut self, d: &Decl) {
        self.model.security = Some(self.free_section(d));
        let attrs = self.attrs_of(d);
        self.model.pii_retention = self.checked_entry(&attrs, vocab::RequirementKey::PiiRetention);
    }

    /// `review { allow: [R001, ...] }`.
    pub(super) fn review(&mut self, d: &Decl) {
        let attrs = self.attrs(d.body.as_ref(), "`review`", &vocab::REVIEW);
        self.no_decls(d, "`review`");
        self.model.review.span = Some(d.span);
        let Some(a) = attrs.get("allow") else {
            return;
        };
        let rule_codes: Vec<&str> = codes::RULES.iter().map(|e| e.code).collect();
        for v in super::attrs::one_or_many(&a.value) {
            let word = match v {
                Value::Type(t) => t.as_word().map(|w| (w.name.clone(), w.span)),
                _ => None,
            };
            let Some((code, span)) = word else {
                self.wrong_kind(v, "allow", "a list of rule codes", "[R001]");
                continue;
            };
            if !rule_codes.contains(&code.as_str()) {
                let help = codes::nearest(&code)
                    .filter(|c| c.starts_with('R'))
                    .map(|c| format!("did you mean `{c}`?"))
                    .unwrap_or_else(|| "rule codes run from `R001` to `R022`".to_string());
                self.error(
                    Diagnostic::error(codes::E055, span, format!("`{code}` is not a rule code"))
                        .with_help(help),
                );
                continue;
            }
            self.model.review.allow.push((code, span));
        }
    }

    pub(super) fn scaling(&mut self, d: &Decl) {
        let _ = self.attrs(d.body.as_ref(), "`scaling`", &vocab::NO_ATTRS);
        self.model.scaling.span = Some(d.span);
        self.decls(
            d.body.as_ref(),
            "inside `scaling`",
            |r, inner| match inner.keyword.name.as_str() {
                "traffic" if r.model.scaling.traffic.is_some() => r.error(
                    Diagnostic::error(
                        codes::E034,
                        inner.keyword.span,
                        "`traffic` appears twice in `scaling`",
                    )
                    .with_help("merge the two blocks"),
                ),
                "traffic" => {
                    let attrs = r.attrs(inner.body.as_ref(), "`traffic`", &vocab::TRAFFIC);
                    r.no_decls(inner, "`traffic`");
                    r.model.scaling.traffic = Some(Traffic {
                        daily_active_users: r.quantity(
                            &attrs,
                            "daily_active_users",
                            Dimension::COUNT,
                        ),
                        requests_per_user: r.quantity(&attrs, "requests_per_user", Dimension::RATE),
                        peak_factor: r.number(&attrs, "peak_factor"),
                        span: inner.span,
                    });
                }
                "bottleneck" => {
                    let Some((named, attrs)) = r.item(inner, &vocab::BOTTLENECK) else {
                        return;
                    };
                    let b = Bottleneck {
                        named,
                        component: r
                            .one_ref(&attrs, "component", Want::Components)
                            .map(|s| ComponentId(s.id)),
                        mitigation: r.string(&attrs, "mitigation"),
                        description: r.string(&attrs, "description"),
                    };
                    r.model.scaling.bottlenecks.push(b);
                }
                "optimization" => {
                    let Some((named, attrs)) = r.item(inner, &vocab::OPTIMIZATION) else {
                        return;
                    };
                    let o = Optimization {
                        named,
                        target: r
                            .one_ref(&attrs, "target", Want::Components)
                            .map(|s| ComponentId(s.id)),
                        gain: r.string(&attrs, "gain"),
                        description: r.string(&attrs, "description"),
                    };
                    r.model.scaling.optimizations.push(o);
                }
                _ => r.bad_keyword(
                    inner,
                    "inside `scaling`",
                    &["traffic", "bottleneck", "optimization"],
                ),
            },
        );
    }

    /// A named item of a document section: its `Named` and attributes.
    fn item<'a>(
        &mut self,
        d: &'a Decl,
        allowed: &'static vocab::Block,
    ) -> Option<(Named, Attrs<'a>)> {
        let what = format!("a `{}`", d.keyword.name);
        let name = self.require_name(d, &what)?;
        let attrs = self.attrs(d.body.as_ref(), &what, allowed);
        self.no_decls(d, &what);
        Some((self.named(d, name), attrs))
    }

    pub(super) fn no_decls(&mut self, d: &Decl, what: &str) {
        let context = format!("inside {what}");
        self.decls(d.body.as_ref(), &context, |r, inner| {
            r.bad_keyword(inner, &context, &[])
        });
    }

    pub(super) fn monitoring(&mut self, d: &Decl) {
        let _ = self.attrs(d.body.as_ref(), "`monitoring`", &vocab::NO_ATTRS);
        self.model.monitoring.span = Some(d.span);
        self.decls(
            d.body.as_ref(),
            "inside `monitoring`",
            |r, inner| match inner.keyword.name.as_str() {
                "metric" => {
                    let Some((named, attrs)) = r.item(inner, &vocab::METRIC) else {
                        return;
                    };
                    let m = Metric {
                        named,
                        kind: r.word(&attrs, "type", MetricType::parse, MetricType::WORDS),
                        unit: r.text_or_word(&attrs, "unit"),
                        source: r
                            .one_ref(&attrs, "source", Want::Components)
                            .map(|s| ComponentId(s.id)),
                        description: r.string(&attrs, "description"),
                    };
                    r.model.monitoring.metrics.push(m);
                }
                "alert" => {
                    let Some((named, attrs)) = r.item(inner, &vocab::ALERT) else {
                        return;
                    };
                    let a = Alert {
                        named,
                        expr: r.string(&attrs, "expr"),
                        for_: r.quantity(&attrs, "for", Dimension::TIME),
                        severity: r.word(&attrs, "severity", Severity::parse, Severity::WORDS),
                        summary: r.string(&attrs, "summary"),
                        description: r.string(&attrs, "description"),
                    };
                    r.model.monitoring.alerts.push(a);
                }
                "drift" => {
                    let Some((named, attrs)) = r.item(inner, &vocab::DRIFT) else {
                        return;
                    };
                    let feature = r.feature_ref(&attrs);
                    let dr = Drift {
                        named,
                        feature,
                        method: r.word(&attrs, "method", DriftMethod::parse, DriftMethod::WORDS),
                        threshold: r.number(&attrs, "threshold"),
                        window: r.quantity(&attrs, "window", Dimension::TIME),
                    };
                    r.model.monitoring.drifts.push(dr);
                }
                _ => r.bad_keyword(inner, "inside `monitoring`", &["metric", "alert", "drift"]),
            },
        );
    }

    /// `feature: Entity.field`.
    fn feature_ref(&mut self, attrs: &Attrs) -> Option<(EntityId, usize)> {
        let a = attrs.get("feature")?;
        let path = match &a.value {
            Value::Type(t) => t.as_path().filter(|p| p.segments.len() == 2),
            _ => None,
        };
        let Some(path) = path else {
            self.wrong_kind(
                &a.value,
                "feature",
                "an entity field",
                "UserFeatures.history",
            );
            return None;
        };
        let entity_path = crate::syntax::ast::Path {
            segments: vec![path.segments[0].clone()],
            span: path.segments[0].span,
        };
        let sym = self.lookup(
            &entity_path,
            "an entity",
            |k| k == super::symbols::SymKind::Entity,
            "`feature`",
        )?;
        // Entities are resolved in declaration order; a later entity's fields are checked
        // once every entity exists (see `check_feature_fields`).
        self.pending_features.push((
            sym.id,
            path.segments[1].clone(),
            self.model.monitoring.drifts.len(),
        ));
        Some((EntityId(sym.id), usize::MAX))
    }

    pub(super) fn operations(&mut self, d: &Decl) {
        let attrs = self.attrs(d.body.as_ref(), "`operations`", &vocab::OPERATIONS);
        self.model.operations.span = Some(d.span);
        self.model.operations.rollback = self.string(&attrs, "rollback");
        self.decls(
            d.body.as_ref(),
            "inside `operations`",
            |r, inner| match inner.keyword.name.as_str() {
                "experiment" => {
                    let Some((named, attrs)) = r.item(inner, &vocab::EXPERIMENT) else {
                        return;
                    };
                    let e = Experiment {
                        named,
                        split: r.percent(&attrs, "split"),
                        metric: r.text_or_word(&attrs, "metric"),
                        min_detectable_effect: r.percent(&attrs, "min_detectable_effect"),
                        duration: r.quantity(&attrs, "duration", Dimension::TIME),
                        baseline: r.percent(&attrs, "baseline"),
                        description: r.string(&attrs, "description"),
                    };
                    r.model.operations.experiments.push(e);
                }
                "rollout" if r.model.operations.rollout.is_none() => {
                    let attrs = r.attrs(inner.body.as_ref(), "`rollout`", &vocab::ROLLOUT);
                    r.no_decls(inner, "`rollout`");
                    let strategy = r.word(
                        &attrs,
                        "strategy",
                        RolloutStrategy::parse,
                        RolloutStrategy::WORDS,
                    );
                    let steps = r.rollout_steps(&attrs);
                    r.model.operations.rollout = Some(Rollout {
                        strategy,
                        steps,
                        span: inner.span,
                    });
                }
                "disaster_recovery" if r.model.operations.disaster_recovery.is_none() => {
                    let attrs = r.attrs(
                        inner.body.as_ref(),
                        "`disaster_recovery`",
                        &vocab::DISASTER_RECOVERY,
                    );
                    r.no_decls(inner, "`disaster_recovery`");
                    r.model.operations.disaster_recovery = Some(DisasterRecovery {
                        rpo: r.quantity(&attrs, "rpo", Dimension::TIME),
                        rto: r.quantity(&attrs, "rto", Dimension::TIME),
                        backups: r.string(&attrs, "backups"),
                        backup_every: r.quantity(&attrs, "backup_every", Dimension::TIME),
                        span: inner.span,
                    });
                }
                kw @ ("rollout" | "disaster_recovery") => r.error(
                    Diagnostic::error(
                        codes::E034,
                        inner.keyword.span,
                        format!("`{kw}` appears twice in `operations`"),
                    )
                    .with_help("merge the two blocks"),
                ),
                "rollback" => r.error(
                    Diagnostic::error(
                        codes::E037,
                        inner.keyword.span,
                        "`rollback` is an attribute, not a block",
                    )
                    .with_help("write `rollback: \"how to go back\"`"),
                ),
                _ => r.bad_keyword(
                    inner,
                    "inside `operations`",
                    &["experiment", "rollout", "disaster_recovery"],
                ),
            },
        );
    }

    /// Percentages from 0% to 100%, never decreasing.
    fn rollout_steps(&mut self, attrs: &Attrs) -> Vec<f64> {
        let Some(a) = attrs.get("steps") else {
            return Vec::new();
        };
        let mut steps: Vec<f64> = Vec::new();
        for v in super::attrs::one_or_many(&a.value) {
            let Some(q) = self.quantity_value(v, "steps", Dimension::PERCENT) else {
                continue;
            };
            if !self.check_percent(&q, "steps") {
                continue;
            }
            if let Some(prev) = steps.last()
                && q.value < *prev
            {
                self.error(
                    Diagnostic::error(
                        codes::E047,
                        q.span,
                        format!(
                            "rollout steps never go down, but {}% follows {}%",
                            crate::model::quantity::fmt_num(q.value),
                            crate::model::quantity::fmt_num(*prev)
                        ),
                    )
                    .with_help("order the steps from the smallest share of traffic to the largest"),
                );
            }
            steps.push(q.value);
        }
        steps
    }

    pub(super) fn alternatives(&mut self, d: &Decl) {
        let _ = self.attrs(d.body.as_ref(), "`alternatives`", &vocab::NO_ATTRS);
        self.model.alternatives.span = Some(d.span);
        self.decls(
            d.body.as_ref(),
            "inside `alternatives`",
            |r, inner| match inner.keyword.name.as_str() {
                "tradeoff" => {
                    let Some((named, attrs)) = r.item(inner, &vocab::TRADEOFF) else {
                        return;
                    };
                    let t = Tradeoff {
                        named,
                        chosen: r.text_or_word(&attrs, "chosen"),
                        rejected: r.strings(&attrs, "rejected"),
                        rationale: r.string(&attrs, "rationale"),
                    };
                    r.model.alternatives.tradeoffs.push(t);
                }
                "technology" => {
                    let Some((named, attrs)) = r.item(inner, &vocab::TECHNOLOGY) else {
                        return;
                    };
                    let t = Technology {
                        named,
                        chosen: r.text_or_word(&attrs, "chosen"),
                        considered: r.strings(&attrs, "considered"),
                        rationale: r.string(&attrs, "rationale"),
                    };
                    r.model.alternatives.technologies.push(t);
                }
                "future" if r.future_seen => r.error(
                    Diagnostic::error(
                        codes::E034,
                        inner.keyword.span,
                        "`future` appears twice in `alternatives`",
                    )
                    .with_help("merge the two blocks"),
                ),
                "future" => {
                    r.future_seen = true;
                    let section = r.free_section(inner);
                    for e in &section.entries {
                        r.error(
                            Diagnostic::error(
                                codes::E037,
                                e.span,
                                "`future` holds free-text items",
                            )
                            .with_help("write each idea as a string on its own line"),
                        );
                    }
                    r.model.alternatives.future.extend(section.items);
                }
                _ => r.bad_keyword(
                    inner,
                    "inside `alternatives`",
                    &["tradeoff", "technology", "future"],
                ),
            },
        );
    }

    pub(super) fn diagrams(&mut self, d: &Decl) {
        let attrs = self.attrs(d.body.as_ref(), "`diagrams`", &vocab::DIAGRAMS);
        self.model.diagrams.theme = self.word(&attrs, "theme", Theme::parse, Theme::WORDS);
        self.decls(d.body.as_ref(), "inside `diagrams`", |r, inner| {
            if inner.keyword.name == "view" {
                r.focus_view(inner);
                return;
            }
            let Some(view) = View::parse(&inner.keyword.name) else {
                let valid: Vec<&str> = View::WORDS.iter().copied().chain(["view"]).collect();
                r.bad_keyword(inner, "inside `diagrams`", &valid);
                return;
            };
            if r.model.diagrams.views.contains_key(&view) {
                r.error(
                    Diagnostic::error(
                        codes::E034,
                        inner.keyword.span,
                        format!("`{view}` appears twice in `diagrams`"),
                    )
                    .with_help("merge the two blocks"),
                );
                return;
            }
            let attrs = r.attrs(inner.body.as_ref(), &format!("`{view}`"), &vocab::VIEW);
            // Only some views are split into an overview and detail diagrams.
            if !vocab::DETAIL_VIEWS.contains(&view)
                && let Some(a) = attrs.get("detail")
            {
                let views: Vec<String> = vocab::DETAIL_VIEWS
                    .iter()
                    .map(|v| format!("`{v}`"))
                    .collect();
                r.error(
                    Diagnostic::error(
                        codes::E032,
                        a.key.span,
                        format!(
                            "`detail` applies to {}, not to `{view}`",
                            views.join(" and ")
                        ),
                    )
                    .with_help("move `detail` into `architecture { ... }` or `data_flow { ... }`"),
                );
            }
            r.no_decls(inner, &format!("`{view}`"));
            let settings = ViewSettings {
                direction: r.word(&attrs, "direction", Direction::parse, Direction::WORDS),
                title: r.string(&attrs, "title"),
                detail: r.word(&attrs, "detail", Detail::parse, Detail::WORDS),
                first: r.parts(&attrs, "first"),
                last: r.parts(&attrs, "last"),
            };
            r.model.diagrams.views.insert(view, settings);
        });
    }
}
