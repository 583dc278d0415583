//! `output { stubs; formats; site }`: a spec says how it is built, a command-line flag
//! overrides one key for one run, and leaving a stub language or format out never deletes
//! what an earlier build made (until `--prune`).

use std::path::Path;
use std::process::Command;

use crate::support::Test;
use mlsd::build::{BuildOptions, Overrides};
use mlsd::codegen::StubOptions;
use mlsd::model::DiagramFormat;

const BASE: &str = "system \"Demo\"\nuser viewer\nservice api\nviewer -> api\n";

fn spec(output: &str) -> String {
    format!("{BASE}{output}\n")
}

/// Runs `mlsd ARGS` again in the folder of an earlier run: (exit code, stderr).
fn again(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_mlsd"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("mlsd runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn options_of(text: &str, overrides: &Overrides) -> BuildOptions {
    let analysis = mlsd::analyze(text.as_bytes());
    assert!(!analysis.has_errors(), "{:#?}", analysis.diagnostics);
    overrides.options_for(&analysis.model)
}

#[test]
fn the_spec_sets_the_options_and_each_given_flag_overrides_its_key() {
    let text = spec("output { stubs: [python, rust]; formats: [svg]; site: true }");
    let o = options_of(&text, &Overrides::default());
    assert_eq!(
        (o.stubs, o.svg, o.png, o.site),
        (
            StubOptions {
                python: true,
                rust: true
            },
            true,
            false,
            true
        )
    );
    // `--stubs python` overrides `stubs` and nothing else.
    let flags = Overrides {
        stubs: Some("python".parse().expect("stubs")),
        ..Overrides::default()
    };
    let o = options_of(&text, &flags);
    assert_eq!(o.stubs, StubOptions::default());
    assert_eq!((o.svg, o.png, o.site), (true, false, true));
    // `--format png` overrides `formats`; `--site`'s absence leaves `site`.
    let flags = Overrides {
        formats: Some(vec![DiagramFormat::Png]),
        site: Some(false),
        ..Overrides::default()
    };
    let o = options_of(&text, &flags);
    assert_eq!((o.svg, o.png, o.site), (false, true, false));
    assert!(o.stubs.rust);
}

#[test]
fn a_spec_without_output_keeps_the_defaults() {
    let o = options_of(&spec(""), &Overrides::default());
    let d = BuildOptions::default();
    assert_eq!(
        (o.stubs, o.svg, o.png, o.site),
        (d.stubs, d.svg, d.png, d.site)
    );
    // `none` writes no stubs; `rust` alone still has the Python stubs (as `--stubs rust`).
    let o = options_of(&spec("output { stubs: none }"), &Overrides::default());
    assert!(!o.stubs.python && !o.stubs.rust);
    let o = options_of(
        &spec("output { stubs: [rust, rust] }"),
        &Overrides::default(),
    );
    assert!(o.stubs.python && o.stubs.rust);
    let o = options_of(&spec("output { formats: [] }"), &Overrides::default());
    assert!(!o.svg && !o.png);
}

#[test]
fn bad_output_values_are_errors_with_a_fix() {
    for (section, message, help) in [
        (
            "output { stubs: [pyhton] }",
            "unknown stub language `pyhton` in `output.stubs`",
            "did you mean `python`?",
        ),
        (
            "output { formats: jpg }",
            "unknown diagram format `jpg` in `output.formats`",
            "`formats` takes: svg, png",
        ),
        (
            "output { stubs: [none, rust] }",
            "`none` cannot be listed with other stub languages",
            "write `stubs: [none]`",
        ),
    ] {
        let analysis = mlsd::analyze(spec(section).as_bytes());
        let errors: Vec<_> = analysis
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .collect();
        assert_eq!(errors.len(), 1, "{section}: {errors:#?}");
        assert_eq!(errors[0].code, mlsd::codes::E056, "{section}");
        assert_eq!(errors[0].message, message);
        assert!(
            errors[0].help.iter().any(|h| h.contains(help)),
            "{errors:#?}"
        );
    }
    // The other keys' values are checked by the shared getters.
    let analysis = mlsd::analyze(spec("output { site: yes; stub: [rust] }").as_bytes());
    let codes: Vec<_> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.code)
        .collect();
    assert_eq!(codes, [mlsd::codes::E037, mlsd::codes::E032]);
}

#[test]
fn the_spec_says_rust_and_the_crate_is_built_without_a_flag() {
    let run = Test::new()
        .spec(&spec("output { stubs: [python, rust]; formats: [svg] }"))
        .args(&["build", "spec.mlsd", "-o", "out"])
        .run()
        .code(0);
    let out = run.dir.join("out");
    assert!(out.join("implementation/rust/Cargo.toml").exists());
    assert!(out.join("implementation/data_models.py").exists());
    assert!(out.join("diagrams/architecture.svg").exists());
    assert!(
        !out.join("diagrams/architecture.png").exists(),
        "`formats: [svg]` draws no PNG"
    );
    // The same build is up to date.
    let (code, stderr) = again(&run.dir, &["build", "spec.mlsd", "-o", "out", "--check"]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn a_flag_overrides_the_spec_for_one_run_and_never_deletes_the_crate_without_prune() {
    let run = Test::new()
        .spec(&spec("output { stubs: [rust]; formats: [svg] }"))
        .args(&["build", "spec.mlsd", "-o", "out"])
        .run()
        .code(0);
    let out = run.dir.join("out");
    let krate = out.join("implementation/rust/Cargo.toml");
    assert!(krate.exists());
    // `--format png` wins over `formats: [svg]`: a PNG now; the SVGs are kept, not deleted.
    let (code, stderr) = again(
        &run.dir,
        &["build", "spec.mlsd", "-o", "out", "--format", "png"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(out.join("diagrams/architecture.png").exists());
    assert!(out.join("diagrams/architecture.svg").exists(), "{stderr}");
    // `--stubs python` leaves the crate out for this run: kept and said so.
    let (code, stderr) = again(
        &run.dir,
        &["build", "spec.mlsd", "-o", "out", "--stubs", "python"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(krate.exists(), "the crate was deleted: {stderr}");
    assert!(stderr.contains("made with `--stubs rust`"), "{stderr}");
    // The spec's choice is back on the next run without flags.
    let (code, stderr) = again(&run.dir, &["build", "spec.mlsd", "-o", "out", "--check"]);
    assert_eq!(code, 0, "{stderr}");
    // The spec drops `rust`: the crate stays until `--prune`.
    std::fs::write(run.dir.join("spec.mlsd"), spec("output { formats: [svg] }")).expect("write");
    let (code, stderr) = again(&run.dir, &["build", "spec.mlsd", "-o", "out"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(krate.exists(), "the crate was deleted: {stderr}");
    let (code, stderr) = again(&run.dir, &["build", "spec.mlsd", "-o", "out", "--prune"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!krate.exists(), "{stderr}");
    assert!(out.join("implementation/data_models.py").exists());
}

#[test]
fn fmt_prints_the_section() {
    let input = spec("output {stubs:[python,rust];formats : [svg, png]\n site: true}");
    let formatted = mlsd::fmt::format(&input).expect("formats");
    assert!(
        formatted
            .contains("output {\n  stubs: [python, rust]\n  formats: [svg, png]\n  site: true\n}"),
        "{formatted}"
    );
    assert_eq!(mlsd::fmt::format(&formatted).expect("again"), formatted);
}

/// The language server's completion at the end of `spec + tail`.
fn complete_after(spec: &str, tail: &str) -> Vec<String> {
    let text = format!("{spec}{tail}");
    let mut c = crate::lsp_client::Client::start();
    c.open(spec);
    c.change(&text);
    let line = text.matches('\n').count() as u32;
    let last = text.rsplit('\n').next().unwrap_or_default();
    let ch = last.chars().map(char::len_utf16).sum::<usize>() as u32;
    let items = c.at("textDocument/completion", line, ch);
    c.shutdown();
    items
        .as_array()
        .expect("a completion list")
        .iter()
        .filter_map(|i| i["label"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn the_language_server_completes_the_section_and_its_words() {
    let top = complete_after(BASE, "");
    assert!(top.contains(&"output".to_string()), "{top:?}");
    let keys = complete_after(BASE, "output { ");
    assert_eq!(keys, ["stubs", "formats", "site"]);
    let stubs = complete_after(BASE, "output { stubs: ");
    assert_eq!(stubs, ["python", "rust", "none"]);
    let formats = complete_after(BASE, "output { formats: ");
    assert_eq!(formats, ["svg", "png"]);
}
