//! `mlsd check`: exit codes, warnings, JSON output, colour and I/O trouble.

use crate::support::Test;

const WARNS: &str = "system \"S\" { summary: \"x\" }\nuser viewer\nservice api\nviewer -> api\n";

#[test]
fn clean_spec_exits_zero() {
    let spec =
        std::fs::read_to_string(crate::support::root().join("specs/feed_ranking.mlsd")).unwrap();
    Test::new()
        .spec(&spec)
        .args(&["check", "spec.mlsd"])
        .run()
        .code(0);
}

#[test]
fn warnings_exit_zero_unless_denied() {
    Test::new()
        .spec(WARNS)
        .args(&["check", "spec.mlsd"])
        .run()
        .code(0)
        .stderr_has("warning[W001]: the design has no functional requirement");
    Test::new()
        .spec(WARNS)
        .args(&["check", "spec.mlsd", "--deny-warnings"])
        .run()
        .code(1);
}

#[test]
fn errors_exit_one_and_are_all_reported() {
    let spec = "system \"S\" {}\nservice a { replics: 2 }\nservice b { tech: 3 }\na -> c\n";
    let out = Test::new()
        .spec(spec)
        .args(&["check", "spec.mlsd"])
        .run()
        .code(1);
    assert!(
        out.stderr.contains("E032") && out.stderr.contains("E037") && out.stderr.contains("E035"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("spec.mlsd:2:13"), "{}", out.stderr);
    assert!(out.stderr.contains("error: 3 errors"), "{}", out.stderr);
}

#[test]
fn missing_file_exits_two() {
    Test::new()
        .args(&["check", "nope.mlsd"])
        .run()
        .code(2)
        .stderr_has("cannot read `nope.mlsd`");
}

#[test]
fn usage_error_exits_two() {
    Test::new().args(&["chekc"]).run().code(2);
    Test::new()
        .args(&["--version"])
        .run()
        .code(0)
        .stdout_has("mlsd");
    Test::new()
        .args(&["--help"])
        .run()
        .code(0)
        .stdout_has("check");
}

#[test]
fn json_format_lists_diagnostics() {
    let spec = "system \"S\" {}\nservice a { replics: 2 }\n";
    let out = Test::new()
        .spec(spec)
        .args(&["check", "spec.mlsd", "--format", "json"])
        .run()
        .code(1);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    let first = &v["diagnostics"][0];
    assert_eq!(first["severity"], "error");
    assert_eq!(first["code"], "E032");
    assert_eq!(first["file"], "spec.mlsd");
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(2), Some(13))
    );
    assert_eq!(
        (first["end_line"].as_u64(), first["end_column"].as_u64()),
        (Some(2), Some(20))
    );
    assert_eq!(first["help"], "did you mean `replicas`?");
    let warn = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["severity"] == "warning");
    assert!(
        warn.is_none(),
        "no warnings are reported once there are errors"
    );
}

#[test]
fn no_colour_when_piped_or_no_color() {
    let spec = "system \"S\" {}\nservice a { replics: 2 }\n";
    let out = Test::new()
        .spec(spec)
        .args(&["check", "spec.mlsd"])
        .env("NO_COLOR", "1")
        .run();
    assert!(!out.stderr.contains('\u{1b}'), "{}", out.stderr);
}

#[test]
fn columns_count_characters_not_bytes() {
    let spec = "system \"Sé\" { summary: \"ééé\"; replics: 1 }\n";
    let out = Test::new()
        .spec(spec)
        .args(&["check", "spec.mlsd", "--format", "json"])
        .run()
        .code(1);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["diagnostics"][0]["column"].as_u64(), Some(31));
}
