//! The regeneration-safe writer: manifest, edits kept beside `FILE.new` (without a merge
//! base), `force`, stale removal, read-only folders, atomic writes, and `check`.

use std::collections::BTreeMap;
use std::path::Path;

use mlsd::output::{self, GeneratedFile, KeptEdited, MANIFEST_NAME, OutputError, WriteOptions};

fn files(list: &[(&str, &str)]) -> Vec<GeneratedFile> {
    list.iter()
        .map(|(p, t)| GeneratedFile::text(*p, *t))
        .collect()
}

/// Every file under `dir` (relative path -> bytes), folders included as empty entries.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .expect("read dir")
            .flatten()
            .collect();
        entries.sort_by_key(|e| e.path());
        for e in entries {
            let p = e.path();
            let rel = p
                .strip_prefix(root)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/");
            if p.is_dir() {
                out.insert(format!("{rel}/"), Vec::new());
                walk(root, &p, out);
            } else {
                out.insert(rel, std::fs::read(&p).expect("read"));
            }
        }
    }
    let mut out = BTreeMap::new();
    if dir.exists() {
        walk(dir, dir, &mut out);
    }
    out
}

fn read(dir: &Path, path: &str) -> String {
    std::fs::read_to_string(dir.join(path)).expect("read")
}

fn no_temp_files(dir: &Path) {
    for path in snapshot(dir).keys() {
        assert!(
            !path.contains(".mlsd-tmp") && !path.contains(".mlsd-probe"),
            "left behind: {path}"
        );
    }
}

const FORCE: WriteOptions = WriteOptions {
    force: true,
    follow_symlinks: false,
    prune: false,
    left_out: [None; 5],
};

#[test]
fn first_write_creates_files_and_a_sorted_manifest() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("out");
    let report = output::write(
        &out,
        &files(&[("b.md", "b\n"), ("a/x.py", "x\n")]),
        &WriteOptions::default(),
    )
    .expect("write");
    assert_eq!(report.written, ["a/x.py", "b.md"]);
    assert_eq!(read(&out, "b.md"), "b\n");
    let manifest = read(&out, MANIFEST_NAME);
    let a = manifest.find("a/x.py").expect("a listed");
    let b = manifest.find("b.md").expect("b listed");
    assert!(a < b, "sorted:\n{manifest}");
    assert!(
        manifest.contains(&output_sha("x\n")),
        "hash of a/x.py:\n{manifest}"
    );
    no_temp_files(&out);
}

fn output_sha(text: &str) -> String {
    output::sha256_hex(text.as_bytes())
}

#[test]
fn rebuild_touches_only_changed_files() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path();
    let v1 = files(&[("a.md", "a\n"), ("b.md", "b\n")]);
    output::write(out, &v1, &WriteOptions::default()).expect("write");
    let before = std::fs::metadata(out.join("a.md"))
        .and_then(|m| m.modified())
        .expect("mtime");
    let manifest_before = std::fs::metadata(out.join(MANIFEST_NAME))
        .and_then(|m| m.modified())
        .expect("mtime");
    std::thread::sleep(std::time::Duration::from_millis(20));

    let same = output::write(out, &v1, &WriteOptions::default()).expect("write");
    assert!(same.written.is_empty(), "{same:?}");
    assert_eq!(same.unchanged, ["a.md", "b.md"]);
    let manifest_after = std::fs::metadata(out.join(MANIFEST_NAME))
        .and_then(|m| m.modified())
        .expect("mtime");
    assert_eq!(
        manifest_before, manifest_after,
        "an unchanged build rewrites nothing"
    );

    let v2 = files(&[("a.md", "a\n"), ("b.md", "b2\n")]);
    let changed = output::write(out, &v2, &WriteOptions::default()).expect("write");
    assert_eq!(changed.written, ["b.md"]);
    let after = std::fs::metadata(out.join("a.md"))
        .and_then(|m| m.modified())
        .expect("mtime");
    assert_eq!(before, after, "a.md untouched");
    assert_eq!(read(out, "b.md"), "b2\n");
}

#[test]
fn edited_file_without_a_merge_base_is_kept_and_the_new_version_goes_beside_it() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path();
    output::write(
        out,
        &files(&[("impl/m.py", "v1\n")]),
        &WriteOptions::default(),
    )
    .expect("write");
    std::fs::write(out.join("impl/m.py"), "my edit\n").expect("edit");
    // As in a folder an older mlsd built: no merge base (merging is in `merge3.rs`).
    std::fs::remove_dir_all(out.join(output::STORE_DIR)).expect("no base store");

    let report = output::write(
        out,
        &files(&[("impl/m.py", "v2\n")]),
        &WriteOptions::default(),
    )
    .expect("write");
    assert_eq!(
        report.kept_edited,
        [KeptEdited {
            path: "impl/m.py".into(),
            new_path: "impl/m.py.new".into()
        }]
    );
    assert!(report.written.is_empty());
    assert_eq!(read(out, "impl/m.py"), "my edit\n");
    assert_eq!(read(out, "impl/m.py.new"), "v2\n");
    assert_eq!(report.no_base, ["impl/m.py"]);
    let said = report.to_string();
    assert!(
        said.contains("kept your edits to `impl/m.py`; the new version is in `impl/m.py.new`"),
        "{said}"
    );
    assert!(
        said.contains("note: no merge base is kept for `impl/m.py`"),
        "{said}"
    );

    // Building again keeps both as they are.
    let again = output::write(
        out,
        &files(&[("impl/m.py", "v2\n")]),
        &WriteOptions::default(),
    )
    .expect("write");
    assert_eq!(again.kept_edited.len(), 1);
    assert_eq!(read(out, "impl/m.py"), "my edit\n");

    // Taking the new version resolves it: `.new` goes away.
    std::fs::copy(out.join("impl/m.py.new"), out.join("impl/m.py")).expect("copy");
    let resolved = output::write(
        out,
        &files(&[("impl/m.py", "v2\n")]),
        &WriteOptions::default(),
    )
    .expect("write");
    assert_eq!(resolved.unchanged, ["impl/m.py"]);
    assert_eq!(resolved.removed, ["impl/m.py.new"]);
    assert!(!out.join("impl/m.py.new").exists());
    no_temp_files(out);
}

#[test]
fn force_overwrites_edits() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path();
    output::write(out, &files(&[("m.py", "v1\n")]), &WriteOptions::default()).expect("write");
    std::fs::write(out.join("m.py"), "my edit\n").expect("edit");
    let report = output::write(out, &files(&[("m.py", "v2\n")]), &FORCE).expect("write");
    assert_eq!(report.written, ["m.py"]);
    assert!(report.kept_edited.is_empty());
    assert_eq!(read(out, "m.py"), "v2\n");
    assert!(!out.join("m.py.new").exists());
}

#[test]
fn a_file_mlsd_never_wrote_is_not_overwritten() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path();
    std::fs::write(out.join("README.md"), "mine\n").expect("write");
    let report = output::write(
        out,
        &files(&[("README.md", "generated\n")]),
        &WriteOptions::default(),
    )
    .expect("write");
    assert_eq!(report.kept_edited.len(), 1);
    assert_eq!(read(out, "README.md"), "mine\n");
    assert_eq!(read(out, "README.md.new"), "generated\n");
    // A file with the generated contents already is adopted.
    let dir2 = tempfile::tempdir().expect("dir");
    std::fs::write(dir2.path().join("a.md"), "same\n").expect("write");
    let adopted = output::write(
        dir2.path(),
        &files(&[("a.md", "same\n")]),
        &WriteOptions::default(),
    )
    .expect("write");
    assert_eq!(adopted.unchanged, ["a.md"]);
    assert!(read(dir2.path(), MANIFEST_NAME).contains("a.md"));
}

#[test]
fn stale_files_are_removed_unless_edited() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path();
    let v1 = files(&[
        ("keep.md", "k\n"),
        ("protos/a.proto", "a\n"),
        ("old.md", "o\n"),
        ("edited.md", "e\n"),
    ]);
    output::write(out, &v1, &WriteOptions::default()).expect("write");
    std::fs::write(out.join("edited.md"), "user text\n").expect("edit");
    std::fs::write(out.join("notes.txt"), "user file\n").expect("user file");

    let report =
        output::write(out, &files(&[("keep.md", "k\n")]), &WriteOptions::default()).expect("write");
    assert_eq!(report.removed, ["old.md", "protos/a.proto"]);
    assert_eq!(report.kept_stale, ["edited.md"]);
    assert!(!out.join("old.md").exists());
    assert!(!out.join("protos").exists(), "an emptied folder goes too");
    assert_eq!(read(out, "edited.md"), "user text\n");
    assert_eq!(
        read(out, "notes.txt"),
        "user file\n",
        "files mlsd never wrote are left alone"
    );
    let manifest = read(out, MANIFEST_NAME);
    assert!(
        !manifest.contains("edited.md"),
        "an edited stale file is no longer tracked"
    );

    // Force does not remove an edited stale file either: it is no longer mlsd's.
    let again = output::write(out, &files(&[("keep.md", "k\n")]), &FORCE).expect("write");
    assert!(again.removed.is_empty());
    assert!(out.join("edited.md").exists());
}

#[cfg(unix)]
#[test]
fn read_only_folder_is_a_clear_error_and_changes_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("out");
    output::write(
        &out,
        &files(&[("a.md", "a\n"), ("sub/b.md", "b\n"), ("gone.md", "g\n")]),
        &WriteOptions::default(),
    )
    .expect("write");
    let before = snapshot(&out);
    let set_mode = |p: &Path, mode: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).expect("chmod")
    };
    set_mode(&out, 0o555);
    let result = output::write(
        &out,
        &files(&[("a.md", "a2\n"), ("sub/b.md", "b\n"), ("new.md", "n\n")]),
        &FORCE,
    );
    set_mode(&out, 0o755);
    let err = result.expect_err("a read-only folder is refused");
    assert!(matches!(err, OutputError::NotWritable { .. }), "{err:?}");
    let message = err.to_string();
    assert!(
        message.contains("cannot write into") && message.contains(&out.display().to_string()),
        "{message}"
    );
    assert_eq!(snapshot(&out), before, "nothing changed");

    // A read-only subfolder is refused before the writable top folder changes.
    set_mode(&out.join("sub"), 0o555);
    let result = output::write(
        &out,
        &files(&[("a.md", "a3\n"), ("sub/b.md", "b3\n")]),
        &FORCE,
    );
    set_mode(&out.join("sub"), 0o755);
    assert!(
        matches!(result, Err(OutputError::NotWritable { .. })),
        "{result:?}"
    );
    assert_eq!(snapshot(&out), before, "nothing changed");

    // An output folder to create under a read-only parent.
    let parent = dir.path().join("ro");
    std::fs::create_dir(&parent).expect("mkdir");
    set_mode(&parent, 0o555);
    let result = output::write(
        &parent.join("out"),
        &files(&[("a.md", "a\n")]),
        &WriteOptions::default(),
    );
    set_mode(&parent, 0o755);
    assert!(
        matches!(result, Err(OutputError::NotWritable { .. })),
        "{result:?}"
    );
    assert!(snapshot(&parent).is_empty());
}

#[test]
fn writes_are_atomic_and_leave_no_temporary_files() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path();
    let big = "x".repeat(1 << 20);
    for round in 0..3 {
        let text = format!("{round}{big}");
        output::write(out, &[GeneratedFile::text("big.txt", text.clone())], &FORCE).expect("write");
        assert_eq!(read(out, "big.txt"), text);
        no_temp_files(out);
    }
    // A temporary file of an interrupted build is cleaned up by the next one.
    std::fs::write(out.join(".big.txt.mlsd-tmp-999999999"), "half").expect("write");
    output::write(out, &[GeneratedFile::text("big.txt", "done\n")], &FORCE).expect("write");
    no_temp_files(out);

    // The primitive: replaces the contents whole, creating folders as needed.
    let p = out.join("deep/er/file.bin");
    output::write_atomic(&p, b"one").expect("write");
    output::write_atomic(&p, b"two").expect("write");
    assert_eq!(std::fs::read(&p).expect("read"), b"two");
    no_temp_files(out);
}

/// Generated files get the mode of a plain new file (not a temporary's 0600: a web server
/// serving the site, or a teammate, must read them), and a file replaced in place (a spec
/// `mlsd fmt` rewrites) keeps its own.
#[cfg(unix)]
#[test]
fn written_files_get_ordinary_permissions_and_replaced_ones_keep_theirs() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| p.metadata().expect("meta").permissions().mode() & 0o777;
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("out");
    let plain = dir.path().join("plain");
    std::fs::File::create(&plain).expect("create");
    output::write(&out, &files(&[("docs/a.md", "a\n")]), &FORCE).expect("write");
    assert_eq!(mode(&out.join("docs/a.md")), mode(&plain));
    assert_eq!(mode(&out.join(MANIFEST_NAME)), mode(&plain));

    let spec = dir.path().join("spec.mlsd");
    std::fs::write(&spec, "x").expect("write");
    for kept in [0o644, 0o640, 0o755] {
        std::fs::set_permissions(&spec, std::fs::Permissions::from_mode(kept)).expect("chmod");
        output::write_atomic(&spec, b"y").expect("write");
        assert_eq!(mode(&spec), kept);
    }
}

#[test]
fn paths_that_escape_the_folder_are_refused_before_writing() {
    let dir = tempfile::tempdir().expect("dir");
    for bad in ["../x.md", "/etc/x", "a/../../x", "", MANIFEST_NAME, "a\\b"] {
        let result = output::write(
            dir.path(),
            &files(&[("ok.md", "ok\n"), (bad, "x")]),
            &WriteOptions::default(),
        );
        assert!(
            matches!(result, Err(OutputError::InvalidPath { .. })),
            "{bad:?}: {result:?}"
        );
    }
    let dup = output::write(
        dir.path(),
        &files(&[("a.md", "1"), ("a.md", "2")]),
        &WriteOptions::default(),
    );
    assert!(matches!(dup, Err(OutputError::InvalidPath { .. })));
    assert!(snapshot(dir.path()).is_empty(), "nothing written");
}

#[test]
fn check_reports_missing_stale_and_extra_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path();
    let v1 = files(&[
        ("a.md", "one\ntwo\nthree\n"),
        ("b.md", "b\n"),
        ("old.md", "o\n"),
    ]);
    output::write(out, &v1, &WriteOptions::default()).expect("write");
    assert!(
        output::check(out, &v1, &WriteOptions::default())
            .expect("check")
            .is_clean()
    );

    let v2 = files(&[
        ("a.md", "one\n2\nthree\n"),
        ("b.md", "b\n"),
        ("c.md", "c\n"),
    ]);
    let before = snapshot(out);
    let report = output::check(out, &v2, &WriteOptions::default()).expect("check");
    assert_eq!(snapshot(out), before, "check writes nothing");
    assert!(!report.is_clean());
    assert_eq!(report.missing, ["c.md"]);
    assert_eq!(report.extra, ["old.md"]);
    assert_eq!(report.stale.len(), 1);
    let stale = &report.stale[0];
    assert_eq!(stale.path, "a.md");
    assert!(!stale.edited);
    let diff = stale.diff.as_deref().expect("a text diff");
    assert!(diff.contains("-two") && diff.contains("+2"), "{diff}");
    let said = report.to_string();
    for line in [
        "missing `c.md`",
        "out of date `a.md`",
        "    +2",
        "no longer generated `old.md`",
    ] {
        assert!(said.contains(line), "{line:?} in:\n{said}");
    }

    output::write(out, &v2, &WriteOptions::default()).expect("write");
    let clean = output::check(out, &v2, &WriteOptions::default()).expect("check");
    assert!(clean.is_clean());
    assert_eq!(clean.to_string(), "up to date");

    // Binary files get no diff; edits are flagged.
    let bin = vec![GeneratedFile {
        path: "d.png".into(),
        contents: vec![0, 159, 146, 150],
    }];
    output::write(out, &bin, &WriteOptions::default()).expect("write");
    std::fs::write(out.join("d.png"), [0u8, 1, 2]).expect("edit");
    let report = output::check(out, &bin, &WriteOptions::default()).expect("check");
    assert_eq!(report.stale[0].diff, None);
    assert!(report.stale[0].edited);
}

#[test]
fn stubs_of_the_reference_spec_round_trip_through_the_writer() {
    let spec = crate::support::root().join("specs/feed_ranking.mlsd");
    let model = mlsd::analyze(&std::fs::read(spec).expect("spec")).model;
    let stubs = |rust| {
        mlsd::codegen::generate(
            &model,
            "feed_ranking.mlsd",
            &mlsd::codegen::StubOptions { python: true, rust },
        )
    };
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path();
    let with_rust = stubs(true);
    let report = output::write(out, &with_rust, &WriteOptions::default()).expect("write");
    assert_eq!(report.written.len(), with_rust.len());
    assert!(
        output::check(out, &with_rust, &WriteOptions::default())
            .expect("check")
            .is_clean()
    );
    // Dropping `--stubs rust` keeps the crate the earlier build wrote, and says so: leaving
    // a flag out never deletes a tree.
    let python_only = stubs(false);
    let python_options = mlsd::build::BuildOptions::default();
    let keep = WriteOptions {
        left_out: mlsd::build::left_out(&python_options),
        ..WriteOptions::default()
    };
    let report = output::write(out, &python_only, &keep).expect("write");
    let crate_files = with_rust.len() - python_only.len();
    assert!(report.removed.is_empty(), "{report}");
    assert_eq!(report.kept_left_out.len(), crate_files, "{report}");
    assert!(
        report.to_string().contains("made with `--stubs rust`")
            && report.to_string().contains("`--prune` removes them"),
        "{report}"
    );
    assert!(out.join("implementation/rust/Cargo.toml").exists());
    assert!(
        output::check(out, &python_only, &keep)
            .expect("check")
            .is_clean()
    );
    // The crate stays tracked: a later build with `--stubs rust` finds it unchanged.
    let report = output::write(out, &with_rust, &WriteOptions::default()).expect("write");
    assert!(report.written.is_empty(), "{report}");
    assert!(report.kept_edited.is_empty(), "{report}");
    // `--prune` removes it.
    let prune = WriteOptions {
        prune: true,
        ..keep
    };
    let report = output::write(out, &python_only, &prune).expect("write");
    assert_eq!(report.removed.len(), crate_files);
    assert!(!out.join("implementation/rust").exists());
    assert!(
        output::check(out, &python_only, &prune)
            .expect("check")
            .is_clean()
    );
}

#[test]
fn a_build_without_a_flag_keeps_that_flags_files_until_prune() {
    let spec = std::fs::read_to_string(crate::support::root().join("tests/codegen/minimal.mlsd"))
        .expect("spec");
    let t = crate::support::Test::new().spec(&spec);
    let with_rust = t
        .args(&[
            "build",
            "spec.mlsd",
            "-o",
            "out",
            "--format",
            "svg",
            "--stubs",
            "rust",
        ])
        .run();
    assert_eq!(with_rust.code, 0, "{}", with_rust.stderr);
    let crate_file = with_rust.dir.join("out/implementation/rust/Cargo.toml");
    assert!(crate_file.exists());
    let again = |args: &[&str]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_mlsd"));
        let out = cmd
            .args(args)
            .current_dir(&with_rust.dir)
            .env("NO_COLOR", "1")
            .output()
            .expect("mlsd runs");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let plain = ["build", "spec.mlsd", "-o", "out", "--format", "svg"];
    let (code, stderr) = again(&plain);
    assert_eq!(code, 0, "{stderr}");
    assert!(crate_file.exists(), "the crate was deleted: {stderr}");
    assert!(stderr.contains("made with `--stubs rust`"), "{stderr}");
    let (code, stderr) = again(&[&plain[..], &["--check"]].concat());
    assert_eq!(code, 0, "kept files are not out of date: {stderr}");
    let (code, stderr) = again(&[&plain[..], &["--prune"]].concat());
    assert_eq!(code, 0, "{stderr}");
    assert!(!crate_file.exists(), "{stderr}");
}
