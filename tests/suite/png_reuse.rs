//! A rebuild takes the PNG of an unchanged SVG from the last build instead of rasterising it
//! again, and only a PNG that mlsd wrote there, unedited, by the same version.

use mlsd::build::{self, BuildOptions};
use mlsd::output::{self, GeneratedFile, WriteOptions};
use mlsd::render::{PngReuse, SOFTWARE};

const SPEC: &str =
    "system \"S\" {}\nuser u\nservice api \"Feed API\"\ndatabase db\nu -> api -> db: \"reads\"\n";

fn diagrams(options: &BuildOptions) -> Vec<GeneratedFile> {
    let a = mlsd::analyze(SPEC.as_bytes());
    assert!(!a.has_errors());
    build::diagrams(&a.model, options).expect("drawn")
}

fn pngs(files: &[GeneratedFile]) -> Vec<&GeneratedFile> {
    files.iter().filter(|f| f.path.ends_with(".png")).collect()
}

/// A PNG that is not what the rasteriser draws but still carries this version's chunk: if a
/// rebuild returns it, the rebuild reused it.
fn marked(png: &[u8]) -> Vec<u8> {
    let mut v = png.to_vec();
    v.extend_from_slice(b"reused");
    v
}

#[test]
fn every_png_names_the_mlsd_that_drew_it() {
    let files = diagrams(&BuildOptions::default());
    assert!(!pngs(&files).is_empty());
    let chunk = format!("tEXtSoftware\0{SOFTWARE}");
    for f in pngs(&files) {
        assert!(
            f.contents
                .windows(chunk.len())
                .any(|w| w == chunk.as_bytes()),
            "{}",
            f.path
        );
    }
}

#[test]
fn unchanged_svgs_get_the_last_builds_png_and_changed_ones_are_redrawn() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fresh = diagrams(&BuildOptions::default());
    let mut last = fresh.clone();
    for f in last.iter_mut().filter(|f| f.path.ends_with(".png")) {
        f.contents = marked(&f.contents);
    }
    // The deployment's SVG will not match: its recorded hash is of other bytes.
    for f in last
        .iter_mut()
        .filter(|f| f.path == "diagrams/deployment.svg")
    {
        f.contents.extend_from_slice(b"<!-- older -->");
    }
    output::write(dir.path(), &last, &WriteOptions::default()).expect("written");
    let reuse = PngReuse::load(dir.path());
    assert_eq!(reuse.len(), pngs(&fresh).len());
    let rebuilt = diagrams(&BuildOptions {
        previous_pngs: reuse,
        ..BuildOptions::default()
    });
    assert_eq!(rebuilt.len(), fresh.len());
    for (new, old) in rebuilt.iter().zip(&fresh) {
        assert_eq!(new.path, old.path);
        if !new.path.ends_with(".png") {
            assert_eq!(new.contents, old.contents, "{}", new.path);
        } else if new.path == "diagrams/deployment.png" {
            assert_eq!(new.contents, old.contents, "redrawn: its svg changed");
        } else {
            assert_eq!(new.contents, marked(&old.contents), "{} reused", new.path);
        }
    }
}

#[test]
fn an_edited_or_foreign_png_is_never_reused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut files = diagrams(&BuildOptions::default());
    // One PNG without this version's chunk (as an older mlsd would have written it).
    let foreign = files
        .iter_mut()
        .find(|f| f.path == "diagrams/architecture.png")
        .expect("architecture png");
    foreign.contents = b"\x89PNG\r\n\x1a\nnot from this version".to_vec();
    output::write(dir.path(), &files, &WriteOptions::default()).expect("written");
    let all = pngs(&files).len();
    assert_eq!(PngReuse::load(dir.path()).len(), all - 1);
    // A PNG edited by hand after the build.
    std::fs::write(dir.path().join("diagrams/data_flow.png"), b"edited").expect("edit");
    assert_eq!(PngReuse::load(dir.path()).len(), all - 2);
    // No manifest: nothing is known to be mlsd's.
    std::fs::remove_file(dir.path().join(output::MANIFEST_NAME)).expect("remove");
    assert!(PngReuse::load(dir.path()).is_empty());
}
