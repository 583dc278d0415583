//! Entities -> `data_models.py`: an `Enum` per `enum<...>` and a `@dataclass` per entity,
//! in dependency order, fields typed, keys, PII and `@doc` marked.

use super::imports::{Group, Imports};
use super::{Ctx, PyWriter, assemble, py_str};
use crate::codegen::names::{Scope, python_field, upper_snake};
use crate::codegen::type_names::{EnumDef, Owner};
use crate::model::{Entity, Field, FieldType};

pub fn render(ctx: &Ctx) -> String {
    let mut imports = Imports::default();
    let mut w = PyWriter::default();
    let mut first = true;
    let mut sep = |w: &mut PyWriter| {
        if !std::mem::replace(&mut first, false) {
            w.blank();
            w.blank();
        }
    };
    // Param enums live in api_endpoints.py; entity enums here, before their entity.
    for id in ctx.graph.order() {
        let entity = ctx.model.entity(id);
        for def in ctx
            .names
            .enums
            .iter()
            .filter(|d| matches!(d.owner, Owner::Entity { entity, .. } if entity == id.0))
        {
            sep(&mut w);
            enum_class(&mut w, def, &mut imports);
        }
        sep(&mut w);
        dataclass(ctx, &mut w, id.0, entity, &mut imports);
    }
    if ctx.model.entities.is_empty() {
        w.line("# The spec declares no entity.");
    }
    let doc = format!(
        "Data models of {}: one dataclass per entity.\n\n\
         Entities come after the entities they refer to. Fill in validation and conversions here; the shapes come from the spec's entities.\n\n\
         Needs Python 3.10 or later (keyword-only dataclasses, `X | None`).",
        ctx.system()
    );
    imports.from(Group::Future, "__future__", "annotations");
    assemble(&ctx.header, &doc, &imports, w)
}

/// `class Name(str, Enum)` with one member per value.
pub fn enum_class(w: &mut PyWriter, def: &EnumDef, imports: &mut Imports) {
    imports.from(Group::Std, "enum", "Enum");
    w.block(format!("class {}(str, Enum)", def.name), |w| {
        w.docstring(&format!("Values of `{}`.", def.origin));
        w.blank();
        let mut scope = Scope::default();
        for v in &def.values {
            let member = scope.claim(&upper_snake(v));
            w.line(format!("{member} = {}", py_str(v)));
        }
    });
}

fn dataclass(ctx: &Ctx, w: &mut PyWriter, idx: usize, entity: &Entity, imports: &mut Imports) {
    imports.from(Group::Std, "dataclasses", "dataclass");
    let name = &ctx.names.entities[idx];
    w.line("@dataclass(kw_only=True)");
    w.block(format!("class {name}"), |w| {
        w.docstring(&entity_doc(ctx, entity));
        if entity.fields.is_empty() {
            return;
        }
        w.blank();
        let mut scope = Scope::default();
        for (fi, f) in entity.fields.iter().enumerate() {
            let enums = ctx.names.enums_of(Owner::Entity {
                entity: idx,
                field: fi,
            });
            let ty = ctx.annotation(&f.ty, &mut enums.iter(), imports, true);
            let fname = scope.claim(&python_field(&f.name));
            let default = if f.ty.is_optional() { " = None" } else { "" };
            let notes = field_notes(ctx, f, &fname);
            let line = format!("{fname}: {ty}{default}");
            // A note that would push the line past 88 columns goes on its own line above.
            if notes.is_empty() {
                w.line(line);
            } else if line.chars().count() + notes.chars().count() + 7 > 88 {
                w.line(format!("# {notes}"));
                w.line(line);
            } else {
                w.line(format!("{line}  # {notes}"));
            }
        }
    });
}

/// `key; PII; seconds watched; vector<256>` and the spec name when it had to change.
pub fn field_notes(ctx: &Ctx, f: &Field, ident: &str) -> String {
    let mut notes: Vec<String> = Vec::new();
    if f.key {
        notes.push("key".into());
    }
    if f.pii {
        notes.push("PII".into());
    }
    if ident != f.name {
        notes.push(format!("`{}` in the spec", f.name));
    }
    if let Some(doc) = &f.doc {
        notes.push(crate::output::text::one_line(doc));
    }
    match f.ty.inner() {
        FieldType::Vector(n) => notes.push(format!("vector<{n}>: {n} floats")),
        FieldType::Json => notes.push("any JSON value".into()),
        _ => {}
    }
    if let Some(len) = f.len {
        notes.push(format!("about {len} items"));
    }
    let _ = ctx;
    notes.join("; ")
}

fn entity_doc(ctx: &Ctx, e: &Entity) -> String {
    let mut doc = if e.named.explicit_label {
        format!("{}.", e.named.label.trim_end_matches('.'))
    } else {
        format!("The `{}` entity.", e.named.name)
    };
    let keys: Vec<&str> = e
        .fields
        .iter()
        .filter(|f| f.key)
        .map(|f| f.name.as_str())
        .collect();
    let pii: Vec<&str> = e
        .fields
        .iter()
        .filter(|f| f.pii)
        .map(|f| f.name.as_str())
        .collect();
    let mut facts = Vec::new();
    if !keys.is_empty() {
        facts.push(format!("Key: {}.", keys.join(", ")));
    }
    if !pii.is_empty() {
        facts.push(format!("PII: {}.", pii.join(", ")));
    }
    if let Some(v) = &e.volume {
        let mut parts = Vec::new();
        if let Some(r) = &v.rate {
            parts.push(format!("{r}"));
        }
        if let Some(r) = &v.retention {
            parts.push(format!("kept {r}"));
        }
        if let Some(r) = &v.freshness {
            parts.push(format!("at most {r} stale when read online"));
        }
        if !v.stored_in.is_empty() {
            let stores: Vec<&str> = v
                .stored_in
                .iter()
                .map(|c| ctx.model.component(*c).named.name.as_str())
                .collect();
            parts.push(format!("stored in {}", stores.join(", ")));
        }
        if !parts.is_empty() {
            facts.push(format!("Volume: {}.", parts.join(", ")));
        }
    }
    let typed: Vec<String> = e
        .fields
        .iter()
        .filter(|f| {
            matches!(
                f.ty.inner(),
                FieldType::Map(..) | FieldType::Enum(_) | FieldType::Vector(_)
            )
        })
        .map(|f| format!("{}: {}", f.name, ctx.model.type_text(&f.ty)))
        .collect();
    if !facts.is_empty() {
        doc.push_str("\n\n");
        doc.push_str(&facts.join("\n"));
    }
    if !typed.is_empty() {
        doc.push_str("\n\nSpec types: ");
        doc.push_str(&typed.join("; "));
        doc.push('.');
    }
    doc
}
