//! R001 single point of failure, R002 capacity after a loss, R015 request path outside the
//! deployment, R021 replicas disagree.

use crate::analysis::Facts;
use crate::analysis::finding::{Finding, Level};
use crate::analysis::format::{comp, list, rate, replicas};
use crate::analysis::placement::Place;
use crate::model::{ComponentId, Endpoint, Model, Survives};

pub fn check(m: &Model, f: &Facts, out: &mut Vec<Finding>) {
    r001(m, f, out);
    r002(m, f, out);
    r015(m, f, out);
    r021(m, f, out);
}

fn r001(m: &Model, f: &Facts, out: &mut Vec<Finding>) {
    for (i, c) in m.components.iter().enumerate() {
        if !f.request.on_path[i] {
            continue;
        }
        let total = f.placement.replicas[i].total;
        if total >= 2 {
            continue;
        }
        let callers = &f.request.callers[i];
        if !callers.is_empty() && callers.iter().all(|k| m.flows[*k].fallback.is_some()) {
            continue;
        }
        let path = f.request.path_text(m, ComponentId(i));
        out.push(
            Finding::new(
                "R001",
                Level::High,
                &c.named.name,
                c.named.name_span,
                format!(
                    "`{}` is on the request path ({path}) with {}: one failure stops every request",
                    c.named.name,
                    replicas(total)
                ),
            )
            .number("replicas", total.to_string())
            .fix("run at least 2 replicas, in 2 zones"),
        );
    }
}

/// One way a component falls short after losing a place.
struct Short {
    level: Level,
    place: Place,
    left: f64,
    load: Option<f64>,
    text: String,
}

fn r002(m: &Model, f: &Facts, out: &mut Vec<Finding>) {
    let p = &f.placement;
    let survives = m.requirements.survives.map(|(s, _)| s);
    let level_of = |s: Survives| {
        if survives == Some(s) {
            Level::High
        } else {
            Level::Medium
        }
    };
    if let Some((s, span)) = m.requirements.survives {
        let n = match s {
            Survives::Region => p.regions.len(),
            Survives::Zone => p.zones.len(),
        };
        if n < 2 {
            out.push(
                Finding::new(
                    "R002",
                    Level::High,
                    "deployment",
                    m.deployment.as_ref().map_or(span, |d| d.span),
                    format!(
                        "the design must survive losing a {0}, but the deployment has {1}",
                        s.as_str(),
                        crate::model::quantity::plural(n as u64, s.as_str())
                    ),
                )
                .number(&format!("{}s", s.as_str()), n.to_string())
                .fix(format!("deploy to at least 2 {}s", s.as_str())),
            );
        }
    }
    let mut shorts: Vec<Vec<Short>> = (0..m.components.len()).map(|_| Vec::new()).collect();
    for loss in &p.losses {
        let level = if loss.place.zone.is_none() {
            if p.regions.len() < 2 {
                continue;
            }
            level_of(Survives::Region)
        } else {
            if survives != Some(Survives::Zone) || p.zones.len() < 2 {
                continue;
            }
            level_of(Survives::Zone)
        };
        let name = loss.place.name();
        for row in loss.rows.iter().filter(|r| r.short()) {
            let kept = row.total - row.lost;
            let text = if kept == 0 {
                let there = if row.total == 1 {
                    "its 1 replica runs there".to_string()
                } else {
                    format!("all {} run there", replicas(row.total))
                };
                format!(
                    "{} is lost with `{name}` ({there}): 0 left against {}",
                    comp(m, row.component),
                    rate(row.load)
                )
            } else {
                format!(
                    "{} keeps {kept} × {} = {} after losing `{name}`, against {}",
                    comp(m, row.component),
                    rate(row.capacity),
                    rate(row.left),
                    rate(row.load)
                )
            };
            shorts[row.component.0].push(Short {
                level,
                place: loss.place.clone(),
                left: row.left,
                load: Some(row.load),
                text,
            });
        }
        // Request-path components without `capacity` that run only in this place.
        for (i, c) in m.components.iter().enumerate() {
            let pl = &p.placed[i];
            if !f.request.on_path[i] || c.capacity.is_some() || !pl.placed || pl.global > 0 {
                continue;
            }
            let here = pl.in_place(&loss.place);
            let all: u64 = pl.regions.values().sum();
            if here == 0 || here < all {
                continue;
            }
            shorts[i].push(Short {
                level,
                place: loss.place.clone(),
                left: 0.0,
                load: None,
                text: format!(
                    "`{}` runs only in `{name}` and is lost with it",
                    c.named.name
                ),
            });
        }
    }
    for (i, mut s) in shorts.into_iter().enumerate() {
        if s.is_empty() {
            continue;
        }
        s.sort_by(|a, b| {
            (a.level, a.left)
                .partial_cmp(&(b.level, b.left))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        let worst = &s[0];
        let c = &m.components[i];
        let others: Vec<String> = s[1..]
            .iter()
            .map(|x| format!("`{}`", x.place.name()))
            .collect();
        let mut message = worst.text.clone();
        if !others.is_empty() {
            message.push_str(&format!(" (also short after losing {})", list(&others)));
        }
        let mut finding = Finding::new(
            "R002",
            worst.level,
            &c.named.name,
            c.named.name_span,
            message,
        )
        .number("lost", worst.place.name())
        .number("left", rate(worst.left));
        let fix = match (worst.load, c.capacity) {
            (Some(load), Some(cap)) => {
                finding = finding.number("load", rate(load));
                let need = (load / cap.value - 1e-9).ceil().max(0.0) as u64;
                let kept = (worst.left / cap.value).round() as u64;
                format!(
                    "place replicas outside `{}` so that {} survive its loss (need {need} × {} ≥ {}, {} more)",
                    worst.place.name(),
                    replicas(need),
                    rate(cap.value),
                    rate(load),
                    need.saturating_sub(kept)
                )
            }
            _ => format!("run replicas outside `{}` too", worst.place.name()),
        };
        out.push(finding.fix(fix));
    }
}

fn r015(m: &Model, f: &Facts, out: &mut Vec<Finding>) {
    let p = &f.placement;
    let Some(d) = &m.deployment else { return };
    if p.regions.is_empty() {
        return;
    }
    let nowhere: Vec<String> = (0..m.components.len())
        .filter(|i| f.request.on_path[*i] && !p.placed[*i].placed)
        .map(|i| comp(m, ComponentId(i)))
        .collect();
    if !nowhere.is_empty() {
        out.push(
            Finding::new(
                "R015",
                Level::Low,
                "deployment",
                d.span,
                format!(
                    "request-path components run in no region: {}",
                    list(&nowhere)
                ),
            )
            .number("components", nowhere.len().to_string())
            .fix("add a `run` for each of them in the regions that serve requests"),
        );
    }
    for fl in &m.flows {
        let (Endpoint::Component(a), Endpoint::Component(b), crate::model::FlowMode::Sync) =
            (fl.from, fl.to, fl.mode)
        else {
            continue;
        };
        let (pa, pb) = (&p.placed[a.0], &p.placed[b.0]);
        if !pb.placed || pb.global > 0 {
            continue;
        }
        let missing: Vec<String> = pa
            .regions
            .iter()
            .filter(|(r, n)| **n > 0 && !pb.present_in_region(r))
            .map(|(r, _)| format!("`{r}`"))
            .collect();
        if missing.is_empty() {
            continue;
        }
        out.push(
            Finding::new(
                "R015",
                Level::Medium,
                &m.component(b).named.name,
                fl.span,
                format!(
                    "{} calls {} in {}, where {} has no replica",
                    comp(m, a),
                    comp(m, b),
                    list(&missing),
                    comp(m, b)
                ),
            )
            .number("regions", missing.len().to_string())
            .fix(format!(
                "run {} in {} too, or route those calls to a region that has it",
                comp(m, b),
                list(&missing)
            )),
        );
    }
}

fn r021(m: &Model, f: &Facts, out: &mut Vec<Finding>) {
    let runs = m.runs();
    for (i, c) in m.components.iter().enumerate() {
        let Some(declared) = c.replicas else { continue };
        let mine: Vec<_> = runs.iter().filter(|r| r.component.0 == i).collect();
        if mine.is_empty() || mine.iter().any(|r| r.replicas.is_none()) {
            continue;
        }
        let total = f.placement.replicas[i].total;
        if total == declared {
            continue;
        }
        let parts: Vec<String> = mine
            .iter()
            .map(|r| r.replicas.unwrap_or(0).to_string())
            .collect();
        out.push(
            Finding::new(
                "R021",
                Level::Low,
                &c.named.name,
                c.named.name_span,
                format!(
                    "`{}` declares {} but its runs place {} = {total}",
                    c.named.name,
                    replicas(declared),
                    parts.join(" + ")
                ),
            )
            .number("declared", declared.to_string())
            .number("placed", total.to_string())
            .fix("make the declared `replicas` the sum of the runs, or drop it"),
        );
    }
}
