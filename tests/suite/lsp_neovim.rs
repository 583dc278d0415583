//! Headless Neovim's built-in LSP client against `mlsd lsp` (tests/lsp/neovim.lua): a
//! diagnostic appears and goes away after an edit, hover, go to definition, rename.
//! Needs `nvim` (scripts/install-editor-tools.sh); in CI a missing nvim fails the test.

use std::process::Command;

use crate::support::root;

#[test]
fn neovim_sees_diagnostics_hover_definition_and_rename() {
    if Command::new("nvim").arg("--version").output().is_err() {
        assert!(
            std::env::var("CI").is_err(),
            "nvim is missing: run scripts/install-editor-tools.sh"
        );
        eprintln!("skipped: nvim is not installed (scripts/install-editor-tools.sh)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("feed_ranking.mlsd");
    std::fs::copy(root().join("specs/feed_ranking.mlsd"), &spec).unwrap();
    let log = dir.path().join("nvim.log");
    let status = Command::new("timeout")
        .args([
            "120",
            "nvim",
            "--headless",
            "-u",
            "NONE",
            "-i",
            "NONE",
            "-n",
        ])
        .arg("-c")
        .arg(format!(
            "luafile {}",
            root().join("tests/lsp/neovim.lua").display()
        ))
        .env("MLSD", env!("CARGO_BIN_EXE_mlsd"))
        .env("SPEC", &spec)
        .env("OUT", &log)
        .env("HOME", dir.path())
        .status()
        .expect("run nvim");
    let report = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(status.success(), "neovim run failed ({status}):\n{report}");
    for step in [
        "diagnostic appears",
        "diagnostic disappears",
        "hover",
        "definition",
        "rename applied",
        "rename refuses a taken name",
    ] {
        assert!(
            report.contains(&format!("ok {step}\n")),
            "{step}:\n{report}"
        );
    }
    assert!(!report.contains("FAIL"), "{report}");
}
