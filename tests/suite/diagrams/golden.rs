//! Golden files of the sample architecture diagram: the SVG byte for byte, the PNG by pixel
//! difference with a tolerance. `UPDATE_GOLDEN=1 cargo test` rewrites them (review the diff);
//! a PNG mismatch writes expected, actual and diff images to `target/golden-failures/`.

use std::path::{Path, PathBuf};

use mlsd::render::{DiagramOptions, diagram};
use mlsd::scene::Theme;

use crate::graphs;

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/diagrams")
}

fn update() -> bool {
    std::env::var_os("UPDATE_GOLDEN").is_some()
}

fn decode(png_bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut dec = png::Decoder::new(std::io::Cursor::new(png_bytes))
        .read_info()
        .expect("png header");
    let mut buf = vec![0; dec.output_buffer_size().expect("png size")];
    let info = dec.next_frame(&mut buf).expect("png frame");
    let rgba: Vec<u8> = match info.color_type {
        png::ColorType::Rgb => buf[..info.buffer_size()]
            .chunks(3)
            .flat_map(|p| [p[0], p[1], p[2], 255])
            .collect(),
        _ => buf[..info.buffer_size()].to_vec(),
    };
    (info.width, info.height, rgba)
}

fn write_rgba(path: &Path, w: u32, h: u32, data: &[u8]) {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, w, h);
    enc.set_color(png::ColorType::Rgba);
    enc.set_depth(png::BitDepth::Eight);
    let mut wr = enc.write_header().expect("header");
    wr.write_image_data(data).expect("data");
    wr.finish().expect("finish");
    std::fs::write(path, out).expect("write");
}

/// Fails when more than 0.5% of pixels differ by more than 8 in some channel.
fn assert_png_close(name: &str, expected: &[u8], actual: &[u8]) {
    let (ew, eh, e) = decode(expected);
    let (aw, ah, a) = decode(actual);
    let fail_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/golden-failures");
    let differing = if (ew, eh) == (aw, ah) {
        e.chunks(4)
            .zip(a.chunks(4))
            .filter(|(p, q)| p.iter().zip(q.iter()).any(|(x, y)| x.abs_diff(*y) > 8))
            .count()
    } else {
        usize::MAX
    };
    let limit = (ew as usize * eh as usize) / 200;
    if differing > limit {
        std::fs::create_dir_all(&fail_dir).expect("failure dir");
        std::fs::write(fail_dir.join(format!("{name}.expected.png")), expected).expect("write");
        std::fs::write(fail_dir.join(format!("{name}.actual.png")), actual).expect("write");
        if (ew, eh) == (aw, ah) {
            let diff: Vec<u8> = e
                .chunks(4)
                .zip(a.chunks(4))
                .flat_map(|(p, q)| {
                    if p.iter().zip(q.iter()).any(|(x, y)| x.abs_diff(*y) > 8) {
                        [255, 0, 0, 255]
                    } else {
                        [p[0] / 4 + 180, p[1] / 4 + 180, p[2] / 4 + 180, 255]
                    }
                })
                .collect();
            write_rgba(&fail_dir.join(format!("{name}.diff.png")), ew, eh, &diff);
        }
        panic!(
            "{name}: {differing} pixels differ ({ew}x{eh} vs {aw}x{ah}); see {}",
            fail_dir.display()
        );
    }
}

#[test]
fn architecture_matches_its_golden_files() {
    for theme in [Theme::light(), Theme::dark()] {
        let name = format!("architecture_{}", theme.name);
        let out = diagram(
            &graphs::architecture(),
            &DiagramOptions {
                theme,
                ..DiagramOptions::default()
            },
        )
        .unwrap();
        let png = out.png.unwrap();
        let (svg_path, png_path) = (
            golden_dir().join(format!("{name}.svg")),
            golden_dir().join(format!("{name}.png")),
        );
        if update() {
            std::fs::create_dir_all(golden_dir()).unwrap();
            std::fs::write(&svg_path, &out.svg).unwrap();
            std::fs::write(&png_path, &png).unwrap();
            continue;
        }
        let expected_svg =
            std::fs::read_to_string(&svg_path).expect("golden svg (run with UPDATE_GOLDEN=1)");
        assert!(
            expected_svg == out.svg,
            "{name}.svg differs from its golden file (UPDATE_GOLDEN=1 to accept)"
        );
        assert_png_close(&name, &std::fs::read(&png_path).expect("golden png"), &png);
    }
}
