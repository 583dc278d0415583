//! Property tests: every spec in `specs/` and generated specs -> `fmt` is idempotent, keeps
//! the meaning (span-free model and diagnostics) and every comment; no input makes it panic.

use proptest::prelude::*;

use super::assert_fmt_laws;
use super::generate::{Writer, stmts};
use crate::support::spec_files;

#[test]
fn every_spec_in_specs_keeps_its_meaning_and_is_stable() {
    for path in spec_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        assert_fmt_laws(&text);
    }
}

#[test]
fn every_error_corpus_spec_that_parses_keeps_its_meaning() {
    let dir = crate::support::root().join("tests/errors");
    let mut formatted = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "mlsd") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let (source, result) = mlsd::fmt::format_bytes(&bytes);
        if result.is_ok() {
            assert_fmt_laws(&source);
            formatted += 1;
        }
    }
    assert!(
        formatted > 20,
        "only {formatted} corpus specs were formattable"
    );
}

/// Pieces of specs, for token soup that parses often enough to exercise the printer.
const TOKENS: &[&str] = &[
    "service",
    " ",
    "a",
    "b",
    "{",
    "}",
    "\n",
    ";",
    "# c",
    "\"x\"",
    ":",
    "[",
    "]",
    ",",
    "->",
    "1ms",
    "@key",
    "list<a>",
    "\"\"\"\n t\n\"\"\"",
    "\t",
    "?",
    ".",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    /// Generated specs with random layout: they parse, and fmt keeps every law.
    #[test]
    fn generated_specs_keep_the_laws(tree in stmts(), choices in prop::collection::vec(any::<u8>(), 1..64)) {
        let mut w = Writer::new(choices);
        w.stmts(&tree);
        let parsed = mlsd::syntax::parse(&w.out);
        prop_assert!(!parsed.diagnostics.iter().any(|d| d.is_error()), "generator wrote a bad spec:\n{}\n{:?}", w.out, parsed.diagnostics);
        assert_fmt_laws(&w.out);
    }

    /// Any text: formatted (keeping every law) or refused with diagnostics, never a panic.
    #[test]
    fn arbitrary_text_never_panics(text in prop_oneof![
        "[ -~\n\t{}\\[\\]#\"]{0,200}",
        prop::collection::vec(prop::sample::select(TOKENS), 0..40).prop_map(|t| t.concat()),
    ]) {
        match mlsd::fmt::format(&text) {
            Ok(_) => assert_fmt_laws(&text),
            Err(diags) => prop_assert!(!diags.is_empty()),
        }
    }

    /// Any bytes: the same, through the decoder.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let (_, result) = mlsd::fmt::format_bytes(&bytes);
        if let Err(diags) = result {
            prop_assert!(!diags.is_empty());
        }
    }
}
