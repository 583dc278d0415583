//! Model -> the Rust stub crate of `implementation/rust/`: `Cargo.toml`, `src/lib.rs` and
//! the five modules, each built with `quote!` into a `syn::File` and printed by
//! `prettyplease`, never by string concatenation.

mod api_endpoints;
mod data_models;
mod examples;
mod ml_models;
mod pipelines;
mod router;
mod types;
mod unparse;

use std::cell::RefCell;
use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::entity_graph::EntityGraph;
use super::names::{rust_ident, snake_case};
use super::type_names::TypeNames;
use crate::model::{Model, PipelineKind};
use crate::output::{GeneratedFile, header_line};

pub use unparse::{doc_attrs, unparse_file};

/// Names the prelude, the derives and `lib.rs` own in every module.
const RESERVED: &[&str] = &[
    "Box",
    "Clone",
    "Copy",
    "Debug",
    "Default",
    "Deserialize",
    "Eq",
    "Err",
    "Error",
    "Hash",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Self",
    "Serialize",
    "Some",
    "String",
    "Vec",
    "BTreeMap",
    "HashMap",
];

/// The optional dependencies a crate needs.
#[derive(Debug, Default, Clone, Copy)]
pub struct Deps {
    pub chrono: bool,
    pub uuid: bool,
    pub serde_json: bool,
    /// The REST apis are served with axum (and tokio).
    pub axum: bool,
}

/// What every Rust generator needs.
pub struct Ctx<'a> {
    pub model: &'a Model,
    pub names: TypeNames,
    pub graph: EntityGraph,
    pub header: String,
    pub deps: RefCell<Deps>,
}

impl<'a> Ctx<'a> {
    fn new(model: &'a Model, spec_name: &str) -> Self {
        Ctx {
            model,
            names: TypeNames::new(model, RESERVED),
            graph: EntityGraph::new(model),
            header: header_line(spec_name),
            deps: RefCell::new(Deps::default()),
        }
    }

    pub fn system(&self) -> &str {
        if self.model.system.name.is_empty() {
            "the system"
        } else {
            &self.model.system.name
        }
    }
}

/// `use crate::data_models::{A, B};` for the entity and enum names a module refers to.
pub fn use_data_models(used: &BTreeSet<String>) -> TokenStream {
    if used.is_empty() {
        return TokenStream::new();
    }
    let names = used.iter().map(|n| rust_ident(n));
    quote! { use crate::data_models::{#(#names),*}; }
}

pub fn generate(model: &Model, spec_name: &str) -> Vec<GeneratedFile> {
    let ctx = Ctx::new(model, spec_name);
    let modules = [
        ("data_models", data_models::render(&ctx)),
        ("ml_models", ml_models::render(&ctx)),
        (
            "training_pipeline",
            pipelines::render(&ctx, &[PipelineKind::Training, PipelineKind::Data], true),
        ),
        (
            "inference_pipeline",
            pipelines::render(&ctx, &[PipelineKind::Inference], false),
        ),
        ("api_endpoints", api_endpoints::render(&ctx)),
    ];
    let mut files: Vec<GeneratedFile> = modules
        .into_iter()
        .map(|(name, text)| GeneratedFile::text(format!("implementation/rust/src/{name}.rs"), text))
        .collect();
    files.push(GeneratedFile::text(
        "implementation/rust/src/lib.rs",
        lib_rs(&ctx),
    ));
    let serves = ctx.deps.borrow().axum;
    if serves {
        files.push(GeneratedFile::text(
            "implementation/rust/src/main.rs",
            main_rs(&ctx, spec_name),
        ));
    }
    files.push(GeneratedFile::text(
        "implementation/rust/README.md",
        readme(&ctx, spec_name),
    ));
    // The layout the sources are printed in (prettyplease's width, one `derive` per line
    // as written): `cargo fmt --check` passes on the crate as generated.
    files.push(GeneratedFile::text(
        "implementation/rust/rustfmt.toml",
        format!(
            "# {}\n\n# The layout mlsd prints the sources in.\n\
             max_width = 90\nfn_call_width = 90\nmerge_derives = false\n",
            ctx.header
        ),
    ));
    files.push(GeneratedFile::text(
        "implementation/rust/Cargo.toml",
        cargo_toml(&ctx, spec_name),
    ));
    files
}

fn lib_rs(ctx: &Ctx) -> String {
    let doc = format!(
        "Stub crate of {}: data models, model traits, pipeline stages and api traits.\n\n\
         Fill in the `todo!()` bodies and implement the traits; regenerate from the spec when\n\
         it changes.",
        ctx.system()
    );
    let tokens = quote! {
        pub mod api_endpoints;
        pub mod data_models;
        pub mod inference_pipeline;
        pub mod ml_models;
        pub mod training_pipeline;

        /// The error every stub returns.
        pub type Error = Box<dyn std::error::Error + Send + Sync>;

        /// `Result` with the crate's [`Error`].
        pub type Result<T> = std::result::Result<T, Error>;
    };
    unparse_file(&ctx.header, &doc, tokens)
}

/// `src/main.rs`: serves the REST apis' router.
fn main_rs(ctx: &Ctx, spec_name: &str) -> String {
    let krate = quote::format_ident!("{}", crate_name(ctx, spec_name));
    let doc = format!(
        "Serves the REST apis of {} on 127.0.0.1:8000 (`PORT` sets another port); every \
         endpoint answers 501 until its handler in `api_endpoints::http` is written.",
        ctx.system()
    );
    let tokens = quote! {
        #[tokio::main]
        async fn main() -> std::io::Result<()> {
            let port = std::env::var("PORT")
                .ok()
                .and_then(|p| p.parse::<u16>().ok())
                .unwrap_or(8000);
            let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
            println!("serving on http://127.0.0.1:{port}");
            let app = #krate::api_endpoints::http::router();
            axum::serve(listener, app).await
        }
    };
    unparse_file(&ctx.header, &doc, tokens)
}

/// `README.md`: how to build, test and run the crate.
fn readme(ctx: &Ctx, spec_name: &str) -> String {
    let system = crate::output::text::one_line(ctx.system());
    let serves = ctx.deps.borrow().axum;
    let grpc = ctx
        .model
        .apis
        .iter()
        .any(|a| a.protocol == crate::model::ApiProtocol::Grpc);
    let mut s = format!("<!-- {} -->\n\n", ctx.header);
    s.push_str(&format!("# `{}`\n\n", crate_name(ctx, spec_name)));
    s.push_str(&format!(
        "The Rust stub crate of {system}: data models (`src/data_models.rs`), model traits \
         (`src/ml_models.rs`), pipeline stages (`src/training_pipeline.rs`, \
         `src/inference_pipeline.rs`) and api traits (`src/api_endpoints.rs`). Fill in the \
         `todo!()` bodies and implement the traits.\n\n"
    ));
    s.push_str("## Build and test\n\n```sh\ncargo build\ncargo test\ncargo clippy --all-targets -- -D warnings\n```\n\n");
    s.push_str(
        "The tests check that each entity's example (`data_models::examples`) survives a \
         round trip through serde, that each pipeline's `run_with` calls its stages in the \
         spec's order",
    );
    s.push_str(if serves {
        ", and that every REST endpoint answers `501 Not Implemented` with its name.\n\n"
    } else {
        ".\n\n"
    });
    s.push_str("## Run\n\n");
    if serves {
        s.push_str(
            "```sh\ncargo run            # serves the REST apis on http://127.0.0.1:8000\nPORT=9000 cargo run\n```\n\n\
             The router is `api_endpoints::http::router()`: replace each handler's body with \
             a call into your implementation of the api's trait.\n\n",
        );
    } else {
        s.push_str(
            "The spec declares no REST api, so the crate is a library with nothing to serve: \
             call the pipelines' `run()` from your own binary or scheduler.\n\n",
        );
    }
    if grpc {
        s.push_str(
            "## gRPC\n\nThe gRPC apis are traits only: serving them with tonic needs the \
             `.proto` files compiled by `protoc` in a `build.rs`, which this crate does not \
             require to build. The `.proto` files are in `../protos/`; implement the traits \
             behind a tonic server generated from them.\n",
        );
    }
    s
}

/// The crate name: the system's name in snake case (ASCII), then `_stubs`.
fn crate_name(ctx: &Ctx, spec_name: &str) -> String {
    let base = if ctx.model.system.name.is_empty() {
        spec_name.trim_end_matches(".mlsd").to_string()
    } else {
        ctx.model.system.name.clone()
    };
    let ascii: String = snake_case(&base)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let ascii = ascii.trim_matches('_');
    if ascii.is_empty() || ascii.starts_with(|c: char| c.is_ascii_digit()) {
        format!("mlsd_{ascii}_stubs")
    } else {
        format!("{ascii}_stubs")
    }
}

fn cargo_toml(ctx: &Ctx, spec_name: &str) -> String {
    let deps = *ctx.deps.borrow();
    let mut s = format!("# {}\n\n", ctx.header);
    s.push_str("[package]\n");
    s.push_str(&format!("name = \"{}\"\n", crate_name(ctx, spec_name)));
    s.push_str("version = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n");
    s.push_str("[dependencies]\n");
    if deps.axum {
        s.push_str(
            "axum = { version = \"0.8\", default-features = false, features = [\"http1\", \"tokio\"] }\n",
        );
    }
    if deps.chrono {
        s.push_str(
            "chrono = { version = \"0.4\", default-features = false, features = [\"serde\", \"std\"] }\n",
        );
    }
    s.push_str("serde = { version = \"1\", features = [\"derive\"] }\n");
    if deps.serde_json {
        s.push_str("serde_json = \"1\"\n");
    }
    if deps.axum {
        s.push_str(
            "tokio = { version = \"1\", features = [\"macros\", \"net\", \"rt-multi-thread\"] }\n",
        );
    }
    if deps.uuid {
        s.push_str("uuid = { version = \"1\", features = [\"serde\"] }\n");
    }
    s.push_str("\n[dev-dependencies]\nserde_json = \"1\"\n");
    if deps.axum {
        s.push_str("tower = { version = \"0.5\", features = [\"util\"] }\n");
    }
    s.push_str("\n# A crate of its own, not a member of an enclosing workspace.\n[workspace]\n");
    s
}

/// A name scope with the reserved words and every data-model type name already taken, for
/// the modules that `use` the data models.
fn scope_after_data_models(ctx: &Ctx) -> crate::codegen::names::Scope {
    let mut scope = crate::codegen::names::Scope::with_reserved(RESERVED);
    for n in ctx
        .names
        .entities
        .iter()
        .chain(ctx.names.enums.iter().map(|e| &e.name))
    {
        scope.claim(n);
    }
    scope
}
