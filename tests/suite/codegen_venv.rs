//! Every spec's design folder as a new user gets it: `mlsd build`'s Python files, a fresh
//! virtual environment (`python3 -m venv`, without the system's site packages), `pip install
//! -e 'implementation[test,dev]'` from PyPI (pip's cache keeps reruns quick), then from the
//! design folder's root `pytest`, `ruff check`, `ruff format --check`, `mypy --strict` and
//! `openapi-spec-validator`. No ML framework may come with the install. The specs run in
//! parallel, each in its own folder and environment.

use std::path::Path;
use std::process::Command;

use mlsd::output::GeneratedFile;

use crate::codegen::{stem, stubs, tool, write_tree};
use crate::support::spec_files;

/// The ML frameworks the models may name: optional extras, never installed by `[test,dev]`.
const ML_MODULES: [&str; 6] = [
    "torch",
    "tensorflow",
    "jax",
    "xgboost",
    "lightgbm",
    "transformers",
];

/// Runs `program args` in `dir`; the error names the step and carries its output.
fn step(dir: &Path, what: &str, program: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("PIP_DISABLE_PIP_VERSION_CHECK", "1")
        .env_remove("PYTHONPATH")
        .output()
        .map_err(|e| format!("{what}: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    if out.status.success() {
        Ok(stdout)
    } else {
        Err(format!(
            "{what} failed\n--- stdout\n{stdout}\n--- stderr\n{}",
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// The whole session of one spec.
fn session(spec: &Path) -> Result<(), String> {
    let name = stem(spec);
    let files: Vec<GeneratedFile> = stubs(spec)
        .into_iter()
        .filter(|f| !f.path.starts_with("implementation/rust/"))
        .collect();
    let dir = write_tree(&files);
    let root = dir.path();
    let venv = root.join(".venv");
    let venv_arg = venv.to_string_lossy().into_owned();
    step(
        root,
        &format!("{name}: python3 -m venv"),
        Path::new("python3"),
        &["-m", "venv", &venv_arg],
    )?;
    let python = venv.join("bin/python");
    step(
        root,
        &format!("{name}: pip install -e 'implementation[test,dev]'"),
        &python,
        &[
            "-m",
            "pip",
            "install",
            "--quiet",
            "-e",
            "implementation[test,dev]",
        ],
    )?;
    // The environment is its own: the system's site packages are not visible.
    let prefix = step(
        root,
        &format!("{name}: sys.prefix"),
        &python,
        &["-c", "import sys; print(sys.prefix != sys.base_prefix)"],
    )?;
    if prefix.trim() != "True" {
        return Err(format!("{name}: not a virtual environment"));
    }
    let probe = format!(
        "import importlib.util, sys; found = [m for m in {ML_MODULES:?} if importlib.util.find_spec(m)]; print(found); sys.exit(bool(found))"
    );
    step(
        root,
        &format!("{name}: no ML framework installed"),
        &python,
        &["-c", &probe],
    )?;
    let pytest = step(
        root,
        &format!("{name}: pytest"),
        &python,
        &["-m", "pytest", "-q", "-p", "no:cacheprovider"],
    )?;
    if !pytest.contains(" passed") || pytest.contains("skipped") {
        return Err(format!("{name}: pytest ran nothing or skipped:\n{pytest}"));
    }
    for (what, args) in [
        (
            "ruff check",
            &["-m", "ruff", "check", "--no-cache", "."][..],
        ),
        (
            "ruff format --check",
            &["-m", "ruff", "format", "--no-cache", "--check", "."][..],
        ),
        (
            "mypy --strict",
            &[
                "-m",
                "mypy",
                "--strict",
                "--no-error-summary",
                "--exclude",
                "^\\.venv/",
                ".",
            ][..],
        ),
        (
            "openapi-spec-validator",
            &[
                "-m",
                "openapi_spec_validator",
                "implementation/openapi.yaml",
            ][..],
        ),
    ] {
        step(root, &format!("{name}: {what}"), &python, args)?;
    }
    Ok(())
}

#[test]
fn every_spec_installs_and_passes_in_a_fresh_venv() {
    if !tool("python3", &["-m", "venv", "--help"]) {
        return;
    }
    let specs = spec_files();
    assert!(!specs.is_empty());
    let failures: Vec<String> = std::thread::scope(|s| {
        let runs: Vec<_> = specs
            .iter()
            .map(|spec| s.spawn(move || session(spec)))
            .collect();
        runs.into_iter()
            .filter_map(|r| match r.join() {
                Ok(result) => result.err(),
                Err(_) => Some("a session panicked".to_string()),
            })
            .collect()
    });
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
