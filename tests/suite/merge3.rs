//! Regeneration that merges: an edited generated text file gets the new generation merged in
//! three ways (base = the last generated text kept in `.mlsd/bases.tar`, ours = the file on disk,
//! theirs = the new generation). Clean merges, conflicts (markers, message, exit code,
//! `--check`), a missing or tampered base (`FILE.new` as before), binary files, crash
//! safety, the store behind a link, a store of one file per base (older builds'), determinism.

use std::collections::BTreeMap;
use std::io::Read as _;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::Command;

use mlsd::output::{
    self, GeneratedFile, MANIFEST_NAME, MergeOutlook, STORE_DIR, STORE_FILE, WriteOptions,
    sha256_hex,
};

use crate::support::Test;

const PLAIN: WriteOptions = WriteOptions {
    force: false,
    follow_symlinks: false,
    prune: false,
    left_out: [const { None }; 5],
};

fn one(path: &str, text: &str) -> Vec<GeneratedFile> {
    vec![GeneratedFile::text(path, text)]
}

fn read(dir: &Path, path: &str) -> String {
    std::fs::read_to_string(dir.join(path)).expect("read")
}

/// Every file under `dir` (relative path -> bytes).
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).expect("read dir").flatten() {
            let p = e.path();
            let rel = p.strip_prefix(root).expect("inside").to_string_lossy();
            if e.file_type().expect("type").is_dir() {
                walk(root, &p, out);
            } else {
                out.insert(rel.into_owned(), std::fs::read(&p).expect("read"));
            }
        }
    }
    let mut out = BTreeMap::new();
    if dir.exists() {
        walk(dir, dir, &mut out);
    }
    out
}

/// The merge base kept for `path`, read from the store's archive as `tar` reads it.
fn stored_base(dir: &Path, path: &str) -> Option<String> {
    let bytes = std::fs::read(dir.join(STORE_FILE)).ok()?;
    let mut archive = tar::Archive::new(bytes.as_slice());
    let mut entry = (archive.entries().expect("a tar archive"))
        .map(|e| e.expect("an entry"))
        .find(|e| e.path().expect("a path") == Path::new(path))?;
    let mut text = String::new();
    entry.read_to_string(&mut text).expect("text");
    Some(text)
}

/// Replaces the store's archive with one holding `bases` (path, text).
fn write_store(dir: &Path, bases: &[(&str, &str)]) {
    let mut builder = tar::Builder::new(Vec::new());
    for (path, text) in bases {
        let mut header = tar::Header::new_gnu();
        header.set_size(text.len() as u64);
        header.set_mode(0o644);
        builder
            .append_data(&mut header, path, text.as_bytes())
            .expect("append");
    }
    std::fs::write(dir.join(STORE_FILE), builder.into_inner().expect("tar")).expect("store");
}

/// The hash the manifest records for `path`.
fn manifest_hash(dir: &Path, path: &str) -> Option<String> {
    let json: serde_json::Value =
        serde_json::from_str(&read(dir, MANIFEST_NAME)).expect("manifest json");
    json["files"]
        .as_array()
        .expect("files")
        .iter()
        .find(|e| e["path"] == path)
        .map(|e| e["sha256"].as_str().expect("hash").to_string())
}

const V1: &str = "def rank():\n    raise NotImplementedError\n\n\nclass Item:\n    id: str\n";
const V2: &str =
    "def rank():\n    raise NotImplementedError\n\n\nclass Item:\n    id: str\n    price: float\n";
const OURS: &str = "def rank():\n    return sorted(items)\n\n\nclass Item:\n    id: str\n";

#[test]
fn an_edit_and_a_spec_change_on_other_lines_are_merged_without_new_file() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path();
    output::write(out, &one("impl/m.py", V1), &PLAIN).expect("write");
    assert_eq!(
        stored_base(out, "impl/m.py").as_deref(),
        Some(V1),
        "the base is kept"
    );
    std::fs::write(out.join("impl/m.py"), OURS).expect("edit");

    // Before the build, `--check` says what it will do.
    let check = output::check(out, &one("impl/m.py", V2), &PLAIN).expect("check");
    assert_eq!(check.stale.len(), 1);
    assert_eq!(check.stale[0].merge, Some(MergeOutlook::WouldMerge));
    assert!(
        check
            .to_string()
            .contains("a build merges the new generation into your edits"),
        "{check}"
    );

    let report = output::write(out, &one("impl/m.py", V2), &PLAIN).expect("write");
    assert_eq!(report.merged, ["impl/m.py"]);
    assert!(report.kept_edited.is_empty() && !report.has_conflicts());
    assert!(
        report
            .to_string()
            .contains("merged your edits in `impl/m.py`"),
        "{report}"
    );
    let merged = read(out, "impl/m.py");
    assert_eq!(
        merged,
        "def rank():\n    return sorted(items)\n\n\nclass Item:\n    id: str\n    price: float\n"
    );
    assert!(!out.join("impl/m.py.new").exists());
    // The manifest records the generation, not the merged file: the file is still edited,
    // and the generation is the next merge's base.
    assert_eq!(
        manifest_hash(out, "impl/m.py"),
        Some(sha256_hex(V2.as_bytes()))
    );
    assert_eq!(stored_base(out, "impl/m.py").as_deref(), Some(V2));

    // The same generation again: the edited file is left alone, `--check` is clean.
    let again = output::write(out, &one("impl/m.py", V2), &PLAIN).expect("write");
    assert!(
        again.written.is_empty() && again.merged.is_empty(),
        "{again}"
    );
    assert_eq!(read(out, "impl/m.py"), merged);
    assert!(
        output::check(out, &one("impl/m.py", V2), &PLAIN)
            .expect("check")
            .is_clean()
    );

    // A later change merges from the new base, the edits still kept.
    let v3 = V2.replace("    price: float\n", "    price: float\n    stock: int\n");
    let third = output::write(out, &one("impl/m.py", &v3), &PLAIN).expect("write");
    assert_eq!(third.merged, ["impl/m.py"]);
    let text = read(out, "impl/m.py");
    assert!(
        text.contains("return sorted(items)") && text.contains("stock: int"),
        "{text}"
    );
}

#[test]
fn the_same_lines_changed_on_both_sides_leave_markers_and_a_message() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path();
    output::write(out, &one("m.py", V1), &PLAIN).expect("write");
    let ours = V1.replace("    id: str\n", "    id: int  # mine\n");
    std::fs::write(out.join("m.py"), &ours).expect("edit");
    let theirs = V1.replace("    id: str\n", "    id: bytes\n");

    let check = output::check(out, &one("m.py", &theirs), &PLAIN).expect("check");
    assert_eq!(
        check.stale[0].merge,
        Some(MergeOutlook::WouldConflict(vec![(6, 12)]))
    );
    assert!(
        check.to_string().contains("would conflict `m.py`"),
        "{check}"
    );

    let report = output::write(out, &one("m.py", &theirs), &PLAIN).expect("write");
    assert!(report.has_conflicts());
    assert_eq!(report.conflicts[0].path, "m.py");
    assert_eq!(report.conflicts[0].lines, [(6, 12)]);
    let said = report.to_string();
    assert!(
        said.contains("error: conflict in `m.py` at lines 6-12")
            && said.contains("help: edit `m.py`"),
        "{said}"
    );
    let text = read(out, "m.py");
    for marker in [
        "<<<<<<< ours",
        "    id: int  # mine",
        "=======",
        "    id: bytes",
        ">>>>>>> theirs",
    ] {
        assert!(text.contains(marker), "{marker:?} in:\n{text}");
    }
    assert!(!out.join("m.py.new").exists());

    // Until resolved, `--check` fails and a build leaves the markers where they are.
    let check = output::check(out, &one("m.py", &theirs), &PLAIN).expect("check");
    assert_eq!(
        check.stale[0].merge,
        Some(MergeOutlook::Unresolved(vec![(6, 12)]))
    );
    assert!(
        check
            .to_string()
            .contains("unresolved conflict `m.py`: conflict markers at lines 6-12"),
        "{check}"
    );
    let again = output::write(out, &one("m.py", &theirs), &PLAIN).expect("write");
    assert!(
        !again.has_conflicts() && again.written.is_empty(),
        "{again}"
    );
    assert_eq!(read(out, "m.py"), text);

    // Resolved by hand: up to date, the user's choice kept.
    std::fs::write(out.join("m.py"), &ours).expect("resolve");
    assert!(
        output::check(out, &one("m.py", &theirs), &PLAIN)
            .expect("check")
            .is_clean()
    );
    output::write(out, &one("m.py", &theirs), &PLAIN).expect("write");
    assert_eq!(read(out, "m.py"), ours);
}

#[test]
fn a_tampered_or_missing_base_falls_back_to_the_new_file() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path();
    output::write(out, &one("m.py", V1), &PLAIN).expect("write");
    std::fs::write(out.join("m.py"), OURS).expect("edit");
    // A base the manifest does not vouch for is no base.
    write_store(out, &[("m.py", "something else\n")]);
    let check = output::check(out, &one("m.py", V2), &PLAIN).expect("check");
    assert_eq!(check.stale[0].merge, None);
    let report = output::write(out, &one("m.py", V2), &PLAIN).expect("write");
    assert_eq!(report.kept_edited[0].new_path, "m.py.new");
    assert_eq!(report.no_base, ["m.py"]);
    assert_eq!(read(out, "m.py"), OURS);
    assert_eq!(read(out, "m.py.new"), V2);
    assert!(
        report
            .to_string()
            .contains("note: no merge base is kept for `m.py`"),
        "{report}"
    );
}

#[test]
fn binary_files_never_merge_and_have_no_base() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path();
    let png = |bytes: &[u8]| {
        vec![GeneratedFile {
            path: "d.png".into(),
            contents: bytes.to_vec(),
        }]
    };
    output::write(out, &png(b"\x89PNG\r\n\x1a\n\0v1"), &PLAIN).expect("write");
    assert!(!out.join(STORE_FILE).exists(), "no text file, no store");
    std::fs::write(out.join("d.png"), b"\x89PNG\r\n\x1a\n\0mine").expect("edit");
    let report = output::write(out, &png(b"\x89PNG\r\n\x1a\n\0v2"), &PLAIN).expect("write");
    assert!(
        report.merged.is_empty() && report.no_base.is_empty(),
        "{report}"
    );
    assert_eq!(report.kept_edited[0].new_path, "d.png.new");
}

#[test]
fn bases_follow_the_manifest_and_the_store_is_reserved() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path();
    let two = vec![
        GeneratedFile::text("a/x.md", "x\n"),
        GeneratedFile::text("y.md", "y\n"),
    ];
    output::write(out, &two, &PLAIN).expect("write");
    assert_eq!(stored_base(out, "a/x.md").as_deref(), Some("x\n"));
    // No longer generated: the file and its base go.
    output::write(out, &one("y.md", "y\n"), &PLAIN).expect("write");
    assert!(!out.join("a").exists());
    assert_eq!(stored_base(out, "a/x.md"), None);
    assert_eq!(stored_base(out, "y.md").as_deref(), Some("y\n"));

    for reserved in [STORE_FILE, ".mlsd/base/y.md"] {
        let err = output::write(out, &one(reserved, "z\n"), &PLAIN).expect_err("reserved");
        assert!(err.to_string().contains("reserved"), "{err}");
    }
    assert_eq!(stored_base(out, "y.md").as_deref(), Some("y\n"));

    // No text file left: the store goes too.
    let png = [GeneratedFile {
        path: "d.png".into(),
        contents: b"\x89PNG\r\n\x1a\n\0".to_vec(),
    }];
    output::write(out, &png, &PLAIN).expect("write");
    assert!(!out.join(STORE_FILE).exists());
}

#[test]
fn the_store_is_never_written_through_a_link() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("out");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir_all(&out).expect("mkdir");
    std::fs::create_dir_all(&elsewhere).expect("mkdir");
    symlink(&elsewhere, out.join(STORE_DIR)).expect("link");
    let err = output::write(&out, &one("m.py", V1), &PLAIN).expect_err("a link");
    assert!(matches!(err, output::OutputError::Symlink { .. }), "{err}");
    assert!(err.changed_nothing());
    assert!(
        snapshot(&elsewhere).is_empty(),
        "nothing written where the link points"
    );
    assert!(!out.join("m.py").exists());
}

#[test]
fn an_interrupted_merge_leaves_the_edits_counted_as_edits() {
    // The state a build killed after renaming the merged file and its base, before the final
    // manifest: the manifest still records V1, the base V2 is vouched for as pending, and the
    // merged file (the user's edits in it) is not.
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path();
    output::write(out, &one("m.py", V1), &PLAIN).expect("write");
    let merged =
        "def rank():\n    return sorted(items)\n\n\nclass Item:\n    id: str\n    price: float\n";
    std::fs::write(out.join("m.py"), merged).expect("merged");
    write_store(out, &[("m.py", V2)]);
    let manifest = format!(
        "{{\"version\": 1, \"files\": [{{\"path\": \"m.py\", \"sha256\": \"{}\"}}], \
         \"pending\": [{{\"path\": \".mlsd/bases.tar/m.py\", \"sha256\": \"{}\"}}]}}\n",
        sha256_hex(V1.as_bytes()),
        sha256_hex(V2.as_bytes())
    );
    std::fs::write(out.join(MANIFEST_NAME), manifest).expect("manifest");
    let report = output::write(out, &one("m.py", V2), &PLAIN).expect("write");
    assert!(
        report.written.is_empty() && report.kept_edited.is_empty(),
        "{report}"
    );
    assert_eq!(read(out, "m.py"), merged, "the edits survive");
    assert_eq!(manifest_hash(out, "m.py"), Some(sha256_hex(V2.as_bytes())));
    assert!(!read(out, MANIFEST_NAME).contains("pending"));

    // Killed before the base landed: the old base still merges, to the same text.
    write_store(out, &[("m.py", V1)]);
    let manifest = format!(
        "{{\"version\": 1, \"files\": [{{\"path\": \"m.py\", \"sha256\": \"{}\"}}]}}\n",
        sha256_hex(V1.as_bytes())
    );
    std::fs::write(out.join(MANIFEST_NAME), manifest).expect("manifest");
    let report = output::write(out, &one("m.py", V2), &PLAIN).expect("write");
    assert!(
        report.kept_edited.is_empty() && !report.has_conflicts(),
        "{report}"
    );
    assert_eq!(read(out, "m.py"), merged);
}

#[test]
fn a_store_of_one_file_per_base_still_merges_and_goes() {
    // The folder an older build left: each base as `.mlsd/base/PATH`, no archive.
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path();
    output::write(out, &one("impl/m.py", V1), &PLAIN).expect("write");
    std::fs::remove_file(out.join(STORE_FILE)).expect("no archive");
    std::fs::create_dir_all(out.join(".mlsd/base/impl")).expect("mkdir");
    std::fs::write(out.join(".mlsd/base/impl/m.py"), V1).expect("old base");
    std::fs::write(out.join("impl/m.py"), OURS).expect("edit");

    let report = output::write(out, &one("impl/m.py", V2), &PLAIN).expect("write");
    assert_eq!(report.merged, ["impl/m.py"], "{report}");
    assert!(report.kept_edited.is_empty());
    assert_eq!(
        read(out, "impl/m.py"),
        "def rank():\n    return sorted(items)\n\n\nclass Item:\n    id: str\n    price: float\n"
    );
    assert_eq!(stored_base(out, "impl/m.py").as_deref(), Some(V2));
    assert!(
        !out.join(".mlsd/base").exists(),
        "the older store goes, its folders too"
    );
}

#[test]
fn merging_is_deterministic() {
    let run = || {
        let dir = tempfile::tempdir().expect("dir");
        let out = dir.path();
        output::write(out, &one("m.py", V1), &PLAIN).expect("write");
        std::fs::write(out.join("m.py"), OURS).expect("edit");
        output::write(out, &one("m.py", V2), &PLAIN).expect("write");
        let theirs = V2.replace("return", "yield");
        std::fs::write(out.join("m.py"), V2.replace("raise", "return 1 #")).expect("edit");
        let _ = output::write(out, &one("m.py", &theirs), &PLAIN).expect("write");
        snapshot(out)
    };
    let first = run();
    assert!(first.contains_key(STORE_FILE));
    assert_eq!(first, run());
}

// From the command line, on a real spec.

const SPEC: &str = "system \"Shop\" { summary: \"Rank products.\" }
user shopper
service api \"API\"
database db
shopper -> api -> db
entity Product { id: string @key; title: string }
pipeline training \"Train\" {
  kind: training
  stage extract \"Extract products\" { reads: [db]; writes: [Product] }
  stage train \"Train model\"
}
";

fn mlsd(dir: &Path, args: &[&str]) -> (i32, String) {
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

const BUILD: &[&str] = &["build", "spec.mlsd", "--format", "svg"];
const CHECK: &[&str] = &["build", "spec.mlsd", "--format", "svg", "--check"];

/// The test: a body in a stub function, a field added to an entity (and a stage)
/// in the spec, a rebuild: the files have both, and no `.new`.
#[test]
fn a_stub_body_and_a_new_field_both_land() {
    let run = Test::new().spec(SPEC).args(BUILD).run().code(0);
    let design = run.dir.join("spec");
    let pipeline = "implementation/training_pipeline.py";
    let stub = read(&design, pipeline);
    let body = "raise NotImplementedError(\"write stage `training.extract`\")";
    assert!(stub.contains(body), "{stub}");
    let mine = stub.replacen(body, "return load_products()  # my body", 1);
    std::fs::write(design.join(pipeline), &mine).expect("edit");

    let spec = SPEC
        .replace("title: string }", "title: string; price: float }")
        .replace(
            "  stage train \"Train model\"\n",
            "  stage train \"Train model\"\n  stage evaluate \"Evaluate offline\"\n",
        );
    std::fs::write(run.dir.join("spec.mlsd"), spec).expect("spec");
    let (code, stderr) = mlsd(&run.dir, CHECK);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "out of date `{pipeline}` (edited by hand): a build merges"
        )),
        "{stderr}"
    );

    let (code, stderr) = mlsd(&run.dir, BUILD);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(&format!("merged your edits in `{pipeline}`")),
        "{stderr}"
    );
    let text = read(&design, pipeline);
    assert!(text.contains("return load_products()  # my body"), "{text}");
    assert!(text.contains("def evaluate("), "{text}");
    assert!(read(&design, "implementation/data_models.py").contains("price: float"));
    let news: Vec<String> = snapshot(&design)
        .into_keys()
        .filter(|k| k.contains(".new"))
        .collect();
    assert!(news.is_empty(), "{news:?}");
    // A build would change nothing now: `--check` passes with the edits in place.
    let (code, stderr) = mlsd(&run.dir, CHECK);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn a_real_conflict_fails_the_build_and_the_check() {
    let run = Test::new().spec(SPEC).args(BUILD).run().code(0);
    let design = run.dir.join("spec");
    let models = "implementation/data_models.py";
    let text = read(&design, models);
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("title:"))
        .expect("the title field")
        .to_string();
    std::fs::write(
        design.join(models),
        text.replacen(&line, "    title: str = \"untitled\"  # mine", 1),
    )
    .expect("edit");
    std::fs::write(
        run.dir.join("spec.mlsd"),
        SPEC.replace("title: string }", "title: int }"),
    )
    .expect("spec");
    let (code, stderr) = mlsd(&run.dir, CHECK);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(&format!("would conflict `{models}`")),
        "{stderr}"
    );

    let (code, stderr) = mlsd(&run.dir, BUILD);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(&format!("error: conflict in `{models}` at lines ")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("help: edit `{models}`")),
        "{stderr}"
    );
    assert!(stderr.contains("built spec.mlsd"), "{stderr}");
    let merged = read(&design, models);
    assert!(
        merged.contains("<<<<<<< ours") && merged.contains(">>>>>>> theirs"),
        "{merged}"
    );
    let (code, stderr) = mlsd(&run.dir, CHECK);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(&format!("unresolved conflict `{models}`")),
        "{stderr}"
    );
}

#[test]
fn without_a_base_the_cli_writes_new_and_says_why() {
    let run = Test::new().spec(SPEC).args(BUILD).run().code(0);
    let design = run.dir.join("spec");
    let models = "implementation/data_models.py";
    let text = read(&design, models);
    std::fs::write(design.join(models), format!("{text}\n# my notes\n")).expect("edit");
    std::fs::remove_dir_all(design.join(STORE_DIR)).expect("no store");
    std::fs::write(
        run.dir.join("spec.mlsd"),
        SPEC.replace("title: string }", "title: string; price: float }"),
    )
    .expect("spec");
    let (code, stderr) = mlsd(&run.dir, BUILD);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(&format!("the new version is in `{models}.new`"))
            && stderr.contains(&format!("note: no merge base is kept for `{models}`")),
        "{stderr}"
    );
    assert!(read(&design, &format!("{models}.new")).contains("price: float"));
    assert!(read(&design, models).ends_with("# my notes\n"));
}

#[test]
fn a_build_killed_at_any_moment_never_loses_the_edits() {
    let run = Test::new().spec(SPEC).args(BUILD).run().code(0);
    let design = run.dir.join("spec");
    let pipeline = "implementation/training_pipeline.py";
    let body = "raise NotImplementedError(\"write stage `training.extract`\")";
    let mine = read(&design, pipeline).replacen(body, "return 42  # my body", 1);
    std::fs::write(design.join(pipeline), &mine).expect("edit");
    let bin = env!("CARGO_BIN_EXE_mlsd");
    for i in 1..=8u64 {
        // Each spec adds a stage, so the edited file merges every time.
        let stages: String = (1..=i)
            .map(|n| format!("  stage extra{n} \"Extra {n}\"\n"))
            .collect();
        let spec = SPEC.replace(
            "  stage train \"Train model\"\n",
            &format!("  stage train \"Train model\"\n{stages}"),
        );
        std::fs::write(run.dir.join("spec.mlsd"), spec).expect("spec");
        let mut child = Command::new(bin)
            .args(BUILD)
            .current_dir(&run.dir)
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(std::time::Duration::from_millis(i * 20));
        let _ = child.kill();
        let _ = child.wait();
        let (code, stderr) = mlsd(&run.dir, BUILD);
        assert_eq!(code, 0, "after kill #{i}: {stderr}");
        let text = read(&design, pipeline);
        assert!(
            text.contains("return 42  # my body"),
            "after kill #{i}:\n{text}"
        );
        assert!(
            text.contains(&format!("def extra{i}(")),
            "after kill #{i}:\n{text}"
        );
        assert!(!stderr.contains(".new`"), "after kill #{i}: {stderr}");
    }
}
