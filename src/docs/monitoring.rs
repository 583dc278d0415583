//! `monitoring` (+ models, flows, entities) -> `monitoring/{metrics,alerts,observability}.md`
//! and `monitoring/alerts.rules.yml`.

use super::Ctx;
use super::alert_rules::rules_file;
use super::markdown::{code, escape, link};
use super::paths::{self, ALERT_RULES, ALERTS, METRICS, OBSERVABILITY};
use super::text::{self, none_yet};
use crate::model::{ComponentId, Endpoint, FlowMode, Model, Severity};

pub fn documents(ctx: &Ctx) -> Vec<(&'static str, String)> {
    vec![
        (METRICS, metrics(ctx)),
        (ALERTS, alerts(ctx)),
        (OBSERVABILITY, observability(ctx)),
        (ALERT_RULES, rules_file(ctx.m, ctx.spec)),
    ]
}

fn metrics(ctx: &Ctx) -> String {
    let m = ctx.m;
    let mut md = ctx.doc("Metrics");
    md.heading(2, "System metrics");
    if m.monitoring.metrics.is_empty() {
        md.para(&none_yet(
            "metric",
            "monitoring { metric NAME { type: histogram; unit: s; source: X } }",
        ));
    } else {
        let rows: Vec<Vec<String>> = m
            .monitoring
            .metrics
            .iter()
            .map(|x| {
                vec![
                    text::named(&x.named),
                    x.kind.map(|k| k.to_string()).unwrap_or_default(),
                    x.unit.as_deref().map(code).unwrap_or_default(),
                    x.source.map(|c| text::component(m, c)).unwrap_or_default(),
                    x.description.as_deref().map(escape).unwrap_or_default(),
                ]
            })
            .collect();
        md.table(&["Metric", "Type", "Unit", "Source", "Notes"], &rows);
    }
    md.heading(2, "Model metrics");
    let rows: Vec<Vec<String>> = m
        .models
        .iter()
        .filter(|x| !x.offline_metrics.is_empty() || !x.online_metrics.is_empty())
        .map(|x| {
            vec![
                text::named(&x.named),
                text::words(&x.offline_metrics),
                text::words(&x.online_metrics),
                x.baseline.as_deref().map(escape).unwrap_or_default(),
            ]
        })
        .collect();
    if rows.is_empty() {
        md.para(&none_yet(
            "model metric",
            "model NAME { offline_metrics: [ndcg_at_10]; online_metrics: [ctr] }",
        ));
    } else {
        md.table(
            &[
                "Model",
                "Offline (evaluation)",
                "Online (production)",
                "Baseline",
            ],
            &rows,
        );
    }
    if !m.operations.experiments.is_empty() {
        let items: Vec<String> = m
            .operations
            .experiments
            .iter()
            .filter_map(|x| {
                x.metric
                    .as_deref()
                    .map(|w| format!("{} decides {}", code(w), code(&x.named.name)))
            })
            .collect();
        if !items.is_empty() {
            md.heading(2, "Experiment metrics");
            md.bullets(items);
        }
    }
    md.para(&format!(
        "Alerts on these metrics are in {}; drift checks and dashboards in {}.",
        link("alerts", METRICS, ALERTS),
        link("observability", METRICS, OBSERVABILITY)
    ));
    md.finish()
}

fn alerts(ctx: &Ctx) -> String {
    let m = ctx.m;
    let mut md = ctx.doc("Alerts");
    if m.monitoring.alerts.is_empty() {
        md.para(&none_yet(
            "alert",
            "monitoring { alert NAME { expr: \"...\"; for: 5min; severity: page } }",
        ));
        md.para(&format!(
            "The {} holds no rule until one is added.",
            link("Prometheus rule file", ALERTS, ALERT_RULES)
        ));
        return md.finish();
    }
    let rows: Vec<Vec<String>> = m
        .monitoring
        .alerts
        .iter()
        .map(|a| {
            vec![
                code(&a.named.name),
                a.expr
                    .as_deref()
                    .map(code)
                    .unwrap_or_else(|| "no `expr`".into()),
                text::opt_qty(&a.for_),
                a.severity.map(|s| s.to_string()).unwrap_or_default(),
                a.summary.as_deref().map(escape).unwrap_or_default(),
            ]
        })
        .collect();
    md.table(&["Alert", "Condition", "For", "Severity", "Summary"], &rows);
    let used: Vec<Severity> = Severity::ALL
        .iter()
        .copied()
        .filter(|s| m.monitoring.alerts.iter().any(|a| a.severity == Some(*s)))
        .collect();
    if !used.is_empty() {
        md.heading(2, "Severities");
        md.bullets(used.iter().map(|s| match s {
            Severity::Page => "`page`: wakes the on-call engineer now.",
            Severity::Ticket => "`ticket`: opens a ticket for the owning team's working hours.",
            Severity::Info => "`info`: recorded for context, no action expected.",
        }));
    }
    let missing: Vec<String> = m
        .monitoring
        .alerts
        .iter()
        .filter(|a| a.expr.is_none())
        .map(|a| code(&a.named.name))
        .collect();
    md.para(&format!(
        "Every alert with an `expr` is a rule in {} (check it with `promtool check rules`).",
        link("alerts.rules.yml", ALERTS, ALERT_RULES)
    ));
    if !missing.is_empty() {
        md.para(&format!(
            "Left out of the rule file for lack of an `expr`: {}.",
            missing.join(", ")
        ));
    }
    for a in m
        .monitoring
        .alerts
        .iter()
        .filter(|a| a.description.is_some())
    {
        md.heading(2, &a.named.name);
        md.prose(a.description.as_deref().unwrap_or_default(), 3);
    }
    md.finish()
}

fn observability(ctx: &Ctx) -> String {
    let m = ctx.m;
    let mut md = ctx.doc("Observability");
    md.heading(2, "Drift checks");
    if m.monitoring.drifts.is_empty() {
        md.para(&none_yet(
            "drift check",
            "monitoring { drift NAME { feature: Entity.field; method: psi; threshold: 0.2 } }",
        ));
    } else {
        let rows: Vec<Vec<String>> = m
            .monitoring
            .drifts
            .iter()
            .map(|d| {
                let feature = d
                    .feature
                    .map(|(e, f)| {
                        let ent = m.entity(e);
                        let field = ent.fields.get(f).map_or("?", |x| x.name.as_str());
                        code(&format!("{}.{field}", ent.named.name))
                    })
                    .unwrap_or_default();
                vec![
                    code(&d.named.name),
                    feature,
                    d.method
                        .map(|x| x.as_str().to_uppercase())
                        .unwrap_or_default(),
                    d.threshold
                        .map(crate::model::quantity::fmt_num)
                        .unwrap_or_default(),
                    text::opt_qty(&d.window),
                ]
            })
            .collect();
        md.table(
            &["Check", "Feature", "Method", "Threshold", "Window"],
            &rows,
        );
    }

    md.heading(2, "Dashboards");
    dashboards(ctx, &mut md);

    md.heading(2, "Logging");
    logging(m, &mut md);

    md.heading(2, "Tracing");
    let mut chains: Vec<usize> = Vec::new();
    for f in &m.flows {
        if f.mode.normalized() == FlowMode::Sync
            && f.latency.is_some()
            && !chains.contains(&f.chain)
        {
            chains.push(f.chain);
        }
    }
    if chains.is_empty() {
        md.para(&none_yet(
            "call chain with a latency budget",
            "a -> b -> c { latency: 40ms }",
        ));
    } else {
        md.para("Trace these call chains end to end against their latency budgets:");
        md.bullets(chains.iter().filter_map(|c| {
            let flows: Vec<_> = m.flows.iter().filter(|f| f.chain == *c).collect();
            let first = flows.first()?;
            let mut names = vec![code(&m.endpoint_name(first.from))];
            names.extend(flows.iter().map(|f| code(&m.endpoint_name(f.to))));
            let mut s = format!("{}: {}", names.join(" → "), text::opt_qty(&first.latency));
            if let Some(t) = &first.timeout {
                s.push_str(&format!(", timeout {} per call", text::qty(t)));
            }
            Some(s)
        }));
    }
    md.finish()
}

fn dashboards(ctx: &Ctx, md: &mut super::markdown::Markdown) {
    let m = ctx.m;
    let mut sources: Vec<Option<ComponentId>> = Vec::new();
    for x in &m.monitoring.metrics {
        if !sources.contains(&x.source) {
            sources.push(x.source);
        }
    }
    let mut items: Vec<String> = sources
        .iter()
        .map(|s| {
            let metrics: Vec<String> = m
                .monitoring
                .metrics
                .iter()
                .filter(|x| x.source == *s)
                .map(|x| code(&x.named.name))
                .collect();
            let who = s.map_or("Unattributed metrics".to_string(), |c| {
                text::component(m, c)
            });
            format!("{who}: {}", metrics.join(", "))
        })
        .collect();
    for x in m.models.iter().filter(|x| !x.online_metrics.is_empty()) {
        let delay = x
            .label_delay
            .map(|d| format!(" (labels arrive {} later)", text::qty(&d)))
            .unwrap_or_default();
        items.push(format!(
            "Model {}: {}{delay}",
            code(&x.named.name),
            text::words(&x.online_metrics)
        ));
    }
    if !ctx.plan.components.is_empty() {
        items.push(format!(
            "Capacity: load against total capacity for {} (figures in {})",
            text::list(
                ctx.plan
                    .components
                    .iter()
                    .map(|c| code(&m.component(c.id).named.name))
            ),
            link("capacity planning", OBSERVABILITY, paths::CAPACITY)
        ));
    }
    if items.is_empty() {
        md.para(&none_yet(
            "metric to chart",
            "monitoring { metric NAME { type: gauge; source: X } }",
        ));
    } else {
        md.para("One dashboard row per source:");
        md.bullets(items);
    }
}

fn logging(m: &Model, md: &mut super::markdown::Markdown) {
    let logged: Vec<String> = m
        .flows
        .iter()
        .filter(|f| {
            !f.data.is_empty()
                && f.mode.normalized() != FlowMode::Sync
                && matches!(f.to, Endpoint::Component(c) if m.component(c).kind.is_data_store())
        })
        .map(|f| {
            format!(
                "{} from {} into {}{}",
                text::entities(m, &f.data),
                code(&m.endpoint_name(f.from)),
                code(&m.endpoint_name(f.to)),
                f.rate
                    .map(|r| format!(" at {}", text::qty(&r)))
                    .unwrap_or_default()
            )
        })
        .collect();
    if logged.is_empty() {
        md.para(&none_yet(
            "logged event stream",
            "client -> stream { mode: async; data: Event }",
        ));
    } else {
        md.para("Records written to data stores by async, stream and batch flows (the event log to retain and audit):");
        md.bullets(logged);
    }
    let pii: Vec<String> = m
        .entities
        .iter()
        .flat_map(|e| {
            e.fields
                .iter()
                .filter(|f| f.pii)
                .map(move |f| code(&format!("{}.{}", e.named.name, f.name)))
        })
        .collect();
    if pii.is_empty() {
        md.para("No field is marked `@pii`, so nothing needs redacting from logs.");
    } else {
        md.para(&format!(
            "Redact or tokenise these personal fields in application logs: {} (see {}).",
            pii.join(", "),
            link("data flow", OBSERVABILITY, paths::DATA_FLOW)
        ));
    }
}
