//! Capacity numbers of the design folder against hand-computed values: the reference spec
//! (traffic, loads and replicas, storage, cost against budget) and small specs written for
//! unit conversions (KiB against KB, /h against /s, $/d against $/h).

use mlsd::analysis::capacity::plan;
use mlsd::docs::paths;

use crate::docs::{analyze, close, doc, has, reference};

#[test]
fn reference_traffic_and_components() {
    let m = reference();
    let p = plan(&m);
    let t = p.traffic.expect("traffic");
    // 200M users x 20 requests/day / 86,400 s = 46,296.3/s; x3 = 138,888.9/s.
    close(t.average, 200e6 * 20.0 / 86_400.0, 1e-6);
    close(t.average, 46_296.3, 0.05);
    close(t.peak, 138_888.9, 0.05);
    let c = |name: &str| {
        p.components
            .iter()
            .find(|c| m.component(c.id).named.name == name)
            .unwrap_or_else(|| panic!("{name} planned"))
    };
    // feed_service: implied peak, 4k/s per replica -> 35 needed; 40 + 10 deployed.
    let feed = c("feed_service");
    close(feed.load.unwrap(), 138_888.9, 0.05);
    assert_eq!(feed.needed, Some(35));
    assert_eq!(feed.replicas.total, 50);
    close(feed.total_capacity, 200_000.0, 1e-6);
    close(feed.headroom().unwrap(), 1.0 - 138_888.9 / 200_000.0, 1e-6);
    // features: the rated flow from ranker_server (120k/s), 6 x 50k/s.
    let features = c("features");
    close(features.load.unwrap(), 120_000.0, 1e-6);
    assert_eq!(features.needed, Some(3));
    assert_eq!(features.replicas.total, 6);
    assert_eq!(c("ranker_server").needed, Some(28));
    assert_eq!(c("candidate_gen").needed, Some(18));
    assert!(p.components.iter().all(|c| !c.is_short()));

    let files = mlsd::docs::build(&m, "feed_ranking.mlsd");
    let cap = doc(&files, paths::CAPACITY);
    has(cap, "**46,296.3/s** (46.3k/s)");
    has(cap, "**138,888.9/s** (139k/s)");
    has(cap, "needed = ⌈138,888.9 ÷ 4,000⌉ = 35 replicas");
}

#[test]
fn reference_storage() {
    let m = reference();
    let p = plan(&m);
    let s = |name: &str| {
        p.storage
            .iter()
            .find(|s| m.entity(s.id).named.name == name)
            .unwrap_or_else(|| panic!("{name} sized"))
            .storage
    };
    // WatchEvent: uuid 16 + string 32 + string 32 + float 8 + enum 1 + timestamp 8 = 97 bytes;
    // 2B/day x 97 B = 194 GB/day; x 90 d = 17.46 TB.
    let w = s("WatchEvent");
    close(w.row_bytes, 97.0, 0.0);
    close(w.rows_per_day, 2e9, 1e-3);
    close(w.bytes_per_day, 194e9, 1.0);
    close(w.stored_bytes, 17.46e12, 1e3);
    // UserFeatures: string 32 + list<string> @len(50) 50 x 32 + string? 32 + vector<256> 1024
    // + timestamp 8 = 2,696 bytes; 200M/day -> 539.2 GB/day; x 7 d = 3.7744 TB.
    let u = s("UserFeatures");
    close(u.row_bytes, 2696.0, 0.0);
    close(u.bytes_per_day, 539.2e9, 1.0);
    close(u.stored_bytes, 3.7744e12, 1e3);
    close(p.total_bytes, 17.46e12 + 3.7744e12, 1e3);

    let files = mlsd::docs::build(&m, "feed_ranking.mlsd");
    let cap = doc(&files, paths::CAPACITY);
    has(cap, "Row size = 16 + 32 + 32 + 8 + 1 + 8 = **97 bytes**");
    has(
        cap,
        "Row size = 32 + 1,600 + 32 + 1,024 + 8 = **2,696 bytes**",
    );
    has(cap, "= **17.5 TB**");
    has(cap, "= **3.77 TB**");
    has(
        cap,
        "| `history` | `list<string>` | 1,600 | 50 (`@len`) × 32 |",
    );
    // 300k/s of WatchEvent into the stream is, averaged over the day (÷ peak factor 3),
    // 100k/s against 3 × 23.1k/s of volume: flagged as R022 flags it.
    has(
        cap,
        "`mobile_app` → `events` 300k/s (25.9B/day). Into `events` they sum to 300k/s, a daily \
         average of 300k/s ÷ 3 = 100k/s, above the bound of 69.4k/s (rule R022: k = 3)",
    );
}

#[test]
fn reference_cost_against_budget() {
    let m = reference();
    let p = plan(&m);
    // 20 x $0.78/h x 720 h = $11,232; 8 x $3.67/h x 720 h = $21,139.20; total $32,371.20.
    assert_eq!(p.pools.len(), 2);
    close(p.pools[0].monthly, 11_232.0, 1e-6);
    close(p.pools[1].monthly, 21_139.2, 1e-6);
    close(p.monthly_cost.unwrap(), 32_371.2, 1e-6);
    close(p.budget_monthly.unwrap(), 40_000.0, 1e-6);

    let files = mlsd::docs::build(&m, "feed_ranking.mlsd");
    let cap = doc(&files, paths::CAPACITY);
    has(cap, "20 × $0.78 × 720 h = $11,232.00");
    has(cap, "8 × $3.67 × 720 h = $21,139.20");
    has(cap, "**$32,371.20/mo** ($32.4k/mo)");
    has(
        cap,
        "Budget (`constraints.budget`): $40k/mo. The deployment uses 80.9% of it",
    );
    has(
        doc(&files, paths::README),
        "Cost: $32.4k/mo against a budget of $40k/mo",
    );
}

const UNITS_SPEC: &str = r#"
system "Units" { summary: "Unit conversions" }
requirements { constraints { budget: $1k/mo } }
service api { capacity: 10/s; replicas: 2 }
database db
api -> db { rate: 36k/h }
entity Blob {
  id: int @key
  payload: bytes @size(1KiB)
  meta: bytes @size(1KB)
  tags: map<string, int>
  owner: Owner?
  volume { rate: 3600/h; retention: 2w; stored_in: [db] }
}
entity Owner { a: uuid @key; b: date @key; c: string }
deployment { node_pool pool { count: 3; cost: $24/d } }
scaling { traffic { daily_active_users: 86.4k; requests_per_user: 1/h } }
"#;

#[test]
fn unit_conversions() {
    let m = analyze(UNITS_SPEC);
    let p = plan(&m);
    // 86.4k users x 1/h = 24/day each: 86,400 x 24 / 86,400 = 24/s, peak factor 1.
    let t = p.traffic.unwrap();
    close(t.requests_per_user_per_day, 24.0, 1e-9);
    close(t.average, 24.0, 1e-9);
    close(t.peak, 24.0, 1e-9);
    assert!(!t.explicit_peak_factor);
    // api: no rated incoming flow -> implied peak 24/s over 10/s per replica: 3 needed, 2 there.
    let api = &p.components[0];
    close(api.load.unwrap(), 24.0, 1e-9);
    assert_eq!(api.needed, Some(3));
    assert!(api.is_short());
    // Blob: int 8 + 1 KiB (1,024) + 1 KB (1,000) + map 10 x (32 + 8) = 400
    // + Owner key (uuid 16 + date 4 = 20) = 2,452 bytes; 3,600/h = 86,400/day; 14 days.
    let s = p.storage[0].storage;
    close(s.row_bytes, 8.0 + 1024.0 + 1000.0 + 400.0 + 20.0, 0.0);
    close(s.rows_per_day, 86_400.0, 1e-6);
    close(s.retention_days, 14.0, 1e-9);
    close(s.stored_bytes, 2452.0 * 86_400.0 * 14.0, 1e-3);
    // 3 nodes x $24/d = $1/h each: 3 x $1 x 720 h = $2,160/mo, over the $1k/mo budget.
    close(p.pools[0].hourly, 1.0, 1e-9);
    close(p.monthly_cost.unwrap(), 2160.0, 1e-6);

    let files = mlsd::docs::build(&m, "units.mlsd");
    let cap = doc(&files, paths::CAPACITY);
    has(
        cap,
        "24/s × peak factor 1 (no `peak_factor` given) = **24/s**",
    );
    has(cap, "**short by 1 replica(s)**");
    has(cap, "| `payload` | `bytes` | 1,024 | `@size` |");
    has(cap, "| `tags` | `map<string, int>` | 400 | 10 × (32 + 8) |");
    has(cap, "| `owner` | `Owner?` | 20 | key of `Owner` |");
    has(cap, "**The deployment is over budget by $1.16k/mo**");
    has(
        doc(&files, paths::FUTURE),
        "Short of capacity at peak: `api`",
    );
}

#[test]
fn rated_flows_per_hour_and_per_second_add_up() {
    let m = analyze(
        r#"
system "Rates"
service a
service b
worker w { capacity: 1k/s; replicas: 1 }
a -> w { rate: 1.8M/h }
b -> w { rate: 500/s }
"#,
    );
    let p = plan(&m);
    // 1.8M/h = 500/s, plus 500/s = 1,000/s: exactly one replica's capacity.
    close(p.components[0].load.unwrap(), 1000.0, 1e-9);
    assert_eq!(p.components[0].needed, Some(1));
    assert!(!p.components[0].is_short());
    assert!(p.traffic.is_none());
    let files = mlsd::docs::build(&m, "rates.mlsd");
    let cap = doc(&files, paths::CAPACITY);
    has(cap, "500/s from `a` + 500/s from `b` = 1,000/s");
    has(cap, "No traffic estimate in the spec yet");
}

#[test]
fn binary_and_decimal_sizes_per_minute_over_a_year() {
    let m = analyze(
        r#"
system "Sizes"
database store
entity Doc {
  a: bytes @size(2KiB)
  b: bytes @size(2KB)
  c: list<float>
  d: vector<3>
  volume { rate: 10/min; retention: 1y; stored_in: [store] }
}
"#,
    );
    let p = plan(&m);
    let s = p.storage[0].storage;
    // 2,048 + 2,000 + 10 x 8 + 4 x 3 = 4,140 bytes; 10/min = 14,400/day; 365 days.
    close(s.row_bytes, 4140.0, 0.0);
    close(s.rows_per_day, 14_400.0, 1e-6);
    close(s.retention_days, 365.0, 1e-9);
    close(s.stored_bytes, 4140.0 * 14_400.0 * 365.0, 1e-3);
    let files = mlsd::docs::build(&m, "sizes.mlsd");
    let cap = doc(&files, paths::CAPACITY);
    has(cap, "Row size = 2,048 + 2,000 + 80 + 12 = **4,140 bytes**");
    // 4,140 x 14,400 x 365 = 21.76 GB.
    has(cap, "× 365 days of retention = **21.8 GB**");
    has(cap, "| `c` | `list<float>` | 80 | 10 × 8 |");
}
