//! `mlsd review SPEC [--format json] [--deny LEVEL]`: the design review's findings, most
//! severe first. Exit 0 with no finding at or above `--deny` (default: never fail), 1 with
//! some, 2 on errors in the spec or trouble.

use super::{EXIT_ERRORS, EXIT_OK, EXIT_TROUBLE, Format, ReviewArgs, use_color};
use mlsd::analysis::{self, Level, report};
use mlsd::diagnostic;

pub fn run(args: &ReviewArgs) -> u8 {
    let name = args.spec.display().to_string();
    let bytes = match std::fs::read(&args.spec) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: cannot read `{name}`: {e}");
            return EXIT_TROUBLE;
        }
    };
    let front = mlsd::analyze(&bytes);
    if front.has_errors() {
        match args.format {
            Format::Json => println!(
                "{}",
                serde_json::json!({ "diagnostics": diagnostic::to_json_values(&front.diagnostics, &name, &front.source) })
            ),
            Format::Human => {
                eprint!(
                    "{}",
                    diagnostic::render(&front.diagnostics, &name, &front.source, use_color())
                );
                eprintln!("error: the spec has errors; fix them before the review");
            }
        }
        return EXIT_TROUBLE;
    }
    let review = analysis::run(&front.model);
    match args.format {
        Format::Json => println!(
            "{}",
            serde_json::json!({ "findings": report::to_json_values(&review.findings, &front.source) })
        ),
        Format::Human => {
            eprint!(
                "{}",
                report::render(&review.findings, &name, &front.source, use_color())
            );
            let (h, m, l) = review.counts();
            if review.findings.is_empty() {
                eprintln!("ok: no findings");
            } else {
                eprintln!(
                    "review: {} ({h} high, {m} medium, {l} low)",
                    super::check::plural(review.findings.len(), "finding")
                );
            }
        }
    }
    let deny = args.deny.as_deref().and_then(Level::parse);
    match deny {
        Some(d) if review.findings.iter().any(|f| f.level.reaches(d)) => EXIT_ERRORS,
        _ => EXIT_OK,
    }
}
