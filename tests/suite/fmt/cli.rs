//! `mlsd fmt` on files: `--check`, rewriting, folders, refusals and exit codes.

use crate::support::Test;

const MESSY: &str = "system \"S\";user a;  service b { tech: \"Go\" }  # b\n\n\n\na -> b\n";
const CLEAN: &str = "system \"S\"\nuser a\nservice b { tech: \"Go\" }  # b\n\na -> b\n";

#[test]
fn check_names_the_files_that_would_change_and_writes_nothing() {
    let out = Test::new()
        .file("messy.mlsd", MESSY.as_bytes())
        .file("clean.mlsd", CLEAN.as_bytes())
        .args(&["fmt", "--check", "messy.mlsd", "clean.mlsd"])
        .run()
        .code(1)
        .stderr_has("1 file not formatted");
    assert_eq!(out.stdout, "messy.mlsd\n");
    assert_eq!(
        std::fs::read_to_string(out.dir.join("messy.mlsd")).unwrap(),
        MESSY
    );
}

#[test]
fn check_passes_on_formatted_files() {
    let out = Test::new()
        .file("clean.mlsd", CLEAN.as_bytes())
        .args(&["fmt", "--check", "clean.mlsd"])
        .run()
        .code(0);
    assert_eq!(out.stdout, "");
}

#[test]
fn rewrites_files_in_place() {
    let out = Test::new()
        .file("messy.mlsd", MESSY.as_bytes())
        .args(&["fmt", "messy.mlsd"])
        .run()
        .code(0)
        .stderr_has("formatted messy.mlsd");
    assert_eq!(
        std::fs::read_to_string(out.dir.join("messy.mlsd")).unwrap(),
        CLEAN
    );
    let leftovers: Vec<_> = std::fs::read_dir(&out.dir).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "a temporary file was left behind");
}

#[test]
fn without_files_formats_every_spec_below_the_folder() {
    let out = Test::new()
        .file("a.mlsd", MESSY.as_bytes())
        .file("sub/deeper/b.mlsd", MESSY.as_bytes())
        .file("sub/notes.txt", b"user a;user b")
        .file(".hidden/c.mlsd", MESSY.as_bytes())
        .args(&["fmt", "--check"])
        .run()
        .code(1);
    assert_eq!(out.stdout, "a.mlsd\nsub/deeper/b.mlsd\n");
    let out = Test::new()
        .file("a.mlsd", MESSY.as_bytes())
        .file("sub/deeper/b.mlsd", MESSY.as_bytes())
        .args(&["fmt"])
        .run()
        .code(0);
    for f in ["a.mlsd", "sub/deeper/b.mlsd"] {
        assert_eq!(std::fs::read_to_string(out.dir.join(f)).unwrap(), CLEAN);
    }
}

#[test]
fn refuses_a_spec_with_syntax_errors_and_leaves_it_alone() {
    let bad = "service a {\n  tech: \"Go\n";
    let out = Test::new()
        .file("bad.mlsd", bad.as_bytes())
        .file("good.mlsd", MESSY.as_bytes())
        .args(&["fmt", "bad.mlsd", "good.mlsd"])
        .run()
        .code(1)
        .stderr_has("E001")
        .stderr_has("`bad.mlsd` has syntax errors; it was not formatted");
    assert_eq!(
        std::fs::read_to_string(out.dir.join("bad.mlsd")).unwrap(),
        bad
    );
    // The other file is still formatted.
    assert_eq!(
        std::fs::read_to_string(out.dir.join("good.mlsd")).unwrap(),
        CLEAN
    );
}

#[test]
fn garbage_gets_diagnostics_not_a_panic() {
    Test::new()
        .file("g.mlsd", b"\xff\xfe\x00garbage{{[[")
        .args(&["fmt", "g.mlsd"])
        .run()
        .code(1)
        .stderr_has("E002");
}

#[test]
fn a_missing_file_is_trouble() {
    Test::new()
        .args(&["fmt", "nope.mlsd"])
        .run()
        .code(2)
        .stderr_has("cannot read `nope.mlsd`");
}

#[test]
fn semantic_errors_do_not_stop_formatting() {
    let out = Test::new()
        .file("s.mlsd", b"service a { replics: 3 };user b")
        .args(&["fmt", "s.mlsd"])
        .run()
        .code(0);
    assert_eq!(
        std::fs::read_to_string(out.dir.join("s.mlsd")).unwrap(),
        "service a { replics: 3 }\nuser b\n"
    );
}

#[test]
fn a_folder_argument_means_every_spec_below_it() {
    let out = Test::new()
        .file("top.mlsd", MESSY.as_bytes())
        .file("specs/a.mlsd", MESSY.as_bytes())
        .file("specs/b/c.mlsd", CLEAN.as_bytes())
        .args(&["fmt", "--check", "specs"])
        .run()
        .code(1);
    assert_eq!(out.stdout, "specs/a.mlsd\n");
}

#[test]
fn a_dash_reads_stdin_and_writes_stdout() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let run = |args: &[&str], input: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mlsd"))
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let out = run(&["fmt", "-"], MESSY);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), CLEAN);
    assert_eq!(run(&["fmt", "--check", "-"], MESSY).status.code(), Some(1));
    assert_eq!(run(&["fmt", "--check", "-"], CLEAN).status.code(), Some(0));
    let bad = run(&["fmt", "-"], "service a {");
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("<stdin>"));
    assert!(bad.stdout.is_empty());
}
