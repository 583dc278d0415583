//! The code registry (`mlsd::codes`): every code the sources use is registered, every
//! registered code is documented in docs/ and given by some test spec, and `mlsd explain`
//! prints an entry or suggests the nearest code.

use std::collections::BTreeSet;
use std::path::Path;

use crate::support::{Test, golden, root};

/// The `[EWR]NNN` words in `text` (a code, wherever it stands).
fn code_words(text: &str) -> BTreeSet<String> {
    let bytes = text.as_bytes();
    let mut found = BTreeSet::new();
    for i in 0..bytes.len().saturating_sub(3) {
        let is_code = matches!(bytes[i], b'E' | b'W' | b'R')
            && bytes[i + 1..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
            && bytes.get(i + 4).is_none_or(|b| !b.is_ascii_alphanumeric());
        if is_code {
            found.insert(text[i..i + 4].to_string());
        }
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn registered() -> BTreeSet<String> {
    mlsd::codes::all().map(|e| e.code.to_string()).collect()
}

#[test]
fn every_code_in_the_sources_is_registered_and_none_is_a_stray_string() {
    let registry = registered();
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let codes_dir = root().join("src/codes");
    let mut used = BTreeSet::new();
    for file in files.iter().filter(|f| !f.starts_with(&codes_dir)) {
        let text = std::fs::read_to_string(file).expect("read source");
        for code in code_words(&text) {
            assert!(
                registry.contains(&code),
                "{} uses `{code}`, which is not in src/codes",
                file.display()
            );
            assert!(
                !text.contains(&format!("\"{code}\"")),
                "{} writes the code `{code}` as a string: use `codes::{code}`",
                file.display()
            );
        }
        for code in registry.iter() {
            if text.contains(&format!("codes::{code}")) {
                used.insert(code.clone());
            }
        }
    }
    // Every diagnostic code is given somewhere (rules are given by the analysis stage).
    for code in registry.iter().filter(|c| !c.starts_with('R')) {
        assert!(
            used.contains(code),
            "`{code}` is registered but used nowhere in src/"
        );
    }
}

#[test]
fn every_diagnostic_code_is_documented_in_the_language_reference() {
    let doc = std::fs::read_to_string(root().join("docs/language.md")).expect("language.md");
    for e in mlsd::codes::all().filter(|e| !e.code.starts_with('R')) {
        assert!(
            doc.contains(&format!("| `{}` |", e.code)),
            "docs/language.md has no table row for `{}`",
            e.code
        );
    }
}

#[test]
fn every_rule_code_is_documented_in_the_review_reference() {
    let doc = std::fs::read_to_string(root().join("docs/review.md")).expect("docs/review.md");
    let documented = code_words(&doc);
    for e in mlsd::codes::all().filter(|e| e.code.starts_with('R')) {
        assert!(
            documented.contains(e.code),
            "docs/review.md never names `{}`",
            e.code
        );
    }
}

/// The codes that the goldens of one corpus show, as `error[E032]` / `warning[W004]`.
fn shown_in(dir: &str, ext: &str) -> BTreeSet<String> {
    let mut shown = BTreeSet::new();
    for entry in std::fs::read_dir(root().join(dir))
        .expect("corpus")
        .flatten()
    {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == ext) {
            let bytes = std::fs::read(&path).expect("golden");
            let text = String::from_utf8_lossy(&bytes);
            for code in code_words(&text) {
                if text.contains(&format!("[{code}]")) {
                    shown.insert(code);
                }
            }
        }
    }
    shown
}

#[test]
fn every_error_and_warning_is_given_by_a_corpus_spec() {
    let errors = shown_in("tests/errors", "stderr");
    let warnings = shown_in("tests/warnings", "stderr");
    for e in mlsd::codes::all() {
        if mlsd::codes::INTERNAL.contains(&e.code) {
            continue;
        }
        match &e.code[..1] {
            "E" => assert!(
                errors.contains(e.code),
                "no spec in tests/errors gives `{}`",
                e.code
            ),
            "W" => assert!(
                warnings.contains(e.code),
                "no spec in tests/warnings gives `{}`",
                e.code
            ),
            _ => {}
        }
    }
}

#[test]
fn every_rule_has_a_trigger_spec() {
    for e in mlsd::codes::all().filter(|e| e.code.starts_with('R')) {
        let spec = root().join(format!("tests/review/{}_trigger.mlsd", e.code));
        assert!(spec.is_file(), "missing {}", spec.display());
    }
}

/// Each spec in tests/warnings/ is named after the one warning code it is written to give;
/// it gives no error, and its golden shows the warnings of that code.
#[test]
fn every_warning_spec_gives_its_warning() {
    let dir = root().join("tests/warnings");
    let mut specs: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/warnings")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "mlsd"))
        .collect();
    specs.sort();
    assert!(!specs.is_empty());
    for spec in specs {
        let name = spec.file_name().unwrap().to_string_lossy().into_owned();
        let code = &name[..4];
        let analysis = mlsd::analyze(&std::fs::read(&spec).expect("read"));
        assert!(
            analysis.diagnostics.iter().all(|d| !d.is_error()),
            "{name} gives errors: {:#?}",
            analysis.diagnostics
        );
        let other: Vec<_> = analysis
            .diagnostics
            .iter()
            .filter(|d| d.code != code)
            .collect();
        assert!(other.is_empty(), "{name} gives other warnings: {other:#?}");
        assert!(!analysis.diagnostics.is_empty(), "{name} gives no `{code}`");
        let rendered = mlsd::diagnostic::render(
            &analysis.diagnostics,
            &format!("tests/warnings/{name}"),
            &analysis.source,
            false,
        );
        golden(&spec.with_extension("stderr"), &rendered);
    }
}

#[test]
fn explain_prints_the_entry() {
    let out = Test::new().args(&["explain", "e032"]).run().code(0);
    golden(
        &root().join("tests/suite/codes/explain_E032.stdout"),
        &out.stdout,
    );
    Test::new()
        .args(&["explain", "W004"])
        .run()
        .code(0)
        .stdout_has("W004 (warning): a free `non_functional` key is near a checked one");
    Test::new()
        .args(&["explain", "R001"])
        .run()
        .code(0)
        .stdout_has("R001 (high): single point of failure")
        .stdout_has("fix: run at least 2 replicas, in 2 zones");
    Test::new()
        .args(&["explain", "R002"])
        .run()
        .code(0)
        .stdout_has("R002 (high or medium)");
}

#[test]
fn explain_an_unknown_code_fails_with_the_nearest() {
    Test::new()
        .args(&["explain", "E99"])
        .run()
        .code(2)
        .stderr_has("error: unknown code `E99`")
        .stderr_has("did you mean `E057`?");
    Test::new()
        .args(&["explain", "R030"])
        .run()
        .code(2)
        .stderr_has("did you mean `R022`?");
    Test::new()
        .args(&["explain", "zzz"])
        .run()
        .code(2)
        .stderr_has("codes are E0xx (errors), W0xx (warnings) and R0xx (review rules)");
}
