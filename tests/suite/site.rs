//! `mlsd build --site`: `site/` with an index, a page per document and per diagram, local
//! assets only, every link resolving; spec text never becomes markup or a script link.
//! (The browser side, pan/zoom/search/drill-down, is tests/browser/site.py via
//! `site_browser`.)

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{Test, root};

/// Every file under `dir`, by path relative to it.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// The values of `attr="..."` in `html`.
fn attrs<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let pat = format!(" {attr}=\"");
    html.split(pat.as_str())
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect()
}

fn resolve(from: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for p in rel.split('/') {
        match p {
            ".." => {
                parts.pop()?;
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

fn unescape(s: &str) -> String {
    s.replace("&amp;", "&").replace("&quot;", "\"")
}

/// Every `href` and `src` of every page names a file of the design folder and, with a
/// `#fragment`, an `id` in it; nothing is loaded from the network.
pub fn assert_site_links_resolve(folder: &BTreeMap<String, Vec<u8>>) {
    let pages: Vec<(&String, String)> = folder
        .iter()
        .filter(|(p, _)| p.starts_with("site/") && p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8_lossy(b).into_owned()))
        .collect();
    assert!(pages.len() > 5, "too few pages: {}", pages.len());
    for (page, html) in &pages {
        for src in attrs(html, "src") {
            assert!(!src.contains(':'), "{page}: loads `{src}` from elsewhere");
            let target = resolve(page, &unescape(src)).expect("inside");
            assert!(
                folder.contains_key(&target),
                "{page}: src `{src}` is missing"
            );
        }
        for href in attrs(html, "href") {
            let href = unescape(href);
            // `data:,` is the empty favicon (no request for /favicon.ico).
            if href.starts_with("http://")
                || href.starts_with("https://")
                || href == "#"
                || href == "data:,"
            {
                continue;
            }
            assert!(!href.contains(':'), "{page}: link `{href}` has a scheme");
            let (file, anchor) = href.split_once('#').unwrap_or((&href, ""));
            let target = if file.is_empty() {
                page.to_string()
            } else {
                resolve(page, file).unwrap_or_else(|| panic!("{page}: `{href}` leaves the folder"))
            };
            let body = folder
                .get(&target)
                .unwrap_or_else(|| panic!("{page}: link `{href}` -> missing `{target}`"));
            if !anchor.is_empty() && !anchor.starts_with("q=") {
                let text = String::from_utf8_lossy(body);
                assert!(
                    text.contains(&format!(" id=\"{anchor}\"")),
                    "{page}: link `{href}`: no id `{anchor}` in `{target}`"
                );
            }
        }
    }
}

fn reference() -> String {
    std::fs::read_to_string(root().join("specs/feed_ranking.mlsd")).expect("reference spec")
}

#[test]
fn build_site_writes_a_page_per_document_and_diagram_with_links_that_resolve() {
    let out = Test::new()
        .spec(&reference())
        .args(&["build", "spec.mlsd", "--site", "--format", "svg"])
        .run()
        .code(0);
    let folder = tree(&out.dir.join("spec"));
    for page in [
        "site/index.html",
        "site/views.html",
        "site/design/high_level.html",
        "site/design/detailed_design.html",
        "site/REVIEW.html",
        "site/diagrams/architecture.html",
        "site/diagrams/deployment.html",
        "site/assets/site.js",
        "site/assets/site.css",
        "site/assets/index.js",
    ] {
        assert!(folder.contains_key(page), "no {page}");
    }
    // One page per document.
    // (Not what mlsd keeps in `.mlsd/`.)
    let docs = folder
        .keys()
        .filter(|p| p.ends_with(".md") && !p.starts_with(".mlsd/"))
        .count();
    let doc_pages = folder
        .keys()
        .filter(|p| {
            p.starts_with("site/") && p.ends_with(".html") && !p.starts_with("site/diagrams/")
        })
        .count();
    assert_eq!(doc_pages, docs + 1, "a page per document, plus views.html");
    let high = String::from_utf8_lossy(&folder["site/design/high_level.html"]).into_owned();
    assert!(
        high.contains("<figure class=\"diagram\""),
        "diagram not inline"
    );
    assert!(high.contains("<svg "), "no inline SVG");
    assert!(high.contains("href=\"detailed_design.html#component-feed_service\""));
    let detailed =
        String::from_utf8_lossy(&folder["site/design/detailed_design.html"]).into_owned();
    assert!(detailed.contains("<a id=\"component-feed_service\"></a>"));
    let index = String::from_utf8_lossy(&folder["site/assets/index.js"]).into_owned();
    assert!(index.starts_with("window.MLSD_INDEX = [{"));
    assert!(index.contains("\"id\":\"feed_service\""));
    assert_site_links_resolve(&folder);
    // The manifest tracks the site: `--check` agrees with what was written.
    Test::new()
        .spec(&reference())
        .args(&["build", "spec.mlsd", "--site", "--format", "svg"])
        .run()
        .code(0);
}

#[test]
fn site_is_deterministic_and_kept_by_a_build_without_the_flag() {
    let t = Test::new()
        .spec(&reference())
        .args(&["build", "spec.mlsd", "--site", "--format", "svg", "-o", "a"])
        .run()
        .code(0);
    let a = tree(&t.dir.join("a"));
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_mlsd"))
            .args(args)
            .current_dir(&t.dir)
            .output()
            .expect("runs")
    };
    let again = run(&["build", "spec.mlsd", "--site", "--format", "svg", "-o", "b"]);
    assert!(again.status.success());
    assert_eq!(a, tree(&t.dir.join("b")), "two builds differ");
    let check = run(&[
        "build",
        "spec.mlsd",
        "--site",
        "--format",
        "svg",
        "-o",
        "a",
        "--check",
    ]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let without = run(&["build", "spec.mlsd", "--format", "svg", "-o", "a"]);
    assert!(without.status.success());
    assert!(
        t.dir.join("a/site/index.html").is_file(),
        "the site was removed"
    );
}

#[test]
fn spec_text_never_becomes_markup_or_a_script_link_on_the_site() {
    let spec = r#"system "S</title><script>alert(1)</script>" {
  summary: "<img src=x onerror=alert(2)>"
  description: """
    Prose with <script>alert(3)</script> and <iframe src="https://evil.example/"></iframe>.

    [click](javascript:alert(4)) and ![pixel](https://evil.example/p.png)
    <a id="ok"></a>
  """
}
service api "API <b>bold</b>"
service db "DB"
api -> db: "<svg onload=alert(5)>"
"#;
    let out = Test::new()
        .spec(spec)
        .args(&["build", "spec.mlsd", "--site", "--format", "svg"])
        .run()
        .code(0);
    let folder = tree(&out.dir.join("spec"));
    for (path, body) in folder
        .iter()
        .filter(|(p, _)| p.starts_with("site/") && p.ends_with(".html"))
    {
        let html = String::from_utf8_lossy(body);
        for bad in [
            "<script>alert",
            "<img src=x",
            "<iframe",
            "javascript:",
            "<b>bold",
            "<svg onload",
            "src=\"https:",
        ] {
            assert!(!html.contains(bad), "{path} contains {bad:?}");
        }
    }
    let index = String::from_utf8_lossy(&folder["site/index.html"]).into_owned();
    assert!(
        index.contains("&lt;script&gt;alert(3)&lt;/script&gt;"),
        "prose HTML is shown as text"
    );
    assert_site_links_resolve(&folder);
}

/// A plain HTTP/1.1 GET: (status line, body).
fn http_get(url: &str, path: &str) -> (String, String) {
    use std::io::{Read, Write};
    let host = url
        .trim_start_matches("http://")
        .split('/')
        .next()
        .expect("host");
    let mut s = std::net::TcpStream::connect(host).expect("connects");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .expect("sends");
    let mut reply = String::new();
    s.read_to_string(&mut reply).expect("reads");
    let (head, body) = reply.split_once("\r\n\r\n").unwrap_or((&reply, ""));
    (
        head.lines().next().unwrap_or_default().to_string(),
        body.to_string(),
    )
}

#[test]
fn watch_serves_the_site_live() {
    let spec = |label: &str| {
        format!(
            "system \"S\" {{ summary: \"x\" }}\nuser viewer\nservice api \"{label}\"\nviewer -> api\n"
        )
    };
    let mut run = Test::new()
        .spec(&spec("Alpha API"))
        .args(&["watch", "spec.mlsd", "--serve", "--site", "--format", "svg"])
        .spawn();
    run.wait_lines("watching spec.mlsd", 1);
    let url = run
        .lines()
        .iter()
        .find_map(|l| l.strip_prefix("site: ").map(str::to_string))
        .expect("the site URL is printed");
    let base = url.trim_end_matches("site/index.html").to_string();
    assert!(url.ends_with("/site/index.html"), "{url}");
    let (status, body) = http_get(&base, "/site/diagrams/architecture.html");
    assert!(status.contains("200"), "{status}");
    assert!(body.contains("Alpha API"));
    assert!(
        body.contains("data-live=\"/events\""),
        "the page is not live"
    );
    let (status, _) = http_get(&base, "/site/assets/site.js");
    assert!(status.contains("200"), "{status}");
    for outside in [
        "/site/../spec.mlsd",
        "/site/%2e%2e/spec.mlsd",
        "/site/../spec/README.md",
    ] {
        let (status, _) = http_get(&base, outside);
        assert!(status.contains("404"), "{outside}: {status}");
    }
    std::fs::write(run.dir().join("spec.mlsd"), spec("Beta API")).expect("save");
    run.wait_lines("rebuilt: ", 1);
    let (_, body) = http_get(&base, "/site/diagrams/architecture.html");
    assert!(
        body.contains("Beta API"),
        "the served site did not follow the save"
    );
    assert_eq!(run.interrupt(), Some(0));
}

/// `watch --site` leaves exactly what `build --site` writes.
#[test]
fn watch_writes_the_site_build_writes() {
    let spec = "system \"S\" { summary: \"x\" }\nuser viewer\nservice api \"API\"\nviewer -> api\n";
    let mut run = Test::new()
        .spec(spec)
        .args(&[
            "watch",
            "spec.mlsd",
            "--site",
            "--format",
            "svg",
            "-o",
            "watched",
        ])
        .spawn();
    run.wait_lines("watching spec.mlsd", 1);
    assert_eq!(run.interrupt(), Some(0));
    let built = std::process::Command::new(env!("CARGO_BIN_EXE_mlsd"))
        .args([
            "build",
            "spec.mlsd",
            "--site",
            "--format",
            "svg",
            "-o",
            "built",
        ])
        .current_dir(run.dir())
        .output()
        .expect("runs");
    assert!(built.status.success());
    let (w, b) = (
        tree(&run.dir().join("watched")),
        tree(&run.dir().join("built")),
    );
    assert!(w.contains_key("site/index.html"));
    assert_eq!(w.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    assert!(w == b, "watch and build differ");
}
