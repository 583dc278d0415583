//! Hover: for a name, its declaration and the facts computed about it (a component's load,
//! replicas and headroom; an entity's row size and storage; a model's servers, pipelines and
//! inputs); for a quantity, its normalised value; for a keyword or attribute, its reference
//! line.

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

use super::document::Document;
use super::index::DefKind;
use super::{context, vocabulary};
use crate::model::capacity;
use crate::model::quantity::{Quantity, human, human_bytes, human_count};
use crate::model::types::*;
use crate::span::Span;
use crate::syntax::ast::{QuantityLit, Stmt, TypeArg, Value};

pub fn hover(doc: &Document, position: Position) -> Option<Hover> {
    let offset = doc.offset(position);
    let (text, span) = name_hover(doc, offset)
        .or_else(|| quantity_hover(doc, offset))
        .or_else(|| word_hover(doc, offset))?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: Some(doc.range(span)),
    })
}

fn name_hover(doc: &Document, offset: usize) -> Option<(String, Span)> {
    let (i, span) = doc.index.at(offset)?;
    let def = &doc.index.defs[i];
    let header = doc.text.get(def.span.start..def.span.end)?;
    let first_line = header
        .lines()
        .next()
        .unwrap_or("")
        .trim_end_matches('{')
        .trim();
    let mut out = format!("```mlsd\n{first_line}\n```\n");
    let model = &doc.analysis.model;
    let facts = match def.kind {
        DefKind::Global => global_facts(model, def.name_span),
        DefKind::Field => Vec::new(),
        DefKind::Stage => Vec::new(),
    };
    for fact in facts {
        out.push_str(&format!("- {fact}\n"));
    }
    if def.kind == DefKind::Global {
        for f in doc.findings.iter().filter(|f| f.subject == def.name) {
            out.push_str(&format!(
                "- review {} ({}): {}\n",
                f.code, f.level, f.message
            ));
        }
    }
    Some((out, span))
}

fn global_facts(model: &Model, name_span: Span) -> Vec<String> {
    let mut facts = Vec::new();
    if let Some(id) = model
        .components
        .iter()
        .position(|c| c.named.name_span == name_span)
    {
        let id = ComponentId(id);
        let c = model.component(id);
        facts.push(format!(
            "{} `{}`: {}",
            c.kind.caption(),
            c.named.name,
            c.named.label
        ));
        if let Some(tech) = &c.tech {
            facts.push(format!("tech: {tech}"));
        }
        let replicas = capacity::replicas(model, id);
        let load = capacity::load(model, id);
        if let Some((rate, _)) = &load {
            facts.push(format!("load: {}/s at peak", human_count(*rate)));
        }
        let mut r = format!("replicas: {}", replicas.total);
        if let Some(d) = replicas.declared {
            r.push_str(&format!(" (declared {d}"));
            match replicas.deployed {
                Some(dep) => r.push_str(&format!(", deployed {dep})")),
                None => r.push(')'),
            }
        }
        facts.push(r);
        if let Some(cap) = c.capacity {
            facts.push(format!(
                "capacity: {} per replica",
                human(cap.value, cap.dim)
            ));
            if let Some((rate, _)) = load
                && rate > 0.0
            {
                let needed = (rate / cap.value).ceil();
                facts.push(format!("replicas needed: {needed}"));
                let headroom = cap.value * replicas.total as f64 / rate;
                facts.push(format!("headroom: {headroom:.2}x"));
            }
        }
        for m in &c.models {
            facts.push(format!("serves model `{}`", model.model(*m).named.name));
        }
    } else if let Some(id) = model
        .entities
        .iter()
        .position(|e| e.named.name_span == name_span)
    {
        let id = EntityId(id);
        let e = model.entity(id);
        facts.push(format!(
            "entity `{}`: {} fields",
            e.named.name,
            e.fields.len()
        ));
        facts.push(format!(
            "row size: {}",
            human_bytes(capacity::row_size(model, id))
        ));
        if let Some(s) = capacity::storage(model, id) {
            facts.push(format!(
                "storage: {} ({} rows/day kept {} days)",
                human_bytes(s.stored_bytes),
                human_count(s.rows_per_day),
                s.retention_days
            ));
        }
    } else if let Some(id) = model
        .models
        .iter()
        .position(|m| m.named.name_span == name_span)
    {
        let m = &model.models[id];
        let id = ModelId(id);
        facts.push(format!("model `{}`: {}", m.named.name, m.named.label));
        let servers: Vec<&str> = model
            .components
            .iter()
            .filter(|c| c.models.contains(&id))
            .map(|c| c.named.name.as_str())
            .collect();
        if !servers.is_empty() {
            facts.push(format!("served by: {}", servers.join(", ")));
        }
        let pipelines: Vec<&str> = model
            .pipelines
            .iter()
            .filter(|p| {
                p.stages
                    .iter()
                    .any(|s| s.trains.contains(&id) || s.uses.contains(&id))
            })
            .map(|p| p.named.name.as_str())
            .collect();
        if !pipelines.is_empty() {
            facts.push(format!("pipelines: {}", pipelines.join(", ")));
        }
        let inputs: Vec<&str> = m
            .inputs
            .iter()
            .map(|e| model.entity(*e).named.name.as_str())
            .collect();
        if !inputs.is_empty() {
            facts.push(format!("inputs: {}", inputs.join(", ")));
        }
    }
    facts
}

fn quantity_hover(doc: &Document, offset: usize) -> Option<(String, Span)> {
    let lit = find_quantity(&doc.spec.statements, offset)?;
    let written = doc.text.get(lit.span.start..lit.span.end)?;
    let text = match Quantity::from_literal(lit) {
        Ok(q) => format!(
            "`{written}` = {} ({})",
            human(q.value, q.dim),
            q.dim.describe()
        ),
        Err(d) => format!("`{written}`: {}", d.message),
    };
    Some((text, lit.span))
}

fn find_quantity(stmts: &[Stmt], offset: usize) -> Option<&QuantityLit> {
    let inside = |s: Span| s.start <= offset && offset <= s.end;
    for stmt in stmts {
        if !inside(stmt.span()) {
            continue;
        }
        let found = match stmt {
            Stmt::Decl(d) => d
                .body
                .as_ref()
                .and_then(|b| find_quantity(&b.statements, offset)),
            Stmt::Edge(e) => e
                .body
                .as_ref()
                .and_then(|b| find_quantity(&b.statements, offset)),
            Stmt::Attr(a) => in_value(&a.value, offset),
            Stmt::Item(_) => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

fn in_value(v: &Value, offset: usize) -> Option<&QuantityLit> {
    let inside = |s: Span| s.start <= offset && offset <= s.end;
    match v {
        Value::Quantity(q) if inside(q.span) => Some(q),
        Value::List(items, _) => items.iter().find_map(|i| in_value(i, offset)),
        Value::Type(t) => t.args.iter().flatten().find_map(|a| match a {
            TypeArg::Quantity(q) if inside(q.span) => Some(q),
            _ => None,
        }),
        _ => None,
    }
}

/// A keyword or attribute key under the cursor: its reference line.
fn word_hover(doc: &Document, offset: usize) -> Option<(String, Span)> {
    let bytes = doc.text.as_bytes();
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut start = offset.min(bytes.len());
    while start > 0 && is_word(bytes[start - 1]) {
        start -= 1;
    }
    let mut end = offset.min(bytes.len());
    while end < bytes.len() && is_word(bytes[end]) {
        end += 1;
    }
    let word = doc.text.get(start..end).filter(|w| !w.is_empty())?;
    let ctx = context::at(&doc.text, start);
    if !ctx.prefix.is_empty() || ctx.in_text {
        return None;
    }
    let block = ctx.block();
    let rest = doc.text[end..].trim_start();
    let text = if rest.starts_with(':') {
        if !vocabulary::attributes(block).contains(&word) {
            return None;
        }
        vocabulary::attribute_doc(block, word)
    } else {
        if !vocabulary::block_keywords(block).contains(&word) {
            return None;
        }
        vocabulary::keyword_doc(word)?
    };
    Some((text, Span::new(start, end)))
}
