//! Hand-written inputs -> the exact canonical text, one layout rule per test.

use super::{assert_fmt_laws, fmt};

#[track_caller]
fn check(input: &str, expected: &str) {
    assert_eq!(fmt(input), expected, "--- input\n{input}");
    assert_fmt_laws(input);
}

#[test]
fn semicolons_become_lines_and_separators_go() {
    check(
        ";;system \"Demo\";;\nuser viewer; service api; viewer -> api;\n",
        "system \"Demo\"\nuser viewer\nservice api\nviewer -> api\n",
    );
    check(
        "service a { tech: \"Go\" } service b\n",
        "service a { tech: \"Go\" }\nservice b\n",
    );
}

#[test]
fn two_space_indent_and_spacing_inside_lines() {
    check(
        "group g {\n\t\tservice  c   {replicas:2}\n      entity E { t: list< string >  ? ; m: map<string,float> @doc( \"x\" ) }\n}\n",
        "group g {\n  service c { replicas: 2 }\n  entity E { t: list<string>?; m: map<string, float> @doc(\"x\") }\n}\n",
    );
}

#[test]
fn one_line_blocks_stay_only_when_written_so_and_flat() {
    // Written on one line, holding only attributes: kept.
    check(
        "model m { task: ranking; framework: pytorch }\n",
        "model m { task: ranking; framework: pytorch }\n",
    );
    // Holding a block: expanded, inner block kept.
    check(
        "api a { served_by: s; get f \"/f\" { response: R } }\n",
        "api a {\n  served_by: s\n  get f \"/f\" { response: R }\n}\n",
    );
    // Written over several lines: one statement per line.
    check(
        "node_pool gpu { instance: \"a\"; count: 8\n  run r { replicas: 8 }\n}\n",
        "node_pool gpu {\n  instance: \"a\"\n  count: 8\n  run r { replicas: 8 }\n}\n",
    );
    check("security {   }\nfuture {\n}\n", "security {}\nfuture {}\n");
}

#[test]
fn comments_stay_where_they_were() {
    check(
        "# lead\n\nsystem \"S\" { summary: \"x # not a comment\" } # after\ngroup g { # opens g\n  service c   # the c\n      # before the end\n}\n# tail\n",
        "# lead\n\nsystem \"S\" { summary: \"x # not a comment\" }  # after\ngroup g {  # opens g\n  service c  # the c\n  # before the end\n}\n# tail\n",
    );
    // A comment after `a; b` belongs to `b`, the statement it follows.
    check("a: 1; b: 2 # on b\n", "a: 1\nb: 2  # on b\n");
    check("# only a comment\n", "# only a comment\n");
}

#[test]
fn blank_lines_kept_at_most_one() {
    check(
        "user a\n\n\n\nuser b\nuser c\n\n# note\n\n\nuser d\n",
        "user a\n\nuser b\nuser c\n\n# note\n\nuser d\n",
    );
    // None after `{` or before `}`.
    check(
        "group g {\n\n  user a\n\n  user b\n\n}\n",
        "group g {\n  user a\n\n  user b\n}\n",
    );
    check("\n\n\nuser a\n\n\n", "user a\n");
}

#[test]
fn literals_are_copied_as_written() {
    check(
        "s { a: 60k/s; b: $40k/mo; c: 99.950%; d: \"tab\\t \\u{1F600} \\\"q\\\"\"; e: -0.5 }\n",
        "s { a: 60k/s; b: $40k/mo; c: 99.950%; d: \"tab\\t \\u{1F600} \\\"q\\\"\"; e: -0.5 }\n",
    );
    check(
        "design { overview: \"\"\"\n   keep # this\n     as is\n\"\"\"  }\n",
        "design {\n  overview: \"\"\"\n   keep # this\n     as is\n\"\"\"\n}\n",
    );
}

#[test]
fn lists_keep_their_line_or_get_one_element_per_line() {
    check(
        "m { a: [x,y ,z,]; b: [ ] }\n",
        "m { a: [x, y, z]; b: [] }\n",
    );
    check(
        "m {\n  metrics: [   # metrics\n    ndcg,      # primary\n\n    recall , [a,\n b] ,\n    # last\n  ]\n  none: [\n  ]\n}\n",
        "m {\n  metrics: [  # metrics\n    ndcg,  # primary\n\n    recall,\n    [\n      a,\n      b,\n    ],\n    # last\n  ]\n  none: []\n}\n",
    );
}

#[test]
fn byte_order_mark_and_crlf_are_dropped() {
    check("\u{FEFF}user a\r\nuser b # c\r\n", "user a\nuser b  # c\n");
}

#[test]
fn edges_and_annotations() {
    check(
        "a->b  ->  c.d : \"label\" {mode:async}\nentity E { id: uuid   @key   @doc(\"the id\") }\n",
        "a -> b -> c.d: \"label\" { mode: async }\nentity E { id: uuid @key @doc(\"the id\") }\n",
    );
}

#[test]
fn refuses_syntax_errors_and_never_panics() {
    for bad in [
        "service a {",
        "a: \"open",
        "service b service c",
        "{ x }",
        "\0",
        "a -> b: c",
    ] {
        let err = mlsd::fmt::format(bad).expect_err(bad);
        assert!(err.iter().any(|d| d.is_error()), "{bad}");
    }
}

#[test]
fn the_starter_spec_is_already_formatted() {
    let text = mlsd::new::spec("demo");
    assert_eq!(fmt(&text), text);
}
