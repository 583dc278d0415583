//! The live preview: builds -> an HTTP server on 127.0.0.1 with one page (`/`), the current
//! SVGs from memory (`/diagram/NAME.svg`), the state as JSON (`/state`) and server-sent
//! events (`/events`) that tell the page when to fetch a diagram or show errors.
//!
//! std's `TcpListener` with a thread per connection is plenty for one person's browser tabs;
//! connections are capped (event streams to half, so plain requests always have room), a
//! request head must arrive within a few seconds, and requests with a foreign `Host`, or two
//! `Host` headers, are refused (DNS rebinding).
//!
//! With `--site`, `/site/...` serves the design site the build writes to the output folder
//! (`site/`), read from disk per request; its pages are marked live (`data-live`) so they
//! reload after each rebuild.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use super::rebuild::Shown;

const PAGE: &str = include_str!("preview.html");
/// Open connections at most (each event stream holds one).
const MAX_CONNECTIONS: usize = 64;
/// Event streams at most: the other connections stay free for plain requests (`/state`, SVGs).
const MAX_STREAMS: usize = 32;
/// An event stream whose client does not read for this long is closed.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
/// A comment on each idle event stream this often, to notice closed tabs.
const KEEPALIVE: Duration = Duration::from_secs(15);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(5);
const MAX_HEAD: usize = 16 * 1024;

/// What the page shows; shared by the watch loop and the connections.
pub struct Preview {
    state: Mutex<State>,
    changed: Condvar,
    port: u16,
    connections: AtomicUsize,
    streams: AtomicUsize,
    /// The built site's folder (`OUT/site`), when the build writes one.
    site: Option<PathBuf>,
}

#[derive(Default)]
struct State {
    /// Bumped by every build, good or bad.
    generation: u64,
    spec: String,
    /// Stem, SVG and the generation that last changed it, in tab order.
    diagrams: Vec<(String, String, u64)>,
    /// The errors of the last build (empty after a good one).
    errors: Vec<serde_json::Value>,
}

/// Binds 127.0.0.1:`port` (0: any free port) and serves in the background; returns the
/// preview to update and its URL.
pub fn start(port: u16, spec: &str, site: Option<PathBuf>) -> io::Result<(Arc<Preview>, String)> {
    let listener = TcpListener::bind(("127.0.0.1", port))?;
    let port = listener.local_addr()?.port();
    let preview = Arc::new(Preview {
        state: Mutex::new(State {
            spec: spec.to_string(),
            ..State::default()
        }),
        changed: Condvar::new(),
        port,
        connections: AtomicUsize::new(0),
        streams: AtomicUsize::new(0),
        site,
    });
    let shared = Arc::clone(&preview);
    std::thread::Builder::new()
        .name("preview".into())
        .spawn(move || accept(&listener, &shared))?;
    Ok((preview, format!("http://127.0.0.1:{port}/")))
}

impl Preview {
    /// Shows a build: new diagrams (clearing errors), or errors over the last good ones.
    pub fn show(&self, shown: Shown) {
        let mut s = self.lock();
        s.generation += 1;
        let generation = s.generation;
        match shown {
            Shown::Diagrams(svgs) => {
                let old = std::mem::take(&mut s.diagrams);
                s.diagrams = svgs
                    .into_iter()
                    .map(|(stem, svg)| {
                        let same = old.iter().find(|(o, osvg, _)| *o == stem && *osvg == svg);
                        let version = same.map_or(generation, |(_, _, v)| *v);
                        (stem, svg, version)
                    })
                    .collect();
                s.errors.clear();
            }
            Shown::Errors(errors) => s.errors = errors,
        }
        drop(s);
        self.changed.notify_all();
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panicking connection thread must not take the preview down with it.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `{"generation":3,"spec":"...","diagrams":{"architecture":2,...},"errors":[...]}`.
    fn state_json(s: &State) -> String {
        let diagrams: serde_json::Map<String, serde_json::Value> = s
            .diagrams
            .iter()
            .map(|(stem, _, v)| (stem.clone(), serde_json::Value::from(*v)))
            .collect();
        serde_json::json!({
            "generation": s.generation,
            "spec": s.spec,
            "diagrams": diagrams,
            "errors": s.errors,
        })
        .to_string()
    }
}

fn accept(listener: &TcpListener, preview: &Arc<Preview>) {
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        if preview.connections.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            preview.connections.fetch_sub(1, Ordering::SeqCst);
            let mut stream = stream;
            let _ = respond(
                &mut stream,
                "503 Service Unavailable",
                "text/plain",
                b"busy",
            );
            continue;
        }
        let shared = Arc::clone(preview);
        let spawned = std::thread::Builder::new()
            .name("preview-conn".into())
            .spawn(move || {
                let _ = serve(stream, &shared);
                shared.connections.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            preview.connections.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// Answers one request (or streams events until the client goes away).
fn serve(mut stream: TcpStream, preview: &Preview) -> io::Result<()> {
    stream.set_read_timeout(Some(REQUEST_TIMEOUT))?;
    let Some((method, target, host)) = read_head(&stream)? else {
        return respond(&mut stream, "400 Bad Request", "text/plain", b"bad request");
    };
    let port = preview.port;
    let allowed = [format!("127.0.0.1:{port}"), format!("localhost:{port}")];
    if !host.as_ref().is_some_and(|h| allowed.contains(h)) {
        return respond(
            &mut stream,
            "403 Forbidden",
            "text/plain",
            b"forbidden host",
        );
    }
    if method != "GET" {
        return respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"GET only",
        );
    }
    let path = target.split(['?', '#']).next().unwrap_or_default();
    match path {
        "/" | "/index.html" => respond(
            &mut stream,
            "200 OK",
            "text/html; charset=utf-8",
            PAGE.as_bytes(),
        ),
        "/events" => {
            if preview.streams.fetch_add(1, Ordering::SeqCst) >= MAX_STREAMS {
                preview.streams.fetch_sub(1, Ordering::SeqCst);
                return respond(
                    &mut stream,
                    "503 Service Unavailable",
                    "text/plain",
                    b"too many live previews are open",
                );
            }
            let result = events(stream, preview);
            preview.streams.fetch_sub(1, Ordering::SeqCst);
            result
        }
        "/state" => {
            let json = Preview::state_json(&preview.lock());
            respond(&mut stream, "200 OK", "application/json", json.as_bytes())
        }
        _ if path == "/site" || path.starts_with("/site/") => {
            match preview.site.as_deref().and_then(|d| site_file(d, path)) {
                Some((kind, body)) => respond(&mut stream, "200 OK", kind, &body),
                None => respond(&mut stream, "404 Not Found", "text/plain", b"not found"),
            }
        }
        _ => {
            let svg = path
                .strip_prefix("/diagram/")
                .and_then(|p| p.strip_suffix(".svg"))
                .and_then(|stem| {
                    let s = preview.lock();
                    s.diagrams
                        .iter()
                        .find(|(n, _, _)| n == stem)
                        .map(|(_, svg, _)| svg.clone())
                });
            match svg {
                Some(svg) => respond(&mut stream, "200 OK", "image/svg+xml", svg.as_bytes()),
                None => respond(&mut stream, "404 Not Found", "text/plain", b"not found"),
            }
        }
    }
}

/// A file of the site folder `dir` for the request path `/site/...`, with its content type;
/// `None` for anything outside it (only plain names: no `..`, no hidden files). A page is
/// marked live, so it reloads after a rebuild.
fn site_file(dir: &Path, path: &str) -> Option<(&'static str, Vec<u8>)> {
    let rel = path
        .strip_prefix("/site")
        .unwrap_or(path)
        .trim_start_matches('/');
    let rel = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    };
    let safe = rel.split('/').all(|seg| {
        !seg.is_empty()
            && !seg.starts_with('.')
            && seg
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    });
    if !safe {
        return None;
    }
    let file = dir.join(&rel);
    // Never through a link out of the folder.
    if std::fs::symlink_metadata(&file)
        .ok()?
        .file_type()
        .is_symlink()
    {
        return None;
    }
    let body = std::fs::read(&file).ok()?;
    let kind = match rel.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    };
    if kind.starts_with("text/html") {
        let text = String::from_utf8_lossy(&body).replacen(
            "<body data-root=",
            "<body data-live=\"/events\" data-root=",
            1,
        );
        return Some((kind, text.into_bytes()));
    }
    Some((kind, body))
}

/// The request line's method and target and the `Host` header; `None` when malformed.
fn read_head(stream: &TcpStream) -> io::Result<Option<(String, String, Option<String>)>> {
    let started = std::time::Instant::now();
    let mut reader = BufReader::new(stream).take(MAX_HEAD as u64);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut words = line.split_whitespace();
    let (Some(method), Some(target)) = (words.next(), words.next()) else {
        return Ok(None);
    };
    let (method, target) = (method.to_string(), target.to_string());
    let mut host = None;
    loop {
        let mut header = String::new();
        // A head dripped a byte at a time still ends within the request timeout.
        if reader.read_line(&mut header)? == 0 || started.elapsed() > REQUEST_TIMEOUT {
            return Ok(None);
        }
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((k, v)) = header.split_once(':')
            && k.trim().eq_ignore_ascii_case("host")
        {
            // Two `Host` headers: which one counts is ambiguous, so neither does.
            if host.is_some() {
                return Ok(None);
            }
            host = Some(v.trim().to_ascii_lowercase());
        }
    }
    Ok(Some((method, target, host)))
}

fn respond(stream: &mut TcpStream, status: &str, kind: &str, body: &[u8]) -> io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(body)?;
    stream.flush()
}

/// A server-sent event stream: the state now, then after every build.
fn events(mut stream: TcpStream, preview: &Preview) -> io::Result<()> {
    stream.set_write_timeout(Some(WRITE_TIMEOUT))?;
    stream.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
          Connection: keep-alive\r\n\r\nretry: 1000\n\n",
    )?;
    let mut seen = None;
    loop {
        let message = {
            let mut s = preview.lock();
            while seen == Some(s.generation) {
                let (guard, timeout) = preview
                    .changed
                    .wait_timeout(s, KEEPALIVE)
                    .unwrap_or_else(|e| e.into_inner());
                s = guard;
                if timeout.timed_out() && seen == Some(s.generation) {
                    break;
                }
            }
            if seen == Some(s.generation) {
                ": keepalive\n\n".to_string()
            } else {
                seen = Some(s.generation);
                format!("data: {}\n\n", Preview::state_json(&s))
            }
        };
        stream.write_all(message.as_bytes())?;
        stream.flush()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_is_served_from_its_folder_only() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("site/design")).unwrap();
        std::fs::write(dir.path().join("secret.txt"), "no").unwrap();
        std::fs::write(dir.path().join("site/index.html"), "<body data-root=\"\">x").unwrap();
        std::fs::write(
            dir.path().join("site/design/a.html"),
            "<body data-root=\"../\">",
        )
        .unwrap();
        let site = dir.path().join("site");
        let (kind, body) = site_file(&site, "/site/").expect("index");
        assert_eq!(kind, "text/html; charset=utf-8");
        assert!(
            String::from_utf8(body)
                .unwrap()
                .contains("data-live=\"/events\"")
        );
        assert!(site_file(&site, "/site/design/a.html").is_some());
        assert!(site_file(&site, "/site/../secret.txt").is_none());
        assert!(site_file(&site, "/site/design/../../secret.txt").is_none());
        assert!(site_file(&site, "/site/%2e%2e/secret.txt").is_none());
        assert!(site_file(&site, "/site/nothing.html").is_none());
    }

    #[test]
    fn a_diagram_keeps_its_version_while_its_svg_is_the_same() {
        let (p, _) = start(0, "spec.mlsd", None).expect("bind");
        let two = |a: &str| {
            Shown::Diagrams(vec![
                ("architecture".into(), a.into()),
                ("deployment".into(), "<svg/>".into()),
            ])
        };
        p.show(two("<svg>1</svg>"));
        p.show(Shown::Errors(vec![serde_json::json!({"message": "x"})]));
        p.show(two("<svg>2</svg>"));
        let json: serde_json::Value =
            serde_json::from_str(&Preview::state_json(&p.lock())).expect("json");
        assert_eq!(json["generation"], 3);
        assert_eq!(json["diagrams"]["architecture"], 3);
        assert_eq!(json["diagrams"]["deployment"], 1);
        assert_eq!(json["errors"], serde_json::json!([]));
    }
}
