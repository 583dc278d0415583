//! Entities (fields, types, annotations, volume) and ML models.

use super::Resolver;
use super::attrs::Want;
use super::symbols::SymKind;
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::model::kinds::{Framework, ModelTask};
use crate::model::quantity::{Dimension, Quantity};
use crate::model::suggest;
use crate::model::types::*;
use crate::model::vocab;
use crate::syntax::ast::{Attr, Block, Decl, Stmt, TypeArg, TypeExpr, Value};

use vocab::{ANNOTATIONS, FIELD_GENERICS as GENERICS, FIELD_SCALARS as SCALARS};

impl Resolver<'_> {
    pub(super) fn entity(&mut self, d: &Decl) {
        let Some(name) = self.require_name(d, "an `entity`") else {
            return;
        };
        let fields = self.fields(d.body.as_ref(), "an `entity`");
        let mut volume = None;
        self.decls(d.body.as_ref(), "inside an `entity`", |r, inner| {
            if inner.keyword.name == "volume" && inner.name.is_none() && inner.label.is_none() {
                if volume.is_some() {
                    r.error(
                        Diagnostic::error(
                            codes::E034,
                            inner.keyword.span,
                            "`volume` appears twice in this entity",
                        )
                        .with_help("merge the two blocks"),
                    );
                    return;
                }
                volume = Some(r.volume(inner));
            } else {
                r.bad_keyword(inner, "inside an `entity`", &["volume"]);
            }
        });
        let entity = Entity {
            named: self.named(d, name),
            fields,
            volume,
        };
        self.place(name.span, entity, |m| &mut m.entities);
    }

    /// `E057`: an entity that contains itself through fields that must hold a value (not
    /// optional, not in a list or map) could never be written, and its generated examples
    /// would recurse for ever. Each cycle is reported once, at the field that closes it.
    pub(super) fn entity_cycles(&mut self) {
        let entities = &self.model.entities;
        // The required entity fields of each entity: (field index, target).
        let required: Vec<Vec<(usize, EntityId)>> = entities
            .iter()
            .map(|e| {
                e.fields
                    .iter()
                    .enumerate()
                    .filter_map(|(i, f)| match f.ty {
                        FieldType::Entity(t) => Some((i, t)),
                        _ => None,
                    })
                    .collect()
            })
            .collect();
        // Depth-first, without recursion (a chain may be as long as the spec): `path` holds
        // the entities being visited and the field taken out of each.
        let mut state = vec![0u8; entities.len()]; // 0 new, 1 on the path, 2 done
        let mut found = Vec::new();
        for start in 0..entities.len() {
            if state[start] != 0 {
                continue;
            }
            let mut path: Vec<(usize, usize)> = vec![(start, 0)];
            state[start] = 1;
            while let Some(&mut (e, ref mut next)) = path.last_mut() {
                let Some(&(_, EntityId(t))) = required[e].get(*next) else {
                    state[e] = 2;
                    path.pop();
                    continue;
                };
                *next += 1;
                match state[t] {
                    0 => {
                        state[t] = 1;
                        path.push((t, 0));
                    }
                    1 => {
                        let from = path.iter().position(|&(p, _)| p == t).unwrap_or(0);
                        // Each step: the entity and the field it was left by; the last
                        // step's field closes the cycle.
                        let steps: Vec<(usize, usize)> = path[from..]
                            .iter()
                            .map(|&(p, n)| (p, required[p][n - 1].0))
                            .collect();
                        found.push(steps);
                    }
                    _ => {}
                }
            }
        }
        for steps in found {
            let entities = &self.model.entities;
            let (e, field) = steps[steps.len() - 1];
            let mut chain: Vec<String> = steps
                .iter()
                .map(|&(p, f)| format!("{}.{}", entities[p].named.name, entities[p].fields[f].name))
                .collect();
            chain.push(entities[steps[0].0].named.name.clone());
            let first = &entities[steps[0].0].named.name;
            let closing = &entities[e].fields[field];
            let message = format!(
                "entity `{first}` contains itself through required fields: {}",
                chain.join(" -> ")
            );
            let target = match closing.ty {
                FieldType::Entity(EntityId(t)) => entities[t].named.name.clone(),
                _ => String::new(),
            };
            let help = format!(
                "no value of `{first}` could ever be written; make one of these fields optional (`{target}?`) or a list (`list<{target}>`)"
            );
            let span = closing.span;
            self.error(Diagnostic::error(codes::E057, span, message).with_help(help));
        }
    }

    fn volume(&mut self, d: &Decl) -> Volume {
        let attrs = self.attrs(d.body.as_ref(), "`volume`", &vocab::VOLUME);
        self.decls(d.body.as_ref(), "inside `volume`", |r, inner| {
            r.bad_keyword(inner, "inside `volume`", &[])
        });
        Volume {
            rate: self.quantity(&attrs, "rate", Dimension::RATE),
            retention: self.quantity(&attrs, "retention", Dimension::TIME),
            stored_in: self
                .refs(&attrs, "stored_in", Want::Components)
                .into_iter()
                .map(|s| ComponentId(s.id))
                .collect(),
            freshness: self.quantity(&attrs, "freshness", Dimension::TIME),
            span: d.span,
        }
    }

    /// Every attribute of the block is a field (entities and endpoint params).
    pub(super) fn fields(&mut self, block: Option<&Block>, context: &str) -> Vec<Field> {
        let mut out: Vec<Field> = Vec::new();
        for s in block.iter().flat_map(|b| &b.statements) {
            let Stmt::Attr(a) = s else { continue };
            if let Some(first) = out.iter().find(|f| f.name == a.key.name) {
                let first = first.span;
                self.error(
                    Diagnostic::error(
                        codes::E033,
                        a.key.span,
                        format!("field `{}` is declared twice in {context}", a.key.name),
                    )
                    .with_help("rename or remove one of them")
                    .with_note(first, "first declared here"),
                );
                continue;
            }
            if let Some(field) = self.field(a) {
                out.push(field);
            }
        }
        out
    }

    fn field(&mut self, a: &Attr) -> Option<Field> {
        if let Value::Str(text) = &a.value {
            // Prose about the entity, written as if it were a field.
            self.error(
                Diagnostic::error(
                    codes::E050,
                    text.span,
                    format!(
                        "`{}` is not a field: an entity's text goes in its label",
                        a.key.name
                    ),
                )
                .with_help(
                    "write it after the name, as in `entity Name \"what it is\" { ... }`, or on \
                     a field with `@doc(\"...\")`",
                ),
            );
            return None;
        }
        let Value::Type(t) = &a.value else {
            self.error(
                Diagnostic::error(codes::E050, a.value.span(), format!("field `{}` needs a type", a.key.name)).with_help(format!(
                    "write a type, as in `{}: string`; types are {}, list<T>, map<K, V>, vector<N>, enum<a, b>, an entity, and T?",
                    a.key.name,
                    SCALARS.join(" ")
                )),
            );
            return None;
        };
        let ty = self.field_type(t)?;
        let mut field = Field {
            name: a.key.name.clone(),
            ty,
            key: false,
            pii: false,
            doc: None,
            len: None,
            size: None,
            span: a.span,
        };
        for ann in &a.annotations {
            let n = ann.name.name.as_str();
            let needs_arg = matches!(n, "doc" | "len" | "size");
            match (&ann.arg, needs_arg) {
                (Some(_), false) if ANNOTATIONS.contains(&n) => {
                    self.error(
                        Diagnostic::error(
                            codes::E037,
                            ann.span,
                            format!("`@{n}` takes no argument"),
                        )
                        .with_help(format!("write `@{n}`")),
                    );
                    continue;
                }
                (None, true) => {
                    let example = match n {
                        "doc" => "@doc(\"...\")",
                        "len" => "@len(50)",
                        _ => "@size(64)",
                    };
                    self.error(
                        Diagnostic::error(
                            codes::E037,
                            ann.span,
                            format!("`@{n}` needs an argument"),
                        )
                        .with_help(format!("write `{example}`")),
                    );
                    continue;
                }
                _ => {}
            }
            match (n, &ann.arg) {
                ("key", _) => field.key = true,
                ("pii", _) => field.pii = true,
                ("doc", Some(Value::Str(s))) => field.doc = Some(s.value.clone()),
                ("len", Some(v)) => {
                    if let Some(q) = self.quantity_value(v, "@len", Dimension::COUNT) {
                        if q.value >= 0.0 && q.value.fract() == 0.0 {
                            field.len = Some(q.value as u64);
                        } else {
                            self.error(
                                Diagnostic::error(
                                    codes::E037,
                                    q.span,
                                    "`@len` takes a whole number of at least 0",
                                )
                                .with_help("write the typical list length, as in `@len(50)`"),
                            );
                        }
                    }
                }
                ("size", Some(v)) => {
                    // A plain number is bytes; a data quantity (`2KB`) is converted.
                    if let Value::Quantity(lit) = v
                        && let Ok(q) = Quantity::from_literal(lit)
                        && q.dim == Dimension::COUNT
                    {
                        field.size = Some(q.value);
                    } else {
                        field.size = self
                            .quantity_value(v, "@size", Dimension::BYTES)
                            .map(|q| q.value);
                    }
                }
                ("doc", Some(v)) => {
                    let v = v.clone();
                    self.wrong_kind(&v, "@doc", "a string", "\"...\"");
                }
                _ => {
                    let help = suggest::did_you_mean(n, ANNOTATIONS.iter().copied())
                        .unwrap_or_else(|| {
                            "the annotations are @key, @pii, @doc(\"...\"), @len(n) and @size(n)"
                                .into()
                        });
                    self.error(
                        Diagnostic::error(
                            codes::E051,
                            ann.name.span,
                            format!("unknown annotation `@{n}`"),
                        )
                        .with_help(help),
                    );
                }
            }
        }
        Some(field)
    }

    fn field_type(&mut self, t: &TypeExpr) -> Option<FieldType> {
        let base = self.base_type(t)?;
        Some(if t.optional {
            FieldType::Optional(Box::new(base))
        } else {
            base
        })
    }

    fn base_type(&mut self, t: &TypeExpr) -> Option<FieldType> {
        let word = &t.path.segments[0];
        if t.path.segments.len() > 1 {
            self.error(
                Diagnostic::error(
                    codes::E050,
                    t.path.span,
                    format!("`{}` is not a type", t.path.text()),
                )
                .with_help("a field type is a single word"),
            );
            return None;
        }
        let name = word.name.as_str();
        let args = t.args.as_deref();
        let arity = |n: usize| args.map_or(0, |a| a.len()) == n;
        let scalar = match name {
            "string" => Some(FieldType::String),
            "int" => Some(FieldType::Int),
            "float" => Some(FieldType::Float),
            "bool" => Some(FieldType::Bool),
            "timestamp" => Some(FieldType::Timestamp),
            "date" => Some(FieldType::Date),
            "bytes" => Some(FieldType::Bytes),
            "uuid" => Some(FieldType::Uuid),
            "json" => Some(FieldType::Json),
            _ => None,
        };
        if let Some(s) = scalar {
            if args.is_some() {
                self.error(
                    Diagnostic::error(
                        codes::E050,
                        t.span,
                        format!("`{name}` takes no type arguments"),
                    )
                    .with_help(format!("write `{name}`")),
                );
                return None;
            }
            return Some(s);
        }
        let bad_args = |r: &mut Self, example: &str| {
            r.error(
                Diagnostic::error(
                    codes::E050,
                    t.span,
                    format!("`{name}` needs its type arguments"),
                )
                .with_help(format!("write it as in `{example}`")),
            );
            None
        };
        match name {
            "list" => {
                if !arity(1) {
                    return bad_args(self, "list<string>");
                }
                let inner = self.type_arg(&args?[0])?;
                Some(FieldType::List(Box::new(inner)))
            }
            "map" => {
                if !arity(2) {
                    return bad_args(self, "map<string, float>");
                }
                let k = self.type_arg(&args?[0])?;
                let v = self.type_arg(&args?[1])?;
                Some(FieldType::Map(Box::new(k), Box::new(v)))
            }
            "vector" => match args {
                Some([TypeArg::Quantity(q)])
                    if q.suffix.is_none()
                        && q.per.is_none()
                        && !q.dollar
                        && q.number >= 1.0
                        && q.number.fract() == 0.0 =>
                {
                    Some(FieldType::Vector(q.number as u64))
                }
                _ => bad_args(self, "vector<256>"),
            },
            "enum" => {
                let Some(args) = args.filter(|a| !a.is_empty()) else {
                    return bad_args(self, "enum<phone, web>");
                };
                let mut values = Vec::new();
                for a in args {
                    match a {
                        TypeArg::Type(t) if t.as_word().is_some() => {
                            let w = t.as_word()?;
                            if values.contains(&w.name) {
                                self.error(
                                    Diagnostic::error(
                                        codes::E033,
                                        w.span,
                                        format!("`{}` is listed twice in this enum", w.name),
                                    )
                                    .with_help("remove one"),
                                );
                            } else {
                                values.push(w.name.clone());
                            }
                        }
                        other => {
                            self.error(
                                Diagnostic::error(
                                    codes::E050,
                                    other.span(),
                                    "enum values are plain names",
                                )
                                .with_help("write them as in `enum<phone, tablet, web>`"),
                            );
                            return None;
                        }
                    }
                }
                Some(FieldType::Enum(values))
            }
            _ => match self.symbols.names.get(name) {
                Some(sym) if sym.kind == SymKind::Entity => {
                    if args.is_some() {
                        self.error(
                            Diagnostic::error(
                                codes::E050,
                                t.span,
                                format!("entity `{name}` takes no type arguments"),
                            )
                            .with_help(format!("write `{name}`")),
                        );
                        return None;
                    }
                    Some(FieldType::Entity(EntityId(sym.id)))
                }
                Some(sym) => {
                    let sym = *sym;
                    self.error(
                        Diagnostic::error(
                            codes::E036,
                            word.span,
                            format!("`{name}` is {}, not a type", sym.kind.describe()),
                        )
                        .with_help("a field's type is a scalar, a collection or an entity")
                        .with_note(sym.span, format!("`{name}` is declared here")),
                    );
                    None
                }
                None => {
                    let entities = self
                        .symbols
                        .names
                        .iter()
                        .filter(|(_, s)| s.kind == SymKind::Entity)
                        .map(|(n, _)| n.as_str());
                    let candidates: Vec<&str> = SCALARS
                        .iter()
                        .chain(GENERICS)
                        .copied()
                        .chain(entities)
                        .collect();
                    let help = suggest::did_you_mean(name, candidates).unwrap_or_else(|| {
                        format!("types are {}, list<T>, map<K, V>, vector<N>, enum<...>, or an entity name", SCALARS.join(" "))
                    });
                    self.error(
                        Diagnostic::error(codes::E050, word.span, format!("unknown type `{name}`"))
                            .with_help(help),
                    );
                    None
                }
            },
        }
    }

    fn type_arg(&mut self, a: &TypeArg) -> Option<FieldType> {
        match a {
            TypeArg::Type(t) => self.field_type(t),
            TypeArg::Quantity(q) => {
                self.error(
                    Diagnostic::error(codes::E050, q.span, "expected a type here, not a number")
                        .with_help("write a type such as `string`"),
                );
                None
            }
        }
    }

    pub(super) fn ml_model(&mut self, d: &Decl) {
        let Some(name) = self.require_name(d, "a `model`") else {
            return;
        };
        let attrs = self.attrs(d.body.as_ref(), "a `model`", &vocab::MODEL);
        self.decls(d.body.as_ref(), "inside a `model`", |r, inner| {
            r.bad_keyword(inner, "inside a `model`", &[])
        });
        let entity = |r: &mut Self, key: &str| {
            r.one_ref(&attrs, key, Want::Entities)
                .map(|s| EntityId(s.id))
        };
        let output = entity(self, "output");
        let labels = entity(self, "labels");
        let m = MlModel {
            named: self.named(d, name),
            task: self.word(&attrs, "task", ModelTask::parse, ModelTask::WORDS),
            framework: self.word(&attrs, "framework", Framework::parse, Framework::WORDS),
            architecture: self.string(&attrs, "architecture"),
            inputs: self
                .refs(&attrs, "inputs", Want::Entities)
                .into_iter()
                .map(|s| EntityId(s.id))
                .collect(),
            output,
            offline_metrics: self.strings(&attrs, "offline_metrics"),
            online_metrics: self.strings(&attrs, "online_metrics"),
            baseline: self.string(&attrs, "baseline"),
            parameters: self.number(&attrs, "parameters"),
            version: self.text_or_word(&attrs, "version"),
            labels,
            label_delay: self.quantity(&attrs, "label_delay", Dimension::TIME),
            description: self.string(&attrs, "description"),
        };
        self.place(name.span, m, |m| &mut m.models);
    }
}
