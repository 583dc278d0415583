//! Model -> the design folder's files in two stages, for a short save-to-disk: first every
//! file with each PNG as it was, then the PNGs of the diagrams whose SVG changed, rasterised
//! in parallel. Rasterising at 2x dominates a rebuild; the SVGs, stubs and documents are on
//! disk (and in the preview) before it starts.
//!
//! The files are those of `build::render_all` (the same diagrams, then
//! `build::stubs_and_documents`; a test checks that
//! `mlsd build --check` passes after `watch`); a PNG is `render::png` of its SVG, so one
//! whose SVG did not change is reused byte for byte.

use std::collections::HashMap;

use mlsd::build::{self, BuildError, BuildOptions};
use mlsd::model::{Model, View};
use mlsd::output::GeneratedFile;
use mlsd::render;

/// The PNG of each diagram's last SVG, by PNG path.
#[derive(Default)]
pub struct PngCache {
    last: HashMap<String, (String, Vec<u8>)>,
}

/// The files of a build, with the PNGs still to rasterise.
pub struct Staged {
    /// Every file; a PNG still to draw holds its previous bytes (or nothing, see `complete`).
    pub files: Vec<GeneratedFile>,
    /// Each PNG to draw: its index in `files`, its view and its SVG.
    pending: Vec<(usize, View, String)>,
    /// Whether every pending PNG has its previous bytes in `files`: only then may `files` be
    /// written before the PNGs are drawn (a missing PNG would be removed as stale).
    pub complete: bool,
}

impl Staged {
    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }
}

impl PngCache {
    /// Renders everything but the PNGs that changed.
    pub fn stage(
        &self,
        model: &Model,
        spec_name: &str,
        options: &BuildOptions,
    ) -> Result<Staged, BuildError> {
        let svg_only = BuildOptions {
            svg: true,
            png: false,
            ..options.clone()
        };
        let svgs = if options.svg || options.png {
            build::diagrams(model, &svg_only)?
        } else {
            Vec::new()
        };
        let svgs_for_site: Vec<GeneratedFile> = if options.site && !options.svg {
            svgs.clone()
        } else {
            Vec::new()
        };
        let mut files = Vec::new();
        let mut pending = Vec::new();
        let mut complete = true;
        for svg in svgs {
            let text = String::from_utf8_lossy(&svg.contents).into_owned();
            if options.png {
                let path = svg.path.replace(".svg", ".png");
                match self.last.get(&path) {
                    Some((old_svg, png)) if *old_svg == text => {
                        files.push(GeneratedFile {
                            path,
                            contents: png.clone(),
                        });
                    }
                    old => {
                        let view = View::ALL
                            .iter()
                            .copied()
                            .find(|v| path == format!("diagrams/{}.png", build::diagram_stem(*v)))
                            .unwrap_or(View::ALL[0]);
                        complete &= old.is_some();
                        pending.push((files.len(), view, text));
                        files.push(GeneratedFile {
                            path,
                            contents: old.map(|(_, png)| png.clone()).unwrap_or_default(),
                        });
                    }
                }
            }
            if options.svg {
                files.push(svg);
            }
        }
        files.extend(build::stubs_and_documents(model, spec_name, options));
        if options.site {
            // The site inlines the SVGs, drawn above even when only PNGs are written.
            let site = if options.svg {
                mlsd::site::build(&files)
            } else {
                let mut with_svgs = svgs_for_site;
                with_svgs.extend(files.iter().cloned());
                mlsd::site::build(&with_svgs)
            };
            files.extend(site);
        }
        // Indices in `pending` must follow the sort.
        let mut order: Vec<usize> = (0..files.len()).collect();
        order.sort_by(|a, b| files[*a].path.cmp(&files[*b].path));
        let mut new_index = vec![0; files.len()];
        for (new, old) in order.iter().enumerate() {
            new_index[*old] = new;
        }
        for p in &mut pending {
            p.0 = new_index[p.0];
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(Staged {
            files,
            pending,
            complete,
        })
    }

    /// Draws the pending PNGs in parallel and remembers them; returns every file.
    pub fn finish(&mut self, staged: Staged) -> Result<Vec<GeneratedFile>, BuildError> {
        let Staged {
            mut files, pending, ..
        } = staged;
        let drawn: Vec<Result<Vec<u8>, String>> = std::thread::scope(|s| {
            let handles: Vec<_> = pending
                .iter()
                .map(|(_, _, svg)| s.spawn(move || render::png(svg).map_err(|e| e.to_string())))
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Err("the rasteriser stopped unexpectedly".into()))
                })
                .collect()
        });
        for ((i, view, svg), png) in pending.into_iter().zip(drawn) {
            let png = png.map_err(|message| BuildError { view, message })?;
            self.last.insert(files[i].path.clone(), (svg, png.clone()));
            files[i].contents = png;
        }
        Ok(files)
    }
}
