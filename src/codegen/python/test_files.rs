//! Model -> `implementation/tests/`: pytest modules that check the stubs do what they say.
//! Every REST route answers 501 naming its endpoint, every data model validates an example
//! built from its entity's fields, every pipeline's `run()` calls its stages in the spec's
//! order. No test imports `ml_models`, so none needs an ML framework installed.

use super::imports::{Group, Imports};
use super::literal::Lit;
use super::pipelines::{Plan, plans};
use super::protos::{rpc_names, service_name};
use super::servicers::{MYPY_INLINE, grpc_apis};
use super::stage_flow::flow;
use super::{Ctx, PIPELINE_FILES, PyWriter, assemble, py_str};
use crate::codegen::names::{Scope, python_field};
use crate::model::{ApiProtocol, EntityId, FieldType, Method};
use crate::output::GeneratedFile;

/// How deep examples nest entities before a recursive type is cut short.
const MAX_DEPTH: usize = 3;

pub fn render(ctx: &Ctx) -> Vec<GeneratedFile> {
    let mut files = vec![GeneratedFile::text(
        "implementation/tests/__init__.py",
        assemble(
            &ctx.header,
            &format!("Tests of the {} stubs; run `pytest`.", ctx.system()),
            &Imports::default(),
            PyWriter::default(),
        ),
    )];
    files.push(GeneratedFile::text(
        "implementation/tests/test_imports.py",
        imports_test(ctx),
    ));
    if !ctx.model.entities.is_empty() {
        files.push(GeneratedFile::text(
            "implementation/tests/test_data_models.py",
            data_models(ctx),
        ));
    }
    files.push(GeneratedFile::text(
        "implementation/tests/test_openapi.py",
        openapi_test(ctx),
    ));
    if let Some(text) = grpc_test(ctx) {
        files.push(GeneratedFile::text(
            "implementation/tests/test_grpc_servicers.py",
            text,
        ));
    }
    if let Some(text) = api_endpoints(ctx) {
        files.push(GeneratedFile::text(
            "implementation/tests/test_api_endpoints.py",
            text,
        ));
    }
    for (module, kinds, default_here) in PIPELINE_FILES {
        let plans = plans(ctx, kinds, default_here);
        if !plans.is_empty() {
            files.push(GeneratedFile::text(
                format!("implementation/tests/test_{module}.py"),
                pipelines(ctx, module, &plans),
            ));
        }
    }
    files
}

/// Every module but `ml_models` (which needs its ML frameworks) imports, and the app is one.
fn imports_test(ctx: &Ctx) -> String {
    let mut imports = Imports::default();
    imports.plain(Group::Std, "importlib");
    imports.plain(Group::ThirdParty, "pytest");
    imports.from(Group::ThirdParty, "fastapi", "FastAPI");
    let mut w = PyWriter::default();
    let modules = Lit::List(
        [
            "data_models",
            "training_pipeline",
            "inference_pipeline",
            "api_endpoints",
        ]
        .iter()
        .map(|m| Lit::atom(py_str(&format!("implementation.{m}"))))
        .collect(),
    );
    assign(&mut w, "MODULES", &modules);
    w.blank();
    w.blank();
    w.line("@pytest.mark.parametrize(\"module\", MODULES)");
    w.block("def test_module_imports(module: str) -> None", |w| {
        w.line("importlib.import_module(module)");
    });
    w.blank();
    w.blank();
    w.block("def test_app_is_a_fastapi_app() -> None", |w| {
        w.line("from implementation.api_endpoints import app");
        w.blank();
        w.line("assert isinstance(app, FastAPI)");
    });
    let doc = format!(
        "The modules of {} import without an ML framework installed.",
        ctx.system()
    );
    assemble(&ctx.header, &doc, &imports, w)
}

/// A value of `ty` pydantic accepts (in Python and in JSON): optionals are `None`, lists hold
/// one item, entities are dicts of their fields.
fn example(ctx: &Ctx, ty: &FieldType, depth: usize) -> Lit {
    match ty {
        FieldType::String | FieldType::Bytes => Lit::atom("\"x\""),
        FieldType::Int => Lit::atom("1"),
        FieldType::Float => Lit::atom("1.5"),
        FieldType::Bool => Lit::atom("True"),
        FieldType::Timestamp => Lit::atom("\"2026-01-01T00:00:00Z\""),
        FieldType::Date => Lit::atom("\"2026-01-01\""),
        FieldType::Uuid => Lit::atom("\"00000000-0000-0000-0000-000000000001\""),
        FieldType::Json => Lit::Dict(vec![("\"any\"".into(), Lit::atom("\"json\""))]),
        FieldType::Vector(_) => Lit::List(vec![Lit::atom("0.5")]),
        FieldType::Enum(values) => Lit::atom(py_str(values.first().map_or("", String::as_str))),
        FieldType::Optional(_) => Lit::atom("None"),
        FieldType::List(t) if depth >= MAX_DEPTH && matches!(**t, FieldType::Entity(_)) => {
            Lit::List(Vec::new())
        }
        FieldType::List(t) => Lit::List(vec![example(ctx, t, depth)]),
        FieldType::Map(k, v) => {
            // JSON keys are strings: the scalar's example as text.
            let key = match example(ctx, k.inner(), depth) {
                Lit::Atom(a) if a.starts_with(['"', '\'']) => a,
                Lit::Atom(a) if a == "True" => "\"true\"".to_string(),
                Lit::Atom(a) => format!("\"{a}\""),
                _ => "\"k\"".to_string(),
            };
            if depth >= MAX_DEPTH && matches!(**v, FieldType::Entity(_)) {
                Lit::Dict(Vec::new())
            } else {
                Lit::Dict(vec![(key, example(ctx, v, depth))])
            }
        }
        // Deeper than there are entities, the fields have come round to an entity again: a
        // spec with that error (`E057`) still gets files that parse.
        FieldType::Entity(_) if depth > ctx.model.entities.len() => Lit::atom("None"),
        FieldType::Entity(e) => entity_example(ctx, *e, depth + 1),
    }
}

/// The entity's fields by their Python names (as `data_models.py` names them).
fn entity_example(ctx: &Ctx, id: EntityId, depth: usize) -> Lit {
    let mut scope = Scope::default();
    let fields = ctx
        .model
        .entity(id)
        .fields
        .iter()
        .map(|f| {
            let name = scope.claim(&python_field(&f.name));
            (py_str(&name), example(ctx, &f.ty, depth))
        })
        .collect();
    Lit::Dict(fields)
}

/// `NAME: TYPE = literal`, wrapped like ruff-format.
fn assign(w: &mut PyWriter, target: &str, value: &Lit) {
    let lead = format!("{target} = ");
    let mut lines = value.lines(0, lead.chars().count(), 0);
    lines[0] = format!("{lead}{}", lines[0]);
    for l in lines {
        w.line(l);
    }
}

fn data_models(ctx: &Ctx) -> String {
    let mut imports = Imports::default();
    imports.from(Group::Std, "typing", "Any");
    imports.plain(Group::ThirdParty, "pytest");
    imports.from(Group::ThirdParty, "pydantic", "TypeAdapter");
    imports.from(Group::Local, "implementation", "data_models");
    let mut w = PyWriter::default();
    let examples = Lit::Dict(
        ctx.graph
            .order()
            .into_iter()
            .map(|id| (py_str(ctx.names.entity(id)), entity_example(ctx, id, 1)))
            .collect(),
    );
    w.line("# One example per entity, built from its fields.");
    assign(&mut w, "EXAMPLES: dict[str, dict[str, Any]]", &examples);
    w.blank();
    w.blank();
    w.line("@pytest.mark.parametrize(\"name\", sorted(EXAMPLES))");
    w.block(
        "def test_model_validates_its_example(name: str) -> None",
        |w| {
            w.line("model = getattr(data_models, name)");
            w.line("value = TypeAdapter(model).validate_python(EXAMPLES[name])");
            w.line("assert isinstance(value, model)");
        },
    );
    let doc = format!(
        "Each data model of {} validates an example built from its entity's fields.",
        ctx.system()
    );
    assemble(&ctx.header, &doc, &imports, w)
}

/// A query or path value: the example of a scalar, a list of one for lists, else a string
/// (the stubs take other types JSON-encoded).
fn param_example(ctx: &Ctx, ty: &FieldType) -> Lit {
    match ty.inner() {
        FieldType::List(t) if !matches!(**t, FieldType::Entity(_) | FieldType::List(_)) => {
            Lit::List(vec![param_example(ctx, t)])
        }
        FieldType::Vector(_) => Lit::List(vec![Lit::atom("0.5")]),
        FieldType::Map(..) | FieldType::Json | FieldType::Entity(_) | FieldType::List(_) => {
            Lit::atom("\"x\"")
        }
        t => example(ctx, t, 0),
    }
}

/// The value of a path placeholder: the example's text.
fn path_text(lit: &Lit) -> String {
    match lit {
        Lit::Atom(a) if a.starts_with('"') || a.starts_with('\'') => {
            a[1..a.len() - 1].replace(['\\', '/', '?', '#', '{', '}'], "x")
        }
        Lit::Atom(a) => a.clone(),
        _ => "x".to_string(),
    }
}

fn api_endpoints(ctx: &Ctx) -> Option<String> {
    let mut routes = Vec::new();
    for api in ctx
        .model
        .apis
        .iter()
        .filter(|a| a.protocol == ApiProtocol::Rest)
    {
        let base = api.base_path.as_deref().unwrap_or("").trim_end_matches('/');
        for ep in api.endpoints.iter().filter(|e| e.method != Method::Rpc) {
            let mut url = format!("{base}{}", ep.path.as_deref().unwrap_or("/"));
            let mut query = Vec::new();
            for p in &ep.params {
                let holder = format!("{{{}}}", p.name);
                if url.contains(&holder) {
                    url = url.replace(&holder, &path_text(&param_example(ctx, &p.ty)));
                } else if !p.ty.is_optional() {
                    query.push((py_str(&p.name), param_example(ctx, &p.ty)));
                }
            }
            let body = ep
                .request
                .map_or(Lit::atom("None"), |r| entity_example(ctx, r, 1));
            routes.push(Lit::Tuple(vec![
                Lit::atom(py_str(&ep.method.as_str().to_uppercase())),
                Lit::atom(py_str(&url)),
                Lit::Dict(query),
                body,
                Lit::atom(py_str(&format!("{}.{}", api.named.name, ep.name))),
            ]));
        }
    }
    if routes.is_empty() {
        return None;
    }
    let mut imports = Imports::default();
    imports.from(Group::Std, "typing", "Any");
    imports.plain(Group::ThirdParty, "pytest");
    imports.from(Group::ThirdParty, "fastapi.testclient", "TestClient");
    imports.from(Group::Local, "implementation.api_endpoints", "app");
    let mut w = PyWriter::default();
    w.line("# method, URL, query, JSON body, and the endpoint the answer names");
    assign(
        &mut w,
        "ROUTES: list[tuple[str, str, dict[str, Any], Any, str]]",
        &Lit::List(routes),
    );
    w.blank();
    w.blank();
    w.line("@pytest.mark.parametrize(");
    w.line("    (\"method\", \"url\", \"query\", \"body\", \"name\"), ROUTES, ids=[r[4] for r in ROUTES]");
    w.line(")");
    w.line("def test_route_answers_501_with_its_name(");
    w.line("    method: str, url: str, query: dict[str, Any], body: Any, name: str");
    w.line(") -> None:");
    w.line("    client = TestClient(app)");
    w.line("    response = client.request(method, url, params=query, json=body)");
    w.line("    assert response.status_code == 501, response.text");
    w.line("    assert f\"`{name}`\" in response.json()[\"detail\"]");
    let doc = format!(
        "Every REST route of {} answers 501 and names its endpoint until written.",
        ctx.system()
    );
    Some(assemble(&ctx.header, &doc, &imports, w))
}

/// `openapi.yaml` is valid OpenAPI and is what the app serves. The comparison leaves out
/// what FastAPI adds on its own (the 422 answers and their `HTTPValidationError` and
/// `ValidationError` schemas) and the prose FastAPI derives from Python names and
/// docstrings (`title`, `summary`, `description`).
fn openapi_test(ctx: &Ctx) -> String {
    let mut imports = Imports::default();
    imports.from(Group::Std, "pathlib", "Path");
    imports.from(Group::Std, "typing", "Any");
    imports.from(Group::ThirdParty, "openapi_spec_validator", "validate_url");
    imports.from(
        Group::ThirdParty,
        "openapi_spec_validator.readers",
        "read_from_filename",
    );
    imports.from(Group::Local, "implementation.api_endpoints", "app");
    let mut w = PyWriter::default();
    for line in [
        "SPEC = Path(__file__).resolve().parent.parent / \"openapi.yaml\"",
        "# Prose FastAPI derives from Python names and docstrings.",
        "PROSE = {\"title\", \"summary\", \"description\"}",
        "# What FastAPI adds to every route that validates its input.",
        "VALIDATION = (\"HTTPValidationError\", \"ValidationError\")",
        "",
        "",
    ] {
        w.line(line);
    }
    w.block("def load() -> Any", |w| {
        w.line("spec, _ = read_from_filename(str(SPEC))");
        w.line("return spec");
    });
    w.blank();
    w.blank();
    w.block("def meaningful(node: Any, names: bool = False) -> Any", |w| {
        w.docstring(
            "`node` without prose; `names`: its keys are names (of properties or schemas).",
        );
        w.block("if isinstance(node, dict)", |w| {
            w.line("return {");
            w.line("    key: meaningful(value, not names and key in (\"properties\", \"schemas\"))");
            w.line("    for key, value in node.items()");
            w.line("    if names or key not in PROSE");
            w.line("}");
        });
        w.block("if isinstance(node, list)", |w| {
            w.line("return [meaningful(item) for item in node]");
        });
        w.line("return node");
    });
    w.blank();
    w.blank();
    w.block("def served() -> dict[str, Any]", |w| {
        w.docstring("What the app serves, less the 422 answers FastAPI adds.");
        w.line("doc: dict[str, Any] = app.openapi()");
        w.block("for item in doc.get(\"paths\", {}).values()", |w| {
            w.block("for operation in item.values()", |w| {
                w.line("operation.get(\"responses\", {}).pop(\"422\", None)");
            });
        });
        w.line("schemas = doc.get(\"components\", {}).get(\"schemas\", {})");
        w.block("for name in VALIDATION", |w| {
            w.line("schemas.pop(name, None)");
        });
        w.block("if not schemas", |w| {
            w.line("doc.pop(\"components\", None)");
        });
        w.line("return doc");
    });
    w.blank();
    w.blank();
    w.block("def test_openapi_yaml_is_valid_openapi() -> None", |w| {
        w.line("validate_url(SPEC.as_uri())");
    });
    w.blank();
    w.blank();
    w.block("def test_the_app_serves_openapi_yaml() -> None", |w| {
        w.line("assert meaningful(served()) == meaningful(load())");
    });
    let doc = format!(
        "`openapi.yaml` is valid OpenAPI and is what the app of {} serves.\n\n\
         The comparison leaves out the 422 answers FastAPI adds to routes that validate their \
         input (with their `HTTPValidationError` and `ValidationError` schemas) and the prose \
         it derives from Python names and docstrings (`title`, `summary`, `description`).",
        ctx.system()
    );
    assemble(&ctx.header, &doc, &imports, w)
}

/// Each servicer, served in-process over the classes grpcio-tools compiles from the protos
/// (into a temporary folder), answers UNIMPLEMENTED naming the rpc.
fn grpc_test(ctx: &Ctx) -> Option<String> {
    let apis = grpc_apis(ctx);
    if apis.is_empty() {
        return None;
    }
    let mut rpcs = Vec::new();
    for api in &apis {
        for (ep, rpc) in api.endpoints.iter().zip(rpc_names(ctx, api)) {
            let (module, message) = match ep.request {
                Some(e) => (
                    format!("{}_pb2", api.named.name),
                    ctx.names.entity(e).to_string(),
                ),
                None => ("google.protobuf.empty_pb2".to_string(), "Empty".to_string()),
            };
            rpcs.push(Lit::Tuple(
                [
                    api.named.name.clone(),
                    service_name(api),
                    rpc,
                    module,
                    message,
                    format!("{}.{}", api.named.name, ep.name),
                ]
                .iter()
                .map(|t| Lit::atom(py_str(t)))
                .collect(),
            ));
        }
    }
    let mut imports = Imports::default();
    for m in ["importlib", "subprocess", "sys"] {
        imports.plain(Group::Std, m);
    }
    imports.from(Group::Std, "collections.abc", "Iterator");
    imports.from(Group::Std, "concurrent", "futures");
    imports.from(Group::Std, "pathlib", "Path");
    imports.plain(Group::ThirdParty, "grpc");
    imports.plain(Group::ThirdParty, "pytest");
    let mut w = PyWriter::default();
    w.line("PROTOS = Path(__file__).resolve().parent.parent / \"protos\"");
    w.line("# proto file, service, rpc, request module and message, and the name it answers");
    assign(
        &mut w,
        "RPCS: list[tuple[str, str, str, str, str, str]]",
        &Lit::List(rpcs),
    );
    w.blank();
    w.blank();
    w.line("@pytest.fixture(scope=\"module\")");
    w.block(
        "def compiled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]",
        |w| {
            w.docstring("The protos compiled by grpcio-tools, importable while the tests run.");
            w.line("out = tmp_path_factory.mktemp(\"protos\")");
            w.line("protos = sorted(str(p) for p in PROTOS.glob(\"*.proto\"))");
            w.line("protoc = [sys.executable, \"-m\", \"grpc_tools.protoc\", f\"-I{PROTOS}\"]");
            w.line("outputs = [f\"--python_out={out}\", f\"--grpc_python_out={out}\"]");
            w.line("subprocess.run([*protoc, *outputs, *protos], check=True)");
            w.line("sys.path.insert(0, str(out))");
            w.line("yield out");
            w.line("sys.path.remove(str(out))");
        },
    );
    w.blank();
    w.blank();
    w.line("@pytest.mark.parametrize(");
    w.line("    (\"proto\", \"service\", \"rpc\", \"module\", \"message\", \"name\"),");
    w.line("    RPCS,");
    w.line("    ids=[r[5] for r in RPCS],");
    w.line(")");
    w.line("def test_rpc_answers_unimplemented(");
    for p in [
        "compiled: Path",
        "proto: str",
        "service: str",
        "rpc: str",
        "module: str",
        "message: str",
        "name: str",
    ] {
        w.line(format!("    {p},"));
    }
    w.block(") -> None", |w| {
        w.line("servicers = importlib.import_module(\"implementation.grpc_servicers\")");
        w.line("services = importlib.import_module(f\"{proto}_pb2_grpc\")");
        w.line("request = getattr(importlib.import_module(module), message)()");
        w.line("server = grpc.server(futures.ThreadPoolExecutor(max_workers=1))");
        w.line("add = getattr(services, f\"add_{service}Servicer_to_server\")");
        w.line("add(getattr(servicers, f\"{service}Servicer\")(), server)");
        w.line("port = server.add_insecure_port(\"127.0.0.1:0\")");
        w.line("server.start()");
        w.block("try", |w| {
            w.block(
                "with grpc.insecure_channel(f\"127.0.0.1:{port}\") as channel",
                |w| {
                    w.line("stub = getattr(services, f\"{service}Stub\")(channel)");
                    w.block("with pytest.raises(grpc.RpcError) as error", |w| {
                        w.line("getattr(stub, rpc)(request, timeout=30)");
                    });
                },
            );
        });
        w.block("finally", |w| {
            w.line("server.stop(None)");
        });
        w.line("assert error.value.code() == grpc.StatusCode.UNIMPLEMENTED");
        w.line("assert f\"`{name}`\" in error.value.details()");
    });
    let doc = format!(
        "Each gRPC servicer of {} answers UNIMPLEMENTED in an in-process server.",
        ctx.system()
    );
    let header = format!("{}\n# {MYPY_INLINE}", ctx.header);
    Some(assemble(&header, &doc, &imports, w))
}

fn pipelines(ctx: &Ctx, module: &str, plans: &[Plan]) -> String {
    let mut imports = Imports::default();
    imports.from(Group::Std, "collections.abc", "Callable");
    imports.plain(Group::ThirdParty, "pytest");
    imports.from(Group::Local, "implementation", module);
    let mut w = PyWriter::default();
    w.block(
        "def recorder(calls: list[str], name: str, outputs: int) -> Callable[..., object]",
        |w| {
            w.docstring("A stage that only notes it ran, returning as many values as it writes.");
            w.blank();
            w.block(
                "def stage(*args: object, **kwargs: object) -> object",
                |w| {
                    w.line("calls.append(name)");
                    w.line("return (None,) * outputs if outputs > 1 else None");
                },
            );
            w.blank();
            w.line("return stage");
        },
    );
    let mut taken: Vec<String> = vec!["run".into()];
    for plan in plans {
        taken.push(plan.runner.clone());
        taken.extend(plan.stages.iter().cloned());
    }
    let mut scope = Scope::with_reserved(&["recorder"]);
    for plan in plans {
        let io = flow(ctx, plan.pipeline, &taken, &mut Imports::default());
        let order: Vec<Lit> = io
            .run_order
            .iter()
            .filter_map(|&i| plan.stages.get(i))
            .map(|s| Lit::atom(py_str(s)))
            .collect();
        let outputs = Lit::Dict(
            io.run_order
                .iter()
                .filter_map(|&i| {
                    let n = io.stages.get(i)?.outputs.len();
                    let name = plan.stages.get(i)?;
                    (n > 1).then(|| (py_str(name), Lit::atom(n.to_string())))
                })
                .collect(),
        );
        let test = scope.claim(&format!("test_{}_calls_stages_in_order", plan.runner));
        w.blank();
        w.blank();
        // The trailing comma keeps the parameter on its own line, however long the name.
        w.line(format!("def {test}("));
        w.line("    monkeypatch: pytest.MonkeyPatch,");
        w.block(") -> None", |w| {
            w.docstring(&format!(
                "`{}` runs the stages of `{}` in the spec's order.",
                plan.runner, plan.pipeline.named.name
            ));
            w.line("calls: list[str] = []");
            let order = Lit::List(order);
            let mut lines = order.lines(4, "    order = ".len(), 0);
            lines[0] = format!("order = {}", lines[0]);
            for (i, l) in lines.into_iter().enumerate() {
                // Later lines carry their own indentation past this block's.
                if i == 0 {
                    w.line(l);
                } else {
                    w.line(l.get(4..).unwrap_or(""));
                }
            }
            let mut lines = outputs.lines(4, "    outputs: dict[str, int] = ".len(), 0);
            lines[0] = format!("outputs: dict[str, int] = {}", lines[0]);
            for (i, l) in lines.into_iter().enumerate() {
                if i == 0 {
                    w.line(l);
                } else {
                    w.line(l.get(4..).unwrap_or(""));
                }
            }
            w.block("for name in order", |w| {
                w.line("stage = recorder(calls, name, outputs.get(name, 1))");
                w.line(format!("monkeypatch.setattr({module}, name, stage)"));
            });
            w.line(format!("{module}.{}()", plan.runner));
            w.line("assert calls == order");
        });
    }
    let doc = format!(
        "The pipelines of `{module}.py` of {} call their stages in the spec's order.",
        ctx.system()
    );
    assemble(&ctx.header, &doc, &imports, w)
}
