//! `mlsd fmt`: spec text -> canonical layout. Examples of each layout rule, the CLI
//! (`--check`, rewriting, folders, refusals) and property tests (idempotent, same model).

mod cli;
mod generate;
mod layout;
mod perturb;
mod props;

/// Formats `text`, panicking with the diagnostics when it is refused.
#[track_caller]
pub fn fmt(text: &str) -> String {
    match mlsd::fmt::format(text) {
        Ok(out) => out,
        Err(diags) => panic!("refused: {diags:?}\n--- input\n{text}"),
    }
}

/// What a spec means, without positions: the resolved model and the diagnostics, rendered with every `Span { .. }` blanked out. Two specs
/// that differ only in layout and comments have equal projections.
pub fn meaning(text: &str) -> String {
    let analysis = mlsd::analyze(text.as_bytes());
    let diags: Vec<String> = analysis
        .diagnostics
        .iter()
        .map(|d| blank_spans(&format!("{d:?}")))
        .collect();
    let mut diags = diags;
    // Diagnostics are sorted by position, so equal positions may order differently.
    diags.sort();
    let model = format!("{:?}", analysis.model);
    format!("{}\n{}", blank_spans(&model), diags.join("\n"))
}

fn blank_spans(debug: &str) -> String {
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug;
    while let Some(i) = rest.find("Span { start: ") {
        out.push_str(&rest[..i]);
        out.push_str("Span");
        match rest[i..].find('}') {
            Some(j) => rest = &rest[i + j + 1..],
            None => rest = "",
        }
    }
    out.push_str(rest);
    out
}

/// The comment texts of a spec, in order.
pub fn comments(text: &str) -> Vec<String> {
    mlsd::fmt::scan_comments(text)
        .into_iter()
        .map(|c| c.text)
        .collect()
}

/// Everything `fmt` promises about one input that parses: idempotent, same meaning, same
/// comments in the same order, and output that parses.
#[track_caller]
pub fn assert_fmt_laws(text: &str) {
    let once = fmt(text);
    let twice = fmt(&once);
    assert_eq!(once, twice, "fmt is not idempotent\n--- input\n{text}");
    assert_eq!(
        meaning(text),
        meaning(&once),
        "fmt changed the meaning\n--- input\n{text}\n--- output\n{once}"
    );
    assert_eq!(
        comments(text),
        comments(&once),
        "fmt lost or moved a comment\n--- output\n{once}"
    );
    assert!(once.is_empty() || once.ends_with('\n') && !once.ends_with("\n\n"));
    assert!(
        !once.contains("\n\n\n"),
        "more than one blank line:\n{once}"
    );
}

#[test]
fn meaning_sees_a_changed_value() {
    // The projection must be able to fail: one changed number is a different meaning.
    let spec =
        std::fs::read_to_string(crate::support::root().join("specs/feed_ranking.mlsd")).unwrap();
    let changed = spec.replacen("replicas: 40", "replicas: 41", 1);
    assert_ne!(meaning(&spec), meaning(&changed));
    let renamed = spec.replacen("\"Feed cache\"", "\"Feed cache 2\"", 1);
    assert_ne!(meaning(&spec), meaning(&renamed));
    // ...while a layout change is not.
    let relaid =
        spec.replacen("\n\n", "\n\n\n  \n", 3)
            .replacen("tech: \"Go\"; ", "tech: \"Go\"\n", 1);
    assert_eq!(meaning(&spec), meaning(&relaid));
}
