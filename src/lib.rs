//! mlsd: a compiler for ML system designs.
//!
//! text --syntax::parse--> ast::Spec --model::resolve--> Model --view--> Graph --layout--> Layout
//! --scene--> Scene --render--> SVG/PNG; Model --codegen/docs--> generated files.
#![forbid(unsafe_code)]

pub mod codegen;
pub mod diagnostic;
pub mod span;
pub mod docs;
pub mod layout;
pub mod model;
pub mod render;
pub mod scene;
pub mod syntax;
pub mod view;
