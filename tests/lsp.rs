//! The language server over its real protocol: the binary is started as an
//! editor starts it (`clausec lsp`), and spoken to in framed JSON-RPC.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

struct Client {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
    /// Notifications received while waiting for responses.
    notifications: Vec<Value>,
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_clausec"))
            .arg("lsp")
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let input = child.stdin.take().unwrap();
        let output = BufReader::new(child.stdout.take().unwrap());
        let mut client = Client {
            child,
            input,
            output,
            notifications: Vec::new(),
        };
        let init = client.request(
            1,
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {}}),
        );
        assert!(init["result"]["capabilities"]["inlayHintProvider"]
            .as_bool()
            .unwrap());
        client.notify("initialized", json!({}));
        client
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.input, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.input.flush().unwrap();
    }

    fn receive(&mut self) -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            self.output.read_line(&mut line).unwrap();
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(value) = line.strip_prefix("Content-Length: ") {
                length = value.parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        self.output.read_exact(&mut body).unwrap();
        serde_json::from_slice(&body).unwrap()
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and waits for its response (within 100 ms for the
    /// letter, in a release build; debug builds get more room).
    fn request(&mut self, id: i64, method: &str, params: Value) -> Value {
        let started = Instant::now();
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let message = self.receive();
            if message["id"] == id {
                assert!(
                    started.elapsed() < Duration::from_secs(3),
                    "{method} took {:?}",
                    started.elapsed()
                );
                return message;
            }
            self.notifications.push(message);
        }
    }

    /// The diagnostics last published for a file.
    fn diagnostics_for(&self, file: &str) -> Vec<Value> {
        self.notifications
            .iter()
            .rev()
            .filter(|n| n["method"] == "textDocument/publishDiagnostics")
            .find(|n| n["params"]["uri"].as_str().unwrap().ends_with(file))
            .map(|n| n["params"]["diagnostics"].as_array().unwrap().clone())
            .unwrap_or_default()
    }

    fn stop(mut self) {
        self.request(99, "shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let status = self.child.wait().unwrap();
        assert!(status.success(), "{status:?}");
    }
}

fn uri(file: &str) -> String {
    format!(
        "file://{}/clauses/lovelock-severance/{file}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn open(client: &mut Client, file: &str, text: &str) {
    client.notify("textDocument/didOpen", json!({"textDocument": {"uri": uri(file), "languageId": "clause", "version": 1, "text": text}}));
}

fn position(file: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri(file)}, "position": {"line": line, "character": character}})
}

fn letter(file: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/clauses/lovelock-severance/{file}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// The line (0-based) of the first line containing `needle`, and the column
/// just inside it.
fn find(text: &str, needle: &str) -> (u32, u32) {
    let (line, content) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(needle))
        .unwrap();
    (line as u32, content.find(needle).unwrap() as u32 + 1)
}

#[test]
fn diagnostics_hover_definition_hints_and_formatting_on_the_letter() {
    let mut client = Client::start();
    let text = letter("2.clause");
    open(&mut client, "2.clause", &text);
    // Diagnostics arrive for the opened file, combined checks included.
    client.request(
        2,
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri("2.clause")}}),
    );
    let diagnostics = client.diagnostics_for("2.clause");
    assert!(
        diagnostics
            .iter()
            .any(|d| d["code"] == "clausec::check::count_mismatch"),
        "{diagnostics:?}"
    );
    assert!(client
        .diagnostics_for("closing.clause")
        .iter()
        .any(|d| d["code"] == "clausec::check::undated_acceptance"));

    let (line, column) = find(&text, "severance: company pays employee");
    let hover = client.request(
        3,
        "textDocument/hover",
        position("2.clause", line, column + 25),
    );
    assert!(
        hover["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("Thomas W. Lovelock"),
        "{hover}"
    );

    let (fact_line, fact_column) = find(&text, "annual_salary * 6");
    let definition = client.request(
        4,
        "textDocument/definition",
        position("2.clause", fact_line, fact_column),
    );
    assert!(
        definition["result"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("agreement.clause"),
        "{definition}"
    );

    let hints = client.request(5, "textDocument/inlayHint", json!({"textDocument": {"uri": uri("2.clause")}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 500, "character": 0}}}));
    let labels: Vec<&str> = hints["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.iter().any(|l| l.contains("6 installments")
            && l.contains("September 30, 2002 … February 28, 2003")
            && l.contains("through March 31, 2003 give 7")),
        "{labels:?}"
    );

    let references = client.request(6, "textDocument/references", json!({"textDocument": {"uri": uri("2.clause")}, "position": {"line": fact_line, "character": fact_column}, "context": {"includeDeclaration": true}}));
    assert!(
        references["result"].as_array().unwrap().len() >= 3,
        "{references}"
    );

    let formatting = client.request(7, "textDocument/formatting", json!({"textDocument": {"uri": uri("2.clause")}, "options": {"tabSize": 2, "insertSpaces": true}}));
    assert_eq!(
        formatting["result"],
        json!([]),
        "the committed file is already formatted"
    );

    let completion = client.request(8, "textDocument/completion", position("2.clause", line, 2));
    let items: Vec<&str> = completion["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(
        items.contains(&"employee")
            && items.contains(&"annual_salary")
            && items.contains(&"2(b)")
            && items.contains(&"pays")
    );
    client.stop();
}

#[test]
fn a_typo_while_typing_is_reported_at_its_line() {
    let mut client = Client::start();
    let text = letter("1.clause");
    open(&mut client, "1.clause", &text);
    let typo = text.replace("for company", "for compnay");
    client.notify("textDocument/didChange", json!({"textDocument": {"uri": uri("1.clause"), "version": 2}, "contentChanges": [{"text": typo}]}));
    client.request(
        2,
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri("1.clause")}}),
    );
    let diagnostics = client.diagnostics_for("1.clause");
    let unknown = diagnostics
        .iter()
        .find(|d| d["code"] == "clausec::resolve::unknown_party")
        .unwrap();
    let (line, _) = find(&typo, "for compnay");
    assert_eq!(unknown["range"]["start"]["line"], line);
    assert!(unknown["message"]
        .as_str()
        .unwrap()
        .contains("did you mean `company`?"));
    // Closing the file goes back to the text on disk: the typo is gone.
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri("1.clause")}}),
    );
    client.request(
        3,
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri("1.clause")}}),
    );
    assert!(client.diagnostics_for("1.clause").is_empty());
    client.stop();
}

#[test]
fn a_file_outside_any_agreement_and_garbage_do_not_stop_the_server() {
    let mut client = Client::start();
    let stray = "file:///tmp/clausec-nowhere/stray.clause";
    client.notify("textDocument/didOpen", json!({"textDocument": {"uri": stray, "languageId": "clause", "version": 1, "text": "clause 1 \"((((\"\n  company pays"}}));
    let hover = client.request(
        2,
        "textDocument/hover",
        json!({"textDocument": {"uri": stray}, "position": {"line": 0, "character": 3}}),
    );
    assert!(hover["result"].is_null());
    let unknown = client.request(3, "workspace/nothingLikeThis", json!({}));
    assert!(unknown["error"].is_object());
    client.stop();
}

#[test]
fn references_and_rename_follow_the_resolved_names_not_the_words() {
    let mut client = Client::start();
    let text = letter("2.clause");
    open(&mut client, "2.clause", &text);

    // `employee` the party: every use the checker resolved, not the word
    // in quotes ("the employee's election") or inside other names.
    let (line, column) = find(&text, "company pays employee annual_salary");
    let at_party = position("2.clause", line, column + 13);
    let references = client.request(
        2,
        "textDocument/references",
        json!({"textDocument": at_party["textDocument"], "position": at_party["position"], "context": {"includeDeclaration": true}}),
    );
    let found = references["result"].as_array().unwrap();
    assert!(found.len() > 10, "{references}");
    for location in found {
        let file = location["uri"].as_str().unwrap();
        let start = &location["range"]["start"];
        let end = &location["range"]["end"];
        assert_eq!(start["line"], end["line"], "{location}");
        let path = url_path(file);
        let line_text = std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .nth(start["line"].as_u64().unwrap() as usize)
            .unwrap()
            .to_owned();
        let from = start["character"].as_u64().unwrap() as usize;
        let to = end["character"].as_u64().unwrap() as usize;
        assert_eq!(&line_text[from..to], "employee", "{path}: {line_text}");
    }
    assert!(found
        .iter()
        .any(|l| l["uri"].as_str().unwrap().ends_with("agreement.clause")));

    // Rename `annual_salary`: its declaration, the use in 2(b), and the
    // fact in every scenario that gives it.
    let (line, column) = find(&text, "annual_salary * 6");
    let at_fact = position("2.clause", line, column);
    let rename = client.request(
        3,
        "textDocument/rename",
        json!({"textDocument": at_fact["textDocument"], "position": at_fact["position"], "newName": "yearly_salary"}),
    );
    let changes = rename["result"]["changes"].as_object().unwrap();
    let files: Vec<&String> = changes.keys().collect();
    assert!(
        files.iter().any(|f| f.ends_with("agreement.clause")),
        "{files:?}"
    );
    assert!(files.iter().any(|f| f.ends_with("2.clause")), "{files:?}");
    assert!(
        files.iter().any(|f| f.ends_with("base.scenario")),
        "{files:?}"
    );
    assert!(changes
        .values()
        .flat_map(|edits| edits.as_array().unwrap())
        .all(|edit| edit["newText"] == "yearly_salary"));

    // A reserved word is not a name: no edit.
    let refused = client.request(
        4,
        "textDocument/rename",
        json!({"textDocument": at_fact["textDocument"], "position": at_fact["position"], "newName": "paid"}),
    );
    assert!(refused["result"].is_null(), "{refused}");
    client.stop();
}

/// The file a `file://` URI names.
fn url_path(uri: &str) -> String {
    uri.strip_prefix("file://").unwrap().replace("%20", " ")
}
