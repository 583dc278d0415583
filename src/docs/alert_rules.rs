//! `monitoring.alert`s -> `monitoring/alerts.rules.yml`: a Prometheus rule file with one rule
//! per alert that has an `expr` (`promtool check rules` accepts it).

use crate::model::{Alert, Model};
use crate::output::header_line;

/// The rule file's text.
pub fn rules_file(m: &Model, spec_name: &str) -> String {
    let mut out = format!("# {}\n", header_line(spec_name));
    let rules: Vec<&Alert> = m
        .monitoring
        .alerts
        .iter()
        .filter(|a| a.expr.as_deref().is_some_and(|e| !e.trim().is_empty()))
        .collect();
    let skipped: Vec<&str> = m
        .monitoring
        .alerts
        .iter()
        .filter(|a| !rules.iter().any(|r| std::ptr::eq(*r, *a)))
        .map(|a| a.named.name.as_str())
        .collect();
    for name in &skipped {
        out.push_str(&format!("# Alert {name} has no `expr` and is left out.\n"));
    }
    if rules.is_empty() {
        out.push_str("groups: []\n");
        return out;
    }
    out.push_str("groups:\n");
    out.push_str(&format!("  - name: {}\n", quote(&group_name(m))));
    out.push_str("    rules:\n");
    for a in rules {
        out.push_str(&format!("      - alert: {}\n", quote(&a.named.name)));
        out.push_str(&format!(
            "        expr: {}\n",
            quote(a.expr.as_deref().unwrap_or_default().trim())
        ));
        if let Some(d) = a.for_.and_then(|q| duration(q.value)) {
            out.push_str(&format!("        for: {d}\n"));
        }
        if let Some(s) = a.severity {
            out.push_str("        labels:\n");
            out.push_str(&format!("          severity: {}\n", quote(s.as_str())));
        }
        let mut annotations = Vec::new();
        if let Some(s) = &a.summary {
            annotations.push(("summary", s));
        }
        if let Some(s) = &a.description {
            annotations.push(("description", s));
        }
        if !annotations.is_empty() {
            out.push_str("        annotations:\n");
            for (k, v) in annotations {
                out.push_str(&format!("          {k}: {}\n", quote(&untemplated(v))));
            }
        }
    }
    out
}

/// The rule group's name: the system's name in snake case.
fn group_name(m: &Model) -> String {
    let mut s = String::new();
    for c in m.system.name.chars() {
        if c.is_alphanumeric() {
            s.extend(c.to_lowercase());
        } else if !s.ends_with('_') && !s.is_empty() {
            s.push('_');
        }
    }
    let s = s.trim_end_matches('_').to_string();
    if s.is_empty() { "mlsd".to_string() } else { s }
}

/// A YAML double-quoted scalar.
fn quote(s: &str) -> String {
    crate::output::text::yaml_str(s)
}

/// Annotations are Go templates in Prometheus: keep `{{` and `}}` literal.
fn untemplated(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("{{") {
            out.push_str("{{ \"{{\" }}");
            rest = r;
        } else if let Some(r) = rest.strip_prefix("}}") {
            out.push_str("{{ \"}}\" }}");
            rest = r;
        } else {
            let c = rest.chars().next().unwrap_or_default();
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// Seconds as a Prometheus duration (`5m`, `1h30m`, `500ms`); `None` when zero or negative.
pub fn duration(secs: f64) -> Option<String> {
    let mut ms = (secs * 1000.0).round() as u64;
    if ms == 0 {
        return None;
    }
    let mut out = String::new();
    for (unit, size) in [
        ("y", 31_536_000_000u64),
        ("w", 604_800_000),
        ("d", 86_400_000),
        ("h", 3_600_000),
        ("m", 60_000),
        ("s", 1000),
        ("ms", 1),
    ] {
        if ms >= size {
            out.push_str(&format!("{}{unit}", ms / size));
            ms %= size;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(duration(300.0).as_deref(), Some("5m"));
        assert_eq!(duration(5400.0).as_deref(), Some("1h30m"));
        assert_eq!(duration(0.5).as_deref(), Some("500ms"));
        assert_eq!(duration(86_400.0).as_deref(), Some("1d"));
        assert_eq!(duration(0.0), None);
    }

    #[test]
    fn quoting() {
        assert_eq!(quote("a \"b\" \\ c"), "\"a \\\"b\\\" \\\\ c\"");
        assert_eq!(untemplated("x {{y}}"), "x {{ \"{{\" }}y{{ \"}}\" }}");
    }
}
