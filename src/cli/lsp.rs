//! `clausec lsp`: a Language Server Protocol server on standard input and
//! output, so an editor shows clausec's diagnostics while the lawyer types,
//! and the obligations each line produces right next to it.
//!
//! Part of the binary, not the library: it does I/O. Every request is
//! answered from a fresh analysis of the agreement folder of the file in
//! question, with the editor's unsaved texts standing in for the files on
//! disk. The letter takes a few milliseconds to analyse, so there is no
//! cache to keep in step.

use clausec::diagnostic::{Diagnostic, Severity};
use clausec::load::Overlay;
use clausec::source::{SourceMap, Span};
use clausec::syntax::ast::{Clause, Item};
use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    Completion, DocumentSymbolRequest, Formatting, GotoDefinition, HoverRequest, InlayHintRequest,
    References, Request as _,
};
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionResponse, Diagnostic as LspDiagnostic,
    DiagnosticSeverity, DocumentSymbol, DocumentSymbolResponse, GotoDefinitionResponse, Hover,
    HoverContents, InlayHint, InlayHintLabel, Location, MarkupContent, MarkupKind, NumberOrString,
    OneOf, Position, PublishDiagnosticsParams, Range, ServerCapabilities, SymbolKind,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextEdit, Url,
};
use std::path::{Path, PathBuf};

/// Runs the server until the editor says `exit`.
pub fn run() -> Result<(), String> {
    let (connection, io_threads) = Connection::stdio();
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(lsp_types::HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        completion_provider: Some(lsp_types::CompletionOptions::default()),
        document_symbol_provider: Some(OneOf::Left(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        inlay_hint_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    };
    let capabilities = serde_json::to_value(capabilities).map_err(|e| e.to_string())?;
    connection
        .initialize(capabilities)
        .map_err(|e| e.to_string())?;
    let mut server = Server {
        connection: &connection,
        open: Overlay::new(),
    };
    server.main_loop()?;
    drop(connection);
    io_threads.join().map_err(|e| e.to_string())
}

struct Server<'c> {
    connection: &'c Connection,
    /// The texts of the files open in the editor, by absolute path.
    open: Overlay,
}

/// One agreement folder, analysed with the editor's texts.
struct Snapshot {
    sources: SourceMap,
    analysis: clausec::Analysis,
}

impl Server<'_> {
    fn main_loop(&mut self) -> Result<(), String> {
        for message in &self.connection.receiver {
            match message {
                Message::Request(request) => {
                    if self
                        .connection
                        .handle_shutdown(&request)
                        .map_err(|e| e.to_string())?
                    {
                        return Ok(());
                    }
                    let response = self.answer(&request);
                    self.send(Message::Response(response));
                }
                Message::Notification(notification) => self.notified(notification),
                Message::Response(_) => {}
            }
        }
        Ok(())
    }

    fn send(&self, message: Message) {
        // The editor went away: nothing more to do.
        let _ = self.connection.sender.send(message);
    }

    fn notified(&mut self, notification: Notification) {
        let path = match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(params) = serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(
                    notification.params,
                ) else {
                    return;
                };
                let path = to_path(&params.text_document.uri);
                if let Some(path) = &path {
                    self.open.insert(path.clone(), params.text_document.text);
                }
                path
            }
            DidChangeTextDocument::METHOD => {
                let Ok(params) = serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(
                    notification.params,
                ) else {
                    return;
                };
                let path = to_path(&params.text_document.uri);
                if let (Some(path), Some(change)) =
                    (&path, params.content_changes.into_iter().last())
                {
                    self.open.insert(path.clone(), change.text);
                }
                path
            }
            DidSaveTextDocument::METHOD => {
                serde_json::from_value::<lsp_types::DidSaveTextDocumentParams>(notification.params)
                    .ok()
                    .and_then(|p| to_path(&p.text_document.uri))
            }
            DidCloseTextDocument::METHOD => {
                let Ok(params) = serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(
                    notification.params,
                ) else {
                    return;
                };
                let path = to_path(&params.text_document.uri);
                if let Some(path) = &path {
                    self.open.remove(path);
                }
                path
            }
            _ => None,
        };
        if let Some(path) = path {
            self.publish_diagnostics(&path);
        }
    }

    /// Sends the diagnostics of every file of the agreement the file is in
    /// (an empty list clears a file's old ones).
    fn publish_diagnostics(&self, path: &Path) {
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
    /// outside any agreement.
    fn snapshot(&self, path: &Path) -> Option<Snapshot> {
        let mut dir = path.parent()?.to_path_buf();
        if dir.ends_with("scenarios") {
            dir = dir.parent()?.to_path_buf();
        }
        let mut sources = SourceMap::default();
        let analysis = clausec::analyze_with(&dir, &mut sources, &self.open).ok()?;
        Some(Snapshot { sources, analysis })
    }

    fn answer(&self, request: &Request) -> Response {
        let id = request.id.clone();
        let result = match request.method.as_str() {
            HoverRequest::METHOD => self
                .hover(request)
                .map(|r| serde_json::to_value(r).unwrap_or_default()),
            GotoDefinition::METHOD => self
                .definition(request)
                .map(|r| serde_json::to_value(r).unwrap_or_default()),
            References::METHOD => self
                .references(request)
                .map(|r| serde_json::to_value(r).unwrap_or_default()),
            Completion::METHOD => self
                .completion(request)
                .map(|r| serde_json::to_value(r).unwrap_or_default()),
            DocumentSymbolRequest::METHOD => self
                .symbols(request)
                .map(|r| serde_json::to_value(r).unwrap_or_default()),
            Formatting::METHOD => self
                .formatting(request)
                .map(|r| serde_json::to_value(r).unwrap_or_default()),
            InlayHintRequest::METHOD => self
                .inlay_hints(request)
                .map(|r| serde_json::to_value(r).unwrap_or_default()),
            _ => return error_response(id, "clausec does not answer this request"),
        };
        Response {
            id,
            result: Some(result.unwrap_or(serde_json::Value::Null)),
            error: None,
        }
    }

    // ---- requests ------------------------------------------------------

    /// The file, its text, and the word under the cursor.
    fn at_position(
        &self,
        params: &lsp_types::TextDocumentPositionParams,
    ) -> Option<(PathBuf, String, String)> {
        let path = to_path(&params.text_document.uri)?;
        let text = self.text_of(&path)?;
        let offset = to_offset(&text, params.position);
        Some((path, word_at(&text, offset), text)).map(|(path, word, text)| (path, text, word))
    }

    fn text_of(&self, path: &Path) -> Option<String> {
        self.open
            .get(path)
            .cloned()
            .or_else(|| std::fs::read_to_string(path).ok())
    }

    fn hover(&self, request: &Request) -> Option<Hover> {
        let params: lsp_types::HoverParams = serde_json::from_value(request.params.clone()).ok()?;
        let (path, _, word) = self.at_position(&params.text_document_position_params)?;
        let snapshot = self.snapshot(&path)?;
        let model = &snapshot.analysis.model;
        let text = if let Some(party) = model.parties.get(&word) {
            format!("**{}** — party: {}", word, md(&party.legal_name.node))
        } else if let Some(fact) = model.facts.get(&word) {
            let what = fact
                .description
                .as_ref()
                .map(|d| format!(": {}", md(&d.node)))
                .unwrap_or_default();
            format!("**{}** — fact, {}{what}", word, fact.ty.node.describe())
        } else if let Some(document) = model.documents.get(&word) {
            let dated = document
                .dated
                .as_ref()
                .map(|d| format!(", dated {}", clausec::calc::calendar::long_date(d.node)))
                .unwrap_or_default();
            format!(
                "**{}** — document: {}{dated}",
                word,
                md(&document.title.node)
            )
        } else if let Some(clause) = model.clauses.iter().find(|c| c.number.node == word) {
            clause_hover(clause)
        } else if let Some((clause, obligation)) = model
            .obligations()
            .find(|(_, o)| o.label.as_ref().is_some_and(|l| l.node == word))
        {
            format!(
                "**{}** — obligation of clause {} ({})",
                word,
                clause.number.node,
                obligation.kind.as_str()
            )
        } else {
            return None;
        };
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: text,
            }),
            range: None,
        })
    }

    fn definition(&self, request: &Request) -> Option<GotoDefinitionResponse> {
        let params: lsp_types::GotoDefinitionParams =
            serde_json::from_value(request.params.clone()).ok()?;
        let (path, _, word) = self.at_position(&params.text_document_position_params)?;
        let snapshot = self.snapshot(&path)?;
        let span = definition_of(&snapshot.analysis.model, &word)?;
        Some(GotoDefinitionResponse::Scalar(to_location(
            &snapshot.sources,
            span,
        )?))
    }

    fn references(&self, request: &Request) -> Option<Vec<Location>> {
        let params: lsp_types::ReferenceParams =
            serde_json::from_value(request.params.clone()).ok()?;
        let (path, _, word) = self.at_position(&params.text_document_position)?;
        if word.is_empty() {
            return None;
        }
        let snapshot = self.snapshot(&path)?;
        let mut found = Vec::new();
        for (id, file) in snapshot.sources.iter() {
            if !is_clause_file(&file.path) {
                continue;
            }
            for (start, end) in occurrences(&file.text, &word) {
                found.extend(to_location(&snapshot.sources, Span::new(id, start, end)));
            }
        }
        Some(found)
    }

    fn completion(&self, request: &Request) -> Option<CompletionResponse> {
        let params: lsp_types::CompletionParams =
            serde_json::from_value(request.params.clone()).ok()?;
        let path = to_path(&params.text_document_position.text_document.uri)?;
        let mut items: Vec<CompletionItem> = KEYWORDS
            .iter()
            .map(|k| item(k, CompletionItemKind::KEYWORD, "keyword"))
            .collect();
        if let Some(snapshot) = self.snapshot(&path) {
            let model = &snapshot.analysis.model;
            for (name, party) in &model.parties {
                items.push(item(
                    name,
                    CompletionItemKind::VARIABLE,
                    &party.legal_name.node,
                ));
            }
            for (name, fact) in &model.facts {
                items.push(item(
                    name,
                    CompletionItemKind::FIELD,
                    fact.ty.node.describe(),
                ));
            }
            for clause in &model.clauses {
                items.push(item(
                    &clause.number.node,
                    CompletionItemKind::MODULE,
                    "clause",
                ));
            }
            for election in &model.elections {
                for option in &election.options {
                    items.push(item(
                        &option.name.node,
                        CompletionItemKind::ENUM_MEMBER,
                        "option",
                    ));
                }
            }
        }
        Some(CompletionResponse::Array(items))
    }

    fn symbols(&self, request: &Request) -> Option<DocumentSymbolResponse> {
        let params: lsp_types::DocumentSymbolParams =
            serde_json::from_value(request.params.clone()).ok()?;
        let path = to_path(&params.text_document.uri)?;
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

    fn formatting(&self, request: &Request) -> Option<Vec<TextEdit>> {
        let params: lsp_types::DocumentFormattingParams =
            serde_json::from_value(request.params.clone()).ok()?;
        let path = to_path(&params.text_document.uri)?;
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

    /// The evaluated result of each obligation of the file, at the end of
    /// its first line, under the agreement's `base` scenario.
    fn inlay_hints(&self, request: &Request) -> Option<Vec<InlayHint>> {
        let params: lsp_types::InlayHintParams =
            serde_json::from_value(request.params.clone()).ok()?;
        let path = to_path(&params.text_document.uri)?;
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
        let mut hints = Vec::new();
        let mut seen = Vec::new();
        for entry in ledger
            .obligations
            .iter()
            .filter(|e| e.heading.source.file == file_id)
        {
            let base = entry.id.split('[').next().unwrap_or(&entry.id).to_owned();
            if seen.contains(&base) {
                continue;
            }
            seen.push(base.clone());
            let group: Vec<&clausec::eval::ledger::Entry> = ledger
                .obligations
                .iter()
                .filter(|e| e.id.split('[').next() == Some(base.as_str()))
                .collect();
            let line_end = file
                .text
                .get(entry.heading.source.start..)
                .and_then(|rest| rest.find('\n'))
                .map_or(file.text.len(), |i| entry.heading.source.start + i);
            let label = hint_text(&ledger, &base, &group);
            hints.push(InlayHint {
                position: to_position(&file.text, line_end),
                label: InlayHintLabel::String(label),
                kind: None,
                text_edits: None,
                tooltip: None,
                padding_left: Some(true),
                padding_right: None,
                data: None,
            });
        }
        Some(hints)
    }
}

/// "→ 6 installments of $20,833.33, September 30, 2002 … February 28, 2003"
fn hint_text(
    ledger: &clausec::eval::ledger::Ledger,
    base: &str,
    group: &[&clausec::eval::ledger::Entry],
) -> String {
    use clausec::calc::calendar::long_date;
    use clausec::calc::money::format_money;
    let Some(first) = group.first() else {
        return String::new();
    };
    if let Some(summary) = ledger.schedules.iter().find(|s| s.obligation == base) {
        let dates: Vec<_> = group.iter().filter_map(|e| e.due).collect();
        let range = match (dates.first(), dates.last()) {
            (Some(a), Some(b)) => format!(", {} … {}", long_date(*a), long_date(*b)),
            _ => String::new(),
        };
        let stated = if summary.stated_count as usize == summary.installments {
            String::new()
        } else {
            format!(" ({} stated)", summary.stated_count)
        };
        let reading = summary
            .reading
            .as_ref()
            .map(|r| format!("; {r}"))
            .unwrap_or_default();
        return format!(
            "→ {} installments{stated} of {}{range}; total {}{reading}",
            summary.installments,
            first.amount.map(format_money).unwrap_or_default(),
            format_money(summary.total)
        );
    }
    let amount = first
        .amount
        .map(|a| format!(" {}", format_money(a)))
        .unwrap_or_default();
    let how = first
        .explanation
        .first()
        .and_then(|e| e.split_once(" = "))
        .map(|(_, rest)| format!(" = {rest}"))
        .filter(|_| first.amount.is_some())
        .unwrap_or_default();
    match amount.is_empty() {
        true => format!("→ {}", first.status.describe()),
        false => format!("→{amount}{how} · {}", first.status.describe()),
    }
}

/// The user's words in a hover, which the editor renders as Markdown:
/// nothing they wrote becomes markup (an image fetched from a server, a
/// link, a heading).
fn md(text: &str) -> String {
    clausec::escape::markdown(text)
}

fn clause_hover(clause: &Clause) -> String {
    let title = clause
        .title
        .as_ref()
        .map(|t| format!(" — {}", md(&t.node)))
        .unwrap_or_default();
    let quote = clause
        .quotes
        .first()
        .map(|q| {
            format!(
                "\n\n> {}",
                md(&q.node.split_whitespace().collect::<Vec<_>>().join(" "))
            )
        })
        .unwrap_or_default();
    format!("**clause {}**{title}{quote}", clause.number.node)
}

/// Where a name is declared: a party, fact, document, clause, obligation
/// label, election or reading option.
fn definition_of(model: &clausec::check::model::Model, word: &str) -> Option<Span> {
    if let Some(party) = model.parties.get(word) {
        return Some(party.name.span);
    }
    if let Some(fact) = model.facts.get(word) {
        return Some(fact.name.span);
    }
    if let Some(document) = model.documents.get(word) {
        return Some(document.name.span);
    }
    if let Some(clause) = model.clauses.iter().find(|c| c.number.node == word) {
        return Some(clause.number.span);
    }
    if let Some(label) = model
        .obligations()
        .find_map(|(_, o)| o.label.as_ref().filter(|l| l.node == word))
    {
        return Some(label.span);
    }
    let options = model
        .elections
        .iter()
        .flat_map(|e| &e.options)
        .chain(model.readings.iter().flat_map(|r| &r.options));
    if let Some(option) = options.clone().find(|o| o.name.node == word) {
        return Some(option.name.span);
    }
    model
        .readings
        .iter()
        .find(|r| r.name.node == word)
        .map(|r| r.name.span)
}

const KEYWORDS: &[&str] = &[
    "agreement",
    "dated",
    "source",
    "party",
    "document",
    "section",
    "fact",
    "election",
    "option",
    "default",
    "assume",
    "signed by",
    "clause",
    "quote",
    "pays",
    "provides",
    "reimburses",
    "performs",
    "notifies",
    "releases",
    "remains bound by",
    "must not",
    "may",
    "signs",
    "in",
    "equal",
    "monthly",
    "quarterly",
    "yearly",
    "installments",
    "on the last day of the month",
    "from",
    "through",
    "on",
    "by",
    "effective",
    "for",
    "within",
    "rounded half up to the cent",
    "remainder on the last installment",
    "reduced by compensation",
    "grace period",
    "late interest",
    "per annum",
    "at a cost of",
    "not to exceed",
    "not less than",
    "if",
    "otherwise the offer lapses",
    "then",
    "scenario",
    "hypothetical",
    "as of",
    "every payment is made on its due date",
    "paid",
    "received compensation",
    "notified",
    "signed on",
    "prevailed on",
    "elected",
];

fn item(label: &str, kind: CompletionItemKind, detail: &str) -> CompletionItem {
    CompletionItem {
        label: label.to_owned(),
        kind: Some(kind),
        detail: Some(detail.to_owned()),
        ..CompletionItem::default()
    }
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

fn error_response(id: RequestId, message: &str) -> Response {
    Response::new_err(
        id,
        lsp_server::ErrorCode::MethodNotFound as i32,
        message.to_owned(),
    )
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
        ..LspDiagnostic::default()
    }
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

fn to_path(uri: &Url) -> Option<PathBuf> {
    uri.to_file_path().ok()
}

fn is_clause_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e == "clause" || e == "scenario")
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

/// Every whole-word occurrence of `word` outside quotes and comments.
fn occurrences(text: &str, word: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut in_string = false;
    let mut in_comment = false;
    let mut chars = text.char_indices().peekable();
    let is_name = |c: char| c.is_alphanumeric() || c == '_';
    let mut previous = ' ';
    while let Some((i, c)) = chars.next() {
        match c {
            '\n' => in_comment = false,
            '"' if !in_comment => in_string = !in_string,
            '\\' if in_string => {
                chars.next();
            }
            '#' if !in_string => in_comment = true,
            _ => {}
        }
        if !in_string
            && !in_comment
            && !is_name(previous)
            && text.get(i..).is_some_and(|rest| rest.starts_with(word))
        {
            let after = text
                .get(i + word.len()..)
                .and_then(|rest| rest.chars().next());
            if !after.is_some_and(is_name) {
                found.push((i, i + word.len()));
            }
        }
        previous = c;
    }
    found
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
    fn words_and_clause_numbers_under_the_cursor() {
        let text = "company pays employee annual_salary * 6\nclause 2(b) \"x\"";
        assert_eq!(word_at(text, 10), "pays");
        assert_eq!(word_at(text, 25), "annual_salary");
        assert_eq!(word_at(text, 48), "2(b)");
        assert_eq!(
            occurrences("a employee \"employee\" employees employee", "employee").len(),
            2
        );
    }
}
