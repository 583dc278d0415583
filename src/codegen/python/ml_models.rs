//! Models -> `ml_models.py`: one class per model, shaped by its framework (`nn.Module` with
//! `forward` for pytorch, `fit`/`predict` for tree and sklearn models, `from_pretrained` and
//! `generate` for huggingface...), typed with the model's input and output entities.

use super::imports::{Group, Imports};
use super::{Ctx, PyWriter, assemble, py_str};
use crate::codegen::names::{Scope, pascal_case, python_ident, snake_case};
use crate::model::{Framework, MlModel, ModelTask};

pub fn render(ctx: &Ctx) -> String {
    let mut imports = Imports::default();
    imports.from(Group::Future, "__future__", "annotations");
    let mut w = PyWriter::default();
    let mut scope = Scope::with_reserved(
        &ctx.names
            .entities
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    for n in super::RESERVED {
        scope.claim(n);
    }
    for e in &ctx.names.enums {
        scope.claim(&e.name);
    }
    for (i, m) in ctx.model.models.iter().enumerate() {
        if i > 0 {
            w.blank();
            w.blank();
        }
        let class = scope.claim(&pascal_case(&m.named.name));
        model_class(ctx, &mut w, m, &class, &mut imports);
    }
    if ctx.model.models.is_empty() {
        w.line("# The spec declares no model.");
    }
    let doc = format!(
        "ML models of {}: one class per model, shaped by its framework.\n\n\
         Each class documents the model's task, architecture, metrics and baseline.",
        ctx.system()
    );
    assemble(&ctx.header, &doc, &imports, w)
}

fn model_class(ctx: &Ctx, w: &mut PyWriter, m: &MlModel, class: &str, imports: &mut Imports) {
    let framework = m.framework.unwrap_or(Framework::Other);
    // Without torch's stubs `nn.Module` is `Any`, which mypy --strict refuses as a base.
    let (base, comment) = if framework == Framework::Pytorch {
        imports.from(Group::ThirdParty, "torch", "nn");
        ("(nn.Module)", "type: ignore[misc,unused-ignore]")
    } else {
        ("", "")
    };
    let name = &m.named.name;
    // Inputs as parameters: one per input entity, named after it.
    let mut params = Scope::with_reserved(&["self", "cls"]);
    let inputs: Vec<(String, String)> = m
        .inputs
        .iter()
        .map(|e| {
            let ty = ctx.entity_ref(*e, imports);
            (
                params.claim(&python_ident(&snake_case(&ctx.model.entity(*e).named.name))),
                ty,
            )
        })
        .collect();
    let mut sig = vec!["self".to_string()];
    sig.extend(inputs.iter().map(|(p, t)| format!("{p}: {t}")));
    let output = match m.output {
        Some(o) => ctx.entity_ref(o, imports),
        None => {
            imports.from(Group::Std, "typing", "Any");
            "Any".to_string()
        }
    };
    let body = |w: &mut PyWriter| {
        w.docstring(&model_doc(ctx, m));
        w.blank();
        match framework {
            Framework::Pytorch => {
                imports.plain(Group::ThirdParty, "torch");
                w.block("def __init__(self) -> None", |w| {
                    w.line("super().__init__()");
                    raise(w, &format!("define the layers of `{name}`{}", arch(m)));
                });
                w.blank();
                let mut tensors = vec!["self".to_string()];
                tensors.extend(inputs.iter().map(|(p, _)| format!("{p}: torch.Tensor")));
                w.def("forward", &tensors, "torch.Tensor", |w| {
                    w.docstring("Runs the network on a batch of encoded inputs.");
                    raise(w, &format!("write the forward pass of `{name}`"));
                });
            }
            Framework::Huggingface => {
                w.line("@classmethod");
                let params = ["cls".to_string(), "name_or_path: str".to_string()];
                w.def("from_pretrained", &params, class, |w| {
                    w.docstring(
                        "Loads the tokenizer and weights from a hub name or a local folder.",
                    );
                    raise(w, &format!("load the pretrained `{name}`"));
                });
            }
            Framework::Onnx => {
                w.line("@classmethod");
                w.block(format!("def load(cls, path: str) -> {class}"), |w| {
                    w.docstring("Opens an ONNX Runtime session on the exported graph at `path`.");
                    raise(w, &format!("open an ONNX Runtime session for `{name}`"));
                });
            }
            Framework::Jax => {
                w.block("def init(self, seed: int) -> None", |w| {
                    w.docstring("Initialises the parameters from a PRNG seed.");
                    raise(
                        w,
                        &format!("initialise the parameters of `{name}`{}", arch(m)),
                    );
                });
            }
            Framework::Sklearn
            | Framework::Xgboost
            | Framework::Lightgbm
            | Framework::Tensorflow
            | Framework::Other => {
                w.block("def __init__(self) -> None", |w| {
                    w.docstring(&format!("Creates {}.", estimator(m)));
                    raise(w, &format!("create the estimator of `{name}`{}", arch(m)));
                });
            }
        }
        if trains(framework) {
            w.blank();
            let examples = match inputs.as_slice() {
                [] => {
                    imports.from(Group::Std, "typing", "Any");
                    "list[Any]".to_string()
                }
                [(_, t)] => format!("list[{t}]"),
                many => format!(
                    "list[tuple[{}]]",
                    many.iter()
                        .map(|(_, t)| t.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            let labels = match (m.labels, unsupervised(m)) {
                (Some(l), _) => Some(format!("labels: list[{}]", ctx.entity_ref(l, imports))),
                (None, true) => None,
                (None, false) => Some(format!("labels: list[{output}]")),
            };
            let mut params = vec!["self".to_string(), format!("examples: {examples}")];
            params.extend(labels);
            w.def("fit", &params, "None", |w| {
                w.docstring("Trains on examples (and their labels).");
                raise(w, &format!("train `{name}`"));
            });
        }
        w.blank();
        let (verb, what) =
            if framework == Framework::Huggingface && m.task == Some(ModelTask::Generation) {
                ("generate", "Generates the output for one input")
            } else {
                ("predict", "Predicts the output for one input")
            };
        w.def(verb, &sig, &output, |w| {
            w.docstring(&format!("{what}."));
            raise(w, &format!("write `{name}.{verb}`"));
        });
    };
    if comment.is_empty() {
        w.block(format!("class {class}"), body);
    } else {
        w.block_commented(format!("class {class}{base}"), comment, body);
    }
}

fn raise(w: &mut PyWriter, what: &str) {
    w.call("raise NotImplementedError", &[py_str(what)]);
}

fn arch(m: &MlModel) -> String {
    m.architecture
        .as_deref()
        .map_or(String::new(), |a| format!(": {a}"))
}

fn trains(f: Framework) -> bool {
    matches!(
        f,
        Framework::Sklearn | Framework::Xgboost | Framework::Lightgbm | Framework::Tensorflow
    )
}

fn unsupervised(m: &MlModel) -> bool {
    matches!(
        m.task,
        Some(ModelTask::Clustering | ModelTask::AnomalyDetection)
    )
}

/// What the constructor creates, in the framework's words.
fn estimator(m: &MlModel) -> String {
    use ModelTask::*;
    let task = m.task.unwrap_or(Other);
    let name = match (m.framework.unwrap_or(Framework::Other), task) {
        (Framework::Xgboost, Classification | AnomalyDetection) => "an `xgboost.XGBClassifier`",
        (Framework::Xgboost, Ranking | Retrieval) => "an `xgboost.XGBRanker`",
        (Framework::Xgboost, _) => "an `xgboost.XGBRegressor`",
        (Framework::Lightgbm, Classification | AnomalyDetection) => "a `lightgbm.LGBMClassifier`",
        (Framework::Lightgbm, Ranking | Retrieval) => "a `lightgbm.LGBMRanker`",
        (Framework::Lightgbm, _) => "a `lightgbm.LGBMRegressor`",
        (Framework::Sklearn, Clustering) => "a scikit-learn clusterer such as `KMeans`",
        (Framework::Sklearn, AnomalyDetection) => "a scikit-learn `IsolationForest`",
        (Framework::Sklearn, Regression | Forecasting) => "a scikit-learn regressor",
        (Framework::Sklearn, _) => "a scikit-learn estimator",
        (Framework::Tensorflow, _) => "the `tf.keras.Model`",
        _ => "the model",
    };
    name.to_string()
}

fn model_doc(ctx: &Ctx, m: &MlModel) -> String {
    let entity = |e: crate::model::EntityId| ctx.model.entity(e).named.name.clone();
    let mut doc = if m.named.explicit_label {
        format!("{}.", m.named.label.trim_end_matches('.'))
    } else {
        format!("The `{}` model.", m.named.name)
    };
    let mut facts = Vec::new();
    let task = m.task.map_or("unspecified".to_string(), |t| t.to_string());
    let fw = m
        .framework
        .map_or("unspecified".to_string(), |f| f.to_string());
    facts.push(format!("Task: {task}. Framework: {fw}."));
    if let Some(d) = &m.description {
        facts.push(d.trim().to_string());
    }
    if let Some(a) = &m.architecture {
        facts.push(format!("Architecture: {a}."));
    }
    let inputs: Vec<String> = m.inputs.iter().map(|e| entity(*e)).collect();
    if !inputs.is_empty() || m.output.is_some() {
        facts.push(format!(
            "Inputs: {}. Output: {}.",
            if inputs.is_empty() {
                "none declared".into()
            } else {
                inputs.join(", ")
            },
            m.output.map_or("none declared".into(), entity)
        ));
    }
    if let Some(l) = m.labels {
        let delay = m
            .label_delay
            .as_ref()
            .map_or(String::new(), |d| format!(", known after {d}"));
        facts.push(format!("Labels: {}{delay}.", entity(l)));
    }
    if !m.offline_metrics.is_empty() {
        facts.push(format!(
            "Offline metrics: {}.",
            m.offline_metrics.join(", ")
        ));
    }
    if !m.online_metrics.is_empty() {
        facts.push(format!("Online metrics: {}.", m.online_metrics.join(", ")));
    }
    if let Some(b) = &m.baseline {
        facts.push(format!("Baseline: {b}."));
    }
    let mut size = Vec::new();
    if let Some(p) = m.parameters {
        size.push(format!(
            "Parameters: {}.",
            crate::model::quantity::human_count(p)
        ));
    }
    if let Some(v) = &m.version {
        size.push(format!("Version: {v}."));
    }
    if !size.is_empty() {
        facts.push(size.join(" "));
    }
    doc.push_str("\n\n");
    doc.push_str(&facts.join("\n"));
    doc
}
