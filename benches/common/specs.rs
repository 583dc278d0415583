//! Generated `.mlsd` specs of a chosen size: components spread over top-level groups (every
//! third group with a nested sub-group) and a few ungrouped edge components. Two shapes of
//! flows: [`spec`] runs a request path through every member of a group and joins random
//! components of any two groups (the worst case for a layout: long chains, every group talking
//! to every other); [`structured`] has the shape of a real system (each group a call tree from
//! its gateway, and each group calling a few partner groups).
#![allow(dead_code)]

use std::fmt::Write;

/// The component kinds a generated group cycles through (none needs further attributes).
const KINDS: &[&str] = &[
    "service",
    "service",
    "database",
    "cache",
    "worker",
    "queue",
    "search_index",
    "storage",
    "service",
    "stream",
];

/// A small deterministic generator (64-bit LCG), so every run draws the same spec.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// The system, the ungrouped components and the groups of a generated spec: its text so far,
/// the members of each group (by component index) and the generator, to go on with the flows.
fn components_of(components: usize, groups: usize, seed: u64) -> (String, Vec<Vec<usize>>, Lcg) {
    let mut rng = Lcg(seed ^ 0x9e37_79b9_7f4a_7c15);
    let groups = groups.max(1);
    let mut o = String::new();
    let _ = writeln!(
        o,
        "system \"Generated {components}\" {{\n  summary: \"A generated design of {components} components.\"\n}}\n"
    );
    let _ = writeln!(o, "user visitor \"Visitor\"");
    let _ = writeln!(o, "client web \"Web client\"");
    let _ = writeln!(o, "monitor metrics \"Metrics\"\n");
    let grouped = components.saturating_sub(3);
    // Members of each group, by index of component (c0, c1, ...).
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); groups];
    for i in 0..grouped {
        members[i * groups / grouped.max(1)].push(i);
    }
    for (g, list) in members.iter().enumerate() {
        let _ = writeln!(o, "group g{g} \"Group {g}\" {{");
        let nested = g % 3 == 2 && list.len() >= 4;
        let split = if nested { list.len() / 2 } else { list.len() };
        for &i in &list[..split] {
            let kind = if i == list[0] {
                "gateway"
            } else {
                KINDS[rng.next(KINDS.len())]
            };
            let _ = writeln!(o, "  {kind} c{i} \"Component {i}\"");
        }
        if nested {
            let _ = writeln!(o, "  group g{g}_inner \"Group {g} inner\" {{");
            for &i in &list[split..] {
                let kind = KINDS[rng.next(KINDS.len())];
                let _ = writeln!(o, "    {kind} c{i} \"Component {i}\"");
            }
            let _ = writeln!(o, "  }}");
        }
        let _ = writeln!(o, "}}\n");
    }
    (o, members, rng)
}

/// A spec with `components` components (3 of them ungrouped), `groups` top-level groups and
/// about `flows` flows: a request path through the members of each group, then random flows
/// between any two components.
pub fn spec(components: usize, groups: usize, flows: usize, seed: u64) -> String {
    let (mut o, members, mut rng) = components_of(components, groups, seed);
    let grouped = components.saturating_sub(3);
    let _ = writeln!(o, "visitor -> web: \"opens\"");
    let _ = writeln!(o, "web -> c0: \"request\" {{ protocol: https }}");
    let mut written = 2;
    // A request path inside each group, then calls and events between groups.
    for list in &members {
        for pair in list.windows(2) {
            if written >= flows {
                break;
            }
            let _ = writeln!(o, "c{} -> c{} {{ protocol: grpc }}", pair[0], pair[1]);
            written += 1;
        }
    }
    while written < flows && grouped > 1 {
        let a = rng.next(grouped);
        let b = rng.next(grouped);
        if a == b {
            continue;
        }
        let mode = ["sync", "sync", "async", "batch"][rng.next(4)];
        let _ = writeln!(o, "c{a} -> c{b}: \"call {written}\" {{ mode: {mode} }}");
        written += 1;
    }
    if grouped > 0 {
        let _ = writeln!(o, "c0 -> metrics: \"metrics\" {{ mode: async }}");
    }
    o
}

/// A spec with the shape of a real system: `components` components (3 of them ungrouped) in
/// `groups` top-level groups, each group a call tree from its gateway (every member called by
/// one of the members before it, four to a caller), and the rest of the `flows` from random
/// members of a group to random members of one of its four partner groups (the next two, and
/// two further on).
pub fn structured(components: usize, groups: usize, flows: usize, seed: u64) -> String {
    let (mut o, members, mut rng) = components_of(components, groups, seed);
    let groups = members.len();
    let _ = writeln!(o, "visitor -> web: \"opens\"");
    let _ = writeln!(o, "web -> c0: \"request\" {{ protocol: https }}");
    let mut written = 2;
    for list in &members {
        for k in 1..list.len() {
            if written >= flows {
                break;
            }
            let _ = writeln!(
                o,
                "c{} -> c{} {{ protocol: grpc }}",
                list[(k - 1) / 4],
                list[k]
            );
            written += 1;
        }
    }
    let partners = |g: usize| -> Vec<usize> {
        let mut p: Vec<usize> = [1, 2, 5, 11]
            .iter()
            .map(|d| (g + d) % groups)
            .filter(|&x| x != g)
            .collect();
        p.sort_unstable();
        p.dedup();
        p
    };
    while written < flows && groups > 1 {
        let g = rng.next(groups);
        let p = partners(g);
        let to = p[rng.next(p.len())];
        let (from, to) = (&members[g], &members[to]);
        if from.is_empty() || to.is_empty() {
            continue;
        }
        let (a, b) = (from[rng.next(from.len())], to[rng.next(to.len())]);
        let mode = ["sync", "sync", "async", "batch"][rng.next(4)];
        let _ = writeln!(o, "c{a} -> c{b}: \"call {written}\" {{ mode: {mode} }}");
        written += 1;
    }
    if members.iter().any(|m| !m.is_empty()) {
        let _ = writeln!(o, "c0 -> metrics: \"metrics\" {{ mode: async }}");
    }
    o
}
