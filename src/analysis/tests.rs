//! Facts on small specs: inner times (serial, parallel, chains), batch timing, placement.

use super::*;

fn model(body: &str) -> Model {
    let a = crate::analyze(format!("system \"T\" {{ summary: \"t\" }}\n{body}").as_bytes());
    assert!(!a.has_errors(), "{:?}", a.diagnostics);
    a.model
}

#[test]
fn inner_time_adds_serial_calls_and_the_largest_parallel_one() {
    let m = model(
        "service a\nservice b\nservice c\nservice d\nservice e\n\
         a -> b { latency: 10ms }\na -> c { latency: 30ms; parallel: true }\n\
         a -> d { latency: 20ms; parallel: true }\na -> e\n",
    );
    let f = facts(&m);
    let it = &f.timing.inner[0];
    assert!((it.total - 0.040).abs() < 1e-9, "{}", it.total);
    assert_eq!(it.unbudgeted().count(), 1);
}

#[test]
fn a_chains_budget_belongs_to_its_first_arrow() {
    let m = model("service a\nservice b\nservice c\na -> b -> c { latency: 40ms }\n");
    let f = facts(&m);
    assert!((f.timing.inner[0].total - 0.040).abs() < 1e-9);
    assert_eq!(f.timing.inner[1].total, 0.0);
    assert_eq!(f.timing.inner[1].unbudgeted().count(), 0);
}

#[test]
fn batch_timing_takes_the_longest_arrow_path_and_wraps_past_midnight() {
    let m = model(
        "pipeline p { schedule: \"0 22 * * *\"; deadline: \"01:00\"\n\
         stage a { duration: 1h }\nstage b { duration: 3h }\nstage c { duration: 1h }\nstage d\n\
         a -> b -> d\na -> c -> d\n}\n",
    );
    let b = &facts(&m).batches[0];
    assert_eq!(b.window, 3.0 * 3600.0);
    assert_eq!(b.longest, 4.0 * 3600.0);
    assert_eq!(b.path, vec![0, 1, 3]);
    assert_eq!(b.missing, vec![3]);
    assert!(b.late());
}

#[test]
fn placement_counts_regions_zones_and_global_runs() {
    let m = model(
        "service s { replicas: 2; capacity: 1k/s }\n\
         deployment {\n run s { replicas: 1 }\n region r1 { zone z1 { run s { replicas: 3 } } run s }\n region r2 { run s { replicas: 4 } }\n}\n",
    );
    let p = &facts(&m).placement;
    let s = &p.placed[0];
    assert_eq!(s.global, 1);
    assert_eq!(s.regions["r1"], 5);
    assert_eq!(s.regions["r2"], 4);
    assert_eq!(p.zones.len(), 1);
    assert_eq!(p.replicas[0].total, 10);
}

#[test]
fn failure_modes_name_placement_and_callers_with_their_fallbacks() {
    let m = model(
        "client app\nservice a\nservice b\nservice c\n\
         app -> a { mode: sync }\na -> b { mode: sync; fallback: \"stale\" }\n\
         c -> b { mode: sync }\n\
         deployment { region r1 { zone z { run a { replicas: 2 } } }\n\
         region r2 { run a { replicas: 1 } run b { replicas: 3 } } }\n",
    );
    let f = facts(&m);
    let a = &f.failures[1];
    assert_eq!(a.replicas, 3);
    assert!(a.on_request_path);
    assert_eq!(
        a.regions,
        vec![("r1".to_string(), 2), ("r2".to_string(), 1)]
    );
    assert_eq!(a.zones.len(), 1);
    assert_eq!(a.callers.len(), 1);
    assert!(!a.degrades());
    let b = &f.failures[2];
    assert_eq!(b.callers.len(), 2);
    assert!(b.callers[0].on_request_path && !b.callers[1].on_request_path);
    assert_eq!(b.callers[0].fallback.as_deref(), Some("stale"));
    assert!(!b.degrades(), "`c` calls it without a fallback");
    assert!(!f.failures[3].placed);
}

#[test]
fn coverage_finds_the_longest_budgeted_chain() {
    let m = model(
        "service a\nservice b\nservice c\n\
         a -> b -> c { latency: 40ms }\na -> c { latency: 90ms }\nb -> a\n",
    );
    let c = &facts(&m).coverage;
    assert_eq!(c.chains, 2);
    let longest = c.longest_chain.as_ref().expect("a chain");
    assert!((longest.budget - 0.090).abs() < 1e-9);
    assert_eq!(longest.names, vec!["a", "c"]);
}
