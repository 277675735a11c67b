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
//! Workspaces compile on a thread of their own, one compile at a time, so that the editor
//! is answered while a compile runs; a compile that a newer change has made stale is
//! dropped when it ends (its diagnostics are never published), and the workspace is
//! compiled again with the newest buffers. A request (completion, hover, a definition)
//! waits for the compile of its workspace's newest buffers, so that it answers from them.
//! Each compile re-parses only the files whose text changed: the others are the last
//! compile's, held in memory (`compile::Resident`), or come from the parse cache
//! (`load::cache`).
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
#[derive(Default)]
struct Root {
    /// The last compilation, with the open buffers.
    compiled: Option<Compiled>,
    /// Whether a buffer changed since the last compile was started.
    dirty: bool,
    /// Counts the changes to the workspace's buffers.
    generation: u64,
    /// The generation whose compile is running.
    running: Option<u64>,
    /// Files that were last sent diagnostics (to clear them when they have none).
    published: BTreeSet<String>,
}

/// A compile to run: the workspace, its open buffers, and the generation they are.
type Job = (PathBuf, Overlay, u64);
/// A compile's result, for the generation it was started for.
type Done = (PathBuf, u64, Option<Compiled>);

struct Server {
    connection: Connection,
    encoding: Encoding,
    /// Open documents: absolute path -> text.
    open: HashMap<PathBuf, String>,
    roots: HashMap<PathBuf, Root>,
    /// To the compiling thread, and back.
    jobs: crossbeam_channel::Sender<Job>,
    done: crossbeam_channel::Receiver<Done>,
}

/// The compiling thread: compiles each job as it comes, until the server goes.
/// Each workspace's files of its last compile are held for the next (see
/// [`crate::compile::Resident`]): a change re-parses only the buffer that changed.
fn compiler(jobs: crossbeam_channel::Receiver<Job>, done: crossbeam_channel::Sender<Done>) {
    let mut resident: HashMap<PathBuf, crate::compile::Resident> = HashMap::new();
    for (root, overlay, generation) in jobs {
        let held = resident.entry(root.clone()).or_default();
        let compiled =
            crate::compile::compile_resident(&root, Compile::WithHistory, &overlay, held).ok();
        if done.send((root, generation, compiled)).is_err() {
            return;
        }
    }
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
    let (jobs, queue) = crossbeam_channel::unbounded();
    let (finished, done) = crossbeam_channel::unbounded();
    let worker = std::thread::Builder::new()
        .name("compile".into())
        .spawn(move || compiler(queue, finished))
        .map_err(io_error)?;
    let mut server = Server {
        connection,
        encoding,
        open: HashMap::new(),
        roots: HashMap::new(),
        jobs,
        done,
    };
    let served = server.run();
    // The compiling thread ends with its queue, after the compile it is in.
    drop(server);
    let _ = worker.join();
    served?;
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
            let done = self.done.clone();
            crossbeam_channel::select! {
                recv(self.connection.receiver) -> message => {
                    let Ok(message) = message else { return Ok(()) };
                    if !self.message(message)? {
                        return Ok(());
                    }
                }
                recv(done) -> finished => {
                    if let Ok(finished) = finished {
                        self.finished(finished)?;
                    }
                }
            }
        }
    }

    /// Handles one message from the editor; `false` when it says to stop.
    fn message(&mut self, message: Message) -> Result<bool, Error> {
        match message {
            Message::Request(req) => {
                if self.connection.handle_shutdown(&req).map_err(io_error)? {
                    return Ok(false);
                }
                self.settle(&req)?;
                let response = self.request(req);
                self.send(Message::Response(response))?;
            }
            Message::Notification(note) => {
                if note.method == lsp_types::notification::Exit::METHOD {
                    return Ok(false);
                }
                self.notification(note);
                // Typing sends a change per key: compile once the queue is empty.
                if self.connection.receiver.is_empty() {
                    self.start();
                }
            }
            Message::Response(_) => {}
        }
        Ok(true)
    }

    /// Starts a compile of every workspace that changed and has none running.
    fn start(&mut self) {
        for (root, state) in &mut self.roots {
            if !state.dirty || state.running.is_some() {
                continue;
            }
            let overlay: Overlay = self
                .open
                .iter()
                .filter_map(|(path, text)| {
                    let rel = path.strip_prefix(root).ok()?;
                    Some((rel.to_string_lossy().replace('\\', "/"), text.clone()))
                })
                .collect();
            if self
                .jobs
                .send((root.clone(), overlay, state.generation))
                .is_ok()
            {
                state.dirty = false;
                state.running = Some(state.generation);
            }
        }
    }

    /// Waits until the workspace of the document `req` is about has compiled its newest
    /// buffers, publishing what ends meanwhile.
    fn settle(&mut self, req: &Request) -> Result<(), Error> {
        let root = req
            .params
            .pointer("/textDocument/uri")
            .and_then(|u| u.as_str())
            .and_then(|u| u.parse::<Uri>().ok())
            .and_then(|u| path_of(&u))
            .and_then(|p| crate::load::paths::workspace_of(&p).ok())
            .map(|(root, _)| root);
        let Some(root) = root else { return Ok(()) };
        loop {
            self.start();
            let busy = self
                .roots
                .get(&root)
                .is_some_and(|r| r.dirty || r.running.is_some());
            if !busy {
                return Ok(());
            }
            match self.done.recv() {
                Ok(finished) => self.finished(finished)?,
                Err(_) => return Ok(()),
            }
        }
    }

    /// A compile ended: its diagnostics are published unless a newer change made it
    /// stale, and the workspace compiles again if it changed meanwhile.
    fn finished(&mut self, (root, generation, compiled): Done) -> Result<(), Error> {
        let Some(state) = self.roots.get_mut(&root) else {
            return Ok(());
        };
        state.running = None;
        if generation != state.generation {
            // Stale: the newest buffers compile next.
            self.start();
            return Ok(());
        }
        let mut messages = Vec::new();
        let mut now = BTreeSet::new();
        if let Some(c) = &compiled {
            for (file, diagnostics) in features::diagnostics(c, self.encoding) {
                now.insert(file.clone());
                messages.push((file, diagnostics));
            }
        }
        // Every open buffer hears that it was checked, with nothing to show when clean.
        for path in self.open.keys() {
            if let Ok(rel) = path.strip_prefix(&root) {
                let rel = rel.to_string_lossy().replace('\\', "/");
                if now.insert(rel.clone()) {
                    messages.push((rel, Vec::new()));
                }
            }
        }
        for gone in state.published.difference(&now) {
            messages.push((gone.clone(), Vec::new()));
        }
        state.published = now;
        state.compiled = compiled;
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
        self.start();
        Ok(())
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
            let state = self.roots.entry(root).or_default();
            state.dirty = true;
            state.generation += 1;
        }
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
