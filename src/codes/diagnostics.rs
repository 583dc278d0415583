//! The diagnostics' codes: `E0xx` errors and `W0xx` warnings, as docs/language.md §7 lists
//! them. Explanations quote the message and its help.

super::registry! {
DIAGNOSTICS:
    E000 [Error] "internal error";
    example: "a formatter bug: `mlsd fmt` would write a spec that no longer reads back the same";
    fix: "";
    "mlsd itself is wrong, not the spec: the formatted text would not parse back to the same \
     spec (or would lose a comment), so the file was left unchanged. Message: internal error: \
     the formatted spec would not read back the same (the file was left unchanged; please \
     report this spec)";

    E001 [Error] "the text cannot be parsed";
    example: "`service api { replicas: }`";
    fix: "";
    "Message: expected a value here (write a value after `:`, as in `replicas: 3` or `tech: \"Go\"`). For `viewer ->`⏎`  api`: the line ends before this statement is complete (expected a name; an arrow chain, a `<...>` type and a header stay on one line). For `service api {` never closed: this block is never closed (add the missing `}`). For a stray `}`: unexpected `}`: no block is open here. For `v - api`: unexpected `-` (names use `_`, not `-`; an arrow is written `->`). For `x: 1e3`: unexpected `3` (expected …); also \"unexpected end of file\"";

    E002 [Error] "bad encoding";
    example: "a NUL byte; a Latin-1 `é`";
    fix: "";
    "Message: a NUL byte cannot appear in a spec / this file is not valid UTF-8 (save the file as UTF-8)";

    E003 [Error] "bad escape";
    example: "`\"a \\q b\"`, `\"\\u{110000}\"`";
    fix: "";
    "Message: unknown escape `\\q` / invalid unicode escape";

    E004 [Error] "unterminated string";
    example: "`summary: \"Rank the feed`";
    fix: "";
    "Message: this string is never closed (close it with `\"` on the same line; use `\"\"\"` for text over several lines); for `\"\"\"`: this text block is never closed";

    E005 [Error] "text block mixes tabs and spaces";
    example: "lines indented with tab + spaces";
    fix: "";
    "Message: the indentation of this text block mixes tabs and spaces";

    E006 [Error] "`{` on its own line";
    example: "`service api`⏎`{`";
    fix: "";
    "Message: this block has no header on its line (put `{` on the line of its header, as in `service api {`)";

    E007 [Error] "`,` between statements";
    example: "`{ tech: \"Go\", replicas: 2 }`";
    fix: "";
    "Message: `,` cannot separate statements (use `;` or a new line between attributes)";

    E008 [Error] "`=` for `:`";
    example: "`{ replicas = 2 }`";
    fix: "";
    "Message: attributes use `:`, not `=` (write `replicas: ...`)";

    E009 [Error] "unquoted edge label";
    example: "`viewer -> api: opens feed`";
    fix: "";
    "Message: an edge label must be a quoted string (quote the label: `\"opens feed\"`)";

    E010 [Error] "`-` in a name";
    example: "`group online-serving {`";
    fix: "";
    "Message: `online-serving` is not a valid name (names use `_`, not `-`: write `online_serving`)";

    E011 [Error] "two statements with no separator";
    example: "`service b service c`";
    fix: "";
    "Message: expected `;` or a new line before this statement";

    E012 [Error] "nesting deeper than 2,000 levels";
    example: "2,001 nested `[`";
    fix: "";
    "Message: nesting is deeper than 2000 levels (flatten the spec …)";

    E020 [Error] "bad quantity unit";
    example: "`5m`, `150Ms`, `5kB`, `5sec`, `$5ms`, `5/days`";
    fix: "";
    "Message: see the table in §3.10";

    E030 [Error] "unknown keyword";
    example: "`servce cache_layer { ... }`";
    fix: "";
    "Message: unknown keyword `servce` (did you mean `service`?, or the list of valid keywords here)";

    E031 [Error] "keyword, arrow, attribute or item out of context";
    example: "`stage train` at the top level";
    fix: "";
    "Message: `stage` cannot appear at the top level (`stage` belongs inside a `pipeline`); also \"an arrow cannot appear inside …\", \"`replicas` cannot stand at the top level\", \"a free-text item cannot stand at the top level\"";

    E032 [Error] "unknown attribute, or one not allowed here";
    example: "`service api { replics: 3 }`";
    fix: "";
    "Message: unknown attribute `replics` in `service` (did you mean `replicas`?); also \"a `cache` cannot serve a model\", \"a stage arrow takes no attributes\"";

    E033 [Error] "duplicate name";
    example: "`service api` and `cache api`";
    fix: "";
    "Message: `api` is declared twice (rename one of them: names are global across the spec); also duplicate field, enum value, stage, endpoint, sibling container";

    E034 [Error] "duplicate section, block or attribute";
    example: "two `security` blocks";
    fix: "";
    "Message: `security` appears twice (merge the two `security` blocks into one); also \"`x` is set twice in …\", \"`volume` appears twice in this entity\", \"`params` appears twice in this endpoint\"";

    E035 [Error] "unresolved reference";
    example: "`model: rankr`";
    fix: "";
    "Message: no model named `rankr` (did you mean `ranker`?); also \"pipeline `training` has no stage `trian`\", \"entity `Event` has no field `watchd`\"";

    E036 [Error] "reference to the wrong kind";
    example: "`model_server scorer { model: lake }`";
    fix: "";
    "Message: `lake` is a warehouse, but `model` takes a model";

    E037 [Error] "wrong kind of value";
    example: "`replicas: \"three\"`";
    fix: "";
    "Message: `replicas` takes a number, not a string (write it as in `replicas: 3`); also: whole number ≥ 0, percentage out of 0%–100%, one name not a list, a name not a path, a bad flow end, `@key` with an argument, `@doc` with none, a label on `run`, a free-text item in a keyed block, `key: value` in `future`, a negative time, size, rate or amount, a name given to `volume`/`params`, `rollback` written as a block";

    E038 [Error] "wrong dimension";
    example: "`latency: 5GB`";
    fix: "";
    "Message: `latency` takes a time (as in `150ms`), not a size (as in `64KB`) (write it as in `latency: 150ms`)";

    E039 [Error] "word not in the vocabulary";
    example: "`task: rankng`";
    fix: "";
    "Message: `rankng` is not a valid `task` (did you mean `ranking`?, or the list of valid words)";

    E040 [Error] "stage cycle";
    example: "`extract -> train -> evaluate` then `evaluate -> train`";
    fix: "";
    "Message: the stages of `training` form a cycle: train -> evaluate -> train";

    E041 [Error] "stage left out of the arrows";
    example: "`stage evaluate` in no arrow";
    fix: "";
    "Message: stage `evaluate` is in none of the arrows of `training`";

    E042 [Error] "undeclared path placeholder";
    example: "`get item \"/items/{item_id}\" { response: Item }`";
    fix: "";
    "Message: path placeholder `{item_id}` is not declared in `params` (add `params { item_id: string }` to this endpoint)";

    E043 [Error] "no `system`";
    example: "an empty file";
    fix: "";
    "Message: this spec has no `system`";

    E044 [Error] "a second `system`";
    example: "two `system` declarations";
    fix: "";
    "Message: a spec describes exactly one `system`";

    E045 [Error] "missing name";
    example: "`user` alone; `service \"Only label\"`; `run` alone";
    fix: "";
    "Message: `user` needs a name, a label or a block / `service` needs a name / `run` needs the component it places";

    E046 [Error] "`returns` on a non-sync flow";
    example: "`{ mode: async; returns: Ack }`";
    fix: "";
    "Message: `returns` is only for `sync` flows, and this flow is `async`";

    E047 [Error] "rollout steps go down";
    example: "`steps: [10%, 5%, 100%]`";
    fix: "";
    "Message: rollout steps never go down, but 5% follows 10%";

    E048 [Error] "container nesting broken";
    example: "`cluster c { region r { } }`";
    fix: "";
    "Message: a `region` cannot stand inside a `cluster`";

    E049 [Error] "stage arrow into another pipeline";
    example: "`score -> training.train` in `serving`";
    fix: "";
    "Message: an arrow inside `serving` cannot reach a stage of `training`";

    E050 [Error] "bad field type";
    example: "`value: flaot`";
    fix: "";
    "Message: unknown type `flaot` (did you mean `float`?); also \"field `a` needs a type\", \"`list` needs its type arguments\", \"`string` takes no type arguments\", \"enum values are plain names\", \"expected a type here, not a number\", \"`x.y` is not a type\"";

    E051 [Error] "bad annotation";
    example: "`user_id: string @primary`";
    fix: "";
    "Message: unknown annotation `@primary`; on a non-field: \"`@doc` cannot annotate `tech`\"";

    E052 [Error] "method of the wrong protocol";
    example: "`rpc Score` in a `rest` api";
    fix: "";
    "Message: `rpc` does not belong in a `rest` api";

    E053 [Error] "endpoint path rules";
    example: "`get feed { ... }`";
    fix: "";
    "Message: `get feed` needs a path; also \"an `rpc` has no path\", \"an `rpc` takes no `params`\"";

    E054 [Error] "bad pipeline `deadline`";
    example: "`deadline: \"6h\"`; `deadline` with `schedule: \"0 2 * * 1\"`";
    fix: "";
    "Message: `6h` is not a time of day as `HH:MM`; `deadline` needs a daily schedule, and this pipeline's `schedule` is not daily. A `deadline` is checked against a daily `M H * * *` schedule (integers, UTC)";

    E055 [Error] "unknown rule code in `review.allow`";
    example: "`allow: [R0022]`";
    fix: "";
    "Message: `R0022` is not a rule code (did you mean `R022`?). `review { allow: [...] }` lists review rule codes, `R001` to `R022`";

    E056 [Error] "unknown word in `output`";
    example: "`output { stubs: [python, go] }`; `output { formats: [svg, jpg] }`";
    fix: "use the words `output` knows: `stubs` takes `python`, `rust` or `none`; `formats` takes `svg` and `png`";
    why: "a build would otherwise silently leave out what the spec asked for";
    "Message: unknown stub language `go` in `output.stubs` (did you mean ...?, or the list of valid words); unknown diagram format `jpg` in `output.formats`; also \"`none` cannot be listed with other stub languages\"";

    E057 [Error] "an entity contains itself";
    example: "`entity A { b: B }` and `entity B { a: A }`";
    fix: "";
    "Message: entity `A` contains itself through required fields: A.b -> B.a -> A (no value of `A` could ever be written; make one of these fields optional (`A?`) or a list (`list<A>`))";

    W001 [Warning] "a checklist item is missing (one warning each, at the `system` keyword)";
    example: "a spec with no `monitoring`";
    fix: "";
    "Message: the design has no alert (add `monitoring { alert NAME { expr: \"...\" } }`)";

    W002 [Warning] "a component takes part in no flow and no stage `reads`/`writes`";
    example: "`service lonely`";
    fix: "";
    "Message: component `lonely` takes part in no flow";

    W003 [Warning] "an entity is used nowhere";
    example: "`entity Unused { id: uuid }`";
    fix: "";
    "Message: entity `Unused` is used nowhere";

    W004 [Warning] "a free `non_functional` key is near a checked one";
    example: "`latncy_p99: 100ms`";
    fix: "";
    "Message: `latncy_p99` is not a checked requirement; did you mean `latency_p99`?";

    W005 [Warning] "`peak_throughput` is more than 10% away from the implied peak";
    example: "`peak_throughput: 10k/s` with 2.31k/s implied";
    fix: "";
    "Message: `peak_throughput` is 10k/s but the traffic implies a peak of 2.31k/s";

    W006 [Warning] "the deployment costs more than `constraints.budget`";
    example: "3 nodes × $1/h, budget $1k/mo";
    fix: "";
    "Message: the deployment costs $2.16k/mo, over the budget of $1k/mo";

    W007 [Warning] "a component's total capacity is below its load";
    example: "2 × 1k/s against a 2.31k/s peak";
    fix: "";
    "Message: a service `api` handles 2k/s with 2 replicas, below its load of 2.31k/s (the implied peak) (it needs at least 3 replicas at 1k/s each)";
}
