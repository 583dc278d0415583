//! The REST apis -> an axum router in `src/api_endpoints.rs` (module `http`): every endpoint
//! answers `501 Not Implemented` with its name until its handler is written, and a test
//! sends each one a request through `tower::ServiceExt::oneshot`.
//!
//! Routes are built from untrusted paths, and axum panics on a route it cannot take: only a
//! path of plain segments (letters, digits, `-._~`) and whole-segment `{name}` placeholders
//! is routed, each method and path once; an endpoint left out is named in the docs. The
//! placeholder at one position of the routing tree keeps the name the first route gave it
//! (axum refuses two names there).

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::{Ctx, doc_attrs};
use crate::codegen::names::{Scope, rust_ident, snake_case};
use crate::model::{ApiProtocol, Method};

/// One routed endpoint.
struct Route {
    /// The route as axum reads it (`/v1/feed/{user_id}`).
    path: String,
    /// A URI that reaches it (`/v1/feed/example-user_id`).
    uri: String,
    method: Method,
    handler: String,
    /// The endpoint's name in the spec, the body of its 501.
    name: String,
    doc: String,
}

/// The REST routes of a model.
pub struct Router {
    routes: Vec<Route>,
    /// Endpoints not routed, with why.
    left_out: Vec<String>,
}

impl Router {
    pub fn new(ctx: &Ctx) -> Self {
        let mut handlers = Scope::with_reserved(&[
            "router",
            "tests",
            "super",
            "self",
            "crate",
            "get",
            "post",
            "put",
            "patch",
            "delete",
            "answers_501",
        ]);
        let mut routes: Vec<Route> = Vec::new();
        let mut left_out = Vec::new();
        // The placeholder name at each position, by the route's shape before it.
        let mut param_names: BTreeMap<String, String> = BTreeMap::new();
        for api in ctx
            .model
            .apis
            .iter()
            .filter(|a| a.protocol == ApiProtocol::Rest)
        {
            for ep in &api.endpoints {
                let Some(path) = &ep.path else { continue };
                let full = format!(
                    "{}{}",
                    api.base_path.as_deref().unwrap_or("").trim_end_matches('/'),
                    path
                );
                let Some((route, uri)) = plain_route(&full, &mut param_names) else {
                    left_out.push(format!(
                        "`{} {}` (`{}.{}`): its path is not plain enough to route",
                        ep.method.as_str().to_uppercase(),
                        full,
                        api.named.name,
                        ep.name
                    ));
                    continue;
                };
                if routes
                    .iter()
                    .any(|r| r.path == route && r.method == ep.method)
                {
                    left_out.push(format!(
                        "`{} {}` (`{}.{}`): another endpoint has the same method and path",
                        ep.method.as_str().to_uppercase(),
                        full,
                        api.named.name,
                        ep.name
                    ));
                    continue;
                }
                let handler =
                    handlers.claim(&snake_case(&format!("{}_{}", api.named.name, ep.name)));
                routes.push(Route {
                    doc: format!(
                        "`{} {full}` (`{}.{}`): answers 501 with its name until written.",
                        ep.method.as_str().to_uppercase(),
                        api.named.name,
                        ep.name
                    ),
                    path: route,
                    uri,
                    method: ep.method,
                    handler,
                    name: ep.name.clone(),
                });
            }
        }
        Router { routes, left_out }
    }

    /// Whether the crate serves anything over HTTP.
    pub fn is_empty(&self) -> bool {
        self.routes.is_empty()
    }

    /// The `http` module: `router()`, one handler per endpoint, the 501 test.
    pub fn tokens(&self) -> TokenStream {
        if self.routes.is_empty() {
            return TokenStream::new();
        }
        // One `.route` per path, its methods chained (axum takes a path once).
        let mut paths: Vec<(&str, Vec<&Route>)> = Vec::new();
        for r in &self.routes {
            match paths.iter_mut().find(|(p, _)| *p == r.path) {
                Some((_, rs)) => rs.push(r),
                None => paths.push((&r.path, vec![r])),
            }
        }
        let route_calls = paths.iter().map(|(path, rs)| {
            let mut chain = TokenStream::new();
            for (i, r) in rs.iter().enumerate() {
                let m = rust_ident(r.method.as_str());
                let h = rust_ident(&r.handler);
                chain = if i == 0 {
                    quote!(#m(#h))
                } else {
                    quote!(#chain.#m(#h))
                };
            }
            quote!(.route(#path, #chain))
        });
        let handlers = self.routes.iter().map(|r| {
            let h = rust_ident(&r.handler);
            let doc = doc_attrs(&r.doc);
            let name = &r.name;
            quote! {
                #doc
                pub async fn #h() -> (StatusCode, &'static str) {
                    (StatusCode::NOT_IMPLEMENTED, #name)
                }
            }
        });
        let cases = self.routes.iter().map(|r| {
            let method = r.method.as_str().to_uppercase();
            let uri = &r.uri;
            let name = &r.name;
            let test = rust_ident(&format!("{}_answers_501", r.handler));
            quote! {
                #[tokio::test]
                async fn #test() {
                    let uri = #uri;
                    answers_501(#method, uri, #name).await;
                }
            }
        });
        // The free functions used: the first method of each path (the others are chained).
        let mut methods: Vec<&str> = paths.iter().map(|(_, rs)| rs[0].method.as_str()).collect();
        methods.sort_unstable();
        methods.dedup();
        let methods = methods.iter().map(|m| rust_ident(m));
        let mut doc = "The REST apis as one axum router: every endpoint answers `501 Not \
                       Implemented` with its name until its handler is written."
            .to_string();
        if !self.left_out.is_empty() {
            doc.push_str("\n\nNot routed: ");
            doc.push_str(&self.left_out.join("; "));
            doc.push('.');
        }
        let doc = doc_attrs(&doc);
        quote! {
            /// The REST endpoints over HTTP (axum): a handler per endpoint and the router.
            pub mod http {
                use axum::http::StatusCode;
                use axum::routing::{#(#methods),*};

                #doc
                pub fn router() -> axum::Router {
                    axum::Router::new()
                        #(#route_calls)*
                }

                #(#handlers)*

                #[cfg(test)]
                mod tests {
                    use axum::body::Body;
                    use axum::http::{Request, StatusCode};
                    use tower::ServiceExt;

                    /// Sends `METHOD uri` to the router: it answers 501 with the endpoint's name.
                    async fn answers_501(method: &str, uri: &str, name: &str) {
                        let request = Request::builder()
                            .method(method)
                            .uri(uri)
                            .body(Body::empty())
                            .expect("a valid request");
                        let router = super::router();
                        let response = router.oneshot(request).await.expect("an answer");
                        let status = response.status();
                        assert_eq!(status, StatusCode::NOT_IMPLEMENTED, "{method} {uri}");
                        let body = response.into_body();
                        let bytes = axum::body::to_bytes(body, usize::MAX).await;
                        let bytes = bytes.expect("a body");
                        assert_eq!(bytes, name.as_bytes(), "{method} {uri}");
                    }

                    #(#cases)*
                }
            }
        }
    }
}

/// The axum route of a path and a URI that reaches it, or `None` when the path is not plain:
/// segments of letters, digits and `-._~`, or a whole-segment `{name}`.
fn plain_route(path: &str, names: &mut BTreeMap<String, String>) -> Option<(String, String)> {
    let path = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    };
    let mut route = String::new();
    let mut uri = String::new();
    // The route's shape so far, placeholders as `{}`.
    let mut shape = String::new();
    let segments: Vec<&str> = path[1..].split('/').collect();
    for (i, seg) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        if seg.is_empty() && !(last && i > 0) && path != "/" {
            return None;
        }
        route.push('/');
        uri.push('/');
        shape.push('/');
        if let Some(name) = seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            let ident_like = name
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !ident_like {
                return None;
            }
            let name = names
                .entry(shape.clone())
                .or_insert_with(|| name.to_string());
            route.push_str(&format!("{{{name}}}"));
            uri.push_str(&format!("example-{name}"));
            shape.push_str("{}");
        } else {
            if !seg
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-._~".contains(c))
            {
                return None;
            }
            route.push_str(seg);
            uri.push_str(seg);
            shape.push_str(seg);
        }
    }
    Some((route, uri))
}

#[cfg(test)]
mod tests {
    use super::plain_route;
    use std::collections::BTreeMap;

    #[test]
    fn plain_paths_route_and_others_do_not() {
        let mut names = BTreeMap::new();
        assert_eq!(
            plain_route("/v1/feed/{user_id}", &mut names),
            Some((
                "/v1/feed/{user_id}".into(),
                "/v1/feed/example-user_id".into()
            ))
        );
        // The same position keeps its first name: axum takes one name there.
        assert_eq!(
            plain_route("/v1/feed/{id}/items", &mut names).map(|r| r.0),
            Some("/v1/feed/{user_id}/items".into())
        );
        assert_eq!(
            plain_route("health", &mut names).map(|r| r.0),
            Some("/health".into())
        );
        assert_eq!(plain_route("/", &mut names).map(|r| r.0), Some("/".into()));
        for bad in [
            "/a b", "/{*rest}", "/{a}{b}", "/x/{}", "//x", "/é", "/a?b=1", "/{1x}",
        ] {
            assert_eq!(plain_route(bad, &mut names), None, "{bad}");
        }
    }
}
