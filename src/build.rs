//! Model -> every file of the design folder, in memory: diagrams, stubs and documents.

use crate::codegen::{self, StubOptions};
use crate::docs;
use crate::layout::LayoutOptions;
use crate::model::{Model, Theme as ThemeName, View};
use crate::output::GeneratedFile;
use crate::render::{self, DiagramOptions};
use crate::scene::Theme;
use crate::view;

/// What `mlsd build` produces.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub stubs: StubOptions,
    pub svg: bool,
    pub png: bool,
    /// Overrides the spec's `diagrams { theme }`.
    pub theme: Option<ThemeName>,
    pub layout: LayoutOptions,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            stubs: StubOptions::default(),
            svg: true,
            png: true,
            theme: None,
            layout: LayoutOptions::default(),
        }
    }
}

/// The file stem of each view's diagram.
pub fn diagram_stem(view: View) -> &'static str {
    view.as_str()
}

/// A diagram that could not be drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct BuildError {
    pub view: View,
    pub message: String,
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot draw the {} diagram: {}", self.view, self.message)
    }
}

/// One spec compiled in memory: its analysis and, when it has no errors, its files.
#[derive(Debug)]
pub struct SpecBuild {
    pub analysis: crate::Analysis,
    /// `None` when the spec has errors (nothing may be written then).
    pub files: Option<Result<Vec<GeneratedFile>, BuildError>>,
}

/// Checks a spec and, when it has no errors, renders its whole design folder.
pub fn build_source(bytes: &[u8], spec_name: &str, options: &BuildOptions) -> SpecBuild {
    let analysis = crate::analyze(bytes);
    let files = (!analysis.has_errors()).then(|| render_all(&analysis.model, spec_name, options));
    SpecBuild { analysis, files }
}

/// Every generated file, sorted by path.
pub fn render_all(
    model: &Model,
    spec_name: &str,
    options: &BuildOptions,
) -> Result<Vec<GeneratedFile>, BuildError> {
    let mut files = diagrams(model, options)?;
    files.extend(stubs_and_documents(model, spec_name, options));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Every file but the diagrams: the implementation stubs and the documents (which link the
/// diagram formats the build draws).
pub fn stubs_and_documents(
    model: &Model,
    spec_name: &str,
    options: &BuildOptions,
) -> Vec<GeneratedFile> {
    let mut files = codegen::generate(model, spec_name, &options.stubs);
    let formats = docs::DocsOptions {
        svg: options.svg,
        png: options.png,
    };
    files.extend(docs::build_with(model, spec_name, &formats));
    files
}

/// The four diagrams, rendered in parallel.
pub fn diagrams(model: &Model, options: &BuildOptions) -> Result<Vec<GeneratedFile>, BuildError> {
    if !options.svg && !options.png {
        return Ok(Vec::new());
    }
    let theme = match options.theme.or(model.diagrams.theme) {
        Some(ThemeName::Dark) => Theme::dark(),
        _ => Theme::light(),
    };
    let opts = DiagramOptions {
        layout: options.layout.clone(),
        theme,
        png: options.png,
    };
    let results: Vec<(View, Result<render::RenderedDiagram, String>)> = std::thread::scope(|s| {
        let handles: Vec<_> = View::ALL
            .iter()
            .map(|v| {
                let opts = &opts;
                (
                    *v,
                    // A deep stack: drawing recurses once per level of group nesting.
                    std::thread::Builder::new()
                        .stack_size(crate::layout::DEEP_STACK)
                        .spawn_scoped(s, move || {
                            render::diagram(&view::build(model, *v), opts)
                                .map_err(|e| e.to_string())
                        }),
                )
            })
            .collect();
        handles
            .into_iter()
            .map(|(v, h)| {
                (
                    v,
                    h.map_err(|e| e.to_string()).and_then(|h| {
                        h.join().unwrap_or_else(|_| {
                            Err("the renderer stopped unexpectedly".to_string())
                        })
                    }),
                )
            })
            .collect()
    });
    let mut files = Vec::new();
    for (v, r) in results {
        let d = r.map_err(|message| BuildError { view: v, message })?;
        let stem = diagram_stem(v);
        if options.svg {
            files.push(GeneratedFile::text(format!("diagrams/{stem}.svg"), d.svg));
        }
        if let Some(png) = d.png {
            files.push(GeneratedFile {
                path: format!("diagrams/{stem}.png"),
                contents: png,
            });
        }
    }
    Ok(files)
}
