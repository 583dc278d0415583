//! The VS Code grammar's keywords and the completion lists come from the checker's
//! vocabulary: every keyword the checker accepts is highlighted as one, and nothing else is.

use mlsd::lsp::vocabulary;

use crate::support::root;

/// The words of the grammar's declaration-keyword alternation.
fn grammar_keywords() -> Vec<String> {
    let text = std::fs::read_to_string(root().join("editors/vscode/syntaxes/mlsd.tmLanguage.json"))
        .expect("the TextMate grammar");
    let grammar: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let pattern = grammar["repository"]["declaration"]["match"]
        .as_str()
        .expect("a declaration pattern");
    let start = pattern.find("\\b(").expect("an alternation") + 3;
    let end = start + pattern[start..].find(')').expect("closed");
    let mut words: Vec<String> = pattern[start..end].split('|').map(String::from).collect();
    words.sort();
    words
}

/// Every declaration keyword of every block, from the checker's vocabulary, and the same
/// closure computed through the language server's adapter (what completion offers).
fn vocabulary_keywords() -> Vec<String> {
    let mut all: Vec<String> = Vec::new();
    let mut todo: Vec<&str> = vec![""];
    while let Some(block) = todo.pop() {
        for k in vocabulary::block_keywords(block) {
            if !all.iter().any(|a| a == k) {
                all.push(k.to_string());
                todo.push(k);
            }
        }
    }
    all.sort();
    let checker: Vec<String> = mlsd::model::vocab::all_keywords()
        .into_iter()
        .map(String::from)
        .collect();
    assert_eq!(all, checker, "completion offers the checker's keywords");
    all
}

#[test]
fn grammar_keywords_are_the_vocabulary() {
    assert_eq!(grammar_keywords(), vocabulary_keywords());
}

#[test]
fn grammar_field_types_are_the_vocabulary() {
    let text = std::fs::read_to_string(root().join("editors/vscode/syntaxes/mlsd.tmLanguage.json"))
        .unwrap();
    let grammar: serde_json::Value = serde_json::from_str(&text).unwrap();
    let pattern = grammar["repository"]["type"]["match"].as_str().unwrap();
    for t in vocabulary::FIELD_TYPES {
        assert!(
            pattern.contains(&format!("|{t}|"))
                || pattern.contains(&format!("({t}|"))
                || pattern.contains(&format!("|{t})")),
            "{t}"
        );
    }
}

#[test]
fn tree_sitter_highlight_keywords_are_the_vocabulary() {
    let text =
        std::fs::read_to_string(root().join("editors/tree-sitter-mlsd/queries/highlights.scm"))
            .expect("the highlight query");
    let start = text
        .find("(#any-of? @keyword")
        .expect("the keyword predicate");
    let end = start + text[start..].find(')').expect("closed");
    let mut words: Vec<String> = text[start..end]
        .split('"')
        .skip(1)
        .step_by(2)
        .map(String::from)
        .collect();
    words.sort();
    assert_eq!(words, vocabulary_keywords());
}
