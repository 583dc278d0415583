//! The closed vocabularies of the language: component kinds, flow modes, model tasks...

macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub const WORDS: &'static [&'static str] = &[$($word),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }

            pub fn parse(word: &str) -> Option<Self> {
                match word { $($word => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// What a component is; decides its shape in diagrams.
    ComponentKind {
        User = "user", Client = "client", Gateway = "gateway", LoadBalancer = "load_balancer",
        Service = "service", Worker = "worker", ModelServer = "model_server",
        ModelRegistry = "model_registry", FeatureStore = "feature_store", Database = "database",
        Warehouse = "warehouse", Cache = "cache", Queue = "queue", Stream = "stream",
        Storage = "storage", VectorDb = "vector_db", SearchIndex = "search_index",
        Scheduler = "scheduler", Monitor = "monitor", External = "external",
    }
}

impl ComponentKind {
    /// Stores hold data at rest or in motion (the data-flow view draws them).
    pub fn is_data_store(self) -> bool {
        use ComponentKind::*;
        matches!(
            self,
            Database
                | Warehouse
                | FeatureStore
                | Cache
                | Queue
                | Stream
                | Storage
                | VectorDb
                | SearchIndex
        )
    }

    /// Kinds that may declare `model:`.
    pub fn serves_models(self) -> bool {
        matches!(
            self,
            ComponentKind::ModelServer | ComponentKind::Service | ComponentKind::Worker
        )
    }

    /// Words for captions: `model server`, `vector db`.
    pub fn caption(self) -> String {
        self.as_str().replace('_', " ")
    }
}

vocabulary! {
    /// How a flow moves data.
    FlowMode { Sync = "sync", Async = "async", Stream = "stream", Streaming = "streaming", Batch = "batch" }
}

impl FlowMode {
    /// `streaming` is a synonym of `stream`.
    pub fn normalized(self) -> FlowMode {
        if self == FlowMode::Streaming {
            FlowMode::Stream
        } else {
            self
        }
    }
}

vocabulary! {
    ModelTask {
        Classification = "classification", Regression = "regression", Ranking = "ranking",
        Retrieval = "retrieval", Generation = "generation", Embedding = "embedding",
        Forecasting = "forecasting", AnomalyDetection = "anomaly_detection",
        Clustering = "clustering", Other = "other",
    }
}

vocabulary! {
    Framework {
        Pytorch = "pytorch", Tensorflow = "tensorflow", Jax = "jax", Sklearn = "sklearn",
        Xgboost = "xgboost", Lightgbm = "lightgbm", Huggingface = "huggingface", Onnx = "onnx",
        Other = "other",
    }
}

vocabulary! {
    PipelineKind { Training = "training", Inference = "inference", Data = "data" }
}

vocabulary! {
    PipelineMode { Batch = "batch", Streaming = "streaming", Online = "online" }
}

vocabulary! {
    ApiProtocol { Rest = "rest", Grpc = "grpc" }
}

vocabulary! {
    Method { Get = "get", Post = "post", Put = "put", Patch = "patch", Delete = "delete", Rpc = "rpc" }
}

vocabulary! {
    /// Deployment containers, outermost first.
    Level { Region = "region", Zone = "zone", Cluster = "cluster", NodePool = "node_pool" }
}

vocabulary! {
    MetricType { Counter = "counter", Gauge = "gauge", Histogram = "histogram" }
}

vocabulary! {
    Severity { Page = "page", Ticket = "ticket", Info = "info" }
}

vocabulary! {
    DriftMethod { Psi = "psi", Kl = "kl", Ks = "ks" }
}

vocabulary! {
    RolloutStrategy { Canary = "canary", BlueGreen = "blue_green", Shadow = "shadow" }
}

vocabulary! {
    Theme { Light = "light", Dark = "dark" }
}

vocabulary! {
    Direction { Right = "right", Down = "down", Left = "left", Up = "up" }
}

vocabulary! {
    /// Whether a large view is drawn as an overview plus one detail diagram per top-level group.
    Detail { Auto = "auto", Always = "always", Never = "never" }
}

vocabulary! {
    View { Architecture = "architecture", MlPipeline = "ml_pipeline", DataFlow = "data_flow", Deployment = "deployment" }
}

vocabulary! {
    /// A word of `output { stubs }` and `--stubs`: which implementation stubs a build writes.
    /// The Python stubs belong to every design folder (`rust` adds the crate to them); `none`
    /// writes no stubs.
    StubWord { Python = "python", Rust = "rust", NoStubs = "none" }
}

vocabulary! {
    /// A word of `output { formats }` and `--format`: the file formats of the diagrams.
    DiagramFormat { Svg = "svg", Png = "png" }
}
