//! Quantities with dimensions: `150ms`, `60k/s`, `$40k/mo`, `2.5TB/day`, `99.95%`.
//! Values are kept in base units (seconds, bytes, dollars, plain counts, percent points;
//! rates per second) so that capacity maths can add and compare them.

use crate::codes;
use std::fmt;

use crate::diagnostic::Diagnostic;
use crate::span::Span;
use crate::syntax::ast::QuantityLit;

/// What a quantity measures, before any `/time`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Base {
    Count,
    Time,
    Bytes,
    Percent,
    Money,
}

impl Base {
    pub fn as_str(self) -> &'static str {
        match self {
            Base::Count => "a count",
            Base::Time => "a time",
            Base::Bytes => "a size in bytes",
            Base::Percent => "a percentage",
            Base::Money => "an amount of money",
        }
    }
}

/// A base, optionally per unit of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Dimension {
    pub base: Base,
    pub per_time: bool,
}

impl Dimension {
    pub const COUNT: Dimension = Dimension::plain(Base::Count);
    pub const TIME: Dimension = Dimension::plain(Base::Time);
    pub const BYTES: Dimension = Dimension::plain(Base::Bytes);
    pub const PERCENT: Dimension = Dimension::plain(Base::Percent);
    pub const MONEY: Dimension = Dimension::plain(Base::Money);
    pub const RATE: Dimension = Dimension::rate(Base::Count);
    pub const MONEY_RATE: Dimension = Dimension::rate(Base::Money);

    pub const fn plain(base: Base) -> Self {
        Dimension {
            base,
            per_time: false,
        }
    }

    pub const fn rate(base: Base) -> Self {
        Dimension {
            base,
            per_time: true,
        }
    }

    /// Words for messages: "a time", "a count per time (a rate such as `60k/s`)".
    pub fn describe(self) -> String {
        match (self.base, self.per_time) {
            (Base::Count, true) => "a rate (count per time, as in `60k/s`)".to_string(),
            (Base::Money, true) => "money per time (as in `$40k/mo`)".to_string(),
            (Base::Bytes, true) => "bytes per time (as in `2.5TB/day`)".to_string(),
            (b, true) => format!("{} per time", b.as_str()),
            (Base::Time, false) => "a time (as in `150ms`)".to_string(),
            (Base::Bytes, false) => "a size (as in `64KB`)".to_string(),
            (Base::Percent, false) => "a percentage (as in `5%`)".to_string(),
            (Base::Money, false) => "money (as in `$40k`)".to_string(),
            (Base::Count, false) => "a number".to_string(),
        }
    }

    /// An example of this dimension, for help lines.
    pub fn example(self) -> &'static str {
        match (self.base, self.per_time) {
            (Base::Count, true) => "60k/s",
            (Base::Money, true) => "$40k/mo",
            (Base::Bytes, true) => "2.5TB/day",
            (Base::Time, true) | (Base::Percent, true) => "5%/d",
            (Base::Time, false) => "150ms",
            (Base::Bytes, false) => "64KB",
            (Base::Percent, false) => "5%",
            (Base::Money, false) => "$40k",
            (Base::Count, false) => "3",
        }
    }
}

/// A decoded quantity: `value` in base units (per second when `per_time`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quantity {
    pub value: f64,
    pub dim: Dimension,
    pub span: Span,
}

const TIME_UNITS: &[(&str, f64)] = &[
    ("ms", 0.001),
    ("s", 1.0),
    ("min", 60.0),
    ("h", 3600.0),
    ("d", 86_400.0),
    ("w", 604_800.0),
    ("mo", 2_592_000.0),
    ("y", 31_536_000.0),
];

const PER_LONG: &[(&str, &str)] = &[
    ("second", "s"),
    ("minute", "min"),
    ("hour", "h"),
    ("day", "d"),
    ("week", "w"),
    ("month", "mo"),
    ("year", "y"),
];

const BYTE_UNITS: &[(&str, f64)] = &[
    ("KB", 1e3),
    ("MB", 1e6),
    ("GB", 1e9),
    ("TB", 1e12),
    ("PB", 1e15),
    ("KiB", 1024.0),
    ("MiB", 1_048_576.0),
    ("GiB", 1_073_741_824.0),
    ("TiB", 1_099_511_627_776.0),
];

const MAGNITUDES: &[(char, f64)] = &[('k', 1e3), ('K', 1e3), ('M', 1e6), ('B', 1e9)];

/// Seconds in one of the time units or long per-forms, if `word` is one.
pub fn seconds_in(word: &str) -> Option<f64> {
    let short = PER_LONG
        .iter()
        .find(|(l, _)| *l == word)
        .map_or(word, |(_, s)| *s);
    TIME_UNITS
        .iter()
        .find(|(u, _)| *u == short)
        .map(|(_, v)| *v)
}

fn unit_of(word: &str) -> Option<(Base, f64)> {
    if word == "%" {
        return Some((Base::Percent, 1.0));
    }
    if let Some((_, s)) = TIME_UNITS.iter().find(|(u, _)| *u == word) {
        return Some((Base::Time, *s));
    }
    BYTE_UNITS
        .iter()
        .find(|(u, _)| *u == word)
        .map(|(_, b)| (Base::Bytes, *b))
}

/// The unit people often mean by a word that is not one (`sec`, `hrs`, `days`).
fn alias(word: &str) -> Option<&'static str> {
    Some(match word.to_lowercase().as_str() {
        "sec" | "secs" | "second" | "seconds" => "s",
        "msec" | "msecs" | "millis" => "ms",
        "mins" | "minute" | "minutes" => "min",
        "hr" | "hrs" | "hour" | "hours" => "h",
        "day" | "days" => "d",
        "wk" | "week" | "weeks" => "w",
        "month" | "months" => "mo",
        "yr" | "yrs" | "year" | "years" => "y",
        _ => return None,
    })
}

fn all_unit_words() -> Vec<&'static str> {
    let mut v: Vec<&str> = TIME_UNITS.iter().map(|(u, _)| *u).collect();
    v.extend(BYTE_UNITS.iter().map(|(u, _)| *u));
    v
}

impl Quantity {
    /// Decodes a literal, explaining common slips (`150Ms`, `5m`, `5kB`).
    pub fn from_literal(lit: &QuantityLit) -> Result<Quantity, Diagnostic> {
        let mut value = lit.number;
        let mut base = Base::Count;
        let mut magnitude = false;
        if let Some(suffix) = &lit.suffix {
            let text = suffix.name.as_str();
            let bad = |message: String, help: String| {
                Err(Diagnostic::error(codes::E020, suffix.span, message).with_help(help))
            };
            if text == "m" {
                return bad(
                    "`m` is ambiguous".into(),
                    format!(
                        "did you mean `{0}min` (minutes) or `{0}M` (million)?",
                        fmt_num(lit.number)
                    ),
                );
            }
            let upper = text.to_uppercase();
            if unit_of(text).is_none() && upper != text && unit_of(&upper).is_some() {
                return bad(
                    format!("unknown unit `{text}`"),
                    format!("did you mean `{}{upper}`?", fmt_num(lit.number)),
                );
            }
            let mut unit_text = text;
            if let Some((_, factor)) = MAGNITUDES.iter().find(|(m, _)| text.starts_with(*m)) {
                let rest = &text[1..];
                // `B` alone is billion; `KB`, `KiB` are byte units, not magnitude + unit.
                if unit_of(text).is_none() {
                    if !rest.is_empty() && unit_of(rest).is_some() {
                        let first = text.chars().next().unwrap_or('k');
                        let word = MAGNITUDES
                            .iter()
                            .find(|(m, _)| *m == first)
                            .map(|(m, _)| match m {
                                'M' => "million",
                                'B' => "billion",
                                _ => "thousand",
                            })
                            .unwrap_or("thousand");
                        let help = if rest == "s" && first == 'M' {
                            format!("did you mean `{}ms`?", fmt_num(lit.number))
                        } else {
                            format!(
                                "a magnitude applies only to counts and money: write `{}{rest}`",
                                fmt_num(lit.number * factor)
                            )
                        };
                        return bad(
                            format!("`{first}` means {word}, which cannot scale `{rest}`"),
                            help,
                        );
                    }
                    value *= factor;
                    magnitude = true;
                    unit_text = rest;
                }
            }
            if !unit_text.is_empty() {
                match unit_of(unit_text) {
                    Some((b, factor)) => {
                        base = b;
                        value *= factor;
                    }
                    None => {
                        let upper = unit_text.to_uppercase();
                        let help = if let Some(unit) = alias(unit_text) {
                            format!("did you mean `{}{unit}`?", fmt_num(lit.number))
                        } else if unit_of(&upper).is_some() && upper != unit_text {
                            format!("did you mean `{}{}`?", fmt_num(lit.number), upper)
                        } else if let Some(near) =
                            crate::model::suggest::nearest(unit_text, all_unit_words())
                        {
                            format!("did you mean `{}{}`?", fmt_num(lit.number), near)
                        } else {
                            "units are ms s min h d w mo y, KB MB GB TB PB KiB MiB GiB TiB, and %"
                                .to_string()
                        };
                        return bad(format!("unknown unit `{unit_text}`"), help);
                    }
                }
            }
        }
        if lit.dollar {
            if base != Base::Count {
                return Err(Diagnostic::error(
                    codes::E020,
                    lit.span,
                    "`$` marks money and cannot carry a unit",
                )
                .with_help("write money as `$40k` or `$0.9/h`"));
            }
            base = Base::Money;
        }
        let _ = magnitude;
        let mut dim = Dimension::plain(base);
        if let Some(per) = &lit.per {
            match seconds_in(&per.name) {
                Some(secs) => {
                    value /= secs;
                    dim.per_time = true;
                }
                None => {
                    let mut words: Vec<&str> = TIME_UNITS.iter().map(|(u, _)| *u).collect();
                    words.extend(PER_LONG.iter().map(|(l, _)| *l));
                    let help = match crate::model::suggest::nearest(&per.name, words) {
                        Some(n) => format!("did you mean `/{n}`?"),
                        None => {
                            "write the time unit after `/`: `/s`, `/min`, `/h`, `/d`, `/day`, `/mo`"
                                .to_string()
                        }
                    };
                    return Err(Diagnostic::error(
                        codes::E020,
                        per.span,
                        format!("`{}` is not a unit of time", per.name),
                    )
                    .with_help(help));
                }
            }
        }
        Ok(Quantity {
            value,
            dim,
            span: lit.span,
        })
    }

    /// Per second, per day... `self.value` times seconds of `unit`.
    pub fn per(&self, unit: &str) -> f64 {
        self.value * seconds_in(unit).unwrap_or(1.0)
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&human(self.value, self.dim))
    }
}

/// A readable rendering with a sensible unit: `139k/s`, `4.2 TB`, `$32.4k/mo`, `150 ms`, `1 h`.
pub fn human(value: f64, dim: Dimension) -> String {
    if dim.per_time {
        return match dim.base {
            Base::Money => format!("{}/mo", human_money(value * 2_592_000.0)),
            Base::Count => {
                // Pick the time unit that gives a number of at least 1.
                for (unit, secs) in [("s", 1.0), ("min", 60.0), ("h", 3600.0), ("d", 86_400.0)] {
                    if value * secs >= 1.0 || unit == "d" {
                        return format!("{}/{unit}", human_count(value * secs));
                    }
                }
                unreachable!()
            }
            Base::Bytes => format!("{}/d", human_bytes(value * 86_400.0)),
            _ => format!("{}/s", fmt_num(value)),
        };
    }
    match dim.base {
        Base::Count => human_count(value),
        Base::Time => human_time(value),
        Base::Bytes => human_bytes(value),
        Base::Percent => format!("{}%", fmt_num(value)),
        Base::Money => human_money(value),
    }
}

/// `138_888.9` -> `138.9k`; `2e9` -> `2B`.
pub fn human_count(v: f64) -> String {
    let a = v.abs();
    if a >= 1e9 {
        format!("{}B", sig(v / 1e9))
    } else if a >= 1e6 {
        format!("{}M", sig(v / 1e6))
    } else if a >= 1e3 {
        format!("{}k", sig(v / 1e3))
    } else {
        sig(v)
    }
}

pub fn human_money(v: f64) -> String {
    format!("${}", human_count(v))
}

pub fn human_bytes(v: f64) -> String {
    let units = [
        ("PB", 1e15),
        ("TB", 1e12),
        ("GB", 1e9),
        ("MB", 1e6),
        ("KB", 1e3),
    ];
    for (u, f) in units {
        if v.abs() >= f {
            return format!("{} {u}", sig(v / f));
        }
    }
    format!("{} bytes", sig(v))
}

pub fn human_time(secs: f64) -> String {
    let units = [
        ("y", 31_536_000.0),
        ("d", 86_400.0),
        ("h", 3600.0),
        ("min", 60.0),
        ("s", 1.0),
    ];
    for (u, f) in units {
        if secs.abs() >= f && (secs / f).fract().abs() < 1e-9 || secs.abs() >= f * 10.0 {
            return format!("{} {u}", sig(secs / f));
        }
    }
    if secs.abs() >= 1.0 {
        return format!("{} s", sig(secs));
    }
    format!("{} ms", sig(secs * 1000.0))
}

/// Three significant digits at most, no trailing zeros: 46.296 -> 46.3, 138.888 -> 139.
pub fn sig(v: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    let a = v.abs();
    let decimals = if a >= 100.0 {
        0
    } else if a >= 10.0 {
        1
    } else if a >= 1.0 {
        2
    } else {
        3
    };
    fmt_fixed(v, decimals)
}

/// A number with at most `decimals` decimals and no trailing zeros.
pub fn fmt_fixed(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" { "0".into() } else { s }
}

/// `1 replica`, `3 replicas`.
pub fn plural(n: u64, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// A number as written in a spec: no exponent, no trailing zeros.
pub fn fmt_num(v: f64) -> String {
    fmt_fixed(v, 6)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::ast::Ident;

    fn lit(dollar: bool, n: f64, suffix: Option<&str>, per: Option<&str>) -> QuantityLit {
        let id = |s: &str| Ident {
            name: s.into(),
            span: Span::default(),
        };
        QuantityLit {
            dollar,
            number: n,
            number_span: Span::default(),
            suffix: suffix.map(id),
            per: per.map(id),
            span: Span::default(),
        }
    }

    #[test]
    fn decodes_units() {
        let q = Quantity::from_literal(&lit(false, 150.0, Some("ms"), None)).unwrap();
        assert_eq!((q.value, q.dim), (0.15, Dimension::TIME));
        let q = Quantity::from_literal(&lit(false, 60.0, Some("k"), Some("s"))).unwrap();
        assert_eq!((q.value, q.dim), (60_000.0, Dimension::RATE));
        let q = Quantity::from_literal(&lit(true, 40.0, Some("k"), Some("mo"))).unwrap();
        assert!((q.value * 2_592_000.0 - 40_000.0).abs() < 1e-6);
        assert_eq!(q.dim, Dimension::MONEY_RATE);
        let q = Quantity::from_literal(&lit(false, 2.0, Some("B"), Some("day"))).unwrap();
        assert!((q.per("d") - 2e9).abs() < 1.0);
        let q = Quantity::from_literal(&lit(false, 1.0, Some("KiB"), None)).unwrap();
        assert_eq!(q.value, 1024.0);
        let q = Quantity::from_literal(&lit(false, 1.0, Some("KB"), None)).unwrap();
        assert_eq!(q.value, 1000.0);
        let q = Quantity::from_literal(&lit(false, 99.95, Some("%"), None)).unwrap();
        assert_eq!(q.dim, Dimension::PERCENT);
    }

    #[test]
    fn explains_slips() {
        let e = Quantity::from_literal(&lit(false, 150.0, Some("Ms"), None)).unwrap_err();
        assert_eq!(e.help.as_deref(), Some("did you mean `150ms`?"));
        let e = Quantity::from_literal(&lit(false, 5.0, Some("m"), None)).unwrap_err();
        assert!(
            e.help
                .unwrap()
                .contains("`5min` (minutes) or `5M` (million)")
        );
        let e = Quantity::from_literal(&lit(false, 5.0, Some("kB"), None)).unwrap_err();
        assert_eq!(e.help.as_deref(), Some("did you mean `5KB`?"));
        assert!(Quantity::from_literal(&lit(false, 5.0, Some("parsecs"), None)).is_err());
        assert!(Quantity::from_literal(&lit(false, 5.0, None, Some("fortnight"))).is_err());
    }

    #[test]
    fn human_units() {
        assert_eq!(human_count(138_888.9), "139k");
        assert_eq!(human_count(46_296.3), "46.3k");
        assert_eq!(
            human(32_400.0 / 2_592_000.0, Dimension::MONEY_RATE),
            "$32.4k/mo"
        );
        assert_eq!(human_bytes(4.2e12), "4.2 TB");
        assert_eq!(human_time(0.15), "150 ms");
        assert_eq!(human_time(3600.0), "1 h");
    }
}
