//! text -> `ast::Spec`. The pest parser (grammar/mlsd.pest), checks that come before it
//! (NUL bytes, invalid UTF-8, nesting depth) and friendly messages for pest's errors.
//! No pest type leaves this module.

pub mod ast;
#[cfg(test)]
mod grammar_tests;
mod lower;
mod pest_error;
mod scan;
mod strings;

use crate::codes;
use std::ops::ControlFlow;

use pest::Parser;

use crate::diagnostic::Diagnostic;
use crate::span::Span;

#[derive(pest_derive::Parser)]
#[grammar = "grammar/mlsd.pest"]
struct MlsdParser;

/// How deep blocks, lists and type arguments may nest. The parser runs on a thread with a
/// stack sized for this depth.
pub const MAX_NESTING: usize = 2_000;

/// Stack for the parser thread: pest recurses a few frames per nesting level.
const PARSER_STACK: usize = 512 * 1024 * 1024;

/// The tree read from a spec and the problems found on the way. When the text cannot be
/// parsed at all the tree is empty and `diagnostics` says why.
#[derive(Debug, Default)]
pub struct Parsed {
    pub spec: ast::Spec,
    pub diagnostics: Vec<Diagnostic>,
}

/// Decodes raw bytes. Invalid UTF-8 gives the lossy text and an error at the first bad byte
/// (which became U+FFFD at the same offset).
pub fn decode(bytes: &[u8]) -> (String, Option<Diagnostic>) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), None),
        Err(e) => {
            let valid = e.valid_up_to();
            let diag = Diagnostic::error(
                codes::E002,
                Span::new(valid, valid + 3),
                "this file is not valid UTF-8",
            )
            .with_help("save the file as UTF-8");
            (String::from_utf8_lossy(bytes).into_owned(), Some(diag))
        }
    }
}

/// Parses a spec into its syntax tree.
pub fn parse(source: &str) -> Parsed {
    if let Some(pos) = source.find('\0') {
        let diag = Diagnostic::error(
            codes::E002,
            Span::new(pos, pos + 1),
            "a NUL byte cannot appear in a spec",
        )
        .with_help("remove the NUL byte; is this a binary file?");
        return Parsed {
            spec: ast::Spec::default(),
            diagnostics: vec![diag],
        };
    }
    if let Some(pos) = too_deep(source) {
        let diag = Diagnostic::error(
            codes::E012,
            Span::new(pos, pos + 1),
            format!("nesting is deeper than {MAX_NESTING} levels"),
        )
        .with_help("flatten the spec: blocks, lists and types may nest at most this deep");
        return Parsed {
            spec: ast::Spec::default(),
            diagnostics: vec![diag],
        };
    }
    let owned = source.to_string();
    let handle = std::thread::Builder::new()
        .name("mlsd-parser".into())
        .stack_size(PARSER_STACK)
        .spawn(move || parse_on_this_thread(&owned));
    match handle.map(|h| h.join()) {
        Ok(Ok(parsed)) => parsed,
        // The thread could not start (or died): parse here, which works for shallow specs.
        _ => parse_on_this_thread(source),
    }
}

fn parse_on_this_thread(source: &str) -> Parsed {
    let mut diagnostics = Vec::new();
    let spec = match MlsdParser::parse(Rule::file, source) {
        Ok(mut pairs) => {
            let file = pairs.next().expect("the file rule yields one pair");
            lower::file(file, &mut diagnostics)
        }
        Err(e) => {
            diagnostics.push(pest_error::translate(&e, source));
            ast::Spec::default()
        }
    };
    Parsed { spec, diagnostics }
}

/// The offset of the first opening bracket past `MAX_NESTING`, ignoring strings and comments.
fn too_deep(source: &str) -> Option<usize> {
    let mut depth = 0usize;
    let scanned = scan::scan(source, |_, b| {
        match b {
            b'{' | b'[' | b'<' | b'(' => depth += 1,
            b'}' | b']' | b'>' | b')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > MAX_NESTING {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    });
    match scanned {
        scan::Scanned::Stopped(at) => Some(at),
        _ => None,
    }
}
