//! bytes → the language server, as an editor's whole conversation: its
//! framing (`src/cli/lsp/frame.rs`), the decoding of messages, the
//! protocol's states, and every request and notification it answers. The
//! server lives in the binary; this target includes its module by path and
//! runs `lsp::serve` on the input, with the bundled `clauses/` folder as the
//! workspace (read, never written: the server writes nothing).
//!
//! The input is split at NUL bytes (JSON has none outside escapes). A part
//! that starts with `{` is a message body and is framed here with its right
//! `Content-Length`, so that mutations of the JSON reach the requests; any
//! other part is written as it is, so that headers and framing are fuzzed
//! too. `$ROOT` in a part stands for the workspace's `file://` URI, so that
//! the seeds name the bundled agreements wherever the repository is. Every
//! conversation starts with a fixed `initialize` for that workspace.
//!
//! Failures: a panic; anything the server writes that is not a sequence of
//! well-formed frames of JSON-RPC 2.0 objects; an exit code other than 0
//! (after `shutdown`) or 1.

#![no_main]

#[allow(dead_code)]
#[path = "../../src/cli/lsp/mod.rs"]
mod lsp;

use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The bundled agreements' folder, with every link resolved.
fn workspace() -> &'static PathBuf {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../clauses")
            .canonicalize()
            .expect("the bundled clauses/ folder")
    })
}

fn frame(body: &[u8], into: &mut Vec<u8>) {
    into.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    into.extend_from_slice(body);
}

/// The bytes the editor sends: `initialize`, then the input's parts.
fn conversation(data: &[u8]) -> Vec<u8> {
    let root = format!("file://{}", workspace().display());
    let mut input = Vec::new();
    let initialize = format!(
        r#"{{"jsonrpc":"2.0","id":0,"method":"initialize","params":{{"processId":null,"rootUri":"{root}","capabilities":{{}}}}}}"#
    );
    frame(initialize.as_bytes(), &mut input);
    for part in data.split(|b| *b == 0) {
        let part = String::from_utf8_lossy(part).replace("$ROOT", &root);
        if part.starts_with('{') {
            frame(part.as_bytes(), &mut input);
        } else {
            input.extend_from_slice(part.as_bytes());
        }
    }
    input
}

/// Everything the server wrote must be frames of JSON-RPC 2.0 objects.
fn check_output(mut output: &[u8]) {
    while !output.is_empty() {
        let text = String::from_utf8_lossy(output.get(..64).unwrap_or(output)).into_owned();
        let header_end = output
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or_else(|| panic!("a frame without the end of its header: {text:?}"));
        let header = std::str::from_utf8(output.get(..header_end).unwrap_or_default())
            .unwrap_or_else(|_| panic!("a header that is not text: {text:?}"));
        let length: usize = header
            .strip_prefix("Content-Length: ")
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("a header that is not one Content-Length: {header:?}"));
        let body_start = header_end + 4;
        let body = output
            .get(body_start..body_start + length)
            .unwrap_or_else(|| panic!("a body shorter than its Content-Length: {text:?}"));
        let message: serde_json::Value = serde_json::from_slice(body)
            .unwrap_or_else(|e| panic!("a body that is not JSON ({e}): {text:?}"));
        assert_eq!(message["jsonrpc"], "2.0", "{message}");
        output = output.get(body_start + length..).unwrap_or_default();
    }
}

fuzz_target!(|data: &[u8]| {
    let input = conversation(data);
    let mut output = Vec::new();
    let code = lsp::serve(
        input.as_slice(),
        &mut output,
        std::io::sink(),
        workspace().clone(),
    );
    assert!(code <= 1, "exit code {code}");
    check_output(&output);
});
