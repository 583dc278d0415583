//! The registry of every code mlsd reports: diagnostics (`E0xx` errors, `W0xx` warnings) and
//! review rules (`R0xx` findings). Each code is declared once here, as a constant that the
//! stages pass to `Diagnostic::error`/`warning` (`codes::E032`) and as an [`Entry`] that
//! `mlsd explain CODE` prints. A new code is a one-place change: one line group in
//! `diagnostics.rs` or `rules.rs`.

mod diagnostics;
mod rules;

pub use diagnostics::*;
pub use rules::*;

use serde::Serialize;

/// How serious a code is: the severity of a diagnostic, or the severities a rule's findings
/// can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    High,
    Medium,
    Low,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::High => "high",
            Level::Medium => "medium",
            Level::Low => "low",
        }
    }
}

/// One code's reference entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// `E032`, `W004`, `R001`.
    pub code: &'static str,
    /// The severities it is reported with (one for diagnostics; rules may take two, the
    /// condition in `explanation` says which).
    pub levels: &'static [Level],
    /// What it is about, in a few words.
    pub title: &'static str,
    /// Why it matters and exactly when it is reported, with the message it prints.
    pub explanation: &'static str,
    /// A snippet that gives it.
    pub example: &'static str,
    /// How to fix it, in one sentence.
    pub fix: &'static str,
    /// Why it matters, one sentence (review rules; empty for diagnostics). A finding prints
    /// it as its `why`.
    pub why: &'static str,
}

/// Codes that no spec can produce: internal errors reported when mlsd itself is wrong.
pub const INTERNAL: &[&str] = &[E000];

/// Every entry: errors, warnings, then rules, each in code order.
pub fn all() -> impl Iterator<Item = &'static Entry> {
    DIAGNOSTICS.iter().chain(RULES.iter())
}

/// The entry of `code` (case-insensitive: `e032` finds `E032`).
pub fn lookup(code: &str) -> Option<&'static Entry> {
    let code = code.trim();
    all().find(|e| e.code.eq_ignore_ascii_case(code))
}

/// The registered code nearest to an unknown `code`: same letter and the closest number when
/// it reads as one (`E99` -> `E053`), else the smallest edit distance.
pub fn nearest(code: &str) -> Option<&'static str> {
    let code = code.trim().to_ascii_uppercase();
    let mut chars = code.chars();
    let letter = chars.next()?;
    if let Ok(number) = chars.as_str().parse::<u32>() {
        let closest = all()
            .filter(|e| e.code.starts_with(letter))
            .filter_map(|e| Some((e.code[1..].parse::<u32>().ok()?.abs_diff(number), e.code)))
            .min();
        if let Some((_, c)) = closest {
            return Some(c);
        }
    }
    crate::model::suggest::nearest(&code, all().map(|e| e.code))
}

/// Declares a table of entries and one `pub const CODE: &str` per entry.
macro_rules! registry {
    ($table:ident: $(
        $code:ident [$($level:ident),+] $title:literal;
        example: $example:literal;
        fix: $fix:literal;
        $(why: $why:literal;)?
        $explanation:literal;
    )*) => {
        $( pub const $code: &str = stringify!($code); )*
        /// The entries of this table, in code order.
        pub static $table: &[super::Entry] = &[$(
            super::Entry {
                code: stringify!($code),
                levels: &[$(super::Level::$level),+],
                title: $title,
                explanation: $explanation,
                example: $example,
                fix: $fix,
                why: super::why!($($why)?),
            },
        )*];
    };
}
use registry;

/// The `why` of an entry: the literal, or empty when the entry has none.
macro_rules! why {
    () => {
        ""
    };
    ($why:literal) => {
        $why
    };
}
use why;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_sorted_and_well_formed() {
        // Errors, then warnings, then rules; each in number order, none twice.
        let codes: Vec<_> = all().map(|e| e.code).collect();
        let mut sorted = codes.clone();
        sorted.sort_by_key(|c| ("EWR".find(&c[..1]), *c));
        sorted.dedup();
        assert_eq!(codes, sorted, "codes must be unique and in order");
        for e in all() {
            let letter = &e.code[..1];
            let expected: &[Level] = match letter {
                "E" => &[Level::Error],
                "W" => &[Level::Warning],
                _ => &[],
            };
            if !expected.is_empty() {
                assert_eq!(e.levels, expected, "{}", e.code);
            } else {
                assert!(e.levels.iter().all(|l| *l >= Level::High), "{}", e.code);
                assert!(!e.fix.is_empty(), "{} needs a fix", e.code);
            }
            assert_eq!(e.code.len(), 4, "{}", e.code);
            assert!(!e.title.is_empty() && !e.explanation.is_empty() && !e.example.is_empty());
        }
    }

    #[test]
    fn lookup_is_case_insensitive_and_nearest_is_by_number() {
        assert_eq!(lookup("e032").map(|e| e.code), Some("E032"));
        assert!(lookup("E999").is_none());
        assert_eq!(nearest("E99"), Some("E057"));
        assert_eq!(nearest("E013"), Some("E012"));
        assert_eq!(nearest("r23"), Some("R022"));
        assert_eq!(nearest("W0O1"), Some("W001"));
    }
}
