//! The attribute tables of the document sections: `system`, `scaling`, `monitoring`,
//! `operations`, `alternatives` and `diagrams` and the items inside them.

use super::ValueType::*;
use super::{Block, Target, attr};
use crate::model::kinds::*;
use crate::model::quantity::Dimension;

const TIME: super::ValueType = Quantity(Dimension::TIME);

/// `system`.
pub static SYSTEM: Block = Block {
    keywords: &["system"],
    attrs: &[
        attr("summary", Text, "one sentence on what the system does"),
        attr("description", Text, "the long story, in Markdown"),
        attr("owners", Texts, "the teams that own it"),
        attr("version", TextOrWord, "the design's version"),
        attr("status", TextOrWord, "as in `draft` or `approved`"),
        attr("tags", Texts, "free labels"),
    ],
};

/// `scaling { traffic { ... } }`.
pub static TRAFFIC: Block = Block {
    keywords: &["traffic"],
    attrs: &[
        attr("daily_active_users", Count, "users per day"),
        attr(
            "requests_per_user",
            Quantity(Dimension::RATE),
            "requests one user makes, as in `40/day`",
        ),
        attr("peak_factor", Number, "peak traffic over the daily average"),
    ],
};

/// `scaling { bottleneck NAME { ... } }`.
pub static BOTTLENECK: Block = Block {
    keywords: &["bottleneck"],
    attrs: &[
        attr(
            "component",
            Name(Target::Component),
            "the component that limits the system",
        ),
        attr("mitigation", Text, "what is done about it"),
        attr("description", Text, "why it limits, in prose"),
    ],
};

/// `scaling { optimization NAME { ... } }`.
pub static OPTIMIZATION: Block = Block {
    keywords: &["optimization"],
    attrs: &[
        attr(
            "target",
            Name(Target::Component),
            "the component it speeds up",
        ),
        attr("gain", Text, "what it saves"),
        attr("description", Text, "how, in prose"),
    ],
};

/// `monitoring { metric NAME { ... } }`.
pub static METRIC: Block = Block {
    keywords: &["metric"],
    attrs: &[
        attr("type", OneOf(MetricType::WORDS), "the kind of metric"),
        attr("unit", TextOrWord, "its unit, as in `seconds`"),
        attr(
            "source",
            Name(Target::Component),
            "the component that emits it",
        ),
        attr("description", Text, "what it measures"),
    ],
};

/// `monitoring { alert NAME { ... } }`.
pub static ALERT: Block = Block {
    keywords: &["alert"],
    attrs: &[
        attr("expr", Text, "the PromQL condition that fires it"),
        attr("for", TIME, "how long the condition must hold"),
        attr("severity", OneOf(Severity::WORDS), "who is told"),
        attr("summary", Text, "one line for the people paged"),
        attr("description", Text, "what to do, in prose"),
    ],
};

/// `monitoring { drift NAME { ... } }`.
pub static DRIFT: Block = Block {
    keywords: &["drift"],
    attrs: &[
        attr("feature", FieldPath, "the watched field, as `Entity.field`"),
        attr(
            "method",
            OneOf(DriftMethod::WORDS),
            "the statistic compared",
        ),
        attr("threshold", Number, "the value that raises it"),
        attr("window", TIME, "the period compared"),
    ],
};

/// `operations` itself.
pub static OPERATIONS: Block = Block {
    keywords: &["operations"],
    attrs: &[attr("rollback", Text, "how a bad release is undone")],
};

/// `operations { experiment NAME { ... } }`.
pub static EXPERIMENT: Block = Block {
    keywords: &["experiment"],
    attrs: &[
        attr("split", Percent, "the treatment arm's share of traffic"),
        attr("metric", TextOrWord, "the metric that decides"),
        attr(
            "min_detectable_effect",
            Percent,
            "the smallest relative change worth detecting",
        ),
        attr("baseline", Percent, "the control arm's rate of `metric`"),
        attr("duration", TIME, "how long it runs"),
        attr("description", Text, "what it tests, in prose"),
    ],
};

/// `operations { rollout { ... } }`.
pub static ROLLOUT: Block = Block {
    keywords: &["rollout"],
    attrs: &[
        attr(
            "strategy",
            OneOf(RolloutStrategy::WORDS),
            "how a release reaches traffic",
        ),
        attr(
            "steps",
            Percents,
            "the shares of traffic, each 0–100, never decreasing",
        ),
    ],
};

/// `operations { disaster_recovery { ... } }`.
pub static DISASTER_RECOVERY: Block = Block {
    keywords: &["disaster_recovery"],
    attrs: &[
        attr("rpo", TIME, "the most data (in time) a disaster may lose"),
        attr("rto", TIME, "the longest a recovery may take"),
        attr("backups", Text, "how backups are taken, in prose"),
        attr("backup_every", TIME, "how often every store is backed up"),
    ],
};

/// `alternatives { tradeoff NAME { ... } }`.
pub static TRADEOFF: Block = Block {
    keywords: &["tradeoff"],
    attrs: &[
        attr("chosen", TextOrWord, "the option taken"),
        attr("rejected", Texts, "the options not taken"),
        attr("rationale", Text, "why"),
    ],
};

/// `alternatives { technology NAME { ... } }`.
pub static TECHNOLOGY: Block = Block {
    keywords: &["technology"],
    attrs: &[
        attr("chosen", TextOrWord, "the technology taken"),
        attr("considered", Texts, "the others weighed"),
        attr("rationale", Text, "why"),
    ],
};

/// `diagrams` itself.
pub static DIAGRAMS: Block = Block {
    keywords: &["diagrams"],
    attrs: &[attr(
        "theme",
        OneOf(Theme::WORDS),
        "the colours of every diagram",
    )],
};

/// `diagrams { architecture { ... } }` and the other views.
pub static VIEW: Block = Block {
    keywords: View::WORDS,
    attrs: &[
        attr(
            "direction",
            OneOf(Direction::WORDS),
            "the way the diagram flows",
        ),
        attr("title", Text, "the diagram's title"),
        attr(
            "detail",
            OneOf(Detail::WORDS),
            "architecture and data_flow only: an overview plus one diagram per group (auto: above 25 components, or 25 nodes of the data flow)",
        ),
        attr(
            "first",
            Names(Target::Component),
            "components and groups drawn in the first layer (where the flow starts)",
        ),
        attr(
            "last",
            Names(Target::Component),
            "components and groups drawn in the last layer (where the flow ends)",
        ),
    ],
};

/// The views `detail` applies to: drawn as an overview plus one diagram per top-level group.
pub const DETAIL_VIEWS: &[View] = &[View::Architecture, View::DataFlow];

/// `diagrams { view NAME "Title" { ... } }`: a focus view.
pub static FOCUS_VIEW: Block = Block {
    keywords: &["view"],
    attrs: &[
        attr(
            "include",
            Names(Target::Component),
            "the components and groups the view shows",
        ),
        attr(
            "exclude",
            Names(Target::Component),
            "components and groups taken out again",
        ),
        attr(
            "first",
            Names(Target::Component),
            "components and groups drawn in the first layer (where the flow starts)",
        ),
        attr(
            "last",
            Names(Target::Component),
            "components and groups drawn in the last layer (where the flow ends)",
        ),
        attr(
            "direction",
            OneOf(Direction::WORDS),
            "the way the diagram flows",
        ),
    ],
};

/// `review { allow: [...] }`.
pub static REVIEW: Block = Block {
    keywords: &["review"],
    attrs: &[attr(
        "allow",
        RuleCodes,
        "rule codes not to report for this spec",
    )],
};

/// `output { ... }`: how the spec is built (command-line flags override it for one run).
pub static OUTPUT: Block = Block {
    keywords: &["output"],
    attrs: &[
        attr(
            "stubs",
            SomeOf(StubWord::WORDS),
            "the implementation stubs written (`rust` adds the crate to the Python stubs)",
        ),
        attr(
            "formats",
            SomeOf(DiagramFormat::WORDS),
            "the file formats of the diagrams",
        ),
        attr(
            "site",
            Bool,
            "whether the build also writes the browsable site",
        ),
    ],
};

/// Every table that takes attributes.
pub static ALL_BLOCKS: &[&Block] = &[
    &super::COMPONENT,
    &super::FLOW,
    &super::VOLUME,
    &super::MODEL,
    &super::PIPELINE,
    &super::STAGE,
    &super::API,
    &super::ENDPOINT,
    &super::CONTAINER,
    &super::NODE_POOL,
    &super::RUN,
    &SYSTEM,
    &TRAFFIC,
    &BOTTLENECK,
    &OPTIMIZATION,
    &METRIC,
    &ALERT,
    &DRIFT,
    &OPERATIONS,
    &EXPERIMENT,
    &ROLLOUT,
    &DISASTER_RECOVERY,
    &TRADEOFF,
    &TECHNOLOGY,
    &DIAGRAMS,
    &VIEW,
    &FOCUS_VIEW,
    &REVIEW,
    &OUTPUT,
];
