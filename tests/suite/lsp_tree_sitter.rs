//! The tree-sitter grammar (editors/tree-sitter-mlsd) against the pest grammar: every spec in
//! specs/ parses with no ERROR or MISSING node, and on the error corpus both accept or both
//! reject, except for the documented cases where pest accepts a habit from other languages
//! only to explain it, or rejects what is checked after parsing (escapes, encoding).
//! Needs the tree-sitter CLI and a C compiler (scripts/install-editor-tools.sh); in CI a
//! missing CLI fails the test.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{root, spec_files};

/// Error-corpus files on which the two grammars disagree, and why.
const EXCEPTIONS: &[(&str, &str)] = &[];

fn cli() -> Option<PathBuf> {
    let home = std::env::var("HOME").unwrap_or_default();
    [
        PathBuf::from("tree-sitter"),
        Path::new(&home).join(".cargo/bin/tree-sitter"),
    ]
    .into_iter()
    .find(|c| Command::new(c).arg("--version").output().is_ok())
}

/// Generates the parser in a temporary copy of the grammar folder.
fn generated(cli: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = root().join("editors/tree-sitter-mlsd");
    for f in ["grammar.js", "package.json"] {
        std::fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    let out = Command::new(cli)
        .arg("generate")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "tree-sitter generate failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

/// Whether tree-sitter parses `file` without ERROR or MISSING nodes.
fn accepts(cli: &Path, grammar: &Path, file: &Path) -> bool {
    let out = Command::new(cli)
        .args(["parse", "--quiet", "--grammar-path"])
        .arg(grammar)
        .arg(file)
        .current_dir(grammar)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    out.status.success() && !text.contains("ERROR") && !text.contains("MISSING")
}

#[test]
fn tree_sitter_agrees_with_pest() {
    let Some(cli) = cli() else {
        assert!(
            std::env::var("CI").is_err(),
            "the tree-sitter CLI is missing: run scripts/install-editor-tools.sh"
        );
        eprintln!("skipped: no tree-sitter CLI (scripts/install-editor-tools.sh)");
        return;
    };
    let grammar = generated(&cli);
    for spec in spec_files() {
        assert!(
            accepts(&cli, grammar.path(), &spec),
            "tree-sitter rejects {}",
            spec.display()
        );
    }
    let mut disagree = Vec::new();
    let mut corpus: Vec<PathBuf> = std::fs::read_dir(root().join("tests/errors"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "mlsd"))
        .collect();
    corpus.sort();
    for file in corpus {
        let bytes = std::fs::read(&file).unwrap();
        let (text, bad) = mlsd::syntax::decode(&bytes);
        let pest_accepts = bad.is_none()
            && !mlsd::syntax::parse(&text)
                .diagnostics
                .iter()
                .any(|d| d.is_error());
        if pest_accepts != accepts(&cli, grammar.path(), &file) {
            disagree.push(file.file_name().unwrap().to_string_lossy().to_string());
        }
    }
    let expected: Vec<&str> = EXCEPTIONS.iter().map(|(f, _)| *f).collect();
    assert_eq!(disagree, expected);
}
