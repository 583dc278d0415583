//! Token streams -> Rust source text: parsed into a `syn::File` (so only valid Rust comes
//! out) and printed by `prettyplease`, the header line first as an inner doc comment.

use proc_macro2::TokenStream;
use quote::quote;

/// Columns of doc text per line before wrapping.
const DOC_WIDTH: usize = 88;

/// `#[doc = " line"]` for each line of `text`, long lines wrapped (blank lines kept, so
/// Markdown paragraphs are).
pub fn doc_attrs(text: &str) -> TokenStream {
    let lines = doc_lines(text)
        .into_iter()
        .map(|l| if l.is_empty() { l } else { format!(" {l}") });
    quote! { #(#[doc = #lines])* }
}

fn doc_lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in crate::output::text::prose(text).trim().lines() {
        let line = line.trim_end();
        if line.chars().count() <= DOC_WIDTH {
            out.push(line.to_string());
            continue;
        }
        let mut cur = String::new();
        for word in line.split(' ') {
            // A word that would open a list, quote or heading at the start of a line stays
            // on the current one.
            let risky = word.starts_with(['-', '*', '+', '>', '#', '|'])
                || word
                    .trim_end_matches(['.', ')'])
                    .chars()
                    .all(|c| c.is_ascii_digit())
                    && word.ends_with(['.', ')']);
            if !cur.is_empty()
                && cur.chars().count() + 1 + word.chars().count() > DOC_WIDTH
                && !risky
            {
                out.push(std::mem::take(&mut cur));
            }
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(word);
        }
        out.push(cur);
    }
    out
}

/// prettyplease leaves no blank line between items; put one before each item that follows
/// another item (or the module docs) at the same depth, as rustfmt-formatted code has.
fn space_items(text: &str) -> String {
    const STARTS: &[&str] = &[
        "///", "#[", "pub ", "fn ", "mod ", "impl", "trait ", "struct ", "enum ", "type ",
        "const ", "static ", "use ",
    ];
    let mut out = String::with_capacity(text.len() + 256);
    let mut prev: Option<&str> = None;
    for line in text.lines() {
        if let Some(p) = prev {
            let indent = |s: &str| s.len() - s.trim_start().len();
            let (pt, lt) = (p.trim(), line.trim());
            let item_start = STARTS.iter().any(|s| lt.starts_with(s));
            let after_item = (pt.ends_with('}') || pt.ends_with(';')) && indent(p) == indent(line);
            let after_docs = pt.starts_with("//!") && !lt.starts_with("//!");
            let both_use = pt.starts_with("use ") && lt.starts_with("use ")
                || pt.starts_with("pub mod ") && pt.ends_with(';') && lt.starts_with("pub mod ");
            let in_attrs = pt.starts_with("#[") || pt.starts_with("///");
            if item_start && (after_item || after_docs) && !both_use && !in_attrs {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
        prev = Some(line);
    }
    out
}

/// `//! {header}`, `//!`, the module doc, then `items`, formatted.
pub fn unparse_file(header: &str, doc: &str, items: TokenStream) -> String {
    let mut lines = vec![format!(" {header}"), String::new()];
    lines.extend(
        doc_lines(doc)
            .into_iter()
            .map(|l| if l.is_empty() { l } else { format!(" {l}") }),
    );
    let tokens = quote! {
        #(#![doc = #lines])*
        #items
    };
    match syn::parse2::<syn::File>(tokens) {
        Ok(file) => space_items(&prettyplease::unparse(&file)),
        // Only a bug in mlsd gets here; the crate then fails to build with the reason.
        Err(e) => format!(
            "//! {header}\n\ncompile_error!(\"mlsd generated invalid Rust here: {}\");\n",
            e.to_string().replace('\\', "\\\\").replace('"', "\\\"")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_docs_wrap_without_starting_lists() {
        let text = format!("{} - not a list", "word ".repeat(17).trim_end());
        for l in doc_lines(&text) {
            assert!(l.chars().count() <= DOC_WIDTH + 12, "{l}");
            assert!(!l.starts_with('-'), "{l}");
        }
    }

    #[test]
    fn items_get_blank_lines() {
        let file = unparse_file(
            "h",
            "d",
            quote! { pub struct A; pub struct B { x: i32 } pub fn f() { g(); h(); } },
        );
        assert_eq!(
            file,
            "//! h\n//!\n//! d\n\npub struct A;\n\npub struct B {\n    x: i32,\n}\n\npub fn f() {\n    g();\n    h();\n}\n"
        );
    }
}
