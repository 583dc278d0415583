//! `mlsd watch --serve` in a real headless browser (Debian's chromium), driven by
//! `tests/browser/preview.py`: edits show in the DOM, errors in an overlay that clears.
//! Without chromium the test is skipped, except in CI (`CI` set), where it fails;
//! `scripts/install-browser-tools.sh` installs it.

use std::path::PathBuf;
use std::process::Command;

use crate::support::{Test, root};

/// `MLSD_CHROMIUM`, else `chromium` on the PATH.
pub fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("MLSD_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| [d.join("chromium"), d.join("chromium-browser")])
        .find(|p| p.is_file())
}

#[test]
fn preview_follows_saves_in_a_real_browser() {
    let Some(chromium) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium is missing; run scripts/install-browser-tools.sh"
        );
        eprintln!("skipped: chromium is missing (scripts/install-browser-tools.sh installs it)");
        return;
    };
    let spec = "system \"S\" { summary: \"x\" }\nuser viewer\nservice api \"Alpha API\"\n\
                viewer -> api\nservice store \"Store\"\napi -> store\n";
    let mut run = Test::new()
        .spec(spec)
        .args(&["watch", "spec.mlsd", "--serve", "--port", "0"])
        .spawn();
    run.wait_lines("watching spec.mlsd", 1);
    let url = run
        .lines()
        .iter()
        .find_map(|l| l.strip_prefix("preview: ").map(str::to_string))
        .expect("the preview URL is printed");
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let out = Command::new("python3")
        .arg(root().join("tests/browser/preview.py"))
        .arg("--url")
        .arg(&url)
        .arg("--spec")
        .arg(run.dir().join("spec.mlsd"))
        .arg("--chromium")
        .arg(&chromium)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    eprintln!("{stdout}");
    assert!(
        out.status.success(),
        "browser check failed:\n{stdout}\n{stderr}\nmlsd:\n{}",
        run.lines().join("\n")
    );
    assert_eq!(run.interrupt(), Some(0));
}
