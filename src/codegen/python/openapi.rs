//! REST apis -> `implementation/openapi.yaml`: the OpenAPI 3.1 document of the FastAPI app in
//! `api_endpoints.py`: its paths, methods, parameters, request bodies and response schemas,
//! with a schema per entity and enum the routes reach. Built from the same route plan as the
//! app (`api_endpoints::plan`, `route_params`), so the two cannot drift apart; the generated
//! `tests/test_openapi.py` compares them and validates the document.
//!
//! Every string from the spec is a YAML double-quoted scalar ([`yaml_str`]); keys are plain
//! only when YAML cannot read them as anything but that string.

use std::collections::BTreeMap;

use super::Ctx;
use super::api_endpoints::{
    RouteParam, Shape, module_scope, param_description, plan, route_params,
};
use crate::codegen::names::{Scope, python_field};
use crate::codegen::type_names::Owner;
use crate::model::{EntityId, FieldType};
use crate::output::text::yaml_str;

/// A YAML node.
enum Y {
    Str(String),
    /// A number, boolean or null, written as is.
    Raw(&'static str),
    Map(Vec<(String, Y)>),
    List(Vec<Y>),
}

fn s(text: impl Into<String>) -> Y {
    Y::Str(text.into())
}

fn map(entries: Vec<(&str, Y)>) -> Y {
    Y::Map(
        entries
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

/// The schemas the routes reference, by component name.
#[derive(Default)]
struct Components {
    schemas: BTreeMap<String, Y>,
}

pub fn render(ctx: &Ctx) -> String {
    let mut components = Components::default();
    let mut scope = module_scope(ctx);
    let mut paths: Vec<(String, Vec<(String, Y)>)> = Vec::new();
    let mut roots = Vec::new();
    for r in plan(ctx, &mut scope) {
        let api = &ctx.model.apis[r.api];
        let prefix = api.base_path.as_deref().unwrap_or("").trim_end_matches('/');
        for (ei, fname) in &r.routes {
            let ep = &api.endpoints[*ei];
            let (path, params) = route_params(ep);
            let full = format!("{prefix}{path}");
            let method = ep.method.as_str().to_string();
            let mut op = vec![
                ("tags".to_string(), Y::List(vec![s(&api.named.label)])),
                (
                    "summary".to_string(),
                    s(format!("{}.{}", api.named.name, ep.name)),
                ),
            ];
            if let Some(d) = &ep.description {
                op.push(("description".into(), s(d.trim())));
            }
            op.push(("operationId".into(), s(operation_id(fname, &full, &method))));
            let mut parameters = Vec::new();
            // In the handler's order: path parameters, the required query, the optional one.
            let rank = |p: &RouteParam| (!p.is_path, p.optional);
            let mut ordered: Vec<(usize, &RouteParam)> = params.iter().enumerate().collect();
            ordered.sort_by_key(|(_, p)| rank(p));
            for (pi, rp) in ordered {
                let enums = ctx.names.enums_of(Owner::Param {
                    api: r.api,
                    endpoint: *ei,
                    param: pi,
                });
                parameters.push(parameter(ctx, rp, &enums, &mut components));
            }
            if !parameters.is_empty() {
                op.push(("parameters".into(), Y::List(parameters)));
            }
            if let Some(req) = ep.request {
                roots.push(req);
                op.push((
                    "requestBody".into(),
                    map(vec![
                        ("content", json_content(entity_ref(ctx, req))),
                        ("required", Y::Raw("true")),
                    ]),
                ));
            }
            let body = match ep.response {
                Some(resp) => {
                    roots.push(resp);
                    entity_ref(ctx, resp)
                }
                None => Y::Map(Vec::new()),
            };
            op.push((
                "responses".into(),
                map(vec![(
                    "200",
                    map(vec![
                        ("description", s("Successful Response")),
                        ("content", json_content(body)),
                    ]),
                )]),
            ));
            match paths.iter_mut().find(|(p, _)| *p == full) {
                Some((_, ops)) => ops.push((method, Y::Map(op))),
                None => paths.push((full, vec![(method, Y::Map(op))])),
            }
        }
    }
    for id in ctx.graph.closure(&roots) {
        entity_schema(ctx, id, &mut components);
    }
    let version = ctx.model.system.version.as_deref().unwrap_or("0.1.0");
    let mut doc = vec![
        ("openapi".to_string(), s("3.1.0")),
        (
            "info".to_string(),
            map(vec![("title", s(ctx.system())), ("version", s(version))]),
        ),
        (
            "paths".to_string(),
            Y::Map(paths.into_iter().map(|(p, ops)| (p, Y::Map(ops))).collect()),
        ),
    ];
    if !components.schemas.is_empty() {
        doc.push((
            "components".into(),
            map(vec![(
                "schemas",
                Y::Map(components.schemas.into_iter().collect()),
            )]),
        ));
    }
    let mut out = format!("# {}\n", ctx.header);
    out.push_str(
        "# The REST apis as OpenAPI 3.1: what `implementation.api_endpoints:app` serves at\n\
         # /openapi.json, less FastAPI's own 422 responses (tests/test_openapi.py checks).\n",
    );
    write_map(&mut out, &doc, 0, false);
    out
}

/// FastAPI's default operation id: the handler's name and the path, non-word characters
/// as `_`, then the method.
fn operation_id(fname: &str, path: &str, method: &str) -> String {
    let text: String = format!("{fname}{path}")
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{text}_{method}")
}

fn json_content(schema: Y) -> Y {
    map(vec![("application/json", map(vec![("schema", schema)]))])
}

fn reference(name: &str) -> Y {
    map(vec![("$ref", s(format!("#/components/schemas/{name}")))])
}

fn entity_ref(ctx: &Ctx, id: EntityId) -> Y {
    reference(ctx.names.entity(id))
}

fn nullable(schema: Y) -> Y {
    map(vec![(
        "anyOf",
        Y::List(vec![schema, map(vec![("type", s("null"))])]),
    )])
}

fn parameter(ctx: &Ctx, rp: &RouteParam, enums: &[&str], components: &mut Components) -> Y {
    let mut enums = enums.iter();
    let schema = match rp.shape {
        Shape::Plain(t) => schema(ctx, t, &mut enums, components),
        Shape::Vector => array(map(vec![("type", s("number"))])),
        Shape::List(t) => array(schema(ctx, t, &mut enums, components)),
        Shape::Encoded(_) => map(vec![("type", s("string"))]),
    };
    let schema = if rp.optional {
        nullable(schema)
    } else {
        schema
    };
    let name = if rp.is_path {
        &rp.ident
    } else {
        &rp.field.name
    };
    let mut p = vec![
        ("name", s(name.as_str())),
        ("in", s(if rp.is_path { "path" } else { "query" })),
        (
            "required",
            Y::Raw(if rp.optional { "false" } else { "true" }),
        ),
        ("schema", schema),
    ];
    if let Some(d) = param_description(ctx, rp) {
        p.push(("description", s(d)));
    }
    map(p)
}

fn array(items: Y) -> Y {
    map(vec![("type", s("array")), ("items", items)])
}

/// The JSON schema pydantic gives the Python annotation of `ty`; enums and entities are
/// references (enums are added to `components` here, entities by the caller).
fn schema(
    ctx: &Ctx,
    ty: &FieldType,
    enums: &mut std::slice::Iter<'_, &str>,
    components: &mut Components,
) -> Y {
    let plain = |t: &str| map(vec![("type", s(t))]);
    let formatted = |f: &str| map(vec![("type", s("string")), ("format", s(f))]);
    match ty {
        FieldType::String => plain("string"),
        FieldType::Int => plain("integer"),
        FieldType::Float => plain("number"),
        FieldType::Bool => plain("boolean"),
        FieldType::Timestamp => formatted("date-time"),
        FieldType::Date => formatted("date"),
        FieldType::Bytes => map(vec![
            ("type", s("string")),
            ("contentMediaType", s("application/octet-stream")),
        ]),
        FieldType::Uuid => formatted("uuid"),
        FieldType::Json => Y::Map(Vec::new()),
        FieldType::List(t) => array(schema(ctx, t, enums, components)),
        FieldType::Map(k, v) => {
            let keys = schema(ctx, k, enums, components);
            let values = match **v {
                FieldType::Json => Y::Raw("true"),
                _ => schema(ctx, v, enums, components),
            };
            let mut m = vec![("type", s("object")), ("additionalProperties", values)];
            // Pydantic names the keys' schema when it says more than "a string".
            if matches!(k.inner(), FieldType::Enum(_)) {
                m.push(("propertyNames", keys));
            }
            map(m)
        }
        FieldType::Vector(_) => array(plain("number")),
        FieldType::Enum(values) => {
            let name = enums.next().copied().unwrap_or("str").to_string();
            components.schemas.entry(name.clone()).or_insert_with(|| {
                map(vec![
                    ("type", s("string")),
                    ("enum", Y::List(values.iter().map(s).collect())),
                    ("title", s(name.as_str())),
                ])
            });
            reference(&name)
        }
        FieldType::Entity(e) => entity_ref(ctx, *e),
        FieldType::Optional(t) => nullable(schema(ctx, t, enums, components)),
    }
}

/// The schema of the entity's dataclass: its fields by their Python names.
fn entity_schema(ctx: &Ctx, id: EntityId, components: &mut Components) {
    let entity = ctx.model.entity(id);
    let mut scope = Scope::default();
    let mut properties = Vec::new();
    let mut required = Vec::new();
    for (fi, f) in entity.fields.iter().enumerate() {
        let name = scope.claim(&python_field(&f.name));
        let enums = ctx.names.enums_of(Owner::Entity {
            entity: id.0,
            field: fi,
        });
        let field = schema(ctx, &f.ty, &mut enums.iter(), components);
        if !f.ty.is_optional() {
            required.push(s(name.as_str()));
        }
        properties.push((name, field));
    }
    let title = ctx.names.entity(id).to_string();
    let mut schema = vec![
        ("type", s("object")),
        ("title", s(title.as_str())),
        ("properties", Y::Map(properties)),
    ];
    if !required.is_empty() {
        schema.push(("required", Y::List(required)));
    }
    components.schemas.insert(title, map(schema));
}

/// Whether `key` can be a plain YAML key: a name YAML reads as a string and nothing else.
fn plain_key(key: &str) -> bool {
    const WORDS: [&str; 11] = [
        "true", "false", "null", "yes", "no", "on", "off", "y", "n", "~", "",
    ];
    key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
        && !WORDS.contains(&key.to_ascii_lowercase().as_str())
}

fn key(k: &str) -> String {
    if plain_key(k) {
        k.to_string()
    } else {
        yaml_str(k)
    }
}

/// A scalar or an empty collection on the line of its key, or `None` for a block.
fn inline(y: &Y) -> Option<String> {
    match y {
        Y::Str(t) => Some(yaml_str(t)),
        Y::Raw(t) => Some((*t).to_string()),
        Y::Map(m) if m.is_empty() => Some("{}".into()),
        Y::List(l) if l.is_empty() => Some("[]".into()),
        _ => None,
    }
}

/// Block mappings; `first_inline`: the first entry follows a `- ` already written.
fn write_map(out: &mut String, entries: &[(String, Y)], indent: usize, first_inline: bool) {
    for (i, (k, v)) in entries.iter().enumerate() {
        if !(first_inline && i == 0) {
            out.push_str(&" ".repeat(indent));
        }
        out.push_str(&key(k));
        out.push(':');
        write_value(out, v, indent);
    }
}

fn write_value(out: &mut String, v: &Y, indent: usize) {
    if let Some(text) = inline(v) {
        out.push(' ');
        out.push_str(&text);
        out.push('\n');
        return;
    }
    out.push('\n');
    match v {
        Y::Map(m) => write_map(out, m, indent + 2, false),
        Y::List(items) => {
            for item in items {
                out.push_str(&" ".repeat(indent + 2));
                out.push('-');
                match item {
                    Y::Map(m) if !m.is_empty() => {
                        out.push(' ');
                        write_map(out, m, indent + 4, true);
                    }
                    other => write_value(out, other, indent + 2),
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_yaml_could_misread_are_quoted() {
        assert_eq!(key("user_id"), "user_id");
        assert_eq!(key("$ref"), "$ref");
        assert_eq!(key("200"), "\"200\"");
        assert_eq!(key("yes"), "\"yes\"");
        assert_eq!(key("/v1/feed/{id}"), "\"/v1/feed/{id}\"");
        assert_eq!(key("a: b"), "\"a: b\"");
    }

    #[test]
    fn nested_blocks_indent() {
        let doc = vec![(
            "a".to_string(),
            map(vec![
                (
                    "b",
                    Y::List(vec![map(vec![("c", s("x")), ("d", Y::Raw("1"))])]),
                ),
                ("e", Y::List(vec![s("y")])),
                ("f", Y::Map(Vec::new())),
            ]),
        )];
        let mut out = String::new();
        write_map(&mut out, &doc, 0, false);
        assert_eq!(
            out,
            "a:\n  b:\n    - c: \"x\"\n      d: 1\n  e:\n    - \"y\"\n  f: {}\n"
        );
    }

    #[test]
    fn operation_ids_follow_fastapi() {
        assert_eq!(
            operation_id("feed", "/v1/feed/{user_id}", "get"),
            "feed_v1_feed__user_id__get"
        );
    }
}
