//! The error corpus: each spec in tests/errors/ holds exactly one error, and its rendered
//! diagnostic (position, message, help) is a reviewed golden file beside it.

use crate::support::{golden, root};

#[test]
fn every_invalid_spec_gives_its_one_error() {
    let dir = root().join("tests/errors");
    let mut specs: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/errors")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "mlsd"))
        .collect();
    specs.sort();
    assert!(specs.len() >= 40, "the corpus has {} specs", specs.len());
    for spec in specs {
        let bytes = std::fs::read(&spec).expect("read");
        let analysis = mlsd::analyze(&bytes);
        let errors: Vec<_> = analysis
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .collect();
        let name = spec.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(
            errors.len(),
            1,
            "{name} should give exactly one error, got: {errors:#?}"
        );
        let rendered = mlsd::diagnostic::render(
            &analysis.diagnostics,
            &format!("tests/errors/{name}"),
            &analysis.source,
            false,
        );
        golden(&spec.with_extension("stderr"), &rendered);
    }
}
