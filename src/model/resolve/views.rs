//! `view NAME "Title" { include: [...]; exclude: [...]; direction: ... }` inside `diagrams`:
//! a focus view drawing only some components and groups.

use super::Resolver;
use super::attrs::{Attrs, one_or_many};
use super::symbols::SymKind;
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::model::kinds::Direction;
use crate::model::types::{ComponentId, Endpoint, FocusView, GroupId};
use crate::model::vocab;
use crate::syntax::ast::{Decl, Value};

impl Resolver<'_> {
    pub(super) fn focus_view(&mut self, d: &Decl) {
        let Some(name) = self.require_name(d, "a `view`") else {
            return;
        };
        if let Some(first) = self
            .model
            .diagrams
            .focus
            .iter()
            .find(|v| v.named.name == name.name)
        {
            let first = first.named.name_span;
            self.error(
                Diagnostic::error(
                    codes::E034,
                    name.span,
                    format!("view `{}` appears twice in `diagrams`", name.name),
                )
                .with_help("give each view its own name, or merge the two")
                .with_note(first, "first declared here"),
            );
            return;
        }
        let context = format!("view `{}`", name.name);
        let attrs = self.attrs(d.body.as_ref(), &context, &vocab::FOCUS_VIEW);
        let inner_context = format!("inside {context}");
        self.decls(d.body.as_ref(), &inner_context, |r, inner| {
            r.bad_keyword(inner, &inner_context, &[])
        });
        let include = self.parts(&attrs, "include");
        if include.is_empty() && !attrs.has("include") {
            self.error(
                Diagnostic::error(
                    codes::E045,
                    name.span,
                    format!("view `{}` needs `include`", name.name),
                )
                .with_help("name what it shows: `include: [GROUP, COMPONENT]`"),
            );
        }
        let exclude = self.parts(&attrs, "exclude");
        let view = FocusView {
            named: self.named(d, name),
            include,
            exclude,
            direction: self.word(&attrs, "direction", Direction::parse, Direction::WORDS),
            first: self.parts(&attrs, "first"),
            last: self.parts(&attrs, "last"),
        };
        self.model.diagrams.focus.push(view);
    }

    /// The components and groups an `include`/`exclude`/`first`/`last` list names.
    pub(super) fn parts(&mut self, attrs: &Attrs, key: &str) -> Vec<Endpoint> {
        let Some(a) = attrs.get(key) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for v in one_or_many(&a.value) {
            let path = match v {
                Value::Type(t) => t.as_path(),
                _ => None,
            };
            let Some(path) = path.filter(|p| p.segments.len() == 1) else {
                self.wrong_kind(
                    v,
                    key,
                    "names of components or groups",
                    "[online, features]",
                );
                continue;
            };
            let wanted = "a component or a group";
            let accepts = |k: SymKind| matches!(k, SymKind::Component(_) | SymKind::Group);
            let Some(sym) = self.lookup(path, wanted, accepts, &format!("`{key}`")) else {
                continue;
            };
            let part = match sym.kind {
                SymKind::Group => Endpoint::Group(GroupId(sym.id)),
                _ => Endpoint::Component(ComponentId(sym.id)),
            };
            if !out.contains(&part) {
                out.push(part);
            }
        }
        out
    }
}
