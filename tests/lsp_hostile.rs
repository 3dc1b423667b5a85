//! The language server against a hostile editor (issue 18): frames that
//! declare absurd lengths, garbage, requests out of turn, and URIs naming a
//! pipe, a device, a file outside the workspace or a link leading out. The
//! server must answer each within seconds, keep its memory small, read
//! nothing outside the workspace, and go on answering.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::thread::JoinHandle;
use std::time::Duration;

/// How long any answer may take: a guard against a hang, not a timing.
const PATIENCE: Duration = Duration::from_secs(5);

/// A `clausec lsp` process, read by a thread so that a server that never
/// answers fails the test instead of hanging it.
struct Server {
    child: Child,
    input: ChildStdin,
    messages: Receiver<Value>,
    stderr: Option<JoinHandle<String>>,
    /// Notifications received while waiting for responses.
    notifications: Vec<Value>,
}

impl Server {
    /// Starts the server in `cwd`, and initializes it with `root` as the
    /// workspace's root URI (`None`: no root).
    fn start(cwd: &Path, root: Option<&Path>) -> Server {
        let mut server = Server::spawn(cwd);
        let root = root.map(|r| format!("file://{}", r.display()));
        let init = server.request(
            1,
            "initialize",
            json!({"processId": null, "rootUri": root, "capabilities": {}}),
        );
        assert!(init["result"]["capabilities"].is_object(), "{init}");
        server.notify("initialized", json!({}));
        server
    }

    fn spawn(cwd: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_clausec"))
            .arg("lsp")
            .current_dir(cwd)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let input = child.stdin.take().unwrap();
        let mut output = BufReader::new(child.stdout.take().unwrap());
        let mut stderr = child.stderr.take().unwrap();
        let (sender, messages) = mpsc::channel();
        std::thread::spawn(move || {
            while let Some(message) = read_frame(&mut output) {
                if sender.send(message).is_err() {
                    return;
                }
            }
        });
        let stderr = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            text
        });
        Server {
            child,
            input,
            messages,
            stderr: Some(stderr),
            notifications: Vec::new(),
        }
    }

    fn send_raw(&mut self, bytes: &[u8]) {
        self.input.write_all(bytes).unwrap();
        self.input.flush().unwrap();
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        self.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message that is not a notification.
    fn response(&mut self, what: &str) -> Value {
        loop {
            let message = self
                .messages
                .recv_timeout(PATIENCE)
                .unwrap_or_else(|_| panic!("no answer to {what} within {PATIENCE:?}"));
            if message.get("method").is_some() {
                self.notifications.push(message);
            } else {
                return message;
            }
        }
    }

    fn request(&mut self, id: i64, method: &str, params: Value) -> Value {
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let response = self.response(method);
        assert_eq!(response["id"], id, "{response}");
        response
    }

    /// The document symbols of a file, as the server answers for them.
    fn symbols(&mut self, id: i64, uri: &str) -> Value {
        self.request(
            id,
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        )
    }

    /// The most memory the process has held so far, in KiB.
    fn peak_memory_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    }

    fn assert_memory_small(&self) {
        let peak = self.peak_memory_kib();
        assert!(peak < 128 * 1024, "the server held {peak} KiB");
    }

    /// Ends the conversation with `shutdown` and `exit`: the exit code, and
    /// what the server wrote to standard error.
    fn stop(mut self) -> (Option<i32>, String) {
        let response = self.request(999, "shutdown", Value::Null);
        assert!(response["error"].is_null(), "{response}");
        self.notify("exit", Value::Null);
        self.wait()
    }

    fn wait(mut self) -> (Option<i32>, String) {
        for _ in 0..50 {
            if let Some(status) = self.child.try_wait().unwrap() {
                let stderr = self.stderr.take().unwrap().join().unwrap();
                assert!(!stderr.contains("panicked"), "{stderr}");
                return (status.code(), stderr);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("the server did not exit within {PATIENCE:?}");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One message from the server, or `None` when its output ends.
fn read_frame(output: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if output.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    output.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// A fresh, empty folder of this test's own.
fn scratch_dir() -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("clausec-lsp-hostile-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.canonicalize().unwrap()
}

/// A workspace holding a copy of the Lovelock letter in `letter/`.
fn workspace() -> PathBuf {
    let workspace = scratch_dir();
    let letter = Path::new(env!("CARGO_MANIFEST_DIR")).join("clauses/lovelock-severance");
    std::fs::create_dir_all(workspace.join("letter/scenarios")).unwrap();
    for name in [
        "agreement.clause",
        "1.clause",
        "2.clause",
        "source.txt",
        "scenarios/base.scenario",
    ] {
        std::fs::copy(letter.join(name), workspace.join("letter").join(name)).unwrap();
    }
    workspace
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// The server still answers, from the letter's own file.
fn assert_still_answers(server: &mut Server, workspace: &Path, id: i64) {
    let symbols = server.symbols(id, &uri(&workspace.join("letter/1.clause")));
    let names = symbols["result"].to_string();
    assert!(names.contains("clause 1"), "{symbols}");
}

#[test]
fn absurd_content_lengths_are_refused_before_allocating_and_the_server_goes_on() {
    let workspace = workspace();
    for length in ["1000000000000", "18446744073709551615", "2000000000"] {
        let mut server = Server::start(&workspace, Some(&workspace));
        server.send_raw(format!("Content-Length: {length}\r\n\r\n").as_bytes());
        let refused = server.response(&format!("`Content-Length: {length}`"));
        assert_eq!(refused["id"], Value::Null, "{refused}");
        assert_eq!(refused["error"]["code"], -32700, "{refused}");
        assert!(
            refused["error"]["message"]
                .as_str()
                .unwrap()
                .contains("the limit is 32 MiB"),
            "{refused}"
        );
        assert_still_answers(&mut server, &workspace, 2);
        server.assert_memory_small();
        let (code, stderr) = server.stop();
        assert_eq!(code, Some(0), "{length}: {stderr}");
        assert!(stderr.contains("the limit is 32 MiB"), "{stderr}");
    }
    std::fs::remove_dir_all(workspace).unwrap();
}

#[test]
fn garbage_frames_and_malformed_requests_get_errors_and_do_not_stop_the_server() {
    let workspace = workspace();
    let mut server = Server::spawn(&workspace);
    // Before `initialize`, a request is refused.
    let early = server.request(1, "textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002, "{early}");
    server.send(json!({"jsonrpc": "2.0", "id": 2, "method": "initialize", "params": {"processId": null, "rootUri": null, "capabilities": {}}}));
    assert!(server.response("initialize")["result"]["capabilities"].is_object());

    let huge_header = format!("X-Junk: {}\r\n\r\n", "a".repeat(100_000));
    let garbage: [&[u8]; 5] = [
        b"hello\r\n\r\n",
        b"Content-Length: twelve\r\n\r\n",
        huge_header.as_bytes(),
        b"Content-Length: 8\r\n\r\nnot json",
        b"Content-Length: 5\r\n\r\n[1,2]",
    ];
    for (n, bytes) in garbage.iter().enumerate() {
        server.send_raw(bytes);
        let refused = server.response(&format!("garbage {n}"));
        assert_eq!(refused["id"], Value::Null, "{n}: {refused}");
        assert!(refused["error"]["code"].is_i64(), "{n}: {refused}");
        assert_still_answers(&mut server, &workspace, 10 + n as i64);
    }
    // A request with parameters of the wrong shape is answered with an error.
    let wrong = server.request(20, "textDocument/hover", json!("nothing like it"));
    assert_eq!(wrong["error"]["code"], -32602, "{wrong}");
    // A message with an `id` but no usable shape is refused under its `id`.
    server.send(json!({"jsonrpc": "2.0", "id": 21, "method": 5}));
    let invalid = server.response("an invalid request");
    assert_eq!(invalid["id"], 21, "{invalid}");
    assert_eq!(invalid["error"]["code"], -32600, "{invalid}");
    // A notification with bad parameters is dropped.
    server.notify("textDocument/didOpen", json!({"textDocument": 3}));
    assert_still_answers(&mut server, &workspace, 22);
    server.assert_memory_small();
    let (code, stderr) = server.stop();
    assert_eq!(code, Some(0));
    assert!(stderr.contains("clausec lsp: ignored"), "{stderr}");
    std::fs::remove_dir_all(workspace).unwrap();
}

#[test]
fn a_second_shutdown_is_answered_and_exit_still_ends_the_server_cleanly() {
    let workspace = workspace();
    let mut server = Server::start(&workspace, Some(&workspace));
    let first = server.request(2, "shutdown", Value::Null);
    assert!(first["error"].is_null(), "{first}");
    // Asked again, `shutdown` is answered again; any other request is
    // refused, as the protocol asks after `shutdown`.
    let second = server.request(3, "shutdown", Value::Null);
    assert!(second["error"].is_null(), "{second}");
    let hover = server.request(4, "textDocument/hover", json!({}));
    assert_eq!(hover["error"]["code"], -32600, "{hover}");
    server.notify("exit", Value::Null);
    let (code, stderr) = server.wait();
    assert_eq!(code, Some(0), "{stderr}");

    // `exit` without `shutdown` is exit code 1, as the protocol says.
    let mut server = Server::start(&workspace, Some(&workspace));
    server.notify("exit", Value::Null);
    assert_eq!(server.wait().0, Some(1));
    std::fs::remove_dir_all(workspace).unwrap();
}

#[test]
fn pipes_devices_and_files_outside_the_workspace_are_not_read() {
    let workspace = workspace();
    let letter = workspace.join("letter");
    let outside = scratch_dir();
    let secret = outside.join("secret.clause");
    std::fs::write(&secret, "clause 77 \"Secret\"\n").unwrap();
    let status = Command::new("mkfifo")
        .arg(letter.join("pipe.clause"))
        .status()
        .unwrap();
    assert!(status.success());
    std::os::unix::fs::symlink(&secret, letter.join("link.clause")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", letter.join("zero.clause")).unwrap();
    std::os::unix::fs::symlink(&outside, workspace.join("linked-folder")).unwrap();
    let big = "# a comment line that pads this file past the size limit\n";
    std::fs::write(
        letter.join("big.clause"),
        big.repeat(9 * 1024 * 1024 / big.len()),
    )
    .unwrap();

    // The server starts outside the workspace: the editor's root counts.
    let mut server = Server::start(&outside, Some(&workspace));
    let refused = [
        uri(&letter.join("pipe.clause")),
        uri(&letter.join("link.clause")),
        uri(&letter.join("zero.clause")),
        uri(&letter.join("big.clause")),
        uri(&workspace.join("linked-folder/secret.clause")),
        uri(&secret),
        "file:///dev/zero".to_owned(),
        "file:///proc/self/environ".to_owned(),
        format!(
            "file://{}/letter/../../{}",
            workspace.display(),
            secret.strip_prefix("/").unwrap().display()
        ),
    ];
    for (n, file) in refused.iter().enumerate() {
        let id = 10 + 2 * n as i64;
        let symbols = server.symbols(id, file);
        assert_eq!(symbols["result"], Value::Null, "{file}: {symbols}");
        let hover = server.request(
            id + 1,
            "textDocument/hover",
            json!({"textDocument": {"uri": file}, "position": {"line": 0, "character": 8}}),
        );
        assert_eq!(hover["result"], Value::Null, "{file}: {hover}");
        assert_still_answers(&mut server, &workspace, 100 + n as i64);
    }
    // An editor's text of a file outside is not analysed either: no
    // diagnostics come back for it (they would come before the answer).
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri(&secret), "languageId": "clause", "version": 1, "text": "clause 1 \"((((\""}}),
    );
    assert_still_answers(&mut server, &workspace, 200);
    assert!(
        !server
            .notifications
            .iter()
            .any(|n| n.to_string().contains("secret.clause")),
        "{:?}",
        server.notifications
    );
    server.assert_memory_small();
    let (code, stderr) = server.stop();
    assert_eq!(code, Some(0), "{stderr}");
    std::fs::remove_dir_all(workspace).unwrap();
    std::fs::remove_dir_all(outside).unwrap();
}

#[test]
fn an_editor_text_over_the_size_limit_is_refused_as_check_refuses_the_file() {
    let workspace = workspace();
    let mut server = Server::start(&workspace, Some(&workspace));
    let line = "# a comment line that pads this text past the size limit\n";
    let text = line.repeat(9 * 1024 * 1024 / line.len());
    let file = uri(&workspace.join("letter/2.clause"));
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": file, "languageId": "clause", "version": 1, "text": text}}),
    );
    assert_still_answers(&mut server, &workspace, 2);
    let published = server
        .notifications
        .iter()
        .rev()
        .find(|n| n["params"]["uri"] == file)
        .expect("diagnostics for the opened file")
        .clone();
    // The whole file is refused, as `check` refuses it, before any clause
    // of it is parsed.
    assert!(
        published
            .to_string()
            .contains("this file is larger than 8 MiB"),
        "{published}"
    );
    server.assert_memory_small();
    server.stop();
    std::fs::remove_dir_all(workspace).unwrap();
}

#[test]
fn completion_and_hover_at_the_end_of_a_line_of_a_mebibyte_answer() {
    let workspace = workspace();
    let mut server = Server::start(&workspace, Some(&workspace));
    // One obligation whose terms run on for 1 MiB on a single line: what
    // the cursor's context is, and which phrase a word belongs to, are
    // read from the words near it, not by scanning the line per phrase.
    let terms = "on ".repeat(350_000);
    let text = format!("clause 9 \"Long\"\n  s: company pays employee $1 {terms}");
    let path = workspace.join("letter/long.clause");
    std::fs::write(&path, &text).unwrap();
    let file = uri(&path);
    let end = json!({"line": 1, "character": text.lines().nth(1).unwrap().len()});
    let completion = server.request(
        2,
        "textDocument/completion",
        json!({"textDocument": {"uri": file}, "position": end}),
    );
    assert!(completion["result"].is_array(), "{completion}");
    let last_word = json!({"line": 1, "character": text.lines().nth(1).unwrap().len() - 2});
    let hover = server.request(
        3,
        "textDocument/hover",
        json!({"textDocument": {"uri": file}, "position": last_word}),
    );
    assert!(
        hover["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("the due date"),
        "{hover}"
    );
    assert_still_answers(&mut server, &workspace, 4);
    server.assert_memory_small();
    server.stop();
    std::fs::remove_dir_all(workspace).unwrap();
}
