//! `output { stubs: [python, rust]; formats: [svg, png]; site: true }`: how the spec asks to
//! be built. Every word is checked here (`E056`); the build merges these choices with the
//! command-line flags (`build::Overrides`).

use super::Resolver;
use super::attrs::{Attrs, one_or_many};
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::model::kinds::{DiagramFormat, StubWord};
use crate::model::suggest;
use crate::model::vocab;
use crate::span::Span;
use crate::syntax::ast::{Decl, Value};

impl Resolver<'_> {
    pub(super) fn output(&mut self, d: &Decl) {
        let attrs = self.attrs(d.body.as_ref(), "`output`", &vocab::OUTPUT);
        self.no_decls(d, "`output`");
        self.model.output.span = Some(d.span);
        let stubs = self.output_words(&attrs, "stubs", StubWord::parse, StubWord::WORDS);
        if let Some(words) = &stubs
            && words.len() > 1
            && let Some((_, span)) = words.iter().find(|(w, _)| *w == StubWord::NoStubs)
        {
            self.error(
                Diagnostic::error(
                    codes::E056,
                    *span,
                    "`none` cannot be listed with other stub languages",
                )
                .with_help("write `stubs: [none]` for no stubs, or leave `none` out"),
            );
        }
        self.model.output.stubs = stubs.map(|w| w.into_iter().map(|(w, _)| w).collect());
        self.model.output.formats = self
            .output_words(
                &attrs,
                "formats",
                DiagramFormat::parse,
                DiagramFormat::WORDS,
            )
            .map(|w| w.into_iter().map(|(w, _)| w).collect());
        self.model.output.site = self.boolean(&attrs, "site");
    }

    /// The words of a list attribute of `output`, each once, in the order written; `None`
    /// when the key is not set. An unknown word is `E056` with the nearest word suggested.
    fn output_words<T: PartialEq>(
        &mut self,
        attrs: &Attrs,
        key: &str,
        parse: fn(&str) -> Option<T>,
        words: &[&str],
    ) -> Option<Vec<(T, Span)>> {
        let a = attrs.get(key)?;
        let mut found: Vec<(T, Span)> = Vec::new();
        for v in one_or_many(&a.value) {
            let word = match v {
                Value::Type(t) => t.as_word(),
                _ => None,
            };
            let Some(word) = word else {
                self.wrong_kind(
                    v,
                    key,
                    &format!("a list of words among {}", words.join(", ")),
                    &format!("[{}]", words.join(", ")),
                );
                continue;
            };
            match parse(&word.name) {
                Some(value) if found.iter().any(|(f, _)| *f == value) => {}
                Some(value) => found.push((value, word.span)),
                None => {
                    let what = if key == "stubs" {
                        "stub language"
                    } else {
                        "diagram format"
                    };
                    let help = suggest::did_you_mean(&word.name, words.iter().copied())
                        .unwrap_or_else(|| format!("`{key}` takes: {}", words.join(", ")));
                    self.error(
                        Diagnostic::error(
                            codes::E056,
                            word.span,
                            format!("unknown {what} `{}` in `output.{key}`", word.name),
                        )
                        .with_help(help),
                    );
                }
            }
        }
        Some(found)
    }
}
