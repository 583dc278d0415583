//! Hardening of the output folder (issue 9, items 2-8): no write or removal through symbolic
//! links, exclusive temporaries, a user's `FILE.new` never overwritten, all-or-nothing
//! builds, files recognised after an interrupted build, the same spec named twice.

use std::collections::BTreeMap;
use std::os::unix::fs::symlink;
use std::path::Path;

use mlsd::output::{self, GeneratedFile, MANIFEST_NAME, OutputError, WriteOptions};

use crate::support::Test;

fn files(list: &[(&str, &str)]) -> Vec<GeneratedFile> {
    list.iter()
        .map(|(p, t)| GeneratedFile::text(*p, *t))
        .collect()
}

const PLAIN: WriteOptions = WriteOptions {
    force: false,
    follow_symlinks: false,
    prune: false,
    left_out: [None; 5],
};

/// Every entry under `dir` without following links: path -> bytes (links as `-> target`).
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            let rel = p.strip_prefix(dir).expect("inside").display().to_string();
            let kind = e.file_type().expect("type");
            if kind.is_symlink() {
                let target = std::fs::read_link(&p).expect("link");
                out.insert(rel, format!("-> {}", target.display()).into_bytes());
            } else if kind.is_dir() {
                out.insert(format!("{rel}/"), Vec::new());
                todo.push(p);
            } else {
                out.insert(rel, std::fs::read(&p).expect("read"));
            }
        }
    }
    out
}

#[test]
fn a_tampered_manifest_never_removes_through_a_folder_link() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("out");
    let outside = dir.path().join("outside");
    std::fs::create_dir(&outside).expect("mkdir");
    std::fs::write(outside.join("v.txt"), "victim\n").expect("write");
    output::write(&out, &files(&[("a.md", "a\n")]), &PLAIN).expect("write");
    symlink(&outside, out.join("lnk")).expect("link");
    // Tampered: the manifest claims the file behind the link, with its true hash.
    let mut m = output::Manifest::load(&out).expect("load");
    m.files
        .insert("lnk/v.txt".into(), output::sha256_hex(b"victim\n"));
    let tampered = m.render();
    std::fs::write(out.join(MANIFEST_NAME), &tampered).expect("tamper");

    let report = output::write(&out, &files(&[("a.md", "a\n")]), &PLAIN).expect("write");
    assert!(report.removed.is_empty(), "{report:?}");
    assert_eq!(report.kept_stale, ["lnk/v.txt"]);
    assert_eq!(
        std::fs::read_to_string(outside.join("v.txt")).expect("still there"),
        "victim\n"
    );
    // Not even with links followed for writing.
    let follow = WriteOptions {
        follow_symlinks: true,
        ..PLAIN
    };
    std::fs::write(out.join(MANIFEST_NAME), &tampered).expect("tamper");
    output::write(&out, &files(&[("a.md", "a\n")]), &follow).expect("write");
    assert!(outside.join("v.txt").exists());
}

#[test]
fn links_planted_at_temporary_names_are_never_followed() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "precious\n").expect("write");
    let pid = std::process::id();
    // Every name the old writer would have used, and its neighbours.
    for name in [
        format!(".a.md.mlsd-tmp-{pid}"),
        format!(".{MANIFEST_NAME}.mlsd-tmp-{pid}"),
        format!(".mlsd-probe-{pid}"),
        format!(".a.md.mlsd-tmp-{}", pid + 1),
    ] {
        symlink(&victim, out.join(name)).expect("plant");
    }
    output::write(&out, &files(&[("a.md", "a\n")]), &PLAIN).expect("write");
    output::write(&out, &files(&[("a.md", "b\n")]), &PLAIN).expect("write");
    assert_eq!(
        std::fs::read_to_string(&victim).expect("victim"),
        "precious\n"
    );
    assert!(
        std::fs::symlink_metadata(out.join(format!(".a.md.mlsd-tmp-{pid}")))
            .expect("the planted link is left alone")
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_to_string(out.join("a.md")).expect("a"), "b\n");
}

#[test]
fn a_leftover_temporary_of_a_dead_build_is_removed() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path();
    output::write(out, &files(&[("a.md", "a\n")]), &PLAIN).expect("write");
    // No process has this id (above the kernel's pid_max).
    let stale = out.join(".a.md.mlsd-tmp-999999999-abcdef");
    std::fs::write(&stale, "half").expect("write");
    output::write(out, &files(&[("a.md", "a\n")]), &PLAIN).expect("write");
    assert!(!stale.exists());
}

#[test]
fn a_folder_link_inside_the_output_folder_is_refused_unless_followed() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("out");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir_all(&out).expect("mkdir");
    std::fs::create_dir(&elsewhere).expect("mkdir");
    symlink("../elsewhere", out.join("design")).expect("link");
    let generated = files(&[("a.md", "a\n"), ("design/x.md", "x\n")]);
    let before = snapshot(dir.path());
    let err = output::write(&out, &generated, &PLAIN).expect_err("refused");
    assert!(
        matches!(&err, OutputError::Symlink { link } if link.ends_with("design")),
        "{err}"
    );
    assert!(err.changed_nothing());
    assert!(err.to_string().contains("--follow-symlinks"), "{err}");
    assert_eq!(snapshot(dir.path()), before, "nothing was changed");

    // A link at the file itself is refused the same way.
    std::fs::write(elsewhere.join("t.md"), "theirs\n").expect("write");
    symlink(elsewhere.join("t.md"), out.join("t.md")).expect("link");
    let err = output::write(&out, &files(&[("t.md", "ours\n")]), &PLAIN).expect_err("refused");
    assert!(matches!(err, OutputError::Symlink { .. }), "{err}");

    let follow = WriteOptions {
        follow_symlinks: true,
        ..PLAIN
    };
    output::write(&out, &generated, &follow).expect("followed");
    assert_eq!(
        std::fs::read_to_string(elsewhere.join("x.md")).expect("x"),
        "x\n"
    );
}

#[test]
fn a_users_own_new_file_is_never_overwritten() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path();
    output::write(out, &files(&[("README.md", "v1\n")]), &PLAIN).expect("write");
    std::fs::write(out.join("README.md"), "my edit\n").expect("edit");
    std::fs::write(out.join("README.md.new"), "my notes\n").expect("mine");
    // No merge base (an older mlsd's folder): the new version goes beside the file.
    std::fs::remove_dir_all(out.join(output::STORE_DIR)).expect("no base store");

    let report = output::write(out, &files(&[("README.md", "v2\n")]), &PLAIN).expect("write");
    assert_eq!(report.kept_edited[0].new_path, "README.md.new.2");
    let read = |p: &str| std::fs::read_to_string(out.join(p)).expect("read");
    assert_eq!(read("README.md.new"), "my notes\n");
    assert_eq!(read("README.md.new.2"), "v2\n");
    assert_eq!(read("README.md"), "my edit\n");

    // The same name next time, rewritten in place; the user's file still untouched.
    let report = output::write(out, &files(&[("README.md", "v3\n")]), &PLAIN).expect("write");
    assert_eq!(report.kept_edited[0].new_path, "README.md.new.2");
    assert_eq!(read("README.md.new.2"), "v3\n");
    assert_eq!(read("README.md.new"), "my notes\n");
}

#[test]
fn a_failing_build_changes_nothing_and_says_so() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("out");
    output::write(&out, &files(&[("a.md", "a\n")]), &PLAIN).expect("write");
    let before = snapshot(dir.path());
    let long = format!("api/{}.py", "n".repeat(300));
    let generated = files(&[("a.md", "a2\n"), ("b/c.md", "c\n"), (&long, "x\n")]);
    let err = output::write(&out, &generated, &PLAIN).expect_err("name too long");
    assert!(err.changed_nothing(), "{err}");
    assert_eq!(snapshot(dir.path()), before, "nothing was changed");

    // From an empty folder too: no files, no folders, no manifest.
    let fresh = dir.path().join("fresh");
    output::write(&fresh, &generated, &PLAIN).expect_err("name too long");
    assert!(snapshot(&fresh).is_empty(), "{:?}", snapshot(&fresh).keys());
}

#[test]
fn files_of_an_interrupted_build_are_recognised() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path();
    output::write(out, &files(&[("a.md", "v1\n"), ("b.md", "v1\n")]), &PLAIN).expect("write");
    // What a build killed between replacing `a.md` and writing its final manifest leaves:
    // the manifest still names v1, and lists v2 as pending.
    let mut m = output::Manifest::load(out).expect("load");
    m.pending.insert("a.md".into(), output::sha256_hex(b"v2\n"));
    m.pending.insert("b.md".into(), output::sha256_hex(b"v2\n"));
    std::fs::write(out.join(MANIFEST_NAME), m.render()).expect("write");
    std::fs::write(out.join("a.md"), "v2\n").expect("replaced");

    let report =
        output::write(out, &files(&[("a.md", "v3\n"), ("b.md", "v3\n")]), &PLAIN).expect("write");
    assert!(report.kept_edited.is_empty(), "{report:?}");
    assert_eq!(report.written, ["a.md", "b.md"]);
    let after = std::fs::read_to_string(out.join(MANIFEST_NAME)).expect("manifest");
    assert!(!after.contains("pending"), "{after}");
}

#[test]
fn concurrent_writers_into_one_folder_all_succeed() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("out");
    let generated: Vec<GeneratedFile> = (0..20)
        .map(|i| GeneratedFile::text(format!("d{}/f{i}.md", i % 3), format!("{i}\n")))
        .collect();
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| output::write(&out, &generated, &PLAIN).expect("each writer succeeds"));
        }
    });
    let report = output::write(&out, &generated, &PLAIN).expect("write");
    assert_eq!(report.unchanged.len(), 20, "{report:?}");
    assert!(
        snapshot(&out).keys().all(|k| !k.contains(".mlsd-tmp")),
        "{:?}",
        snapshot(&out).keys()
    );
}

const SPEC: &str = "system \"S\" {}\nservice a\n";

#[test]
fn one_spec_named_three_ways_builds_once() {
    let out = Test::new()
        .spec(SPEC)
        .args(&["build", "spec.mlsd", "spec.mlsd", "./spec.mlsd"])
        .run()
        .code(0);
    assert_eq!(
        out.stderr.matches("built spec.mlsd").count(),
        1,
        "{}",
        out.stderr
    );
}

#[test]
fn the_cli_names_the_link_and_the_flag() {
    let run = Test::new()
        .spec(SPEC)
        .args(&["build", "spec.mlsd"])
        .run()
        .code(0);
    let design = run.dir.join("spec");
    let elsewhere = run.dir.join("elsewhere");
    std::fs::create_dir(&elsewhere).expect("mkdir");
    let docs = std::fs::read_dir(&design)
        .expect("list")
        .flatten()
        .find(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .expect("a sub-folder");
    let name = docs.file_name().to_string_lossy().into_owned();
    std::fs::rename(docs.path(), elsewhere.join(&name)).expect("move");
    symlink(elsewhere.join(&name), design.join(&name)).expect("link");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mlsd"))
        .args(["build", "spec.mlsd"])
        .current_dir(&run.dir)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("is a symbolic link"), "{stderr}");
    assert!(stderr.contains("--follow-symlinks"), "{stderr}");
    assert!(stderr.contains("nothing was changed"), "{stderr}");
    let _ = std::fs::remove_dir_all(&run.dir);
}

#[test]
fn after_kill_9_at_any_moment_the_next_build_recognises_its_files() {
    let run = Test::new()
        .spec("system \"S\" {}\nuser u\nservice api \"V0\"\ndatabase db\nu -> api -> db\n")
        .args(&["build", "spec.mlsd", "--format", "svg"])
        .run()
        .code(0);
    let bin = env!("CARGO_BIN_EXE_mlsd");
    for i in 1..=12u64 {
        // Each build changes every file (a new label), and is killed a little later each time.
        let spec = format!(
            "system \"S{i}\" {{}}\nuser u\nservice api \"V{i}\"\ndatabase db\nu -> api -> db\n"
        );
        std::fs::write(run.dir.join("spec.mlsd"), spec).expect("write");
        let mut child = std::process::Command::new(bin)
            .args(["build", "spec.mlsd", "--format", "svg"])
            .current_dir(&run.dir)
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(std::time::Duration::from_millis(i * 15));
        let _ = child.kill();
        let _ = child.wait();
        let out = std::process::Command::new(bin)
            .args(["build", "spec.mlsd", "--format", "svg"])
            .current_dir(&run.dir)
            .output()
            .expect("rebuild");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        assert!(
            !stderr.contains("kept your edits"),
            "after kill #{i}: {stderr}"
        );
    }
    let design = snapshot(&run.dir.join("spec"));
    assert!(
        design
            .keys()
            .all(|k| !k.ends_with(".new") && !k.contains(".mlsd-tmp")),
        "{:?}",
        design.keys()
    );
    let _ = std::fs::remove_dir_all(&run.dir);
}
