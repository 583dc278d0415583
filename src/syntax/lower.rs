//! pest pairs -> spanned AST. Also reports the habits the grammar recognises on purpose
//! (`=`, stray `,`, `{` on its own line, unquoted labels, `-` in names, missing separators).

use crate::codes;
use pest::iterators::Pair;

use super::Rule;
use super::ast::*;
use super::strings;
use crate::diagnostic::Diagnostic;
use crate::span::Span;

/// Lowers the `file` pair; problems go to `diags`, the tree keeps what could be read.
pub fn file(pair: Pair<'_, Rule>, diags: &mut Vec<Diagnostic>) -> Spec {
    let mut l = Lowerer { diags };
    Spec {
        statements: l.statements(pair.into_inner()),
    }
}

struct Lowerer<'d> {
    diags: &'d mut Vec<Diagnostic>,
}

/// `key: 30 ms` read as `key: 30` then a statement `ms`: when a lone word follows a plain
/// number on the same line after spaces only, reports the space (once) and joins the word to
/// the number as its unit, so nothing else is reported about either.
fn spaced_unit(
    last: Option<&mut Stmt>,
    next: Option<&Stmt>,
    input: &str,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let (Some(Stmt::Attr(attr)), Some(Stmt::Decl(word))) = (last, next) else {
        return false;
    };
    let Value::Quantity(q) = &mut attr.value else {
        return false;
    };
    let lone = word.name.is_none() && word.label.is_none() && word.body.is_none();
    let gap = input
        .get(q.span.end..word.keyword.span.start)
        .unwrap_or("x");
    let unit = &word.keyword.name;
    if !lone
        || q.suffix.is_some()
        || q.per.is_some()
        || !attr.annotations.is_empty()
        || gap.is_empty()
        || !gap.chars().all(|c| c == ' ' || c == '\t')
        || !unit.chars().all(|c| c.is_ascii_alphabetic())
    {
        return false;
    }
    let number = input
        .get(q.number_span.start..q.number_span.end)
        .unwrap_or("");
    diags.push(
        Diagnostic::error(
            "E011",
            Span::new(q.span.end, word.keyword.span.start),
            format!("remove the space between `{number}` and `{unit}`"),
        )
        .with_help(format!("write `{}: {number}{unit}`", attr.key.name)),
    );
    q.suffix = Some(word.keyword.clone());
    q.span = Span::new(q.span.start, word.keyword.span.end);
    attr.span = Span::new(attr.span.start, word.keyword.span.end);
    true
}

/// `rpc Name stream { ... }` read as `rpc Name` then a `stream` component: one error saying
/// streaming RPCs are not supported, and the block joins the `rpc`.
fn streaming_rpc(
    last: Option<&mut Stmt>,
    next: Option<&Stmt>,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let (Some(Stmt::Decl(rpc)), Some(Stmt::Decl(word))) = (last, next) else {
        return false;
    };
    if rpc.keyword.name != "rpc"
        || rpc.body.is_some()
        || rpc.label.is_some()
        || word.keyword.name != "stream"
        || word.name.is_some()
        || word.label.is_some()
    {
        return false;
    }
    let name = rpc.name.as_ref().map_or("Name", |n| n.name.as_str());
    diags.push(
        Diagnostic::error(
            "E011",
            word.keyword.span,
            "streaming RPCs are not supported",
        )
        .with_help(format!(
            "declare `rpc {name} {{ request: ...; response: ... }}` and say in its \
                 `description` that it streams"
        )),
    );
    rpc.body = word.body.clone();
    rpc.span = Span::new(rpc.span.start, word.span.end);
    true
}

fn span_of(pair: &Pair<'_, Rule>) -> Span {
    let s = pair.as_span();
    Span::new(s.start(), s.end())
}

impl Lowerer<'_> {
    fn statements<'i>(&mut self, pairs: impl Iterator<Item = Pair<'i, Rule>>) -> Vec<Stmt> {
        let mut out = Vec::new();
        // The end of the previous statement when it needs a separator before the next one.
        let mut open_end: Option<usize> = None;
        for pair in pairs {
            match pair.as_rule() {
                Rule::semi | Rule::newline => open_end = None,
                Rule::stray_comma => {
                    self.diags.push(
                        Diagnostic::error(
                            codes::E007,
                            span_of(&pair),
                            "`,` cannot separate statements",
                        )
                        .with_help("use `;` or a new line between attributes"),
                    );
                    open_end = None;
                }
                Rule::stray_block => {
                    let span = span_of(&pair);
                    self.diags.push(
                        Diagnostic::error(
                            codes::E006,
                            Span::new(span.start, span.start + 1),
                            "this block has no header on its line",
                        )
                        .with_help("put `{` on the line of its header, as in `service api {`"),
                    );
                    open_end = None;
                }
                Rule::statement => {
                    let span = span_of(&pair);
                    let input = pair.as_span().get_input();
                    let stmt = self.statement(pair);
                    // `latency_p99: 30 ms`: one error (the space), and the unit joins its number.
                    if open_end.is_some()
                        && (spaced_unit(out.last_mut(), stmt.as_ref(), input, self.diags)
                            || streaming_rpc(out.last_mut(), stmt.as_ref(), self.diags))
                    {
                        open_end = None;
                        continue;
                    }
                    if let Some(end) = open_end {
                        self.diags.push(
                            Diagnostic::error(codes::E011, Span::new(span.start, span.start), "expected `;` or a new line before this statement")
                                .with_help("end a statement with `;` or a line break before starting the next one")
                                .with_note(Span::new(end, end), "the previous statement ends here"),
                        );
                    }
                    if let Some(stmt) = stmt {
                        let ends_with_block = match &stmt {
                            Stmt::Decl(d) => d.body.is_some(),
                            Stmt::Edge(e) => e.body.is_some(),
                            _ => false,
                        };
                        open_end = (!ends_with_block).then_some(span.end);
                        out.push(stmt);
                    } else {
                        open_end = None;
                    }
                }
                _ => {}
            }
        }
        out
    }

    fn statement(&mut self, pair: Pair<'_, Rule>) -> Option<Stmt> {
        let inner = pair.into_inner().next()?;
        match inner.as_rule() {
            Rule::edge => Some(Stmt::Edge(self.edge(inner))),
            Rule::attribute => Some(Stmt::Attr(self.attribute(inner))),
            Rule::declaration => Some(Stmt::Decl(self.declaration(inner))),
            Rule::item => {
                let s = inner.into_inner().next()?;
                Some(Stmt::Item(self.string(s)))
            }
            _ => {
                self.unterminated(&inner);
                None
            }
        }
    }

    fn unterminated(&mut self, pair: &Pair<'_, Rule>) {
        let span = span_of(pair);
        let triple = pair.as_str().starts_with("\"\"\"");
        let (message, help) = if triple {
            ("this text block is never closed", "close it with `\"\"\"`")
        } else {
            (
                "this string is never closed",
                "close it with `\"` on the same line; use `\"\"\"` for text over several lines",
            )
        };
        self.diags.push(
            Diagnostic::error(
                codes::E004,
                Span::new(span.start, span.start + if triple { 3 } else { 1 }),
                message,
            )
            .with_help(help),
        );
    }

    fn edge(&mut self, pair: Pair<'_, Rule>) -> EdgeStmt {
        let span = span_of(&pair);
        let mut chain = Vec::new();
        let mut label = None;
        let mut body = None;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::path => chain.push(self.path(p)),
                Rule::string => label = Some(self.string(p)),
                Rule::unquoted_label => {
                    let text = p.as_str().trim_end();
                    let s = span_of(&p);
                    self.diags.push(
                        Diagnostic::error(
                            codes::E009,
                            Span::new(s.start, s.start + text.len()),
                            "an edge label must be a quoted string",
                        )
                        .with_help(format!(
                            "quote the label: `\"{}\"`",
                            text.replace('"', "\\\"")
                        )),
                    );
                }
                Rule::block => body = Some(self.block(p)),
                _ => {}
            }
        }
        EdgeStmt {
            chain,
            label,
            body,
            span,
        }
    }

    fn attribute(&mut self, pair: Pair<'_, Rule>) -> Attr {
        let span = span_of(&pair);
        let mut inner = pair.into_inner();
        let key = self.ident(inner.next().expect("attribute has a name"));
        let mut value = None;
        let mut annotations = Vec::new();
        for p in inner {
            match p.as_rule() {
                Rule::equals => self.diags.push(
                    Diagnostic::error(codes::E008, span_of(&p), "attributes use `:`, not `=`")
                        .with_help(format!("write `{}: ...`", key.name)),
                ),
                Rule::value => value = Some(self.value(p)),
                Rule::annotation => annotations.push(self.annotation(p)),
                _ => {}
            }
        }
        let value = value.unwrap_or_else(|| Value::List(Vec::new(), span));
        Attr {
            key,
            value,
            annotations,
            span,
        }
    }

    fn declaration(&mut self, pair: Pair<'_, Rule>) -> Decl {
        let span = span_of(&pair);
        let mut inner = pair.into_inner();
        let keyword = self.ident(inner.next().expect("declaration has a keyword"));
        let mut name = None;
        let mut label = None;
        let mut body = None;
        for p in inner {
            match p.as_rule() {
                Rule::name => name = Some(self.ident(p)),
                Rule::string => label = Some(self.string(p)),
                Rule::block => body = Some(self.block(p)),
                _ => {}
            }
        }
        Decl {
            keyword,
            name,
            label,
            body,
            span,
        }
    }

    fn block(&mut self, pair: Pair<'_, Rule>) -> Block {
        let span = span_of(&pair);
        Block {
            statements: self.statements(pair.into_inner()),
            span,
        }
    }

    fn annotation(&mut self, pair: Pair<'_, Rule>) -> Annotation {
        let span = span_of(&pair);
        let mut inner = pair.into_inner();
        let name = self.ident(inner.next().expect("annotation has a name"));
        let arg = inner
            .next()
            .and_then(|a| a.into_inner().next())
            .map(|v| self.value(v));
        Annotation { name, arg, span }
    }

    fn value(&mut self, pair: Pair<'_, Rule>) -> Value {
        let span = span_of(&pair);
        let Some(inner) = pair.into_inner().next() else {
            return Value::List(Vec::new(), span);
        };
        match inner.as_rule() {
            Rule::string => Value::Str(self.string(inner)),
            Rule::quantity => Value::Quantity(self.quantity(inner)),
            Rule::list => {
                let span = span_of(&inner);
                let items = inner.into_inner().map(|v| self.value(v)).collect();
                Value::List(items, span)
            }
            Rule::type_expr => Value::Type(self.type_expr(inner)),
            _ => {
                self.unterminated(&inner);
                Value::Str(Str {
                    value: String::new(),
                    multiline: false,
                    span,
                })
            }
        }
    }

    fn type_expr(&mut self, pair: Pair<'_, Rule>) -> TypeExpr {
        let span = span_of(&pair);
        let mut path = None;
        let mut args = None;
        let mut optional = false;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::path => path = Some(self.path(p)),
                Rule::type_args => {
                    args = Some(
                        p.into_inner()
                            .map(|a| match a.as_rule() {
                                Rule::quantity => TypeArg::Quantity(self.quantity(a)),
                                _ => TypeArg::Type(self.type_expr(a)),
                            })
                            .collect(),
                    )
                }
                Rule::optional => optional = true,
                _ => {}
            }
        }
        TypeExpr {
            path: path.expect("type has a path"),
            args,
            optional,
            span,
        }
    }

    fn quantity(&mut self, pair: Pair<'_, Rule>) -> QuantityLit {
        let span = span_of(&pair);
        let mut q = QuantityLit {
            dollar: false,
            number: 0.0,
            number_span: span,
            suffix: None,
            per: None,
            span,
        };
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::dollar => q.dollar = true,
                Rule::number => {
                    q.number = p.as_str().parse().unwrap_or(0.0);
                    q.number_span = span_of(&p);
                }
                Rule::suffix => q.suffix = Some(self.raw_ident(&p)),
                Rule::per => {
                    if let Some(unit) = p.into_inner().next() {
                        q.per = Some(self.raw_ident(&unit));
                    }
                }
                _ => {}
            }
        }
        q
    }

    fn path(&mut self, pair: Pair<'_, Rule>) -> Path {
        let span = span_of(&pair);
        let segments = pair.into_inner().map(|p| self.ident(p)).collect();
        Path { segments, span }
    }

    /// A name; one with `-` is reported (the grammar accepts it only for this message).
    fn ident(&mut self, pair: Pair<'_, Rule>) -> Ident {
        let id = self.raw_ident(&pair);
        if let Some(dash) = id.name.find('-') {
            self.diags.push(
                Diagnostic::error(
                    codes::E010,
                    id.span,
                    format!("`{}` is not a valid name", id.name),
                )
                .with_help(format!(
                    "names use `_`, not `-`: write `{}`",
                    id.name.replace('-', "_")
                ))
                .with_note(
                    Span::new(id.span.start + dash, id.span.start + dash + 1),
                    "`-` is not allowed in a name",
                ),
            );
        }
        id
    }

    fn raw_ident(&self, pair: &Pair<'_, Rule>) -> Ident {
        Ident {
            name: pair.as_str().to_string(),
            span: span_of(pair),
        }
    }

    fn string(&mut self, pair: Pair<'_, Rule>) -> Str {
        let span = span_of(&pair);
        let inner = pair.into_inner().next().expect("string has a body");
        let multiline = inner.as_rule() == Rule::triple_string;
        let body = inner.into_inner().next().expect("string has a body");
        let start = body.as_span().start();
        let text = body.as_str();
        let decoded = if multiline {
            strings::dedent(text, start)
        } else {
            strings::unescape(text, start)
        };
        let value = decoded.unwrap_or_else(|d| {
            self.diags.push(d);
            String::new()
        });
        Str {
            value,
            multiline,
            span,
        }
    }
}
