//! `clausec lsp`: a Language Server Protocol server on standard input and
//! output, so an editor shows clausec's diagnostics while the lawyer types,
//! and the obligations each line produces right next to it.
//!
//! Part of the binary, not the library: it does I/O. Every request is
//! answered from a fresh analysis of the agreement folder of the file in
//! question, with the editor's unsaved texts standing in for the files on
//! disk. The letter takes a few milliseconds to analyse, so there is no
//! cache to keep in step.
//!
//! Nothing the editor sends stops the server but `exit`: frames are read
//! with limits ([`frame`]), a message that cannot be read gets an error
//! answer and a line on standard error, and only regular files inside the
//! workspace are read ([`workspace`]). One thread reads a message, answers
//! it and reads the next, so the fuzz target (`fuzz/fuzz_targets/lsp.rs`,
//! which includes this module by its path) drives the whole server with
//! bytes in memory.

mod complete;
mod frame;
mod hint;
mod hover;
mod workspace;

use clausec::diagnostic::{Diagnostic, Severity, Suggestion};
use clausec::load::Overlay;
use clausec::source::{SourceMap, Span, MAX_FILE_BYTES};
use clausec::syntax::ast::Item;
use frame::{Frame, FrameReader};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument, Exit,
    Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, Formatting, GotoDefinition, HoverRequest,
    Initialize, InlayHintRequest, References, Rename, Request as _, Shutdown,
};
use lsp_types::{
    CompletionResponse, Diagnostic as LspDiagnostic, DiagnosticSeverity, DocumentSymbol,
    DocumentSymbolResponse, GotoDefinitionResponse, Hover, HoverContents, InlayHint,
    InlayHintLabel, Location, MarkupContent, MarkupKind, NumberOrString, OneOf, Position,
    PublishDiagnosticsParams, Range, ServerCapabilities, SymbolKind, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextEdit, Url,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use workspace::Workspace;

/// The most text the open documents may hold together: sixteen files of
/// the largest size clausec reads. A document opened past it is read from
/// disk instead, as if it were not open.
const MAX_OPEN_BYTES: u64 = 16 * MAX_FILE_BYTES;

/// Runs the server on standard input and output until the editor says
/// `exit`; the exit code is 0 after a `shutdown` request, else 1, as the
/// protocol asks. The workspace is the folders the editor names in
/// `initialize`, or the current folder if it names none.
pub fn run() -> Result<u8, String> {
    let folder = std::env::current_dir().map_err(|e| e.to_string())?;
    let input = std::io::stdin().lock();
    let output = std::io::BufWriter::new(std::io::stdout().lock());
    Ok(serve(input, output, std::io::stderr(), folder))
}

/// The server over any input and output; `log` gets a line for each message
/// that could not be read or was ignored. `folder` is the workspace when
/// the editor names none. Returns the exit code.
pub fn serve(input: impl BufRead, output: impl Write, log: impl Write, folder: PathBuf) -> u8 {
    let mut frames = FrameReader::new(input);
    let mut server = Server {
        output,
        log,
        open: Overlay::new(),
        open_bytes: 0,
        workspace: Workspace::default(),
        default_folder: folder,
        state: State::Starting,
        editor_gone: false,
        snippets: false,
    };
    while !server.editor_gone {
        let message = match frames.next_frame() {
            Ok(Frame::Body(body)) => decode(&body),
            Ok(Frame::Bad(why)) => Err(Refusal::unreadable(why)),
            Ok(Frame::End) => break,
            Err(e) => {
                server.log(&format!("cannot read from the editor: {e}"));
                break;
            }
        };
        match message {
            Ok(Message::Request(request)) => server.requested(request),
            Ok(Message::Notification(notification)) if notification.method == Exit::METHOD => break,
            Ok(Message::Notification(notification)) => server.notified(notification),
            Ok(Message::Response(_)) => server.log("ignored a response: clausec sends no requests"),
            Err(refusal) => server.refuse(refusal),
        }
    }
    u8::from(server.state != State::ShutDown)
}

/// Where the conversation with the editor is.
#[derive(Debug, PartialEq, Eq)]
enum State {
    /// Before the `initialize` request.
    Starting,
    Running,
    /// After the `shutdown` request: only `exit` is expected.
    ShutDown,
}

/// A message that is not answered as the editor meant: the JSON-RPC error
/// it gets, and the request it answers (`null` when that is not known).
struct Refusal {
    id: Value,
    code: ErrorCode,
    message: String,
}

impl Refusal {
    fn unreadable(message: String) -> Self {
        Refusal {
            id: Value::Null,
            code: ErrorCode::ParseError,
            message,
        }
    }

    fn invalid(id: Value) -> Self {
        Refusal {
            id,
            code: ErrorCode::InvalidRequest,
            message: "a message that is not a request, a response or a notification".to_owned(),
        }
    }
}

/// A frame's body as a message. A body that is not JSON is a parse error; a
/// JSON value that is not a message (not an object, such as a batch, which
/// the protocol does not have; a `method` that is not a name) is an invalid
/// request, answered under its `id` if it has a usable one.
fn decode(body: &[u8]) -> Result<Message, Refusal> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| Refusal::unreadable(format!("a message that is not JSON: {e}")))?;
    let id = value
        .get("id")
        .filter(|id| id.is_number() || id.is_string())
        .cloned()
        .unwrap_or(Value::Null);
    let is_object = value.is_object();
    let has_method = value.get("method").is_some();
    match serde_json::from_value::<Message>(value) {
        Ok(_) if !is_object => Err(Refusal::invalid(id)),
        Ok(Message::Response(_)) if has_method => Err(Refusal::invalid(id)),
        Ok(message) => Ok(message),
        Err(_) => Err(Refusal::invalid(id)),
    }
}

struct Server<W, L> {
    output: W,
    log: L,
    /// The texts of the files open in the editor, by absolute path.
    open: Overlay,
    /// Their total length in bytes.
    open_bytes: u64,
    workspace: Workspace,
    /// The workspace when the editor names no folder.
    default_folder: PathBuf,
    state: State,
    /// Writing to the editor failed: nothing more to do.
    editor_gone: bool,
    /// The editor takes completions as snippets, with placeholders.
    snippets: bool,
}

/// One agreement folder, analysed with the editor's texts.
struct Snapshot {
    sources: SourceMap,
    analysis: clausec::Analysis,
}

impl<W: Write, L: Write> Server<W, L> {
    fn send(&mut self, message: Message) {
        if message.write(&mut self.output).is_err() {
            self.editor_gone = true;
        }
    }

    fn log(&mut self, line: &str) {
        let _ = writeln!(self.log, "clausec lsp: {line}");
    }

    /// Answers a message that could not be taken as the editor meant it
    /// with an error, and logs it.
    fn refuse(&mut self, refusal: Refusal) {
        self.log(&format!("ignored {}", refusal.message));
        let answer = serde_json::json!({
            "jsonrpc": "2.0",
            "id": refusal.id,
            "error": {"code": refusal.code as i32, "message": refusal.message},
        });
        let body = answer.to_string();
        let written = write!(self.output, "Content-Length: {}\r\n\r\n{body}", body.len())
            .and_then(|()| self.output.flush());
        if written.is_err() {
            self.editor_gone = true;
        }
    }

    fn requested(&mut self, request: Request) {
        let method = request.method.as_str();
        let response = match (&self.state, method) {
            (State::Starting, Initialize::METHOD) => self.initialize(request),
            (State::Starting, _) => error(
                request.id,
                ErrorCode::ServerNotInitialized,
                "the server has not been initialized",
            ),
            (State::Running, Shutdown::METHOD) => {
                self.state = State::ShutDown;
                Response::new_ok(request.id, ())
            }
            (State::Running, Initialize::METHOD) => error(
                request.id,
                ErrorCode::InvalidRequest,
                "the server is already initialized",
            ),
            (State::Running, _) => self.answer(request),
            // Asked again, `shutdown` is answered again: the server is
            // already waiting for `exit`.
            (State::ShutDown, Shutdown::METHOD) => Response::new_ok(request.id, ()),
            (State::ShutDown, _) => error(
                request.id,
                ErrorCode::InvalidRequest,
                "the server is shutting down: only `exit` is expected",
            ),
        };
        self.send(Message::Response(response));
    }

    /// Takes the workspace's folders from the editor (its workspace
    /// folders, else its root), and says what the server can do.
    fn initialize(&mut self, request: Request) -> Response {
        let named = workspace_folders(&request.params);
        self.snippets = request
            .params
            .pointer("/capabilities/textDocument/completion/completionItem/snippetSupport")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        self.workspace = if named.is_empty() {
            Workspace::new([self.default_folder.clone()])
        } else {
            Workspace::new(named)
        };
        self.state = State::Running;
        let capabilities = ServerCapabilities {
            text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
            hover_provider: Some(lsp_types::HoverProviderCapability::Simple(true)),
            definition_provider: Some(OneOf::Left(true)),
            references_provider: Some(OneOf::Left(true)),
            rename_provider: Some(OneOf::Left(true)),
            // After a space is where "what may follow" is asked: after a
            // label, a party, a verb, an amount.
            completion_provider: Some(lsp_types::CompletionOptions {
                trigger_characters: Some(vec![" ".to_owned()]),
                ..lsp_types::CompletionOptions::default()
            }),
            document_symbol_provider: Some(OneOf::Left(true)),
            document_formatting_provider: Some(OneOf::Left(true)),
            inlay_hint_provider: Some(OneOf::Left(true)),
            code_action_provider: Some(lsp_types::CodeActionProviderCapability::Simple(true)),
            ..ServerCapabilities::default()
        };
        Response::new_ok(
            request.id,
            serde_json::json!({ "capabilities": capabilities }),
        )
    }

    /// The path a URI names, if the server may read it: a `file:` URI of a
    /// place inside the workspace.
    fn path_of(&self, uri: &Url) -> Option<PathBuf> {
        uri.to_file_path()
            .ok()
            .filter(|path| self.workspace.contains(path))
    }

    fn notified(&mut self, notification: Notification) {
        if self.state != State::Running {
            return; // before `initialize`, or after `shutdown`
        }
        let method = notification.method.clone();
        let path = match method.as_str() {
            DidOpenTextDocument::METHOD => {
                params::<lsp_types::DidOpenTextDocumentParams>(notification.params).map(|p| {
                    let path = self.path_of(&p.text_document.uri);
                    if let Some(path) = &path {
                        self.keep_open(path, p.text_document.text);
                    }
                    path
                })
            }
            DidChangeTextDocument::METHOD => {
                params::<lsp_types::DidChangeTextDocumentParams>(notification.params).map(|p| {
                    let path = self.path_of(&p.text_document.uri);
                    if let (Some(path), Some(change)) =
                        (&path, p.content_changes.into_iter().last())
                    {
                        self.keep_open(path, change.text);
                    }
                    path
                })
            }
            DidSaveTextDocument::METHOD => {
                params::<lsp_types::DidSaveTextDocumentParams>(notification.params)
                    .map(|p| self.path_of(&p.text_document.uri))
            }
            DidCloseTextDocument::METHOD => {
                params::<lsp_types::DidCloseTextDocumentParams>(notification.params).map(|p| {
                    let path = self.path_of(&p.text_document.uri);
                    if let Some(path) = &path {
                        self.close(path);
                    }
                    path
                })
            }
            _ => Ok(None),
        };
        match path {
            Ok(Some(path)) => self.publish_diagnostics(&path),
            Ok(None) => {}
            Err(why) => self.log(&format!("ignored a `{method}` notification: {why}")),
        }
    }

    /// Keeps an editor's text of a file, unless the open texts would then
    /// hold more than [`MAX_OPEN_BYTES`] (the file is then read from disk).
    fn keep_open(&mut self, path: &Path, text: String) {
        self.close(path);
        let length = text.len() as u64;
        if self.open_bytes.saturating_add(length) > MAX_OPEN_BYTES {
            self.log(&format!(
                "the open documents hold more than {} MiB: `{}` is read from disk",
                MAX_OPEN_BYTES / 1024 / 1024,
                path.display()
            ));
            return;
        }
        self.open_bytes += length;
        self.open.insert(path.to_path_buf(), text);
    }

    fn close(&mut self, path: &Path) {
        if let Some(text) = self.open.remove(path) {
            self.open_bytes = self.open_bytes.saturating_sub(text.len() as u64);
        }
    }

    /// Sends the diagnostics of every file of the agreement the file is in
    /// (an empty list clears a file's old ones).
    fn publish_diagnostics(&mut self, path: &Path) {
        let Some(snapshot) = self.snapshot(path) else {
            return;
        };
        for (id, file) in snapshot.sources.iter() {
            if file.text.is_empty() && !file.path.is_file() {
                continue; // the folder's own entry
            }
            let Ok(uri) = Url::from_file_path(&file.path) else {
                continue;
            };
            let diagnostics = snapshot
                .analysis
                .diagnostics
                .iter()
                .filter(|d| d.span().is_some_and(|s| s.file == id))
                .map(|d| to_lsp_diagnostic(d, &file.text))
                .collect();
            let params = PublishDiagnosticsParams {
                uri,
                diagnostics,
                version: None,
            };
            if let Ok(params) = serde_json::to_value(params) {
                self.send(Message::Notification(Notification::new(
                    PublishDiagnostics::METHOD.to_owned(),
                    params,
                )));
            }
        }
    }

    /// The agreement folder a file belongs to, analysed; `None` for a file
    /// outside any agreement, or in a folder outside the workspace.
    fn snapshot(&self, path: &Path) -> Option<Snapshot> {
        let mut dir = path.parent()?.to_path_buf();
        if dir.ends_with("scenarios") {
            dir = dir.parent()?.to_path_buf();
        }
        if !self.workspace.contains(&dir) {
            return None;
        }
        let mut sources = SourceMap::default();
        let analysis = clausec::analyze_with(&dir, &mut sources, &self.open).ok()?;
        Some(Snapshot { sources, analysis })
    }

    fn answer(&self, request: Request) -> Response {
        match request.method.as_str() {
            HoverRequest::METHOD => self.respond(request, Self::hover),
            GotoDefinition::METHOD => self.respond(request, Self::definition),
            References::METHOD => self.respond(request, Self::references),
            Rename::METHOD => self.respond(request, Self::rename),
            Completion::METHOD => self.respond(request, Self::completion),
            DocumentSymbolRequest::METHOD => self.respond(request, Self::symbols),
            Formatting::METHOD => self.respond(request, Self::formatting),
            InlayHintRequest::METHOD => self.respond(request, Self::inlay_hints),
            CodeActionRequest::METHOD => self.respond(request, Self::code_actions),
            _ => error(
                request.id,
                ErrorCode::MethodNotFound,
                "clausec does not answer this request",
            ),
        }
    }

    /// Runs `handler` on the request's parameters: its answer, `null` when
    /// it has none, or an error when the parameters are not of the shape
    /// the protocol gives this request.
    fn respond<P: DeserializeOwned, R: Serialize>(
        &self,
        request: Request,
        handler: impl Fn(&Self, P) -> Option<R>,
    ) -> Response {
        let id = request.id.clone();
        match params::<P>(request.params) {
            Ok(params) => {
                let result = handler(self, params).and_then(|r| serde_json::to_value(r).ok());
                Response::new_ok(id, result.unwrap_or(Value::Null))
            }
            Err(why) => error(id, ErrorCode::InvalidParams, &why),
        }
    }

    // ---- requests ------------------------------------------------------

    /// The file, its text, and the word under the cursor.
    fn at_position(
        &self,
        params: &lsp_types::TextDocumentPositionParams,
    ) -> Option<(PathBuf, String, String)> {
        let path = self.path_of(&params.text_document.uri)?;
        let text = self.text_of(&path)?;
        let offset = to_offset(&text, params.position);
        Some((path, word_at(&text, offset), text)).map(|(path, word, text)| (path, text, word))
    }

    /// The editor's text of a file, else its text on disk; `None` for a
    /// text larger than `check` reads.
    fn text_of(&self, path: &Path) -> Option<String> {
        match self.open.get(path) {
            Some(text) => (text.len() as u64 <= MAX_FILE_BYTES).then(|| text.clone()),
            None => self.workspace.read(path),
        }
    }

    /// A declared name under the cursor, else a word of the language
    /// (outside quotes and comments) with the guide's sentence for it.
    fn hover(&self, params: lsp_types::HoverParams) -> Option<Hover> {
        let position = &params.text_document_position_params;
        let (path, text, word) = self.at_position(position)?;
        let offset = to_offset(&text, position.position);
        let named = self.snapshot(&path).and_then(|snapshot| {
            let (file, _) = snapshot.sources.iter().find(|(_, f)| f.path == path)?;
            let declared = snapshot.analysis.model.declaration_at(file, offset);
            hover::of_name(&snapshot.analysis, &word, declared)
        });
        let scenario_file = path.extension().is_some_and(|e| e == "scenario");
        let value = named.or_else(|| {
            let before = text.get(..offset)?;
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let line_end = text
                .get(offset..)?
                .find('\n')
                .map_or(text.len(), |i| offset + i);
            // A phrase is a few words: the words near the cursor decide
            // which, however long the line.
            let start = boundary_at_or_after(&text, offset.saturating_sub(NEAR).max(line_start));
            let end = boundary_at_or_after(&text, (offset + NEAR).min(line_end));
            let line = text.get(start..end)?;
            complete::in_words(before)
                .then(|| hover::of_keyword(&word, line, scenario_file))
                .flatten()
        })?;
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value,
            }),
            range: None,
        })
    }

    fn definition(
        &self,
        params: lsp_types::GotoDefinitionParams,
    ) -> Option<GotoDefinitionResponse> {
        let (snapshot, declared) = self.declared_under(&params.text_document_position_params)?;
        Some(GotoDefinitionResponse::Scalar(to_location(
            &snapshot.sources,
            declared,
        )?))
    }

    /// Every use of the name under the cursor, and its declaration: from
    /// the checker's table of resolved names, so a word that only looks the
    /// same (in a quote, a comment, another kind of name) is not one.
    fn references(&self, params: lsp_types::ReferenceParams) -> Option<Vec<Location>> {
        let (snapshot, declared) = self.declared_under(&params.text_document_position)?;
        let model = &snapshot.analysis.model;
        let declaration = params.context.include_declaration.then_some(declared);
        let spans = declaration.into_iter().chain(model.uses_of(declared));
        Some(
            spans
                .filter_map(|span| to_location(&snapshot.sources, span))
                .collect(),
        )
    }

    /// Renames a declared name and every use of it, across the agreement's
    /// files, when the new name is one the language accepts.
    fn rename(&self, params: lsp_types::RenameParams) -> Option<lsp_types::WorkspaceEdit> {
        let new_name = params.new_name.trim();
        if !clausec::syntax::keywords::is_name(new_name) {
            return None;
        }
        let (snapshot, declared) = self.declared_under(&params.text_document_position)?;
        let model = &snapshot.analysis.model;
        let mut changes: std::collections::HashMap<Url, Vec<TextEdit>> =
            std::collections::HashMap::new();
        let old_name = span_text(&snapshot.sources, declared)?.trim_end_matches(':');
        for span in std::iter::once(declared).chain(model.uses_of(declared)) {
            let span = name_within(&snapshot.sources, span, old_name)?;
            let location = to_location(&snapshot.sources, span)?;
            changes.entry(location.uri).or_default().push(TextEdit {
                range: location.range,
                new_text: new_name.to_owned(),
            });
        }
        Some(lsp_types::WorkspaceEdit {
            changes: Some(changes),
            ..lsp_types::WorkspaceEdit::default()
        })
    }

    /// The agreement analysed, and the declaration of the name at the
    /// position: the position is on a use the checker resolved, or on the
    /// declaration itself.
    fn declared_under(
        &self,
        position: &lsp_types::TextDocumentPositionParams,
    ) -> Option<(Snapshot, Span)> {
        let path = self.path_of(&position.text_document.uri)?;
        let text = self.text_of(&path)?;
        let offset = to_offset(&text, position.position);
        let snapshot = self.snapshot(&path)?;
        let (file, _) = snapshot.sources.iter().find(|(_, f)| f.path == path)?;
        let model = &snapshot.analysis.model;
        let declared = model.declaration_at(file, offset).or_else(|| {
            model
                .resolutions
                .iter()
                .map(|r| r.declared)
                .find(|d| d.file == file && d.start <= offset && offset <= d.end)
        })?;
        Some((snapshot, declared))
    }

    /// What may follow at the cursor ([`complete`]): the words before it
    /// decide which phrases and names are offered.
    fn completion(&self, params: lsp_types::CompletionParams) -> Option<CompletionResponse> {
        let position = &params.text_document_position;
        let path = self.path_of(&position.text_document.uri)?;
        let text = self.text_of(&path)?;
        let offset = to_offset(&text, position.position);
        if !complete::in_words(text.get(..offset)?) {
            // In text in quotes or a comment: nothing, and no analysis.
            return Some(CompletionResponse::Array(Vec::new()));
        }
        let snapshot = self.snapshot(&path);
        let model = snapshot.as_ref().map(|s| &s.analysis.model);
        let empty = clausec::check::model::Model::default();
        let model = model.unwrap_or(&empty);
        let parties: Vec<&str> = model.parties.keys().map(String::as_str).collect();
        let scenario_file = path.extension().is_some_and(|e| e == "scenario");
        let slot = complete::slot(text.get(..offset)?, scenario_file, &parties);
        Some(CompletionResponse::Array(complete::items(
            &slot,
            model,
            self.snippets,
        )))
    }

    fn symbols(&self, params: lsp_types::DocumentSymbolParams) -> Option<DocumentSymbolResponse> {
        let path = self.path_of(&params.text_document.uri)?;
        let text = self.text_of(&path)?;
        let (ast, _) = clausec::syntax::parse::parse_file(clausec::source::FileId(0), &text);
        let mut symbols = Vec::new();
        for item in &ast.items {
            let Item::Clause(clause) = item else {
                continue;
            };
            let children = clause
                .obligations
                .iter()
                .map(|o| {
                    symbol(
                        o.label
                            .as_ref()
                            .map_or_else(|| o.kind.as_str().to_owned(), |l| l.node.clone()),
                        o.kind.as_str(),
                        SymbolKind::FUNCTION,
                        &text,
                        o.span,
                        None,
                    )
                })
                .collect();
            let title = clause.title.as_ref().map(|t| t.node.clone());
            symbols.push(symbol(
                format!("clause {}", clause.number.node),
                title.as_deref().unwrap_or(""),
                SymbolKind::MODULE,
                &text,
                clause.head_span,
                Some(children),
            ));
        }
        Some(DocumentSymbolResponse::Nested(symbols))
    }

    fn formatting(&self, params: lsp_types::DocumentFormattingParams) -> Option<Vec<TextEdit>> {
        let path = self.path_of(&params.text_document.uri)?;
        let text = self.text_of(&path)?;
        let (before, diagnostics) =
            clausec::syntax::parse::parse_file(clausec::source::FileId(0), &text);
        if diagnostics.iter().any(|d| d.severity == Severity::Error) {
            return None;
        }
        let formatted = clausec::syntax::format::format_text(&text);
        let (after, _) = clausec::syntax::parse::parse_file(clausec::source::FileId(0), &formatted);
        if formatted == text || after != before {
            return Some(Vec::new());
        }
        let end = to_position(&text, text.len());
        Some(vec![TextEdit {
            range: Range::new(Position::new(0, 0), end),
            new_text: formatted,
        }])
    }

    /// One-click fixes: each diagnostic in the range whose help says "did
    /// you mean `X`?" offers to write `X` over the word it underlines.
    fn code_actions(
        &self,
        params: lsp_types::CodeActionParams,
    ) -> Option<lsp_types::CodeActionResponse> {
        let path = self.path_of(&params.text_document.uri)?;
        let snapshot = self.snapshot(&path)?;
        let (file_id, file) = snapshot.sources.iter().find(|(_, f)| f.path == path)?;
        let from = to_offset(&file.text, params.range.start);
        let to = to_offset(&file.text, params.range.end);
        let actions = snapshot
            .analysis
            .diagnostics
            .iter()
            .filter(|d| {
                d.span()
                    .is_some_and(|s| s.file == file_id && s.start <= to && from <= s.end)
            })
            .filter_map(|d| {
                let action = did_you_mean(d, &file.text, &params.text_document.uri)?;
                Some(lsp_types::CodeActionOrCommand::CodeAction(action))
            })
            .collect();
        Some(actions)
    }

    /// The evaluated result of each obligation of the file, at the end of
    /// its first line, under the agreement's `base` scenario.
    fn inlay_hints(&self, params: lsp_types::InlayHintParams) -> Option<Vec<InlayHint>> {
        let path = self.path_of(&params.text_document.uri)?;
        let snapshot = self.snapshot(&path)?;
        if snapshot.analysis.has_errors() {
            return Some(Vec::new());
        }
        let (file_id, file) = snapshot.sources.iter().find(|(_, f)| f.path == path)?;
        let scenario = snapshot
            .analysis
            .model
            .scenarios
            .iter()
            .find(|s| s.name.node == "base");
        let ledger = clausec::ledger(&snapshot.analysis, scenario);
        // Each obligation's entries, in one pass (a schedule's installments
        // share its base), in the order the ledger lists them.
        let mut order: Vec<&str> = Vec::new();
        let mut groups: std::collections::BTreeMap<&str, Vec<&clausec::eval::ledger::Entry>> =
            std::collections::BTreeMap::new();
        for entry in &ledger.obligations {
            let group = groups.entry(entry.id.base()).or_default();
            if group.is_empty() && entry.heading.source.file == file_id {
                order.push(entry.id.base());
            }
            group.push(entry);
        }
        let lines = LineStarts::of(&file.text);
        let mut hints = Vec::new();
        for base in order {
            let Some(group) = groups.get(base) else {
                continue;
            };
            let Some(entry) = group.first() else {
                continue;
            };
            let line_end = file
                .text
                .get(entry.heading.source.start..)
                .and_then(|rest| rest.find('\n'))
                .map_or(file.text.len(), |i| entry.heading.source.start + i);
            hints.push(InlayHint {
                position: lines.position(&file.text, line_end),
                label: InlayHintLabel::String(format!("→ {}", hint::label(&ledger, base, group))),
                kind: None,
                text_edits: None,
                tooltip: Some(lsp_types::InlayHintTooltip::MarkupContent(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: hint::explanation(&ledger, base, group),
                })),
                padding_left: Some(true),
                padding_right: None,
                data: None,
            });
        }
        Some(hints)
    }
}

/// The user's words in a hover, which the editor renders as Markdown:
/// nothing they wrote becomes markup (an image fetched from a server, a
/// link, a heading).
fn md(text: &str) -> String {
    clausec::escape::markdown(text)
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be given.
fn symbol(
    name: String,
    detail: &str,
    kind: SymbolKind,
    text: &str,
    span: Span,
    children: Option<Vec<DocumentSymbol>>,
) -> DocumentSymbol {
    let range = Range::new(to_position(text, span.start), to_position(text, span.end));
    DocumentSymbol {
        name,
        detail: (!detail.is_empty()).then(|| detail.to_owned()),
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range: range,
        children,
    }
}

fn error(id: RequestId, code: ErrorCode, message: &str) -> Response {
    Response::new_err(id, code as i32, message.to_owned())
}

/// A message's parameters, decoded as the protocol defines them; else why
/// not (briefly: the reason can quote a whole document).
fn params<P: DeserializeOwned>(params: Value) -> Result<P, String> {
    serde_json::from_value(params).map_err(|e| {
        let why = e.to_string();
        let brief: String = why.chars().take(200).collect();
        format!("its parameters are not as the protocol defines them: {brief}")
    })
}

/// The folders the editor opened, from `initialize`'s parameters: its
/// workspace folders, else its root URI, else its root path.
fn workspace_folders(params: &Value) -> Vec<PathBuf> {
    let from_uri = |uri: &Value| {
        uri.as_str()
            .and_then(|uri| Url::parse(uri).ok())
            .and_then(|uri| uri.to_file_path().ok())
    };
    let folders: Vec<PathBuf> = params
        .get("workspaceFolders")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|folder| folder.get("uri").and_then(from_uri))
        .collect();
    if !folders.is_empty() {
        return folders;
    }
    params
        .get("rootUri")
        .and_then(from_uri)
        .or_else(|| {
            params
                .get("rootPath")
                .and_then(Value::as_str)
                .map(PathBuf::from)
                .filter(|p| p.is_absolute())
        })
        .into_iter()
        .collect()
}

fn to_lsp_diagnostic(diagnostic: &Diagnostic, text: &str) -> LspDiagnostic {
    let span = diagnostic.span().unwrap_or_default();
    let mut message = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    LspDiagnostic {
        range: Range::new(to_position(text, span.start), to_position(text, span.end)),
        severity: Some(match diagnostic.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(diagnostic.code.as_str().to_owned())),
        source: Some("clausec".to_owned()),
        message,
        // What "did you mean" suggests, for an editor that builds its own fix.
        data: (diagnostic.suggestion.as_ref()).map(|s| serde_json::json!({ "suggestion": s.text })),
        ..LspDiagnostic::default()
    }
}

/// The fix a "did you mean" offers: the suggestion written over the
/// misspelt word (the month of a misspelt date, a name).
fn did_you_mean(diagnostic: &Diagnostic, text: &str, uri: &Url) -> Option<lsp_types::CodeAction> {
    let Suggestion {
        span,
        text: suggested,
    } = diagnostic.suggestion.as_deref()?;
    let word = text.get(span.start..span.end)?;
    let edit = TextEdit {
        range: Range::new(to_position(text, span.start), to_position(text, span.end)),
        new_text: suggested.clone(),
    };
    let changes = std::collections::HashMap::from([(uri.clone(), vec![edit])]);
    Some(lsp_types::CodeAction {
        title: format!("write `{suggested}` for `{word}`"),
        kind: Some(lsp_types::CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![to_lsp_diagnostic(diagnostic, text)]),
        edit: Some(lsp_types::WorkspaceEdit {
            changes: Some(changes),
            ..lsp_types::WorkspaceEdit::default()
        }),
        is_preferred: Some(true),
        ..lsp_types::CodeAction::default()
    })
}

fn span_text(sources: &SourceMap, span: Span) -> Option<&str> {
    sources.get(span.file)?.text.get(span.start..span.end)
}

/// Where the name is in a use of it: the whole use, or the last part of a
/// ledger id (`severance` in `expect 2(b).severance ...`). `None` when the
/// use does not end with the name: a rename would then break it.
fn name_within(sources: &SourceMap, span: Span, name: &str) -> Option<Span> {
    let used = span_text(sources, span)?.trim_end_matches(':');
    if used == name {
        return Some(Span::new(span.file, span.start, span.start + name.len()));
    }
    let prefix = used.strip_suffix(name)?;
    prefix.ends_with('.').then(|| {
        Span::new(
            span.file,
            span.start + prefix.len(),
            span.start + used.len(),
        )
    })
}

fn to_location(sources: &SourceMap, span: Span) -> Option<Location> {
    let file = sources.get(span.file)?;
    let uri = Url::from_file_path(&file.path).ok()?;
    Some(Location::new(
        uri,
        Range::new(
            to_position(&file.text, span.start),
            to_position(&file.text, span.end),
        ),
    ))
}

/// A byte offset as an LSP position: a line, and a column in UTF-16 units.
fn to_position(text: &str, offset: usize) -> Position {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or("");
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column: usize = before
        .get(line_start..)
        .unwrap_or("")
        .chars()
        .map(char::len_utf16)
        .sum();
    Position::new(
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(column).unwrap_or(u32::MAX),
    )
}

/// How far either side of the cursor a hover looks for the phrase a word
/// belongs to, in bytes.
const NEAR: usize = 240;

/// The first character boundary at or after a byte offset.
fn boundary_at_or_after(text: &str, offset: usize) -> usize {
    (offset..text.len())
        .find(|i| text.is_char_boundary(*i))
        .unwrap_or(text.len())
}

/// Where each line of a text starts, so that many offsets become
/// positions without counting lines from the start each time (a file of
/// thousands of obligations gets as many hints).
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn of(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineStarts(starts)
    }

    /// The same position as [`to_position`].
    fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let line = self
            .0
            .partition_point(|start| *start <= offset)
            .saturating_sub(1);
        let start = self.0.get(line).copied().unwrap_or(0);
        let column: usize = text
            .get(start..offset)
            .unwrap_or("")
            .chars()
            .map(char::len_utf16)
            .sum();
        Position::new(
            u32::try_from(line).unwrap_or(u32::MAX),
            u32::try_from(column).unwrap_or(u32::MAX),
        )
    }
}

/// An LSP position as a byte offset (clamped to the text).
fn to_offset(text: &str, position: Position) -> usize {
    let mut offset = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        if index == position.line as usize {
            let mut units = 0;
            for (i, c) in line.char_indices() {
                if units >= position.character as usize {
                    return offset + i;
                }
                units += c.len_utf16();
            }
            return offset + line.trim_end_matches('\n').len();
        }
        offset += line.len();
    }
    text.len()
}

/// The name or clause number under the cursor: letters, digits, `_`, and
/// the parentheses of a clause number (`2(b)`).
fn word_at(text: &str, offset: usize) -> String {
    let is_word = |c: char| c.is_alphanumeric() || matches!(c, '_' | '(' | ')' | '.' | '-');
    let start = text
        .get(..offset)
        .unwrap_or("")
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(offset, |(i, _)| i);
    let end = text
        .get(offset..)
        .unwrap_or("")
        .char_indices()
        .find(|(_, c)| !is_word(*c))
        .map_or(text.len(), |(i, _)| offset + i);
    let word = text.get(start..end).unwrap_or("");
    // `employee)` or `(annual_salary`: keep the parentheses only for a clause number.
    let trimmed = word.trim_end_matches('.').trim_start_matches('(');
    if trimmed.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        trimmed.to_owned()
    } else {
        trimmed
            .trim_end_matches(')')
            .split('(')
            .next()
            .unwrap_or("")
            .to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units() {
        let text = "a\n€b\n";
        assert_eq!(to_position(text, 5), Position::new(1, 1));
        assert_eq!(to_offset(text, Position::new(1, 1)), 5);
        assert_eq!(to_offset(text, Position::new(9, 0)), text.len());
    }

    #[test]
    fn line_starts_give_the_positions_to_position_gives() {
        let text = "a\n€b\n\nclause 2(b) \"x\"";
        let lines = LineStarts::of(text);
        for offset in (0..=text.len()).filter(|i| text.is_char_boundary(*i)) {
            assert_eq!(
                lines.position(text, offset),
                to_position(text, offset),
                "{offset}"
            );
        }
    }

    #[test]
    fn words_and_clause_numbers_under_the_cursor() {
        let text = "company pays employee annual_salary * 6\nclause 2(b) \"x\"";
        assert_eq!(word_at(text, 10), "pays");
        assert_eq!(word_at(text, 25), "annual_salary");
        assert_eq!(word_at(text, 48), "2(b)");
    }
}
