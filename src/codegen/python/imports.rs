//! Names a Python file uses -> its import block, grouped (`__future__`, standard library,
//! third party, the generated sibling modules) and sorted, so no import is ever unused.

use std::collections::{BTreeMap, BTreeSet};

/// isort's (and ruff's) default line length.
const LINE_LENGTH: usize = 88;

/// isort's `order-by-type`: CONSTANTS, then Classes, then functions and variables, each
/// case-insensitively.
fn name_key(name: &str) -> (u8, String, String) {
    let cased_upper = name.chars().any(char::is_alphabetic)
        && name.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
    let rank = if name.chars().count() > 1 && cased_upper {
        0
    } else if name.starts_with(char::is_uppercase) {
        1
    } else {
        2
    };
    (rank, name.to_lowercase(), name.to_string())
}

/// ML frameworks the tests run without: their imports tell mypy that a missing (or untyped)
/// module is expected, and that the comment is no error once the module is installed.
const OPTIONAL_MODULES: &[&str] = &[
    "jax",
    "lightgbm",
    "onnx",
    "sklearn",
    "tensorflow",
    "torch",
    "transformers",
    "xgboost",
];
const OPTIONAL_IGNORE: &str = "  # type: ignore[import-not-found,import-untyped,unused-ignore]";

fn optional(module: &str) -> bool {
    OPTIONAL_MODULES.contains(&module.split('.').next().unwrap_or(module))
}

/// Which group an import belongs to, in the order the groups are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    Future,
    Std,
    ThirdParty,
    Local,
}

/// The imports of one file.
#[derive(Debug, Default)]
pub struct Imports {
    from: BTreeMap<(Group, String), BTreeSet<String>>,
    plain: BTreeSet<(Group, String)>,
}

impl Imports {
    /// `from module import name`.
    pub fn from(&mut self, group: Group, module: &str, name: &str) {
        self.from
            .entry((group, module.to_string()))
            .or_default()
            .insert(name.to_string());
    }

    /// `import module`.
    pub fn plain(&mut self, group: Group, module: &str) {
        self.plain.insert((group, module.to_string()));
    }

    /// The import lines, a blank line between groups.
    pub fn lines(&self) -> Vec<String> {
        let mut groups: BTreeMap<Group, Vec<(String, String)>> = BTreeMap::new();
        for (g, m) in &self.plain {
            groups
                .entry(*g)
                .or_default()
                .push((format!("0{}", m.to_lowercase()), {
                    let mut line = format!("import {m}");
                    if optional(m) {
                        line.push_str(OPTIONAL_IGNORE);
                    }
                    line
                }));
        }
        for ((g, m), names) in &self.from {
            let mut names: Vec<&str> = names.iter().map(String::as_str).collect();
            names.sort_by_key(|n| name_key(n));
            let one_line = format!("from {m} import {}", names.join(", "));
            // isort wraps past 88 columns: one name a line, trailing comma.
            let text = if one_line.chars().count() > LINE_LENGTH {
                let mut t = format!("from {m} import (\n");
                for n in &names {
                    t.push_str(&format!("    {n},\n"));
                }
                t.push(')');
                t
            } else if optional(m) {
                one_line + OPTIONAL_IGNORE
            } else {
                one_line
            };
            // `from x import ...` lines follow the `import x` lines (isort's default order).
            groups
                .entry(*g)
                .or_default()
                .push((format!("1{}", m.to_lowercase()), text));
        }
        let mut out = Vec::new();
        for (_, mut lines) in groups {
            lines.sort();
            if !out.is_empty() {
                out.push(String::new());
            }
            out.extend(lines.into_iter().map(|(_, l)| l));
        }
        out
    }
}
