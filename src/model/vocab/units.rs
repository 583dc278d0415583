//! The words that may follow a number (`150ms`, `2TB`, `5k/s`, `99.9%`), for completion. The
//! quantity decoder (`model::quantity`) is the judge: a test decodes every word here with it.

/// Units, magnitudes and per-time suffixes, in the order completion offers them.
pub const UNITS: &[&str] = &[
    "ms", "s", "min", "h", "d", "w", "mo", "y", "KB", "MB", "GB", "TB", "PB", "KiB", "MiB", "GiB",
    "TiB", "%", "k", "M", "B", "/s", "/min", "/h", "/d", "/mo",
];

#[cfg(test)]
mod tests {
    use super::UNITS;
    use crate::model::quantity::Quantity;
    use crate::span::Span;
    use crate::syntax::ast::{Ident, QuantityLit};

    fn decodes(word: &str) -> bool {
        let id = |s: &str| Ident {
            name: s.into(),
            span: Span::default(),
        };
        let (suffix, per) = match word.strip_prefix('/') {
            Some(per) => (None, Some(id(per))),
            None => (Some(id(word)), None),
        };
        let lit = QuantityLit {
            dollar: false,
            number: 5.0,
            number_span: Span::default(),
            suffix,
            per,
            span: Span::default(),
        };
        Quantity::from_literal(&lit).is_ok()
    }

    #[test]
    fn every_unit_is_the_checkers() {
        for u in UNITS {
            assert!(decodes(u), "`5{u}` is refused by the checker");
        }
        assert!(!decodes("Ms") && !decodes("/fortnight"));
    }
}
