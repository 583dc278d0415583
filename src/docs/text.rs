//! Model values -> short Markdown phrases shared by the documents: names, types, numbers
//! with thousands separators, quantities in readable units, "none yet" lines.

use super::markdown::{code, escape};
use crate::model::quantity::{Dimension, Quantity, human};
use crate::model::{ComponentId, DataRef, EntityId, Model, ModelId, Named};

/// `Label` (`name`), or `name` alone when the label only restates it.
pub fn named(n: &Named) -> String {
    if n.explicit_label {
        format!("{} ({})", escape(&n.label), code(&n.name))
    } else {
        code(&n.name)
    }
}

/// A heading for a named item: `Label (`name`)`, or the code name alone.
pub fn title(n: &Named) -> String {
    if n.label == n.name {
        code(&n.name)
    } else {
        format!("{} ({})", escape(&n.label), code(&n.name))
    }
}

/// A volume rate per day (`2B/day`), the unit entity volumes are usually written in.
pub fn per_day(q: &Quantity) -> String {
    let day = q.value * 86_400.0;
    if day >= 1.0 {
        format!("{}/day", crate::model::quantity::human_count(day))
    } else {
        qty(q)
    }
}

/// `1 byte`, `2,696 bytes`.
pub fn bytes(n: f64) -> String {
    if n == 1.0 {
        "1 byte".to_string()
    } else {
        format!("{} bytes", grouped(n, 2))
    }
}

/// How an endpoint is called: ``GET `/v1/feed/{user_id}` `` or ``rpc `Rank` ``.
pub fn endpoint_call(api: &crate::model::Api, e: &crate::model::ApiEndpoint) -> String {
    let base = api
        .base_path
        .as_deref()
        .unwrap_or_default()
        .trim_end_matches('/');
    match &e.path {
        Some(p) => format!(
            "{} {}",
            e.method.as_str().to_uppercase(),
            code(&format!("{base}{p}"))
        ),
        None => format!("rpc {}", code(&e.name)),
    }
}

/// A component as `Label` (`name`).
pub fn component(m: &Model, id: ComponentId) -> String {
    let c = m.component(id);
    format!("{} ({})", escape(&c.named.label), code(&c.named.name))
}

pub fn entity(m: &Model, id: EntityId) -> String {
    code(&m.entity(id).named.name)
}

pub fn model(m: &Model, id: ModelId) -> String {
    code(&m.model(id).named.name)
}

pub fn entities(m: &Model, ids: &[EntityId]) -> String {
    list(ids.iter().map(|e| entity(m, *e)))
}

pub fn models(m: &Model, ids: &[ModelId]) -> String {
    list(ids.iter().map(|e| model(m, *e)))
}

/// What a stage reads or writes, as a code name.
pub fn data_ref(m: &Model, d: DataRef) -> String {
    match d {
        DataRef::Component(c) => code(&m.component(c).named.name),
        DataRef::Entity(e) => entity(m, e),
    }
}

pub fn data_refs(m: &Model, ds: &[DataRef]) -> String {
    list(ds.iter().map(|d| data_ref(m, *d)))
}

/// Comma-separated; empty when there is nothing.
pub fn list(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

/// Words written in the spec (metric names, tags) as code spans.
pub fn words(items: &[String]) -> String {
    list(items.iter().map(|w| code(w)))
}

/// Free strings from the spec, escaped.
pub fn strings(items: &[String]) -> String {
    list(items.iter().map(|s| escape(s)))
}

/// A quantity in a readable unit (`139k/s`, `4.2 TB`, `$32.4k/mo`, `150 ms`).
pub fn qty(q: &Quantity) -> String {
    human(q.value, q.dim)
}

pub fn opt_qty(q: &Option<Quantity>) -> String {
    q.as_ref().map(qty).unwrap_or_default()
}

/// A rate per second in a readable unit.
pub fn rate(per_second: f64) -> String {
    human(per_second, Dimension::RATE)
}

/// `1234567.891` -> `1,234,567.89`: at most `decimals` decimals, trailing zeros dropped.
pub fn grouped(v: f64, decimals: usize) -> String {
    let s = crate::model::quantity::fmt_fixed(v, decimals);
    let (sign, s) = s.strip_prefix('-').map_or(("", s.as_str()), |r| ("-", r));
    let (int, frac) = s.split_once('.').map_or((s, None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

/// Dollars with cents: `$32,371.20`.
pub fn dollars(v: f64) -> String {
    let s = format!("{v:.2}");
    let (int, cents) = s.split_once('.').unwrap_or((&s, "00"));
    let int: f64 = int.parse().unwrap_or_default();
    format!("${}.{cents}", grouped(int, 0))
}

/// A unit price as the spec wrote it: cents at least, more decimals when the spec gave them
/// (`$0.714`, not `$0.71`), so a formula that multiplies it shows the factor it uses.
pub fn price(v: f64) -> String {
    let cents = dollars(v);
    let exact = format!("{v:.6}");
    let decimals = exact
        .split_once('.')
        .map_or("", |(_, d)| d.trim_end_matches('0'));
    if decimals.len() <= 2 {
        return cents;
    }
    let (int, _) = cents.split_once('.').unwrap_or((&cents, ""));
    format!("{int}.{decimals}")
}

/// A percentage with at most one decimal.
pub fn percent(fraction: f64) -> String {
    format!(
        "{}%",
        crate::model::quantity::fmt_fixed(fraction * 100.0, 1)
    )
}

/// The one line an empty section shows: what is missing and the construct that adds it.
pub fn none_yet(what: &str, construct: &str) -> String {
    format!("No {what} in the spec yet: add {}.", code(construct))
}

/// `yes` for true, empty otherwise (table cells).
pub fn yes(b: bool) -> String {
    if b { "yes".into() } else { String::new() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(grouped(138_888.888, 1), "138,888.9");
        assert_eq!(grouped(46_296.296, 1), "46,296.3");
        assert_eq!(grouped(999.0, 1), "999");
        assert_eq!(grouped(-1234.5, 1), "-1,234.5");
        assert_eq!(dollars(32_371.2), "$32,371.20");
        assert_eq!(dollars(0.78), "$0.78");
        assert_eq!(price(0.714), "$0.714");
        assert_eq!(price(0.78), "$0.78");
        assert_eq!(price(1234.5), "$1,234.50");
        assert_eq!(price(0.714 / 3600.0 * 3600.0), "$0.714");
        assert_eq!(percent(0.3055), "30.6%");
    }
}
