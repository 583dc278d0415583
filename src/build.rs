//! Model -> every file of the design folder, in memory: diagrams, stubs and documents.

use crate::codegen::{self, StubOptions};
use crate::docs;
use crate::layout::{LayoutError, LayoutOptions};
use crate::model::kinds::DiagramFormat;
use crate::model::{Model, OutputOptions, Theme as ThemeName, View};
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
    /// Also write the browsable design site, `site/` (`output { site: true }` or `--site`).
    pub site: bool,
    /// PNGs of the last build into the same folder, reused where a diagram's SVG is unchanged
    /// (`PngReuse::load`); empty: every PNG is rasterised.
    pub previous_pngs: render::PngReuse,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            stubs: StubOptions::default(),
            svg: true,
            png: true,
            theme: None,
            layout: LayoutOptions::default(),
            site: false,
            previous_pngs: render::PngReuse::default(),
        }
    }
}

impl BuildOptions {
    /// The options a spec's `output` section asks for: what it does not set keeps the default.
    pub fn from_spec(output: &OutputOptions) -> BuildOptions {
        let mut o = BuildOptions::default();
        if let Some(words) = &output.stubs {
            o.stubs = StubOptions::from_words(words);
        }
        if let Some(formats) = &output.formats {
            o.svg = formats.contains(&DiagramFormat::Svg);
            o.png = formats.contains(&DiagramFormat::Png);
        }
        if let Some(site) = output.site {
            o.site = site;
        }
        o
    }
}

/// What the command line says for one run. Each `None` is a flag that was not given: it
/// leaves the spec's `output` choice (or the default) in force; a given flag wins over both.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--stubs`.
    pub stubs: Option<StubOptions>,
    /// `--format`: the diagram formats.
    pub formats: Option<Vec<DiagramFormat>>,
    /// `--site`.
    pub site: Option<bool>,
    /// `--theme` (over the spec's `diagrams { theme }`).
    pub theme: Option<ThemeName>,
    /// `--layout` (no spec key).
    pub layout: LayoutOptions,
}

impl Overrides {
    /// The options of one build of `model`: the spec's `output` section first, the flags on top.
    pub fn options_for(&self, model: &Model) -> BuildOptions {
        let mut o = BuildOptions::from_spec(&model.output);
        if let Some(stubs) = self.stubs {
            o.stubs = stubs;
        }
        if let Some(formats) = &self.formats {
            o.svg = formats.contains(&DiagramFormat::Svg);
            o.png = formats.contains(&DiagramFormat::Png);
        }
        if let Some(site) = self.site {
            o.site = site;
        }
        o.theme = self.theme;
        o.layout = self.layout.clone();
        o
    }
}

/// The outputs of the design folder that other options make and `o` leaves out. A build keeps
/// what an earlier build wrote there (unless `--prune`) instead of removing it as stale:
/// leaving a flag out must never delete a tree.
pub fn left_out(o: &BuildOptions) -> [Option<crate::output::LeftOutTree>; 5] {
    let tree = |on: bool, prefix, suffix, option| {
        (!on).then_some(crate::output::LeftOutTree {
            prefix,
            suffix,
            option,
        })
    };
    [
        tree(o.stubs.rust, "implementation/rust/", "", "--stubs rust"),
        tree(o.stubs.python, "implementation/", "", "--stubs python"),
        tree(o.svg, "diagrams/", ".svg", "--format svg"),
        tree(o.png, "diagrams/", ".png", "--format png"),
        tree(o.site, "site/", "", "--site"),
    ]
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

/// One spec compiled with the options its `output` section and the flags give.
#[derive(Debug)]
pub struct MergedBuild {
    pub build: SpecBuild,
    /// The options it was built with (`Overrides::options_for`).
    pub options: BuildOptions,
}

/// Checks a spec and, when it has no errors, renders its whole design folder with the
/// options of its `output` section, `overrides` on top; `previous_pngs` are the PNGs of the
/// last build into the same folder (`PngReuse::load`).
pub fn build_spec(
    bytes: &[u8],
    spec_name: &str,
    overrides: &Overrides,
    previous_pngs: render::PngReuse,
) -> MergedBuild {
    let analysis = crate::analyze(bytes);
    let mut options = overrides.options_for(&analysis.model);
    options.previous_pngs = previous_pngs;
    let files = (!analysis.has_errors()).then(|| render_all(&analysis.model, spec_name, &options));
    MergedBuild {
        build: SpecBuild { analysis, files },
        options,
    }
}

/// Checks a spec and, when it has no errors, renders its whole design folder with exactly
/// `options` (the spec's `output` section is not read: see [`build_spec`]).
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
    // The analysis once, beside the building of the views (which do not need it); then the
    // diagrams, and the stubs and documents on a thread beside them (the documents take about
    // as long as the diagrams of a small design).
    let (jobs, review) = std::thread::scope(|s| {
        let jobs = on_deep_stack(s, || views_to_draw(model, options));
        let review = crate::analysis::run(model);
        let jobs = jobs
            .and_then(|h| h.join().ok())
            .unwrap_or_else(|| views_to_draw(model, options));
        (jobs, review)
    });
    let (drawn, mut written) = std::thread::scope(|s| {
        let documents = on_deep_stack(s, || {
            stubs_and_documents_from(model, spec_name, options, &review)
        });
        let drawn = diagrams_from(model, options, &review.facts, jobs);
        let written = documents
            .and_then(|h| h.join().ok())
            .unwrap_or_else(|| stubs_and_documents_from(model, spec_name, options, &review));
        (drawn, written)
    });
    let mut files = drawn?;
    files.append(&mut written);
    with_site(model, &mut files, options)?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Adds the design site (`site/`) made from `files` when `options.site`. The site shows the
/// SVG diagrams: without `svg` among the formats they are drawn for it (and not written).
pub fn with_site(
    model: &Model,
    files: &mut Vec<GeneratedFile>,
    options: &BuildOptions,
) -> Result<(), BuildError> {
    if !options.site {
        return Ok(());
    }
    let site = if options.svg {
        crate::site::build(files)
    } else {
        let svg_only = BuildOptions {
            svg: true,
            png: false,
            ..options.clone()
        };
        let mut with_svgs = diagrams(model, &svg_only)?;
        with_svgs.extend(files.iter().cloned());
        crate::site::build(&with_svgs)
    };
    files.extend(site);
    Ok(())
}

/// Every file but the diagrams: the implementation stubs and the documents (which link the
/// diagram formats the build draws).
pub fn stubs_and_documents(
    model: &Model,
    spec_name: &str,
    options: &BuildOptions,
) -> Vec<GeneratedFile> {
    stubs_and_documents_from(model, spec_name, options, &crate::analysis::run(model))
}

/// [`stubs_and_documents`] from the model's analysis (`analysis::run`).
fn stubs_and_documents_from(
    model: &Model,
    spec_name: &str,
    options: &BuildOptions,
    review: &crate::analysis::Analysis,
) -> Vec<GeneratedFile> {
    let mut files = codegen::generate(model, spec_name, &options.stubs);
    let formats = docs::DocsOptions {
        svg: options.svg,
        png: options.png,
    };
    files.extend(docs::build_from(model, spec_name, &formats, review));
    files
}

/// Every diagram (`view::all`), rendered in parallel.
pub fn diagrams(model: &Model, options: &BuildOptions) -> Result<Vec<GeneratedFile>, BuildError> {
    let jobs = diagram_jobs(model, options);
    diagrams_from(model, options, &crate::analysis::facts(model), jobs)
}

/// The diagrams to draw (`view::all`), none when the build writes no diagram format, built on
/// a deep stack ([`on_deep_stack`]).
fn diagram_jobs(model: &Model, options: &BuildOptions) -> Vec<view::Diagram> {
    std::thread::scope(|s| {
        on_deep_stack(s, || views_to_draw(model, options)).and_then(|h| h.join().ok())
    })
    .unwrap_or_else(|| views_to_draw(model, options))
}

/// [`diagram_jobs`] on this thread.
fn views_to_draw(model: &Model, options: &BuildOptions) -> Vec<view::Diagram> {
    if !options.svg && !options.png {
        return Vec::new();
    }
    view::all(model)
}

/// Starts `work` on a thread of `scope` with a deep stack: building a view, laying out and
/// drawing a diagram, and writing the documents recurse once per level of group nesting.
/// `None` when the thread cannot start (the caller does the work itself).
fn on_deep_stack<'s, R: Send + 's>(
    scope: &'s std::thread::Scope<'s, '_>,
    work: impl FnOnce() -> R + Send + 's,
) -> Option<std::thread::ScopedJoinHandle<'s, R>> {
    std::thread::Builder::new()
        .stack_size(crate::layout::DEEP_STACK)
        .spawn_scoped(scope, work)
        .ok()
}

/// [`diagrams`] with the model's analysis facts (`analysis::facts`), which the tooltips and
/// request views phrase, and its views ([`diagram_jobs`]).
fn diagrams_from(
    model: &Model,
    options: &BuildOptions,
    facts: &crate::analysis::Facts,
    mut jobs: Vec<view::Diagram>,
) -> Result<Vec<GeneratedFile>, BuildError> {
    if !options.svg && !options.png {
        return Ok(Vec::new());
    }
    let theme = match options.theme.or(model.diagrams.theme) {
        Some(ThemeName::Dark) => Theme::dark(),
        _ => Theme::light(),
    };
    let mut opts = DiagramOptions {
        layout: options.layout.clone(),
        theme,
        png: options.png,
        png_pixels: None,
    };
    opts.png_pixels = render::pixels_per_png(jobs.len());
    view::annotate::annotate(model, facts, &mut jobs);
    // The request views are drawn beside the other diagrams, not after them.
    let (results, requests) = std::thread::scope(|s| {
        let requests = s.spawn(|| request_views(model, facts, options, &opts.theme));
        let results = render_in_parallel(&jobs, &opts, &options.previous_pngs);
        let requests = requests
            .join()
            .unwrap_or_else(|_| request_views(model, facts, options, &opts.theme));
        (results, requests)
    });
    let mut files = Vec::new();
    for (d, r) in jobs.iter().zip(results) {
        let rendered = r.map_err(|message| BuildError {
            view: d.view,
            message,
        })?;
        if options.svg {
            files.push(GeneratedFile::text(
                format!("diagrams/{}.svg", d.stem),
                rendered.svg,
            ));
        }
        if let Some(png) = rendered.png {
            files.push(GeneratedFile {
                path: format!("diagrams/{}.png", d.stem),
                contents: png,
            });
        }
    }
    files.extend(requests?);
    Ok(files)
}

/// The request view of every api endpoint (`view::sequence`), drawn without a layout engine.
pub fn request_views(
    model: &Model,
    facts: &crate::analysis::Facts,
    options: &BuildOptions,
    theme: &Theme,
) -> Result<Vec<GeneratedFile>, BuildError> {
    let views = view::sequence::all(model, &facts.timing);
    // Each view's SVG, then its PNG, drawn on a few threads (rasterising dominates).
    let draw = |d: &view::sequence::SequenceDiagram| {
        let svg = render::svg(&crate::scene::sequence::build(d, theme));
        let png = options.png.then(|| match options.previous_pngs.get(&svg) {
            Some(png) => Ok(png.to_vec()),
            None => render::png(&svg),
        });
        (svg, png)
    };
    let next = std::sync::atomic::AtomicUsize::new(0);
    let drawn = std::sync::Mutex::new(vec![None; views.len()]);
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .clamp(1, views.len().max(1));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(d) = views.get(i) else { break };
                    let r = draw(d);
                    if let Ok(mut all) = drawn.lock() {
                        all[i] = Some(r);
                    }
                }
            });
        }
    });
    let mut drawn = drawn.into_inner().unwrap_or_default();
    let mut files = Vec::new();
    for (i, d) in views.iter().enumerate() {
        // A slot left empty (a worker that stopped) is drawn here.
        let (svg, png) = drawn
            .get_mut(i)
            .and_then(Option::take)
            .unwrap_or_else(|| draw(d));
        if let Some(png) = png {
            let png = png.map_err(|e| BuildError {
                view: View::Architecture,
                message: format!("{e} (in `diagrams/{}`)", d.stem),
            })?;
            files.push(GeneratedFile {
                path: format!("diagrams/{}.png", d.stem),
                contents: png,
            });
        }
        if options.svg {
            files.push(GeneratedFile::text(format!("diagrams/{}.svg", d.stem), svg));
        }
    }
    Ok(files)
}

/// How to make a diagram that is too big to lay out smaller: which view to split, and how.
fn split_help(d: &view::Diagram) -> String {
    let focus = "draw parts of it as focus views: \
        `diagrams { view NAME \"Title\" { include: [GROUP, ...] } }`";
    match d.view {
        View::Architecture if d.stem.starts_with("views/") => format!(
            "narrow the view `{}`: list fewer groups or components in its `include`, or add an `exclude`",
            d.stem.trim_start_matches("views/")
        ),
        View::Architecture if d.stem != d.view.as_str() => format!(
            "split the group `{}` into several top-level groups (nested groups are drawn in the same detail diagram), or {focus}",
            d.stem.trim_start_matches("architecture/")
        ),
        View::Architecture => format!(
            "put the components in top-level groups so the architecture is drawn as an overview and one detail diagram per group (`diagrams {{ architecture {{ detail: always }} }}`), or {focus}"
        ),
        View::DataFlow => focus.to_string(),
        View::Deployment => "place the components in a `deployment { region NAME { ... } }` with several regions or clusters, or put them in top-level groups".to_string(),
        View::MlPipeline => "split the pipelines into fewer stages, or move stages into separate pipelines".to_string(),
    }
}

/// Lays out and draws each diagram on a few threads (one per core, at most one per diagram),
/// taking the next diagram from a shared counter; results come back in `jobs` order.
fn render_in_parallel(
    jobs: &[view::Diagram],
    opts: &DiagramOptions,
    previous: &render::PngReuse,
) -> Vec<Result<render::RenderedDiagram, String>> {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<render::RenderedDiagram, String>>>> =
        Mutex::new(jobs.iter().map(|_| None).collect());
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2);
    let workers = cores
        .clamp(1, jobs.len().max(1))
        .max(View::ALL.len().min(jobs.len()));
    // With more diagrams than cores every core already has a diagram to draw: laying out a
    // second direction on the side would only take time from the others.
    let batch;
    let opts = if jobs.len() > cores && opts.layout.speculate {
        let mut o = opts.clone();
        o.layout.speculate = false;
        batch = o;
        &batch
    } else {
        opts
    };
    std::thread::scope(|s| {
        for _ in 0..workers {
            let spawned = on_deep_stack(s, || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = jobs.get(i) else { break };
                    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        draw(job, opts, previous).map_err(|e| failure(job, Some(&e)))
                    }))
                    .unwrap_or_else(|_| Err(failure(job, None)));
                    if let Ok(mut all) = results.lock() {
                        all[i] = Some(r);
                    }
                }
            });
            // A worker that cannot start leaves its jobs to the others; with none, every job
            // reports the renderer stopped.
            drop(spawned);
        }
    });
    results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err("the renderer stopped unexpectedly".to_string())))
        .collect()
}

/// One diagram: its SVG, and its PNG taken from the last build when that SVG is unchanged,
/// rasterised otherwise.
fn draw(
    job: &view::Diagram,
    opts: &DiagramOptions,
    previous: &render::PngReuse,
) -> Result<render::RenderedDiagram, render::RenderError> {
    if !opts.png || previous.is_empty() {
        return render::diagram(&job.graph, opts);
    }
    let svg_only = DiagramOptions {
        png: false,
        ..opts.clone()
    };
    let mut drawn = render::diagram(&job.graph, &svg_only)?;
    drawn.png = Some(match previous.get(&drawn.svg) {
        Some(png) => png.to_vec(),
        None => render::png(&drawn.svg)?,
    });
    Ok(drawn)
}

/// The message of a diagram that could not be drawn (`None`: the renderer panicked): where
/// (a detail or focus diagram names its file) and, for one too big to lay out, how to split it.
fn failure(d: &view::Diagram, e: Option<&render::RenderError>) -> String {
    let mut m = e.map_or_else(
        || "the renderer stopped unexpectedly".to_string(),
        ToString::to_string,
    );
    if d.stem != d.view.as_str() {
        m.push_str(&format!(" (in `diagrams/{}`)", d.stem));
    }
    if let Some(render::RenderError::Layout(LayoutError::TooLarge { .. })) = e {
        m.push_str(&format!("\nhelp: {}", split_help(d)));
    }
    m
}
