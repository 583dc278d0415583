//! gRPC apis -> `protos/{api}.proto`: a proto3 service with one rpc per endpoint and a
//! message per entity the rpcs carry (transitively), enums as top-level proto enums.

use std::collections::BTreeSet;

use super::Ctx;
use crate::codegen::names::{Scope, pascal_case, snake_case, upper_snake};
use crate::codegen::type_names::Owner;
use crate::model::{Api, ApiProtocol, EntityId, FieldType};
use crate::output::GeneratedFile;

pub fn render(ctx: &Ctx) -> Vec<GeneratedFile> {
    ctx.model
        .apis
        .iter()
        .filter(|a| a.protocol == ApiProtocol::Grpc)
        .map(|a| {
            GeneratedFile::text(
                format!("implementation/protos/{}.proto", a.named.name),
                proto(ctx, a),
            )
        })
        .collect()
}

/// The proto service of `api`: its name, as grpcio-tools names the Python classes after it.
pub(super) fn service_name(api: &Api) -> String {
    pascal_case(&api.named.name)
}

/// The rpc names of `api`, one per endpoint. They share the file's scope with its messages
/// and enums (`rpc Score(...) returns (Score)` would not compile), so a name a message or
/// enum has is taken: the rpc becomes `Score2`.
pub(super) fn rpc_names(ctx: &Ctx, api: &Api) -> Vec<String> {
    let mut taken: Vec<&str> = ctx.names.entities.iter().map(String::as_str).collect();
    taken.extend(ctx.names.enums.iter().map(|e| e.name.as_str()));
    let service = service_name(api);
    taken.push(&service);
    // Python's capitalised keywords: the rpcs are methods of the servicer too.
    taken.extend(["None", "True", "False"]);
    let mut rpcs = Scope::with_reserved(&taken);
    api.endpoints
        .iter()
        .map(|ep| rpcs.claim(&pascal_case(&ep.name)))
        .collect()
}

/// The imports of well-known types a file needs.
#[derive(Default)]
struct Wkt(BTreeSet<&'static str>);

fn proto(ctx: &Ctx, api: &Api) -> String {
    let mut wkt = Wkt::default();
    let roots: Vec<EntityId> = api
        .endpoints
        .iter()
        .flat_map(|e| e.request.into_iter().chain(e.response))
        .collect();
    let entities = ctx.graph.closure(&roots);

    let mut body = String::new();
    body.push_str(&format!(
        "// {}\nservice {} {{\n",
        one_line(&api.named.label),
        service_name(api)
    ));
    let names = rpc_names(ctx, api);
    for (ep, rpc) in api.endpoints.iter().zip(&names) {
        let msg = |e: Option<EntityId>, wkt: &mut Wkt| match e {
            Some(e) => ctx.names.entity(e).to_string(),
            None => {
                wkt.0.insert("google/protobuf/empty.proto");
                "google.protobuf.Empty".to_string()
            }
        };
        if let Some(d) = &ep.description {
            body.push_str(&format!("  // {}\n", one_line(d)));
        }
        if let Some(l) = &ep.latency_p99 {
            body.push_str(&format!("  // Latency p99 budget: {l}.\n"));
        }
        let req = msg(ep.request, &mut wkt);
        let resp = msg(ep.response, &mut wkt);
        body.push_str(&format!("  rpc {rpc}({req}) returns ({resp});\n"));
    }
    body.push_str("}\n");

    for id in &entities {
        let e = ctx.model.entity(*id);
        body.push('\n');
        let label = if e.named.explicit_label {
            e.named.label.clone()
        } else {
            format!("The `{}` entity.", e.named.name)
        };
        body.push_str(&format!(
            "// {}\nmessage {} {{\n",
            one_line(&label),
            ctx.names.entity(*id)
        ));
        let mut fields = Scope::default();
        for (fi, f) in e.fields.iter().enumerate() {
            let enums = ctx.names.enums_of(Owner::Entity {
                entity: id.0,
                field: fi,
            });
            let ty = field_type(ctx, &f.ty, &mut enums.iter(), &mut wkt);
            let mut notes = Vec::new();
            if f.key {
                notes.push("key".to_string());
            }
            if f.pii {
                notes.push("PII".to_string());
            }
            if let Some(d) = &f.doc {
                notes.push(one_line(d));
            }
            if ty.lossy {
                notes.push(format!("spec type {}", ctx.model.type_text(&f.ty)));
            }
            let comment = if notes.is_empty() {
                String::new()
            } else {
                format!("  // {}", notes.join("; "))
            };
            body.push_str(&format!(
                "  {} {} = {};{comment}\n",
                ty.text,
                fields.claim(&snake_case(&f.name)),
                fi + 1
            ));
        }
        body.push_str("}\n");
    }
    for def in ctx.names.enums.iter().filter(|d| {
        matches!(d.owner, Owner::Entity { entity, .. } if entities.iter().any(|e| e.0 == entity))
    }) {
        let prefix = upper_snake(&def.name);
        body.push_str(&format!("\n// Values of `{}`.\nenum {} {{\n", def.origin, def.name));
        body.push_str(&format!("  {prefix}_UNSPECIFIED = 0;\n"));
        let mut values = Scope::with_reserved(&[&format!("{prefix}_UNSPECIFIED")]);
        for (i, v) in def.values.iter().enumerate() {
            body.push_str(&format!("  {} = {};\n", values.claim(&format!("{prefix}_{}", upper_snake(v))), i + 1));
        }
        body.push_str("}\n");
    }

    let mut out = format!("// {}\n", ctx.header);
    out.push_str(&format!(
        "// gRPC contract of `{}` ({}) in {}.\n\nsyntax = \"proto3\";\n\npackage {};\n",
        api.named.name,
        one_line(&api.named.label),
        one_line(ctx.system()),
        snake_case(&api.named.name)
    ));
    if !wkt.0.is_empty() {
        out.push('\n');
        for i in &wkt.0 {
            out.push_str(&format!("import \"{i}\";\n"));
        }
    }
    out.push('\n');
    out.push_str(&body);
    out
}

struct ProtoType {
    text: String,
    /// The proto type only approximates the spec's (nesting proto cannot express, dates).
    lossy: bool,
}

fn field_type(
    ctx: &Ctx,
    ty: &FieldType,
    enums: &mut std::slice::Iter<'_, &str>,
    wkt: &mut Wkt,
) -> ProtoType {
    match ty {
        FieldType::Optional(t) => {
            let inner = field_type(ctx, t, enums, wkt);
            if inner.text.starts_with("repeated ") || inner.text.starts_with("map<") {
                inner
            } else {
                ProtoType {
                    text: format!("optional {}", inner.text),
                    lossy: inner.lossy,
                }
            }
        }
        FieldType::List(t) => {
            let inner = single(ctx, t, enums, wkt);
            match inner {
                Some(i) => ProtoType {
                    text: format!("repeated {}", i.text),
                    lossy: i.lossy,
                },
                None => json(wkt, true),
            }
        }
        FieldType::Vector(_) => ProtoType {
            text: "repeated float".into(),
            lossy: false,
        },
        FieldType::Map(k, v) => {
            let key = match k.as_ref() {
                FieldType::String | FieldType::Uuid | FieldType::Date => Some("string"),
                FieldType::Int => Some("int64"),
                FieldType::Bool => Some("bool"),
                _ => None,
            };
            // Consume the key's enums so the value's line up.
            let mut skip = Vec::new();
            collect_enums(k, &mut skip);
            for _ in skip {
                enums.next();
            }
            match (key, single(ctx, v, enums, wkt)) {
                (Some(k), Some(v)) => ProtoType {
                    text: format!("map<{k}, {}>", v.text),
                    lossy: v.lossy,
                },
                _ => json(wkt, true),
            }
        }
        t => single(ctx, t, enums, wkt).unwrap_or_else(|| json(wkt, true)),
    }
}

fn collect_enums<'a>(ty: &'a FieldType, out: &mut Vec<&'a FieldType>) {
    match ty {
        FieldType::Enum(_) => out.push(ty),
        FieldType::List(t) | FieldType::Optional(t) => collect_enums(t, out),
        FieldType::Map(k, v) => {
            collect_enums(k, out);
            collect_enums(v, out);
        }
        _ => {}
    }
}

/// A type that can stand after `repeated` or as a map value; `None` for nested collections.
fn single(
    ctx: &Ctx,
    ty: &FieldType,
    enums: &mut std::slice::Iter<'_, &str>,
    wkt: &mut Wkt,
) -> Option<ProtoType> {
    let plain = |t: &str| {
        Some(ProtoType {
            text: t.to_string(),
            lossy: false,
        })
    };
    match ty {
        FieldType::String | FieldType::Uuid => plain("string"),
        FieldType::Int => plain("int64"),
        FieldType::Float => plain("double"),
        FieldType::Bool => plain("bool"),
        FieldType::Bytes => plain("bytes"),
        FieldType::Date => Some(ProtoType {
            text: "string".into(),
            lossy: true,
        }),
        FieldType::Timestamp => {
            wkt.0.insert("google/protobuf/timestamp.proto");
            plain("google.protobuf.Timestamp")
        }
        FieldType::Json => Some(json(wkt, false)),
        FieldType::Enum(_) => Some(ProtoType {
            text: enums.next().copied().unwrap_or("string").to_string(),
            lossy: false,
        }),
        FieldType::Entity(e) => plain(ctx.names.entity(*e)),
        FieldType::Optional(t) => single(ctx, t, enums, wkt),
        FieldType::List(t) | FieldType::Map(_, t) => {
            // Skip the nested enums: the whole value becomes JSON.
            let mut skip = Vec::new();
            collect_enums(ty, &mut skip);
            let _ = t;
            for _ in skip {
                enums.next();
            }
            None
        }
        FieldType::Vector(_) => None,
    }
}

fn json(wkt: &mut Wkt, lossy: bool) -> ProtoType {
    wkt.0.insert("google/protobuf/struct.proto");
    ProtoType {
        text: "google.protobuf.Value".into(),
        lossy,
    }
}

fn one_line(s: &str) -> String {
    crate::output::text::one_line(s)
}
