//! APIs and their endpoints: REST methods with paths and params, gRPC `rpc`s.

use super::Resolver;
use super::attrs::Want;
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::model::kinds::{ApiProtocol, Method};
use crate::model::quantity::Dimension;
use crate::model::types::*;
use crate::model::vocab;
use crate::span::Span;
use crate::syntax::ast::Decl;

impl Resolver<'_> {
    pub(super) fn api(&mut self, d: &Decl) {
        let Some(name) = self.require_name(d, "an `api`") else {
            return;
        };
        let attrs = self.attrs(d.body.as_ref(), "an `api`", &vocab::API);
        let given = attrs.get("protocol").is_some();
        let parsed = self.word(&attrs, "protocol", ApiProtocol::parse, ApiProtocol::WORDS);
        // A protocol written wrong (`"grpc"`) already has its error: the endpoints then say
        // which protocol was meant, and raise nothing more.
        let has_rpc = d
            .body
            .iter()
            .flat_map(|b| &b.statements)
            .any(|s| matches!(s, crate::syntax::ast::Stmt::Decl(e) if e.keyword.name == "rpc"));
        let protocol = parsed.unwrap_or(if given && has_rpc {
            ApiProtocol::Grpc
        } else {
            ApiProtocol::Rest
        });
        let served_by = self
            .one_ref(&attrs, "served_by", Want::Components)
            .map(|s| ComponentId(s.id));
        let mut endpoints: Vec<ApiEndpoint> = Vec::new();
        self.decls(d.body.as_ref(), "inside an `api`", |r, inner| {
            let Some(method) = Method::parse(&inner.keyword.name) else {
                r.bad_keyword(inner, "inside an `api`", Method::WORDS);
                return;
            };
            if let Some(ep) = r.endpoint_decl(inner, method, protocol) {
                if let Some(first) = endpoints.iter().find(|e| e.name == ep.name) {
                    let first = first.span;
                    r.error(
                        Diagnostic::error(
                            codes::E033,
                            inner.name.as_ref().map_or(inner.span, |n| n.span),
                            format!("endpoint `{}` is declared twice in this api", ep.name),
                        )
                        .with_help("rename one of them")
                        .with_note(first, "first declared here"),
                    );
                    return;
                }
                endpoints.push(ep);
            }
        });
        let api = Api {
            named: self.named(d, name),
            protocol,
            served_by,
            base_path: self.string(&attrs, "base_path"),
            auth: self.string(&attrs, "auth"),
            description: self.string(&attrs, "description"),
            endpoints,
        };
        self.place(name.span, api, |m| &mut m.apis);
    }

    fn endpoint_decl(
        &mut self,
        d: &Decl,
        method: Method,
        protocol: ApiProtocol,
    ) -> Option<ApiEndpoint> {
        let name = self.require_name(d, &format!("a `{method}` endpoint"))?;
        let is_rpc = method == Method::Rpc;
        if is_rpc != (protocol == ApiProtocol::Grpc) {
            let help = if is_rpc {
                "a `rest` api takes `get`, `post`, `put`, `patch` and `delete`; set `protocol: grpc` for `rpc`s"
            } else {
                "a `grpc` api takes `rpc NAME { ... }`; set `protocol: rest` for HTTP methods"
            };
            self.error(
                Diagnostic::error(
                    codes::E052,
                    d.keyword.span,
                    format!("`{method}` does not belong in a `{protocol}` api"),
                )
                .with_help(help),
            );
            return None;
        }
        let path = d.label.as_ref().map(|l| l.value.clone());
        if is_rpc && let Some(l) = &d.label {
            self.error(
                Diagnostic::error(codes::E053, l.span, "an `rpc` has no path")
                    .with_help("remove the string: gRPC methods are named, not routed"),
            );
        }
        if !is_rpc && path.is_none() {
            self.error(
                Diagnostic::error(
                    codes::E053,
                    name.span,
                    format!("`{method} {}` needs a path", name.name),
                )
                .with_help(format!(
                    "write `{method} {} \"/{}\" {{ ... }}`",
                    name.name, name.name
                )),
            );
        }
        let attrs = self.attrs(d.body.as_ref(), "an endpoint", &vocab::ENDPOINT);
        let mut params = Vec::new();
        let mut params_seen = false;
        self.decls(d.body.as_ref(), "inside an endpoint", |r, inner| {
            if inner.keyword.name != "params" || inner.name.is_some() || inner.label.is_some() {
                r.bad_keyword(inner, "inside an endpoint", &["params"]);
                return;
            }
            if is_rpc {
                r.error(
                    Diagnostic::error(
                        codes::E053,
                        inner.keyword.span,
                        "an `rpc` takes no `params`",
                    )
                    .with_help("put the fields in its `request` entity"),
                );
                return;
            }
            if params_seen {
                r.error(
                    Diagnostic::error(
                        codes::E034,
                        inner.keyword.span,
                        "`params` appears twice in this endpoint",
                    )
                    .with_help("merge the two blocks"),
                );
                return;
            }
            params_seen = true;
            params = r.fields(inner.body.as_ref(), "`params`");
        });
        if let (Some(p), Some(label)) = (&path, &d.label) {
            self.check_placeholders(p, label.span, &params);
        }
        let entity = |r: &mut Self, key: &str| {
            r.one_ref(&attrs, key, Want::Entities)
                .map(|s| EntityId(s.id))
        };
        let request = entity(self, "request");
        let response = entity(self, "response");
        Some(ApiEndpoint {
            method,
            name: name.name.clone(),
            path,
            params,
            request,
            response,
            latency_p99: self.quantity(&attrs, "latency_p99", Dimension::TIME),
            rate_limit: self.quantity(&attrs, "rate_limit", Dimension::RATE),
            description: self.string(&attrs, "description"),
            span: d.span,
        })
    }

    /// Every `{placeholder}` of a path must be a declared param (E042).
    fn check_placeholders(&mut self, path: &str, span: Span, params: &[Field]) {
        let mut rest = path;
        let mut offset = 0;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            let name = &rest[open + 1..open + close];
            // The string is written on one line; +1 for its opening `"`. With escapes in it the
            // offsets no longer match the source, so the whole string is underlined instead.
            let exact = span.end - span.start == path.len() + 2;
            let start = span.start + 1 + offset + open;
            let place = |len: usize| {
                if exact {
                    Span::new(start, start + len)
                } else {
                    span
                }
            };
            if name.is_empty() {
                self.error(
                    Diagnostic::error(codes::E042, place(2), "this path placeholder has no name")
                        .with_help("name it after a param, as in `/feed/{user_id}`"),
                );
            } else if !params.iter().any(|p| p.name == name) {
                self.error(
                    Diagnostic::error(
                        codes::E042,
                        place(close + 1),
                        format!("path placeholder `{{{name}}}` is not declared in `params`"),
                    )
                    .with_help(format!(
                        "add `params {{ {name}: string }}` to this endpoint"
                    )),
                );
            }
            offset += open + close + 1;
            rest = &rest[open + close + 1..];
        }
    }
}
