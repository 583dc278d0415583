//! `REVIEW.md`: every finding of the design review, grouped by severity, with its subject,
//! numbers, why and fix. The findings come from the analysis stage; this only phrases them.

use std::collections::HashSet;

use super::markdown::{code, escape, one_line, slug};
use super::{Ctx, paths};
use crate::analysis::{Finding, Level};

const LEVELS: [Level; 3] = [Level::High, Level::Medium, Level::Low];

/// The heading of a finding's entry, as rendered text: `R001 single point of failure: feed_cache`.
fn heading_text(f: &Finding) -> String {
    format!("{} {}: {}", f.code, rule_title(f), f.subject)
}

fn rule_title(f: &Finding) -> &'static str {
    crate::analysis::rules::rule(f.code).map_or("", |r| r.title)
}

/// Per finding (in the order of `findings`), the anchor of its entry in `REVIEW.md`; repeated
/// headings are numbered `-1`, `-2`... as GitHub does.
pub fn anchors(findings: &[Finding]) -> Vec<String> {
    let mut out = vec![String::new(); findings.len()];
    let mut seen: Vec<String> = Vec::new();
    for level in LEVELS {
        for (i, f) in findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.level == level)
        {
            let base = slug(&heading_text(f));
            let n = seen.iter().filter(|b| **b == base).count();
            seen.push(base.clone());
            out[i] = if n == 0 { base } else { format!("{base}-{n}") };
        }
    }
    out
}

/// Subjects that name a section of the spec rather than a declared thing, with the documents
/// that show that section.
const SECTION_SUBJECTS: &[(&str, &[&str])] = &[
    ("deployment", &[paths::CAPACITY, paths::HIGH_LEVEL]),
    (
        "disaster_recovery",
        &[paths::DETAILED, paths::NON_FUNCTIONAL],
    ),
];

/// Whether the document at `path` (its text so far) shows `subject`: it names it as a code
/// span (an `api.endpoint` subject: its api), or the subject is a section the document shows.
fn shows(path: &str, text: &Spans, subject: &str) -> bool {
    if let Some((_, docs)) = SECTION_SUBJECTS.iter().find(|(s, _)| *s == subject) {
        return docs.contains(&path);
    }
    let named = |s: &str| text.names(s);
    named(subject) || subject.split_once('.').is_some_and(|(api, _)| named(api))
}

/// A document's text with the set of its single-backtick code spans, to ask whether it names
/// a subject without searching the whole text for each (a large design has thousands).
struct Spans<'t> {
    text: &'t str,
    /// Every piece of text between two consecutive backticks.
    between_ticks: HashSet<&'t str>,
}

impl<'t> Spans<'t> {
    fn new(text: &'t str) -> Spans<'t> {
        let pieces: Vec<&str> = text.split('`').collect();
        let inner = pieces.len().saturating_sub(1);
        Spans {
            text,
            between_ticks: pieces.into_iter().take(inner).skip(1).collect(),
        }
    }

    /// Whether the text holds `name` as a code span (`markdown::code`).
    fn names(&self, name: &str) -> bool {
        let span = code(name);
        // `code` wraps a plain name in single backticks: "`name`" is in the text exactly
        // when `name` is a piece between two consecutive backticks.
        if span.len() == name.len() + 2 && span[1..span.len() - 1] == *name {
            self.between_ticks.contains(name)
        } else {
            self.text.contains(&span)
        }
    }
}

/// The closing section of a document that shows subjects with findings: one link per finding
/// to its entry in `REVIEW.md`. `None` when the document shows no such subject.
pub fn closing(ctx: &Ctx, path: &str, text: &str) -> Option<String> {
    if path == paths::REVIEW || !path.ends_with(".md") {
        return None;
    }
    let spans = Spans::new(text);
    let mut seen: HashSet<&str> = HashSet::new();
    let mut subjects: Vec<&str> = Vec::new();
    for f in &ctx.review.findings {
        if seen.insert(&f.subject) && shows(path, &spans, &f.subject) {
            subjects.push(&f.subject);
        }
    }
    if subjects.is_empty() {
        return None;
    }
    let items: Vec<String> = subjects
        .iter()
        .map(|s| format!("{}: {}", code(s), ctx.finding_links(path, s).join(", ")))
        .collect();
    let mut out = format!(
        "\n\n## Review findings\n\nThe {} reports on what this document shows:\n\n",
        super::markdown::link("design review", path, paths::REVIEW)
    );
    for item in items {
        out.push_str(&format!("- {item}\n"));
    }
    Some(out)
}

/// `3 findings: 1 high, 1 medium, 1 low` (or `no findings`).
pub fn summary(ctx: &Ctx) -> String {
    let (h, m, l) = ctx.review.counts();
    let n = h + m + l;
    if n == 0 {
        return "The design review finds nothing to report.".into();
    }
    format!(
        "The design review finds {}: {h} high, {m} medium, {l} low (see {}).",
        crate::model::quantity::plural(n as u64, "finding"),
        super::markdown::link("REVIEW.md", paths::README, paths::REVIEW)
    )
}

pub fn review(ctx: &Ctx) -> String {
    let mut md = ctx.doc("Design review");
    let (h, m, l) = ctx.review.counts();
    md.para(&format!(
        "`mlsd review` read the design and found {} high, {} medium and {} low. Each finding \
         names its subject, the numbers it compared, why it matters and a fix; `mlsd explain \
         CODE` prints the rule. A spec may silence a rule with `review {{ allow: [CODE] }}`.",
        h, m, l
    ));
    for level in LEVELS {
        let found: Vec<_> = ctx
            .review
            .findings
            .iter()
            .filter(|f| f.level == level)
            .collect();
        let title = match level {
            Level::High => "High",
            Level::Medium => "Medium",
            Level::Low => "Low",
        };
        md.heading(2, &format!("{title} ({})", found.len()));
        if found.is_empty() {
            md.para("None.");
            continue;
        }
        for f in found {
            md.heading_md(
                3,
                &format!("{} {}: {}", f.code, escape(rule_title(f)), code(&f.subject)),
            );
            let mut items = vec![one_line(&f.message)];
            if !f.numbers.is_empty() {
                let nums: Vec<String> = f
                    .numbers
                    .iter()
                    .map(|(k, v)| format!("{} = {}", escape(k), escape(v)))
                    .collect();
                items.push(format!("Numbers: {}", nums.join(", ")));
            }
            items.push(format!("Why: {}", one_line(f.why())));
            items.push(format!("Fix: {}", one_line(&f.fix)));
            md.bullets(items);
        }
    }
    md.finish()
}
