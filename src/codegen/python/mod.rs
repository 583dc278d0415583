//! Model -> the Python stubs of `implementation/`: five modules and a `.proto` per gRPC api.

mod api_endpoints;
mod data_models;
mod imports;
mod literal;
mod ml_models;
mod openapi;
mod pipelines;
mod project;
mod protos;
mod servicers;
mod stage_flow;
mod test_files;
mod writer;

pub use writer::{PyWriter, py_str};

use imports::{Group, Imports};

use super::entity_graph::EntityGraph;
use super::type_names::TypeNames;
use crate::model::{FieldType, Model, PipelineKind};
use crate::output::{GeneratedFile, header_line};

/// Names the generated Python files import or define besides the spec's types.
const RESERVED: &[&str] = &[
    "Any",
    "Annotated",
    "APIRouter",
    "Enum",
    "FastAPI",
    "HTTPException",
    "NotImplementedError",
    "Path",
    "Query",
    "UUID",
    "date",
    "datetime",
    "dataclass",
    "field",
    "nn",
    "torch",
    "app",
    "run",
    "object",
    "Exception",
    "Self",
];

/// The sibling module the entities come from: a relative import, so that the package imports
/// the same from the design folder's root, from `implementation/` and once installed.
const DATA_MODELS: &str = ".data_models";

/// The pipeline modules: the kinds each holds, and whether pipelines without a kind go there.
const PIPELINE_FILES: [(&str, &[PipelineKind], bool); 2] = [
    (
        "training_pipeline",
        &[PipelineKind::Training, PipelineKind::Data],
        true,
    ),
    ("inference_pipeline", &[PipelineKind::Inference], false),
];

/// What every Python generator needs.
pub struct Ctx<'a> {
    pub model: &'a Model,
    pub names: TypeNames,
    pub graph: EntityGraph,
    pub header: String,
}

impl<'a> Ctx<'a> {
    pub fn new(model: &'a Model, spec_name: &str) -> Self {
        Ctx {
            model,
            names: TypeNames::new(model, RESERVED),
            graph: EntityGraph::new(model),
            header: header_line(spec_name),
        }
    }

    /// The system's name for docstrings.
    pub fn system(&self) -> &str {
        if self.model.system.name.is_empty() {
            "the system"
        } else {
            &self.model.system.name
        }
    }

    /// The annotation of `ty`; `enums` are the names of the enums in it (pre-order) and
    /// `local` tells whether entities are defined in this file or imported from data_models.
    pub fn annotation(
        &self,
        ty: &FieldType,
        enums: &mut std::slice::Iter<'_, &str>,
        imports: &mut Imports,
        local: bool,
    ) -> String {
        match ty {
            FieldType::String => "str".into(),
            FieldType::Int => "int".into(),
            FieldType::Float => "float".into(),
            FieldType::Bool => "bool".into(),
            FieldType::Timestamp => {
                imports.from(Group::Std, "datetime", "datetime");
                "datetime".into()
            }
            FieldType::Date => {
                imports.from(Group::Std, "datetime", "date");
                "date".into()
            }
            FieldType::Bytes => "bytes".into(),
            FieldType::Uuid => {
                imports.from(Group::Std, "uuid", "UUID");
                "UUID".into()
            }
            FieldType::Json => {
                imports.from(Group::Std, "typing", "Any");
                "Any".into()
            }
            FieldType::List(t) => format!("list[{}]", self.annotation(t, enums, imports, local)),
            FieldType::Map(k, v) => {
                let k = self.annotation(k, enums, imports, local);
                let v = self.annotation(v, enums, imports, local);
                format!("dict[{k}, {v}]")
            }
            FieldType::Vector(_) => "list[float]".into(),
            FieldType::Enum(_) => {
                let name = enums.next().copied().unwrap_or("str");
                // Entity enums live in data_models; endpoint enums beside their routes.
                let in_data_models = self.names.enums.iter().any(|d| {
                    d.name == name && matches!(d.owner, super::type_names::Owner::Entity { .. })
                });
                if !local && in_data_models {
                    imports.from(Group::Local, DATA_MODELS, name);
                }
                name.to_string()
            }
            FieldType::Entity(e) => {
                let name = self.names.entity(*e).to_string();
                if !local {
                    imports.from(Group::Local, DATA_MODELS, &name);
                }
                name
            }
            FieldType::Optional(t) => {
                format!("{} | None", self.annotation(t, enums, imports, local))
            }
        }
    }

    /// The entity's class name, imported from `data_models`.
    pub fn entity_ref(&self, id: crate::model::EntityId, imports: &mut Imports) -> String {
        let name = self.names.entity(id).to_string();
        imports.from(Group::Local, DATA_MODELS, &name);
        name
    }
}

/// `header`, the module docstring, the imports, then `body`.
pub fn assemble(header: &str, doc: &str, imports: &Imports, body: PyWriter) -> String {
    let mut w = PyWriter::new(header);
    w.docstring(doc);
    let lines = imports.lines();
    let lines_empty = lines.is_empty();
    if !lines.is_empty() {
        w.blank();
        for l in lines {
            w.line(l);
        }
    }
    let body = body.finish();
    let mut out = w.finish();
    if !body.trim().is_empty() {
        // isort: two blank lines before a class or def after the imports, else one.
        let def = ["class ", "def ", "@", "async def "]
            .iter()
            .any(|p| body.starts_with(p));
        out.push_str(if def || lines_empty { "\n\n" } else { "\n" });
        out.push_str(&body);
    }
    out
}

/// Every Python file, in a fixed order.
pub fn generate(model: &Model, spec_name: &str) -> Vec<GeneratedFile> {
    let ctx = Ctx::new(model, spec_name);
    let mut files = vec![
        GeneratedFile::text("implementation/data_models.py", data_models::render(&ctx)),
        GeneratedFile::text("implementation/ml_models.py", ml_models::render(&ctx)),
        GeneratedFile::text(
            "implementation/api_endpoints.py",
            api_endpoints::render(&ctx),
        ),
    ];
    for (module, kinds, default_here) in PIPELINE_FILES {
        files.push(GeneratedFile::text(
            format!("implementation/{module}.py"),
            pipelines::render(&ctx, module, kinds, default_here),
        ));
    }
    files.push(GeneratedFile::text(
        "implementation/openapi.yaml",
        openapi::render(&ctx),
    ));
    files.extend(protos::render(&ctx));
    files.extend(servicers::render(&ctx));
    files.extend(project::render(&ctx, spec_name));
    files.extend(test_files::render(&ctx));
    files
}
