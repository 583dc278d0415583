//! Python literals (dicts, lists, tuples of atoms) -> text wrapped the way ruff-format and
//! black wrap them: on one line when it fits in 88 columns, else one item a line with a
//! trailing comma, each item wrapped the same way.

/// The line length of black and ruff-format.
const LINE_LENGTH: usize = 88;

/// A Python literal.
#[derive(Debug, Clone, PartialEq)]
pub enum Lit {
    /// Already Python text: `1`, `None`, `"x"` (from `py_str`).
    Atom(String),
    List(Vec<Lit>),
    Tuple(Vec<Lit>),
    /// Keys are Python text too.
    Dict(Vec<(String, Lit)>),
}

impl Lit {
    pub fn atom(text: impl Into<String>) -> Self {
        Lit::Atom(text.into())
    }

    /// The literal on one line.
    pub fn flat(&self) -> String {
        match self {
            Lit::Atom(a) => a.clone(),
            Lit::List(items) => format!("[{}]", join(items.iter().map(Lit::flat))),
            Lit::Tuple(items) if items.len() == 1 => format!("({},)", items[0].flat()),
            Lit::Tuple(items) => format!("({})", join(items.iter().map(Lit::flat))),
            Lit::Dict(items) => format!(
                "{{{}}}",
                join(items.iter().map(|(k, v)| format!("{k}: {}", v.flat())))
            ),
        }
    }

    /// The literal's lines when it starts after `lead` characters of the first line (which
    /// sits at `indent` spaces) and `tail` characters follow its last line. The first line has
    /// no indentation; later lines carry theirs.
    pub fn lines(&self, indent: usize, lead: usize, tail: usize) -> Vec<String> {
        let flat = self.flat();
        if lead + flat.chars().count() + tail <= LINE_LENGTH {
            return vec![flat];
        }
        let (open, close, items): (&str, &str, Vec<(String, &Lit)>) = match self {
            Lit::Atom(a) => return vec![a.clone()],
            Lit::List(items) => ("[", "]", items.iter().map(|i| (String::new(), i)).collect()),
            Lit::Tuple(items) => ("(", ")", items.iter().map(|i| (String::new(), i)).collect()),
            Lit::Dict(items) => (
                "{",
                "}",
                items.iter().map(|(k, v)| (format!("{k}: "), v)).collect(),
            ),
        };
        if items.is_empty() {
            return vec![flat];
        }
        let inner = indent + 4;
        let pad = " ".repeat(inner);
        let mut out = vec![open.to_string()];
        for (key, value) in items {
            let mut item = value.lines(inner, inner + key.chars().count(), 1);
            let last = item.len() - 1;
            item[last].push(',');
            item[0] = format!("{pad}{key}{}", item[0]);
            out.extend(item);
        }
        out.push(format!("{}{close}", " ".repeat(indent)));
        out
    }
}

fn join(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::Lit;

    #[test]
    fn short_literals_stay_on_one_line() {
        let d = Lit::Dict(vec![("\"a\"".into(), Lit::List(vec![Lit::atom("1")]))]);
        assert_eq!(d.lines(0, 4, 0), vec!["{\"a\": [1]}"]);
        assert_eq!(Lit::Tuple(vec![Lit::atom("1")]).flat(), "(1,)");
    }

    #[test]
    fn long_literals_wrap_one_item_a_line_with_a_trailing_comma() {
        let long = format!("\"{}\"", "x".repeat(70));
        let d = Lit::Dict(vec![
            ("\"a\"".into(), Lit::atom(long.clone())),
            ("\"b\"".into(), Lit::List(vec![Lit::atom("1")])),
        ]);
        assert_eq!(
            d.lines(0, 4, 0),
            vec![
                "{".to_string(),
                format!("    \"a\": {long},"),
                "    \"b\": [1],".to_string(),
                "}".to_string(),
            ]
        );
    }
}
