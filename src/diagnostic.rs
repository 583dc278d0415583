//! Diagnostics: `Diagnostic { severity, code, span, message, help }`, collected by every stage
//! and rendered for a terminal (codespan-reporting, rustc style) or as JSON for editors and CI.

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::Buffer};
use serde::Serialize;

use crate::span::{Span, line_col};

mod clip;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in a spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable code: `E0xx` for errors, `W0xx` for warnings (see docs/language.md).
    pub code: &'static str,
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
    /// Secondary spans with a short note each (the first declaration of a duplicate...).
    pub notes: Vec<(Span, String)>,
}

impl Diagnostic {
    pub fn error(code: &'static str, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            span,
            message: message.into(),
            help: None,
            notes: Vec::new(),
        }
    }

    pub fn warning(code: &'static str, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, span, message)
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    pub fn with_note(mut self, span: Span, note: impl Into<String>) -> Self {
        self.notes.push((span, note.into()));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Sorts diagnostics by position, errors before warnings at the same spot, for stable output.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.severity, a.code, &a.message).cmp(&(
            b.span.start,
            b.severity,
            b.code,
            &b.message,
        ))
    });
}

/// Renders diagnostics the way rustc does: header, `--> file:line:col`, the source line with
/// the span underlined, then `= help:`. `color` adds ANSI colours (callers decide: a terminal
/// and no `NO_COLOR`).
pub fn render(diagnostics: &[Diagnostic], file_name: &str, source: &str, color: bool) -> String {
    let file = SimpleFile::new(file_name, source);
    let config = term::Config::default();
    let mut buffer = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    for d in diagnostics {
        // A long line is echoed as a window around the span, not whole.
        let others: Vec<Span> = d.notes.iter().map(|(s, _)| *s).collect();
        if let Some((text, span, spans)) = clip::clip(source, d.span, &others) {
            let mut d = d.clone();
            d.span = span;
            for ((s, _), new) in d.notes.iter_mut().zip(spans) {
                *s = new;
            }
            let clipped = SimpleFile::new(file_name, text.as_str());
            let cs = to_codespan(&d, text.len());
            let _ = term::emit_to_write_style(&mut buffer, &config, &clipped, &cs);
            continue;
        }
        let cs = to_codespan(d, source.len());
        // Rendering into memory cannot fail for a SimpleFile whose spans were clamped.
        let _ = term::emit_to_write_style(&mut buffer, &config, &file, &cs);
    }
    String::from_utf8_lossy(buffer.as_slice()).into_owned()
}

fn to_codespan(d: &Diagnostic, len: usize) -> CsDiagnostic<()> {
    let clamp = |s: Span| s.start.min(len)..s.end.min(len).max(s.start.min(len));
    let base = match d.severity {
        Severity::Error => CsDiagnostic::error(),
        Severity::Warning => CsDiagnostic::warning(),
    };
    let mut labels = vec![Label::primary((), clamp(d.span))];
    for (span, note) in &d.notes {
        labels.push(Label::secondary((), clamp(*span)).with_message(note.clone()));
    }
    let mut cs = base
        .with_code(d.code)
        .with_message(d.message.clone())
        .with_labels(labels);
    if let Some(help) = &d.help {
        cs = cs.with_notes(vec![format!("help: {help}")]);
    }
    cs
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    code: &'a str,
    message: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    help: Option<&'a str>,
}

/// The JSON objects of `--format json` for the diagnostics of one file.
pub fn to_json_values(
    diagnostics: &[Diagnostic],
    file_name: &str,
    source: &str,
) -> Vec<serde_json::Value> {
    diagnostics
        .iter()
        .map(|d| {
            let (line, column) = line_col(source, d.span.start);
            let (end_line, end_column) = line_col(source, d.span.end);
            serde_json::to_value(JsonDiagnostic {
                severity: d.severity,
                code: d.code,
                message: &d.message,
                file: file_name,
                line,
                column,
                end_line,
                end_column,
                help: d.help.as_deref(),
            })
            .expect("diagnostic serialises")
        })
        .collect()
}
