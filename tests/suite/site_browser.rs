//! The design site in a real headless browser (Debian's chromium), driven by
//! `tests/browser/site.py` from `file://`: an overview group's box has a tooltip and opens its
//! detail page, search highlights a component in every view, zoom and fit work, every link
//! of every page resolves, no console error. Without chromium the test is skipped, except in
//! CI (`CI` set), where it fails; `scripts/install-browser-tools.sh` installs it.

use std::process::Command;

use crate::support::{Test, root};
use crate::watch_browser::chromium;

#[test]
fn site_drills_down_searches_and_links_in_a_real_browser() {
    let Some(chromium) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium is missing; run scripts/install-browser-tools.sh"
        );
        eprintln!("skipped: chromium is missing (scripts/install-browser-tools.sh installs it)");
        return;
    };
    let reference =
        std::fs::read_to_string(root().join("specs/feed_ranking.mlsd")).expect("reference spec");
    let spec = reference.replace(
        "architecture { direction: right }",
        "architecture { direction: right; detail: always }",
    );
    assert_ne!(
        spec, reference,
        "the reference spec's diagrams block changed"
    );
    let out = Test::new()
        .spec(&spec)
        .args(&["build", "spec.mlsd", "--site", "--format", "svg"])
        .run()
        .code(0);
    let run = Command::new("python3")
        .arg(root().join("tests/browser/site.py"))
        .arg("--folder")
        .arg(out.dir.join("spec"))
        .args(["--group", "online", "--find", "feed_service", "--chromium"])
        .arg(&chromium)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    eprintln!("{stdout}");
    assert!(
        run.status.success(),
        "browser check failed:\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains("no console error"), "{stdout}");
}

#[test]
fn served_site_reloads_after_a_save_in_a_real_browser() {
    let Some(chromium) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium is missing; run scripts/install-browser-tools.sh"
        );
        eprintln!("skipped: chromium is missing (scripts/install-browser-tools.sh installs it)");
        return;
    };
    let spec = "system \"S\" { summary: \"x\" }\nuser viewer\nservice api \"Alpha API\"\n\
                viewer -> api\n";
    let mut run = Test::new()
        .spec(spec)
        .args(&["watch", "spec.mlsd", "--serve", "--site", "--format", "svg"])
        .spawn();
    run.wait_lines("watching spec.mlsd", 1);
    let url = run
        .lines()
        .iter()
        .find_map(|l| l.strip_prefix("site: ").map(str::to_string))
        .expect("the site URL is printed");
    let page = url.replace("index.html", "diagrams/architecture.html");
    let out = Command::new("python3")
        .arg(root().join("tests/browser/site.py"))
        .args([
            "--live",
            &page,
            "--old",
            "Alpha API",
            "--new",
            "Beta API",
            "--spec",
        ])
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
