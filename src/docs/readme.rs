//! Model -> `README.md`: the system, its owners, a digest of the requirements, the
//! architecture diagram, links to every document, diagram and stub, and the design checklist.

use super::Ctx;
use super::markdown::{code, escape, image, link};
use super::paths::{self, README};
use super::requirements::doc_value;
use super::text::{self, rate};
use crate::model::checks::checklist;
use crate::model::quantity::human_money;

pub fn readme(ctx: &Ctx) -> String {
    let m = ctx.m;
    let title = if m.system.name.trim().is_empty() {
        "Untitled system"
    } else {
        m.system.name.as_str()
    };
    let mut md = ctx.doc(title);
    if let Some(s) = &m.system.summary {
        md.para(&format!("**{}**", escape(s.trim())));
    }
    if let Some(d) = &m.system.description {
        md.prose(d, 2);
    }
    let mut facts = Vec::new();
    if !m.system.owners.is_empty() {
        facts.push(format!("Owners: {}", text::strings(&m.system.owners)));
    }
    if let Some(v) = &m.system.version {
        facts.push(format!("Version: {}", escape(v)));
    }
    if let Some(v) = &m.system.status {
        facts.push(format!("Status: {}", escape(v)));
    }
    if !m.system.tags.is_empty() {
        facts.push(format!("Tags: {}", text::words(&m.system.tags)));
    }
    md.bullets(facts);

    md.heading(2, "Architecture");
    if let Some(target) = ctx.diagram(paths::ARCHITECTURE_SVG) {
        md.para(&image("Architecture", README, &target));
    } else {
        ctx.embed(&mut md, README, paths::ARCHITECTURE_SVG, "Architecture");
    }

    md.heading(2, "Design review");
    md.para(&super::review::summary(ctx));

    md.heading(2, "Requirements at a glance");
    md.bullets(digest(ctx));

    md.heading(2, "Contents");
    md.heading(3, "Documents");
    md.bullets(
        paths::DOCUMENTS
            .iter()
            .map(|(path, title)| link(title, README, path)),
    );
    md.heading(3, "Diagrams");
    match ctx.diagram(paths::ARCHITECTURE_SVG) {
        None => md.para("Not drawn in this build (`mlsd build --format svg,png` draws them)."),
        Some(_) => md.bullets(paths::DIAGRAMS.iter().map(|(svg, title)| {
            let main = link(title, README, &ctx.diagram(svg).unwrap_or_default());
            if ctx.options.svg && ctx.options.png {
                format!("{main} ({})", link("PNG", README, &paths::png(svg)))
            } else {
                main
            }
        })),
    }
    detail_views(ctx, &mut md);
    request_views(ctx, &mut md);
    md.heading(3, "Implementation stubs");
    md.bullets(paths::STUBS.iter().map(|(path, what)| {
        format!(
            "{}: {what}",
            link(path.trim_start_matches("implementation/"), README, path)
        )
    }));

    md.heading(2, "Design checklist");
    let items = checklist(m);
    let done = items.iter().filter(|i| i.done).count();
    md.para(&format!(
        "{done} of {} key sections are filled.",
        items.len()
    ));
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|i| {
            // `api` -> `API`, `drift check` -> `Drift check`.
            let title = crate::model::default_label(&i.title.replace(' ', "_"));
            vec![
                title,
                if i.done { "done" } else { "**missing**" }.to_string(),
                if i.done {
                    checklist_where(ctx, i.title)
                } else {
                    format!("add {}", code(i.construct))
                },
            ]
        })
        .collect();
    md.table(&["Section", "Status", "Where / how to add"], &rows);
    md.finish()
}

fn digest(ctx: &Ctx) -> Vec<String> {
    let m = ctx.m;
    let mut out = Vec::new();
    let items: Vec<String> = m
        .requirements
        .functional
        .iter()
        .flat_map(|s| &s.items)
        .filter(|i| !i.trim().contains('\n'))
        .map(|i| format!("- {}", escape(i.trim())))
        .collect();
    if items.is_empty() {
        out.push(format!(
            "Functional: see {}",
            link("functional requirements", README, paths::FUNCTIONAL)
        ));
    } else {
        out.push(format!(
            "Functional ({}):\n{}",
            link("all", README, paths::FUNCTIONAL),
            items.join("\n")
        ));
    }
    if let Some(nf) = &m.requirements.non_functional {
        let targets: Vec<String> = nf
            .entries
            .iter()
            .filter(|e| !matches!(&e.value, crate::model::DocValue::Text(_)))
            .map(|e| format!("{} {}", code(&e.key), doc_value(&e.value)))
            .collect();
        if !targets.is_empty() {
            out.push(format!(
                "Targets: {} ({})",
                targets.join(", "),
                link("non-functional", README, paths::NON_FUNCTIONAL)
            ));
        }
    }
    if let Some(t) = &ctx.plan.traffic {
        out.push(format!(
            "Traffic: {} average, {} at peak ({})",
            rate(t.average),
            rate(t.peak),
            link("capacity planning", README, paths::CAPACITY)
        ));
    }
    match (ctx.plan.monthly_cost, ctx.plan.budget_monthly) {
        (Some(c), Some(b)) => out.push(format!(
            "Cost: {}/mo against a budget of {}/mo ({})",
            human_money(c),
            human_money(b),
            link("constraints", README, paths::CONSTRAINTS)
        )),
        (Some(c), None) => out.push(format!("Cost: {}/mo, no budget set", human_money(c))),
        (None, Some(b)) => out.push(format!("Budget: {}/mo", human_money(b))),
        (None, None) => {}
    }
    if ctx.plan.total_bytes > 0.0 {
        out.push(format!(
            "Storage: {} retained ({})",
            crate::model::quantity::human_bytes(ctx.plan.total_bytes),
            link("capacity planning", README, paths::CAPACITY)
        ));
    }
    out
}

/// One line saying where a filled checklist item is described.
fn checklist_where(ctx: &Ctx, title: &str) -> String {
    let m = ctx.m;
    let names = |v: Vec<&str>| text::list(v.into_iter().map(code));
    let (what, path) = match title {
        "functional requirement" => (String::new(), paths::FUNCTIONAL),
        "non-functional requirement" => (String::new(), paths::NON_FUNCTIONAL),
        "constraint" => (String::new(), paths::CONSTRAINTS),
        "model" => (
            names(m.models.iter().map(|x| x.named.name.as_str()).collect()),
            paths::ML_PIPELINE,
        ),
        "training pipeline" | "inference path" => {
            let kind = if title == "training pipeline" {
                crate::model::PipelineKind::Training
            } else {
                crate::model::PipelineKind::Inference
            };
            let mut v: Vec<&str> = m
                .pipelines
                .iter()
                .filter(|p| p.kind == Some(kind))
                .map(|p| p.named.name.as_str())
                .collect();
            if title == "inference path" {
                v.extend(
                    m.components
                        .iter()
                        .filter(|c| c.kind == crate::model::ComponentKind::ModelServer)
                        .map(|c| c.named.name.as_str()),
                );
            }
            (names(v), paths::ML_PIPELINE)
        }
        "api" => (
            names(m.apis.iter().map(|x| x.named.name.as_str()).collect()),
            paths::DETAILED,
        ),
        "alert" => (
            names(
                m.monitoring
                    .alerts
                    .iter()
                    .map(|x| x.named.name.as_str())
                    .collect(),
            ),
            paths::ALERTS,
        ),
        "drift check" => (
            names(
                m.monitoring
                    .drifts
                    .iter()
                    .map(|x| x.named.name.as_str())
                    .collect(),
            ),
            paths::OBSERVABILITY,
        ),
        "experiment" => (
            names(
                m.operations
                    .experiments
                    .iter()
                    .map(|x| x.named.name.as_str())
                    .collect(),
            ),
            paths::DETAILED,
        ),
        _ => (String::new(), paths::DETAILED),
    };
    let title_of = paths::DOCUMENTS
        .iter()
        .find(|(p, _)| *p == path)
        .map_or("document", |(_, t)| t);
    // Sections of the detailed design, by the anchors GitHub gives their headings.
    let anchor = match title {
        "api" => "#apis",
        "experiment" => "#experiments",
        "rollback strategy" => "#rollback",
        "disaster recovery" => "#disaster-recovery",
        "security section" => "#security",
        _ => "",
    };
    let l = link(title_of, README, &format!("{path}{anchor}"));
    if what.is_empty() {
        l
    } else {
        format!("{what} in {l}")
    }
}

/// The request view (sequence diagram) of every endpoint of an api with a `served_by`.
fn request_views(ctx: &Ctx, md: &mut super::markdown::Markdown) {
    let m = ctx.m;
    let mut items = Vec::new();
    for api in m.apis.iter().filter(|a| a.served_by.is_some()) {
        for e in &api.endpoints {
            let svg = format!(
                "diagrams/{}.svg",
                crate::view::sequence::stem(&api.named.name, &e.name)
            );
            let Some(target) = ctx.diagram(&svg) else {
                return;
            };
            let main = link(
                &format!(
                    "{}: {}",
                    api.named.label,
                    crate::view::sequence::request_line(api, e)
                ),
                README,
                &target,
            );
            items.push(if ctx.options.svg && ctx.options.png {
                format!("{main} ({})", link("PNG", README, &paths::png(&svg)))
            } else {
                main
            });
        }
    }
    if !items.is_empty() {
        md.para("Request views, one sequence diagram per api endpoint:");
        md.bullets(items);
    }
}

/// The detail diagrams of a view drawn as an overview, and the focus views.
fn detail_views(ctx: &Ctx, md: &mut super::markdown::Markdown) {
    use crate::model::View;
    let m = ctx.m;
    let mut items: Vec<(String, String)> = Vec::new();
    for (view, what) in [
        (View::Architecture, "Architecture"),
        (View::DataFlow, "Data flow"),
    ] {
        for g in crate::view::overview::detail_groups(m, view) {
            let grp = &m.group(g).named;
            items.push((
                format!("{what}: {}", grp.label),
                format!("diagrams/{view}/{}.svg", grp.name),
            ));
        }
    }
    for v in &m.diagrams.focus {
        items.push((
            format!("View: {}", v.named.label),
            format!("diagrams/views/{}.svg", v.named.name),
        ));
    }
    let mut lines = Vec::new();
    for (title, svg) in items {
        let Some(target) = ctx.diagram(&svg) else {
            return;
        };
        let main = link(&title, README, &target);
        lines.push(if ctx.options.svg && ctx.options.png {
            format!("{main} ({})", link("PNG", README, &paths::png(&svg)))
        } else {
            main
        });
    }
    if !lines.is_empty() {
        md.para("Each group in detail, and the focus views:");
        md.bullets(lines);
    }
}
