//! `ast::Spec` + its source text -> canonical text. Leaves (strings, quantities) are copied
//! from the source by span; comments are interleaved by position (see `fmt/mod.rs`).

use std::collections::BTreeMap;

use super::comments::{self, Comment};
use crate::span::Span;
use crate::syntax::ast::{
    Annotation, Attr, Block, Decl, EdgeStmt, Spec, Stmt, TypeArg, TypeExpr, Value,
};

const INDENT: &str = "  ";

/// Prints `spec`, which was parsed from `src` without errors.
pub fn print(src: &str, spec: &Spec) -> String {
    let comments = comments::scan(src);
    let mut p = Printer {
        src,
        comment_by_end: comments.iter().map(|c| (c.end, c.start)).collect(),
        comments,
        next: 0,
        out: String::with_capacity(src.len() + src.len() / 8),
        depth: 0,
        last_end: 0,
    };
    p.statements(&spec.statements, 0, src.len());
    while p.out.ends_with("\n\n") {
        p.out.pop();
    }
    p.out
}

struct Printer<'a> {
    src: &'a str,
    comments: Vec<Comment>,
    /// Comment end -> start, to trim trailing comments off spans.
    comment_by_end: BTreeMap<usize, usize>,
    /// The first comment not printed yet.
    next: usize,
    out: String,
    depth: usize,
    /// Source offset of the end of the last thing printed (for blank-line detection).
    last_end: usize,
}

impl<'a> Printer<'a> {
    fn text(&self, start: usize, end: usize) -> &'a str {
        self.src.get(start..end).unwrap_or("")
    }

    /// Where `span` really ends. pest lets a rule's span run over the spaces and the comment
    /// that follow its last token (an optional part after them failed to match), so those
    /// are trimmed off. Such trivia never crosses a line end.
    fn end_of(&self, span: Span) -> usize {
        let bytes = self.src.as_bytes();
        let mut e = span.end.min(bytes.len());
        loop {
            while e > span.start && matches!(bytes[e - 1], b' ' | b'\t' | b'\r') {
                e -= 1;
            }
            match self.comment_by_end.get(&e) {
                Some(&start) if start >= span.start && start < e => e = start,
                _ => return e,
            }
        }
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str(INDENT);
        }
    }

    fn pending_before(&self, offset: usize) -> Option<&Comment> {
        self.comments.get(self.next).filter(|c| c.start < offset)
    }

    /// A blank line in the source between the last thing printed and `offset`.
    fn blank_before(&self, offset: usize) -> bool {
        self.text(self.last_end, offset).matches('\n').count() >= 2
    }

    /// Own-line comments that start before `offset`, each on its own line at this depth.
    fn own_line_comments(&mut self, offset: usize, first: &mut bool) {
        while let Some(c) = self.pending_before(offset) {
            let (start, end, text) = (c.start, c.end, c.text.clone());
            if !*first && self.blank_before(start) {
                self.out.push('\n');
            }
            self.indent();
            self.out.push_str(&text);
            self.out.push('\n');
            self.next += 1;
            self.last_end = end;
            *first = false;
        }
    }

    /// A comment on the same line after `end`, with only `allowed` characters between.
    fn trailing_comment(&mut self, end: usize, allowed: &[char]) {
        let Some(c) = self.comments.get(self.next) else {
            return;
        };
        if c.start >= end
            && self
                .text(end, c.start)
                .chars()
                .all(|ch| allowed.contains(&ch))
        {
            self.out.push_str("  ");
            self.out.push_str(&c.text);
            self.last_end = c.end;
            self.next += 1;
        }
    }

    /// The statements of a block or the file, one per line, between `start` and `end`.
    fn statements(&mut self, stmts: &[Stmt], start: usize, end: usize) {
        self.last_end = start;
        let mut first = true;
        for s in stmts {
            let span = s.span();
            let stmt_end = self.end_of(span);
            self.own_line_comments(span.start, &mut first);
            if !first && self.blank_before(span.start) {
                self.out.push('\n');
            }
            first = false;
            self.indent();
            self.stmt(s);
            self.last_end = stmt_end;
            self.trailing_comment(stmt_end, &[' ', '\t', ';']);
            // Safety net: a comment inside the statement that nothing printed yet.
            while let Some(c) = self.pending_before(stmt_end) {
                let text = c.text.clone();
                self.out.push('\n');
                self.indent();
                self.out.push_str(&text);
                self.next += 1;
            }
            self.out.push('\n');
        }
        self.own_line_comments(end, &mut first);
    }

    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::Decl(d) => self.decl(d),
            Stmt::Attr(a) => self.attr(a),
            Stmt::Edge(e) => self.edge(e),
            Stmt::Item(s) => self.out.push_str(self.text(s.span.start, s.span.end)),
        }
    }

    fn decl(&mut self, d: &Decl) {
        self.out.push_str(&d.keyword.name);
        if let Some(name) = &d.name {
            self.out.push(' ');
            self.out.push_str(&name.name);
        }
        if let Some(label) = &d.label {
            self.out.push(' ');
            self.out
                .push_str(self.text(label.span.start, label.span.end));
        }
        if let Some(body) = &d.body {
            self.out.push(' ');
            self.block(body);
        }
    }

    fn attr(&mut self, a: &Attr) {
        self.out.push_str(&a.key.name);
        self.out.push_str(": ");
        self.value(&a.value);
        for ann in &a.annotations {
            self.out.push(' ');
            self.annotation(ann);
        }
    }

    fn annotation(&mut self, a: &Annotation) {
        self.out.push('@');
        self.out.push_str(&a.name.name);
        if let Some(arg) = &a.arg {
            self.out.push('(');
            self.value(arg);
            self.out.push(')');
        }
    }

    fn edge(&mut self, e: &EdgeStmt) {
        for (i, path) in e.chain.iter().enumerate() {
            if i > 0 {
                self.out.push_str(" -> ");
            }
            self.out.push_str(&path.text());
        }
        if let Some(label) = &e.label {
            self.out.push_str(": ");
            self.out
                .push_str(self.text(label.span.start, label.span.end));
        }
        if let Some(body) = &e.body {
            self.out.push(' ');
            self.block(body);
        }
    }

    /// Whether a block keeps its one-line form: written on one line, holding no block.
    fn one_line(&self, b: &Block) -> bool {
        !self.text(b.span.start, b.span.end).contains('\n')
            && b.statements.iter().all(|s| match s {
                Stmt::Decl(d) => d.body.is_none(),
                Stmt::Edge(e) => e.body.is_none(),
                Stmt::Attr(_) | Stmt::Item(_) => true,
            })
    }

    fn block(&mut self, b: &Block) {
        let (open, close) = (b.span.start, b.span.end.saturating_sub(1));
        let has_comment = self.pending_before(close).is_some();
        if b.statements.is_empty() && !has_comment {
            self.out.push_str("{}");
            return;
        }
        if self.one_line(b) && !has_comment {
            self.out.push_str("{ ");
            for (i, s) in b.statements.iter().enumerate() {
                if i > 0 {
                    self.out.push_str("; ");
                }
                self.stmt(s);
            }
            self.out.push_str(" }");
            return;
        }
        self.out.push('{');
        self.trailing_comment(open + 1, &[' ', '\t', ';']);
        self.out.push('\n');
        self.depth += 1;
        let start = self.last_end.max(open + 1);
        self.statements(&b.statements, start, close);
        self.depth -= 1;
        self.indent();
        self.out.push('}');
    }

    fn value(&mut self, v: &Value) {
        match v {
            Value::Str(s) => self.out.push_str(self.text(s.span.start, s.span.end)),
            Value::Quantity(q) => self.out.push_str(self.text(q.span.start, q.span.end)),
            Value::Type(t) => self.type_expr(t),
            Value::List(items, span) => {
                if self.text(span.start, span.end).contains('\n') {
                    self.long_list(items, span.start, span.end.saturating_sub(1));
                } else {
                    self.out.push('[');
                    for (i, item) in items.iter().enumerate() {
                        if i > 0 {
                            self.out.push_str(", ");
                        }
                        self.value(item);
                    }
                    self.out.push(']');
                }
            }
        }
    }

    /// A list written over several lines: one element per line, each with a comma.
    fn long_list(&mut self, items: &[Value], open: usize, close: usize) {
        if items.is_empty() && self.pending_before(close).is_none() {
            self.out.push_str("[]");
            return;
        }
        self.out.push('[');
        self.trailing_comment(open + 1, &[' ', '\t']);
        self.out.push('\n');
        self.depth += 1;
        self.last_end = self.last_end.max(open + 1);
        let mut first = true;
        for item in items {
            let span = item.span();
            let end = self.end_of(span);
            self.own_line_comments(span.start, &mut first);
            if !first && self.blank_before(span.start) {
                self.out.push('\n');
            }
            first = false;
            self.indent();
            self.value(item);
            self.out.push(',');
            self.last_end = end;
            self.trailing_comment(end, &[' ', '\t', ',']);
            self.out.push('\n');
        }
        self.own_line_comments(close, &mut first);
        self.depth -= 1;
        self.indent();
        self.out.push(']');
    }

    fn type_expr(&mut self, t: &TypeExpr) {
        self.out.push_str(&t.path.text());
        if let Some(args) = &t.args {
            self.out.push('<');
            for (i, arg) in args.iter().enumerate() {
                if i > 0 {
                    self.out.push_str(", ");
                }
                match arg {
                    TypeArg::Type(t) => self.type_expr(t),
                    TypeArg::Quantity(q) => self.out.push_str(self.text(q.span.start, q.span.end)),
                }
            }
            self.out.push('>');
        }
        if t.optional {
            self.out.push('?');
        }
    }
}
