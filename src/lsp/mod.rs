//! `docket lsp`: a language server over standard input and output, for any editor that
//! speaks the Language Server Protocol.
//!
//! - Diagnostics as you type: the workspace is compiled exactly as `check` compiles it
//!   (same rules, codes, positions, git history), with the editor's unsaved buffers
//!   standing in for their files ([`crate::load::Overlay`]).
//! - Completion of field names, enum values, people (staff and the client's contacts) and
//!   work-order numbers; hover on a person or a number; go to definition from an id, a
//!   number or a relative link; a quick fix for a "did you mean" that has one answer.
//!
//! The workspace of a document is the nearest folder above it with a `docket.yaml`.
//! Positions follow the encoding agreed at initialisation: UTF-8 when the editor offers
//! it, else UTF-16 (the protocol's default).

mod features;
mod text;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{
    CodeActionKind, CodeActionProviderCapability, CompletionOptions, HoverProviderCapability,
    InitializeParams, OneOf, PositionEncodingKind, ServerCapabilities, TextDocumentSyncCapability,
    TextDocumentSyncKind, Uri,
};

use crate::compile::{Compile, Compiled};
use crate::error::Error;
use crate::load::Overlay;
pub(crate) use text::Encoding;

/// One workspace the editor has documents open in.
struct Root {
    /// The last compilation, with the open buffers.
    compiled: Option<Compiled>,
    /// Whether a buffer changed since.
    dirty: bool,
    /// Files that were last sent diagnostics (to clear them when they have none).
    published: BTreeSet<String>,
}

struct Server {
    connection: Connection,
    encoding: Encoding,
    /// Open documents: absolute path -> text.
    open: HashMap<PathBuf, String>,
    roots: HashMap<PathBuf, Root>,
}

fn io_error(what: impl std::fmt::Display) -> Error {
    Error::Io {
        path: PathBuf::from("<stdio>"),
        source: std::io::Error::other(what.to_string()),
    }
}

/// Serves until the editor says `exit`.
pub(crate) fn serve() -> Result<i32, Error> {
    let (connection, threads) = Connection::stdio();
    let (id, params) = connection.initialize_start().map_err(io_error)?;
    let params: InitializeParams = serde_json::from_value(params).map_err(io_error)?;
    let utf8 = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref())
        .is_some_and(|e| e.contains(&PositionEncodingKind::UTF8));
    let encoding = if utf8 {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    };
    let capabilities = ServerCapabilities {
        position_encoding: Some(if utf8 {
            PositionEncodingKind::UTF8
        } else {
            PositionEncodingKind::UTF16
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![":".into(), " ".into(), "[".into(), ",".into()]),
            ..CompletionOptions::default()
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(
            lsp_types::CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                ..Default::default()
            },
        )),
        ..ServerCapabilities::default()
    };
    let result = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": { "name": "docket", "version": env!("CARGO_PKG_VERSION") },
    });
    connection.initialize_finish(id, result).map_err(io_error)?;
    let mut server = Server {
        connection,
        encoding,
        open: HashMap::new(),
        roots: HashMap::new(),
    };
    server.run()?;
    drop(server);
    threads.join().map_err(io_error)?;
    Ok(0)
}

/// The path of a `file:` URI.
pub(crate) fn path_of(uri: &Uri) -> Option<PathBuf> {
    let text = uri.as_str().strip_prefix("file://")?;
    Some(PathBuf::from(crate::uri::percent_decode(text)))
}

/// The `file:` URI of a path.
pub(crate) fn uri_of(path: &Path) -> Option<Uri> {
    let path = crate::uri::percent_encode_path(&path.to_string_lossy());
    format!("file://{path}").parse().ok()
}

impl Server {
    fn run(&mut self) -> Result<(), Error> {
        loop {
            let Ok(message) = self.connection.receiver.recv() else {
                return Ok(());
            };
            match message {
                Message::Request(req) => {
                    if self.connection.handle_shutdown(&req).map_err(io_error)? {
                        return Ok(());
                    }
                    self.refresh()?;
                    let response = self.request(req);
                    self.send(Message::Response(response))?;
                }
                Message::Notification(note) => {
                    if note.method == lsp_types::notification::Exit::METHOD {
                        return Ok(());
                    }
                    self.notification(note);
                    // Typing sends a change per key: compile once the queue is empty.
                    if self.connection.receiver.is_empty() {
                        self.refresh()?;
                    }
                }
                Message::Response(_) => {}
            }
        }
    }

    fn send(&self, message: Message) -> Result<(), Error> {
        self.connection.sender.send(message).map_err(io_error)
    }

    fn notification(&mut self, note: Notification) {
        use lsp_types::notification::{
            DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
        };
        fn read<P: serde::de::DeserializeOwned>(params: serde_json::Value) -> Option<P> {
            serde_json::from_value(params).ok()
        }
        let params = note.params;
        let touched = match note.method.as_str() {
            DidOpenTextDocument::METHOD => read::<lsp_types::DidOpenTextDocumentParams>(params)
                .and_then(|p| {
                    let path = path_of(&p.text_document.uri)?;
                    self.open.insert(path.clone(), p.text_document.text);
                    Some(path)
                }),
            DidChangeTextDocument::METHOD => {
                read::<lsp_types::DidChangeTextDocumentParams>(params).and_then(|p| {
                    let path = path_of(&p.text_document.uri)?;
                    // Full synchronisation: the last change holds the whole text.
                    let text = p.content_changes.into_iter().last()?.text;
                    self.open.insert(path.clone(), text);
                    Some(path)
                })
            }
            DidCloseTextDocument::METHOD => read::<lsp_types::DidCloseTextDocumentParams>(params)
                .and_then(|p| {
                    let path = path_of(&p.text_document.uri)?;
                    self.open.remove(&path);
                    Some(path)
                }),
            DidSaveTextDocument::METHOD => read::<lsp_types::DidSaveTextDocumentParams>(params)
                .and_then(|p| path_of(&p.text_document.uri)),
            _ => None,
        };
        if let Some((root, _)) = touched.and_then(|p| crate::load::paths::workspace_of(&p).ok()) {
            self.roots
                .entry(root)
                .or_insert_with(|| Root {
                    compiled: None,
                    dirty: true,
                    published: BTreeSet::new(),
                })
                .dirty = true;
        }
    }

    /// Recompiles every workspace whose buffers changed, and publishes its diagnostics.
    fn refresh(&mut self) -> Result<(), Error> {
        let dirty: Vec<PathBuf> = self
            .roots
            .iter()
            .filter(|(_, r)| r.dirty)
            .map(|(p, _)| p.clone())
            .collect();
        for root in dirty {
            let overlay: Overlay = self
                .open
                .iter()
                .filter_map(|(path, text)| {
                    let rel = path.strip_prefix(&root).ok()?;
                    Some((rel.to_string_lossy().replace('\\', "/"), text.clone()))
                })
                .collect();
            let compiled =
                crate::compile::compile_overlay(&root, None, Compile::WithHistory, &overlay).ok();
            let mut messages = Vec::new();
            let mut now = BTreeSet::new();
            if let Some(c) = &compiled {
                for (file, diagnostics) in features::diagnostics(c, self.encoding) {
                    now.insert(file.clone());
                    messages.push((file, diagnostics));
                }
            }
            let Some(state) = self.roots.get_mut(&root) else {
                continue;
            };
            for gone in state.published.difference(&now) {
                messages.push((gone.clone(), Vec::new()));
            }
            state.published = now;
            state.compiled = compiled;
            state.dirty = false;
            for (file, diagnostics) in messages {
                let Some(uri) = uri_of(&root.join(&file)) else {
                    continue;
                };
                let params = lsp_types::PublishDiagnosticsParams {
                    uri,
                    diagnostics,
                    version: None,
                };
                self.send(Message::Notification(Notification::new(
                    lsp_types::notification::PublishDiagnostics::METHOD.to_string(),
                    params,
                )))?;
            }
        }
        Ok(())
    }

    /// The compiled workspace of a document, its path in it and the buffer's text.
    fn context(&self, uri: &Uri) -> Option<features::Doc<'_>> {
        let path = path_of(uri)?;
        let (root, rel) = crate::load::paths::workspace_of(&path).ok()?;
        let compiled = self.roots.get(&root)?.compiled.as_ref()?;
        let text = match self.open.get(&path) {
            Some(t) => t.clone(),
            None => std::fs::read_to_string(&path).ok()?,
        };
        Some(features::Doc {
            compiled,
            root,
            rel,
            text,
            encoding: self.encoding,
        })
    }

    fn request(&self, req: Request) -> Response {
        use lsp_types::request::{CodeActionRequest, Completion, GotoDefinition, HoverRequest};
        let Request { id, method, params } = req;
        match method.as_str() {
            Completion::METHOD => answer(id, params, |p: lsp_types::CompletionParams| {
                let at = p.text_document_position;
                self.context(&at.text_document.uri)
                    .map(|doc| doc.complete(at.position))
                    .unwrap_or_default()
            }),
            HoverRequest::METHOD => answer(id, params, |p: lsp_types::HoverParams| {
                let at = p.text_document_position_params;
                self.context(&at.text_document.uri)
                    .and_then(|doc| doc.hover(at.position))
            }),
            GotoDefinition::METHOD => answer(id, params, |p: lsp_types::GotoDefinitionParams| {
                let at = p.text_document_position_params;
                self.context(&at.text_document.uri)
                    .and_then(|doc| doc.definition(at.position))
            }),
            CodeActionRequest::METHOD => answer(id, params, |p: lsp_types::CodeActionParams| {
                features::quick_fixes(&p)
            }),
            _ => Response::new_err(
                id,
                lsp_server::ErrorCode::MethodNotFound as i32,
                format!("docket does not answer {method}"),
            ),
        }
    }
}

/// The response to a request whose parameters are `P`: `f`'s answer, or an error saying
/// the parameters did not read.
fn answer<P, R>(id: RequestId, params: serde_json::Value, f: impl FnOnce(P) -> R) -> Response
where
    P: serde::de::DeserializeOwned,
    R: serde::Serialize,
{
    match serde_json::from_value::<P>(params) {
        Ok(p) => Response::new_ok(id, f(p)),
        Err(e) => Response::new_err(
            id,
            lsp_server::ErrorCode::InvalidParams as i32,
            e.to_string(),
        ),
    }
}
