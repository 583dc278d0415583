//! `mlsd export FILE --to dot|mermaid|d2 [--view VIEW]`: a spec -> one view in another
//! tool's language, on stdout. Diagnostics go to stderr; a spec with errors exports nothing.

use super::{EXIT_ERRORS, EXIT_TROUBLE, ExportArgs, stdout_or_trouble, use_color};
use mlsd::diagnostic;
use mlsd::export::{Target, export};
use mlsd::model::View;

pub fn run(args: &ExportArgs) -> u8 {
    let Some(target) = Target::parse(&args.to) else {
        eprintln!(
            "error: unknown export format `{}`; use `dot`, `mermaid` or `d2`",
            args.to
        );
        return EXIT_TROUBLE;
    };
    let Some(view) = View::parse(&args.view) else {
        eprintln!(
            "error: unknown view `{}`; use one of {}",
            args.view,
            View::WORDS.join(", ")
        );
        return EXIT_TROUBLE;
    };
    let name = args.file.display().to_string();
    let bytes = match std::fs::read(&args.file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: cannot read `{name}`: {e}");
            return EXIT_TROUBLE;
        }
    };
    let analysis = mlsd::analyze(&bytes);
    eprint!(
        "{}",
        diagnostic::render(&analysis.diagnostics, &name, &analysis.source, use_color())
    );
    if analysis.has_errors() {
        eprintln!("error: `{name}` has errors; nothing was exported");
        return EXIT_ERRORS;
    }
    stdout_or_trouble(export(&analysis.model, view, target).as_bytes())
}
