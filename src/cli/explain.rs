//! `mlsd explain CODE`: prints a code's reference entry from the registry (`crate::codes`).

use mlsd::codes::{self, Entry};

use super::{EXIT_TROUBLE, stdout_or_trouble};

#[derive(clap::Args)]
pub struct ExplainArgs {
    /// The code to explain: an error (`E032`), a warning (`W004`) or a review rule (`R001`).
    pub code: String,
}

pub fn run(args: &ExplainArgs) -> u8 {
    match codes::lookup(&args.code) {
        Some(entry) => stdout_or_trouble(render(entry).as_bytes()),
        None => {
            let shown: String = args.code.chars().filter(|c| !c.is_control()).collect();
            eprintln!("error: unknown code `{shown}`");
            match codes::nearest(&args.code) {
                Some(near) => eprintln!("  = help: did you mean `{near}`?"),
                None => eprintln!(
                    "  = help: codes are E0xx (errors), W0xx (warnings) and R0xx (review rules)"
                ),
            }
            EXIT_TROUBLE
        }
    }
}

/// The entry as `mlsd explain` prints it.
pub fn render(entry: &Entry) -> String {
    let levels: Vec<&str> = entry.levels.iter().map(|l| l.as_str()).collect();
    let mut out = format!(
        "{} ({}): {}\n\n{}\n\nexample: {}\n",
        entry.code,
        levels.join(" or "),
        entry.title,
        entry.explanation,
        entry.example
    );
    if !entry.fix.is_empty() {
        out.push_str(&format!("fix: {}\n", entry.fix));
    }
    out
}
