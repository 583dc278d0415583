//! Bad input never panics or hangs: mutated specs, deep nesting, long lines, odd bytes.

use proptest::prelude::*;

use crate::support::root;

fn reference() -> String {
    std::fs::read_to_string(root().join("specs/feed_ranking.mlsd")).unwrap()
}

/// Tokens of a spec split at whitespace boundaries, kept with their whitespace.
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        cur.push(c);
        if c.is_whitespace() || "{}[];:,<>".contains(c) {
            out.push(std::mem::take(&mut cur));
        }
    }
    out.push(cur);
    out
}

#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize),
    Duplicate(usize),
    Swap(usize, usize),
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    /// Deleting, duplicating and swapping tokens gives diagnostics or success, never a panic,
    /// and every diagnostic span lies inside the text.
    #[test]
    fn mutated_specs_never_panic(mutations in prop::collection::vec(
        prop_oneof![
            any::<usize>().prop_map(Mutation::Delete),
            any::<usize>().prop_map(Mutation::Duplicate),
            (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Swap(a, b)),
        ], 1..6)) {
        let mut toks = tokens(&reference());
        for m in mutations {
            let n = toks.len();
            match m {
                Mutation::Delete(i) => { toks.remove(i % n); }
                Mutation::Duplicate(i) => { let t = toks[i % n].clone(); toks.insert(i % n, t); }
                Mutation::Swap(a, b) => toks.swap(a % n, b % n),
            }
        }
        let text: String = toks.concat();
        let analysis = mlsd::analyze(text.as_bytes());
        for d in &analysis.diagnostics {
            prop_assert!(d.span.start <= d.span.end && d.span.end <= analysis.source.len() + 3, "{d:?}");
        }
        let _ = mlsd::diagnostic::render(&analysis.diagnostics, "m.mlsd", &analysis.source, false);
        // The review runs on every spec without errors, whatever its design.
        if !analysis.has_errors() {
            let review = mlsd::analysis::run(&analysis.model);
            let _ = mlsd::analysis::report::render(&review.findings, "m.mlsd", &analysis.source, false);
        }
    }

    /// Arbitrary bytes never panic.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let analysis = mlsd::analyze(&bytes);
        let _ = mlsd::diagnostic::render(&analysis.diagnostics, "b.mlsd", &analysis.source, false);
    }
}

#[test]
fn empty_file_reports_missing_system_at_1_1() {
    let a = mlsd::analyze(b"");
    assert_eq!(a.diagnostics.len(), 1);
    assert_eq!(a.diagnostics[0].code, "E043");
    assert_eq!(
        mlsd::span::line_col(&a.source, a.diagnostics[0].span.start),
        (1, 1)
    );
}

#[test]
fn a_thousand_levels_of_nesting_work() {
    let depth = 1000;
    let text = format!(
        "system \"S\" {{}}\ngroup g0 {{ {} service s {} }}\n",
        (1..depth)
            .map(|i| format!("group g{i} {{ "))
            .collect::<String>(),
        "} ".repeat(depth - 1)
    );
    let a = mlsd::analyze(text.as_bytes());
    assert!(
        !a.has_errors(),
        "{:?}",
        a.diagnostics
            .iter()
            .filter(|d| d.is_error())
            .collect::<Vec<_>>()
    );
    assert_eq!(a.model.groups.len(), depth);
}

#[test]
fn deeper_nesting_gets_a_clear_error() {
    let depth = mlsd::syntax::MAX_NESTING + 5;
    let text = format!(
        "system \"S\" {{}}\nx: {}{}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let a = mlsd::analyze(text.as_bytes());
    assert_eq!(a.diagnostics[0].code, "E012");
}

#[test]
fn a_one_megabyte_line_works() {
    let long = "x".repeat(1 << 20);
    let text = format!("system \"S\" {{ summary: \"{long}\" }}\n");
    let a = mlsd::analyze(text.as_bytes());
    assert!(!a.has_errors());
    assert_eq!(
        a.model.system.summary.as_deref().map(str::len),
        Some(1 << 20)
    );
}

#[test]
fn nul_and_invalid_utf8_point_at_their_byte() {
    let a = mlsd::analyze(b"system \"S\" {}\nuser \0x\n");
    assert_eq!(a.diagnostics[0].code, "E002");
    assert_eq!(
        mlsd::span::line_col(&a.source, a.diagnostics[0].span.start),
        (2, 6)
    );
    let a = mlsd::analyze(b"system \"S\" {}\nuser \xffx\n");
    assert_eq!(a.diagnostics[0].code, "E002");
    assert_eq!(
        mlsd::span::line_col(&a.source, a.diagnostics[0].span.start),
        (2, 6)
    );
}

#[test]
fn crlf_and_bom_keep_positions_exact() {
    let a = mlsd::analyze("\u{feff}system \"S\" {}\r\nservice a { replics: 1 }\r\n".as_bytes());
    let d = a
        .diagnostics
        .iter()
        .find(|d| d.code == "E032")
        .expect("E032");
    assert_eq!(mlsd::span::line_col(&a.source, d.span.start), (2, 13));
}

/// An unnamed group holding components, before other components: the symbol table and the
/// resolver once disagreed on component ids here (a debug assertion fired, ids went wrong).
#[test]
fn unnamed_group_with_members_does_not_shift_ids() {
    let text = "system \"S\"\ngroup {\n  service a {}\n}\nservice a {}\nservice b\na -> b\n";
    let analysis = mlsd::analyze(text.as_bytes());
    let codes: Vec<&str> = analysis.diagnostics.iter().map(|d| d.code).collect();
    assert!(codes.contains(&"E045"), "{codes:?}");
    let names: Vec<&str> = analysis
        .model
        .components
        .iter()
        .map(|c| c.named.name.as_str())
        .collect();
    assert_eq!(names, ["a", "b"]);
}

/// Every unclosed `{` used to be tried both as a header's block and as a stray block, which
/// doubled the work per level (20 levels took 12 s). Now one reading is tried: this returns
/// at once, where the old grammar would not finish.
#[test]
fn unclosed_blocks_do_not_backtrack_exponentially() {
    let depth = 200;
    let mut text = String::from("system \"S\" {}\n");
    for i in 0..depth {
        text.push_str(&format!("{}group g{i} {{\n", "  ".repeat(i)));
    }
    let a = mlsd::analyze(text.as_bytes());
    assert_eq!(a.diagnostics.len(), 1, "{:?}", a.diagnostics);
    assert_eq!(a.diagnostics[0].message, "this block is never closed");
}
