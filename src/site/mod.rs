//! The design site: the generated documents and diagrams -> `site/`, static HTML that works
//! from `file://` and any static host, loading nothing from the network.
//!
//! - `site/index.html` is `README.md`; every other document `X.md` is `site/X.html`.
//! - Every diagram `diagrams/S.svg` gets a page `site/diagrams/S.html` with the SVG inline;
//!   `site/views.html` shows every diagram, so a search highlights a component in all views.
//! - Links keep the design folder's shape, so a link from a diagram or a document maps to
//!   the page of its target; other files (PNG, stubs) are linked in the design folder.
//! - Spec text is untrusted: raw HTML in Markdown is shown as text (only mlsd's own stable
//!   anchors pass), links with a scheme other than http(s)/mailto become `#`, and images from
//!   anywhere but the design folder become plain links.
//!
//! The site is a pure function of the other generated files: it reads them, never the model.

mod links;
mod page;

use std::collections::BTreeMap;

use crate::output::GeneratedFile;

pub use links::{page_of, relative, resolve};

/// The folder the site is written to, inside the design folder.
pub const DIR: &str = "site";

const CSS: &str = include_str!("site.css");
const JS: &str = include_str!("site.js");

/// One page of the site: its path (`site/...`) and what it shows.
struct PageSource<'a> {
    path: String,
    title: String,
    body: Body<'a>,
}

enum Body<'a> {
    Markdown { source: &'a str, text: &'a str },
    Diagrams(Vec<&'a str>),
}

/// The site's files for a design folder's `files` (documents and SVG diagrams), sorted.
pub fn build(files: &[GeneratedFile]) -> Vec<GeneratedFile> {
    let texts: BTreeMap<&str, &str> = files
        .iter()
        .filter(|f| f.path.ends_with(".md") || f.path.ends_with(".svg"))
        .filter(|f| !f.path.starts_with("site/"))
        .filter_map(|f| Some((f.path.as_str(), std::str::from_utf8(&f.contents).ok()?)))
        .collect();
    let all_paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let mut pages: Vec<PageSource> = Vec::new();
    for (path, text) in &texts {
        if path.ends_with(".md") {
            pages.push(PageSource {
                path: page_of(path).unwrap_or_default(),
                title: page::md_title(text).unwrap_or_else(|| path.to_string()),
                body: Body::Markdown { source: path, text },
            });
        }
    }
    let diagrams: Vec<&str> = texts
        .keys()
        .copied()
        .filter(|p| p.ends_with(".svg"))
        .collect();
    for d in &diagrams {
        pages.push(PageSource {
            path: page_of(d).unwrap_or_default(),
            title: page::svg_title(texts[d]).unwrap_or_else(|| d.to_string()),
            body: Body::Diagrams(vec![d]),
        });
    }
    if !diagrams.is_empty() {
        pages.push(PageSource {
            path: format!("{DIR}/views.html"),
            title: "All views".into(),
            body: Body::Diagrams(diagrams.clone()),
        });
    }
    pages.sort_by_key(|p| nav_order(&p.path));
    let nav: Vec<(String, String)> = pages
        .iter()
        .map(|p| (p.path.clone(), p.title.clone()))
        .collect();
    let ctx = page::Ctx {
        texts: &texts,
        paths: &all_paths,
        nav: &nav,
    };
    let mut out = vec![
        GeneratedFile::text(format!("{DIR}/assets/site.css"), CSS),
        GeneratedFile::text(format!("{DIR}/assets/site.js"), JS),
        GeneratedFile::text(
            format!("{DIR}/assets/index.js"),
            page::search_index(&texts, &diagrams),
        ),
    ];
    for p in &pages {
        let body = match &p.body {
            Body::Markdown { source, text } => page::markdown(&ctx, source, &p.path, text),
            Body::Diagrams(ds) => page::diagrams(&ctx, &p.path, ds),
        };
        out.push(GeneratedFile::text(
            &p.path,
            page::html(&ctx, &p.path, &p.title, &body),
        ));
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// Pages in the navigation: the index, the views, documents by folder, then diagrams.
fn nav_order(path: &str) -> (u8, String) {
    let rank = if path == "site/index.html" {
        0
    } else if path == "site/views.html" {
        1
    } else if path.starts_with("site/diagrams/") {
        3
    } else {
        2
    };
    (rank, path.to_string())
}
