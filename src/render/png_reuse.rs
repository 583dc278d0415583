//! PNGs of an earlier build worth keeping: a PNG is a pure function of its SVG's bytes and of
//! the rasteriser, so when a diagram's SVG comes out byte for byte as the last build wrote it,
//! the PNG the last build wrote beside it is reused instead of rasterised again. A PNG counts
//! only when the output folder's manifest says mlsd wrote both files, the PNG on disk still has
//! the hash mlsd gave it (nobody edited it), and it was made by this very version of mlsd (its
//! `Software` text chunk, see [`SOFTWARE`]).

use std::collections::BTreeMap;
use std::path::Path;

use crate::output::{Manifest, sha256_hex};

/// The `Software` text chunk every PNG carries: a new mlsd never reuses an older one's PNGs.
/// The raster revision counts changes to the PNG bytes between versions (raise it with any
/// change to how `png` draws or encodes), so the examples and a user's folder are redrawn.
pub const SOFTWARE: &str = concat!("mlsd ", env!("CARGO_PKG_VERSION"), " raster 8");

/// Earlier PNGs by the SHA-256 (hex) of the SVG they were drawn from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PngReuse {
    by_svg: BTreeMap<String, Vec<u8>>,
}

impl PngReuse {
    /// The reusable PNGs of `out_dir` (none when it has no manifest or cannot be read).
    pub fn load(out_dir: &Path) -> PngReuse {
        let Ok(manifest) = Manifest::load(out_dir) else {
            return PngReuse::default();
        };
        let mut by_svg = BTreeMap::new();
        for (path, png_hash) in &manifest.files {
            let Some(stem) = path
                .strip_prefix("diagrams/")
                .and_then(|p| p.strip_suffix(".png"))
            else {
                continue;
            };
            // Only plain relative paths below the folder, never a link out of it.
            if stem.split('/').any(|part| part.is_empty() || part == "..") || stem.contains('\\') {
                continue;
            }
            let Some(svg_hash) = manifest.files.get(&format!("diagrams/{stem}.svg")) else {
                continue;
            };
            let file = out_dir.join(path);
            let plain = std::fs::symlink_metadata(&file).is_ok_and(|m| m.file_type().is_file());
            if !plain {
                continue;
            }
            let Ok(bytes) = std::fs::read(&file) else {
                continue;
            };
            if sha256_hex(&bytes) == *png_hash && made_by_this_version(&bytes) {
                by_svg.insert(svg_hash.clone(), bytes);
            }
        }
        PngReuse { by_svg }
    }

    /// The earlier PNG of an SVG with these bytes, if any.
    pub fn get(&self, svg: &str) -> Option<&[u8]> {
        if self.by_svg.is_empty() {
            return None;
        }
        self.by_svg
            .get(&sha256_hex(svg.as_bytes()))
            .map(Vec::as_slice)
    }

    /// How many PNGs can be reused.
    pub fn len(&self) -> usize {
        self.by_svg.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_svg.is_empty()
    }
}

/// Whether the PNG's `Software` text chunk names this version (it comes right after the
/// header chunk, in the first bytes).
fn made_by_this_version(png: &[u8]) -> bool {
    let chunk = format!("tEXtSoftware\0{SOFTWARE}");
    png.get(..256.min(png.len()))
        .is_some_and(|head| head.windows(chunk.len()).any(|w| w == chunk.as_bytes()))
}
