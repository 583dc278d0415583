//! R006 recovery time over the availability budget, R007 backups too rare for the RPO, R016
//! unknown cost, R017 batch misses its deadline, R019 alert on an undeclared metric.

use crate::analysis::Facts;
use crate::analysis::batch::clock;
use crate::analysis::finding::{Finding, Level};
use crate::analysis::format::{list, time};
use crate::analysis::rules::data::is_durable;
use crate::analysis::rules::ml::names_metric;
use crate::model::capacity::MONTH;
use crate::model::{DocValue, Level as Container, Model};

pub fn check(m: &Model, f: &Facts, out: &mut Vec<Finding>) {
    r006(m, out);
    r007(m, out);
    r016(m, out);
    r017(m, f, out);
    r019(m, out);
}

fn r006(m: &Model, out: &mut Vec<Finding>) {
    let Some(dr) = &m.operations.disaster_recovery else {
        return;
    };
    let Some(rto) = dr.rto else { return };
    let Some(DocValue::Quantity(a)) = m
        .requirements
        .non_functional
        .as_ref()
        .and_then(|nf| nf.get("availability"))
    else {
        return;
    };
    let allowed = (100.0 - a.value) / 100.0 * MONTH;
    if rto.value <= allowed + 1e-9 {
        return;
    }
    out.push(
        Finding::new(
            "R006",
            Level::High,
            "disaster_recovery",
            rto.span,
            format!(
                "one recovery takes `rto` {}, more than the {} a month that {}% availability allows ((100% − {}%) × 30 d)",
                time(rto.value),
                time(allowed),
                crate::model::quantity::fmt_num(a.value),
                crate::model::quantity::fmt_num(a.value)
            ),
        )
        .number("rto", time(rto.value))
        .number("allowed downtime", time(allowed))
        .fix("shorten the recovery (warm standby, automated failover) or lower the availability target"),
    );
}

fn r007(m: &Model, out: &mut Vec<Finding>) {
    let Some(dr) = &m.operations.disaster_recovery else {
        return;
    };
    let Some(rpo) = dr.rpo else { return };
    let mut inherited = Vec::new();
    for c in m.components.iter().filter(|c| is_durable(c.kind)) {
        match c.backup_every {
            Some(b) if b.value > rpo.value => out.push(
                Finding::new(
                    "R007",
                    Level::High,
                    &c.named.name,
                    b.span,
                    format!(
                        "`{}` is backed up every {}, less often than the {} `rpo`",
                        c.named.name,
                        time(b.value),
                        time(rpo.value)
                    ),
                )
                .number("backup_every", time(b.value))
                .number("rpo", time(rpo.value))
                .fix(format!(
                    "back it up at least every {} (or replicate it continuously)",
                    time(rpo.value)
                )),
            ),
            Some(_) => {}
            None => {
                if dr.backup_every.is_some_and(|b| b.value > rpo.value) {
                    inherited.push(format!("`{}`", c.named.name));
                }
            }
        }
    }
    if let (false, Some(b)) = (inherited.is_empty(), dr.backup_every) {
        out.push(
            Finding::new(
                "R007",
                Level::High,
                "disaster_recovery",
                b.span,
                format!(
                    "backups every {} are less often than the {} `rpo`, for {}",
                    time(b.value),
                    time(rpo.value),
                    list(&inherited)
                ),
            )
            .number("backup_every", time(b.value))
            .number("rpo", time(rpo.value))
            .number("stores", inherited.len().to_string())
            .fix(format!("back up at least every {}", time(rpo.value))),
        );
    }
}

fn r016(m: &Model, out: &mut Vec<Finding>) {
    for (c, _) in m.containers() {
        if c.level != Container::NodePool || c.runs.is_empty() || c.cost.is_some() {
            continue;
        }
        out.push(
            Finding::new(
                "R016",
                Level::Low,
                &c.named.name,
                c.named.name_span,
                format!(
                    "node pool `{}` runs {} but has no `cost`",
                    c.qualified,
                    list(
                        &c.runs
                            .iter()
                            .map(|r| format!("`{}`", m.component(r.component).named.name))
                            .collect::<Vec<_>>()
                    )
                ),
            )
            .fix(
                "add `cost` per node (as in `cost: $0.78/h`) so that the monthly cost is complete",
            ),
        );
    }
}

fn r017(m: &Model, f: &Facts, out: &mut Vec<Finding>) {
    for b in f.batches.iter().filter(|b| b.late()) {
        let p = &m.pipelines[b.pipeline.0];
        let span = p.deadline.map_or(p.named.name_span, |(_, s)| s);
        let stages: Vec<String> = b
            .path
            .iter()
            .map(|s| {
                let st = &p.stages[*s];
                format!(
                    "{} {}",
                    st.named.name,
                    st.duration.map_or("0".into(), |d| time(d.value))
                )
            })
            .collect();
        let missing: Vec<String> = b
            .missing
            .iter()
            .map(|s| format!("`{}`", p.stages[*s].named.name))
            .collect();
        let mut message = format!(
            "`{}` starts at {} and its longest stage path takes {} ({}), ending after its {} deadline ({} available)",
            p.named.name,
            clock(b.start),
            time(b.longest),
            stages.join(" + "),
            clock(b.deadline),
            time(b.window)
        );
        if !missing.is_empty() {
            message.push_str(&format!(
                "; stages without `duration` (counted 0): {}",
                list(&missing)
            ));
        }
        out.push(
            Finding::new("R017", Level::High, &p.named.name, span, message)
                .number("start", clock(b.start))
                .number("longest path", time(b.longest))
                .number("available", time(b.window))
                .fix("start earlier, shorten the longest stages or move the deadline"),
        );
    }
}

const KEYWORDS: &[&str] = &[
    "by",
    "without",
    "on",
    "ignoring",
    "group_left",
    "group_right",
    "bool",
    "and",
    "or",
    "unless",
    "offset",
];

/// The metric identifiers of a PromQL-like expression: words outside quoted strings, `{...}`
/// and `[...]`, not followed by `(`, not part of a number, not keywords.
pub fn alert_identifiers(expr: &str) -> Vec<String> {
    let chars: Vec<char> = expr.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut prev: Option<char> = None;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '"' | '\'' | '`' => {
                i += 1;
                while i < chars.len() && chars[i] != c {
                    if chars[i] == '\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            '{' | '[' => {
                let close = if c == '{' { '}' } else { ']' };
                while i < chars.len() && chars[i] != close {
                    i += 1;
                }
            }
            c if c.is_ascii_alphabetic() || c == '_' || c == ':' => {
                let start = i;
                while i < chars.len()
                    && (chars[i].is_ascii_alphanumeric() || chars[i] == '_' || chars[i] == ':')
                {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                let in_number = prev.is_some_and(|p| p.is_ascii_digit() || p == '.');
                let mut j = i;
                while j < chars.len() && chars[j].is_whitespace() {
                    j += 1;
                }
                let call = j < chars.len() && chars[j] == '(';
                if !in_number && !call && !KEYWORDS.contains(&word.as_str()) {
                    out.push(word);
                }
                prev = chars.get(i - 1).copied();
                continue;
            }
            c if c.is_ascii_digit() => {
                // A number, with its exponent (`5e6`) and unit-like tail.
                while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '.') {
                    i += 1;
                }
                prev = Some('0');
                continue;
            }
            _ => {}
        }
        prev = chars.get(i).copied();
        i += 1;
    }
    out
}

fn r019(m: &Model, out: &mut Vec<Finding>) {
    for a in &m.monitoring.alerts {
        let Some(expr) = &a.expr else { continue };
        let ids = alert_identifiers(expr);
        if ids.is_empty() {
            continue;
        }
        let declared = ids.iter().any(|w| {
            m.monitoring
                .metrics
                .iter()
                .any(|metric| names_metric(w, &metric.named.name))
        });
        if declared {
            continue;
        }
        let shown: Vec<String> = ids.iter().map(|w| format!("`{w}`")).collect();
        out.push(
            Finding::new(
                "R019",
                Level::Low,
                &a.named.name,
                a.named.name_span,
                format!(
                    "alert `{}` names {}, none of them a declared metric",
                    a.named.name,
                    list(&shown)
                ),
            )
            .number("identifiers", ids.len().to_string())
            .fix("declare the metric in `monitoring` (`metric NAME { source: ... }`) or correct its name"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::alert_identifiers;

    #[test]
    fn identifiers_skip_functions_matchers_ranges_numbers_and_keywords() {
        assert_eq!(
            alert_identifiers(
                "histogram_quantile(0.99, sum(rate(feed_latency_bucket{job=\"x\"}[5m])) by (le)) > 0.15"
            ),
            vec!["feed_latency_bucket", "le"]
        );
        assert_eq!(
            alert_identifiers("errors_total > 5e6 and up"),
            vec!["errors_total", "up"]
        );
        assert_eq!(alert_identifiers("rate (x[1m])"), vec!["x"]);
    }
}
