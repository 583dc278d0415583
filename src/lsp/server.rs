//! The server loop: initialize, then requests and notifications until `exit`. Edits are
//! debounced: a changed document is re-analysed and its diagnostics published once no edit
//! came for `DEBOUNCE`, or at once when a request needs it.

use std::collections::HashMap;
use std::error::Error;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use crossbeam_channel::RecvTimeoutError;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Notification as _,
    PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, FoldingRangeRequest, Formatting,
    GotoDefinition, HoverRequest, PrepareRenameRequest, References, Rename, Request as _,
};
use lsp_types::*;

use super::document::Document;
use super::{code_actions, completion, diagnostics, folding, formatting, hover, navigation};
use super::{position::LineIndex, symbols};

/// Quiet time after an edit before the document is re-analysed: long enough to coalesce the
/// keystrokes of a burst of typing, short enough that diagnostics still follow a change within
/// the 50 ms budget (re-analysing the reference spec takes well under it).
pub const DEBOUNCE: Duration = Duration::from_millis(25);

type BoxError = Box<dyn Error + Sync + Send>;

/// Serves one client over stdin/stdout until it says `exit`.
pub fn run() -> Result<(), BoxError> {
    let (connection, io) = Connection::stdio();
    let capabilities = serde_json::to_value(capabilities())?;
    connection.initialize(capabilities)?;
    Server {
        connection: &connection,
        docs: HashMap::new(),
        dirty: HashMap::new(),
    }
    .main_loop()?;
    // The writer thread ends when the last sender is gone.
    drop(connection);
    io.join()?;
    Ok(())
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Kind(
            TextDocumentSyncKind::INCREMENTAL,
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![":".into(), ".".into(), " ".into(), "@".into()]),
            ..Default::default()
        }),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..Default::default()
    }
}

struct Server<'c> {
    connection: &'c Connection,
    docs: HashMap<Uri, Document>,
    /// Documents edited since their last analysis: the new text, version and when the quiet
    /// time ends.
    dirty: HashMap<Uri, (String, i32, Instant)>,
}

impl Server<'_> {
    fn main_loop(&mut self) -> Result<(), BoxError> {
        loop {
            let next_deadline = self.dirty.values().map(|(_, _, at)| *at).min();
            let msg = match next_deadline {
                Some(at) => {
                    let wait = at.saturating_duration_since(Instant::now());
                    match self.connection.receiver.recv_timeout(wait) {
                        Ok(m) => m,
                        Err(RecvTimeoutError::Timeout) => {
                            self.flush_due()?;
                            continue;
                        }
                        Err(RecvTimeoutError::Disconnected) => return Ok(()),
                    }
                }
                None => match self.connection.receiver.recv() {
                    Ok(m) => m,
                    Err(_) => return Ok(()),
                },
            };
            match msg {
                Message::Request(req) => {
                    if self.connection.handle_shutdown(&req)? {
                        return Ok(());
                    }
                    let response = self.request(req)?;
                    self.connection.sender.send(Message::Response(response))?;
                }
                Message::Notification(n) => self.notification(n)?,
                Message::Response(_) => {}
            }
        }
    }

    /// Analyses and publishes every dirty document whose quiet time is over.
    fn flush_due(&mut self) -> Result<(), BoxError> {
        let now = Instant::now();
        let due: Vec<Uri> = self
            .dirty
            .iter()
            .filter(|(_, (_, _, at))| *at <= now)
            .map(|(u, _)| u.clone())
            .collect();
        for uri in due {
            self.analyse_now(&uri)?;
        }
        Ok(())
    }

    /// Analyses a dirty document at once and publishes its diagnostics.
    fn analyse_now(&mut self, uri: &Uri) -> Result<(), BoxError> {
        let Some((text, version, _)) = self.dirty.remove(uri) else {
            return Ok(());
        };
        let previous = self.docs.get(uri);
        let made = catch_unwind(AssertUnwindSafe(|| {
            Document::after(text.clone(), version, previous)
        }));
        let doc = match made {
            Ok(doc) => doc,
            // A checker bug must not take the editor's server down: keep the text, no model.
            Err(_) => Document::new(String::new(), version),
        };
        let diagnostics = diagnostics::to_lsp(&doc, uri);
        self.docs.insert(uri.clone(), doc);
        self.publish(uri, diagnostics, Some(version))
    }

    fn publish(
        &self,
        uri: &Uri,
        diagnostics: Vec<lsp_types::Diagnostic>,
        version: Option<i32>,
    ) -> Result<(), BoxError> {
        let params = PublishDiagnosticsParams::new(uri.clone(), diagnostics, version);
        let n = Notification::new(PublishDiagnostics::METHOD.to_string(), params);
        self.connection.sender.send(Message::Notification(n))?;
        Ok(())
    }

    fn notification(&mut self, n: Notification) -> Result<(), BoxError> {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let p: DidOpenTextDocumentParams = serde_json::from_value(n.params)?;
                let doc = p.text_document;
                self.dirty
                    .insert(doc.uri.clone(), (doc.text, doc.version, Instant::now()));
                self.analyse_now(&doc.uri)?;
            }
            DidChangeTextDocument::METHOD => {
                let p: DidChangeTextDocumentParams = serde_json::from_value(n.params)?;
                let uri = p.text_document.uri;
                let mut text = match self.dirty.remove(&uri) {
                    Some((text, _, _)) => text,
                    None => self
                        .docs
                        .get(&uri)
                        .map(|d| d.text.clone())
                        .unwrap_or_default(),
                };
                for change in p.content_changes {
                    apply(&mut text, change);
                }
                let at = Instant::now() + DEBOUNCE;
                self.dirty.insert(uri, (text, p.text_document.version, at));
            }
            DidCloseTextDocument::METHOD => {
                let p: DidCloseTextDocumentParams = serde_json::from_value(n.params)?;
                let uri = p.text_document.uri;
                self.dirty.remove(&uri);
                self.docs.remove(&uri);
                self.publish(&uri, Vec::new(), None)?;
            }
            _ => {}
        }
        Ok(())
    }

    fn request(&mut self, req: Request) -> Result<Response, BoxError> {
        let id = req.id.clone();
        let uri = uri_of(&req.params);
        if let Some(uri) = &uri
            && self.dirty.contains_key(uri)
        {
            self.analyse_now(uri)?;
        }
        let Some(doc) = uri.as_ref().and_then(|u| self.docs.get(u)) else {
            return Ok(Response::new_err(
                id,
                ErrorCode::InvalidParams as i32,
                "the document is not open".into(),
            ));
        };
        let uri = uri.expect("a document was found by its uri");
        let method = req.method.clone();
        let answer = catch_unwind(AssertUnwindSafe(|| answer(doc, &uri, req)));
        Ok(match answer {
            Ok(Ok(value)) => Response::new_ok(id, value),
            Ok(Err(Refused::Request(message))) => {
                Response::new_err(id, ErrorCode::RequestFailed as i32, message)
            }
            Ok(Err(Refused::Params(message))) => {
                Response::new_err(id, ErrorCode::InvalidParams as i32, message)
            }
            Ok(Err(Refused::Unknown)) => Response::new_err(
                id,
                ErrorCode::MethodNotFound as i32,
                format!("unhandled method {method}"),
            ),
            Err(_) => Response::new_err(
                id,
                ErrorCode::InternalError as i32,
                format!("internal error while answering {method}"),
            ),
        })
    }
}

enum Refused {
    Request(String),
    Params(String),
    Unknown,
}

fn params<P: serde::de::DeserializeOwned>(req: Request) -> Result<P, Refused> {
    serde_json::from_value(req.params).map_err(|e| Refused::Params(e.to_string()))
}

fn json<T: serde::Serialize>(value: T) -> Result<serde_json::Value, Refused> {
    serde_json::to_value(value).map_err(|e| Refused::Request(e.to_string()))
}

/// Answers one request on one document.
fn answer(doc: &Document, uri: &Uri, req: Request) -> Result<serde_json::Value, Refused> {
    match req.method.as_str() {
        HoverRequest::METHOD => {
            let p: HoverParams = params(req)?;
            json(hover::hover(doc, p.text_document_position_params.position))
        }
        Completion::METHOD => {
            let p: CompletionParams = params(req)?;
            json(completion::complete(doc, p.text_document_position.position))
        }
        GotoDefinition::METHOD => {
            let p: GotoDefinitionParams = params(req)?;
            let position = p.text_document_position_params.position;
            json(navigation::definition(doc, uri, position).map(GotoDefinitionResponse::Scalar))
        }
        References::METHOD => {
            let p: ReferenceParams = params(req)?;
            let include = p.context.include_declaration;
            json(navigation::references(
                doc,
                uri,
                p.text_document_position.position,
                include,
            ))
        }
        PrepareRenameRequest::METHOD => {
            let p: TextDocumentPositionParams = params(req)?;
            json(navigation::prepare_rename(doc, p.position))
        }
        Rename::METHOD => {
            let p: RenameParams = params(req)?;
            let position = p.text_document_position.position;
            navigation::rename(doc, uri, position, &p.new_name)
                .map_err(Refused::Request)
                .and_then(json)
        }
        DocumentSymbolRequest::METHOD => json(DocumentSymbolResponse::Nested(
            symbols::document_symbols(doc),
        )),
        FoldingRangeRequest::METHOD => json(folding::folding_ranges(doc)),
        Formatting::METHOD => json(formatting::format(doc)),
        CodeActionRequest::METHOD => {
            let p: CodeActionParams = params(req)?;
            let actions: Vec<CodeActionOrCommand> = code_actions::code_actions(doc, &p)
                .into_iter()
                .map(CodeActionOrCommand::CodeAction)
                .collect();
            json(actions)
        }
        _ => Err(Refused::Unknown),
    }
}

/// The document a request is about (`params.textDocument.uri`).
fn uri_of(params: &serde_json::Value) -> Option<Uri> {
    let uri = params.get("textDocument")?.get("uri")?.as_str()?;
    uri.parse().ok()
}

/// Applies one content change to `text`: a range edit, or the whole text.
fn apply(text: &mut String, change: TextDocumentContentChangeEvent) {
    match change.range {
        Some(range) => {
            let lines = LineIndex::new(text);
            let start = lines.offset(text, range.start);
            let end = lines.offset(text, range.end).max(start);
            text.replace_range(start..end, &change.text);
        }
        None => *text = change.text,
    }
}
