//! The tree-sitter grammar (editors/tree-sitter-mlsd) against the pest grammar, through the
//! generated parser compiled by the `tree-sitter-mlsd` crate: every valid spec of the
//! repository parses with no ERROR or MISSING node, and on the error corpus tree-sitter
//! rejects what pest rejects and accepts what pest accepts, except for the listed cases. The
//! queries compile against the language and capture what they claim to, and the committed
//! parser is what `tree-sitter generate` made of today's grammar.js (the stamp that
//! scripts/regen-tree-sitter.sh writes).

use std::path::PathBuf;

use tree_sitter::{Language, Parser, Query, QueryCursor, StreamingIterator, Tree};

use crate::support::{root, spec_files};

/// Error-corpus files that tree-sitter accepts and `mlsd` rejects, and why: each is a check
/// beyond a context-free grammar, which an editor's parser does not need to repeat (the
/// language server reports them).
const EXCEPTIONS: &[(&str, &str)] = &[
    (
        "02_invalid_utf8.mlsd",
        "the encoding is checked before parsing; tree-sitter reads bytes",
    ),
    (
        "05_mixed_tab_space_indent.mlsd",
        "the common indentation of a `\"\"\"` string is checked when it is dedented",
    ),
    (
        "72_nesting_too_deep.mlsd",
        "a resource limit of the checker (2000 levels), not a grammar rule",
    ),
];

fn language() -> Language {
    tree_sitter_mlsd::LANGUAGE.into()
}

fn parse(text: &str) -> Tree {
    let mut parser = Parser::new();
    parser.set_language(&language()).expect("a compatible ABI");
    parser.parse(text, None).expect("a tree")
}

/// The first ERROR or MISSING node, as `kind at line:column`.
fn first_error(tree: &Tree) -> Option<String> {
    let mut cursor = tree.walk();
    let mut stack = vec![tree.root_node()];
    while let Some(node) = stack.pop() {
        if !node.has_error() {
            continue;
        }
        if node.is_error() || node.is_missing() {
            let p = node.start_position();
            return Some(format!(
                "{} at {}:{}",
                if node.is_missing() {
                    "MISSING"
                } else {
                    "ERROR"
                },
                p.row + 1,
                p.column + 1
            ));
        }
        let children: Vec<_> = node.children(&mut cursor).collect();
        stack.extend(children.into_iter().rev());
    }
    None
}

fn mlsd_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "mlsd"))
        .collect();
    files.sort();
    files
}

/// Every spec the checker accepts: specs/, the starter of `mlsd new`, the review, warning and
/// codegen corpora.
fn valid_specs() -> Vec<PathBuf> {
    let mut files = spec_files();
    files.push(root().join("src/new/starter.mlsd"));
    for dir in ["tests/review", "tests/warnings", "tests/codegen"] {
        files.extend(mlsd_files(dir));
    }
    files
}

#[test]
fn valid_specs_have_no_error_node() {
    let files = valid_specs();
    assert!(files.len() > 50, "{} specs", files.len());
    assert!(files.iter().any(|f| f.ends_with("specs/feed_ranking.mlsd")));
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let tree = parse(&text);
        assert_eq!(first_error(&tree), None, "{}", file.display());
    }
}

/// Whether pest accepts the file: it decodes and parses with no syntax error.
fn pest_accepts(bytes: &[u8]) -> bool {
    let (text, bad) = mlsd::syntax::decode(bytes);
    bad.is_none()
        && !mlsd::syntax::parse(&text)
            .diagnostics
            .iter()
            .any(|d| d.is_error())
}

fn tree_sitter_accepts(bytes: &[u8]) -> bool {
    let mut parser = Parser::new();
    parser.set_language(&language()).unwrap();
    let tree = parser.parse(bytes, None).expect("a tree");
    !tree.root_node().has_error()
}

#[test]
fn error_corpus_is_rejected_by_both_grammars() {
    let corpus = mlsd_files("tests/errors");
    assert!(corpus.len() > 40);
    let mut disagree = Vec::new();
    let mut rejected = 0;
    for file in corpus {
        let bytes = std::fs::read(&file).unwrap();
        let pest = pest_accepts(&bytes);
        rejected += usize::from(!pest);
        if pest != tree_sitter_accepts(&bytes) {
            let name = file.file_name().unwrap().to_string_lossy().to_string();
            disagree.push(format!("{name} (pest accepts: {pest})"));
        }
    }
    // The corpus has syntax errors to compare on, not only errors found after parsing.
    assert!(rejected > 10, "{rejected} syntax errors in the corpus");
    let expected: Vec<String> = EXCEPTIONS.iter().map(|(f, _)| f.to_string()).collect();
    let got: Vec<String> = disagree
        .iter()
        .map(|d| d.split(' ').next().unwrap().to_string())
        .collect();
    assert_eq!(got, expected, "disagreements: {disagree:#?}");
}

#[test]
fn separators_and_escapes_are_pests() {
    let accepts = |text: &str| first_error(&parse(text)).is_none();
    for text in [
        "service a { }  service b { }\n",
        "service a; service b\n",
        "system \"S\" { summary: \"x\" }",
        "x { s: \"\\u{1F600} \\u{10FFFF} \\u{0041} \\\" \\\\ \\n \\t\" }\n",
    ] {
        assert!(accepts(text), "{text}");
        assert!(pest_accepts(text.as_bytes()), "pest: {text}");
    }
    for text in [
        "service b service c\n",
        "x { latency: 30 ms }\n",
        "x { s: \"\\q\" }\n",
        "x { s: \"\\u{110000}\" }\n",
        "x { s: \"\\u{D800}\" }\n",
        "x { s: \"\\u{0000041}\" }\n",
        "x { s: \"\\u{}\" }\n",
    ] {
        assert!(!accepts(text), "{text}");
        assert!(!pest_accepts(text.as_bytes()), "pest: {text}");
    }
}

#[test]
fn a_deleted_brace_is_an_error_node() {
    let good = "service api \"API\" {\n  tech: \"Go\"\n}\n";
    assert_eq!(first_error(&parse(good)), None);
    assert!(first_error(&parse(&good.replace('}', ""))).is_some());
    assert!(first_error(&parse("service api {\n  tech: \n}\n")).is_some());
}

fn captures(query_text: &str, source: &str) -> Vec<(String, String)> {
    let query = Query::new(&language(), query_text).expect("the query compiles");
    let tree = parse(source);
    let mut cursor = QueryCursor::new();
    let mut matches = cursor.matches(&query, tree.root_node(), source.as_bytes());
    let mut out = Vec::new();
    while let Some(m) = matches.next() {
        // Predicates other than the built-in `#eq?`/`#match?` are for the editor: apply
        // `#any-of?` here the way Neovim and Helix do.
        let ok = query.general_predicates(m.pattern_index).iter().all(|p| {
            p.operator.as_ref() != "any-of?" || {
                let words: Vec<String> = p.args[1..]
                    .iter()
                    .map(|a| match a {
                        tree_sitter::QueryPredicateArg::String(s) => s.to_string(),
                        tree_sitter::QueryPredicateArg::Capture(_) => String::new(),
                    })
                    .collect();
                m.captures().iter().all(|c| {
                    let text = &source[c.node.byte_range()];
                    words.iter().any(|w| w == text)
                })
            }
        });
        if !ok {
            continue;
        }
        for c in m.captures() {
            out.push((
                query.capture_names()[c.index as usize].to_string(),
                source[c.node.byte_range()].to_string(),
            ));
        }
    }
    out
}

#[test]
fn queries_compile_and_capture() {
    let source = "# a comment\nservice api \"API\" {\n  replicas: 3 @note(\"x\")\n}\n\
                  entity User {\n  id: uuid\n}\napi -> db: \"reads\"\nservic typo\n";
    let hl = captures(tree_sitter_mlsd::HIGHLIGHTS_QUERY, source);
    let has = |cap: &str, text: &str| hl.iter().any(|(c, t)| c == cap && t == text);
    assert!(has("keyword", "service"), "{hl:?}");
    assert!(has("type", "api"), "{hl:?}");
    assert!(has("property", "replicas"), "{hl:?}");
    assert!(has("number", "3"), "{hl:?}");
    assert!(has("comment", "# a comment"), "{hl:?}");
    assert!(has("type.builtin", "uuid"), "{hl:?}");
    assert!(has("operator", "->"), "{hl:?}");
    // `api -> db` names components: not keywords even though `api` is one.
    assert!(has("variable", "db"), "{hl:?}");
    // A word that is no keyword of the checker's vocabulary is not highlighted as one.
    assert!(!has("keyword", "servic"), "{hl:?}");

    let folds = captures(tree_sitter_mlsd::FOLDS_QUERY, source);
    assert_eq!(
        folds
            .iter()
            .filter(|(c, t)| c == "fold" && t.starts_with('{'))
            .count(),
        2,
        "{folds:?}"
    );
    let indents = captures(tree_sitter_mlsd::INDENTS_QUERY, source);
    assert!(
        indents.iter().any(|(c, _)| c == "indent.begin"),
        "{indents:?}"
    );
    assert!(
        indents.iter().any(|(c, t)| c == "indent.end" && t == "}"),
        "{indents:?}"
    );
    let helix = captures(tree_sitter_mlsd::HELIX_INDENTS_QUERY, source);
    assert!(helix.iter().any(|(c, _)| c == "indent"), "{helix:?}");
    assert!(
        helix.iter().any(|(c, t)| c == "outdent" && t == "}"),
        "{helix:?}"
    );
}

/// The committed parser is what `tree-sitter generate` made of today's grammar.js:
/// scripts/regen-tree-sitter.sh regenerates src/ with the pinned CLI and records grammar.js's
/// SHA-256 in src/grammar.js.sha256, and an edit to grammar.js without a regeneration fails
/// here. (CI does not build the CLI itself: that is a ~20 minute `cargo install`.)
#[test]
fn committed_parser_is_generated_from_grammar_js() {
    use sha2::{Digest, Sha256};
    let grammar = root().join("editors/tree-sitter-mlsd");
    let js = std::fs::read(grammar.join("grammar.js")).unwrap();
    let hash: String = Sha256::digest(&js)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let stamp = std::fs::read_to_string(grammar.join("src/grammar.js.sha256")).unwrap();
    assert_eq!(
        stamp.trim(),
        hash,
        "editors/tree-sitter-mlsd/grammar.js changed since src/ was generated: run \
         scripts/regen-tree-sitter.sh"
    );
}
