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
        Client::start_with(json!({}))
    }

    /// Starts the server for an editor with these capabilities.
    fn start_with(capabilities: Value) -> Client {
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
            json!({"processId": null, "rootUri": null, "capabilities": capabilities}),
        );
        assert!(init["result"]["capabilities"]["inlayHintProvider"]
            .as_bool()
            .unwrap());
        // Completion is asked for after each space, where what may follow
        // changes.
        assert_eq!(
            init["result"]["capabilities"]["completionProvider"]["triggerCharacters"],
            json!([" "])
        );
        assert!(init["result"]["capabilities"]["codeActionProvider"]
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
        labels.iter().any(|l| l.contains("6 × $20,833.33")),
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

    let items = completions(&mut client, 8, "2.clause", line, 2);
    assert!(items.iter().any(|i| i == "employee"), "{items:?}");
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

/// The labels the server offers at a position.
fn completions(client: &mut Client, id: i64, file: &str, line: u32, character: u32) -> Vec<String> {
    let answer = client.request(
        id,
        "textDocument/completion",
        position(file, line, character),
    );
    answer["result"]
        .as_array()
        .unwrap_or_else(|| panic!("{answer}"))
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_owned())
        .collect()
}

/// Asserts that every one of `offered` is among the items, and none of
/// `not_offered`.
fn assert_offers(items: &[String], offered: &[&str], not_offered: &[&str], at: &str) {
    for want in offered {
        assert!(
            items.iter().any(|i| i == want),
            "{at}: `{want}` not offered in {items:?}"
        );
    }
    for unwanted in not_offered {
        assert!(
            !items.iter().any(|i| i == unwanted),
            "{at}: `{unwanted}` offered in {items:?}"
        );
    }
}

/// The column just after `needle` on its line.
fn after(text: &str, needle: &str) -> (u32, u32) {
    let (line, column) = find(text, needle);
    (line, column - 1 + needle.len() as u32)
}

const HEADER_ONLY: &[&str] = &[
    "agreement \"Title\"",
    "dated DATE",
    "source \"source.txt\"",
    "party NAME \"Legal name\"",
    "business days exclude Saturdays, Sundays and United States federal holidays",
];
const TERMS: &[&str] = &[
    "in COUNT equal FREQUENCY installments",
    "on DATE",
    "by DATE",
    "from DATE",
    "if CONDITION",
    "rounded half up to the cent",
];

#[test]
fn completion_offers_what_may_follow_the_cursor() {
    let mut client = Client::start();

    // The header: its statements, and no verb, term or scenario line.
    let header = letter("agreement.clause");
    let (line, _) = find(&header, "party company");
    let items = completions(&mut client, 2, "agreement.clause", line, 0);
    assert_offers(
        &items,
        &[
            HEADER_ONLY,
            &[
                "fact NAME is TYPE \"what it means\"",
                "clause NUMBER \"Title\"",
            ],
        ]
        .concat(),
        &[
            "pays PARTY AMOUNT",
            "in COUNT equal FREQUENCY installments",
            "as of DATE",
            "employee",
        ],
        "the header",
    );

    // A clause's body, at the start of the obligation's line: the
    // statements of a clause and the parties, never the header's own.
    let text = letter("2.clause");
    let (line, _) = find(&text, "severance: company pays employee");
    let items = completions(&mut client, 3, "2.clause", line, 2);
    assert_offers(
        &items,
        &[
            "quote \"the clause's words\"",
            "assume NAME \"the question\"",
            "company",
            "employee",
        ],
        &[HEADER_ONLY, TERMS, &["pays PARTY AMOUNT"]].concat(),
        "a clause's body",
    );

    // After the label, a party and nothing else.
    let (line, column) = after(&text, "severance: ");
    let items = completions(&mut client, 4, "2.clause", line, column);
    assert_eq!(items, ["company", "employee"], "after a label");

    // After the party, the verbs.
    let (line, column) = after(&text, "severance: company ");
    let items = completions(&mut client, 5, "2.clause", line, column);
    assert_offers(
        &items,
        &[
            "pays PARTY AMOUNT",
            "notifies PARTY of \"what\"",
            "remains bound by DOCUMENT section NUMBER",
        ],
        &[
            "company",
            "employee",
            "quote \"the clause's words\"",
            "party NAME \"Legal name\"",
        ],
        "after a party",
    );

    // After `pays`, the party paid.
    let (line, column) = after(&text, "severance: company pays ");
    let items = completions(&mut client, 6, "2.clause", line, column);
    assert_eq!(items, ["company", "employee"], "after `pays`");

    // Where the amount goes: facts, labels, the forms of an amount.
    let (line, column) = after(&text, "severance: company pays employee ");
    let items = completions(&mut client, 7, "2.clause", line, column);
    assert_offers(
        &items,
        &[
            "annual_salary",
            "outplacement_cost",
            "severance",
            "the greater of A and B",
        ],
        &[TERMS, HEADER_ONLY, &["employee", "pays PARTY AMOUNT"]].concat(),
        "where an amount is expected",
    );

    // After the amount (as typed: a space after it), the terms.
    let typed = text.replace("annual_salary * 6 / 12\n", "annual_salary * 6 / 12 \n");
    open(&mut client, "2.clause", &typed);
    let (line, column) = after(&typed, "annual_salary * 6 / 12 ");
    let items = completions(&mut client, 8, "2.clause", line, column);
    assert_offers(
        &items,
        TERMS,
        &[
            HEADER_ONLY,
            &[
                "employee",
                "annual_salary",
                "quote \"the clause's words\"",
                "pays PARTY AMOUNT",
            ],
        ]
        .concat(),
        "after an amount",
    );

    // In a condition: yes-or-no facts, parties, `not`; after `elects`, the options.
    let (line, column) = after(&typed, "    if employee elects outplacement and ");
    let items = completions(&mut client, 9, "2.clause", line, column);
    assert_offers(
        &items,
        &["lessor_accepts_transfer", "employee", "not"],
        &["annual_salary", "in COUNT equal FREQUENCY installments"],
        "in a condition",
    );
    let (line, column) = after(&typed, "    if employee elects ");
    let items = completions(&mut client, 10, "2.clause", line, column);
    assert_eq!(items, ["outplacement", "lease_costs"], "after `elects`");

    // Inside a quote, nothing.
    let (line, column) = after(&typed, "aggregate amount ");
    assert!(completions(&mut client, 11, "2.clause", line, column).is_empty());

    // A scenario: its statements and the parties (who pay, sign, elect).
    let scenario = letter("scenarios/late-installment.scenario");
    let (line, _) = find(&scenario, "fact annual_salary");
    let items = completions(
        &mut client,
        12,
        "scenarios/late-installment.scenario",
        line,
        2,
    );
    assert_offers(
        &items,
        &[
            "as of DATE",
            "every payment is made on its due date",
            "expect LABEL amount is AMOUNT",
            "company",
        ],
        &[
            HEADER_ONLY,
            TERMS,
            &["pays PARTY AMOUNT", "quote \"the clause's words\""],
        ]
        .concat(),
        "a scenario",
    );
    // After a party in a scenario, what it did; after `for`, the labels.
    let (line, column) = after(&scenario, "  company ");
    let items = completions(
        &mut client,
        13,
        "scenarios/late-installment.scenario",
        line,
        column,
    );
    assert_offers(
        &items,
        &["paid PARTY AMOUNT on DATE for LABEL due DATE"],
        &["company", "as of DATE"],
        "after a party in a scenario",
    );
    let (line, column) = after(&scenario, "November 25, 2002 for ");
    let items = completions(
        &mut client,
        14,
        "scenarios/late-installment.scenario",
        line,
        column,
    );
    assert_offers(
        &items,
        &["severance", "compensation_notice"],
        &["company", "as of DATE"],
        "after `for`",
    );
    client.stop();
}

#[test]
fn the_hint_of_2b_is_short_and_its_hover_explains_it() {
    let mut client = Client::start();
    let text = letter("2.clause");
    let hints = client.request(2, "textDocument/inlayHint", json!({"textDocument": {"uri": uri("2.clause")}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 500, "character": 0}}}));
    let (line, _) = find(&text, "severance: company pays employee");
    let hint = hints["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["position"]["line"] == line)
        .unwrap_or_else(|| panic!("no hint on line {line}: {hints}"));
    // The base scenario gives $250,000.00 a year: $250,000.00 × 6 / 12 =
    // $125,000.00; / 6 = $20,833.333…, rounded half up $20,833.33; five of
    // those are $104,166.65, so the last (the remainder on the last
    // installment) is $125,000.00 − $104,166.65 = $20,833.35. Under the
    // default reading (count_from_start) the six month-ends run from
    // September 30, 2002 to February 28, 2003.
    assert_eq!(
        hint["label"],
        "→ 6 × $20,833.33, last $20,833.35, Sep 30, 2002 – Feb 28, 2003"
    );
    // Markdown escapes (`\$`, `\_`) aside, the tooltip explains it all.
    let tooltip = hint["tooltip"]["value"].as_str().unwrap().replace('\\', "");
    for part in [
        "total $125,000.00 in 6 installments",
        "give 7",
        "count_from_start",
        "installment 6 of 6: $20,833.35 due February 28, 2003",
    ] {
        assert!(tooltip.contains(part), "`{part}` not in {tooltip}");
    }
    // The same explanation on the label's hover.
    let (line, column) = find(&text, "severance: company");
    let hover = client.request(3, "textDocument/hover", position("2.clause", line, column));
    let value = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        value.contains("obligation of clause 2(b)") && value.contains("$20,833.35"),
        "{value}"
    );
    client.stop();
}

#[test]
fn the_hint_of_a_euro_amount_is_in_euros() {
    let mut client = Client::start();
    let file = format!(
        "{}/clauses/encorium-promissory-note/repayment.clause",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&file).unwrap();
    let hints = client.request(2, "textDocument/inlayHint", json!({"textDocument": {"uri": format!("file://{file}")}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 500, "character": 0}}}));
    let (line, _) = find(&text, "first_interest: debtor pays creditor");
    let hint = hints["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["position"]["line"] == line)
        .unwrap_or_else(|| panic!("no hint on line {line}: {hints}"));
    // €200,000.00 × 5% × 107 / 365 = €2,931.5068…, half up €2,931.51,
    // paid on its date in the base scenario.
    assert_eq!(hint["label"], "→ €2,931.51 · paid");
    client.stop();
}

#[test]
fn hover_explains_keywords_readings_and_elections() {
    let mut client = Client::start();
    let text = letter("2.clause");
    let hover = |client: &mut Client, id, needle: &str, plus: u32| {
        let (line, column) = find(&text, needle);
        let answer = client.request(
            id,
            "textDocument/hover",
            position("2.clause", line, column + plus),
        );
        answer["result"]["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    // A keyword: the guide's sentence for the phrase it belongs to.
    let installments = hover(
        &mut client,
        2,
        "equal monthly installments on the last day",
        14,
    );
    assert!(
        installments.contains("splits a payment into equal installments"),
        "{installments}"
    );
    let grace = hover(&mut client, 3, "grace period 10 days", 0);
    assert!(
        grace.contains("not yet late for interest purposes"),
        "{grace}"
    );
    // The same word in a quote is the contract's, not the language's.
    let quoted = hover(
        &mut client,
        4,
        "be payable in six (6) equal monthly installments",
        36,
    );
    assert!(quoted.is_empty(), "{quoted}");
    // A reading: its question, its options, the default.
    let reading = hover(&mut client, 5, "follow installment_reading", 7);
    assert!(
        reading.contains("reading: which installments the letter promises"),
        "{reading}"
    );
    assert!(
        reading.contains("`count_from_start` (default)"),
        "{reading}"
    );
    // An election and one of its options.
    let election = hover(&mut client, 6, "election outplacement_or_lease", 9);
    assert!(
        election.contains("election by employee") && election.contains("`lease_costs`"),
        "{election}"
    );
    let option = hover(&mut client, 7, "employee elects lease_costs", 16);
    assert!(
        option.contains("option of election `outplacement_or_lease`"),
        "{option}"
    );
    // In a scenario, `fact` is a scenario's statement, not the header's.
    let scenario = letter("scenarios/base.scenario");
    let (line, column) = find(&scenario, "fact annual_salary");
    let answer = client.request(
        8,
        "textDocument/hover",
        position("scenarios/base.scenario", line, column),
    );
    let fact = answer["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        fact.contains("A fact's value is a figure, not a calculation"),
        "{fact}"
    );
    client.stop();
}

#[test]
fn a_did_you_mean_is_fixed_in_one_click() {
    let mut client = Client::start();
    let text = letter("1.clause").replace("for company", "for compnay");
    open(&mut client, "1.clause", &text);
    let (line, column) = find(&text, "compnay");
    let at = json!({"start": {"line": line, "character": column}, "end": {"line": line, "character": column}});
    let answer = client.request(2, "textDocument/codeAction", json!({"textDocument": {"uri": uri("1.clause")}, "range": at, "context": {"diagnostics": []}}));
    let actions = answer["result"].as_array().unwrap();
    assert_eq!(actions.len(), 1, "{answer}");
    let action = &actions[0];
    assert_eq!(action["kind"], "quickfix");
    let edits = action["edit"]["changes"][uri("1.clause")]
        .as_array()
        .unwrap();
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0]["newText"], "company");
    // The edit covers the misspelt word exactly.
    assert_eq!(
        edits[0]["range"]["start"],
        json!({"line": line, "character": column - 1})
    );
    assert_eq!(
        edits[0]["range"]["end"],
        json!({"line": line, "character": column - 1 + 7})
    );
    // The published diagnostic carries the suggestion too.
    let diagnostics = client.diagnostics_for("1.clause");
    assert!(
        diagnostics
            .iter()
            .any(|d| d["data"]["suggestion"] == "company"),
        "{diagnostics:?}"
    );

    // A misspelt word of the language, and a misspelt month in a date
    // (the diagnostic underlines the whole date; the fix, the month only).
    let typo = letter("2.clause").replace(
        "company pays employee annual",
        "company pay employee annual",
    );
    open(&mut client, "2.clause", &typo);
    let (line, column) = find(&typo, "pay employee annual");
    let fix = fix_at(&mut client, 3, "2.clause", line, column);
    assert_eq!(fix, ("pays".to_owned(), line, column - 1, column - 1 + 3));
    let file = "scenarios/base.scenario";
    let typo = letter(file).replace("on June 6, 2002 at", "on Junee 6, 2002 at");
    open(&mut client, file, &typo);
    let (line, column) = find(&typo, "Junee 6");
    let fix = fix_at(&mut client, 4, file, line, column + 2);
    assert_eq!(fix, ("June".to_owned(), line, column - 1, column - 1 + 5));
    client.stop();
}

/// The one quick fix offered at a position: its new text, and the line and
/// columns it replaces.
fn fix_at(
    client: &mut Client,
    id: i64,
    file: &str,
    line: u32,
    column: u32,
) -> (String, u32, u32, u32) {
    let at = json!({"start": {"line": line, "character": column}, "end": {"line": line, "character": column}});
    let answer = client.request(
        id,
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri(file)}, "range": at, "context": {"diagnostics": []}}),
    );
    let actions = answer["result"]
        .as_array()
        .unwrap_or_else(|| panic!("{answer}"));
    assert_eq!(actions.len(), 1, "{answer}");
    let edits = actions[0]["edit"]["changes"][uri(file)].as_array().unwrap();
    assert_eq!(edits.len(), 1, "{answer}");
    let range = &edits[0]["range"];
    assert_eq!(range["start"]["line"], range["end"]["line"]);
    (
        edits[0]["newText"].as_str().unwrap().to_owned(),
        range["start"]["line"].as_u64().unwrap() as u32,
        range["start"]["character"].as_u64().unwrap() as u32,
        range["end"]["character"].as_u64().unwrap() as u32,
    )
}

#[test]
fn renaming_a_label_renames_its_uses_in_every_scenario() {
    let mut client = Client::start();
    let text = letter("2.clause");
    let (line, column) = find(&text, "severance: company");
    let rename = client.request(2, "textDocument/rename", json!({"textDocument": {"uri": uri("2.clause")}, "position": {"line": line, "character": column}, "newName": "severance_pay"}));
    let changes = rename["result"]["changes"]
        .as_object()
        .unwrap_or_else(|| panic!("{rename}"));
    // Every edit replaces exactly the word `severance`, whether alone
    // (`for severance`, the label) or the last part of an id
    // (`expect 2(b).severance[2] ...`): the rest of the id stays.
    let mut scenarios = 0;
    for (file, edits) in changes {
        let path = url_path(file);
        let content = std::fs::read_to_string(&path).unwrap();
        for edit in edits.as_array().unwrap() {
            let start = &edit["range"]["start"];
            let end = &edit["range"]["end"];
            let line_text = content
                .lines()
                .nth(start["line"].as_u64().unwrap() as usize)
                .unwrap();
            let from = start["character"].as_u64().unwrap() as usize;
            let to = end["character"].as_u64().unwrap() as usize;
            assert_eq!(&line_text[from..to], "severance", "{path}: {line_text}");
            assert_eq!(edit["newText"], "severance_pay");
        }
        scenarios += usize::from(file.ends_with(".scenario"));
    }
    assert!(
        changes
            .keys()
            .any(|f| f.ends_with("late-installment.scenario")),
        "{changes:?}"
    );
    assert!(scenarios >= 2, "{changes:?}");
    client.stop();
}

#[test]
fn shutdown_twice_is_answered_and_exit_ends_with_the_protocols_codes() {
    // `shutdown`, `shutdown` again: both answered; then `exit`: code 0.
    let mut client = Client::start();
    let first = client.request(2, "shutdown", Value::Null);
    assert!(
        first["error"].is_null() && first["result"].is_null(),
        "{first}"
    );
    let second = client.request(3, "shutdown", Value::Null);
    assert!(
        second["error"].is_null() && second["result"].is_null(),
        "{second}"
    );
    client.notify("exit", Value::Null);
    assert_eq!(client.child.wait().unwrap().code(), Some(0));

    // `exit` without `shutdown`: code 1.
    let mut client = Client::start();
    client.notify("exit", Value::Null);
    assert_eq!(client.child.wait().unwrap().code(), Some(1));
}

#[test]
fn an_editor_that_takes_snippets_gets_placeholders_to_fill() {
    let capabilities =
        json!({"textDocument": {"completion": {"completionItem": {"snippetSupport": true}}}});
    let text = letter("2.clause").replace("annual_salary * 6 / 12\n", "annual_salary * 6 / 12 \n");
    for (snippets, client) in [
        (true, Client::start_with(capabilities)),
        (false, Client::start()),
    ] {
        let mut client = client;
        open(&mut client, "2.clause", &text);
        let (line, column) = after(&text, "annual_salary * 6 / 12 ");
        let answer = client.request(
            2,
            "textDocument/completion",
            position("2.clause", line, column),
        );
        let item = answer["result"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["label"] == "in COUNT equal FREQUENCY installments")
            .unwrap_or_else(|| panic!("{answer}"))
            .clone();
        if snippets {
            assert_eq!(
                item["insertText"],
                "in ${1:COUNT} equal ${2:FREQUENCY} installments"
            );
            assert_eq!(item["insertTextFormat"], 2);
        } else {
            assert_eq!(item["insertText"], "in COUNT equal FREQUENCY installments");
            assert_eq!(item["insertTextFormat"], 1);
        }
        // The guide's sentence comes with it.
        assert!(item["documentation"]
            .as_str()
            .unwrap()
            .contains("splits a payment into equal installments"));
        client.stop();
    }
}
