//! `mlsd new NAME` -> `NAME.mlsd`: a starter spec that checks with no error and no warning,
//! builds, holds every section, and is never written over an existing file.

use crate::support::Test;

#[test]
fn the_starter_checks_clean_and_builds() {
    let text = mlsd::new::spec("fraud_scoring");
    let analysis = mlsd::analyze(text.as_bytes());
    assert!(
        analysis.diagnostics.is_empty(),
        "{}",
        mlsd::diagnostic::render(&analysis.diagnostics, "starter", &analysis.source, false)
    );
    assert_eq!(analysis.model.system.name, "Fraud scoring");
    let options = mlsd::build::BuildOptions {
        png: false,
        ..Default::default()
    };
    let files = mlsd::build::render_all(&analysis.model, "fraud_scoring.mlsd", &options)
        .expect("the starter builds");
    for view in ["architecture", "ml_pipeline", "data_flow", "deployment"] {
        let svg = format!("diagrams/{view}.svg");
        assert!(files.iter().any(|f| f.path == svg), "no {svg}");
    }
}

#[test]
fn the_starter_holds_every_section_and_checklist_item() {
    let text = mlsd::new::spec("x");
    for section in [
        "system ",
        "requirements {",
        "functional {",
        "non_functional {",
        "constraints {",
        "group ",
        "entity ",
        "volume {",
        "model ",
        "pipeline ",
        "stage ",
        "api ",
        "params {",
        "deployment {",
        "region ",
        "zone ",
        "cluster ",
        "node_pool ",
        "run ",
        "scaling {",
        "traffic {",
        "bottleneck ",
        "optimization ",
        "monitoring {",
        "metric ",
        "alert ",
        "drift ",
        "operations {",
        "experiment ",
        "rollout {",
        "rollback:",
        "disaster_recovery {",
        "security {",
        "design {",
        "alternatives {",
        "tradeoff ",
        "technology ",
        "future {",
        "diagrams {",
        " -> ",
    ] {
        assert!(text.contains(section), "the starter lacks `{section}`");
    }
    let analysis = mlsd::analyze(text.as_bytes());
    for item in mlsd::model::checks::checklist(&analysis.model) {
        assert!(item.done, "checklist item not filled: {}", item.title);
    }
    assert!(
        text.lines()
            .filter(|l| l.trim_start().starts_with('#'))
            .count()
            >= 15
    );
}

#[test]
fn writes_the_file_and_refuses_to_overwrite() {
    let out = Test::new()
        .args(&["new", "ads_ranking"])
        .run()
        .code(0)
        .stderr_has("wrote ads_ranking.mlsd");
    let path = out.dir.join("ads_ranking.mlsd");
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains("system \"Ads ranking\" {"));
    assert_eq!(written, mlsd::new::spec("ads_ranking"));

    let out = Test::new()
        .file("ads_ranking.mlsd", b"# mine\n")
        .args(&["new", "ads_ranking"])
        .run()
        .code(2)
        .stderr_has("already exists");
    assert_eq!(
        std::fs::read_to_string(out.dir.join("ads_ranking.mlsd")).unwrap(),
        "# mine\n"
    );
}

#[test]
fn the_new_file_passes_check_with_deny_warnings_and_fmt_check() {
    let out = Test::new().args(&["new", "demo.mlsd"]).run().code(0);
    assert!(out.dir.join("demo.mlsd").exists());
    let text = std::fs::read(out.dir.join("demo.mlsd")).unwrap();
    Test::new()
        .file("demo.mlsd", &text)
        .args(&["check", "--deny-warnings", "demo.mlsd"])
        .run()
        .code(0);
    Test::new()
        .file("demo.mlsd", &text)
        .args(&["fmt", "--check", "demo.mlsd"])
        .run()
        .code(0);
}

#[test]
fn a_name_that_is_no_file_name_is_refused() {
    Test::new()
        .args(&["new", ".mlsd"])
        .run()
        .code(2)
        .stderr_has("not a usable spec name");
}
