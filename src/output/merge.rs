//! Three texts -> one: the last generated text (base), the file as the user left it (ours) and
//! the new generation (theirs), merged line by line with `diffy`. Changes that touch different
//! lines combine; where both sides changed the same lines, both are kept between conflict
//! markers (`<<<<<<< ours`, `||||||| original`, `=======`, `>>>>>>> theirs`) and the lines of
//! each conflict are named.

use diffy::{ConflictStyle, IncompleteHunkStyle, MergeOptions};

/// The result of a three-way merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Merged {
    /// Both sides' changes combined.
    Clean(String),
    /// Conflict markers around the lines both sides changed; `lines` are the 1-based,
    /// inclusive line ranges of each marked block in `text`.
    Conflict {
        text: String,
        lines: Vec<(usize, usize)>,
    },
}

/// The opening and closing conflict markers `diffy` writes.
const OPEN: &str = "<<<<<<< ours";
const CLOSE: &str = ">>>>>>> theirs";

/// Merges the user's `ours` and the new generation `theirs`, both made from `base`.
pub fn merge(base: &str, ours: &str, theirs: &str) -> Merged {
    let mut options = MergeOptions::new();
    options
        .set_conflict_style(ConflictStyle::Diff3)
        // Every marker on a line of its own, even when a side ends without a newline.
        .set_incomplete_hunk_style(IncompleteHunkStyle::Git);
    match options.merge(base, ours, theirs) {
        Ok(text) => Merged::Clean(text),
        Err(text) => {
            let lines = conflicts(&text);
            Merged::Conflict { text, lines }
        }
    }
}

/// The 1-based, inclusive line ranges of the conflict blocks (opening to closing marker)
/// left in `text`; empty when it has none.
pub fn conflicts(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open = None;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line == OPEN {
            open = Some(i + 1);
        } else if line == CLOSE
            && let Some(start) = open.take()
        {
            out.push((start, i + 1));
        }
    }
    out
}

/// `lines 3-9 and 20-24`, `line 4`: conflict ranges as a report says them.
pub fn describe(lines: &[(usize, usize)]) -> String {
    let one = |&(a, b): &(usize, usize)| {
        if a == b {
            a.to_string()
        } else {
            format!("{a}-{b}")
        }
    };
    let parts: Vec<String> = lines.iter().map(one).collect();
    let word = if lines.len() == 1 && lines[0].0 == lines[0].1 {
        "line"
    } else {
        "lines"
    };
    match parts.split_last() {
        None => String::new(),
        Some((last, [])) => format!("{word} {last}"),
        Some((last, rest)) => format!("{word} {} and {last}", rest.join(", ")),
    }
}

/// `bytes` as text when they may be merged: UTF-8 without NUL bytes (a PNG never is).
pub fn as_text(bytes: &[u8]) -> Option<&str> {
    if bytes.contains(&0) {
        return None;
    }
    std::str::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "def rank():\n    pass\n\n\nclass User:\n    id: str\n";

    #[test]
    fn edits_on_other_lines_combine() {
        let ours = "def rank():\n    return sorted(items)\n\n\nclass User:\n    id: str\n";
        let theirs = "def rank():\n    pass\n\n\nclass User:\n    id: str\n    age: int\n";
        assert_eq!(
            merge(BASE, ours, theirs),
            Merged::Clean(
                "def rank():\n    return sorted(items)\n\n\nclass User:\n    id: str\n    age: int\n"
                    .into()
            )
        );
    }

    #[test]
    fn the_same_lines_changed_on_both_sides_conflict_with_their_lines_named() {
        let ours = "def rank():\n    pass\n\n\nclass User:\n    id: int  # mine\n";
        let theirs = "def rank():\n    pass\n\n\nclass User:\n    id: bytes\n";
        let Merged::Conflict { text, lines } = merge(BASE, ours, theirs) else {
            panic!("expected a conflict");
        };
        assert_eq!(
            text,
            "def rank():\n    pass\n\n\nclass User:\n<<<<<<< ours\n    id: int  # mine\n\
             ||||||| original\n    id: str\n=======\n    id: bytes\n>>>>>>> theirs\n"
        );
        assert_eq!(lines, [(6, 12)]);
        assert_eq!(describe(&lines), "lines 6-12");
    }

    #[test]
    fn identical_changes_and_one_sided_changes_are_clean() {
        assert_eq!(merge(BASE, BASE, "x\n"), Merged::Clean("x\n".into()));
        assert_eq!(merge(BASE, "y\n", BASE), Merged::Clean("y\n".into()));
        assert_eq!(merge(BASE, "z\n", "z\n"), Merged::Clean("z\n".into()));
    }

    #[test]
    fn a_missing_final_newline_still_puts_markers_on_lines_of_their_own() {
        let Merged::Conflict { text, lines } = merge("a", "b", "c") else {
            panic!("expected a conflict");
        };
        assert!(text.lines().any(|l| l == OPEN), "{text}");
        assert!(text.lines().any(|l| l == CLOSE), "{text}");
        assert_eq!(lines.len(), 1);
    }

    #[test]
    fn ranges_read_as_a_report_says_them() {
        assert_eq!(describe(&[(4, 4)]), "line 4");
        assert_eq!(describe(&[(1, 5), (9, 12)]), "lines 1-5 and 9-12");
        assert_eq!(
            describe(&[(1, 5), (7, 7), (9, 12)]),
            "lines 1-5, 7 and 9-12"
        );
        assert_eq!(describe(&[]), "");
        assert_eq!(
            conflicts("<<<<<<< ours\nx\n"),
            [],
            "an unclosed block is no conflict"
        );
    }

    #[test]
    fn binary_is_never_text() {
        assert_eq!(as_text(b"\x89PNG\r\n\x1a\n\0\0"), None);
        assert_eq!(as_text(&[0xff, 0xfe]), None);
        assert_eq!(as_text(b"ok\n"), Some("ok\n"));
    }
}
