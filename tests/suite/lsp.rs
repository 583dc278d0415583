//! `mlsd lsp` driven over stdio by a scripted client: one test per request.

use serde_json::{Value, json};

use crate::lsp_client::{Client, URI, find, position, range};
use crate::support::{Test, root};

/// The errors among published diagnostics (small test specs have warnings too).
fn errors(diags: Vec<Value>) -> Vec<Value> {
    diags.into_iter().filter(|d| d["severity"] == 1).collect()
}

/// Errors and warnings (not review findings, published as information and hints).
fn problems(diags: Vec<Value>) -> Vec<Value> {
    diags
        .into_iter()
        .filter(|d| d["severity"].as_u64() <= Some(2))
        .collect()
}

fn reference_spec() -> String {
    std::fs::read_to_string(root().join("specs/feed_ranking.mlsd")).expect("reference spec")
}

const TYPO: &str = "system \"S\" { summary: \"s\" }\nservice api \"API ✓😀\" { replics: 3 }\n";

#[test]
fn diagnostics_match_check_and_go_away_after_a_fix() {
    let mut c = Client::start();
    let diags = errors(c.open(TYPO));
    assert_eq!(diags.len(), 1, "{diags:?}");
    let d = &diags[0];
    assert_eq!(d["code"], "E032");
    assert_eq!(d["source"], "mlsd");
    assert_eq!(d["severity"], 1);
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .starts_with("unknown attribute `replics`")
    );
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("help: did you mean `replicas`?")
    );
    // UTF-16 columns: ✓ is one unit, 😀 two.
    let (line, col) = find(TYPO, "replics", 0);
    assert_eq!(d["range"], range((line, col), (line, col + 7)));
    // The same code, line and help as `mlsd check --format json` (whose columns count chars).
    let out = Test::new()
        .spec(TYPO)
        .args(&["check", "--format", "json", "spec.mlsd"])
        .run();
    let check: Value = serde_json::from_str(&out.stdout).expect("json");
    let first = &check["diagnostics"][0];
    assert_eq!(first["code"], d["code"]);
    assert_eq!(first["line"].as_u64().unwrap(), u64::from(line) + 1);
    assert_eq!(first["column"].as_u64().unwrap(), u64::from(col)); // 😀 counts 1 there
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains(first["help"].as_str().unwrap())
    );

    c.change(&TYPO.replace("replics", "replicas"));
    assert_eq!(errors(c.diagnostics()), Vec::<Value>::new());
    c.shutdown();
}

#[test]
fn debounced_changes_publish_the_last_version() {
    let mut c = Client::start();
    c.open(TYPO);
    c.change(&TYPO.replace("replics", "replicas"));
    c.change(TYPO);
    c.change(&TYPO.replace("replics", "capacty"));
    let diags = errors(c.diagnostics());
    assert_eq!(diags.len(), 1);
    assert!(diags[0]["message"].as_str().unwrap().contains("`capacty`"));
    c.shutdown();
}

#[test]
fn incremental_edits_apply_in_utf16() {
    let mut c = Client::start();
    c.open(TYPO);
    let (line, col) = find(TYPO, "replics", 0);
    c.edit((line, col), (line, col + 7), "replicas");
    assert_eq!(errors(c.diagnostics()), Vec::<Value>::new());
}

#[test]
fn definition_references_and_rename() {
    let spec = reference_spec();
    let mut c = Client::start();
    assert_eq!(
        problems(c.open(&spec)),
        Vec::<Value>::new(),
        "the reference spec is clean"
    );
    // `model: ranker` -> `model ranker`.
    let (l, ch) = find(&spec, "model: ranker", 8);
    let def = c.at("textDocument/definition", l, ch);
    let (dl, dc) = find(&spec, "model ranker", 6);
    assert_eq!(def["uri"], URI);
    assert_eq!(def["range"], range((dl, dc), (dl, dc + 6)));
    // A stage arrow goes to the stage of its pipeline.
    let (l, ch) = find(&spec, "-> train ->", 3);
    let def = c.at("textDocument/definition", l, ch);
    let (dl, dc) = find(&spec, "stage train ", 6);
    assert_eq!(
        def["range"]["start"],
        json!({ "line": dl, "character": dc })
    );

    let mut params = position(dl, dc);
    params["context"] = json!({ "includeDeclaration": true });
    let (l, ch) = find(&spec, "feature_store features", 14);
    params["position"] = json!({ "line": l, "character": ch });
    let refs = c.request("textDocument/references", params.clone());
    // The declaration, the flow, `stored_in`, two `reads`, `run` and `component:`; not the
    // word inside strings nor `build_features`.
    let want = 7;
    assert_eq!(refs.as_array().unwrap().len(), want, "{refs:#}");
    params["context"] = json!({ "includeDeclaration": false });
    let without = c.request("textDocument/references", params);
    assert_eq!(without.as_array().unwrap().len(), want - 1);

    // Rename `features` everywhere it is the feature store.
    let mut p = position(l, ch);
    p["newName"] = json!("feature_db");
    let edit = c.request("textDocument/rename", p.clone());
    let edits = edit["changes"][URI].as_array().unwrap();
    assert_eq!(edits.len(), want);
    assert!(edits.iter().all(|e| e["newText"] == "feature_db"));
    let renamed = apply(&spec, edits);
    assert_eq!(
        problems(c_open_fresh(&renamed)),
        Vec::<Value>::new(),
        "renamed spec stays clean"
    );

    // Refused: a keyword, a taken name, not a name.
    for bad in ["service", "lake", "two words"] {
        p["newName"] = json!(bad);
        let err = c.try_request("textDocument/rename", p.clone()).unwrap_err();
        assert!(err.contains(&format!("`{bad}`")), "{err}");
    }
    let prep = c.request("textDocument/prepareRename", position(l, ch));
    assert_eq!(prep["placeholder"], "features");
    // Nothing to rename on a keyword.
    let (kl, kc) = find(&spec, "feature_store features", 2);
    assert_eq!(
        c.request("textDocument/prepareRename", position(kl, kc)),
        Value::Null
    );
    c.shutdown();
}

fn c_open_fresh(text: &str) -> Vec<Value> {
    let mut c = Client::start();
    let d = c.open(text);
    c.shutdown();
    d
}

/// Applies non-overlapping edits (LSP ranges) to `text`.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| -> usize {
        let line = p["line"].as_u64().unwrap() as usize;
        let ch = p["character"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= ch {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (a, b, t) in spans {
        out.replace_range(a..b, &t);
    }
    out
}

fn hover_text(c: &mut Client, at: (u32, u32)) -> String {
    let h = c.at("textDocument/hover", at.0, at.1);
    h["contents"]["value"].as_str().unwrap_or("").to_string()
}

#[test]
fn hover_shows_declarations_facts_quantities_and_keywords() {
    let spec = reference_spec();
    let mut c = Client::start();
    c.open(&spec);
    let h = hover_text(&mut c, find(&spec, "-> ranker_server", 4));
    assert!(
        h.contains("model_server ranker_server \"Ranker server\""),
        "{h}"
    );
    assert!(h.contains("replicas: 30"), "{h}");
    assert!(h.contains("load:"), "{h}");
    assert!(h.contains("headroom:"), "{h}");
    assert!(h.contains("serves model `ranker`"), "{h}");
    let h = hover_text(&mut c, find(&spec, "entity WatchEvent", 8));
    assert!(h.contains("row size:") && h.contains("storage:"), "{h}");
    let h = hover_text(&mut c, find(&spec, "model ranker", 7));
    assert!(h.contains("served by: ranker_server"), "{h}");
    assert!(h.contains("pipelines: training, serving"), "{h}");
    assert!(h.contains("inputs: UserFeatures, VideoFeatures"), "{h}");
    let h = hover_text(&mut c, find(&spec, "latency_p99: 150ms", 14));
    assert!(h.contains("= 150 ms"), "{h}");
    let h = hover_text(&mut c, find(&spec, "  service feed_service", 3));
    assert!(h.contains("component kind `service`"), "{h}");
    let h = hover_text(&mut c, find(&spec, "served_by:", 2));
    assert!(h.contains("a component name"), "{h}");
    // Inside a string: nothing.
    let (l, ch) = find(&spec, "Rank a personalised", 3);
    assert_eq!(c.at("textDocument/hover", l, ch), Value::Null);
    c.shutdown();
}

fn labels(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("a completion list")
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect()
}

/// Completion at the end of `spec + tail`.
fn complete_after(spec: &str, tail: &str) -> Vec<String> {
    let text = format!("{spec}{tail}");
    let mut c = Client::start();
    // Opened whole, then typed into: the half-typed text does not parse, the names of the
    // last version that did are offered.
    c.open(spec);
    c.change(&text);
    let line = text.matches('\n').count() as u32;
    let last = text.rsplit('\n').next().unwrap();
    let ch = last.chars().map(char::len_utf16).sum::<usize>() as u32;
    let items = c.at("textDocument/completion", line, ch);
    c.shutdown();
    labels(&items)
}

#[test]
fn completion_knows_the_grammar_context() {
    let spec = reference_spec();
    // Names filtered by what the attribute takes.
    let served = complete_after(&spec, "\napi a { served_by: ");
    assert!(served.contains(&"feed_service".into()) && served.contains(&"lake".into()));
    assert!(!served.contains(&"ranker".into()) && !served.contains(&"WatchEvent".into()));
    let models = complete_after(&spec, "\nservice s { model: ");
    assert_eq!(models, ["ranker"]);
    let stored = complete_after(&spec, "\nentity E { volume { stored_in: [");
    assert!(stored.contains(&"lake".into()) && !stored.contains(&"ranker".into()));
    let feature = complete_after(&spec, "\nmonitoring { drift d { feature: ");
    assert!(
        feature.contains(&"UserFeatures.country".into()),
        "{feature:?}"
    );
    // Attributes valid in the enclosing block, keywords at a statement start.
    let stage = complete_after(&spec, "\npipeline p { stage s { ");
    assert!(stage.contains(&"reads".into()) && stage.contains(&"trains".into()));
    assert!(!stage.contains(&"replicas".into()));
    let top = complete_after(&spec, "\n");
    for kw in ["system", "entity", "model_server", "deployment"] {
        assert!(top.contains(&kw.to_string()), "{kw} missing from {top:?}");
    }
    let pipeline = complete_after(&spec, "\npipeline p { ");
    assert!(pipeline.contains(&"stage".into()) && pipeline.contains(&"schedule".into()));
    // Enum words, field types, annotations, units.
    let modes = complete_after(&spec, "\na -> b { mode: ");
    assert_eq!(modes, ["sync", "async", "stream", "streaming", "batch"]);
    let task = complete_after(&spec, "\nmodel m { task: ");
    assert!(task.contains(&"ranking".into()));
    let types = complete_after(&spec, "\nentity E { id: ");
    assert!(types.contains(&"uuid".into()) && types.contains(&"WatchEvent".into()));
    let ann = complete_after(&spec, "\nentity E { id: uuid @");
    assert!(ann.contains(&"pii".into()));
    let units = complete_after(&spec, "\nservice s { capacity: 5");
    assert!(units.contains(&"ms".into()) && units.contains(&"GB".into()));
    // Names survive a half-typed line that does not parse; nothing inside a string.
    assert!(complete_after(&spec, "\nservice s { tech: \"Go").is_empty());
}

#[test]
fn symbols_folding_formatting_and_code_actions() {
    let spec = reference_spec();
    let mut c = Client::start();
    c.open(&spec);
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": URI } }),
    );
    let names: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    for n in [
        "Video Feed Ranking",
        "online",
        "WatchEvent",
        "ranker",
        "training",
        "feed_api",
    ] {
        assert!(names.contains(&n), "{n} missing from {names:?}");
    }
    let training = symbols
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "training")
        .unwrap();
    let stages: Vec<&str> = training["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        stages[..5],
        ["extract", "build_features", "train", "evaluate", "publish"]
    );

    let folds = c.request(
        "textDocument/foldingRange",
        json!({ "textDocument": { "uri": URI } }),
    );
    let (sys, _) = find(&spec, "system \"Video", 0);
    assert!(
        folds
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["startLine"] == sys),
        "the system block folds: {folds}"
    );
    assert!(
        folds
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["kind"] == "comment")
    );

    // Formatting: a messy spec gets `mlsd fmt`'s layout; a formatted one needs no edit.
    let fmt = json!({ "textDocument": { "uri": URI }, "options": { "tabSize": 2, "insertSpaces": true } });
    let messy = "system   \"S\"   {summary: \"s\"}\n\n\n\nservice   a\n";
    c.change(messy);
    c.diagnostics();
    let edits = c.request("textDocument/formatting", fmt.clone());
    let expected = Test::new().spec(messy).args(&["fmt", "spec.mlsd"]).run();
    assert_eq!(expected.code, 0);
    let formatted = std::fs::read_to_string(expected.dir.join("spec.mlsd")).unwrap();
    assert_eq!(edits[0]["newText"].as_str().unwrap(), formatted);
    c.change(&formatted);
    c.diagnostics();
    assert_eq!(c.request("textDocument/formatting", fmt), json!([]));

    // Code action: apply the suggestion of `did you mean`.
    c.change(TYPO);
    let diags = errors(c.diagnostics());
    let mut p = json!({ "textDocument": { "uri": URI }, "context": { "diagnostics": diags } });
    p["range"] = diags[0]["range"].clone();
    let actions = c.request("textDocument/codeAction", p);
    let action = &actions[0];
    assert_eq!(action["title"], "replace with `replicas`");
    assert_eq!(action["kind"], "quickfix");
    let edits = action["edit"]["changes"][URI].as_array().unwrap();
    let fixed = apply(TYPO, edits);
    c.change(&fixed);
    assert_eq!(errors(c.diagnostics()), Vec::<Value>::new());
    c.shutdown();
}

#[test]
fn unknown_documents_and_methods_are_errors_not_crashes() {
    let mut c = Client::start();
    let mut p = position(0, 0);
    p["textDocument"]["uri"] = json!("file:///nowhere.mlsd");
    assert!(c.try_request("textDocument/hover", p).is_err());
    c.open(TYPO);
    assert!(
        c.try_request("textDocument/unknownThing", position(0, 0))
            .is_err()
    );
    assert!(
        c.try_request("textDocument/hover", json!({ "nonsense": 1 }))
            .is_err()
    );
    // Still alive.
    c.at("textDocument/hover", 0, 0);
    c.shutdown();
}

#[test]
fn review_findings_are_published_below_warnings() {
    let spec = std::fs::read_to_string(root().join("tests/review/R001_trigger.mlsd")).unwrap();
    let mut c = Client::start();
    let diags = c.open(&spec);
    let review: Vec<&Value> = diags
        .iter()
        .filter(|d| d["source"] == "mlsd review")
        .collect();
    assert!(review.iter().any(|d| d["code"] == "R001"), "{diags:#?}");
    for d in &review {
        assert!(d["severity"].as_u64() >= Some(3), "{d}");
        assert!(d["message"].as_str().unwrap().contains("help: "), "{d}");
    }
    // A spec with errors gets no review.
    c.change(TYPO);
    let diags = c.diagnostics();
    assert!(diags.iter().all(|d| d["source"] == "mlsd"), "{diags:#?}");
    c.shutdown();
}
