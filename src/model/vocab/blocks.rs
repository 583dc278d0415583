//! The attribute tables of the architecture's blocks: components, flows, entities' `volume`,
//! models, pipelines and stages, apis and endpoints, deployment containers and `run`.

use super::ValueType::*;
use super::{Block, Target, attr};
use crate::model::kinds::*;
use crate::model::quantity::Dimension;

const TIME: super::ValueType = Quantity(Dimension::TIME);
const RATE: super::ValueType = Quantity(Dimension::RATE);

/// Every component kind (`service`, `cache`, `model_server`...).
pub static COMPONENT: Block = Block {
    keywords: ComponentKind::WORDS,
    attrs: &[
        attr(
            "tech",
            Text,
            "the technology it is built with, as in `\"Go\"`",
        ),
        attr("description", Text, "what it does, in prose"),
        attr(
            "replicas",
            Count,
            "how many copies run (default 1; `run` blocks may set it per place)",
        ),
        attr("capacity", RATE, "requests per second one replica handles"),
        attr(
            "model",
            Names(Target::Model),
            "models it serves; only on `model_server`, `service`, `worker`",
        ),
        attr("owner", TextOrWord, "the team that owns it"),
        attr("tags", Texts, "free labels"),
        attr(
            "backup_every",
            TIME,
            "how often this data store is backed up (overrides `disaster_recovery.backup_every`)",
        ),
    ],
};

/// A flow (`a -> b { ... }`).
pub static FLOW: Block = Block {
    keywords: &["->"],
    attrs: &[
        attr(
            "protocol",
            TextOrWord,
            "the wire protocol, as in `grpc` or `https`",
        ),
        attr(
            "mode",
            OneOf(FlowMode::WORDS),
            "how it moves data (default `sync`)",
        ),
        attr("data", Names(Target::Entity), "the entities it carries"),
        attr(
            "returns",
            Names(Target::Entity),
            "what a sync call sends back; only when `mode` is `sync`",
        ),
        attr("rate", RATE, "how many calls or messages per second"),
        attr("latency", TIME, "the call's budget"),
        attr(
            "timeout",
            TIME,
            "how long the caller waits before giving up",
        ),
        attr("fallback", Text, "what the caller does when the call fails"),
        attr(
            "parallel",
            Bool,
            "this sync call runs concurrently with the caller's other `parallel` calls",
        ),
    ],
};

/// An entity's `volume { ... }`.
pub static VOLUME: Block = Block {
    keywords: &["volume"],
    attrs: &[
        attr("rate", RATE, "how many records arrive (as in `100M/day`)"),
        attr("retention", TIME, "how long records are kept"),
        attr(
            "stored_in",
            Names(Target::Component),
            "the stores that hold the records",
        ),
        attr("freshness", TIME, "how old the newest record may be"),
    ],
};

/// A `model`.
pub static MODEL: Block = Block {
    keywords: &["model"],
    attrs: &[
        attr("task", OneOf(ModelTask::WORDS), "what the model does"),
        attr(
            "framework",
            OneOf(Framework::WORDS),
            "the library it is trained with",
        ),
        attr(
            "architecture",
            Text,
            "its architecture, as in `\"two-tower\"`",
        ),
        attr("inputs", Names(Target::Entity), "the entities it reads"),
        attr("output", Name(Target::Entity), "the entity it produces"),
        attr("offline_metrics", Texts, "metrics measured before release"),
        attr("online_metrics", Texts, "metrics measured in production"),
        attr("baseline", Text, "what it must beat"),
        attr("parameters", Number, "its size in parameters"),
        attr("version", TextOrWord, "the version in production"),
        attr("labels", Name(Target::Entity), "the entity it learns from"),
        attr(
            "label_delay",
            TIME,
            "how long after serving the labels arrive",
        ),
        attr("description", Text, "what it is for, in prose"),
    ],
};

/// A `pipeline`.
pub static PIPELINE: Block = Block {
    keywords: &["pipeline"],
    attrs: &[
        attr("kind", OneOf(PipelineKind::WORDS), "what it produces"),
        attr("mode", OneOf(PipelineMode::WORDS), "how it runs"),
        attr(
            "schedule",
            Text,
            "when it runs: a cron expression, as in `\"0 2 * * *\"`",
        ),
        attr("orchestrator", TextOrWord, "what runs it"),
        attr("description", Text, "what it is for, in prose"),
        attr(
            "deadline",
            Text,
            "`\"HH:MM\"` (UTC) by which a daily run must be finished",
        ),
    ],
};

/// A pipeline's `stage`.
pub static STAGE: Block = Block {
    keywords: &["stage"],
    attrs: &[
        attr(
            "reads",
            Names(Target::ComponentOrEntity),
            "the stores and entities it reads",
        ),
        attr(
            "writes",
            Names(Target::ComponentOrEntity),
            "the stores and entities it writes",
        ),
        attr("trains", Names(Target::Model), "the models it trains"),
        attr("uses", Names(Target::Model), "the models it runs"),
        attr("tech", Text, "the technology it runs on"),
        attr("resources", Text, "what it needs, as in `\"8 GPUs\"`"),
        attr("duration", TIME, "how long one run takes"),
        attr("timeout", TIME, "when a run is stopped"),
        attr("fallback", Text, "what happens when it fails"),
        attr("gate", Text, "the check a run must pass to go on"),
        attr("description", Text, "what it does, in prose"),
    ],
};

/// An `api`.
pub static API: Block = Block {
    keywords: &["api"],
    attrs: &[
        attr(
            "protocol",
            OneOf(ApiProtocol::WORDS),
            "`rest` (paths) or `grpc` (`rpc` methods)",
        ),
        attr(
            "served_by",
            Name(Target::Component),
            "the component that answers it",
        ),
        attr("base_path", Text, "the prefix of every path"),
        attr("auth", Text, "how callers authenticate"),
        attr("description", Text, "what it is for, in prose"),
    ],
};

/// An api's endpoint (`get NAME "/path" { ... }`, `rpc NAME { ... }`).
pub static ENDPOINT: Block = Block {
    keywords: Method::WORDS,
    attrs: &[
        attr("request", Name(Target::Entity), "the entity it takes"),
        attr(
            "response",
            Name(Target::Entity),
            "the entity it answers with",
        ),
        attr("latency_p99", TIME, "its 99th-percentile latency target"),
        attr("rate_limit", RATE, "the most calls per second it accepts"),
        attr("description", Text, "what it does, in prose"),
    ],
};

/// A deployment container: `region`, `zone`, `cluster`, `namespace`.
pub static CONTAINER: Block = Block {
    keywords: &["region", "zone", "cluster", "namespace"],
    attrs: &[
        attr("provider", TextOrWord, "the cloud or platform, as in `aws`"),
        attr("description", Text, "what it is for, in prose"),
    ],
};

/// A `node_pool`.
pub static NODE_POOL: Block = Block {
    keywords: &["node_pool"],
    attrs: &[
        attr("provider", TextOrWord, "the cloud or platform, as in `aws`"),
        attr("description", Text, "what it is for, in prose"),
        attr(
            "instance",
            TextOrWord,
            "the machine type, as in `\"g5.xlarge\"`",
        ),
        attr("count", Count, "how many nodes"),
        attr(
            "cost",
            Quantity(Dimension::MONEY_RATE),
            "the price of one node, as in `$1.2/h`",
        ),
        attr(
            "active",
            Percent,
            "share of the month its nodes run (default 100%; cost only)",
        ),
    ],
};

/// A `run` (a component placed in the deployment).
pub static RUN: Block = Block {
    keywords: &["run"],
    attrs: &[attr("replicas", Count, "how many copies run here")],
};
