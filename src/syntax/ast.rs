//! The spanned syntax tree: what was written, before any keyword is interpreted.

use crate::span::Span;

/// A whole spec file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Spec {
    pub statements: Vec<Stmt>,
}

/// One statement of a block or of the file.
#[derive(Debug, Clone, PartialEq)]
pub enum Stmt {
    Decl(Decl),
    Attr(Attr),
    Edge(EdgeStmt),
    Item(Str),
}

impl Stmt {
    pub fn span(&self) -> Span {
        match self {
            Stmt::Decl(d) => d.span,
            Stmt::Attr(a) => a.span,
            Stmt::Edge(e) => e.span,
            Stmt::Item(s) => s.span,
        }
    }
}

/// A name as written, with its span.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// A string literal after escapes and dedenting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Str {
    pub value: String,
    /// `true` for a `"""` string.
    pub multiline: bool,
    pub span: Span,
}

/// `KEYWORD [name] ["Label"] [{ ... }]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Decl {
    pub keyword: Ident,
    pub name: Option<Ident>,
    pub label: Option<Str>,
    pub body: Option<Block>,
    pub span: Span,
}

/// `{ statements }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub statements: Vec<Stmt>,
    pub span: Span,
}

/// `name: value @annotations`.
#[derive(Debug, Clone, PartialEq)]
pub struct Attr {
    pub key: Ident,
    pub value: Value,
    pub annotations: Vec<Annotation>,
    pub span: Span,
}

/// `@name` or `@name(value)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Annotation {
    pub name: Ident,
    pub arg: Option<Value>,
    pub span: Span,
}

/// `a -> b -> c: "label" { ... }`.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeStmt {
    /// At least two paths.
    pub chain: Vec<Path>,
    pub label: Option<Str>,
    pub body: Option<Block>,
    pub span: Span,
}

/// `a.b.c`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path {
    pub segments: Vec<Ident>,
    pub span: Span,
}

impl Path {
    /// The path as written, joined with `.`.
    pub fn text(&self) -> String {
        let names: Vec<&str> = self.segments.iter().map(|s| s.name.as_str()).collect();
        names.join(".")
    }
}

/// A value of an attribute or list.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Str(Str),
    Quantity(QuantityLit),
    List(Vec<Value>, Span),
    /// A word, path, boolean or type (`ranking`, `lake`, `true`, `list<string>`, `User?`).
    Type(TypeExpr),
}

impl Value {
    pub fn span(&self) -> Span {
        match self {
            Value::Str(s) => s.span,
            Value::Quantity(q) => q.span,
            Value::List(_, span) => *span,
            Value::Type(t) => t.span,
        }
    }
}

/// `path<args>?`.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeExpr {
    pub path: Path,
    pub args: Option<Vec<TypeArg>>,
    pub optional: bool,
    pub span: Span,
}

impl TypeExpr {
    /// The single word this expression is, if it is a bare name (`ranking`, `true`).
    pub fn as_word(&self) -> Option<&Ident> {
        match (&self.args, self.optional, self.path.segments.as_slice()) {
            (None, false, [word]) => Some(word),
            _ => None,
        }
    }

    /// The path this expression is, if it has no type arguments and no `?`.
    pub fn as_path(&self) -> Option<&Path> {
        (self.args.is_none() && !self.optional).then_some(&self.path)
    }
}

/// An argument of `list<...>`, `map<..>`, `vector<256>`, `enum<...>`.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeArg {
    Type(TypeExpr),
    Quantity(QuantityLit),
}

impl TypeArg {
    pub fn span(&self) -> Span {
        match self {
            TypeArg::Type(t) => t.span,
            TypeArg::Quantity(q) => q.span,
        }
    }
}

/// A quantity as written: `$40k/mo` is dollar, number 40, suffix `k`, per `mo`.
#[derive(Debug, Clone, PartialEq)]
pub struct QuantityLit {
    pub dollar: bool,
    pub number: f64,
    pub number_span: Span,
    pub suffix: Option<Ident>,
    pub per: Option<Ident>,
    pub span: Span,
}
