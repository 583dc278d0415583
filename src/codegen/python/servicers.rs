//! gRPC apis -> `grpc_servicers.py`: per api, a servicer deriving from the `XServicer` class
//! grpcio-tools generates from `protos/{api}.proto`, one method per rpc answering
//! UNIMPLEMENTED until written.
//!
//! The generated modules (`{api}_pb2`, `{api}_pb2_grpc`) are top-level modules, as
//! grpcio-tools writes them (`_pb2_grpc` imports `_pb2` by its bare name): the README compiles
//! them into `protos/` and puts that folder on `PYTHONPATH`; the generated test compiles them
//! into a temporary folder. Before they exist the imports are unresolved and the base
//! classes unknown to mypy: the file's inline `# mypy:` line turns those two errors off (and
//! grpc's missing stubs), so `mypy --strict` passes from anywhere without a config file.

use super::imports::{Group, Imports};
use super::protos::{rpc_names, service_name};
use super::{Ctx, PyWriter, assemble, py_str};
use crate::model::{Api, ApiProtocol};
use crate::output::GeneratedFile;

/// The inline mypy settings of the files that import the compiled protos or grpc.
pub const MYPY_INLINE: &str = "mypy: disable-error-code=\"import-not-found, import-untyped, misc\"";

/// The gRPC apis.
pub fn grpc_apis<'m>(ctx: &Ctx<'m>) -> Vec<&'m Api> {
    ctx.model
        .apis
        .iter()
        .filter(|a| a.protocol == ApiProtocol::Grpc)
        .collect()
}

/// The module grpcio-tools writes for `api`'s services.
pub fn grpc_module(api: &Api) -> String {
    format!("{}_pb2_grpc", api.named.name)
}

pub fn render(ctx: &Ctx) -> Option<GeneratedFile> {
    let apis = grpc_apis(ctx);
    if apis.is_empty() {
        return None;
    }
    let mut imports = Imports::default();
    imports.plain(Group::ThirdParty, "grpc");
    imports.from(Group::Std, "typing", "Any");
    let mut w = PyWriter::default();
    for (i, api) in apis.iter().enumerate() {
        if i > 0 {
            w.blank();
            w.blank();
        }
        let module = grpc_module(api);
        imports.plain(Group::ThirdParty, &module);
        let service = service_name(api);
        w.block(
            format!("class {service}Servicer({module}.{service}Servicer)"),
            |w| {
                w.docstring(&format!(
                    "The rpcs of `{}` ({}), defined in `protos/{}.proto`.\n\n\
                     Serve with `{module}.add_{service}Servicer_to_server({service}Servicer(), \
                     server)`.",
                    api.named.name,
                    crate::output::text::one_line(&api.named.label),
                    api.named.name,
                ));
                for (ep, rpc) in api.endpoints.iter().zip(rpc_names(ctx, api)) {
                    w.blank();
                    let params = [
                        "self".to_string(),
                        "request: Any".to_string(),
                        "context: grpc.ServicerContext".to_string(),
                    ];
                    w.def(&rpc, &params, "Any", |w| {
                        let mut doc = format!("rpc {rpc}.");
                        if let Some(d) = &ep.description {
                            doc.push_str(&format!("\n\n{}", d.trim()));
                        }
                        if let Some(l) = &ep.latency_p99 {
                            doc.push_str(&format!("\n\nLatency p99 budget: {l}."));
                        }
                        w.docstring(&doc);
                        let what = format!("write rpc `{}.{}`", api.named.name, ep.name);
                        w.call(
                            "context.abort",
                            &["grpc.StatusCode.UNIMPLEMENTED".to_string(), py_str(&what)],
                        );
                        // `abort` raises; this says so to a reader and to mypy.
                        w.call("raise NotImplementedError", &[py_str(&what)]);
                    });
                }
            },
        );
    }
    let doc = format!(
        "gRPC servicers of {}: one per gRPC api, each rpc answering UNIMPLEMENTED until \
         written.\n\n\
         Compile the protos first (see the README): this module imports the classes \
         grpcio-tools generates from them.",
        ctx.system()
    );
    let header = format!("{}\n# {MYPY_INLINE}", ctx.header);
    Some(GeneratedFile::text(
        "implementation/grpc_servicers.py",
        assemble(&header, &doc, &imports, w),
    ))
}
