//! The review rules' codes `R001`–`R022` (design/review.md §4): severity, title, the exact
//! condition, a spec that triggers the rule and the fix. docs/review.md explains each one at
//! length; the analysis stage reports findings with these codes.

super::registry! {
RULES:
    R001 [High] "single point of failure";
    example: "service feed_cache { replicas: 1 }  api_gateway -> feed_cache { mode: sync }";
    fix: "run at least 2 replicas, in 2 zones";
    why: "a request-path component with one replica stops every request when it fails, and nothing degrades in its place";
    "One failure of a component every request goes through stops every request. Reported when \
     a request-path component has total replicas < 2, unless it has at least one sync flow \
     into it and every one has a `fallback` (its callers degrade instead of failing)";

    R002 [High, Medium] "capacity after losing a region (zone)";
    example: "`survives: region`; `feed_service` runs 30 replicas in `us_east` and 10 in `eu_west` at 4k/s each against a 139k/s load";
    fix: "add replicas in the other regions (zones) until each loss leaves the load covered";
    why: "after a region or zone is lost the replicas left must carry the whole load, or the survivors overload and fail in turn";
    "A region or zone goes down as a whole; what is left must carry the peak. With at least 2 \
     regions (zones: only with `survives: zone`), for each region (zone) X and each \
     capacity-planned component with a load that has replicas in X: (total - replicas in X) x \
     capacity < load is a finding; a request-path component without `capacity` that runs only \
     in X is lost with X. High when `survives` names that level, else medium. One finding per \
     component (the most severe level, then the X leaving the least capacity). With \
     `survives` but fewer than 2 regions (zones): one high finding on `deployment`";

    R003 [High] "latency over target";
    example: "api feed { latency_p99: 100ms }; feed_service calls ranker (80ms) and features (40ms) one after the other";
    fix: "cut the budgets of the calls, or run independent calls in `parallel`";
    why: "the calls a request waits for add up: when their budgets exceed the api's p99 target, the target cannot be met even when every call is on time";
    "The calls an api's server makes add up before it can answer. Reported when the inner \
     time of an api's `served_by` (the sum of its non-parallel sync call budgets plus the \
     largest parallel one) exceeds the api's latency target (the largest endpoint \
     `latency_p99`, else `non_functional.latency_p99`)";

    R004 [Medium] "call budget exceeded inside";
    example: "a -> b { latency: 20ms }; b -> c { latency: 50ms }";
    fix: "give the call into the component a budget above its inner time, or cut its own calls";
    why: "a component whose own calls take longer than its caller allows will miss that budget on every slow request";
    "A caller waits only as long as the call's budget; a callee whose own calls take longer \
     cannot meet it. Reported when a component's inner time exceeds the budget of a call into it";

    R005 [Medium] "timeout breaks the target";
    example: "api p99 100ms; feed_service -> ranker { latency: 40ms; timeout: 500ms; fallback: \"popular\" }";
    fix: "lower the call's timeout so the fallback path still meets the target";
    why: "a call that waits for its full timeout before falling back makes the fallback path itself miss the p99 target";
    "A fallback only helps if it arrives in time. For each direct sync call of an api's \
     `served_by` that has a `timeout`: the inner time recomputed with that call's budget \
     replaced by its timeout exceeds the api's target. One finding per call, at its worst api";

    R006 [High] "recovery time over the availability budget";
    example: "availability: 99.99%; rto: 1h (4.32 min allowed per month)";
    fix: "shorten `rto`, or lower the availability target to one the recovery fits in";
    why: "one disaster recovered in `rto` spends more downtime than the availability target allows in a month";
    "One disaster that takes `rto` to recover from spends the month's downtime allowance. \
     Reported when `rto` > (100% - `availability`) x 30 d";

    R007 [High] "backups too rare for the RPO";
    example: "disaster_recovery { rpo: 1h; backup_every: 24h }";
    fix: "back up at least as often as the `rpo`";
    why: "a store backed up less often than the RPO loses more data than the RPO allows when it is restored";
    "Data written since the last backup is lost in a disaster. Reported when a durable store's \
     `backup_every` (its own, else `disaster_recovery.backup_every`) > `rpo`; stores that \
     inherit the section's value give one finding on `disaster_recovery` listing them";

    R008 [Medium] "training data lacks a model input";
    example: "model ranker { inputs: [User, Item] } trained by a pipeline that only reads a store holding `User`";
    fix: "make the training pipeline read a store that holds the missing input";
    why: "a model trained without one of its inputs cannot learn from it, or its training pipeline silently reads it from nowhere";
    "A model cannot be trained on a feature it never sees. Reported when a model has a \
     training pipeline (a stage `trains` it) and some input entity is held by none of the \
     stores its stages read, named in none of its stages' `reads`, written by none of its \
     stages, carried by no flow into the pipeline, and the `output` of no model its stages use";

    R009 [Medium] "serving lacks a model input";
    example: "model_server scorer { model: ranker } with no flow bringing `Item` to it";
    fix: "bring the missing input to the server with a flow or a sync call's `returns`";
    why: "a served model whose server never receives one of its inputs cannot compute its prediction as designed";
    "A served model needs every input at request time. Reported when an input entity of a \
     served model reaches its server by no sync `returns`, no flow `data` into the server, and \
     is not present in a pipeline in which some stage `uses` the model";

    R010 [Medium] "store read but never written";
    example: "database profiles read by a sync call with `returns`, written by nothing";
    fix: "add the flow or stage that writes the store, or the entities it holds";
    why: "a durable store that is read but never written serves data nobody puts there";
    "A store that is read but never filled serves nothing. Reported when a durable store that \
     something reads holds no entity and receives no sync call with `data` and no stage \
     `writes` it";

    R011 [Low] "queue or stream with no consumer";
    example: "service a -> queue jobs { mode: async } and nothing reads `jobs`";
    fix: "add the consumer that reads the queue, or remove the queue";
    why: "messages into a queue or stream that nothing reads pile up and are lost";
    "Messages nobody reads pile up. Reported when a `queue` or `stream` receives flows but no \
     flow leaves it, no stage reads it and no sync call into it has `returns`";

    R012 [Medium] "model without labels";
    example: "model ranker { task: ranking } served by a model_server, with no `labels`";
    fix: "declare the entity the model learns from in `labels`";
    why: "a served model without labels cannot be retrained or evaluated on fresh data";
    "A served model without labels cannot be evaluated or retrained on outcomes. Reported when \
     a served model has no `labels` (tasks `embedding`, `anomaly_detection` and `clustering` \
     are exempt)";

    R013 [High, Medium] "personal data kept too long";
    example: "security { pii_retention: 30d }; entity User { email: string @pii; volume { retention: 365d } }";
    fix: "set the entity's `volume.retention` to at most `security.pii_retention`";
    why: "personal data kept past the privacy policy's retention breaks the policy and the law behind it";
    "Keeping personal data longer than the policy breaks it. With `security.pii_retention` \
     set, an entity that carries personal data and is held by some store is high when its \
     `volume.retention` is over the limit, medium when it has no `volume.retention`";

    R014 [Medium] "personal data leaves the system";
    example: "service a -> external ads { data: User } where User has a @pii field";
    fix: "send an entity without personal fields, or document the processor agreement";
    why: "personal data sent to an external party needs a processing agreement and usually tokenisation";
    "Personal data sent to a third party is a privacy risk. Reported when a flow to an \
     `external` component carries an entity with personal data in `data`, or a sync call from \
     an `external` component gets one in `returns`";

    R015 [Low, Medium] "request path outside the deployment";
    example: "regions us_east and eu_west, and no `run` of `feed_service`";
    fix: "add a `run` of the component in the regions its callers run in";
    why: "a request-path component that runs nowhere, or not where its caller runs, makes every call cross regions or fail";
    "A component that runs nowhere cannot serve. Low: the deployment has regions and some \
     request-path components run in none (one finding on `deployment` listing them). Medium, \
     per call: a sync caller runs in a region where its callee, placed somewhere, has no replica";

    R016 [Low] "unknown cost";
    example: "node_pool gpus { instance: \"g5.xlarge\"; count: 4 } hosting a run, with no `cost`";
    fix: "give the node pool a `cost`";
    why: "a node pool without a cost leaves the monthly cost and the budget check incomplete";
    "The cost of the deployment cannot be checked against the budget. Reported when a \
     `node_pool` that hosts a `run` has no `cost`";

    R017 [High] "batch misses its deadline";
    example: "pipeline nightly { schedule: \"0 2 * * *\"; deadline: \"04:00\" } with stages of 1h + 90min";
    fix: "start the pipeline earlier, shorten its stages, or move the deadline";
    why: "a nightly batch whose stages take longer than the time to its deadline delivers late every day";
    "Readers of a batch's output expect it by the deadline. Reported when start + the longest \
     stage path's `duration` sum > `deadline` (start from a `M H * * *` schedule, UTC; a \
     deadline at or before the start is the next day; a stage without `duration` counts 0 and \
     is named)";

    R018 [Medium] "served model not watched";
    example: "model_server scorer { model: ranker } with no alert on a metric of `scorer` and no drift on ranker's inputs";
    fix: "add an alert on a metric whose `source` is the server and a `drift` on an input field";
    why: "a served model with no alert on its server or no drift check on its inputs degrades silently";
    "A served model degrades silently. Reported when a served model has no alert whose `expr` \
     names a metric whose `source` is its server, or no `drift` on a field of its input \
     entities; one finding per model listing what is missing";

    R019 [Low] "alert on an undeclared metric";
    example: "alert slow { expr: \"p99_latncy > 0.2\" } with no metric `p99_latncy`";
    fix: "declare the metric, or fix its name in the `expr`";
    why: "an alert on metrics the design does not declare may watch nothing";
    "An alert on a metric nobody emits never fires. Reported when an alert's `expr` names \
     metric identifiers and none of them is declared (a declared metric may appear with \
     `_total`, `_bucket`, `_count` or `_sum`; functions, matchers, ranges, numbers and PromQL \
     keywords are not identifiers)";

    R020 [High, Low] "experiment cannot reach significance";
    example: "experiment e { baseline: 2%; min_detectable_effect: 1%; split: 5%; duration: 7d } with 10k daily users";
    fix: "raise the split or the duration, or test for a larger effect";
    why: "an experiment with too few requests per arm cannot detect the effect it is meant to measure";
    "An experiment too small to detect its effect wastes its traffic. With `baseline` p, \
     relative `min_detectable_effect` d: n = 15.7 x p(1-p) / (p d)^2 requests per arm (two-sided \
     5%, power 80%) exceeds the treatment arm's requests, DAU x requests per user x split x \
     duration (high). Without `daily_active_users` or `requests_per_user`: low, it cannot be \
     evaluated";

    R021 [Low] "replicas disagree";
    example: "service a { replicas: 3 } with run a { replicas: 2 } and run a { replicas: 2 }";
    fix: "make the declared `replicas` the sum of the runs', or drop one of them";
    why: "a component whose declared replicas differ from the sum of its placements leaves the real number in doubt";
    "Two numbers for one thing: one of them is wrong. Reported when a component declares \
     `replicas`, every `run` of it sets its own, and their total differs from the declared number";

    R022 [Low] "flow rates disagree with the volume";
    example: "entity Event { volume { rate: 1k/d } } carried by a flow of 5k/s";
    fix: "make the flows' rates and the entity's `volume.rate` agree";
    why: "flow rates far from the entity's declared volume mean one of the two figures is wrong, and so are the sizes built on it";
    "The volume estimate and the traffic estimate cannot both be right. For an entity with \
     `volume.rate`, per destination sum the rates of the rated async, stream and batch flows \
     carrying it, take the largest; with k = max(peak factor, 2), a daily average (sum / peak \
     factor) above k x rate is a finding, below rate / k only when every flow carrying it is \
     rated";
}
