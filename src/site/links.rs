//! Paths of the design folder -> paths of the site, and links between them.

use super::DIR;
// The relative link from one file of the folder to another (both from the root).
pub use crate::docs::markdown::relative;

/// The site page of a design-folder file: `README.md` -> `site/index.html`, `X.md` ->
/// `site/X.html`, `diagrams/S.svg` -> `site/diagrams/S.html`; `None` for other files.
pub fn page_of(path: &str) -> Option<String> {
    if path == "README.md" {
        return Some(format!("{DIR}/index.html"));
    }
    if let Some(stem) = path.strip_suffix(".md") {
        return Some(format!("{DIR}/{stem}.html"));
    }
    if let Some(stem) = path.strip_suffix(".svg")
        && path.starts_with("diagrams/")
    {
        return Some(format!("{DIR}/{stem}.html"));
    }
    None
}

/// `rel` (a relative link in the file at `from`) as a path from the design folder's root;
/// `None` when it climbs out of it.
pub fn resolve(from: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in rel.split('/') {
        match seg {
            ".." => {
                parts.pop()?;
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// Whether a link names a scheme (`https:`, `javascript:`) or a host (`//x`).
fn has_scheme(dest: &str) -> bool {
    let before = dest.split(['/', '?', '#']).next().unwrap_or("");
    before.contains(':') || dest.starts_with("//")
}

/// A link written in the design-folder file `from`, as it must read on the site page `page`:
/// a document or diagram goes to its page, another file of the folder stays where it is;
/// web links are kept, any other scheme becomes `#`.
pub fn site_link(from: &str, dest: &str, page: &str) -> String {
    let dest = dest.trim();
    if has_scheme(dest) {
        let lower = dest.to_ascii_lowercase();
        let web = ["http://", "https://", "mailto:"]
            .iter()
            .any(|s| lower.starts_with(s));
        return if web { dest.to_string() } else { "#".into() };
    }
    if dest.starts_with('#') || dest.is_empty() {
        return dest.to_string();
    }
    let (file, fragment) = match dest.split_once('#') {
        Some((f, a)) => (f, format!("#{a}")),
        None => (dest, String::new()),
    };
    let Some(target) = resolve(from, file) else {
        return "#".into();
    };
    match page_of(&target) {
        Some(p) => format!("{}{fragment}", relative(page, &p)),
        None => format!("{}{fragment}", relative(page, &target)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_map_to_pages() {
        assert_eq!(page_of("README.md").as_deref(), Some("site/index.html"));
        assert_eq!(
            page_of("diagrams/architecture/online.svg").as_deref(),
            Some("site/diagrams/architecture/online.html")
        );
        assert_eq!(page_of("diagrams/a.png"), None);
        let page = "site/design/high_level.html";
        assert_eq!(
            site_link(
                "diagrams/architecture/online.svg",
                "../../design/detailed_design.md#component-a",
                page
            ),
            "detailed_design.html#component-a"
        );
        assert_eq!(
            site_link("design/high_level.md", "../diagrams/a.png", page),
            "../../diagrams/a.png"
        );
        assert_eq!(
            site_link("README.md", "javascript:alert(1)", "site/index.html"),
            "#"
        );
        assert_eq!(
            site_link("README.md", "https://x.example/", "site/index.html"),
            "https://x.example/"
        );
        assert_eq!(
            site_link("README.md", "../../etc/passwd", "site/index.html"),
            "#"
        );
    }
}
