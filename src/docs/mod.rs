//! Model -> the Markdown documents of the design folder (language.md §4) and the Prometheus
//! rule file, as `GeneratedFile`s. One module per document family; `markdown` writes the
//! pieces, `text` phrases model values; every number comes from the analysis stage.

mod alert_rules;
mod alternatives;
mod design;
pub(crate) mod markdown;
mod monitoring;
mod readme;
mod requirements;
mod review;
mod scaling;
mod text;

use crate::model::Model;
use crate::output::GeneratedFile;

/// Paths of the design folder, relative to its root.
pub mod paths {
    pub const README: &str = "README.md";
    pub const REVIEW: &str = "REVIEW.md";
    pub const FUNCTIONAL: &str = "requirements/functional.md";
    pub const NON_FUNCTIONAL: &str = "requirements/non_functional.md";
    pub const CONSTRAINTS: &str = "requirements/constraints.md";
    pub const HIGH_LEVEL: &str = "design/high_level.md";
    pub const DETAILED: &str = "design/detailed_design.md";
    pub const ML_PIPELINE: &str = "design/ml_pipeline.md";
    pub const DATA_FLOW: &str = "design/data_flow.md";
    pub const CAPACITY: &str = "scaling/capacity_planning.md";
    pub const BOTTLENECKS: &str = "scaling/bottlenecks.md";
    pub const OPTIMIZATION: &str = "scaling/optimization.md";
    pub const METRICS: &str = "monitoring/metrics.md";
    pub const ALERTS: &str = "monitoring/alerts.md";
    pub const OBSERVABILITY: &str = "monitoring/observability.md";
    pub const ALERT_RULES: &str = "monitoring/alerts.rules.yml";
    pub const TRADE_OFFS: &str = "alternatives/trade_offs.md";
    pub const TECHNOLOGIES: &str = "alternatives/technologies.md";
    pub const FUTURE: &str = "alternatives/future_improvements.md";

    pub const ARCHITECTURE_SVG: &str = "diagrams/architecture.svg";
    pub const ML_PIPELINE_SVG: &str = "diagrams/ml_pipeline.svg";
    pub const DATA_FLOW_SVG: &str = "diagrams/data_flow.svg";
    pub const DEPLOYMENT_SVG: &str = "diagrams/deployment.svg";

    /// The documents this module writes, with their titles, in reading order.
    pub const DOCUMENTS: &[(&str, &str)] = &[
        (FUNCTIONAL, "Functional requirements"),
        (NON_FUNCTIONAL, "Non-functional requirements"),
        (CONSTRAINTS, "Constraints"),
        (HIGH_LEVEL, "High-level design"),
        (DETAILED, "Detailed design"),
        (ML_PIPELINE, "ML pipeline"),
        (DATA_FLOW, "Data flow"),
        (CAPACITY, "Capacity planning"),
        (BOTTLENECKS, "Bottlenecks"),
        (OPTIMIZATION, "Optimizations"),
        (METRICS, "Metrics"),
        (ALERTS, "Alerts"),
        (OBSERVABILITY, "Observability"),
        (ALERT_RULES, "Prometheus alert rules"),
        (TRADE_OFFS, "Trade-offs"),
        (TECHNOLOGIES, "Technologies"),
        (FUTURE, "Future improvements"),
        (REVIEW, "Design review"),
    ];

    /// The diagrams the build draws (each also as `.png`), with their titles.
    pub const DIAGRAMS: &[(&str, &str)] = &[
        (ARCHITECTURE_SVG, "Architecture"),
        (ML_PIPELINE_SVG, "ML pipeline"),
        (DATA_FLOW_SVG, "Data flow"),
        (DEPLOYMENT_SVG, "Deployment"),
    ];

    /// The Python stubs the build writes, with what each holds.
    pub const STUBS: &[(&str, &str)] = &[
        (
            "implementation/data_models.py",
            "data models (one class per entity)",
        ),
        ("implementation/ml_models.py", "ML models"),
        ("implementation/training_pipeline.py", "training pipelines"),
        (
            "implementation/inference_pipeline.py",
            "inference pipelines",
        ),
        ("implementation/api_endpoints.py", "API endpoints"),
    ];

    /// The PNG beside an SVG diagram.
    pub fn png(svg: &str) -> String {
        format!("{}.png", svg.trim_end_matches(".svg"))
    }
}

/// Which diagram formats the documents may link to (the build draws the same ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocsOptions {
    pub svg: bool,
    pub png: bool,
}

impl Default for DocsOptions {
    fn default() -> Self {
        DocsOptions {
            svg: true,
            png: true,
        }
    }
}

/// The documents for `model`, linking to SVG and PNG diagrams; `spec_name` goes into each
/// file's header. Sorted by path.
pub fn build(model: &Model, spec_name: &str) -> Vec<GeneratedFile> {
    build_with(model, spec_name, &DocsOptions::default())
}

/// The documents for `model`, linking only to the diagram formats `options` names.
pub fn build_with(model: &Model, spec_name: &str, options: &DocsOptions) -> Vec<GeneratedFile> {
    build_from(model, spec_name, options, &crate::analysis::run(model))
}

/// The documents of `model` from its analysis `review` (`analysis::run`).
pub fn build_from(
    model: &Model,
    spec_name: &str,
    options: &DocsOptions,
    review: &crate::analysis::Analysis,
) -> Vec<GeneratedFile> {
    let ctx = Ctx {
        m: model,
        spec: spec_name,
        plan: &review.facts.capacity,
        review,
        anchors: review::anchors(&review.findings),
        by_subject: review.findings.iter().enumerate().fold(
            std::collections::HashMap::new(),
            |mut by, (i, f)| {
                by.entry(f.subject.as_str())
                    .or_insert_with(Vec::new)
                    .push(i);
                by
            },
        ),
        options: *options,
    };
    let mut files: Vec<GeneratedFile> = Vec::new();
    let mut add = |path: &str, text: String| files.push(GeneratedFile::text(path, text));
    add(paths::README, readme::readme(&ctx));
    add(paths::REVIEW, review::review(&ctx));
    for (path, text) in requirements::documents(&ctx) {
        add(path, text);
    }
    for (path, text) in design::documents(&ctx) {
        add(path, text);
    }
    for (path, text) in scaling::documents(&ctx) {
        add(path, text);
    }
    for (path, text) in monitoring::documents(&ctx) {
        add(path, text);
    }
    for (path, text) in alternatives::documents(&ctx) {
        add(path, text);
    }
    // Every document that shows a subject with a finding links to its `REVIEW.md` entry.
    for f in &mut files {
        if let Ok(text) = std::str::from_utf8(&f.contents)
            && let Some(section) = review::closing(&ctx, &f.path, text)
        {
            let text = format!("{}{section}", text.trim_end_matches('\n'));
            *f = GeneratedFile::text(&f.path, text);
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// What every document writer reads.
pub struct Ctx<'a> {
    pub m: &'a Model,
    pub spec: &'a str,
    /// The capacity plan (the analysis stage's).
    pub plan: &'a crate::analysis::capacity::CapacityPlan,
    /// The design review: facts and findings (computed once, phrased here).
    pub review: &'a crate::analysis::Analysis,
    /// Per finding of `review`, the anchor of its entry in `REVIEW.md`.
    pub anchors: Vec<String>,
    /// The findings of `review` (their indices) by subject.
    pub by_subject: std::collections::HashMap<&'a str, Vec<usize>>,
    pub options: DocsOptions,
}

impl Ctx<'_> {
    /// A new document with its header and `# title`.
    pub fn doc(&self, title: &str) -> markdown::Markdown {
        let mut md = markdown::Markdown::new(self.spec);
        md.heading(1, title);
        md
    }

    /// Links from the document at `from` to the `REVIEW.md` entries of the findings about
    /// `subject`: `[R001 single point of failure (high)](../REVIEW.md#r001-...)`.
    pub fn finding_links(&self, from: &str, subject: &str) -> Vec<String> {
        let found = self.by_subject.get(subject).map_or(&[][..], Vec::as_slice);
        found
            .iter()
            .map(|&i| (&self.review.findings[i], &self.anchors[i]))
            .map(|(f, anchor)| {
                let title = crate::analysis::rules::rule(f.code).map_or("", |r| r.title);
                markdown::link(
                    &format!("{} {title} ({})", f.code, f.level),
                    from,
                    &format!("{}#{anchor}", paths::REVIEW),
                )
            })
            .collect()
    }

    /// The file a link to the diagram `svg` should point at: the SVG, else the PNG, else
    /// none when the build draws no diagram.
    pub fn diagram(&self, svg: &str) -> Option<String> {
        if self.options.svg {
            Some(svg.to_string())
        } else if self.options.png {
            Some(paths::png(svg))
        } else {
            None
        }
    }

    /// The diagram `svg` embedded in the document at `from` (with a link to the PNG when
    /// both formats are drawn), or one line saying it is not drawn.
    pub fn embed(&self, md: &mut markdown::Markdown, from: &str, svg: &str, title: &str) {
        match self.diagram(svg) {
            Some(target) => {
                md.para(&markdown::image(title, from, &target));
                if self.options.svg && self.options.png {
                    md.para(&format!(
                        "Also as {}.",
                        markdown::link("PNG", from, &paths::png(svg))
                    ));
                }
            }
            None => md.para(&format!(
                "The {} diagram is not drawn in this build (`mlsd build --format svg,png` draws it).",
                title.to_lowercase()
            )),
        }
    }
}
