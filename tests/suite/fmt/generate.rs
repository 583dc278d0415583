//! Random statement trees + random layout choices -> spec text that parses: `;` or line
//! ends between statements, blank lines, own-line and trailing comments, odd spacing and
//! indentation, one-line or expanded blocks, lists on one line or over several.

use proptest::prelude::*;

#[derive(Debug, Clone)]
pub enum Stmt {
    Attr(&'static str, Val, Vec<&'static str>),
    Decl(
        &'static str,
        Option<&'static str>,
        Option<&'static str>,
        Option<Vec<Stmt>>,
    ),
    Edge(Vec<&'static str>, Option<&'static str>, Option<Vec<Stmt>>),
    Item(&'static str),
}

#[derive(Debug, Clone)]
pub enum Val {
    Leaf(&'static str),
    List(Vec<Val>),
}

const KEYS: &[&str] = &[
    "replicas",
    "tech",
    "summary",
    "rate",
    "data",
    "mode",
    "x_1",
    "model",
    "inputs",
    "output",
    "served_by",
    "response",
    "kind",
    "steps",
    "feature",
    "count",
    "cost",
    "capacity",
    "reads",
    "trains",
    "stored_in",
    "budget",
    "peak_throughput",
    "daily_active_users",
];
const KEYWORDS: &[&str] = &[
    "service",
    "cache",
    "group",
    "entity",
    "stage",
    "run",
    "volume",
    "system",
    "model",
    "pipeline",
    "api",
    "get",
    "rpc",
    "params",
    "deployment",
    "region",
    "node_pool",
    "requirements",
    "non_functional",
    "constraints",
    "scaling",
    "traffic",
    "monitoring",
    "alert",
    "drift",
    "operations",
    "rollout",
    "future",
    "diagrams",
    "architecture",
];
const NAMES: &[&str] = &["a", "b", "feed", "lake", "User", "service"];
const LABELS: &[&str] = &["\"Label\"", "\"# not a comment\"", "\"q \\\" x\""];
const LEAVES: &[&str] = &[
    "lake",
    "ranking",
    "true",
    "a.b",
    "150ms",
    "60k/s",
    "$40k/mo",
    "99.95%",
    "-3",
    "2.5TB/day",
    "\"hello\"",
    "\"a # b\"",
    "\"\"",
    "list<string>",
    "map<string, float>",
    "User?",
    "enum<a, b>",
    "vector<256>",
    "\"\"\"\n    text # not a comment\n      more\n  \"\"\"",
];
const ANNOTATIONS: &[&str] = &["@key", "@pii", "@doc(\"x\")", "@len(50)", "@size(2KB)"];
const ITEMS: &[&str] = &["\"Do one thing.\"", "\"Another # thing\""];

fn pick(pool: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
    prop::sample::select(pool)
}

fn val() -> impl Strategy<Value = Val> {
    pick(LEAVES)
        .prop_map(Val::Leaf)
        .prop_recursive(2, 8, 4, |inner| {
            prop::collection::vec(inner, 0..4).prop_map(Val::List)
        })
}

fn leaf_stmt() -> impl Strategy<Value = Stmt> {
    prop_oneof![
        (
            pick(KEYS),
            val(),
            prop::collection::vec(pick(ANNOTATIONS), 0..3)
        )
            .prop_map(|(k, v, a)| Stmt::Attr(k, v, a)),
        (pick(KEYWORDS), pick(NAMES), prop::option::of(pick(LABELS)))
            .prop_map(|(k, n, l)| Stmt::Decl(k, Some(n), l, None)),
        (
            prop::collection::vec(pick(NAMES), 2..4),
            prop::option::of(pick(LABELS))
        )
            .prop_map(|(c, l)| Stmt::Edge(c, l, None)),
        pick(ITEMS).prop_map(Stmt::Item),
    ]
}

/// A list of statements, nested up to three blocks deep.
pub fn stmts() -> impl Strategy<Value = Vec<Stmt>> {
    let stmt = leaf_stmt().prop_recursive(3, 40, 5, |inner| {
        let body = prop::collection::vec(inner, 0..5);
        prop_oneof![
            (
                pick(KEYWORDS),
                prop::option::of(pick(NAMES)),
                prop::option::of(pick(LABELS)),
                body.clone()
            )
                .prop_map(|(k, n, l, b)| Stmt::Decl(k, n, l, Some(b))),
            (prop::collection::vec(pick(NAMES), 2..3), body).prop_map(|(c, b)| Stmt::Edge(
                c,
                None,
                Some(b)
            )),
        ]
    });
    prop::collection::vec(stmt, 0..8)
}

/// Writes statements with layout taken from `choices` (used in a cycle).
pub struct Writer {
    choices: Vec<u8>,
    at: usize,
    pub out: String,
    comments: usize,
}

impl Writer {
    pub fn new(choices: Vec<u8>) -> Self {
        let choices = if choices.is_empty() { vec![0] } else { choices };
        Writer {
            choices,
            at: 0,
            out: String::new(),
            comments: 0,
        }
    }

    fn choose(&mut self, n: u8) -> u8 {
        let c = self.choices[self.at % self.choices.len()];
        self.at += 1;
        c % n
    }

    fn comment(&mut self) -> String {
        self.comments += 1;
        format!("# c{} \"not a string", self.comments)
    }

    fn pad(&mut self) -> &'static str {
        ["", " ", "  ", "\t", "    "][self.choose(5) as usize]
    }

    /// Statements at the start of a line; leaves the text at the start of a line.
    pub fn stmts(&mut self, stmts: &[Stmt]) {
        for s in stmts {
            if self.choose(5) == 0 {
                let (pad, c) = (self.pad(), self.comment());
                self.out.push_str(&format!("{pad}{c}\n"));
            }
            let pad = self.pad();
            self.out.push_str(pad);
            self.stmt(s);
            match self.choose(6) {
                0 => self.out.push_str(" ;"),
                1 => {
                    let c = self.comment();
                    self.out.push_str(&format!("  {c}"));
                }
                2 => self.out.push_str("\n   \n"),
                _ => {}
            }
            self.out.push('\n');
            if self.choose(6) == 0 {
                self.out.push_str(";\n");
            }
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::Attr(k, v, anns) => {
                let sp = self.pad();
                self.out.push_str(&format!("{k}{sp}: "));
                self.val(v);
                for a in anns {
                    self.out.push(' ');
                    self.out.push_str(a);
                }
            }
            Stmt::Decl(k, n, l, body) => {
                self.out.push_str(k);
                for part in [n, l].into_iter().flatten() {
                    self.out.push(' ');
                    self.out.push_str(part);
                }
                if let Some(b) = body {
                    self.out.push(' ');
                    self.block(b);
                }
            }
            Stmt::Edge(chain, l, body) => {
                let arrow = if self.choose(2) == 0 { " -> " } else { "->" };
                self.out.push_str(&chain.join(arrow));
                if let Some(l) = l {
                    self.out.push_str(&format!(": {l}"));
                }
                if let Some(b) = body {
                    self.out.push(' ');
                    self.block(b);
                }
            }
            Stmt::Item(s) => self.out.push_str(s),
        }
    }

    fn block(&mut self, body: &[Stmt]) {
        if self.choose(2) == 0 && body.iter().all(flat) {
            self.out.push('{');
            for (i, s) in body.iter().enumerate() {
                self.out.push_str(if i == 0 { " " } else { "; " });
                self.stmt(s);
            }
            self.out.push_str(" }");
        } else {
            self.out.push('{');
            if self.choose(4) == 0 {
                let c = self.comment();
                self.out.push_str(&format!(" {c}"));
            }
            self.out.push('\n');
            self.stmts(body);
            let pad = self.pad();
            self.out.push_str(&format!("{pad}}}"));
        }
    }

    fn val(&mut self, v: &Val) {
        match v {
            Val::Leaf(l) => self.out.push_str(l),
            Val::List(items) if self.choose(2) == 0 && items.iter().all(flat_val) => {
                let parts: Vec<String> = items.iter().map(inline_val).collect();
                self.out.push('[');
                self.out.push_str(&parts.join(", "));
                if self.choose(3) == 0 && !parts.is_empty() {
                    self.out.push(',');
                }
                self.out.push(']');
            }
            Val::List(items) => {
                self.out.push_str("[\n");
                for (i, item) in items.iter().enumerate() {
                    if self.choose(4) == 0 {
                        let c = self.comment();
                        self.out.push_str(&format!("{c}\n"));
                    }
                    self.val(item);
                    if i + 1 < items.len() || self.choose(2) == 0 {
                        self.out.push(',');
                    }
                    if self.choose(4) == 0 {
                        let c = self.comment();
                        self.out.push_str(&format!(" {c}"));
                    }
                    self.out.push('\n');
                }
                self.out.push(']');
            }
        }
    }
}

/// Whether a statement can stand inside a one-line block.
fn flat(s: &Stmt) -> bool {
    match s {
        Stmt::Attr(_, v, _) => flat_val(v),
        Stmt::Decl(_, _, _, b) | Stmt::Edge(_, _, b) => b.is_none(),
        Stmt::Item(_) => true,
    }
}

fn flat_val(v: &Val) -> bool {
    match v {
        Val::Leaf(l) => !l.contains('\n'),
        Val::List(items) => items.iter().all(flat_val),
    }
}

fn inline_val(v: &Val) -> String {
    match v {
        Val::Leaf(l) => l.to_string(),
        Val::List(items) => format!(
            "[{}]",
            items.iter().map(inline_val).collect::<Vec<_>>().join(", ")
        ),
    }
}
