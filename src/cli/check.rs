//! `mlsd check FILE...`.

use super::{CheckArgs, EXIT_ERRORS, EXIT_OK, EXIT_TROUBLE, Format, use_color};
use mlsd::diagnostic;

pub fn run(args: &CheckArgs) -> u8 {
    let color = use_color();
    let mut json = Vec::new();
    let (mut errors, mut warnings, mut trouble) = (0usize, 0usize, false);
    let files = match super::inputs::expand(&args.files) {
        Ok(f) if f.is_empty() => {
            eprintln!("error: {}", super::inputs::none_found(&args.files));
            return EXIT_TROUBLE;
        }
        Ok(f) => f,
        Err(message) => {
            eprintln!("error: {message}");
            return EXIT_TROUBLE;
        }
    };
    for path in &files {
        let name = path.display().to_string();
        let bytes = match super::inputs::read_spec(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("error: cannot read `{name}`: {e}");
                trouble = true;
                continue;
            }
        };
        let analysis = mlsd::analyze(&bytes);
        let file_errors = analysis.diagnostics.iter().filter(|d| d.is_error()).count();
        errors += file_errors;
        warnings += analysis.warning_count();
        match args.format {
            Format::Json => json.extend(diagnostic::to_json_values(
                &analysis.diagnostics,
                &name,
                &analysis.source,
            )),
            Format::Human => eprint!(
                "{}",
                diagnostic::render(&analysis.diagnostics, &name, &analysis.source, color)
            ),
        }
    }
    match args.format {
        Format::Json => println!("{}", serde_json::json!({ "diagnostics": json })),
        Format::Human => {
            let summary = summary(errors, warnings);
            if errors > 0 {
                eprintln!("error: {summary}");
            } else if warnings > 0 {
                eprintln!("warning: {summary}");
            } else if !trouble {
                eprintln!("ok: {} checked, no problems", plural(files.len(), "spec"));
            }
        }
    }
    if trouble {
        EXIT_TROUBLE
    } else if errors > 0 || (args.deny_warnings && warnings > 0) {
        EXIT_ERRORS
    } else {
        EXIT_OK
    }
}

fn summary(errors: usize, warnings: usize) -> String {
    match (errors, warnings) {
        (0, w) => plural(w, "warning"),
        (e, 0) => plural(e, "error"),
        (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    }
}

pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
