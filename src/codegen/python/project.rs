//! Model -> the files that make `implementation/` a Python project: `pyproject.toml`
//! (dependencies derived from the spec, ruff, mypy and pytest settings), `__init__.py` (the
//! folder is the package `implementation`) and a `README.md` on installing and running it.

use std::collections::BTreeSet;

use super::imports::Imports;
use super::{Ctx, PyWriter, assemble};
use crate::codegen::names::snake_case;
use crate::model::{ApiProtocol, Framework};
use crate::output::GeneratedFile;

/// The pinned-from-below requirement of each package the stubs or their tests import.
const FASTAPI: &str = "fastapi>=0.110";
const PYDANTIC: &str = "pydantic>=2.6";
const UVICORN: &str = "uvicorn>=0.29";
const GRPC: [&str; 2] = ["grpcio>=1.62", "protobuf>=4.25"];
/// The tests: pytest, httpx (FastAPI's TestClient) and openapi-spec-validator (reads and
/// checks `openapi.yaml`).
const TEST: [&str; 3] = ["pytest>=8", "httpx>=0.27", "openapi-spec-validator>=0.7.1"];
const DEV: [&str; 3] = ["mypy>=1.10", "ruff>=0.5", "grpcio-tools>=1.62"];
/// What the tests need besides `TEST` with a gRPC api: grpcio-tools compiles the protos.
const GRPC_TEST: &str = "grpcio-tools>=1.62";

/// The optional extra and the requirement of each ML framework a model names.
fn framework_requirement(f: Framework) -> Option<&'static str> {
    Some(match f {
        Framework::Pytorch => "torch>=2.2",
        Framework::Tensorflow => "tensorflow>=2.15",
        Framework::Jax => "jax>=0.4",
        Framework::Sklearn => "scikit-learn>=1.4",
        Framework::Xgboost => "xgboost>=2.0",
        Framework::Lightgbm => "lightgbm>=4.3",
        Framework::Huggingface => "transformers>=4.40",
        Framework::Onnx => "onnxruntime>=1.17",
        Framework::Other => return None,
    })
}

pub fn render(ctx: &Ctx, spec_name: &str) -> Vec<GeneratedFile> {
    vec![
        GeneratedFile::text(
            "implementation/__init__.py",
            assemble(
                &ctx.header,
                &format!(
                    "The implementation of {}: data models, ML models, pipelines and the API.",
                    ctx.system()
                ),
                &Imports::default(),
                PyWriter::default(),
            ),
        ),
        GeneratedFile::text("implementation/pyproject.toml", pyproject(ctx, spec_name)),
        GeneratedFile::text("implementation/README.md", readme(ctx)),
    ]
}

fn has_grpc(ctx: &Ctx) -> bool {
    ctx.model
        .apis
        .iter()
        .any(|a| a.protocol == ApiProtocol::Grpc)
}

/// A TOML basic string.
fn toml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            // Controls, odd line breaks and bidi controls never reach the file as themselves.
            c if crate::output::text::is_unsafe(c) => out.push_str(&format!("\\U{:08X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn toml_list(items: &[&str]) -> String {
    let items: Vec<String> = items.iter().map(|s| toml_str(s)).collect();
    format!("[{}]", items.join(", "))
}

/// The distribution name: the spec's stem in kebab case (PEP 503 normalised).
fn dist_name(spec_name: &str) -> String {
    let stem = spec_name.strip_suffix(".mlsd").unwrap_or(spec_name);
    let name = snake_case(stem).replace('_', "-");
    let name = name.trim_matches('-');
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        "mlsd-design".to_string()
    } else {
        name.to_string()
    }
}

/// The spec's version when PEP 440 accepts it as a plain release (`1`, `2.1`), else `0.1.0`.
fn version(ctx: &Ctx) -> String {
    match ctx.model.system.version.as_deref() {
        Some(v)
            if !v.is_empty()
                && v.split('.').all(|p| {
                    !p.is_empty() && p.len() <= 6 && p.chars().all(|c| c.is_ascii_digit())
                }) =>
        {
            v.to_string()
        }
        _ => "0.1.0".to_string(),
    }
}

/// The ML frameworks the models name, each an optional extra.
fn extras(ctx: &Ctx) -> Vec<(String, &'static str)> {
    let frameworks: BTreeSet<&str> = ctx
        .model
        .models
        .iter()
        .filter_map(|m| m.framework)
        .filter(|f| framework_requirement(*f).is_some())
        .map(|f| f.as_str())
        .collect();
    frameworks
        .into_iter()
        .filter_map(|name| {
            let f = Framework::parse(name)?;
            Some((name.to_string(), framework_requirement(f)?))
        })
        .collect()
}

fn pyproject(ctx: &Ctx, spec_name: &str) -> String {
    let mut deps = vec![FASTAPI, PYDANTIC, UVICORN];
    if has_grpc(ctx) {
        deps.extend(GRPC);
    }
    let extras = extras(ctx);
    let mut t = format!("# {}\n\n", ctx.header);
    t.push_str("[build-system]\nrequires = [\"setuptools>=68\"]\nbuild-backend = \"setuptools.build_meta\"\n\n");
    t.push_str("[project]\n");
    t.push_str(&format!("name = {}\n", toml_str(&dist_name(spec_name))));
    t.push_str(&format!("version = {}\n", toml_str(&version(ctx))));
    let description = ctx
        .model
        .system
        .summary
        .as_deref()
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| format!("The implementation of {}", ctx.system()));
    t.push_str(&format!("description = {}\n", toml_str(&description)));
    t.push_str("readme = \"README.md\"\n");
    t.push_str("requires-python = \">=3.10\"\n");
    t.push_str("dependencies = [\n");
    for d in &deps {
        t.push_str(&format!("    {},\n", toml_str(d)));
    }
    t.push_str("]\n\n");
    t.push_str("[project.optional-dependencies]\n");
    t.push_str("# The ML frameworks the models name: install the ones you train with.\n");
    for (name, req) in &extras {
        t.push_str(&format!("{name} = {}\n", toml_list(&[req])));
    }
    if !extras.is_empty() {
        let all: Vec<&str> = extras.iter().map(|(_, r)| *r).collect();
        t.push_str(&format!("ml = {}\n", toml_list(&all)));
    }
    let mut test = TEST.to_vec();
    if has_grpc(ctx) {
        test.push(GRPC_TEST);
    }
    t.push_str(&format!("test = {}\n", toml_list(&test)));
    t.push_str(&format!("dev = {}\n\n", toml_list(&DEV)));
    t.push_str(
        "# The folder itself is the package `implementation`: the same imports work from the\n\
         # design folder, from here, and once installed.\n\
         [tool.setuptools]\n\
         packages = [\"implementation\"]\n\
         package-dir = { implementation = \".\" }\n\n\
         [tool.pytest.ini_options]\n\
         testpaths = [\"tests\"]\n\n\
         [tool.ruff]\n\
         target-version = \"py310\"\n\
         line-length = 88\n\
         extend-exclude = [\"rust\", \"*_pb2.py\", \"*_pb2.pyi\", \"*_pb2_grpc.py\"]\n\n\
         [tool.ruff.lint]\n\
         select = [\"E4\", \"E7\", \"E9\", \"F\", \"I\", \"UP\", \"B\"]\n\n\
         [tool.ruff.lint.isort]\n\
         known-first-party = [\"implementation\"]\n\n\
         [tool.mypy]\n\
         python_version = \"3.10\"\n\
         strict = true\n\
         exclude = [\"^rust/\", \"_pb2(_grpc)?\\\\.pyi?$\"]\n",
    );
    t
}

fn readme(ctx: &Ctx) -> String {
    let mut t = format!("<!-- {} -->\n\n", ctx.header);
    t.push_str(&format!(
        "# The implementation of {}\n\n\
         A starting project generated from the spec: the data models, the ML models, the \
         pipelines and the API, each function a stub that says what to write. The folder is \
         the Python package `implementation`.\n\n",
        crate::docs::markdown::escape(&crate::output::text::one_line(ctx.system()))
    ));
    t.push_str(
        "## Install\n\n\
         From the design folder (the parent of this one), in a virtual environment:\n\n\
         ```sh\n\
         python3 -m venv .venv && . .venv/bin/activate\n\
         pip install -e 'implementation[test]'\n\
         ```\n\n",
    );
    let extras = extras(ctx);
    if !extras.is_empty() {
        let names: Vec<String> = extras.iter().map(|(n, _)| format!("`{n}`")).collect();
        t.push_str(&format!(
            "The ML frameworks are optional extras ({}; `ml` installs them all): \
             `pip install -e 'implementation[test,ml]'`. The tests do not need them.\n\n",
            names.join(", ")
        ));
    }
    t.push_str(
        "## Test and check\n\n\
         ```sh\n\
         pytest implementation          # every route answers 501, models validate, stages run in order\n\
         pip install -e 'implementation[dev]'\n\
         ruff check . && ruff format --check .\n\
         mypy --strict implementation\n\
         ```\n\n\
         ## Run the API\n\n\
         ```sh\n\
         uvicorn implementation.api_endpoints:app --reload\n\
         ```\n\n\
         Every route answers 501 until its handler is written; the OpenAPI page is at \
         `http://127.0.0.1:8000/docs`. `openapi.yaml` is the same document (less FastAPI's \
         422 answers), written from the spec: `tests/test_openapi.py` validates it and \
         checks the app still serves it.\n\n\
         ## Run the pipelines\n\n\
         ```sh\n\
         python -m implementation.training_pipeline\n\
         python -m implementation.inference_pipeline\n\
         ```\n\n\
         Each stage raises `NotImplementedError` naming itself until written.\n",
    );
    if has_grpc(ctx) {
        t.push_str(
            "\n## Compile the protos\n\n\
             The gRPC apis are in `protos/`; `grpc_servicers.py` derives a servicer from \
             each service class grpcio-tools generates. With `pip install -e \
             'implementation[test]'` (it brings grpcio-tools), from the design folder:\n\n\
             ```sh\n\
             python -m grpc_tools.protoc -I implementation/protos --python_out=implementation/protos \\\n\
             \x20   --pyi_out=implementation/protos --grpc_python_out=implementation/protos \\\n\
             \x20   implementation/protos/*.proto\n\
             export PYTHONPATH=implementation/protos   # the generated modules are top-level\n\
             ```\n\n\
             Each rpc answers UNIMPLEMENTED until written; `tests/test_grpc_servicers.py` \
             compiles the protos into a temporary folder and calls every rpc in an \
             in-process server.\n",
        );
    }
    t.push_str(
        "\n## Regeneration\n\n\
         `mlsd build` rewrites these files from the spec. A file you edited is kept and the \
         new version is written beside it as `FILE.new`; merge it by hand.\n",
    );
    t
}
