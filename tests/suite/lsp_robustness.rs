//! Random edit sequences (half-typed lines, deleted braces, pasted binary) never crash or
//! stall the language server: after every sequence it still answers every request.

use proptest::prelude::*;
use serde_json::json;

use crate::lsp_client::{Client, URI, position};
use crate::support::root;

#[derive(Debug, Clone)]
enum Edit {
    /// Insert text at a fraction of the document.
    Insert(f64, String),
    /// Delete a range (fractions of the document).
    Delete(f64, f64),
    /// Remove every `}` (or `{`).
    DropBraces(bool),
    /// Paste raw bytes (lossily made text, as an editor would send them).
    Binary(f64, Vec<u8>),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0.0..1.0f64, "[a-z_ :{}\\[\\]\"@.>-]{0,12}").prop_map(|(at, s)| Edit::Insert(at, s)),
        (0.0..1.0f64, 0.0..1.0f64).prop_map(|(a, b)| Edit::Delete(a.min(b), a.max(b))),
        any::<bool>().prop_map(Edit::DropBraces),
        (0.0..1.0f64, proptest::collection::vec(any::<u8>(), 0..16))
            .prop_map(|(at, b)| Edit::Binary(at, b)),
    ]
}

fn at(text: &str, fraction: f64) -> usize {
    let mut i = ((text.len() as f64) * fraction) as usize;
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &mut String, e: &Edit) {
    match e {
        Edit::Insert(f, s) => {
            let i = at(text, *f);
            text.insert_str(i, s);
        }
        Edit::Delete(a, b) => {
            let (a, b) = (at(text, *a), at(text, *b));
            // Small deletions: half-typed lines, not empty files.
            let b = b.min(a + 40);
            let mut b2 = b;
            while !text.is_char_boundary(b2) {
                b2 -= 1;
            }
            text.replace_range(a..b2.max(a), "");
        }
        Edit::DropBraces(close) => *text = text.replace(if *close { '}' } else { '{' }, ""),
        Edit::Binary(f, bytes) => {
            let i = at(text, *f);
            text.insert_str(i, &String::from_utf8_lossy(bytes));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn random_edits_never_crash_or_stall(edits in proptest::collection::vec(edit(), 1..8)) {
        let mut text = std::fs::read_to_string(root().join("specs/feed_ranking.mlsd")).unwrap();
        let mut c = Client::start();
        c.open(&text);
        for e in &edits {
            apply(&mut text, e);
            c.change(&text);
            // Every request answers (an error response is an answer; the client panics on
            // a stall or an exit).
            let line = (text.matches('\n').count() / 2) as u32;
            for method in [
                "textDocument/hover",
                "textDocument/completion",
                "textDocument/definition",
                "textDocument/prepareRename",
            ] {
                let _ = c.try_request(method, position(line, 3));
            }
            let doc = json!({ "textDocument": { "uri": URI } });
            let _ = c.try_request("textDocument/documentSymbol", doc.clone());
            let _ = c.try_request("textDocument/foldingRange", doc);
        }
        let diags = c.diagnostics();
        prop_assert!(diags.iter().all(|d| d["range"]["start"]["line"].as_u64().is_some()));
        c.shutdown();
    }
}
