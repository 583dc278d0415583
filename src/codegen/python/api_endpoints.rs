//! Apis -> `api_endpoints.py`: a FastAPI app with one `APIRouter` per REST api and one
//! route per endpoint (typed path and query params, request body, `response_model`), each
//! answering 501 (the gRPC servicers are `servicers.rs`).

use super::data_models::enum_class;
use super::imports::{Group, Imports};
use super::{Ctx, PyWriter, assemble, py_str};
use crate::codegen::names::{Scope, python_ident, snake_case};
use crate::codegen::type_names::Owner;
use crate::model::{Api, ApiEndpoint, ApiProtocol, Field, FieldType, Method};

pub fn render(ctx: &Ctx) -> String {
    let mut imports = Imports::default();
    let mut w = PyWriter::default();
    let mut scope = module_scope(ctx);
    let mut first = true;
    let mut sep = |w: &mut PyWriter| {
        if !std::mem::replace(&mut first, false) {
            w.blank();
            w.blank();
        }
    };
    for def in ctx
        .names
        .enums
        .iter()
        .filter(|d| matches!(d.owner, Owner::Param { .. }))
    {
        sep(&mut w);
        enum_class(&mut w, def, &mut imports);
    }
    let plan = plan(ctx, &mut scope);
    let mut routers = Vec::new();
    for r in &plan {
        let api = &ctx.model.apis[r.api];
        imports.from(Group::ThirdParty, "fastapi", "APIRouter");
        sep(&mut w);
        let prefix = api.base_path.as_deref().unwrap_or("").trim_end_matches('/');
        w.line(format!(
            "{} = APIRouter(prefix={}, tags=[{}])",
            r.router,
            py_str(prefix),
            py_str(&api.named.label)
        ));
        for (ei, fname) in &r.routes {
            sep(&mut w);
            route(
                ctx,
                &mut w,
                &mut imports,
                (r.api, api),
                (*ei, &api.endpoints[*ei]),
                &r.router,
                fname,
            );
        }
        routers.push(r.router.clone());
    }
    sep(&mut w);
    imports.from(Group::ThirdParty, "fastapi", "FastAPI");
    let version = ctx.model.system.version.as_deref().unwrap_or("0.1.0");
    // One schema per model for requests and responses, as `openapi.yaml` has it.
    w.call(
        "app = FastAPI",
        &[
            format!("title={}", py_str(ctx.system())),
            format!("version={}", py_str(version)),
            "separate_input_output_schemas=False".to_string(),
        ],
    );
    for r in &routers {
        w.line(format!("app.include_router({r})"));
    }
    let doc = format!(
        "Endpoints of {}: a FastAPI app with one route per REST endpoint{}.\n\n\
         Serve from the design folder with `uvicorn implementation.api_endpoints:app`; every \
         handler answers 501 until written.",
        ctx.system(),
        if super::servicers::grpc_apis(ctx).is_empty() {
            ""
        } else {
            " (the gRPC servicers are in `grpc_servicers.py`)"
        }
    );
    assemble(&ctx.header, &doc, &imports, w)
}

/// One REST api's router: its variable and, per endpoint (by index), the handler's name.
pub(super) struct RouterPlan {
    pub api: usize,
    pub router: String,
    pub routes: Vec<(usize, String)>,
}

/// The routers and handler names of the REST apis, claimed in `scope` (the module's names).
pub(super) fn plan(ctx: &Ctx, scope: &mut Scope) -> Vec<RouterPlan> {
    let mut out = Vec::new();
    for (ai, api) in ctx.model.apis.iter().enumerate() {
        if api.protocol != ApiProtocol::Rest {
            continue;
        }
        let router = scope.claim(&python_ident(&snake_case(&api.named.name)));
        let mut routes = Vec::new();
        for (ei, ep) in api.endpoints.iter().enumerate() {
            if ep.method == Method::Rpc {
                continue;
            }
            let plain = python_ident(&snake_case(&ep.name));
            let fname = if scope.is_taken(&plain) {
                scope.claim(&python_ident(&format!(
                    "{}_{}",
                    snake_case(&api.named.name),
                    snake_case(&ep.name)
                )))
            } else {
                scope.claim(&plain)
            };
            routes.push((ei, fname));
        }
        out.push(RouterPlan {
            api: ai,
            router,
            routes,
        });
    }
    out
}

/// The names `api_endpoints.py` claims before its routers: the entity and enum classes.
pub(super) fn module_scope(ctx: &Ctx) -> Scope {
    let mut scope = Scope::with_reserved(super::RESERVED);
    for n in &ctx.names.entities {
        scope.claim(n);
    }
    for e in &ctx.names.enums {
        scope.claim(&e.name);
    }
    scope
}

/// How a parameter's value travels.
pub(super) enum Shape<'a> {
    /// A scalar (or an enum) as itself.
    Plain(&'a FieldType),
    /// `vector<n>`: a list of floats.
    Vector,
    /// A list of scalars (query only).
    List(&'a FieldType),
    /// Anything else: a JSON-encoded string.
    Encoded(&'a FieldType),
}

/// One parameter of a route.
pub(super) struct RouteParam<'a> {
    pub field: &'a Field,
    pub ident: String,
    pub is_path: bool,
    /// Optional query parameters default to `None`.
    pub optional: bool,
    pub shape: Shape<'a>,
}

/// The route's path (placeholders renamed to their Python names) and its parameters.
pub(super) fn route_params(ep: &ApiEndpoint) -> (String, Vec<RouteParam<'_>>) {
    let raw_path = ep.path.as_deref().unwrap_or("/");
    let in_path = placeholders(raw_path);
    let mut path = raw_path.to_string();
    let mut locals = Scope::default();
    let mut out = Vec::new();
    for p in &ep.params {
        let ident = locals.claim(&python_ident(&p.name));
        let is_path = in_path.contains(&p.name);
        if is_path && ident != p.name {
            path = path.replace(&format!("{{{}}}", p.name), &format!("{{{ident}}}"));
        }
        let scalar = |t: &FieldType| {
            !matches!(
                t,
                FieldType::List(_)
                    | FieldType::Map(..)
                    | FieldType::Json
                    | FieldType::Entity(_)
                    | FieldType::Vector(_)
            )
        };
        let shape = match p.ty.inner() {
            t if scalar(t) => Shape::Plain(t),
            FieldType::Vector(_) => Shape::Vector,
            FieldType::List(t) if scalar(t) && !is_path => Shape::List(t),
            other => Shape::Encoded(other),
        };
        out.push(RouteParam {
            field: p,
            ident,
            is_path,
            optional: p.ty.is_optional() && !is_path,
            shape,
        });
    }
    (path, out)
}

/// The placeholders of a path: `/cases/{case_id}` -> `case_id`.
fn placeholders(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        out.push(rest[start + 1..start + len].to_string());
        rest = &rest[start + len + 1..];
    }
    out
}

fn route(
    ctx: &Ctx,
    w: &mut PyWriter,
    imports: &mut Imports,
    (ai, api): (usize, &Api),
    (ei, ep): (usize, &ApiEndpoint),
    router: &str,
    fname: &str,
) {
    let raw_path = ep.path.as_deref().unwrap_or("/");
    let (path, route_params) = route_params(ep);
    let mut locals = Scope::default();
    let mut required = Vec::new();
    let mut optional = Vec::new();
    let mut body_params = Vec::new();
    for (pi, rp) in route_params.iter().enumerate() {
        locals.claim(&rp.ident);
        let enums = ctx.names.enums_of(Owner::Param {
            api: ai,
            endpoint: ei,
            param: pi,
        });
        let text = param(ctx, imports, rp, &enums);
        if rp.is_path {
            body_params.push(text);
        } else if rp.optional {
            optional.push(text);
        } else {
            required.push(text);
        }
    }
    let mut params = body_params;
    if let Some(req) = ep.request {
        let ty = ctx.entity_ref(req, imports);
        params.push(format!("{}: {ty}", locals.claim("body")));
    }
    params.extend(required);
    params.extend(optional);
    let mut decorator_args = vec![py_str(&path)];
    let ret = match ep.response {
        Some(r) => {
            let ty = ctx.entity_ref(r, imports);
            decorator_args.push(format!("response_model={ty}"));
            ty
        }
        None => "None".to_string(),
    };
    let method = ep.method.as_str();
    let full = format!(
        "{}{}",
        api.base_path.as_deref().unwrap_or("").trim_end_matches('/'),
        raw_path
    );
    imports.from(Group::ThirdParty, "fastapi", "HTTPException");
    w.call(&format!("@{router}.{method}"), &decorator_args);
    w.def(fname, &params, &ret, |w| {
        w.docstring(&endpoint_doc(ctx, api, ep, &full));
        let detail = format!(
            "{} {full} (`{}.{}`) is not implemented",
            method.to_uppercase(),
            api.named.name,
            ep.name
        );
        let args = [
            "status_code=501".to_string(),
            format!("detail={}", py_str(&detail)),
        ];
        w.call("raise HTTPException", &args);
    });
}

/// One parameter: `name: type` or `name: type | None = None`, with `Query`/`Path` metadata
/// for docs, lists and JSON-encoded values.
fn param(ctx: &Ctx, imports: &mut Imports, rp: &RouteParam, enums: &[&str]) -> String {
    let p = rp.field;
    let description = param_description(ctx, rp);
    let (ty, is_list) = match rp.shape {
        Shape::Plain(t) => (ctx.annotation(t, &mut enums.iter(), imports, false), false),
        Shape::Vector => ("list[float]".to_string(), true),
        Shape::List(t) => (
            format!(
                "list[{}]",
                ctx.annotation(t, &mut enums.iter(), imports, false)
            ),
            true,
        ),
        Shape::Encoded(_) => ("str".to_string(), false),
    };
    // For endpoint enums the annotation names a class defined in this file, not data_models.
    let ty = if rp.optional {
        format!("{ty} | None")
    } else {
        ty
    };
    let kind = if rp.is_path { "Path" } else { "Query" };
    let mut meta = Vec::new();
    if rp.ident != p.name && !rp.is_path {
        meta.push(format!("alias={}", py_str(&p.name)));
    }
    if let Some(d) = &description {
        meta.push(format!("description={}", py_str(d)));
    }
    let annotated = if meta.is_empty() && !is_list {
        ty
    } else {
        imports.from(Group::Std, "typing", "Annotated");
        imports.from(Group::ThirdParty, "fastapi", kind);
        format!("Annotated[{ty}, {kind}({})]", meta.join(", "))
    };
    let default = if rp.optional { " = None" } else { "" };
    format!("{}: {annotated}{default}", rp.ident)
}

/// The description of a parameter as the route declares it (JSON-encoded ones say so).
pub(super) fn param_description(ctx: &Ctx, rp: &RouteParam) -> Option<String> {
    let note = match rp.shape {
        Shape::Encoded(other) => format!("JSON-encoded {}", ctx.model.type_text(other)),
        _ => return rp.field.doc.clone(),
    };
    Some(match &rp.field.doc {
        Some(d) => format!("{d} ({note})"),
        None => note,
    })
}

fn endpoint_doc(ctx: &Ctx, api: &Api, ep: &ApiEndpoint, full: &str) -> String {
    let mut doc = format!("{} {full}.", ep.method.as_str().to_uppercase());
    let mut facts = Vec::new();
    if let Some(d) = &ep.description {
        facts.push(d.trim().to_string());
    }
    if let Some(r) = ep.request {
        facts.push(format!("Request: {}.", ctx.model.entity(r).named.name));
    }
    if let Some(r) = ep.response {
        facts.push(format!("Response: {}.", ctx.model.entity(r).named.name));
    }
    if let Some(l) = &ep.latency_p99 {
        facts.push(format!("Latency p99 budget: {l}."));
    }
    if let Some(r) = &ep.rate_limit {
        facts.push(format!("Rate limit: {r}."));
    }
    if let Some(a) = &api.auth {
        facts.push(format!("Auth: {a}."));
    }
    if let Some(s) = api.served_by {
        facts.push(format!("Served by: {}.", ctx.model.component(s).named.name));
    }
    if !facts.is_empty() {
        doc.push_str("\n\n");
        doc.push_str(&facts.join("\n"));
    }
    doc
}
