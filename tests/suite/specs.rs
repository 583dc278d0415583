//! Every spec in specs/ checks without errors; the reference spec also without warnings.

use crate::support::{Test, root, spec_files};

#[test]
fn every_spec_checks_clean() {
    let files = spec_files();
    assert!(
        files.len() >= 4,
        "specs/ should hold the reference and three more"
    );
    for file in files {
        let analysis = mlsd::analyze(&std::fs::read(&file).unwrap());
        let rendered = mlsd::diagnostic::render(
            &analysis.diagnostics,
            &file.display().to_string(),
            &analysis.source,
            false,
        );
        assert!(
            analysis.diagnostics.is_empty(),
            "{}:\n{rendered}",
            file.display()
        );
    }
}

#[test]
fn reference_spec_matches_the_design() {
    let ours = std::fs::read_to_string(root().join("specs/feed_ranking.mlsd")).unwrap();
    let design = root().join("../shared/design/feed_ranking.mlsd");
    if let Ok(theirs) = std::fs::read_to_string(design) {
        assert_eq!(
            ours, theirs,
            "specs/feed_ranking.mlsd drifted from the design's reference spec"
        );
    }
}

#[test]
fn reference_model_resolves_every_declaration() {
    let analysis = mlsd::analyze(&std::fs::read(root().join("specs/feed_ranking.mlsd")).unwrap());
    let m = &analysis.model;
    assert_eq!(m.system.name, "Video Feed Ranking");
    assert_eq!(m.components.len(), 14);
    assert_eq!(m.groups.len(), 2);
    // 14 flow statements, one of them a chain of two arrows.
    assert_eq!(m.flows.len(), 15);
    assert_eq!(m.entities.len(), 7);
    assert_eq!(m.pipelines[0].order, vec![0, 1, 2, 3, 4]);
    assert_eq!(m.apis[0].endpoints.len(), 2);
    let chain: Vec<_> = m.flows.iter().filter(|f| f.timeout.is_some()).collect();
    assert_eq!(chain.len(), 2);
    assert_eq!(chain[0].chain, chain[1].chain);
    let label = &m
        .components
        .iter()
        .find(|c| c.named.name == "api_gateway")
        .unwrap()
        .named
        .label;
    assert_eq!(label, "API gateway");
}

#[test]
fn reference_capacity_numbers() {
    use mlsd::model::capacity;
    let analysis = mlsd::analyze(&std::fs::read(root().join("specs/feed_ranking.mlsd")).unwrap());
    let m = &analysis.model;
    let t = capacity::traffic(m).unwrap();
    assert!((t.average - 46_296.296).abs() < 0.01, "{}", t.average);
    assert!((t.peak - 138_888.889).abs() < 0.01, "{}", t.peak);
    let cost = capacity::monthly_cost(m).unwrap();
    // 20 x $0.78/h + 8 x $3.67/h over 720 h.
    assert!(
        (cost - (20.0 * 0.78 + 8.0 * 3.67) * 720.0).abs() < 0.01,
        "{cost}"
    );
    let feed = m
        .components
        .iter()
        .position(|c| c.named.name == "feed_service")
        .unwrap();
    let r = capacity::replicas(m, mlsd::model::ComponentId(feed));
    assert_eq!((r.declared, r.deployed, r.total), (Some(40), Some(50), 50));
    let watch = m
        .entities
        .iter()
        .position(|e| e.named.name == "WatchEvent")
        .unwrap();
    // uuid 16 + string 32 + string 32 + float 8 + enum 1 + timestamp 8.
    assert_eq!(capacity::row_size(m, mlsd::model::EntityId(watch)), 97.0);
}

#[test]
fn check_command_accepts_the_reference() {
    let spec = std::fs::read_to_string(root().join("specs/feed_ranking.mlsd")).unwrap();
    Test::new()
        .spec(&spec)
        .args(&["check", "spec.mlsd", "--deny-warnings"])
        .run()
        .code(0)
        .stderr_has("no problems");
}
