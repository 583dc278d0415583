//! The language server's vocabulary (src/lsp/vocabulary.rs) against the checker's: every
//! block's attribute list and keyword list is compared with what `mlsd check` says the block
//! takes (the `help:` of E032 for an unknown attribute, of E030 for an unknown keyword).

use mlsd::lsp::vocabulary;

/// A spec with `body` inside the innermost block of `path` (keywords with names and labels).
fn spec_with(open: &str, close: &str, body: &str) -> String {
    format!("system \"S\" {{ summary: \"s\" }}\n{open} {body} {close}\n")
}

fn help_of(source: &str, code: &str) -> String {
    let analysis = mlsd::analyze(source.as_bytes());
    let d = analysis
        .diagnostics
        .iter()
        .find(|d| d.code == code)
        .unwrap_or_else(|| panic!("no {code} for {source}: {:?}", analysis.diagnostics));
    d.help.clone().unwrap_or_default()
}

/// The list after `takes: ` or `the keywords are: ` in a help.
fn listed(help: &str, after: &str) -> Vec<String> {
    let at = help
        .find(after)
        .unwrap_or_else(|| panic!("`{after}` not in `{help}`"));
    let mut v: Vec<String> = help[at + after.len()..]
        .split(", ")
        .map(|s| s.trim().to_string())
        .collect();
    v.sort();
    v
}

fn sorted(words: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = words.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

/// (block keyword for the vocabulary, text opening it, text closing it).
const BLOCKS: &[(&str, &str, &str)] = &[
    ("service", "service s {", "}"),
    ("database", "database s {", "}"),
    ("flow", "service a\nservice b\na -> b {", "}"),
    ("pipeline", "pipeline p {", "}"),
    ("stage", "pipeline p { stage s {", "} }"),
    ("volume", "entity E { id: string; volume {", "} }"),
    ("model", "model m {", "}"),
    ("api", "service s\napi a {", "}"),
    ("get", "api a { get x \"/x\" {", "} }"),
    ("region", "deployment { region r {", "} }"),
    (
        "node_pool",
        "deployment { region r { node_pool n {",
        "} } }",
    ),
    (
        "run",
        "service s\ndeployment { region r { node_pool n { run s {",
        "} } } }",
    ),
    ("traffic", "scaling { traffic {", "} }"),
    ("bottleneck", "service s\nscaling { bottleneck b {", "} }"),
    ("optimization", "scaling { optimization o {", "} }"),
    ("metric", "monitoring { metric m {", "} }"),
    ("alert", "monitoring { alert a {", "} }"),
    ("drift", "monitoring { drift d {", "} }"),
    ("experiment", "operations { experiment e {", "} }"),
    ("operations", "operations {", "}"),
    ("rollout", "operations { rollout {", "} }"),
    (
        "disaster_recovery",
        "operations { disaster_recovery {",
        "} }",
    ),
    ("tradeoff", "alternatives { tradeoff t {", "} }"),
    ("technology", "alternatives { technology t {", "} }"),
    ("diagrams", "diagrams {", "}"),
    ("architecture", "diagrams { architecture {", "} }"),
    ("review", "review {", "}"),
];

#[test]
fn attribute_lists_match_the_checker() {
    for (block, open, close) in BLOCKS {
        let source = spec_with(open, close, "zzzzqqqq: 1");
        let help = help_of(&source, "E032");
        assert_eq!(
            sorted(&vocabulary::attributes(block)),
            listed(&help, "takes: "),
            "attributes of `{block}`"
        );
    }
    let source = "system \"S\" { zzzzqqqq: 1 }\n";
    assert_eq!(
        sorted(&vocabulary::attributes("system")),
        listed(&help_of(source, "E032"), "takes: ")
    );
}

#[test]
fn keyword_lists_match_the_checker() {
    let top = help_of("system \"S\" { summary: \"s\" }\nzzzzqqqq x\n", "E030");
    assert_eq!(
        sorted(&vocabulary::top_keywords()),
        listed(&top, "the keywords are: ")
    );
    for (block, open, close) in [
        ("pipeline", "pipeline p {", "}"),
        ("requirements", "requirements {", "}"),
        ("scaling", "scaling {", "}"),
        ("monitoring", "monitoring {", "}"),
        ("operations", "operations {", "}"),
        ("alternatives", "alternatives {", "}"),
        ("diagrams", "diagrams {", "}"),
        ("deployment", "deployment {", "}"),
        ("region", "deployment { region r {", "} }"),
        ("cluster", "deployment { cluster c {", "} }"),
        ("node_pool", "deployment { node_pool n {", "} }"),
        ("group", "group g {", "}"),
        ("entity", "entity E { id: string;", "}"),
        ("api", "service s\napi a {", "}"),
        ("get", "service s\napi a { get x \"/x\" {", "} }"),
    ] {
        let source = spec_with(open, close, "zzzzqqqq x");
        let help = help_of(&source, "E030");
        assert_eq!(
            sorted(&vocabulary::block_keywords(block)),
            listed(&help, "the keywords are: "),
            "keywords of `{block}`"
        );
    }
}

#[test]
fn enum_words_are_the_checkers() {
    // A wrong word is refused with the list of the right ones.
    for (block, open, close, key) in [
        ("flow", "service a\nservice b\na -> b {", "}", "mode"),
        ("pipeline", "pipeline p {", "}", "kind"),
        ("model", "model m {", "}", "task"),
        (
            "alert",
            "monitoring { alert a { expr: \"x\";",
            "} }",
            "severity",
        ),
    ] {
        let source = spec_with(open, close, &format!("{key}: zzzzqqqq"));
        let analysis = mlsd::analyze(source.as_bytes());
        let d = analysis
            .diagnostics
            .iter()
            .find(|d| d.message.contains("zzzzqqqq"))
            .unwrap_or_else(|| panic!("{source}: {:?}", analysis.diagnostics));
        let text = format!("{} {}", d.message, d.help.clone().unwrap_or_default());
        for w in vocabulary::enum_words(block, key) {
            assert!(text.contains(w), "`{w}` of {block}.{key} not in `{text}`");
        }
    }
}

#[test]
fn the_servers_analysis_is_checks() {
    let mut files = crate::support::spec_files();
    for entry in std::fs::read_dir(crate::support::root().join("tests/errors")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "mlsd") {
            files.push(path);
        }
    }
    assert!(files.len() > 20);
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let Ok(text) = String::from_utf8(bytes.clone()) else {
            continue; // editors send UTF-8 text only
        };
        let check = mlsd::analyze(&bytes);
        let (server, _) = mlsd::lsp::document::analyze(&text);
        assert_eq!(server.diagnostics, check.diagnostics, "{}", path.display());
    }
}
