//! `mlsd review`: every rule R001–R022 has a spec that triggers it (its messages are a golden)
//! and one that narrowly does not; the reference spec's findings (review.md §5); the starter
//! spec is clean; `review.allow`; the CLI's output and exit codes; the language additions.

use std::path::PathBuf;

use mlsd::analysis::{self, Finding};
use mlsd::codes::RULES;

use crate::support::{Test, golden, root};

fn review_dir() -> PathBuf {
    root().join("tests/review")
}

fn findings_of(text: &str, name: &str) -> Vec<Finding> {
    let a = mlsd::analyze(text.as_bytes());
    assert!(
        !a.has_errors(),
        "{name} has errors:\n{}",
        mlsd::diagnostic::render(&a.diagnostics, name, &a.source, false)
    );
    analysis::run(&a.model).findings
}

fn messages(findings: &[Finding], code: &str) -> Vec<String> {
    findings
        .iter()
        .filter(|f| f.code == code)
        .map(|f| f.message.clone())
        .collect()
}

#[test]
fn every_rule_triggers_on_its_spec_and_not_on_its_clean_twin() {
    for rule in RULES {
        let code = rule.code;
        let trigger = review_dir().join(format!("{code}_trigger.mlsd"));
        let clean = review_dir().join(format!("{code}_clean.mlsd"));
        let t = std::fs::read_to_string(&trigger).unwrap_or_else(|_| panic!("no {trigger:?}"));
        let c = std::fs::read_to_string(&clean).unwrap_or_else(|_| panic!("no {clean:?}"));
        let found = findings_of(&t, &format!("{code}_trigger"));
        let got = messages(&found, code);
        assert!(!got.is_empty(), "{code}_trigger.mlsd gives no {code}");
        for f in found.iter().filter(|f| f.code == code) {
            assert!(!f.fix.is_empty(), "{code} has no fix");
            assert!(!f.why().is_empty(), "{code} has no why");
        }
        golden(
            &review_dir().join(format!("{code}_trigger.txt")),
            &(got.join("\n") + "\n"),
        );
        let none = messages(&findings_of(&c, &format!("{code}_clean")), code);
        assert!(none.is_empty(), "{code}_clean.mlsd gives {code}: {none:?}");
    }
}

#[test]
fn the_rule_table_lists_every_code_once_in_order() {
    let codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
    let expected: Vec<String> = (1..=22).map(|n| format!("R{n:03}")).collect();
    assert_eq!(codes, expected);
}

#[test]
fn the_reference_spec_gives_the_contracts_findings() {
    let spec = std::fs::read_to_string(root().join("specs/feed_ranking.mlsd"))
        .expect("the reference spec");
    let found = findings_of(&spec, "feed_ranking");
    let subjects = |code: &str| -> Vec<String> {
        let mut v: Vec<String> = found
            .iter()
            .filter(|f| f.code == code)
            .map(|f| f.subject.clone())
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        subjects("R001"),
        ["api_gateway", "feed_cache", "video_index"]
    );
    let r002 = subjects("R002");
    for c in ["candidate_gen", "features", "feed_service", "ranker_server"] {
        assert!(r002.contains(&c.to_string()), "no R002 on {c}: {r002:?}");
    }
    let feed = found
        .iter()
        .find(|f| f.code == "R002" && f.subject == "feed_service")
        .expect("R002 on feed_service");
    assert!(
        feed.message.contains("10 × 4k/s = 40k/s") && feed.message.contains("139k/s"),
        "{}",
        feed.message
    );
    for c in ["candidate_gen", "ranker_server", "features"] {
        let f = found
            .iter()
            .find(|f| f.code == "R002" && f.subject == c)
            .expect("R002");
        assert!(f.message.contains("lost with `us_east`"), "{}", f.message);
    }
    let cache = found
        .iter()
        .find(|f| f.code == "R001" && f.subject == "feed_cache")
        .expect("R001 on feed_cache");
    assert_eq!(
        cache.message,
        "`feed_cache` is on the request path (viewer → mobile_app → api_gateway → feed_service → feed_cache) with 1 replica: one failure stops every request"
    );
    assert_eq!(cache.fix, "run at least 2 replicas, in 2 zones");
    assert!(subjects("R006").is_empty(), "R006 on the reference spec");
}

#[test]
fn the_starter_spec_has_no_finding() {
    let text = mlsd::new::spec("fraud_scoring");
    let found = findings_of(&text, "starter");
    assert!(
        found.is_empty(),
        "{:?}",
        found
            .iter()
            .map(|f| format!("{}: {}", f.code, f.message))
            .collect::<Vec<_>>()
    );
}

#[test]
fn review_allow_suppresses_a_rule() {
    let spec = std::fs::read_to_string(review_dir().join("R001_trigger.mlsd")).unwrap();
    assert!(!messages(&findings_of(&spec, "t"), "R001").is_empty());
    let allowed = format!("{spec}review {{ allow: [R001] }}\n");
    assert!(messages(&findings_of(&allowed, "allowed"), "R001").is_empty());
}

#[test]
fn review_prints_findings_like_diagnostics_and_exits_by_deny() {
    let spec = std::fs::read_to_string(review_dir().join("R001_trigger.mlsd")).unwrap();
    Test::new()
        .spec(&spec)
        .args(&["review", "spec.mlsd"])
        .run()
        .code(0)
        .stderr_has("high[R001]: `s` is on the request path (u → s) with 1 replica")
        .stderr_has("= why: a request-path component with one replica")
        .stderr_has("= fix: run at least 2 replicas, in 2 zones")
        .stderr_has("= numbers: replicas = 1");
    Test::new()
        .spec(&spec)
        .args(&["review", "spec.mlsd", "--deny", "high"])
        .run()
        .code(1);
    let low = std::fs::read_to_string(review_dir().join("R021_trigger.mlsd")).unwrap();
    Test::new()
        .spec(&low)
        .args(&["review", "spec.mlsd", "--deny", "medium"])
        .run()
        .code(0);
    Test::new()
        .spec(&low)
        .args(&["review", "spec.mlsd", "--deny", "low"])
        .run()
        .code(1);
    Test::new()
        .spec("system \"T\" { summary: \"t\" }\nservice s { replicas: x }\n")
        .args(&["review", "spec.mlsd"])
        .run()
        .code(2);
}

#[test]
fn review_json_has_the_contracts_fields() {
    let spec = std::fs::read_to_string(review_dir().join("R001_trigger.mlsd")).unwrap();
    let out = Test::new()
        .spec(&spec)
        .args(&["review", "spec.mlsd", "--format", "json"])
        .run()
        .code(0);
    let v: serde_json::Value = serde_json::from_str(out.stdout.trim()).expect("json");
    let f = &v["findings"][0];
    assert_eq!(f["code"], "R001");
    assert_eq!(f["severity"], "high");
    assert_eq!(f["subject"], "s");
    assert_eq!(f["line"], 4);
    assert_eq!(f["column"], 9);
    assert_eq!(f["numbers"]["replicas"], "1");
    assert_eq!(f["fix"], "run at least 2 replicas, in 2 zones");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .starts_with("`s` is on the request path")
    );
}

#[test]
fn the_language_additions_report_their_errors() {
    let head = "system \"T\" { summary: \"t\" }\n";
    let cases = [
        (
            "service a\nqueue q\na -> q { mode: async; parallel: true }\n",
            "E046",
            "`parallel` is only for `sync` flows",
        ),
        (
            "pipeline p { deadline: \"06:00\"; stage s }\n",
            "E054",
            "`deadline` needs a daily schedule, and this pipeline has no `schedule`",
        ),
        (
            "pipeline p { schedule: \"0 2 * * 1\"; deadline: \"06:00\"; stage s }\n",
            "E054",
            "this pipeline's `schedule` is not daily",
        ),
        (
            "pipeline p { schedule: \"0 2 * * *\"; deadline: \"25:00\"; stage s }\n",
            "E054",
            "`25:00` is not a time of day",
        ),
        (
            "review { allow: [R0O1] }\n",
            "E055",
            "`R0O1` is not a rule code",
        ),
        (
            "service a { backup_every: 1h }\n",
            "E032",
            "not a data store",
        ),
        (
            "security { pii_retention: 5% }\n",
            "E038",
            "`pii_retention` takes a time",
        ),
        (
            "requirements { non_functional { survives: planet } }\n",
            "E039",
            "`planet` is not a valid `survives`",
        ),
        (
            "deployment { region r { node_pool p { active: 150% } } }\n",
            "E037",
            "`active` must be between 0% and 100%",
        ),
        (
            "operations { experiment e { baseline: 5ms } }\n",
            "E038",
            "`baseline` takes a percentage",
        ),
        (
            "operations { disaster_recovery { backup_every: 5GB } }\n",
            "E038",
            "`backup_every` takes a time",
        ),
    ];
    for (body, code, text) in cases {
        let a = mlsd::analyze(format!("{head}{body}").as_bytes());
        assert!(
            a.diagnostics
                .iter()
                .any(|d| d.code == code && d.message.contains(text)),
            "{body}: {:?}",
            a.diagnostics
                .iter()
                .map(|d| format!("{}: {}", d.code, d.message))
                .collect::<Vec<_>>()
        );
    }
    let ok = "database db { backup_every: 1h }\nservice a\nservice b\na -> b { parallel: true }\npipeline p { schedule: \"30 1 * * *\"; deadline: \"05:00\"; stage s }\nsecurity { pii_retention: 30d }\noperations { experiment e { baseline: 5% } disaster_recovery { backup_every: 1d } }\nreview { allow: [R016] }\ndeployment { region r { node_pool p { active: 30% } } }\nrequirements { non_functional { survives: zone } }\n";
    let a = mlsd::analyze(format!("{head}{ok}").as_bytes());
    assert!(!a.has_errors(), "{:?}", a.diagnostics);
    let m = &a.model;
    assert_eq!(m.pipelines[0].deadline.map(|d| d.0), Some(300));
    assert_eq!(m.pipelines[0].daily_start, Some(90));
    assert_eq!(m.review.allow[0].0, "R016");
    assert!(m.flows[0].parallel);
}

#[test]
fn node_pool_active_scales_the_cost() {
    let spec = "system \"T\" { summary: \"t\" }\nservice s\ndeployment { region r { node_pool p { count: 2; cost: $1/h; active: 25%\n run s\n} } }\n";
    let a = mlsd::analyze(spec.as_bytes());
    let cost = mlsd::model::capacity::monthly_cost(&a.model).expect("cost");
    assert!((cost - 2.0 * 720.0 * 0.25).abs() < 1e-6, "{cost}");
}
