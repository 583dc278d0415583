//! pest's "expected ..." errors, rewritten in the words of the language.

use crate::codes;
use pest::error::{Error, ErrorVariant, InputLocation};

use std::ops::ControlFlow;

use super::{Rule, scan};
use crate::diagnostic::Diagnostic;
use crate::span::Span;

/// One diagnostic for a parse failure, pointing at the character where reading stopped.
pub fn translate(error: &Error<Rule>, source: &str) -> Diagnostic {
    let pos = match error.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let rest = &source[pos.min(source.len())..];
    let found = rest.chars().next();
    let expected = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => positives.clone(),
        ErrorVariant::CustomError { .. } => Vec::new(),
    };
    let width = found
        .filter(|c| !matches!(c, '\n' | '\r'))
        .map_or(0, char::len_utf8);
    let span = Span::new(pos, pos + width);
    match found {
        None => match unclosed(source) {
            Some(Unclosed::Text(open)) => Diagnostic::error(
                codes::E004,
                Span::new(open, open + 3),
                "this text block is never closed",
            )
            .with_help("close it with `\"\"\"`"),
            Some(Unclosed::Block(open)) => Diagnostic::error(
                codes::E001,
                Span::new(open, open + 1),
                "this block is never closed",
            )
            .with_help("add the missing `}`"),
            None => Diagnostic::error(codes::E001, span, "unexpected end of file")
                .with_help_opt(expected_help(&expected)),
        },
        Some(_) if expected.contains(&Rule::value) => {
            Diagnostic::error(codes::E001, span, "expected a value here")
                .with_help("write a value after `:`, as in `replicas: 3` or `tech: \"Go\"`")
        }
        Some('\n' | '\r') => Diagnostic::error(
            codes::E001,
            span,
            "the line ends before this statement is complete",
        )
        .with_help_opt(Some(
            expected_help(&expected).map_or_else(String::new, |e| format!("{e}; "))
                + "an arrow chain, a `<...>` type and a header stay on one line",
        )),
        Some('}') => Diagnostic::error(codes::E001, span, "unexpected `}`: no block is open here")
            .with_help("remove it, or check the `{` of the block above"),
        Some(c) => {
            let shown = describe(c);
            let message = format!("unexpected {shown}");
            let help = if c == ':' && rest.starts_with("::") {
                Some("paths use `.`, as in `training.train`".to_string())
            } else if c == '-' && !rest.starts_with("->") {
                Some("names use `_`, not `-`; an arrow is written `->`".to_string())
            } else if c == '.' {
                Some("a path is written `name.name` without spaces".to_string())
            } else {
                expected_help(&expected)
            };
            Diagnostic::error(codes::E001, span, message).with_help_opt(help)
        }
    }
}

fn describe(c: char) -> String {
    match c {
        '\n' | '\r' => "the end of the line".to_string(),
        c if c.is_control() => format!("the character U+{:04X}", c as u32),
        c => format!("`{c}`"),
    }
}

fn expected_help(expected: &[Rule]) -> Option<String> {
    let mut words: Vec<&str> = expected.iter().filter_map(|r| rule_name(*r)).collect();
    words.sort_unstable();
    words.dedup();
    match words.as_slice() {
        [] => None,
        [one] => Some(format!("expected {one}")),
        [init @ .., last] => Some(format!("expected {} or {last}", init.join(", "))),
    }
}

fn rule_name(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::EOI => "the end of the file",
        Rule::statement | Rule::declaration | Rule::attribute | Rule::edge | Rule::item => {
            "a statement"
        }
        Rule::value | Rule::type_expr | Rule::quantity | Rule::list => "a value",
        Rule::name | Rule::path => "a name",
        Rule::string | Rule::line_string | Rule::triple_string => "a string",
        Rule::block => "`{`",
        Rule::semi => "`;`",
        Rule::type_args => "`<`",
        Rule::number => "a number",
        Rule::annotation => "an annotation",
        _ => return None,
    })
}

/// What is left open at the end of the file.
enum Unclosed {
    /// A `"""` at this offset never closes.
    Text(usize),
    /// The last `{` left open.
    Block(usize),
}

/// Scans for an unclosed `"""` or `{`, ignoring strings and comments.
fn unclosed(source: &str) -> Option<Unclosed> {
    let mut stack = Vec::new();
    let scanned = scan::scan(source, |i, b| {
        match b {
            b'{' => stack.push(i),
            b'}' => {
                stack.pop();
            }
            _ => {}
        }
        ControlFlow::Continue(())
    });
    match scanned {
        scan::Scanned::OpenText(at) => Some(Unclosed::Text(at)),
        _ => stack.pop().map(Unclosed::Block),
    }
}
