//! Findings rendered for a terminal (codespan, like diagnostics, with `= why:` and `= fix:`
//! lines and the numbers) and as JSON objects.

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::Buffer};
use serde::Serialize;

use super::finding::{Finding, Level};
use crate::span::line_col;

/// The findings as terminal text: `high[R001]: message`, the subject's span underlined, then
/// the numbers, `= why:` and `= fix:`.
pub fn render(findings: &[Finding], file_name: &str, source: &str, color: bool) -> String {
    let file = SimpleFile::new(file_name, source);
    let config = term::Config::default();
    let mut out = String::new();
    let len = source.len();
    for f in findings {
        let mut buffer = if color {
            Buffer::ansi()
        } else {
            Buffer::no_color()
        };
        let base = match f.level {
            Level::High => CsDiagnostic::error(),
            Level::Medium => CsDiagnostic::warning(),
            Level::Low => CsDiagnostic::note(),
        };
        let start = f.span.start.min(len);
        let end = f.span.end.min(len).max(start);
        let mut notes = Vec::new();
        if !f.numbers.is_empty() {
            let nums: Vec<String> = f
                .numbers
                .iter()
                .map(|(k, v)| format!("{k} = {v}"))
                .collect();
            notes.push(format!("numbers: {}", nums.join(", ")));
        }
        notes.push(format!("why: {}", f.why()));
        notes.push(format!("fix: {}", f.fix));
        let cs = base
            .with_code(f.code)
            .with_message(f.message.clone())
            .with_labels(vec![Label::primary((), start..end)])
            .with_notes(notes);
        let _ = term::emit_to_write_style(&mut buffer, &config, &file, &cs);
        let text = String::from_utf8_lossy(buffer.as_slice()).into_owned();
        let word = match f.level {
            Level::High => "error",
            Level::Medium => "warning",
            Level::Low => "note",
        };
        out.push_str(&text.replacen(
            &format!("{word}[{}]", f.code),
            &format!("{}[{}]", f.level, f.code),
            1,
        ));
    }
    out
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    code: &'a str,
    severity: Level,
    subject: &'a str,
    message: &'a str,
    line: usize,
    column: usize,
    numbers: serde_json::Map<String, serde_json::Value>,
    why: &'a str,
    fix: &'a str,
}

/// One JSON object per finding.
pub fn to_json_values(findings: &[Finding], source: &str) -> Vec<serde_json::Value> {
    findings
        .iter()
        .map(|f| {
            let (line, column) = line_col(source, f.span.start);
            serde_json::to_value(JsonFinding {
                code: f.code,
                severity: f.level,
                subject: &f.subject,
                message: &f.message,
                line,
                column,
                numbers: f
                    .numbers
                    .iter()
                    .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
                    .collect(),
                why: f.why(),
                fix: &f.fix,
            })
            .expect("finding serialises")
        })
        .collect()
}
