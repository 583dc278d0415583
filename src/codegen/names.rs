//! Spec names -> valid target identifiers: `PascalCase` types, `snake_case` functions,
//! Python and Rust keywords escaped, collisions resolved in claim order (deterministic).

use std::collections::BTreeSet;

/// Python's hard keywords: a trailing `_` makes them usable (PEP 8).
const PYTHON_KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// Names a generated Python annotation may use: a field named like them would shadow the type
/// inside the class body, so fields with these names get a trailing `_`.
const PYTHON_TYPE_NAMES: &[&str] = &[
    "str",
    "int",
    "float",
    "bool",
    "bytes",
    "list",
    "dict",
    "datetime",
    "date",
    "UUID",
    "Any",
    "Enum",
    "dataclass",
    "field",
    "Annotated",
    "Query",
    "Path",
    "object",
    "type",
];

/// Rust keywords that cannot be raw identifiers; they get a trailing `_`.
const RUST_NON_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Splits a name into lowercase words at `_`, non-alphanumerics and case changes
/// (`HTTPServer2x` -> `http`, `server2x`; `watch_event` -> `watch`, `event`).
pub fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let prev = if i > 0 {
            chars.get(i - 1).copied()
        } else {
            None
        };
        let next = chars.get(i + 1).copied();
        let boundary = c.is_uppercase()
            && prev.is_some_and(|p| {
                p.is_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_uppercase() && next.is_some_and(char::is_lowercase))
            });
        if boundary && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// `watch_event`, `WatchEvent`, `HTTPServer` -> `WatchEvent`, `WatchEvent`, `HttpServer`.
pub fn pascal_case(name: &str) -> String {
    let mut s: String = words(name)
        .iter()
        .map(|w| {
            let mut c = w.chars();
            c.next().map_or(String::new(), |f| {
                f.to_uppercase().collect::<String>() + c.as_str()
            })
        })
        .collect();
    if s.is_empty() {
        s = "Unnamed".to_string();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'N');
    }
    s
}

/// `WatchEvent`, `feed_api`, `ndcgAt10` -> `watch_event`, `feed_api`, `ndcg_at10`.
pub fn snake_case(name: &str) -> String {
    let mut s = words(name).join("_");
    if s.is_empty() {
        s = "unnamed".to_string();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'n');
    }
    s
}

/// `card_present` -> `CARD_PRESENT` (Python enum members).
pub fn upper_snake(name: &str) -> String {
    let s = snake_case(name).to_uppercase();
    if s.starts_with('_') {
        format!("V{s}")
    } else {
        s
    }
}

/// A name made valid for Python: characters outside identifiers become `_`, keywords get
/// a trailing `_` (`from` -> `from_`).
pub fn python_ident(name: &str) -> String {
    let mut s: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    if PYTHON_KEYWORDS.contains(&s.as_str()) {
        s.push('_');
    }
    s
}

/// A Python field name: a valid identifier that shadows no type the stubs annotate with.
pub fn python_field(name: &str) -> String {
    let s = python_ident(name);
    if PYTHON_TYPE_NAMES.contains(&s.as_str()) {
        format!("{s}_")
    } else {
        s
    }
}

/// Whether `name` is a Rust keyword that needs `r#` (strict, reserved or edition-2021 ones).
pub fn is_rust_keyword(name: &str) -> bool {
    const KW: &[&str] = &[
        "as", "break", "const", "continue", "else", "enum", "extern", "false", "fn", "for", "if",
        "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
        "static", "struct", "trait", "true", "type", "unsafe", "use", "where", "while", "async",
        "await", "dyn", "abstract", "become", "box", "do", "final", "macro", "override", "priv",
        "typeof", "unsized", "virtual", "yield", "try", "gen",
    ];
    KW.contains(&name)
}

/// A Rust identifier for `name` (already cased): keywords become raw identifiers
/// (`type` -> `r#type`), the few that cannot be raw get a trailing `_`.
pub fn rust_ident(name: &str) -> proc_macro2::Ident {
    let span = proc_macro2::Span::call_site();
    let mut s: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    if RUST_NON_RAW.contains(&s.as_str()) {
        s.push('_');
    }
    if is_rust_keyword(&s) {
        proc_macro2::Ident::new_raw(&s, span)
    } else {
        proc_macro2::Ident::new(&s, span)
    }
}

/// One namespace of generated identifiers. The first claim of a name gets it; later claims
/// get `2`, `3`... appended (`_2` for snake names), so the result depends only on the order
/// of the claims, which follows the spec.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// A scope where `reserved` (imports, helper names) are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Scope {
            taken: reserved.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// Claims `base` or the first free variant of it.
    pub fn claim(&mut self, base: &str) -> String {
        let sep = if base.contains('_') || base.starts_with(|c: char| c.is_lowercase()) {
            "_"
        } else {
            ""
        };
        let mut candidate = base.to_string();
        let mut n = 2;
        while self.taken.contains(&candidate) {
            candidate = format!("{base}{sep}{n}");
            n += 1;
        }
        self.taken.insert(candidate.clone());
        candidate
    }

    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases() {
        assert_eq!(pascal_case("watch_event"), "WatchEvent");
        assert_eq!(pascal_case("WatchEvent"), "WatchEvent");
        assert_eq!(pascal_case("HTTPServer"), "HttpServer");
        assert_eq!(pascal_case("FAQ"), "Faq");
        assert_eq!(snake_case("WatchEvent"), "watch_event");
        assert_eq!(snake_case("ndcg_at_10"), "ndcg_at_10");
        assert_eq!(snake_case("txnCount1h"), "txn_count1h");
        assert_eq!(upper_snake("card_present"), "CARD_PRESENT");
        assert_eq!(upper_snake("_x"), "X");
    }

    #[test]
    fn keywords() {
        assert_eq!(python_ident("from"), "from_");
        assert_eq!(python_ident("None"), "None_");
        assert_eq!(python_field("date"), "date_");
        assert_eq!(python_field("day"), "day");
        assert_eq!(rust_ident("type").to_string(), "r#type");
        assert_eq!(rust_ident("self").to_string(), "self_");
        assert_eq!(rust_ident("Self").to_string(), "Self_");
        assert_eq!(rust_ident("user_id").to_string(), "user_id");
    }

    #[test]
    fn collisions_are_deterministic() {
        let mut s = Scope::with_reserved(&["Enum"]);
        assert_eq!(s.claim("FeedItem"), "FeedItem");
        assert_eq!(s.claim("FeedItem"), "FeedItem2");
        assert_eq!(s.claim("Enum"), "Enum2");
        assert_eq!(s.claim("run"), "run");
        assert_eq!(s.claim("run"), "run_2");
        assert_eq!(s.claim("run"), "run_3");
    }
}
