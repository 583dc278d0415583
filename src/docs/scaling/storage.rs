//! `CapacityPlan` storage + entities -> the storage section of `scaling/capacity_planning.md`:
//! each entity's row size field by field, rows and bytes per day, retention, and the total.

use super::super::Ctx;
use super::super::markdown::{Markdown, code};
use super::super::text::{self, grouped, none_yet, rate};
use crate::analysis::capacity::DAY;
use crate::model::capacity::field_size;
use crate::model::quantity::{human_bytes, human_count, human_time};
use crate::model::{Field, FieldType, Model};

pub fn storage_section(ctx: &Ctx, md: &mut Markdown) {
    let (m, plan) = (ctx.m, ctx.plan);
    if plan.storage.is_empty() && plan.not_sized.is_empty() {
        md.para(&none_yet(
            "entity with a `volume`",
            "entity NAME { ...; volume { rate: 2B/day; retention: 90d; stored_in: [lake] } }",
        ));
        return;
    }
    md.para(
        "Row size is the sum of the field sizes (the size table of the language: bool and enum 1 byte, date 4, \
         int, float and timestamp 8, uuid 16, string, bytes and json 32, `vector<N>` 4 × N, \
         a list 10 elements or its `@len`, a map 10 entries, a reference the size of the \
         referenced entity's `@key` fields; `@size` overrides). Stored = row size × rows per \
         day × retention in days.",
    );
    for s in &plan.storage {
        let e = m.entity(s.id);
        let st = &s.storage;
        md.heading(3, &e.named.name);
        let rows: Vec<Vec<String>> = e
            .fields
            .iter()
            .map(|f| {
                vec![
                    code(&f.name),
                    code(&m.type_text(&f.ty)),
                    grouped(field_size(m, f), 2),
                    size_rule(m, f),
                ]
            })
            .collect();
        md.table(&["Field", "Type", "Bytes", "Rule"], &rows);
        let sizes: Vec<String> = e
            .fields
            .iter()
            .map(|f| grouped(field_size(m, f), 2))
            .collect();
        let stores = e
            .volume
            .as_ref()
            .map(|v| {
                text::list(
                    v.stored_in
                        .iter()
                        .map(|c| code(&m.component(*c).named.name)),
                )
            })
            .unwrap_or_default();
        let mut steps = vec![
            format!(
                "Row size = {} = **{} bytes**{}.",
                if sizes.is_empty() {
                    "0".to_string()
                } else {
                    sizes.join(" + ")
                },
                grouped(st.row_bytes, 2),
                if st.row_bytes >= 10_000.0 {
                    format!(" ({})", human_bytes(st.row_bytes))
                } else {
                    String::new()
                }
            ),
            format!(
                "Rows per day = {} ({}/day).",
                grouped(st.rows_per_day, 1),
                human_count(st.rows_per_day)
            ),
            format!(
                "Per day = {} bytes × {} row{} = {}/day.",
                grouped(st.row_bytes, 2),
                grouped(st.rows_per_day, 1),
                if st.rows_per_day == 1.0 { "" } else { "s" },
                human_bytes(st.bytes_per_day)
            ),
            format!(
                "Stored = {}/day × {} days of retention = **{}**.",
                human_bytes(st.bytes_per_day),
                grouped(st.retention_days, 2),
                human_bytes(st.stored_bytes)
            ),
        ];
        if !stores.is_empty() {
            steps.push(format!("Kept in {stores}."));
        }
        if let Some(check) = flow_rate_check(ctx, s.id) {
            steps.push(check);
        }
        md.numbered(steps);
    }
    if !plan.storage.is_empty() {
        md.heading(3, "Total");
        let rows: Vec<Vec<String>> = plan
            .storage
            .iter()
            .map(|s| {
                let st = &s.storage;
                vec![
                    code(&m.entity(s.id).named.name),
                    text::bytes(st.row_bytes),
                    human_count(st.rows_per_day),
                    human_bytes(st.bytes_per_day),
                    human_time(st.retention_days * DAY),
                    human_bytes(st.stored_bytes),
                ]
            })
            .collect();
        md.table(
            &[
                "Entity",
                "Row",
                "Rows per day",
                "Bytes per day",
                "Retention",
                "Stored",
            ],
            &rows,
        );
        md.para(&format!(
            "Total: **{}**, one copy of each entity; an entity kept in several stores needs \
             its share in each.",
            human_bytes(plan.total_bytes),
        ));
    }
    if !plan.not_sized.is_empty() {
        md.para(&format!(
            "Not sized (their `volume` lacks `rate` or `retention`): {}.",
            text::entities(m, &plan.not_sized)
        ));
    }
}

/// The rated async, stream and batch flows that send an entity (new rows; sync calls and
/// returns pass data along without storing it), and the analysis' comparison of the largest
/// destination's daily average with the volume (rule R022).
fn flow_rate_check(ctx: &Ctx, id: crate::model::EntityId) -> Option<String> {
    use crate::analysis::volume::Verdict;
    let m = ctx.m;
    let v = ctx.review.facts.volumes.iter().find(|v| v.entity == id)?;
    if v.rated.is_empty() {
        return None;
    }
    let listed: Vec<String> = v
        .rated
        .iter()
        .map(|&f| {
            let f = &m.flows[f];
            let r = f.rate.map(|r| r.value).unwrap_or_default();
            format!(
                "{} → {} {} ({}/day)",
                code(&m.endpoint_name(f.from)),
                code(&m.endpoint_name(f.to)),
                rate(r),
                human_count(r * DAY)
            )
        })
        .collect();
    let verdict = match (v.largest, v.verdict) {
        (Some((dest, sum)), Some((verdict, bound))) => format!(
            ". Into {} they sum to {}, a daily average of {} ÷ {} = {}, {} the bound of {} \
             (rule {}: k = {}); check that the two figures agree",
            code(&m.endpoint_name(dest)),
            rate(sum),
            rate(sum),
            grouped(v.peak_factor, 2),
            rate(v.average),
            match verdict {
                Verdict::MoreThan => "above",
                Verdict::LessThan => "below",
            },
            rate(bound),
            crate::codes::R022,
            grouped(v.k, 2)
        ),
        _ => String::new(),
    };
    Some(format!(
        "Rated async, stream and batch flows that send it: {}{verdict}.",
        listed.join(", ")
    ))
}

/// How a field's size follows from the size table.
fn size_rule(m: &Model, f: &Field) -> String {
    if f.size.is_some() {
        return "`@size`".to_string();
    }
    fn base(m: &Model, ty: &FieldType) -> String {
        match ty {
            FieldType::Vector(n) => format!("4 × {n}"),
            FieldType::Entity(e) => format!("key of `{}`", m.entity(*e).named.name),
            FieldType::Optional(t) => base(m, t),
            FieldType::List(t) => format!("10 × ({})", base(m, t)),
            FieldType::Map(k, v) => format!("10 × ({} + {})", base(m, k), base(m, v)),
            t => format!("{}", type_bytes(t)),
        }
    }
    match f.ty.inner() {
        FieldType::List(t) => match f.len {
            Some(n) => format!("{n} (`@len`) × {}", base(m, t)),
            None => format!("10 × {}", base(m, t)),
        },
        FieldType::Map(k, v) => format!(
            "{} × ({} + {})",
            f.len.map_or("10".to_string(), |n| format!("{n} (`@len`)")),
            base(m, k),
            base(m, v)
        ),
        FieldType::Vector(n) => format!("4 × {n}"),
        FieldType::Entity(e) => format!("key of `{}`", m.entity(*e).named.name),
        FieldType::Enum(_) => "1 (enum)".to_string(),
        t => format!("{} ({})", type_bytes(t), m.type_text(t)),
    }
}

fn type_bytes(t: &FieldType) -> u64 {
    match t {
        FieldType::Bool | FieldType::Enum(_) => 1,
        FieldType::Date => 4,
        FieldType::Int | FieldType::Float | FieldType::Timestamp => 8,
        FieldType::Uuid => 16,
        _ => 32,
    }
}
