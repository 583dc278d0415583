//! Every spec in `specs/` re-laid out at random -> the same meaning, and the same canonical
//! text as the original when only whitespace and separators changed. Edits are made at
//! statement boundaries taken from the parsed spec: extra indentation, blank lines, a
//! statement joined to the one before it with `;`, own-line and trailing comments.

use proptest::prelude::*;

use mlsd::syntax::ast::{Spec, Stmt};

use super::{assert_fmt_laws, fmt, meaning};
use crate::support::spec_files;

/// Statement `(start, end)` byte ranges, in source order; `end` trimmed of trailing
/// spaces and comment.
fn boundaries(text: &str, spec: &Spec) -> Vec<(usize, usize)> {
    fn walk(stmts: &[Stmt], out: &mut Vec<(usize, usize)>) {
        for s in stmts {
            out.push((s.span().start, s.span().end));
            let body = match s {
                Stmt::Decl(d) => d.body.as_ref(),
                Stmt::Edge(e) => e.body.as_ref(),
                _ => None,
            };
            if let Some(b) = body {
                walk(&b.statements, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(&spec.statements, &mut out);
    let comment_ends: Vec<(usize, usize)> = mlsd::fmt::scan_comments(text)
        .into_iter()
        .map(|c| (c.end, c.start))
        .collect();
    for (start, end) in &mut out {
        loop {
            while *end > *start && matches!(text.as_bytes()[*end - 1], b' ' | b'\t') {
                *end -= 1;
            }
            match comment_ends.iter().find(|(e, s)| e == end && s > start) {
                Some((_, s)) => *end = *s,
                None => break,
            }
        }
    }
    out
}

#[derive(Debug, Clone, Copy)]
enum Edit {
    Indent(usize),
    BlankLines(usize),
    Join(usize),
    OwnComment(usize),
    TrailingComment(usize),
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let parsed = mlsd::syntax::parse(text);
    let bounds = boundaries(text, &parsed.spec);
    let n = bounds.len();
    // (offset, remove up to, insert), applied from the end.
    let mut patches: Vec<(usize, usize, String)> = Vec::new();
    for (k, e) in edits.iter().enumerate() {
        let at = |i: usize| bounds[i % n];
        let patch = match *e {
            Edit::Indent(i) => (at(i).0, at(i).0, " \t ".to_string()),
            Edit::BlankLines(i) => (at(i).0, at(i).0, "\n\n\n".to_string()),
            Edit::OwnComment(i) => (at(i).0, at(i).0, format!("# own {k}\n")),
            Edit::TrailingComment(i) => (at(i).1, at(i).1, format!("  # trailing {k}\n")),
            Edit::Join(i) => {
                let i = i % n;
                if i == 0 {
                    continue;
                }
                let (prev_end, start) = (bounds[i - 1].1, bounds[i].0);
                if prev_end >= start {
                    continue;
                }
                let gap = &text[prev_end..start];
                if gap.matches('\n').count() != 1 || !gap.trim().is_empty() {
                    continue;
                }
                (prev_end, start, "; ".to_string())
            }
        };
        // One patch per place, none inside another's range.
        if !patches
            .iter()
            .any(|p| p.0 == patch.0 || (p.1 > patch.0 && p.0 < patch.1))
        {
            patches.push(patch);
        }
    }
    patches.sort_by_key(|p| std::cmp::Reverse(p.0));
    let mut out = text.to_string();
    for (from, to, insert) in patches {
        out.replace_range(from..to, &insert);
    }
    out
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        any::<usize>().prop_map(Edit::Indent),
        any::<usize>().prop_map(Edit::BlankLines),
        any::<usize>().prop_map(Edit::Join),
        any::<usize>().prop_map(Edit::OwnComment),
        any::<usize>().prop_map(Edit::TrailingComment),
    ]
}

fn specs() -> Vec<String> {
    spec_files()
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, .. ProptestConfig::default() })]

    /// Random re-layouts of the real specs, comments and blank lines included, keep their
    /// meaning and every fmt law.
    #[test]
    fn relaid_specs_keep_their_meaning(which in any::<usize>(), edits in prop::collection::vec(edit(), 1..25)) {
        let all = specs();
        let original = &all[which % all.len()];
        let relaid = apply(original, &edits);
        prop_assert!(!mlsd::syntax::parse(&relaid).diagnostics.iter().any(|d| d.is_error()), "{relaid}");
        prop_assert_eq!(meaning(original), meaning(&relaid));
        assert_fmt_laws(&relaid);
    }

    /// When only indentation and separators changed, the canonical text is the original's.
    #[test]
    fn whitespace_relayouts_format_back(which in any::<usize>(), edits in prop::collection::vec(
        prop_oneof![any::<usize>().prop_map(Edit::Indent), any::<usize>().prop_map(Edit::Join)],
        1..40,
    )) {
        let all = specs();
        let original = &all[which % all.len()];
        let relaid = apply(original, &edits);
        prop_assert_eq!(fmt(&relaid), fmt(original));
    }
}

#[test]
fn joins_really_happen() {
    let text = "system \"S\"\nuser a\nuser b\n";
    let joined = apply(text, &[Edit::Join(1), Edit::Join(2)]);
    assert_eq!(joined, "system \"S\"; user a; user b\n");
    assert_eq!(fmt(&joined), text);
}
