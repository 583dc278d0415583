//! `mlsd watch`: the saves editors make (in place, atomic rename, delete and recreate, rapid
//! bursts, broken) -> the output folder follows and the process survives; Ctrl-C exits 0.
//! The live preview in a real browser is in `watch_browser.rs`.

use std::path::Path;

use crate::support::{Running, Test};

/// A small spec whose API label shows in the architecture diagram.
fn spec(label: &str) -> String {
    format!(
        "system \"S\" {{ summary: \"x\" }}\nuser viewer\nservice api \"{label}\"\nviewer -> api\n"
    )
}

fn architecture(run: &Running) -> String {
    std::fs::read_to_string(run.dir().join("spec/diagrams/architecture.svg")).unwrap_or_default()
}

/// Waits until the architecture diagram on disk shows `label`.
#[track_caller]
fn wait_for_label(run: &mut Running, label: &str) {
    run.wait_until(&format!("architecture.svg with {label:?}"), |r| {
        architecture(r).contains(label)
    });
}

/// Writes `text` to a temporary file beside `path`, then renames it over `path`.
fn atomic_save(path: &Path, text: &str) {
    let tmp = path.with_file_name(".spec.mlsd.swp");
    std::fs::write(&tmp, text).expect("write temp");
    std::fs::rename(&tmp, path).expect("rename");
}

#[test]
fn follows_every_kind_of_save_and_survives_errors() {
    let mut run = Test::new()
        .spec(&spec("Alpha API"))
        .args(&["watch", "spec.mlsd", "--format", "svg"])
        .spawn();
    run.wait_lines("watching spec.mlsd", 1);
    assert!(architecture(&run).contains("Alpha API"));
    assert_eq!(
        run.count("built spec.mlsd -> spec: "),
        1,
        "{:?}",
        run.lines()
    );
    let path = run.dir().join("spec.mlsd");

    // In place.
    std::fs::write(&path, spec("Beta API")).expect("save");
    wait_for_label(&mut run, "Beta API");
    run.wait_lines("rebuilt: ", 1);
    let line = run
        .lines()
        .into_iter()
        .find(|l| l.starts_with("rebuilt: "))
        .unwrap_or_default();
    assert!(
        line.contains("diagrams/architecture.svg") && line.contains(" unchanged in "),
        "{line}"
    );

    // Atomic: a temporary file renamed over the spec.
    atomic_save(&path, &spec("Gamma API"));
    wait_for_label(&mut run, "Gamma API");

    // Deleted, then recreated: the output stays while the spec is gone.
    std::fs::remove_file(&path).expect("delete");
    run.wait_lines("was removed; waiting for it to come back", 1);
    assert!(architecture(&run).contains("Gamma API"));
    std::fs::write(&path, spec("Delta API")).expect("recreate");
    wait_for_label(&mut run, "Delta API");

    // Rapid saves: the last one wins.
    for i in 0..8 {
        std::fs::write(&path, spec(&format!("Burst {i} API"))).expect("save");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    wait_for_label(&mut run, "Burst 7 API");

    // Broken: diagnostics with file:line:column, the last good output kept.
    std::fs::write(&path, format!("{}service ??? {{\n", spec("Broken API"))).expect("save");
    run.wait_lines("1 error; kept the last good output", 1);
    // Counted once the error is printed: builds run one after another, so every earlier
    // build (the burst's last, whose SVG shows before its line is printed) is counted.
    let builds = run.count("rebuilt: ");
    assert!(run.count("spec.mlsd:5:9") >= 1, "{:?}", run.lines());
    assert!(architecture(&run).contains("Burst 7 API"));

    // Fixed again.
    std::fs::write(&path, spec("Fixed API")).expect("save");
    wait_for_label(&mut run, "Fixed API");
    run.wait_lines("rebuilt: ", builds + 1);

    // A save that changes nothing builds nothing.
    let lines = run.lines().len();
    std::fs::write(&path, spec("Fixed API")).expect("save");
    // The next real change proves the same-bytes save was seen and skipped silently.
    std::fs::write(&path, spec("Last API")).expect("save");
    wait_for_label(&mut run, "Last API");
    run.wait_lines("rebuilt: ", builds + 2);
    let new: Vec<String> = run.lines().split_off(lines);
    assert!(
        new.iter().all(|l| l.starts_with("rebuilt: ")),
        "one line per build, nothing for unchanged bytes: {new:?}"
    );

    assert_eq!(run.interrupt(), Some(0), "{:?}", run.lines());
    // The exit can be seen before the reader thread has read the last line.
    let start = std::time::Instant::now();
    while run.count("stopped watching spec.mlsd") == 0
        && start.elapsed() < std::time::Duration::from_secs(10)
    {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert_eq!(run.count("stopped watching spec.mlsd"), 1);
}

#[test]
fn a_spec_broken_from_the_start_is_watched_until_fixed() {
    let mut run = Test::new()
        .spec("service ??? {\n")
        .args(&["watch", "spec.mlsd", "-o", "out", "--format", "svg"])
        .spawn();
    run.wait_lines("watching spec.mlsd", 1);
    assert_eq!(run.count("1 error; kept the last good output"), 1);
    let path = run.dir().join("spec.mlsd");
    std::fs::write(&path, spec("Good API")).expect("save");
    run.wait_until("the first good build", |r| {
        std::fs::read_to_string(r.dir().join("out/diagrams/architecture.svg"))
            .is_ok_and(|s| s.contains("Good API"))
    });
    assert_eq!(run.interrupt(), Some(0));
}

#[test]
fn a_missing_spec_is_an_error() {
    Test::new()
        .args(&["watch", "nope.mlsd"])
        .run()
        .code(2)
        .stderr_has("cannot read `nope.mlsd`");
}

#[test]
fn port_needs_serve() {
    Test::new()
        .spec(&spec("A"))
        .args(&["watch", "spec.mlsd", "--port", "8080"])
        .run()
        .code(2)
        .stderr_has("--serve");
}

/// `watch` draws PNGs last and reuses those whose SVG did not change: what it leaves must be
/// exactly what `mlsd build` writes.
#[test]
fn the_folder_watch_leaves_is_what_build_writes() {
    let mut run = Test::new()
        .spec(&spec("Alpha API"))
        .args(&["watch", "spec.mlsd"])
        .spawn();
    run.wait_lines("watching spec.mlsd", 1);
    let path = run.dir().join("spec.mlsd");
    for (i, label) in ["Beta API", "Gamma API"].iter().enumerate() {
        std::fs::write(&path, spec(label)).expect("save");
        run.wait_lines("rebuilt: ", i + 1);
    }
    let line = run
        .lines()
        .into_iter()
        .rfind(|l| l.starts_with("rebuilt: "));
    assert!(
        line.as_deref().is_some_and(|l| l.contains("(PNGs by ")),
        "PNGs drawn last: {line:?}"
    );
    assert_eq!(run.interrupt(), Some(0));
    let check = std::process::Command::new(env!("CARGO_BIN_EXE_mlsd"))
        .args(["build", "spec.mlsd", "--check"])
        .current_dir(run.dir())
        .output()
        .expect("mlsd runs");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}
