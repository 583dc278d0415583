//! Model -> `design/high_level.md`: the overview prose, the architecture diagram, the
//! components by group with kind, technology and replicas, and pointers to the rest.

use super::super::Ctx;
use super::super::markdown::{Markdown, code, escape, link};
use super::super::paths::{self, HIGH_LEVEL};
use super::super::text::{self, none_yet};
use crate::model::capacity::replicas;
use crate::model::{ComponentId, GroupId, Level, Model};

pub fn document(ctx: &Ctx) -> String {
    let m = ctx.m;
    let mut md = ctx.doc("High-level design");
    md.heading(2, "Overview");
    if let Some(s) = &m.system.summary {
        md.para(&escape(s));
    }
    match m.design.as_ref().and_then(|d| d.get("overview")) {
        Some(crate::model::DocValue::Text(t)) => md.prose(t, 3),
        _ => md.para(&none_yet(
            "design overview",
            "design { overview: \"\"\"...\"\"\" }",
        )),
    }

    md.heading(2, "Architecture");
    ctx.embed(&mut md, HIGH_LEVEL, paths::ARCHITECTURE_SVG, "Architecture");
    detail_links(ctx, &mut md);
    focus_links(ctx, &mut md);

    md.heading(2, "Components");
    if m.components.is_empty() {
        md.para(&none_yet("component", "service NAME { tech: \"...\" }"));
    }
    for (i, g) in m.groups.iter().enumerate() {
        let members: Vec<ComponentId> = members(m, GroupId(i));
        md.heading(3, &group_path(m, GroupId(i)));
        if members.is_empty() {
            md.para(&format!(
                "Group {} holds no component directly.",
                code(&g.named.name)
            ));
        } else {
            component_table(&mut md, m, &members);
        }
    }
    let loose: Vec<ComponentId> = (0..m.components.len())
        .map(ComponentId)
        .filter(|c| m.component(*c).group.is_none())
        .collect();
    if !loose.is_empty() {
        if !m.groups.is_empty() {
            md.heading(3, "Outside any group");
        }
        component_table(&mut md, m, &loose);
    }
    md.para(&format!(
        "Every component with its flows is in the {}; the calls and the data they carry are in \
         the {}.",
        link("detailed design", HIGH_LEVEL, paths::DETAILED),
        link("data flow", HIGH_LEVEL, paths::DATA_FLOW)
    ));

    md.heading(2, "ML pipelines");
    if m.pipelines.is_empty() {
        md.para(&none_yet(
            "pipeline",
            "pipeline NAME { kind: training ... }",
        ));
    } else {
        md.bullets(m.pipelines.iter().map(|p| {
            let mut facts = Vec::new();
            if let Some(k) = p.kind {
                facts.push(k.to_string());
            }
            if let Some(mo) = p.mode {
                facts.push(mo.to_string());
            }
            if let Some(s) = &p.schedule {
                facts.push(format!("schedule {}", code(s)));
            }
            facts.push(format!(
                "{} stage{}",
                p.stages.len(),
                if p.stages.len() == 1 { "" } else { "s" }
            ));
            format!("{}: {}", text::named(&p.named), facts.join(", "))
        }));
        md.para(&format!(
            "Stages and models are in {}.",
            link("ML pipeline", HIGH_LEVEL, paths::ML_PIPELINE)
        ));
    }

    md.heading(2, "Deployment");
    deployment(&mut md, ctx);
    md.finish()
}

fn members(m: &Model, g: GroupId) -> Vec<ComponentId> {
    (0..m.components.len())
        .map(ComponentId)
        .filter(|c| m.component(*c).group == Some(g))
        .collect()
}

/// `Online serving` or `Outer › Inner` for nested groups.
fn group_path(m: &Model, g: GroupId) -> String {
    let mut names = vec![m.group(g).named.label.clone()];
    let mut cur = m.group(g).parent;
    let mut guard = 0;
    while let Some(p) = cur {
        names.push(m.group(p).named.label.clone());
        cur = m.group(p).parent;
        guard += 1;
        if guard > 1000 {
            break;
        }
    }
    names.reverse();
    names.join(" › ")
}

fn component_table(md: &mut Markdown, m: &Model, ids: &[ComponentId]) {
    let rows: Vec<Vec<String>> = ids
        .iter()
        .map(|id| {
            let c = m.component(*id);
            let r = replicas(m, *id);
            let reps = match (r.deployed, c.replicas) {
                (Some(d), _) => format!("{d} (deployed)"),
                (None, Some(n)) => n.to_string(),
                (None, None) => "1".to_string(),
            };
            vec![
                text::component(m, *id),
                c.kind.caption(),
                c.tech.as_deref().map(escape).unwrap_or_default(),
                reps,
            ]
        })
        .collect();
    md.table(&["Component", "Kind", "Technology", "Replicas"], &rows);
}

fn deployment(md: &mut Markdown, ctx: &Ctx) {
    let m = ctx.m;
    let Some(_) = &m.deployment else {
        md.para(&none_yet(
            "deployment",
            "deployment { region NAME { cluster NAME { node_pool NAME { run COMPONENT } } } }",
        ));
        return;
    };
    let items: Vec<String> = m
        .containers()
        .into_iter()
        .filter(|(c, _)| c.level == Level::Region)
        .map(|(c, _)| {
            let placed = count_runs(c);
            format!(
                "{} ({}): {} component placement{}",
                escape(&c.named.label),
                code(&c.named.name),
                placed,
                if placed == 1 { "" } else { "s" }
            )
        })
        .collect();
    if items.is_empty() {
        md.para("The deployment declares no region.");
    } else {
        md.bullets(items);
    }
    md.para(&format!(
        "The {} draws every region, cluster and node pool with its components; cost and \
         replicas are worked out in {}.",
        ctx.diagram(paths::DEPLOYMENT_SVG).map_or_else(
            || "deployment diagram (not drawn in this build)".to_string(),
            |d| link("deployment diagram", HIGH_LEVEL, &d)
        ),
        link("capacity planning", HIGH_LEVEL, paths::CAPACITY)
    ));
}

fn count_runs(c: &crate::model::Container) -> usize {
    c.runs.len() + c.children.iter().map(count_runs).sum::<usize>()
}

/// When the architecture is drawn as an overview, a link to each group's detail diagram.
fn detail_links(ctx: &Ctx, md: &mut Markdown) {
    let m = ctx.m;
    if !crate::view::overview::wants_detail(m) {
        return;
    }
    let groups = crate::view::overview::detailed_groups(m);
    if groups.is_empty() {
        return;
    }
    let links: Vec<String> = groups
        .iter()
        .filter_map(|g| {
            let name = &m.group(*g).named.name;
            let target = ctx.diagram(&format!("diagrams/architecture/{name}.svg"))?;
            Some(link(&m.group(*g).named.label, HIGH_LEVEL, &target))
        })
        .collect();
    if links.is_empty() {
        return;
    }
    md.para("The overview draws each group as one box; each group in detail:");
    md.bullets(links);
}

/// A link to each focus view (`diagrams { view NAME { include: [...] } }`).
fn focus_links(ctx: &Ctx, md: &mut Markdown) {
    let links: Vec<String> = ctx
        .m
        .diagrams
        .focus
        .iter()
        .filter_map(|v| {
            let target = ctx.diagram(&format!("diagrams/views/{}.svg", v.named.name))?;
            Some(link(&v.named.label, HIGH_LEVEL, &target))
        })
        .collect();
    if links.is_empty() {
        return;
    }
    md.para("Focus views of parts of the architecture:");
    md.bullets(links);
}
