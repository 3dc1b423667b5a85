//! Output that is safe for its consumer, whatever the agreement says
//! (issue 18, items 9 to 11). An agreement from the other side of a deal
//! puts terminal commands (clear the screen, set the window title, an OSC 8
//! link, a carriage return over a fake "all checks passed"), HTML and
//! Markdown in every string it can: party names, clause titles, quotes,
//! `source.txt`, notes, scenario titles, and a file name. The real binary
//! runs over it in every command and format; no raw control character and
//! no HTML tag of the user's may come out.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Terminal commands: clear the screen, set the window title, an OSC 8
/// link, a CSI in its one-byte (C1) form, and a right-to-left override.
/// (A carriage return in a clause file is read as a line break; it comes
/// in through a file name and an argument below.)
const COMMANDS: &str =
    "\x1b[2J\x1b]0;pwned\x07\x1b]8;;http://evil.example/\x07click\x1b]8;;\x07 \u{9b}31m\u{202e}";
/// HTML, and Markdown that would end a table row and forge a heading.
const MARKUP: &str = "<script>alert(1)</script> <img src=x onerror=alert(1)>\n| forged | row |\n# Forged heading\n[link](http://evil.example) *em* `code` &amp;";
/// A file name with a carriage return before a fake verdict, and a tag.
const FILE_NAME: &str = "2 \x1b]0;title\x07<img src=x onerror=alert(2)>\rall checks passed.clause";

fn hostile(word: &str) -> String {
    format!("{word} {COMMANDS} {MARKUP}")
}

fn clausec(args: &[&str]) -> Output {
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_clausec"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "`clausec {args:?}` took {:?}",
        started.elapsed()
    );
    assert!(
        !String::from_utf8_lossy(&output.stderr).contains("panicked"),
        "`clausec {args:?}` panicked"
    );
    output
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// A folder of its own for one test, removed when dropped.
struct Folder(PathBuf);

impl Folder {
    fn new() -> Folder {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("clausec-hostile-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("scenarios")).unwrap();
        Folder(dir)
    }

    fn write(&self, name: &str, text: &str) -> &Folder {
        std::fs::write(self.0.join(name), text).unwrap();
        self
    }

    fn arg(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// An agreement with no error whose every string is hostile, and whose
/// quote is word for word in its hostile `source.txt`.
fn hostile_agreement(amount: &str) -> Folder {
    let folder = Folder::new();
    folder
        .write(
            "agreement.clause",
            &format!(
                "agreement \"{}\"\n  dated June 6, 2002\n  source \"source.txt\"\n\n\
                 party company \"{}\"\nparty employee \"{}\"\n",
                hostile("Deal"),
                hostile("Acme"),
                hostile("Bob")
            ),
        )
        .write(
            "2.clause",
            &format!(
                "clause 2 \"{}\"\n  quote \"{}\"\n\n\
                 pay: company pays employee {amount} on July 1, 2002\n\
                 perk: company provides employee \"{}\" from June 6, 2002 through December 31, 2002\n\
                 \n  assume \"{}\"\n",
                hostile("Pay"),
                hostile("pay"),
                hostile("perk"),
                hostile("assumed")
            ),
        )
        .write("source.txt", &format!("{}\n", hostile("pay")))
        .write(
            "scenarios/base.scenario",
            &format!(
                "scenario base \"{}\"\n  hypothetical \"{}\"\n  as of June 30, 2003\n",
                hostile("Base"),
                hostile("hyp")
            ),
        );
    folder
}

/// A control character a terminal (or a calendar, or a browser) would act
/// on: every C0 and C1 control but line feed and tab, DEL, and the
/// bidirectional embeddings, overrides and isolates.
fn is_raw_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn assert_no_raw_control(what: &str, output: &str) {
    if let Some((at, c)) = output.char_indices().find(|&(_, c)| is_raw_control(c)) {
        let before: String = output[..at].chars().rev().take(60).collect();
        let before: String = before.chars().rev().collect();
        panic!("{what}: raw {c:?} at byte {at}, after {before:?}");
    }
}

fn assert_no_user_html(what: &str, output: &str) {
    for tag in ["<script", "<img", "</script"] {
        assert!(!output.contains(tag), "{what}: raw `{tag}` in\n{output}");
    }
}

#[test]
fn check_shows_every_control_character_written_out() {
    let folder = hostile_agreement("$100.00");
    // A quote that is not in the source, and a file with a hostile name
    // and a mistake after hostile text on the same line: diagnostics quote
    // and draw all of it.
    folder
        .write(
            "3.clause",
            &format!("clause 3 \"t\"\n  quote \"{}\"\n", hostile("not there")),
        )
        .write(
            FILE_NAME,
            &format!(
                "clause 4 \"t\"\n  perk: company provides employee \"{COMMANDS}\" from Julyy 1, 2002\n"
            ),
        );
    for args in [
        vec!["check", folder.arg()],
        vec!["obligations", folder.arg()],
    ] {
        let output = clausec(&args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let stdout = text(&output.stdout);
        assert_no_raw_control(&format!("{args:?}"), &stdout);
        assert_no_raw_control(&format!("{args:?} stderr"), &text(&output.stderr));
        // Written out, readable, in messages, snippets and file names.
        assert!(stdout.contains("<ESC>[2J<ESC>]0;pwned<BEL>"), "{stdout}");
        assert!(stdout.contains("<U+009B>31m<U+202E>"), "{stdout}");
        assert!(stdout.contains("<CR>all checks passed.clause"), "{stdout}");
        assert!(stdout.contains("expected a date"), "{stdout}");
    }
}

#[test]
fn an_underline_stays_under_its_text_after_control_characters() {
    let folder = hostile_agreement("$100.00");
    folder.write(
        "4.clause",
        &format!(
            "clause 4 \"t\"\n  perk: company provides employee \"{COMMANDS}\" from Julyy 1, 2002\n"
        ),
    );
    let output = clausec(&["check", folder.arg()]);
    let stdout = text(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    let row = lines
        .iter()
        .position(|l| l.contains("from Julyy 1, 2002"))
        .unwrap_or_else(|| panic!("no snippet line in\n{stdout}"));
    let column = |line: &str, what: &str| line[..line.find(what).unwrap()].chars().count();
    let word = column(lines[row], "Julyy");
    let underline = column(lines[row + 1], "─");
    assert_eq!(
        word, underline,
        "the underline is not under `Julyy`:\n{stdout}"
    );
    // The header names the place in the file itself (miette counts the
    // column in bytes), not in the text as it is shown.
    let bytes_before = format!("  perk: company provides employee \"{COMMANDS}\" from ").len();
    assert!(
        stdout.contains(&format!("4.clause:2:{}]", bytes_before + 1)),
        "{stdout}"
    );
}

#[test]
fn obligations_in_every_format_carry_no_control_character_and_no_html() {
    let folder = hostile_agreement("$100.00");
    for format in ["text", "json", "markdown", "html", "ics", "csv"] {
        let output = clausec(&["obligations", folder.arg(), "--format", format]);
        assert_eq!(output.status.code(), Some(0), "{format}");
        let stdout = text(&output.stdout);
        let what = format!("--format {format}");
        // iCalendar and CSV lines end in CRLF, as RFC 5545 and 4180 require.
        let body = if format == "ics" || format == "csv" {
            stdout.replace("\r\n", "\n")
        } else {
            stdout.clone()
        };
        assert_no_raw_control(&what, &body);
        if !["text", "ics", "json", "csv"].contains(&format) {
            assert_no_user_html(&what, &stdout);
        }
        if format == "json" {
            let ledger: serde_json::Value = serde_json::from_str(&stdout).unwrap();
            // The same data: the escapes are JSON's own.
            assert_eq!(
                ledger["parties"][0]["name"].as_str().unwrap(),
                hostile("Acme")
            );
        }
    }
}

#[test]
fn the_agenda_in_every_format_carries_no_control_character() {
    let folder = hostile_agreement("$100.00");
    for format in ["text", "json", "ics", "csv"] {
        let output = clausec(&["agenda", folder.arg(), "--format", format]);
        assert_eq!(output.status.code(), Some(0), "{format}");
        let stdout = text(&output.stdout).replace("\r\n", "\n");
        assert!(
            stdout.contains("Acme"),
            "{format}: the agreement's items are listed"
        );
        assert_no_raw_control(&format!("agenda --format {format}"), &stdout);
    }
}

#[test]
fn markdown_leaves_no_markup_and_no_forged_row_or_heading() {
    let folder = hostile_agreement("$100.00");
    let output = clausec(&["obligations", folder.arg(), "--format", "markdown"]);
    let markdown = text(&output.stdout);
    assert_no_user_html("markdown", &markdown);
    for line in markdown.lines() {
        assert!(
            !line.starts_with('#') || line.starts_with("# Deal ") || line.starts_with("## "),
            "a forged heading: {line}"
        );
        assert!(!line.starts_with("| forged"), "a forged row: {line}");
        // Every `[` and `*` of the user's is escaped (the bold of a
        // party's role, before the user's words, is ours).
        if let Some(from) = line.find("&lt;ESC&gt;") {
            let words = &line[from..];
            let unescaped = |c: char| {
                words
                    .char_indices()
                    .filter(|&(i, ch)| ch == c && (i == 0 || words.as_bytes()[i - 1] != b'\\'))
                    .count()
            };
            assert_eq!(unescaped('['), 0, "{line}");
            assert_eq!(unescaped('*'), 0, "{line}");
        }
    }
    // The table of clause 2 has one header, one rule, two rows of six cells.
    let table: Vec<&str> = markdown
        .lines()
        .skip_while(|l| !l.starts_with("| id |"))
        .take_while(|l| l.starts_with('|'))
        .collect();
    assert_eq!(table.len(), 4, "{markdown}");
    for row in table {
        let cells = row.split('|').count() - row.matches("\\|").count();
        assert_eq!(cells, 8, "six cells in {row}");
    }
    // The user's words are still there, as text.
    assert!(
        markdown.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{markdown}"
    );
    assert!(markdown.contains("&lt;ESC&gt;\\[2J"), "{markdown}");
}

#[test]
fn the_html_page_escapes_tags_and_writes_out_controls() {
    let folder = hostile_agreement("$100.00");
    let page = text(&clausec(&["obligations", folder.arg(), "--format", "html"]).stdout);
    assert_no_user_html("html", &page);
    assert_no_raw_control("html", &page);
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(page.contains("&lt;ESC&gt;[2J"));
    assert_eq!(page.matches("<script").count(), 0);
}

/// RFC 5545, read strictly: CRLF after every line, no line over 75 octets,
/// a folded line starts with a space, no control character but tab in a
/// value, and dates of eight digits.
fn assert_valid_icalendar(ics: &str) {
    assert!(ics.ends_with("\r\n"));
    let lines: Vec<&str> = ics.strip_suffix("\r\n").unwrap().split("\r\n").collect();
    for line in &lines {
        assert!(line.len() <= 75, "over 75 octets: {line:?}");
        assert!(
            !line.chars().any(|c| c.is_control() && c != '\t'),
            "a control character in {line:?}"
        );
    }
    let unfolded = ics.replace("\r\n ", "");
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        assert!(line.contains(':'), "not a content line: {line:?}");
        for name in ["DTSTAMP:", "DTSTART;VALUE=DATE:", "DTEND;VALUE=DATE:"] {
            if let Some(value) = line.strip_prefix(name) {
                let date = value.trim_end_matches("T000000Z");
                assert!(
                    date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit()),
                    "not a date: {line:?}"
                );
            }
        }
    }
}

#[test]
fn the_calendar_is_valid_icalendar_whatever_its_text() {
    let folder = hostile_agreement("$100.00");
    let ics = text(&clausec(&["obligations", folder.arg(), "--format", "ics"]).stdout);
    assert_valid_icalendar(&ics);
    assert!(ics.contains("<ESC>[2J<ESC>]0\\;pwned<BEL>"), "{ics}");
}

#[test]
fn the_calendar_writes_no_date_past_9999() {
    let folder = Folder::new();
    folder
        .write(
            "agreement.clause",
            "agreement \"Far\"\n  dated June 6, 2002\n\nparty company \"A\"\nparty employee \"B\"\n\n\
             clause 1 \"Pay\"\n  pay: company pays employee $100.00 on December 31, 9999\n\
             perk: company provides employee \"x\" from December 1, 9999 through December 31, 9999\n",
        )
        .write(
            "scenarios/base.scenario",
            "scenario base \"b\"\n  as of December 31, 9999\n",
        );
    let output = clausec(&["obligations", folder.arg(), "--format", "ics"]);
    assert_eq!(output.status.code(), Some(0));
    let ics = text(&output.stdout);
    assert_valid_icalendar(&ics);
    // The payment on December 31, 9999, and the period's start and end: the
    // two one-day events on that last day end after it, as a duration.
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 3, "{ics}");
    assert_eq!(ics.matches("DURATION:P1D").count(), 2, "{ics}");
    assert!(!ics.contains("DTEND;VALUE=DATE:1000"), "{ics}");
}

#[test]
fn an_as_of_date_outside_the_years_1_to_9999_is_refused() {
    let folder = hostile_agreement("$100.00");
    for date in ["+10000-01-01", "0000-12-31", "-0001-01-01"] {
        let output = clausec(&[
            "obligations",
            folder.arg(),
            "--format",
            "ics",
            &format!("--as-of={date}"),
        ]);
        assert_eq!(output.status.code(), Some(2), "{date}");
        let stderr = text(&output.stderr);
        assert!(stderr.contains("from the year 1 to 9999"), "{stderr}");
        assert!(output.stdout.is_empty());
    }
    for date in ["0001-01-01", "9999-12-31"] {
        let output = clausec(&[
            "obligations",
            folder.arg(),
            "--format",
            "ics",
            &format!("--as-of={date}"),
        ]);
        assert_eq!(output.status.code(), Some(0), "{date}");
        assert_valid_icalendar(&text(&output.stdout));
    }
}

#[test]
fn a_date_in_the_year_0_is_refused_with_its_place_and_help() {
    let folder = Folder::new();
    folder.write(
        "agreement.clause",
        "agreement \"Zero\"\n  dated 0000-06-06\n\nparty company \"A\"\nparty employee \"B\"\n\n\
         clause 1 \"Pay\"\n  pay: company pays employee $100.00 on July 1, 2002\n",
    );
    let output = clausec(&["check", folder.arg(), "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let found = &report["diagnostics"][0];
    assert_eq!(
        found["code"], "clausec::syntax::impossible_date",
        "{report:#}"
    );
    assert_eq!(
        (found["line"].as_u64(), found["column"].as_u64()),
        (Some(2), Some(9))
    );
    assert!(
        found["help"]
            .as_str()
            .unwrap()
            .contains("from the year 1 to 9999"),
        "{report:#}"
    );
}

#[test]
fn diff_shows_changes_without_control_characters() {
    let old = hostile_agreement("$100.00");
    let new = hostile_agreement("$200.00");
    // A new obligation quotes the user's words in its summary.
    new.write(
        "5.clause",
        &format!(
            "clause 5 \"{}\"\n  gift: company provides employee \"{}\" from June 6, 2002 through June 30, 2002\n",
            hostile("Gift"),
            hostile("gift")
        ),
    );
    let output = clausec(&["diff", old.arg(), new.arg()]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert_no_raw_control("diff", &stdout);
    assert!(
        stdout.contains("added") && stdout.contains("<ESC>[2J"),
        "{stdout}"
    );
}

#[test]
fn fmt_names_a_hostile_file_without_control_characters() {
    let folder = hostile_agreement("$100.00");
    // Badly laid out, so that fmt --check names it.
    folder.write(FILE_NAME, "clause 4 \"t\"\n      quote \"x\"\n");
    let output = clausec(&["fmt", "--check", folder.arg()]);
    let stdout = text(&output.stdout);
    assert!(stdout.contains("would reformat"), "{stdout}");
    assert!(stdout.contains("<CR>all checks passed.clause"), "{stdout}");
    assert_no_raw_control("fmt", &stdout);
}

#[test]
fn an_error_quoting_an_argument_writes_out_its_control_characters() {
    let folder = hostile_agreement("$100.00");
    let scenario = "no\x1b[2J\rall checks passed";
    let output = clausec(&["obligations", folder.arg(), "--scenario", scenario]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("<ESC>[2J<CR>all checks passed"), "{stderr}");
    assert_no_raw_control("stderr", &stderr);
    let missing = folder.0.join("no\x1b]0;title\x07such");
    let output = clausec(&["check", missing.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert_no_raw_control("stderr", &text(&output.stderr));
}

/// The language server's hover is Markdown that the editor renders: a
/// party's name must show as text, not as an image, a link or a heading.
#[test]
fn a_hover_shows_the_users_words_as_text() {
    use std::io::Write;
    let folder = hostile_agreement("$100.00");
    let clause = std::fs::read_to_string(folder.0.join("2.clause")).unwrap();
    let (line, content) = clause
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("pay: company"))
        .unwrap();
    let column = content.find("company").unwrap() + 1;
    let root = format!("file://{}", folder.arg());
    let uri = format!("{root}/2.clause");
    let messages = [
        serde_json::json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {"processId": null, "rootUri": root, "capabilities": {}}}),
        serde_json::json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
        serde_json::json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params":
            {"textDocument": {"uri": uri, "languageId": "clause", "version": 1, "text": clause}}}),
        serde_json::json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params":
            {"textDocument": {"uri": uri}, "position": {"line": line, "character": column}}}),
        serde_json::json!({"jsonrpc": "2.0", "id": 3, "method": "shutdown", "params": null}),
        serde_json::json!({"jsonrpc": "2.0", "method": "exit", "params": null}),
    ];
    let mut server = Command::new(env!("CARGO_BIN_EXE_clausec"))
        .arg("lsp")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = server.stdin.take().unwrap();
    for message in messages {
        let body = message.to_string();
        write!(input, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    }
    drop(input);
    let output = server.wait_with_output().unwrap();
    let stdout = text(&output.stdout);
    let hover = stdout
        .split("Content-Length: ")
        .filter_map(|frame| frame.split_once("\r\n\r\n"))
        .filter_map(|(_, body)| serde_json::from_str::<serde_json::Value>(body).ok())
        .find(|message| message["id"] == 2)
        .unwrap_or_else(|| panic!("no hover in {stdout}"));
    let value = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(value.starts_with("**company** — party: Acme"), "{value}");
    assert_no_user_html("hover", value);
    assert_no_raw_control("hover", value);
    assert!(!value.contains("\n#") && !value.contains("\n|"), "{value}");
    assert!(
        value.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{value}"
    );
}
