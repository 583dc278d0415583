//! The resolved model: every declaration of the language with typed ids for references.
//! Every item keeps the span it came from.

use indexmap::IndexMap;

use super::kinds::*;
use super::quantity::Quantity;
use crate::span::Span;

macro_rules! id_type {
    ($($name:ident),+) => {$(
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub usize);
    )+};
}
id_type!(ComponentId, GroupId, EntityId, ModelId, PipelineId, ApiId);

/// A stage of a pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StageId {
    pub pipeline: PipelineId,
    pub index: usize,
}

/// A name with its label (the label defaults from the name) and where it was declared.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Named {
    pub name: String,
    pub label: String,
    /// Whether the label was written or derived from the name.
    pub explicit_label: bool,
    pub span: Span,
    pub name_span: Span,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Model {
    pub system: System,
    pub components: Vec<Component>,
    pub groups: Vec<Group>,
    pub flows: Vec<Flow>,
    pub entities: Vec<Entity>,
    pub models: Vec<MlModel>,
    pub pipelines: Vec<Pipeline>,
    pub apis: Vec<Api>,
    pub deployment: Option<Deployment>,
    pub requirements: Requirements,
    pub scaling: Scaling,
    pub monitoring: Monitoring,
    pub operations: Operations,
    pub security: Option<FreeSection>,
    /// `security.pii_retention`: the longest time personal data may be kept.
    pub pii_retention: Option<Quantity>,
    pub review: Review,
    pub design: Option<FreeSection>,
    pub alternatives: Alternatives,
    pub diagrams: Diagrams,
    /// `output { ... }`: how the spec asks to be built.
    pub output: OutputOptions,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct System {
    pub name: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub owners: Vec<String>,
    pub version: Option<String>,
    pub status: Option<String>,
    pub tags: Vec<String>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Component {
    pub named: Named,
    pub kind: ComponentKind,
    pub tech: Option<String>,
    pub description: Option<String>,
    pub replicas: Option<u64>,
    /// Requests per second one replica handles.
    pub capacity: Option<Quantity>,
    pub models: Vec<ModelId>,
    pub owner: Option<String>,
    pub tags: Vec<String>,
    pub group: Option<GroupId>,
    /// How often this data store is backed up (`backup_every`, seconds).
    pub backup_every: Option<Quantity>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub named: Named,
    pub parent: Option<GroupId>,
}

/// What a flow, or a stage arrow, connects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Endpoint {
    Component(ComponentId),
    Group(GroupId),
    Pipeline(PipelineId),
    Stage(StageId),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    pub from: Endpoint,
    pub to: Endpoint,
    pub label: Option<String>,
    pub protocol: Option<String>,
    pub mode: FlowMode,
    pub data: Vec<EntityId>,
    pub returns: Vec<EntityId>,
    pub rate: Option<Quantity>,
    /// The latency budget of the whole chain this flow is part of.
    pub latency: Option<Quantity>,
    pub timeout: Option<Quantity>,
    pub fallback: Option<String>,
    /// Runs concurrently with the caller's other `parallel` calls (sync flows only).
    pub parallel: bool,
    /// Flows written in one chain statement share this number.
    pub chain: usize,
    /// The chain's first arrow: the budget and `parallel` belong to it.
    pub chain_first: bool,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub named: Named,
    pub fields: Vec<Field>,
    pub volume: Option<Volume>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub ty: FieldType,
    pub key: bool,
    pub pii: bool,
    pub doc: Option<String>,
    pub len: Option<u64>,
    /// Bytes per value from `@size`.
    pub size: Option<f64>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FieldType {
    String,
    Int,
    Float,
    Bool,
    Timestamp,
    Date,
    Bytes,
    Uuid,
    Json,
    List(Box<FieldType>),
    Map(Box<FieldType>, Box<FieldType>),
    Vector(u64),
    Enum(Vec<String>),
    Entity(EntityId),
    Optional(Box<FieldType>),
}

impl FieldType {
    /// The type without its `?`.
    pub fn inner(&self) -> &FieldType {
        match self {
            FieldType::Optional(t) => t.inner(),
            t => t,
        }
    }

    pub fn is_optional(&self) -> bool {
        matches!(self, FieldType::Optional(_))
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Volume {
    pub rate: Option<Quantity>,
    pub retention: Option<Quantity>,
    pub stored_in: Vec<ComponentId>,
    pub freshness: Option<Quantity>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MlModel {
    pub named: Named,
    pub task: Option<ModelTask>,
    pub framework: Option<Framework>,
    pub architecture: Option<String>,
    pub inputs: Vec<EntityId>,
    pub output: Option<EntityId>,
    pub offline_metrics: Vec<String>,
    pub online_metrics: Vec<String>,
    pub baseline: Option<String>,
    pub parameters: Option<f64>,
    pub version: Option<String>,
    pub labels: Option<EntityId>,
    pub label_delay: Option<Quantity>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Pipeline {
    pub named: Named,
    pub kind: Option<PipelineKind>,
    pub mode: Option<PipelineMode>,
    pub schedule: Option<String>,
    pub orchestrator: Option<String>,
    pub description: Option<String>,
    pub stages: Vec<Stage>,
    /// Stage arrows; with none, the stages run in the order written.
    pub arrows: Vec<StageArrow>,
    /// The stages in an order that respects the arrows (written order among equals).
    pub order: Vec<usize>,
    /// `deadline: "HH:MM"` (UTC): minutes after midnight, and the value's span.
    pub deadline: Option<(u32, Span)>,
    /// The start of a daily `schedule` (`M H * * *`): minutes after midnight UTC.
    pub daily_start: Option<u32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StageArrow {
    pub from: usize,
    pub to: usize,
    pub label: Option<String>,
    pub span: Span,
}

/// What a stage reads or writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DataRef {
    Component(ComponentId),
    Entity(EntityId),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Stage {
    pub named: Named,
    pub reads: Vec<DataRef>,
    pub writes: Vec<DataRef>,
    pub trains: Vec<ModelId>,
    pub uses: Vec<ModelId>,
    pub tech: Option<String>,
    pub resources: Option<String>,
    pub duration: Option<Quantity>,
    pub timeout: Option<Quantity>,
    pub fallback: Option<String>,
    pub gate: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    pub named: Named,
    pub protocol: ApiProtocol,
    pub served_by: Option<ComponentId>,
    pub base_path: Option<String>,
    pub auth: Option<String>,
    pub description: Option<String>,
    pub endpoints: Vec<ApiEndpoint>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ApiEndpoint {
    pub method: Method,
    pub name: String,
    /// The path of a REST endpoint (without the api's base path).
    pub path: Option<String>,
    pub params: Vec<Field>,
    pub request: Option<EntityId>,
    pub response: Option<EntityId>,
    pub latency_p99: Option<Quantity>,
    pub rate_limit: Option<Quantity>,
    pub description: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Deployment {
    pub containers: Vec<Container>,
    /// `run` statements directly under `deployment`.
    pub runs: Vec<Run>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Container {
    pub level: Level,
    pub named: Named,
    /// Names of the enclosing containers, outermost first, then this one: unique ids.
    pub qualified: String,
    pub provider: Option<String>,
    pub description: Option<String>,
    pub instance: Option<String>,
    pub count: Option<u64>,
    /// Money per second per node.
    pub cost: Option<Quantity>,
    /// Percent of the month the nodes run (`active`, default 100%).
    pub active: Option<f64>,
    pub children: Vec<Container>,
    pub runs: Vec<Run>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub component: ComponentId,
    pub replicas: Option<u64>,
    pub span: Span,
}

/// A key of a free-form section with its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub value: DocValue,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DocValue {
    Text(String),
    Word(String),
    Quantity(Quantity),
    List(Vec<DocValue>),
}

/// `requirements.*`, `security`, `design`: items, `key: value` entries and prose.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FreeSection {
    pub items: Vec<String>,
    pub entries: Vec<Entry>,
    pub span: Span,
}

impl FreeSection {
    pub fn get(&self, key: &str) -> Option<&DocValue> {
        self.entries.iter().find(|e| e.key == key).map(|e| &e.value)
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty() && self.entries.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Requirements {
    pub functional: Option<FreeSection>,
    pub non_functional: Option<FreeSection>,
    pub constraints: Option<FreeSection>,
    /// `constraints.budget`, money per time.
    pub budget: Option<Quantity>,
    /// `non_functional.survives`: the failure the system must keep serving its peak through.
    pub survives: Option<(Survives, Span)>,
    pub span: Option<Span>,
}

/// The level of failure named by `survives`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Survives {
    Zone,
    Region,
}

impl Survives {
    pub const WORDS: &[&str] = &["zone", "region"];

    pub fn parse(word: &str) -> Option<Self> {
        match word {
            "zone" => Some(Survives::Zone),
            "region" => Some(Survives::Region),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Survives::Zone => "zone",
            Survives::Region => "region",
        }
    }
}

/// The `output` section: how a build of this spec is made. Each `None` was not written and
/// leaves the default (a command-line flag overrides any of them for one run).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OutputOptions {
    /// `stubs: [python, rust]`: the words as written, each once.
    pub stubs: Option<Vec<StubWord>>,
    /// `formats: [svg, png]`: the diagram formats, each once.
    pub formats: Option<Vec<DiagramFormat>>,
    /// `site: true`.
    pub site: Option<bool>,
    pub span: Option<Span>,
}

/// The `review` section: rules not to report for this spec.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Review {
    /// Allowed rule codes, each with the span where it is written.
    pub allow: Vec<(String, Span)>,
    pub span: Option<Span>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scaling {
    pub traffic: Option<Traffic>,
    pub bottlenecks: Vec<Bottleneck>,
    pub optimizations: Vec<Optimization>,
    pub span: Option<Span>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Traffic {
    pub daily_active_users: Option<Quantity>,
    pub requests_per_user: Option<Quantity>,
    pub peak_factor: Option<f64>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bottleneck {
    pub named: Named,
    pub component: Option<ComponentId>,
    pub mitigation: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Optimization {
    pub named: Named,
    pub target: Option<ComponentId>,
    pub gain: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Monitoring {
    pub metrics: Vec<Metric>,
    pub alerts: Vec<Alert>,
    pub drifts: Vec<Drift>,
    pub span: Option<Span>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Metric {
    pub named: Named,
    pub kind: Option<MetricType>,
    pub unit: Option<String>,
    pub source: Option<ComponentId>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Alert {
    pub named: Named,
    pub expr: Option<String>,
    pub for_: Option<Quantity>,
    pub severity: Option<Severity>,
    pub summary: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Drift {
    pub named: Named,
    /// The entity and the index of its field.
    pub feature: Option<(EntityId, usize)>,
    pub method: Option<DriftMethod>,
    pub threshold: Option<f64>,
    pub window: Option<Quantity>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Operations {
    pub experiments: Vec<Experiment>,
    pub rollout: Option<Rollout>,
    pub rollback: Option<String>,
    pub disaster_recovery: Option<DisasterRecovery>,
    pub span: Option<Span>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Experiment {
    pub named: Named,
    /// Percent of traffic in the treatment arm.
    pub split: Option<f64>,
    pub metric: Option<String>,
    /// Relative effect, in percent.
    pub min_detectable_effect: Option<f64>,
    pub duration: Option<Quantity>,
    /// Percent: the control arm's rate of `metric`.
    pub baseline: Option<f64>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rollout {
    pub strategy: Option<RolloutStrategy>,
    /// Percent of traffic at each step.
    pub steps: Vec<f64>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DisasterRecovery {
    pub rpo: Option<Quantity>,
    pub rto: Option<Quantity>,
    pub backups: Option<String>,
    /// How often every store is backed up (stores may override it).
    pub backup_every: Option<Quantity>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Alternatives {
    pub tradeoffs: Vec<Tradeoff>,
    pub technologies: Vec<Technology>,
    pub future: Vec<String>,
    pub span: Option<Span>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tradeoff {
    pub named: Named,
    pub chosen: Option<String>,
    pub rejected: Vec<String>,
    pub rationale: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Technology {
    pub named: Named,
    pub chosen: Option<String>,
    pub considered: Vec<String>,
    pub rationale: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Diagrams {
    pub theme: Option<Theme>,
    pub views: IndexMap<View, ViewSettings>,
    /// `view NAME { include: [...] }` blocks, in declaration order.
    pub focus: Vec<FocusView>,
}

/// A focus view: only the components and groups it includes (less those it excludes).
#[derive(Debug, Clone, PartialEq)]
pub struct FocusView {
    pub named: Named,
    /// Components and groups (`Endpoint::Component` / `Endpoint::Group`).
    pub include: Vec<Endpoint>,
    pub exclude: Vec<Endpoint>,
    pub direction: Option<Direction>,
    /// `first: [...]` / `last: [...]`: components (or groups) pinned to the first or last
    /// layer of the drawing.
    pub first: Vec<Endpoint>,
    pub last: Vec<Endpoint>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ViewSettings {
    pub direction: Option<Direction>,
    pub title: Option<String>,
    /// `detail: auto | always | never` (architecture only).
    pub detail: Option<Detail>,
    /// `first: [...]` / `last: [...]`: components (or groups) pinned to the first or last
    /// layer of the drawing.
    pub first: Vec<Endpoint>,
    pub last: Vec<Endpoint>,
}

impl Model {
    pub fn component(&self, id: ComponentId) -> &Component {
        &self.components[id.0]
    }

    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id.0]
    }

    pub fn model(&self, id: ModelId) -> &MlModel {
        &self.models[id.0]
    }

    pub fn group(&self, id: GroupId) -> &Group {
        &self.groups[id.0]
    }

    pub fn pipeline(&self, id: PipelineId) -> &Pipeline {
        &self.pipelines[id.0]
    }

    pub fn stage(&self, id: StageId) -> &Stage {
        &self.pipelines[id.pipeline.0].stages[id.index]
    }

    /// Every component, group and pipeline by its name (a component wins a shared name).
    pub fn endpoints_by_name(&self) -> std::collections::HashMap<&str, Endpoint> {
        let pipelines = (self.pipelines.iter().enumerate())
            .map(|(i, p)| (p.named.name.as_str(), Endpoint::Pipeline(PipelineId(i))));
        let groups = (self.groups.iter().enumerate())
            .map(|(i, g)| (g.named.name.as_str(), Endpoint::Group(GroupId(i))));
        let components = (self.components.iter().enumerate())
            .map(|(i, c)| (c.named.name.as_str(), Endpoint::Component(ComponentId(i))));
        pipelines.chain(groups).chain(components).collect()
    }

    /// The name of an endpoint as written in the spec (`training.train` for a stage).
    pub fn endpoint_name(&self, e: Endpoint) -> String {
        match e {
            Endpoint::Component(c) => self.component(c).named.name.clone(),
            Endpoint::Group(g) => self.group(g).named.name.clone(),
            Endpoint::Pipeline(p) => self.pipeline(p).named.name.clone(),
            Endpoint::Stage(s) => format!(
                "{}.{}",
                self.pipeline(s.pipeline).named.name,
                self.stage(s).named.name
            ),
        }
    }

    /// The label of an endpoint.
    pub fn endpoint_label(&self, e: Endpoint) -> &str {
        match e {
            Endpoint::Component(c) => &self.component(c).named.label,
            Endpoint::Group(g) => &self.group(g).named.label,
            Endpoint::Pipeline(p) => &self.pipeline(p).named.label,
            Endpoint::Stage(s) => &self.stage(s).named.label,
        }
    }

    /// Every container of the deployment, depth first, with its depth.
    pub fn containers(&self) -> Vec<(&Container, usize)> {
        fn walk<'a>(c: &'a Container, depth: usize, out: &mut Vec<(&'a Container, usize)>) {
            out.push((c, depth));
            for child in &c.children {
                walk(child, depth + 1, out);
            }
        }
        let mut out = Vec::new();
        if let Some(d) = &self.deployment {
            for c in &d.containers {
                walk(c, 0, &mut out);
            }
        }
        out
    }

    /// A field type as written in a spec: `list<string>`, `vector<256>`, `User?`.
    pub fn type_text(&self, ty: &FieldType) -> String {
        match ty {
            FieldType::String => "string".into(),
            FieldType::Int => "int".into(),
            FieldType::Float => "float".into(),
            FieldType::Bool => "bool".into(),
            FieldType::Timestamp => "timestamp".into(),
            FieldType::Date => "date".into(),
            FieldType::Bytes => "bytes".into(),
            FieldType::Uuid => "uuid".into(),
            FieldType::Json => "json".into(),
            FieldType::List(t) => format!("list<{}>", self.type_text(t)),
            FieldType::Map(k, v) => format!("map<{}, {}>", self.type_text(k), self.type_text(v)),
            FieldType::Vector(n) => format!("vector<{n}>"),
            FieldType::Enum(v) => format!("enum<{}>", v.join(", ")),
            FieldType::Entity(e) => self
                .entities
                .get(e.0)
                .map_or_else(|| "?".into(), |e| e.named.name.clone()),
            FieldType::Optional(t) => format!("{}?", self.type_text(t)),
        }
    }

    /// Every `run` of the deployment, wherever it stands.
    pub fn runs(&self) -> Vec<&Run> {
        let mut out: Vec<&Run> = Vec::new();
        if let Some(d) = &self.deployment {
            out.extend(d.runs.iter());
        }
        for (c, _) in self.containers() {
            out.extend(c.runs.iter());
        }
        out
    }
}

/// The default label of a name: `_` as spaces, first letter capitalised, known acronyms
/// upper-cased (`feed_api` -> "Feed API").
pub fn default_label(name: &str) -> String {
    const ACRONYMS: &[&str] = &[
        "api", "ml", "ai", "id", "db", "ui", "url", "http", "gpu", "cpu", "etl", "llm", "ann",
        "ctr", "pii",
    ];
    let words: Vec<String> = name
        .split('_')
        .filter(|w| !w.is_empty())
        .enumerate()
        .map(|(i, w)| {
            if ACRONYMS.contains(&w.to_lowercase().as_str()) {
                w.to_uppercase()
            } else if i == 0 {
                let mut c = w.chars();
                c.next().map_or(String::new(), |f| {
                    f.to_uppercase().collect::<String>() + c.as_str()
                })
            } else {
                w.to_string()
            }
        })
        .collect();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::default_label;

    #[test]
    fn labels() {
        assert_eq!(default_label("feed_api"), "Feed API");
        assert_eq!(default_label("ranker_server"), "Ranker server");
        assert_eq!(default_label("gpu_pool"), "GPU pool");
    }
}
