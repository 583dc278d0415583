//! Batch timing: when a daily pipeline starts, how long its longest stage path takes, and
//! whether it ends by its deadline.

use crate::model::{Model, PipelineId};

/// The timing of a pipeline with a `deadline`.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchTiming {
    pub pipeline: PipelineId,
    /// Minutes after midnight UTC.
    pub start: u32,
    /// Minutes after midnight UTC (the next day when at or before the start).
    pub deadline: u32,
    /// Seconds available: from the start to the deadline.
    pub window: f64,
    /// Seconds: the largest `duration` sum over the stage graph.
    pub longest: f64,
    /// Stage indices of that path, in order.
    pub path: Vec<usize>,
    /// Stages on the path without a `duration` (counted 0).
    pub missing: Vec<usize>,
}

impl BatchTiming {
    pub fn late(&self) -> bool {
        self.longest > self.window
    }
}

/// `HH:MM` of minutes after midnight.
pub fn clock(minutes: u32) -> String {
    format!("{:02}:{:02}", (minutes / 60) % 24, minutes % 60)
}

pub fn build(m: &Model) -> Vec<BatchTiming> {
    m.pipelines
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let (deadline, _) = p.deadline?;
            let start = p.daily_start?;
            let mut window = (deadline as f64 - start as f64) * 60.0;
            if window <= 0.0 {
                window += 86_400.0;
            }
            let dur = |s: usize| p.stages[s].duration.map_or(0.0, |q| q.value);
            let n = p.stages.len();
            // Longest path by stage order (a topological order of the arrows).
            let mut best: Vec<(f64, Option<usize>)> = vec![(0.0, None); n];
            let order: Vec<usize> = if p.order.len() == n {
                p.order.clone()
            } else {
                (0..n).collect()
            };
            for &s in &order {
                let preds: Vec<usize> = if p.arrows.is_empty() {
                    order
                        .iter()
                        .position(|x| *x == s)
                        .and_then(|k| k.checked_sub(1))
                        .map(|k| vec![order[k]])
                        .unwrap_or_default()
                } else {
                    p.arrows
                        .iter()
                        .filter(|a| a.to == s)
                        .map(|a| a.from)
                        .collect()
                };
                let from = preds
                    .iter()
                    .map(|&q| (best[q].0, Some(q)))
                    .fold((0.0, None), |a, b| if b.0 > a.0 { b } else { a });
                best[s] = (from.0 + dur(s), from.1);
            }
            // Among equal sums the later stage in order, so the path runs to its end.
            let end = order.iter().fold(None, |a: Option<usize>, &s| match a {
                Some(x) if best[x].0 > best[s].0 => a,
                _ => Some(s),
            });
            let mut path = Vec::new();
            let mut cur = end;
            while let Some(s) = cur {
                path.push(s);
                cur = best[s].1;
            }
            path.reverse();
            let missing = path
                .iter()
                .copied()
                .filter(|s| p.stages[*s].duration.is_none())
                .collect();
            Some(BatchTiming {
                pipeline: PipelineId(i),
                start,
                deadline,
                window,
                longest: end.map_or(0.0, |s| best[s].0),
                path,
                missing,
            })
        })
        .collect()
}
