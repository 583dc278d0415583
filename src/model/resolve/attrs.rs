//! Typed access to the attributes of one block: each getter checks the value's kind and
//! dimension; unknown and repeated attributes are reported when the block is opened.

use crate::codes;
use indexmap::IndexMap;

use super::Resolver;
use super::symbols::{SymKind, Symbol, article};
use crate::diagnostic::Diagnostic;
use crate::model::quantity::{Dimension, Quantity};
use crate::model::suggest;
use crate::model::vocab;
use crate::span::Span;
use crate::syntax::ast::{Attr, Block, Path, Value};

/// The attributes of one block, by key (first occurrence).
pub struct Attrs<'a> {
    pub entries: IndexMap<&'a str, &'a Attr>,
    /// The vocabulary table the block was opened with (`None`: a free-form section).
    pub table: Option<&'static vocab::Block>,
}

impl<'a> Attrs<'a> {
    /// The attribute `key`. The key must be in the block's table: a getter reading a key the
    /// table lacks is a bug caught in debug builds (the table is the one place keys live).
    pub fn get(&self, key: &str) -> Option<&'a Attr> {
        debug_assert!(
            self.table.is_none_or(|t| t.get(key).is_some()),
            "`{key}` is read but is not in the vocabulary table {:?}",
            self.table.map(|t| t.keywords)
        );
        self.entries.get(key).copied()
    }

    pub fn has(&self, key: &str) -> bool {
        self.entries.contains_key(key)
    }
}

/// Which references an attribute accepts.
#[derive(Clone, Copy)]
pub enum Want {
    Components,
    ComponentsOrEntities,
    Entities,
    Models,
}

impl Want {
    fn accepts(self, kind: SymKind) -> bool {
        match self {
            Want::Components => matches!(kind, SymKind::Component(_)),
            Want::ComponentsOrEntities => matches!(kind, SymKind::Component(_) | SymKind::Entity),
            Want::Entities => kind == SymKind::Entity,
            Want::Models => kind == SymKind::Model,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Want::Components => "a component",
            Want::ComponentsOrEntities => "a component or an entity",
            Want::Entities => "an entity",
            Want::Models => "a model",
        }
    }
}

impl Resolver<'_> {
    /// Opens a block's attributes: repeated keys (E034), keys not in its vocabulary `table`
    /// (E032) and annotations (only fields take them, E051) are reported here.
    pub fn attrs<'a>(
        &mut self,
        block: Option<&'a Block>,
        context: &str,
        table: &'static vocab::Block,
    ) -> Attrs<'a> {
        let allowed = table.names();
        let mut entries: IndexMap<&'a str, &'a Attr> = IndexMap::new();
        for stmt in block.iter().flat_map(|b| &b.statements) {
            let crate::syntax::ast::Stmt::Attr(a) = stmt else {
                continue;
            };
            let key = a.key.name.as_str();
            if !allowed.contains(&key) {
                let help =
                    suggest::did_you_mean(key, allowed.iter().copied()).unwrap_or_else(|| {
                        if allowed.is_empty() {
                            format!("{context} takes no attributes")
                        } else {
                            format!("{context} takes: {}", allowed.join(", "))
                        }
                    });
                self.error(
                    Diagnostic::error(
                        codes::E032,
                        a.key.span,
                        format!("unknown attribute `{key}` in {context}"),
                    )
                    .with_help(help),
                );
                continue;
            }
            if let Some(first) = entries.get(key) {
                self.error(
                    Diagnostic::error(
                        codes::E034,
                        a.key.span,
                        format!("`{key}` is set twice in {context}"),
                    )
                    .with_help("keep one of them")
                    .with_note(first.key.span, "first set here"),
                );
                continue;
            }
            for ann in &a.annotations {
                self.error(
                    Diagnostic::error(
                        codes::E051,
                        ann.span,
                        format!("`@{}` cannot annotate `{key}`", ann.name.name),
                    )
                    .with_help("annotations belong to entity fields and endpoint params"),
                );
            }
            entries.insert(key, a);
        }
        Attrs {
            entries,
            table: Some(table),
        }
    }

    pub fn wrong_kind(&mut self, value: &Value, key: &str, expected: &str, example: &str) {
        self.error(
            Diagnostic::error(
                codes::E037,
                value.span(),
                format!("`{key}` takes {expected}, not {}", describe_value(value)),
            )
            .with_help(example_help(key, example)),
        );
    }

    /// A string (a bare word is accepted too where the text is a single word, like `status`).
    pub fn string(&mut self, attrs: &Attrs, key: &str) -> Option<String> {
        let a = attrs.get(key)?;
        match &a.value {
            Value::Str(s) => Some(s.value.clone()),
            v => {
                self.wrong_kind(v, key, "a string", "\"...\"");
                None
            }
        }
    }

    /// A string or a single word (`unit: ms`, `protocol: grpc`, `metric: watch_time`).
    pub fn text_or_word(&mut self, attrs: &Attrs, key: &str) -> Option<String> {
        let a = attrs.get(key)?;
        self.text_or_word_value(&a.value, key)
    }

    pub fn text_or_word_value(&mut self, v: &Value, key: &str) -> Option<String> {
        match v {
            Value::Str(s) => Some(s.value.clone()),
            Value::Type(t) if t.as_word().is_some() => t.as_word().map(|w| w.name.clone()),
            v => {
                self.wrong_kind(v, key, "a word or a string", "\"...\"");
                None
            }
        }
    }

    /// A list of strings or words; a single value is a one-element list.
    pub fn strings(&mut self, attrs: &Attrs, key: &str) -> Vec<String> {
        let Some(a) = attrs.get(key) else {
            return Vec::new();
        };
        one_or_many(&a.value)
            .into_iter()
            .filter_map(|v| self.text_or_word_value(v, key))
            .collect()
    }

    pub fn quantity(&mut self, attrs: &Attrs, key: &str, dim: Dimension) -> Option<Quantity> {
        let a = attrs.get(key)?;
        self.quantity_value(&a.value, key, dim)
    }

    pub fn quantity_value(&mut self, v: &Value, key: &str, dim: Dimension) -> Option<Quantity> {
        match v {
            Value::Quantity(lit) => match Quantity::from_literal(lit) {
                Ok(q) if q.dim == dim && q.value < 0.0 && dim != Dimension::COUNT => {
                    self.error(
                        Diagnostic::error(
                            codes::E037,
                            lit.span,
                            format!("`{key}` cannot be negative"),
                        )
                        .with_help(example_help(key, dim.example())),
                    );
                    None
                }
                Ok(q) if q.dim == dim => Some(q),
                Ok(q) => {
                    let found = if q.dim == Dimension::COUNT {
                        "a plain number".to_string()
                    } else {
                        q.dim.describe()
                    };
                    self.error(
                        Diagnostic::error(
                            codes::E038,
                            lit.span,
                            format!("`{key}` takes {}, not {found}", dim.describe()),
                        )
                        .with_help(example_help(key, dim.example())),
                    );
                    None
                }
                Err(d) => {
                    self.error(d);
                    None
                }
            },
            v => {
                self.wrong_kind(v, key, &dim.describe(), dim.example());
                None
            }
        }
    }

    /// A plain number (`threshold: 0.2`, `peak_factor: 3`).
    pub fn number(&mut self, attrs: &Attrs, key: &str) -> Option<f64> {
        self.quantity(attrs, key, Dimension::COUNT).map(|q| q.value)
    }

    /// `true` or `false`.
    pub fn boolean(&mut self, attrs: &Attrs, key: &str) -> Option<bool> {
        let v = &attrs.get(key)?.value;
        if let Value::Type(t) = v {
            match t.as_word().map(|w| w.name.as_str()) {
                Some("true") => return Some(true),
                Some("false") => return Some(false),
                _ => {}
            }
        }
        self.wrong_kind(v, key, "a boolean", "true");
        None
    }

    /// A whole, non-negative count (`replicas: 8`, `count: 20`).
    pub fn count(&mut self, attrs: &Attrs, key: &str) -> Option<u64> {
        let a = attrs.get(key)?;
        let q = self.quantity_value(&a.value, key, Dimension::COUNT)?;
        if q.value < 0.0 || q.value.fract() != 0.0 || q.value > 1e15 {
            self.error(
                Diagnostic::error(
                    codes::E037,
                    q.span,
                    format!("`{key}` takes a whole number of at least 0"),
                )
                .with_help(format!("write it as in `{key}: 3`")),
            );
            return None;
        }
        Some(q.value as u64)
    }

    /// A percentage in 0..=100 (`split: 5%`).
    pub fn percent(&mut self, attrs: &Attrs, key: &str) -> Option<f64> {
        let q = self.quantity(attrs, key, Dimension::PERCENT)?;
        self.check_percent(&q, key).then_some(q.value)
    }

    pub fn check_percent(&mut self, q: &Quantity, key: &str) -> bool {
        if !(0.0..=100.0).contains(&q.value) {
            self.error(
                Diagnostic::error(
                    codes::E037,
                    q.span,
                    format!("`{key}` must be between 0% and 100%"),
                )
                .with_help("a percentage is a share of the whole"),
            );
            return false;
        }
        true
    }

    /// One word of a closed vocabulary (`task: ranking`).
    pub fn word<T>(
        &mut self,
        attrs: &Attrs,
        key: &str,
        parse: fn(&str) -> Option<T>,
        words: &[&str],
    ) -> Option<T> {
        let v = &attrs.get(key)?.value;
        let word = match v {
            Value::Type(t) => t.as_word(),
            _ => None,
        };
        let Some(word) = word else {
            let example = words.first().copied().unwrap_or("...");
            self.wrong_kind(v, key, &format!("one of {}", words.join(", ")), example);
            return None;
        };
        if let Some(value) = parse(&word.name) {
            return Some(value);
        }
        let help = suggest::did_you_mean(&word.name, words.iter().copied())
            .unwrap_or_else(|| format!("`{key}` takes one of: {}", words.join(", ")));
        self.error(
            Diagnostic::error(
                codes::E039,
                word.span,
                format!("`{}` is not a valid `{key}`", word.name),
            )
            .with_help(help),
        );
        None
    }

    /// References to declarations of the kinds `want` accepts; one or a list.
    pub fn refs(&mut self, attrs: &Attrs, key: &str, want: Want) -> Vec<Symbol> {
        let Some(a) = attrs.get(key) else {
            return Vec::new();
        };
        let values = one_or_many(&a.value);
        values
            .into_iter()
            .filter_map(|v| self.ref_value(v, key, want))
            .collect()
    }

    /// A single reference (`served_by: feed_service`).
    pub fn one_ref(&mut self, attrs: &Attrs, key: &str, want: Want) -> Option<Symbol> {
        let a = attrs.get(key)?;
        if let Value::List(items, span) = &a.value
            && items.len() != 1
        {
            self.error(
                Diagnostic::error(
                    codes::E037,
                    *span,
                    format!("`{key}` takes one name, not a list"),
                )
                .with_help(format!("write `{key}: NAME`")),
            );
            return None;
        }
        let v = one_or_many(&a.value).into_iter().next()?;
        self.ref_value(v, key, want)
    }

    fn ref_value(&mut self, v: &Value, key: &str, want: Want) -> Option<Symbol> {
        let path = match v {
            Value::Type(t) => t.as_path(),
            _ => None,
        };
        let Some(path) = path else {
            self.wrong_kind(v, key, &format!("the name of {}", want.describe()), "name");
            return None;
        };
        if path.segments.len() != 1 {
            self.error(
                Diagnostic::error(
                    codes::E037,
                    path.span,
                    format!("`{key}` takes the name of {}, not a path", want.describe()),
                )
                .with_help("write the name alone"),
            );
            return None;
        }
        self.lookup(
            path,
            want.describe(),
            |k| want.accepts(k),
            &format!("`{key}`"),
        )
    }

    /// Resolves a one-segment path among the global names; reports unknown names (E035) with
    /// the nearest acceptable name, and names of the wrong kind (E036).
    /// `role` names what takes the reference in messages ("`model`", "a flow").
    pub fn lookup(
        &mut self,
        path: &Path,
        wanted: &str,
        accepts: impl Fn(SymKind) -> bool,
        role: &str,
    ) -> Option<Symbol> {
        let ident = &path.segments[0];
        match self.symbols.names.get(&ident.name) {
            Some(sym) if accepts(sym.kind) => Some(*sym),
            Some(sym) => {
                let sym = *sym;
                let candidates: Vec<&str> = self
                    .symbols
                    .names
                    .iter()
                    .filter(|(_, s)| accepts(s.kind))
                    .map(|(n, _)| n.as_str())
                    .collect();
                let help = suggest::did_you_mean(&ident.name, candidates)
                    .unwrap_or_else(|| format!("{role} takes {wanted}"));
                self.error(
                    Diagnostic::error(
                        codes::E036,
                        ident.span,
                        format!(
                            "`{}` is {}, but {role} takes {wanted}",
                            ident.name,
                            sym.kind.describe()
                        ),
                    )
                    .with_help(help)
                    .with_note(sym.span, format!("`{}` is declared here", ident.name)),
                );
                None
            }
            None => {
                self.unknown_name(&ident.name, ident.span, wanted, accepts);
                None
            }
        }
    }

    pub fn unknown_name(
        &mut self,
        name: &str,
        span: Span,
        wanted: &str,
        accepts: impl Fn(SymKind) -> bool,
    ) {
        // Declared with an error already reported: one root cause, one error.
        if self.symbols.failed.contains(name) {
            return;
        }
        let candidates: Vec<&str> = self
            .symbols
            .names
            .iter()
            .filter(|(_, s)| accepts(s.kind))
            .map(|(n, _)| n.as_str())
            .collect();
        let help = suggest::did_you_mean(name, candidates)
            .unwrap_or_else(|| format!("declare {wanted} named `{name}`, or check the spelling"));
        self.error(
            Diagnostic::error(
                codes::E035,
                span,
                format!(
                    "no {} named `{name}`",
                    wanted
                        .replace(" or an ", " or ")
                        .replace(" or a ", " or ")
                        .trim_start_matches("an ")
                        .trim_start_matches("a ")
                ),
            )
            .with_help(help),
        );
    }
}

/// "write it as in `key: example`", or `@key(example)` for an annotation.
fn example_help(key: &str, example: &str) -> String {
    if key.starts_with('@') {
        format!("write it as in `{key}({example})`")
    } else {
        format!("write it as in `{key}: {example}`")
    }
}

/// A list's items, or the value itself as a one-element list.
pub fn one_or_many(v: &Value) -> Vec<&Value> {
    match v {
        Value::List(items, _) => items.iter().collect(),
        v => vec![v],
    }
}

/// "a string", "a list", "the name `x`", "a quantity".
pub fn describe_value(v: &Value) -> String {
    match v {
        Value::Str(_) => "a string".into(),
        Value::Quantity(_) => "a number".into(),
        Value::List(..) => "a list".into(),
        Value::Type(t) => match t.as_word() {
            Some(w) if w.name == "true" || w.name == "false" => "a boolean".into(),
            Some(w) => format!("the word `{}`", w.name),
            None => article("type or path"),
        },
    }
}
