//! mlsd diagnostics -> LSP diagnostics: the same code, span, message and help as `check`.

use lsp_types::{DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Uri};

use super::document::Document;
use crate::analysis::{Finding, Level};
use crate::diagnostic::{Diagnostic, Severity};

/// Where LSP diagnostics say they come from.
pub const SOURCE: &str = "mlsd";

/// Where review findings say they come from.
pub const REVIEW_SOURCE: &str = "mlsd review";

/// The checker's diagnostics, then the review's findings at a lower severity (information for
/// high and medium, hint for low): a finding is advice about the design, not a broken spec.
pub fn to_lsp(doc: &Document, uri: &Uri) -> Vec<lsp_types::Diagnostic> {
    let mut out: Vec<lsp_types::Diagnostic> = doc
        .analysis
        .diagnostics
        .iter()
        .map(|d| convert(doc, uri, d))
        .collect();
    out.extend(doc.findings.iter().map(|f| finding(doc, f)));
    out
}

fn finding(doc: &Document, f: &Finding) -> lsp_types::Diagnostic {
    let severity = match f.level {
        Level::High | Level::Medium => DiagnosticSeverity::INFORMATION,
        Level::Low => DiagnosticSeverity::HINT,
    };
    lsp_types::Diagnostic {
        range: doc.range(f.span),
        severity: Some(severity),
        code: Some(NumberOrString::String(f.code.to_string())),
        source: Some(REVIEW_SOURCE.to_string()),
        message: format!("{} ({})\nhelp: {}", f.message, f.level, f.fix),
        ..Default::default()
    }
}

fn convert(doc: &Document, uri: &Uri, d: &Diagnostic) -> lsp_types::Diagnostic {
    let severity = match d.severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
    };
    let message = match &d.help {
        Some(help) => format!("{}\nhelp: {help}", d.message),
        None => d.message.clone(),
    };
    let related: Vec<DiagnosticRelatedInformation> = d
        .notes
        .iter()
        .map(|(span, note)| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), doc.range(*span)),
            message: note.clone(),
        })
        .collect();
    lsp_types::Diagnostic {
        range: doc.range(d.span),
        severity: Some(severity),
        code: Some(NumberOrString::String(d.code.to_string())),
        source: Some(SOURCE.to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        data: d.help.as_ref().map(|h| serde_json::json!({ "help": h })),
        ..Default::default()
    }
}

/// The replacement a `help:` suggests (`did you mean `x`?`), if it suggests one.
pub fn suggestion(help: &str) -> Option<&str> {
    let rest = help.strip_prefix("did you mean `")?;
    let end = rest.find('`')?;
    Some(&rest[..end])
}
