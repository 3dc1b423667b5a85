//! bytes → an agreement held in memory → `clausec::analyze_with`, then the
//! diagnostics rendered as text and JSON, and, when the agreement is free of
//! errors, the ledger of every scenario in all three formats.
//!
//! The input is split at NUL bytes (a NUL is never valid in a clause file):
//!
//! - `CLAUSES`: one clause file next to the Lovelock letter's header
//!   (`agreement.clause`) and its `source.txt` — the bundled clause files
//!   are seeds of this shape;
//! - `HEADER \0 CLAUSES`: the header is fuzzed too (an empty `HEADER`
//!   stands for the Lovelock header);
//! - `HEADER \0 CLAUSES \0 SCENARIO`: plus one scenario file, so that odd
//!   clauses are also evaluated under a scenario.
//!
//! The files are given to `analyze_with` as an overlay, the way the language
//! server passes an editor's unsaved buffers: nothing is written per input.
//! On disk there is only a folder holding the letter's `source.txt`.

#![no_main]

mod common;

use clausec::load::Overlay;
use clausec::source::SourceMap;
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

const HEADER: &[u8] = include_bytes!("../../clauses/lovelock-severance/agreement.clause");
const SOURCE: &[u8] = include_bytes!("../../clauses/lovelock-severance/source.txt");

fn folder() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = common::fresh_dir("check");
        common::write(&dir.join("source.txt"), SOURCE);
        dir
    })
}

/// An overlay text, as the language server would hold it: bytes that are not
/// UTF-8 are replaced, as an editor would show them.
fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fuzz_target!(|data: &[u8]| {
    let dir = folder();
    let mut parts = data.splitn(3, |b| *b == 0);
    let first = parts.next().unwrap_or_default();
    let (header, clauses, scenario) = match (parts.next(), parts.next()) {
        (None, _) => (HEADER, first, None),
        (Some(clauses), scenario) => {
            let header = if first.is_empty() { HEADER } else { first };
            (header, clauses, scenario)
        }
    };
    let mut overlay = Overlay::new();
    overlay.insert(dir.join("agreement.clause"), text(header));
    overlay.insert(dir.join("fuzz.clause"), text(clauses));
    if let Some(scenario) = scenario {
        overlay.insert(dir.join("scenarios").join("fuzz.scenario"), text(scenario));
    }
    let mut sources = SourceMap::default();
    let analysis = clausec::analyze_with(dir, &mut sources, &overlay)
        .unwrap_or_else(|e| panic!("the harness's folder is unreadable: {e}"));
    common::render_all(&analysis, &sources);
});
