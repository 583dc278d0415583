//! Folding ranges: every block, list and text block spanning more than one line, and runs of
//! comment lines.

use lsp_types::{FoldingRange, FoldingRangeKind};

use super::document::Document;
use crate::syntax::ast::{Stmt, Value};

pub fn folding_ranges(doc: &Document) -> Vec<FoldingRange> {
    let mut out = Vec::new();
    walk(doc, &doc.spec.statements, &mut out);
    comments(doc, &mut out);
    out.sort_by_key(|f| (f.start_line, f.end_line));
    out
}

fn push(
    doc: &Document,
    start: usize,
    end: usize,
    kind: Option<FoldingRangeKind>,
    out: &mut Vec<FoldingRange>,
) {
    let (a, b) = (
        doc.lines.position(&doc.text, start),
        doc.lines.position(&doc.text, end),
    );
    if b.line > a.line {
        out.push(FoldingRange {
            start_line: a.line,
            end_line: b.line,
            kind,
            ..Default::default()
        });
    }
}

fn walk(doc: &Document, stmts: &[Stmt], out: &mut Vec<FoldingRange>) {
    for stmt in stmts {
        match stmt {
            Stmt::Decl(d) => {
                if let Some(b) = &d.body {
                    push(doc, b.span.start, b.span.end, None, out);
                    walk(doc, &b.statements, out);
                }
                if let Some(l) = &d.label {
                    push(doc, l.span.start, l.span.end, None, out);
                }
            }
            Stmt::Edge(e) => {
                if let Some(b) = &e.body {
                    push(doc, b.span.start, b.span.end, None, out);
                    walk(doc, &b.statements, out);
                }
            }
            Stmt::Attr(a) => value(doc, &a.value, out),
            Stmt::Item(s) => push(doc, s.span.start, s.span.end, None, out),
        }
    }
}

fn value(doc: &Document, v: &Value, out: &mut Vec<FoldingRange>) {
    match v {
        Value::List(items, span) => {
            push(doc, span.start, span.end, None, out);
            items.iter().for_each(|i| value(doc, i, out));
        }
        Value::Str(s) => push(doc, s.span.start, s.span.end, None, out),
        _ => {}
    }
}

/// Consecutive lines of `#` comments fold together.
fn comments(doc: &Document, out: &mut Vec<FoldingRange>) {
    let mut run: Option<(u32, u32)> = None;
    for c in crate::fmt::scan_comments(&doc.text) {
        let line_start = doc.text[..c.start].rfind('\n').map_or(0, |i| i + 1);
        if !doc.text[line_start..c.start].trim().is_empty() {
            continue;
        }
        let line = doc.lines.position(&doc.text, c.start).line;
        run = match run {
            Some((start, end)) if end + 1 == line => Some((start, line)),
            Some((start, end)) => {
                flush(start, end, out);
                Some((line, line))
            }
            None => Some((line, line)),
        };
    }
    if let Some((start, end)) = run {
        flush(start, end, out);
    }
}

fn flush(start: u32, end: u32, out: &mut Vec<FoldingRange>) {
    if end > start {
        out.push(FoldingRange {
            start_line: start,
            end_line: end,
            kind: Some(FoldingRangeKind::Comment),
            ..Default::default()
        });
    }
}
