//! One finding of the review: a rule's verdict about one subject, with the numbers behind it.

use serde::Serialize;

use crate::span::Span;

/// How bad a finding is (the contract's §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    High,
    Medium,
    Low,
}

impl Level {
    pub const WORDS: &[&str] = &["high", "medium", "low"];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::High => "high",
            Level::Medium => "medium",
            Level::Low => "low",
        }
    }

    pub fn parse(word: &str) -> Option<Level> {
        match word {
            "high" => Some(Level::High),
            "medium" => Some(Level::Medium),
            "low" => Some(Level::Low),
            _ => None,
        }
    }

    /// Whether a finding at this level reaches the `deny` threshold.
    pub fn reaches(self, deny: Level) -> bool {
        self <= deny
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rule's verdict about one subject.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub code: &'static str,
    pub level: Level,
    /// The name of the thing the finding is about, exactly as declared.
    pub subject: String,
    /// Where the subject is declared (or the attribute the finding is about).
    pub span: Span,
    pub message: String,
    /// The figures compared, name -> value with its unit, in the documents' formatting.
    pub numbers: Vec<(String, String)>,
    pub fix: String,
}

impl Finding {
    pub fn new(
        code: &'static str,
        level: Level,
        subject: impl Into<String>,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            code,
            level,
            subject: subject.into(),
            span,
            message: message.into(),
            numbers: Vec::new(),
            fix: String::new(),
        }
    }

    pub fn number(mut self, name: &str, value: impl Into<String>) -> Self {
        self.numbers.push((name.to_string(), value.into()));
        self
    }

    pub fn fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = fix.into();
        self
    }

    /// Why the rule matters (from the rule table).
    pub fn why(&self) -> &'static str {
        super::rules::rule(self.code).map_or("", |r| r.why)
    }
}
