//! Grammar tests, one group per rule: what it accepts (consuming the whole input) and what
//! it rejects.

use pest::Parser;

use super::{MlsdParser, Rule};

/// Whether `rule` matches all of `input`.
fn whole(rule: Rule, input: &str) -> bool {
    match MlsdParser::parse(rule, input) {
        Ok(mut pairs) => pairs
            .next()
            .is_some_and(|p| p.as_span().end() == input.len()),
        Err(_) => false,
    }
}

#[track_caller]
fn accepts(rule: Rule, inputs: &[&str]) {
    for i in inputs {
        assert!(whole(rule, i), "{rule:?} should accept {i:?}");
    }
}

#[track_caller]
fn rejects(rule: Rule, inputs: &[&str]) {
    for i in inputs {
        assert!(!whole(rule, i), "{rule:?} should reject {i:?}");
    }
}

#[test]
fn names() {
    accepts(Rule::name, &["a", "_x", "feed_api", "A1_b2", "feed-api"]);
    rejects(Rule::name, &["1a", "", "a.b", "a-", "-a", "a->b"]);
}

#[test]
fn paths() {
    accepts(Rule::path, &["a", "training.train", "a.b.c"]);
    rejects(Rule::path, &["a.", ".a", "a. b"]);
}

#[test]
fn quantities() {
    accepts(
        Rule::quantity,
        &[
            "12",
            "0.5",
            "-3",
            "150ms",
            "60k/s",
            "$40k/mo",
            "99.95%",
            "2.5TB/day",
            "2B/day",
            "$0.9/h",
        ],
    );
    rejects(Rule::quantity, &["k", "$", "1.", ".5", "5 ms", "60k /s"]);
}

#[test]
fn strings() {
    accepts(
        Rule::string,
        &[
            r#""""#,
            r#""a \"b\" \\ \n \t \u{1F600}""#,
            "\"\"\"\nline\n  more\n\"\"\"",
            "\"\"\"x\"\"\"",
        ],
    );
    rejects(
        Rule::string,
        &["\"open", "\"two\nlines\"", "\"\"\"never closed"],
    );
}

#[test]
fn lists() {
    accepts(
        Rule::list,
        &[
            "[]",
            "[a]",
            "[a, b]",
            "[a, b,]",
            "[\n  a, # note\n  b\n]",
            "[1%, 10%, 100%]",
            "[\"x\", [y]]",
        ],
    );
    rejects(Rule::list, &["[", "[a b]", "[,]"]);
}

#[test]
fn types() {
    accepts(
        Rule::type_expr,
        &[
            "string",
            "list<string>",
            "map<string, float>",
            "vector<256>",
            "enum<a, b, c>",
            "User?",
            "list<User?>",
        ],
    );
    rejects(Rule::type_expr, &["list<>", "list<string", "enum<a,\nb>"]);
}

#[test]
fn annotations() {
    accepts(
        Rule::annotation,
        &[
            "@key",
            "@doc(\"seconds\")",
            "@len(50)",
            "@size(2KB)",
            "@doc( \"spaced\" )",
        ],
    );
    rejects(Rule::annotation, &["@", "@ key", "@len(", "@doc(\"a\""]);
}

#[test]
fn attributes() {
    accepts(
        Rule::attribute,
        &[
            "tech: \"Go\"",
            "replicas: 3",
            "x: [a, b]",
            "user_id: string @key @pii",
            "a = 1",
        ],
    );
    rejects(Rule::attribute, &["tech:", ": 3", "tech \"Go\""]);
}

#[test]
fn edges() {
    accepts(
        Rule::edge,
        &[
            "a -> b",
            "a -> b -> c: \"label\"",
            "a -> b { mode: async }",
            "p.s -> q",
            "a->b",
            "a -> b: opens feed",
        ],
    );
    rejects(Rule::edge, &["a ->", "-> b", "a -> b:", "a\n-> b"]);
}

#[test]
fn declarations() {
    accepts(
        Rule::declaration,
        &[
            "user viewer",
            "service a \"A\"",
            "system \"S\" {}",
            "volume { rate: 1k/s }",
            "get feed \"/feed\" {\n}",
            "run a",
        ],
    );
    rejects(Rule::declaration, &["\"label\"", "a\n{}"]);
}

#[test]
fn blocks() {
    accepts(
        Rule::block,
        &[
            "{}",
            "{ a: 1 }",
            "{ a: 1; b: 2 }",
            "{\n  a: 1\n  b { c: 2 }\n}",
            "{ run a { replicas: 2 } run b }",
            "{ ;; a: 1; }",
        ],
    );
    rejects(Rule::block, &["{", "{ a: 1 ", "}"]);
}

#[test]
fn files() {
    accepts(
        Rule::file,
        &[
            "",
            "\n",
            "# only a comment",
            "\u{feff}system \"S\" {}\r\n",
            "a: 1\r\nb: 2\r\n",
            "system \"S\" {}\n{\n}\n",
        ],
    );
    rejects(Rule::file, &["}", "system \"S\" {", "a: 1 }"]);
}
