//! The red team of issue 9: every string of the reference spec that can carry it gets the
//! injection payload (lone CR, LF, U+2028/U+2029, NEL, NUL and other controls, bidirectional
//! controls, quote and comment closers), the spec's file name too, and every generated file
//! goes through its real tool: py_compile and import, `cargo check` on the Rust crate, protoc,
//! a YAML parser and an XML parser (tests/support/redteam_check.py). One build carries all.

use std::path::Path;
use std::process::Command;

use mlsd::build::{BuildOptions, build_source};
use mlsd::codegen::StubOptions;
use mlsd::output::GeneratedFile;

use crate::support::root;

/// Written in spec syntax: a Python statement after a lone CR and after a LF, every line
/// separator and control the issue names, and closers of the generated files' syntaxes.
const PAYLOAD: &str = r#" x\u{d}    __import__(\"os\").makedirs(\"PWNED_CR\")\u{2028}a\u{2029}b\u{85}c\u{b}d\u{c}e\u{0}f\u{1b}[31mg\u{7f}h\u{9b}i\u{202e}j\u{2066}k\u{200f}l\u{61c}m\n    __import__(\"os\").makedirs(\"PWNED_LF\")\u{d}\n# \"\"\" ''' */ --> ]]> <b>&amp;</b> {{x}} ${x} \\"#;

const GRPC: &str = "\napi scores \"Scores\" { protocol: grpc; served_by: ranker_server
  rpc ScoreUser { request: UserFeatures; response: Score; description: \"Scores one user\" }
}
";

/// The spec's file name, with a line break and a bidirectional override in it.
const SPEC_NAME: &str = "feed\r\nimport os; os.makedirs('PWNED_NAME')\u{2028}\u{202e}.mlsd";

/// The reference spec with the payload appended to every one-line string that still passes
/// `check` with it, and how many strings carry it.
fn hostile_spec() -> (String, usize) {
    let mut spec = std::fs::read_to_string(root().join("specs/feed_ranking.mlsd")).expect("spec");
    // A gRPC api, for the .proto files.
    spec.push_str(GRPC);
    let mut carried = 0;
    let mut at = 0;
    while let Some(close) = next_string_end(&spec, at) {
        let candidate = format!("{}{PAYLOAD}{}", &spec[..close], &spec[close..]);
        // URL paths are not prose: `check` does not yet vet their characters (see README).
        let is_path = spec[..close]
            .rfind('"')
            .is_some_and(|o| spec[o + 1..].starts_with('/'));
        if is_path || mlsd::analyze(candidate.as_bytes()).has_errors() {
            at = close + 1;
        } else {
            spec = candidate;
            carried += 1;
            at = close + PAYLOAD.len() + 1;
        }
    }
    (spec, carried)
}

/// The byte index of the closing quote of the next one-line `"..."` string at or after `from`
/// (triple-quoted strings and comments skipped).
fn next_string_end(s: &str, from: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = from;
    let mut open: Option<usize> = None;
    while i < b.len() {
        match (open, b[i]) {
            (None, b'#') => i = s[i..].find('\n').map_or(b.len(), |n| i + n),
            (None, b'"') if s[i..].starts_with("\"\"\"") => {
                i = s[i + 3..].find("\"\"\"").map_or(b.len(), |n| i + 3 + n + 2);
            }
            (None, b'"') => open = Some(i),
            (Some(_), b'\\') => i += 1,
            (Some(_), b'"') => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

fn build() -> (Vec<GeneratedFile>, usize) {
    let (spec, carried) = hostile_spec();
    let options = BuildOptions {
        stubs: StubOptions {
            python: true,
            rust: true,
        },
        png: false,
        ..BuildOptions::default()
    };
    let build = build_source(spec.as_bytes(), SPEC_NAME, &options);
    let files = build
        .files
        .expect("the hostile spec passes check")
        .expect("and renders");
    (files, carried)
}

fn write_tree(dir: &Path, files: &[GeneratedFile]) {
    for f in files {
        let path = dir.join(&f.path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, &f.contents).expect("write");
    }
}

/// Missing tools fail under CI and skip loudly elsewhere (scripts/install-test-tools.sh).
fn tool(program: &str, args: &[&str]) -> bool {
    let ok = Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "`{program}` is missing: run scripts/install-test-tools.sh"
        );
        eprintln!("SKIPPED: `{program}` is missing (run scripts/install-test-tools.sh)");
    }
    ok
}

#[test]
fn the_payload_reaches_many_strings_and_no_file_holds_an_unsafe_character() {
    let (files, carried) = build();
    assert!(carried >= 60, "only {carried} strings carry the payload");
    let mut text_files = 0;
    for f in &files {
        let Ok(text) = std::str::from_utf8(&f.contents) else {
            continue;
        };
        text_files += 1;
        if let Some((i, c)) = text
            .char_indices()
            .find(|&(_, c)| mlsd::output::text::is_unsafe(c))
        {
            let from = text[..i].char_indices().rev().nth(40).map_or(0, |(j, _)| j);
            panic!("{}: unsafe {:?} after {:?}", f.path, c, &text[from..i]);
        }
    }
    assert!(text_files > 20, "{text_files}");
    assert!(
        files
            .iter()
            .any(|f| String::from_utf8_lossy(&f.contents).contains("\\u{202e}")),
        "the bidirectional override is shown as its escape somewhere"
    );
}

#[test]
fn python_yaml_and_svg_pass_their_parsers_and_nothing_runs() {
    if !tool("python3", &["-c", "import yaml"]) {
        return;
    }
    let (files, _) = build();
    let dir = tempfile::tempdir().expect("dir");
    write_tree(dir.path(), &files);
    let out = Command::new("python3")
        .arg(root().join("tests/support/redteam_check.py"))
        .arg(dir.path())
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let counts = stdout.lines().next().unwrap_or_default();
    for kind in ["py=", "svg=", "yaml="] {
        assert!(
            counts
                .split(' ')
                .any(|c| c.starts_with(kind) && c != format!("{kind}0")),
            "no {kind} file checked: {counts}"
        );
    }
    for name in ["PWNED_CR", "PWNED_LF", "PWNED_NAME"] {
        let found = walk(dir.path())
            .into_iter()
            .any(|p| p.file_name().is_some_and(|n| n == name));
        assert!(!found, "an injected statement ran: {name}");
    }
}

#[test]
fn protoc_accepts_the_protos() {
    if !tool("protoc", &["--version"]) {
        return;
    }
    let (files, _) = build();
    let dir = tempfile::tempdir().expect("dir");
    write_tree(dir.path(), &files);
    let protos: Vec<_> = walk(dir.path())
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "proto"))
        .collect();
    assert!(!protos.is_empty(), "the reference spec has a gRPC api");
    for p in protos {
        let out = Command::new("protoc")
            .arg("-I")
            .arg(p.parent().expect("parent"))
            .arg(format!("--python_out={}", dir.path().display()))
            .arg(&p)
            .output()
            .expect("protoc runs");
        assert!(
            out.status.success(),
            "protoc {}:\n{}",
            p.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn cargo_check_accepts_the_rust_crate() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    if !tool(&cargo, &["--version"]) {
        return;
    }
    let (files, _) = build();
    let rust: Vec<GeneratedFile> = files
        .into_iter()
        .filter(|f| f.path.starts_with("implementation/rust/"))
        .collect();
    assert!(rust.len() > 3, "a Rust crate was generated");
    let dir = tempfile::tempdir().expect("dir");
    write_tree(dir.path(), &rust);
    let krate = dir.path().join("implementation/rust");
    if let Err(runs) = crate::support::cargo_in_crate(&krate, &["check", "--quiet"]) {
        panic!("cargo check on the red team's crate\n{runs}");
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                todo.push(p.clone());
            }
            out.push(p);
        }
    }
    out
}
