//! SequenceDiagram + Theme -> Scene: lifelines side by side in call order, one row per step
//! top to bottom, `par` frames around concurrent calls, the verdict at the bottom. The layout
//! is direct and deterministic (no layout engine): each row has its own height, so labels of
//! different rows never meet, and lifelines are spread until every label fits between the two
//! lifelines of its arrow.

use super::push_block;
use super::scene_data::{Anchor, Element, PathCmd, Scene};
use super::sequence_parts::{Row, arrow, frames, group, stroke_of, text};
use super::theme::Theme;
use crate::layout::{FONT_FAMILY, Point, TextBlock, TextMeasurer, Weight};
use crate::view::sequence::{SequenceDiagram, Step};

const MARGIN: f64 = 24.0;
const TITLE_SIZE: f64 = 18.0;
const HEAD_SIZE: f64 = 13.0;
const CAPTION_SIZE: f64 = 11.0;
const LABEL_SIZE: f64 = 11.5;
const VERDICT_SIZE: f64 = 13.0;
/// Widest a label line or header gets before it wraps.
const WRAP: f64 = 300.0;
const HEAD_WRAP: f64 = 180.0;
/// Room between a label and the lifelines of its arrow.
pub(super) const PAD: f64 = 10.0;
/// Least distance between two lifelines.
const MIN_SPACING: f64 = 150.0;
/// Width of a call to oneself, and where its label starts right of the lifeline.
pub(super) const LOOP_W: f64 = 28.0;
const TAG_H: f64 = 18.0;
/// Width of an activation bar.
const BAR: f64 = 10.0;

/// Lays out and draws a request view.
pub fn build(d: &SequenceDiagram, theme: &Theme) -> Scene {
    let m = TextMeasurer::new();
    let title = d.title.trim().to_string();
    let title_w = m.width(&title, TITLE_SIZE, Weight::Bold);
    let top = MARGIN
        + if title.is_empty() {
            0.0
        } else {
            TITLE_SIZE * 1.3 + 16.0
        };

    // Headers.
    let heads: Vec<(TextBlock, TextBlock)> = d
        .participants
        .iter()
        .map(|p| {
            (
                TextBlock::wrap(&m, &p.label, HEAD_SIZE, Weight::Bold, HEAD_WRAP),
                TextBlock::wrap(&m, &p.caption, CAPTION_SIZE, Weight::Regular, HEAD_WRAP),
            )
        })
        .collect();
    let head_w: Vec<f64> = heads
        .iter()
        .map(|(l, c)| l.width().max(c.width()) + 24.0)
        .collect();
    let head_h = heads
        .iter()
        .map(|(l, c)| l.height() + c.height() + 16.0)
        .fold(0.0, f64::max);

    // Labels, then the lifelines' x: spread until each label fits its arrow.
    let labels: Vec<Option<TextBlock>> = d
        .steps
        .iter()
        .map(|s| match s {
            Step::Call { lines, .. } | Step::Return { lines, .. } => Some(TextBlock::wrap(
                &m,
                &lines.join("\n"),
                LABEL_SIZE,
                Weight::Regular,
                WRAP,
            )),
            _ => None,
        })
        .collect();
    let n = d.participants.len();
    let mut x = vec![0.0; n];
    for i in 0..n {
        x[i] = if i == 0 {
            MARGIN + head_w[0] / 2.0
        } else {
            x[i - 1] + ((head_w[i - 1] + head_w[i]) / 2.0 + 32.0).max(MIN_SPACING)
        };
    }
    let mut needs: Vec<(usize, usize, f64)> = Vec::new();
    for (s, label) in d.steps.iter().zip(&labels) {
        let (Step::Call { from, to, .. } | Step::Return { from, to, .. }) = s else {
            continue;
        };
        let w = label.as_ref().map_or(0.0, |l| l.width());
        let (lo, hi) = ((*from).min(*to), (*from).max(*to));
        if lo != hi {
            needs.push((lo, hi, w + 2.0 * PAD + 12.0));
        } else if hi + 1 < n {
            needs.push((lo, hi + 1, LOOP_W + PAD + w + PAD));
        }
    }
    needs.sort_by_key(|&(lo, hi, _)| (hi, lo));
    for (lo, hi, need) in needs {
        let short = need - (x[hi] - x[lo]);
        if short > 0.0 {
            for v in &mut x[hi..] {
                *v += short;
            }
        }
    }

    // Rows.
    let mut y = top + head_h + 18.0;
    let mut rows = Vec::with_capacity(d.steps.len());
    for (s, label) in d.steps.iter().zip(labels) {
        match s {
            Step::Call { from, to, .. } | Step::Return { from, to, .. } => {
                let label = label.unwrap_or_default();
                let call = matches!(s, Step::Call { .. });
                if from == to {
                    let y1 = y + 6.0;
                    let y2 = y1 + label.height().max(16.0);
                    rows.push(Row::Arrow {
                        from: *from,
                        to: *to,
                        label_top: y1,
                        label,
                        y: y1,
                        y2,
                        call,
                    });
                    y = y2 + 12.0;
                } else {
                    let ya = y + label.height() + 5.0;
                    rows.push(Row::Arrow {
                        from: *from,
                        to: *to,
                        label_top: y,
                        label,
                        y: ya,
                        y2: ya,
                        call,
                    });
                    y = ya + 12.0;
                }
            }
            Step::ParStart => {
                rows.push(Row::ParStart(y + 4.0));
                y += 4.0 + TAG_H + 8.0;
            }
            Step::ParElse => {
                rows.push(Row::ParElse(y + 4.0));
                y += 14.0;
            }
            Step::ParEnd => {
                rows.push(Row::ParEnd(y + 4.0));
                y += 14.0;
            }
        }
    }
    let life_end = y + 6.0;

    // Frames: each `par` spans the lifelines and labels of its steps; outer frames get a
    // wider margin than the frames inside them.
    let frames = frames(&rows, &x);
    let verdict: Vec<TextBlock> = d
        .verdict
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let (size, weight) = if i == 0 {
                (VERDICT_SIZE, Weight::Bold)
            } else {
                (CAPTION_SIZE, Weight::Regular)
            };
            TextBlock::wrap(&m, line, size, weight, 2.0 * WRAP)
        })
        .collect();
    let verdict_top = life_end + 18.0;
    let verdict_h: f64 = verdict.iter().map(|b| b.height()).sum();

    let mut right = x[n - 1] + head_w[n - 1] / 2.0;
    right = right.max(MARGIN + title_w);
    for f in &frames {
        right = right.max(f.x1);
    }
    for r in &rows {
        if let Row::Arrow {
            from, to, label, ..
        } = r
            && from == to
        {
            right = right.max(x[*from] + LOOP_W + PAD + label.width());
        }
    }
    for b in &verdict {
        right = right.max(MARGIN + b.width());
    }
    let width = (right + MARGIN).ceil();
    let height = (verdict_top + verdict_h + MARGIN).ceil();

    // Drawing.
    let mut groups = Vec::new();
    if !title.is_empty() {
        groups.push(group(
            "title",
            "title".into(),
            Vec::new(),
            vec![text(
                MARGIN,
                MARGIN + TITLE_SIZE,
                &title,
                TITLE_SIZE,
                Weight::Bold,
                theme.text,
                Anchor::Start,
            )],
        ));
    }
    for (i, (p, (label, caption))) in d.participants.iter().zip(&heads).enumerate() {
        let (fill, stroke) = theme.node_colors(p.shape);
        let (w, cx) = (head_w[i], x[i]);
        let mut el = vec![
            Element::Path {
                cmds: vec![
                    PathCmd::Move(Point::new(cx, top + head_h)),
                    PathCmd::Line(Point::new(cx, life_end)),
                ],
                fill: "none".into(),
                stroke: Some(stroke_of(theme.cluster_stroke, 1.2, &[5.0, 4.0])),
            },
            Element::Rect {
                x: cx - w / 2.0,
                y: top,
                w,
                h: head_h,
                rx: 6.0,
                fill: fill.into(),
                stroke: Some(stroke_of(stroke, 1.4, &[])),
            },
        ];
        let mut ty = top + (head_h - label.height() - caption.height()) / 2.0;
        push_block(&mut el, label, cx, &mut ty, theme.text, Anchor::Middle);
        push_block(&mut el, caption, cx, &mut ty, theme.muted, Anchor::Middle);
        groups.push(group(
            "participant",
            format!("participant-{i}"),
            vec![("name".into(), p.id.clone())],
            el,
        ));
    }
    // Activation bars: each component is busy from the call it takes to its return.
    let mut open: Vec<(usize, f64)> = Vec::new();
    let mut bars = Vec::new();
    for r in &rows {
        let Row::Arrow {
            from,
            to,
            y,
            y2,
            call,
            ..
        } = r
        else {
            continue;
        };
        if *call {
            open.push((*to, *y2));
        } else if let Some(k) = open.iter().rposition(|(who, _)| who == from) {
            let (who, top) = open.remove(k);
            let depth = open.iter().filter(|(w, _)| *w == who).count() as f64;
            if who != 0 {
                let (fill, stroke) = theme.node_colors(d.participants[who].shape);
                bars.push((
                    depth as usize,
                    Element::Rect {
                        x: x[who] - BAR / 2.0 + depth * 4.0,
                        y: top,
                        w: BAR,
                        h: (*y - top).max(4.0),
                        rx: 1.5,
                        fill: fill.into(),
                        stroke: Some(stroke_of(stroke, 1.0, &[])),
                    },
                ));
            }
        }
    }
    // Outer bars first, so a nested one (a component called again) shows on top.
    bars.sort_by_key(|(depth, _)| *depth);
    let bars = bars.into_iter().map(|(_, e)| e).collect();
    groups.push(group("activations", "activations".into(), Vec::new(), bars));
    for (k, f) in frames.iter().enumerate() {
        let mut el = vec![Element::Rect {
            x: f.x0,
            y: f.y0,
            w: f.x1 - f.x0,
            h: f.y1 - f.y0,
            rx: 4.0,
            fill: "none".into(),
            stroke: Some(stroke_of(theme.muted, 1.2, &[])),
        }];
        let tag_w = m.width("par", CAPTION_SIZE, Weight::Bold) + 16.0;
        el.push(Element::Path {
            cmds: vec![
                PathCmd::Move(Point::new(f.x0, f.y0)),
                PathCmd::Line(Point::new(f.x0 + tag_w + 6.0, f.y0)),
                PathCmd::Line(Point::new(f.x0 + tag_w + 6.0, f.y0 + TAG_H - 6.0)),
                PathCmd::Line(Point::new(f.x0 + tag_w, f.y0 + TAG_H)),
                PathCmd::Line(Point::new(f.x0, f.y0 + TAG_H)),
                PathCmd::Close,
            ],
            fill: theme.cluster_fills[1].into(),
            stroke: Some(stroke_of(theme.muted, 1.2, &[])),
        });
        let tag = TextBlock::wrap(&m, "par", CAPTION_SIZE, Weight::Bold, WRAP);
        let mut ty = f.y0 + (TAG_H - tag.height()) / 2.0;
        push_block(
            &mut el,
            &tag,
            f.x0 + 8.0,
            &mut ty,
            theme.text,
            Anchor::Start,
        );
        for &sy in &f.splits {
            el.push(Element::Path {
                cmds: vec![
                    PathCmd::Move(Point::new(f.x0, sy)),
                    PathCmd::Line(Point::new(f.x1, sy)),
                ],
                fill: "none".into(),
                stroke: Some(stroke_of(theme.muted, 1.0, &[6.0, 4.0])),
            });
        }
        groups.push(group("par", format!("par-{k}"), Vec::new(), el));
    }
    let mut calls = 0;
    for r in &rows {
        let Row::Arrow {
            from,
            to,
            label,
            label_top,
            y,
            y2,
            call,
        } = r
        else {
            continue;
        };
        let color = if *call { theme.edge_sync } else { theme.muted };
        let stroke = if *call {
            stroke_of(color, 1.6, &[])
        } else {
            stroke_of(color, 1.3, &[6.0, 4.0])
        };
        // Arrows end at the activation bars (the caller of the endpoint has none).
        let edge = |who: usize, towards: f64| {
            if who == 0 {
                x[0]
            } else {
                x[who] + (towards - x[who]).signum() * BAR / 2.0
            }
        };
        let (xf, xt) = if from == to {
            (x[*from] + BAR / 2.0, x[*to] + BAR / 2.0)
        } else {
            (edge(*from, x[*to]), edge(*to, x[*from]))
        };
        let mut el = Vec::new();
        let label_x = if from == to {
            let pts = [
                Point::new(xf, *y),
                Point::new(xf + LOOP_W, *y),
                Point::new(xf + LOOP_W, *y2),
                Point::new(xf, *y2),
            ];
            arrow(&mut el, &pts, stroke, *call);
            x[*from] + LOOP_W + PAD
        } else {
            arrow(
                &mut el,
                &[Point::new(xf, *y), Point::new(xt, *y)],
                stroke,
                *call,
            );
            x[*from].min(x[*to]) + PAD
        };
        if !label.is_empty() {
            el.push(Element::Rect {
                x: label_x - 3.0,
                y: *label_top,
                w: label.width() + 6.0,
                h: label.height(),
                rx: 3.0,
                fill: theme.background.into(),
                stroke: None,
            });
            let mut ty = *label_top;
            let fill = if *call { theme.text } else { theme.muted };
            push_block(&mut el, label, label_x, &mut ty, fill, Anchor::Start);
        }
        let class = if *call { "call" } else { "return" };
        groups.push(group(
            class,
            format!("{class}-{calls}"),
            vec![
                ("from".into(), d.participants[*from].id.clone()),
                ("to".into(), d.participants[*to].id.clone()),
            ],
            el,
        ));
        calls += 1;
    }
    let mut el = Vec::new();
    let mut ty = verdict_top;
    for (i, b) in verdict.iter().enumerate() {
        let fill = match (i, d.within) {
            (0, Some(false)) => theme.edge_batch,
            (0, _) => theme.text,
            _ => theme.muted,
        };
        push_block(&mut el, b, MARGIN, &mut ty, fill, Anchor::Start);
    }
    groups.push(group("verdict", "verdict".into(), Vec::new(), el));

    Scene {
        width,
        height,
        title,
        background: theme.background.to_string(),
        font_family: FONT_FAMILY.to_string(),
        groups,
        png_pixels: None,
    }
}
