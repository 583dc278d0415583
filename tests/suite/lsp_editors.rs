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

/// The names of the files in a zip archive (the packaged extension).
fn zip_names(zip: &std::path::Path) -> String {
    let out = std::process::Command::new("unzip")
        .arg("-Z1")
        .arg(zip)
        .output()
        .expect("unzip (scripts/install-editor-tools.sh)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The VS Code extension packages with the official tool (@vscode/vsce, installed from npm by
/// scripts/install-editor-tools.sh) and the .vsix holds what package.json promises: the
/// client, its language client library, the grammar, the language configuration, and a
/// handler for every contributed command.
#[test]
fn vscode_extension_packages_with_vsce() {
    let dir = root().join("editors/vscode");
    let vsce = dir.join("node_modules/.bin/vsce");
    if !vsce.exists() {
        assert!(
            std::env::var("CI").is_err(),
            "@vscode/vsce is missing: run scripts/install-editor-tools.sh"
        );
        eprintln!("skipped: no editors/vscode/node_modules (scripts/install-editor-tools.sh)");
        return;
    }
    let out_dir = tempfile::tempdir().unwrap();
    let vsix = out_dir.path().join("mlsd.vsix");
    let out = std::process::Command::new(&vsce)
        .args([
            "package",
            "--allow-missing-repository",
            "--skip-license",
            "-o",
        ])
        .arg(&vsix)
        .current_dir(&dir)
        .output()
        .expect("vsce runs (node on PATH)");
    assert!(
        out.status.success(),
        "vsce package failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let files = zip_names(&vsix);
    let files: Vec<&str> = files.lines().collect();
    let manifest = std::process::Command::new("unzip")
        .arg("-p")
        .arg(&vsix)
        .arg("extension/package.json")
        .output()
        .unwrap();
    let manifest: serde_json::Value =
        serde_json::from_slice(&manifest.stdout).expect("extension/package.json in the .vsix");
    let has = |path: &str| {
        files.contains(&format!("extension/{}", path.trim_start_matches("./")).as_str())
    };
    assert!(files.contains(&"extension.vsixmanifest"), "{files:?}");
    assert!(
        has(manifest["main"].as_str().unwrap()),
        "the client: {files:?}"
    );
    assert!(
        files
            .iter()
            .any(|f| f.starts_with("extension/node_modules/vscode-languageclient/")),
        "the language client library is bundled"
    );
    assert!(!files.iter().any(|f| f.starts_with("extension/scripts/")));
    let contributes = &manifest["contributes"];
    assert_eq!(contributes["languages"][0]["id"], "mlsd");
    assert_eq!(contributes["languages"][0]["extensions"][0], ".mlsd");
    assert!(has(contributes["languages"][0]["configuration"]
        .as_str()
        .unwrap()));
    let grammar = contributes["grammars"][0]["path"].as_str().unwrap();
    assert!(has(grammar), "{grammar} packaged");
    let client = std::fs::read_to_string(dir.join("extension.js")).unwrap();
    assert!(
        client.contains("args: [\"lsp\"]"),
        "the client starts `mlsd lsp`"
    );
    let commands = contributes["commands"].as_array().unwrap();
    assert!(commands.iter().any(|c| c["command"] == "mlsd.openPreview"));
    for c in commands {
        let id = c["command"].as_str().unwrap();
        assert!(
            client.contains(&format!("registerCommand(\"{id}\"")),
            "no handler for `{id}`"
        );
    }
}
