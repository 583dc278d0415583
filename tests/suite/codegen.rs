//! Stubs of every spec in `specs/` through the real tools: py_compile, ruff, mypy, FastAPI's
//! TestClient, protoc, cargo check and clippy; goldens of the reference spec in `examples/`.

use std::path::{Path, PathBuf};
use std::process::Command;

use mlsd::codegen::{self, StubOptions};
use mlsd::output::GeneratedFile;

use crate::support::{golden, root, spec_files};

const REFERENCE: &str = "feed_ranking";

pub(crate) fn stem(spec: &Path) -> String {
    spec.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The Python and Rust stubs of one spec file.
pub(crate) fn stubs(spec: &Path) -> Vec<GeneratedFile> {
    let bytes = std::fs::read(spec).expect("read spec");
    let analysis = mlsd::analyze(&bytes);
    assert!(!analysis.has_errors(), "{} has errors", spec.display());
    let name = spec
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    codegen::generate(
        &analysis.model,
        &name,
        &StubOptions {
            python: true,
            rust: true,
        },
    )
}

/// Writes `files` under a fresh temporary directory and returns it.
pub(crate) fn write_tree(files: &[GeneratedFile]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for f in files {
        let path = dir.path().join(&f.path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, &f.contents).expect("write");
    }
    dir
}

/// Whether `program --version` runs. Missing tools fail the test under CI and skip it
/// (loudly) elsewhere; `scripts/install-test-tools.sh` installs them.
pub(crate) fn tool(program: &str, args: &[&str]) -> bool {
    let ok = Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        if std::env::var_os("CI").is_some() {
            panic!(
                "`{program} {}` is missing: run scripts/install-test-tools.sh",
                args.join(" ")
            );
        }
        eprintln!("SKIPPED: `{program}` is missing (run scripts/install-test-tools.sh)");
    }
    ok
}

#[track_caller]
fn run_ok(cmd: &mut Command, what: &str) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(
        out.status.success(),
        "{what} failed\n--- stdout\n{}\n--- stderr\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The specs the gates run on: every spec in `specs/` and the edge cases of the generators.
fn gate_specs() -> Vec<PathBuf> {
    let mut specs = spec_files();
    specs.push(root().join("tests/codegen/edge_cases.mlsd"));
    specs.push(root().join("tests/codegen/minimal.mlsd"));
    specs.push(root().join("tests/codegen/stage_data.mlsd"));
    specs
}

/// Every gate spec's Python stubs, each written to its own folder, with the spec's stem.
fn python_trees() -> Vec<(String, tempfile::TempDir)> {
    gate_specs()
        .iter()
        .map(|spec| {
            let files: Vec<GeneratedFile> = stubs(spec)
                .into_iter()
                .filter(|f| !f.path.starts_with("implementation/rust/"))
                .collect();
            (stem(spec), write_tree(&files))
        })
        .collect()
}

const PY_FILES: [&str; 5] = [
    "data_models.py",
    "ml_models.py",
    "training_pipeline.py",
    "inference_pipeline.py",
    "api_endpoints.py",
];

#[test]
fn python_stubs_compile() {
    if !tool("python3", &["--version"]) {
        return;
    }
    for (name, dir) in python_trees() {
        let implementation = dir.path().join("implementation");
        run_ok(
            Command::new("python3")
                .args(["-m", "py_compile"])
                .args(PY_FILES)
                .current_dir(&implementation),
            &format!("py_compile on the stubs of {name}"),
        );
    }
}

/// `implementation/` is a project: ruff (with the settings of its `pyproject.toml`) and
/// `mypy --strict` pass from the design folder's root and from `implementation/` alike.
#[test]
fn python_stubs_pass_ruff_from_the_root_and_the_project() {
    if !tool("python3", &["-m", "ruff", "--version"]) {
        return;
    }
    for (name, dir) in python_trees() {
        for here in [dir.path().to_path_buf(), dir.path().join("implementation")] {
            run_ok(
                Command::new("python3")
                    .args(["-m", "ruff", "check", "--no-cache"])
                    .args(["--output-format", "concise", "."])
                    .current_dir(&here),
                &format!("ruff check on the stubs of {name} in {}", here.display()),
            );
            run_ok(
                Command::new("python3")
                    .args([
                        "-m",
                        "ruff",
                        "format",
                        "--no-cache",
                        "--check",
                        "--diff",
                        ".",
                    ])
                    .current_dir(&here),
                &format!(
                    "ruff format --check on the stubs of {name} in {}",
                    here.display()
                ),
            );
        }
    }
}

#[test]
fn python_stubs_pass_mypy_strict_from_the_root_and_the_project() {
    if !tool("python3", &["-c", "import mypy, pytest, fastapi"]) {
        return;
    }
    for (name, dir) in python_trees() {
        let cache = dir.path().join(".mypy_cache");
        for here in [dir.path().to_path_buf(), dir.path().join("implementation")] {
            run_ok(
                Command::new("python3")
                    .args(["-m", "mypy", "--strict", "--no-error-summary"])
                    .arg("--cache-dir")
                    .arg(&cache)
                    .arg(".")
                    .current_dir(&here),
                &format!("mypy --strict on the stubs of {name} in {}", here.display()),
            );
        }
    }
}

/// The generated tests pass: routes answer 501 naming their endpoint, models validate their
/// examples, `run()` calls the stages in the spec's order. No ML framework is needed.
#[test]
fn generated_pytest_passes() {
    if !tool("python3", &["-c", "import pytest, fastapi, httpx"]) {
        return;
    }
    for (name, dir) in python_trees() {
        let out = Command::new("python3")
            .args([
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "-W",
                "ignore",
            ])
            .current_dir(dir.path())
            .output()
            .expect("python3 runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && stdout.contains(" passed"),
            "pytest on the stubs of {name}:\n{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!stdout.contains("skipped"), "{name}: {stdout}");
    }
}

/// The generated tests are not vacuous: a route that answers 200 fails them.
#[test]
fn generated_pytest_fails_on_a_written_route() {
    if !tool("python3", &["-c", "import pytest, fastapi, httpx"]) {
        return;
    }
    let spec = root().join("specs").join(format!("{REFERENCE}.mlsd"));
    let files: Vec<GeneratedFile> = stubs(&spec)
        .into_iter()
        .filter(|f| !f.path.starts_with("implementation/rust/"))
        .collect();
    let dir = write_tree(&files);
    let api = dir.path().join("implementation/api_endpoints.py");
    let text = std::fs::read_to_string(&api).expect("api_endpoints.py");
    let written = text.replacen(
        "raise HTTPException(",
        "return None  # type: ignore[return-value]\n    raise HTTPException(",
        1,
    );
    assert_ne!(text, written);
    std::fs::write(&api, written).expect("write");
    let out = Command::new("python3")
        .args([
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-W",
            "ignore",
        ])
        .arg("implementation/tests/test_api_endpoints.py")
        .current_dir(dir.path())
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        !out.status.success() && stdout.contains("1 failed"),
        "{stdout}"
    );
}

/// `openapi.yaml` passes the validator's own command line, and the generated test that
/// compares it with what the app serves fails when the two drift apart.
#[test]
fn openapi_yaml_is_valid_and_is_what_the_app_serves() {
    if !tool("python3", &["-c", "import openapi_spec_validator, fastapi"]) {
        return;
    }
    for (name, dir) in python_trees() {
        run_ok(
            Command::new("python3")
                .args([
                    "-m",
                    "openapi_spec_validator",
                    "implementation/openapi.yaml",
                ])
                .current_dir(dir.path()),
            &format!("openapi-spec-validator on the openapi.yaml of {name}"),
        );
    }
    let spec = root().join("specs").join(format!("{REFERENCE}.mlsd"));
    let files: Vec<GeneratedFile> = stubs(&spec)
        .into_iter()
        .filter(|f| !f.path.starts_with("implementation/rust/"))
        .collect();
    let dir = write_tree(&files);
    let yaml = dir.path().join("implementation/openapi.yaml");
    let text = std::fs::read_to_string(&yaml).expect("openapi.yaml");
    let drifted = text.replacen("\"/v1/events\"", "\"/v1/event\"", 1);
    assert_ne!(text, drifted);
    std::fs::write(&yaml, drifted).expect("write");
    let out = Command::new("python3")
        .args([
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-W",
            "ignore",
        ])
        .arg("implementation/tests/test_openapi.py")
        .current_dir(dir.path())
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        !out.status.success() && stdout.contains("1 failed, 1 passed"),
        "{stdout}"
    );
}

#[test]
fn every_rest_endpoint_answers_501() {
    if !tool("python3", &["-c", "import fastapi, httpx"]) {
        return;
    }
    let script = root().join("tests/support/check_api.py");
    for (name, dir) in python_trees() {
        let out = Command::new("python3")
            .args(["-W", "ignore"])
            .arg(&script)
            .env("PYTHONPATH", dir.path())
            .current_dir(dir.path())
            .output()
            .expect("python3 runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "TestClient over the app of {name}:\n{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        // Every REST endpoint of the spec was called.
        let spec = gate_specs()
            .into_iter()
            .find(|s| stem(s) == name)
            .expect("spec");
        let bytes = std::fs::read(spec).expect("spec");
        let model = mlsd::analyze(&bytes).model;
        let rest: usize = model
            .apis
            .iter()
            .filter(|a| a.protocol == mlsd::model::ApiProtocol::Rest)
            .map(|a| a.endpoints.len())
            .sum();
        assert!(
            stdout.contains(&format!("{rest} routes answered 501")),
            "{name}: {stdout}"
        );
    }
}

/// Running a pipeline file runs its first stage (in topological order), which says what to
/// write; a file with no pipeline runs and exits cleanly.
#[test]
fn pipeline_entry_points_run_the_first_stage() {
    if !tool("python3", &["--version"]) {
        return;
    }
    for spec in gate_specs() {
        let name = stem(&spec);
        let model = mlsd::analyze(&std::fs::read(&spec).expect("spec")).model;
        let dir = write_tree(&stubs(&spec));
        for (file, inference) in [
            ("training_pipeline.py", false),
            ("inference_pipeline.py", true),
        ] {
            let first = model
                .pipelines
                .iter()
                .find(|p| (p.kind == Some(mlsd::model::PipelineKind::Inference)) == inference)
                .and_then(|p| {
                    p.order
                        .first()
                        .map(|&i| format!("{}.{}", p.named.name, p.stages[i].named.name))
                });
            let module = format!("implementation.{}", file.trim_end_matches(".py"));
            let out = Command::new("python3")
                .args(["-m", &module])
                .current_dir(dir.path())
                .output()
                .expect("python3 runs");
            let stderr = String::from_utf8_lossy(&out.stderr);
            match first {
                Some(stage) => assert!(
                    !out.status.success()
                        && stderr.contains(&format!("NotImplementedError: write stage `{stage}`")),
                    "{name}/{file}: expected stage `{stage}` first:\n{stderr}"
                ),
                None => assert!(out.status.success(), "{name}/{file}:\n{stderr}"),
            }
        }
    }
}

/// Stages take what earlier stages wrote and return what they write; `run()` passes the
/// values along and marks the parallel branches; an rpc named like its message is renamed.
#[test]
fn stages_pass_their_data_and_rpcs_never_clash_with_messages() {
    let files = stubs(&root().join("tests/codegen/stage_data.mlsd"));
    let text = |path: &str| {
        let f = files
            .iter()
            .find(|f| f.path == path)
            .unwrap_or_else(|| panic!("{path} is generated"));
        String::from_utf8(f.contents.clone()).expect("utf-8")
    };
    let training = text("implementation/training_pipeline.py");
    for line in [
        "def extract() -> list[Event]:",
        "def featurize(event: list[Event]) -> tuple[list[Features], Any]:",
        "def fit(features: list[Features]) -> None:",
        "def export(features_2: Any) -> None:",
        "    event = extract()",
        "    features, features_2 = featurize(event)",
        "    # Parallel branches (none waits for another): fit, export.",
        "    fit(features)",
        "    export(features_2)",
    ] {
        assert!(
            training.lines().any(|l| l == line),
            "missing {line:?} in:\n{training}"
        );
    }
    let proto = text("implementation/protos/scoring.proto");
    assert!(
        proto.contains("rpc Score2(Features) returns (Score);"),
        "{proto}"
    );
    let servicers = text("implementation/grpc_servicers.py");
    assert!(servicers.contains("    def Score2(self"), "{servicers}");
}

#[test]
fn protoc_accepts_every_proto() {
    if !tool("protoc", &["--version"]) {
        return;
    }
    let mut count = 0;
    for (name, dir) in python_trees() {
        let protos = dir.path().join("implementation/protos");
        let Ok(entries) = std::fs::read_dir(&protos) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for file in files {
            let out_dir = dir.path().join("protoc-out");
            std::fs::create_dir_all(&out_dir).expect("mkdir");
            run_ok(
                Command::new("protoc")
                    .arg("-I")
                    .arg(&protos)
                    .arg(format!("--python_out={}", out_dir.display()))
                    .arg(&file),
                &format!("protoc on {} of {name}", file.display()),
            );
            count += 1;
        }
    }
    assert!(
        count >= 4,
        "expected a .proto per gRPC api of the specs, found {count}"
    );
}

#[test]
fn stubs_are_deterministic_and_headed() {
    for spec in gate_specs() {
        let a = stubs(&spec);
        let b = stubs(&spec);
        assert_eq!(a, b, "{}: two runs differ", spec.display());
        let mut paths: Vec<&str> = a.iter().map(|f| f.path.as_str()).collect();
        let sorted = {
            let mut p = paths.clone();
            p.sort();
            p
        };
        assert_eq!(paths, sorted, "files are sorted by path");
        paths.dedup();
        assert_eq!(paths.len(), a.len(), "no path twice");
        let header =
            mlsd::output::header_line(&spec.file_name().unwrap_or_default().to_string_lossy());
        for f in &a {
            let text = String::from_utf8(f.contents.clone()).expect("utf-8");
            let first = text.lines().next().unwrap_or_default();
            // `# header`, `// header` or `<!-- header -->` (Markdown).
            let first = first.trim_end_matches(" -->");
            assert!(
                first.ends_with(&header) && first.len() <= header.len() + 5,
                "{}: first line {first:?}",
                f.path
            );
        }
    }
}

#[test]
fn every_stub_body_raises() {
    for spec in gate_specs() {
        for f in stubs(&spec) {
            if !f.path.ends_with(".py") {
                continue;
            }
            let text = String::from_utf8(f.contents).expect("utf-8");
            for line in text.lines() {
                let t = line.trim();
                assert!(
                    t != "pass" && t != "...",
                    "{}: a body that does nothing: {line:?}",
                    f.path
                );
            }
        }
    }
}

#[test]
fn generated_rust_crates_pass_check_clippy_fmt_and_their_tests() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    if !tool(&cargo, &["clippy", "--version"]) {
        return;
    }
    for spec in gate_specs() {
        let name = stem(&spec);
        let files: Vec<GeneratedFile> = stubs(&spec)
            .into_iter()
            .filter(|f| f.path.starts_with("implementation/rust/"))
            .collect();
        let serves = files.iter().any(|f| f.path.ends_with("/src/main.rs"));
        assert_eq!(
            files.len(),
            9 + usize::from(serves),
            "{name}: Cargo.toml, README.md, rustfmt.toml, lib.rs, five modules (and main.rs with REST apis)"
        );
        let dir = write_tree(&files);
        let krate = dir.path().join("implementation/rust");
        for args in [
            &["check", "--quiet"][..],
            &["clippy", "--quiet", "--all-targets", "--", "-D", "warnings"][..],
            // The crate's own tests: serde round trips of the examples, stage order, 501s.
            &["test", "--quiet"][..],
            // Laid out as rustfmt would (with the crate's `rustfmt.toml`).
            &["fmt", "--check"][..],
        ] {
            if let Err(runs) = crate::support::cargo_in_crate(&krate, args) {
                panic!(
                    "cargo {} on the Rust stubs of {name} failed\n{runs}",
                    args[0]
                );
            }
        }
    }
}

#[test]
fn reference_stubs_match_the_examples() {
    let spec = root().join("specs").join(format!("{REFERENCE}.mlsd"));
    let base = root().join("examples").join(REFERENCE);
    let files = stubs(&spec);
    let update = std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1");
    let implementation = base.join("implementation");
    if update {
        // Goldens the generator no longer produces go away with the update.
        let _ = std::fs::remove_dir_all(&implementation);
    }
    for f in &files {
        let path = base.join(&f.path);
        if update {
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        }
        golden(
            &path,
            &String::from_utf8(f.contents.clone()).expect("utf-8"),
        );
    }
    // No golden is left that the generator does not produce.
    let mut on_disk = Vec::new();
    let mut stack = vec![implementation];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("examples dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                on_disk.push(
                    p.strip_prefix(&base)
                        .expect("inside")
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    on_disk.sort();
    let expected: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        on_disk, expected,
        "examples/{REFERENCE} holds exactly the generated files"
    );
}

/// Entities that contain each other through required fields are refused (`E057`), and the
/// generators, which the property test below also runs on models with errors, still finish:
/// the Python examples once recursed until the stack overflowed.
#[test]
fn entities_that_contain_each_other_are_refused_and_still_generate() {
    let spec = "system \"S\"\nentity A { b: B; tags: list<string> }\nentity B { a: A }\nentity C { c: C }\nservice x\nservice y\nx -> y: \"A\"\n";
    let a = mlsd::analyze(spec.as_bytes());
    let cycles: Vec<&str> = a
        .diagnostics
        .iter()
        .filter(|d| d.code == mlsd::codes::E057)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        cycles,
        [
            "entity `A` contains itself through required fields: A.b -> B.a -> A",
            "entity `C` contains itself through required fields: C.c -> C",
        ]
    );
    let files = codegen::generate(
        &a.model,
        "s.mlsd",
        &StubOptions {
            python: true,
            rust: true,
        },
    );
    assert!(
        files
            .iter()
            .any(|f| f.path.ends_with("test_data_models.py"))
    );
    // An optional or a listed self-reference is fine.
    let fine = "system \"S\"\nentity Node { parent: Node?; children: list<Node>; up: map<string, Node> }\nservice x\nservice y\nx -> y: \"Node\"\n";
    let a = mlsd::analyze(fine.as_bytes());
    assert!(
        !a.diagnostics.iter().any(|d| d.code == mlsd::codes::E057),
        "{:?}",
        a.diagnostics
    );
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    /// The spec split into tokens and the whitespace before them.
    fn tokens(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut cur = String::new();
        for c in text.chars() {
            if c.is_whitespace() && !cur.trim().is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            cur.push(c);
        }
        out.push(cur);
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

        /// Whatever model the front end makes of a mutated spec, with or without errors, the
        /// generators never panic, give the same bytes twice, head every file, and only ever
        /// print valid Rust (a token stream that failed to parse would show `compile_error!`).
        #[test]
        fn mutated_specs_generate_without_panic(deletions in prop::collection::vec(any::<usize>(), 1..8)) {
            let text = std::fs::read_to_string(root().join("tests/codegen/edge_cases.mlsd")).expect("spec");
            let mut toks = tokens(&text);
            for d in deletions {
                let n = toks.len();
                toks.remove(d % n);
            }
            let model = mlsd::analyze(toks.concat().as_bytes()).model;
            let options = StubOptions { python: true, rust: true };
            let a = codegen::generate(&model, "m.mlsd", &options);
            let b = codegen::generate(&model, "m.mlsd", &options);
            prop_assert_eq!(&a, &b);
            for f in &a {
                let text = String::from_utf8_lossy(&f.contents);
                prop_assert!(text.lines().next().is_some_and(|l| l.contains("Generated by mlsd")), "{}", f.path);
                prop_assert!(!text.contains("compile_error!"), "{}:\n{}", f.path, text);
            }
        }
    }
}
