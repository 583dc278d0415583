//! Document symbols: the outline, one symbol per declaration, nested as written.

use lsp_types::{DocumentSymbol, SymbolKind};

use super::document::Document;
use crate::model::kinds::ComponentKind;
use crate::syntax::ast::{Stmt, Value};

pub fn document_symbols(doc: &Document) -> Vec<DocumentSymbol> {
    outline(doc, &doc.spec.statements, "")
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be written.
fn outline(doc: &Document, stmts: &[Stmt], parent: &str) -> Vec<DocumentSymbol> {
    let mut out = Vec::new();
    for stmt in stmts {
        let (name, detail, kind, span, selection, children) = match stmt {
            Stmt::Decl(d) => {
                let kw = d.keyword.name.as_str();
                let name = d
                    .name
                    .as_ref()
                    .map(|n| n.name.clone())
                    .or_else(|| d.label.as_ref().map(|l| l.value.clone()))
                    .unwrap_or_else(|| kw.to_string());
                let selection = d.name.as_ref().map_or(d.keyword.span, |n| n.span);
                let children = d
                    .body
                    .as_ref()
                    .map(|b| outline(doc, &b.statements, kw))
                    .unwrap_or_default();
                (
                    name,
                    Some(kw.to_string()),
                    kind_of(kw),
                    d.span,
                    selection,
                    children,
                )
            }
            Stmt::Attr(a) if parent == "entity" || parent == "params" => {
                let detail = match &a.value {
                    Value::Type(t) => Some(doc.text[t.span.start..t.span.end].to_string()),
                    _ => None,
                };
                (
                    a.key.name.clone(),
                    detail,
                    SymbolKind::FIELD,
                    a.span,
                    a.key.span,
                    Vec::new(),
                )
            }
            Stmt::Edge(e) => {
                let names: Vec<String> = e.chain.iter().map(|p| p.text()).collect();
                (
                    names.join(" -> "),
                    e.label.as_ref().map(|l| l.value.clone()),
                    SymbolKind::EVENT,
                    e.span,
                    e.span,
                    Vec::new(),
                )
            }
            _ => continue,
        };
        out.push(DocumentSymbol {
            name: if name.is_empty() { "_".into() } else { name },
            detail,
            kind,
            tags: None,
            deprecated: None,
            range: doc.range(span),
            selection_range: doc.range(selection),
            children: (!children.is_empty()).then_some(children),
        });
    }
    out
}

fn kind_of(keyword: &str) -> SymbolKind {
    if ComponentKind::parse(keyword).is_some() {
        return SymbolKind::CLASS;
    }
    match keyword {
        "entity" => SymbolKind::STRUCT,
        "model" => SymbolKind::OBJECT,
        "pipeline" => SymbolKind::FUNCTION,
        "stage" => SymbolKind::METHOD,
        "api" => SymbolKind::INTERFACE,
        "group" => SymbolKind::PACKAGE,
        "get" | "post" | "put" | "patch" | "delete" | "rpc" => SymbolKind::METHOD,
        _ => SymbolKind::NAMESPACE,
    }
}
